"""A whole residents' evening, played through the real keys of every screen, to the Word files.

Each rule of BaZ has its own tests; this one runs the path between them, the way a chair and a
note-taker press it on a Tuesday evening: attendance at the door (a correction undone, a late
arrival), the agenda adopted and walked through against the clock, speakers on three items —
moving on while someone still has the floor, a point of order, a pause, a meeting break — a
problem tree with dots and an idea made an action point, a two-thirds vote counted with + and
typed numbers and declared, a decision and an action point, the meeting closed, and both Word
versions exported. Then the Word files are read back and checked against what was done.

It reads as the evening: one method per step, in order. When a feature is added, add its step
where it happens in a meeting, and its check to the minutes at the end. The clock is the test's
(``Clock``): it moves only when a step says time passes, so every figure below is exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from textual.pilot import Pilot

from models.domain import Presence, Purpose
from models.i18n import _
from models.records.meeting import MeetingInfo
from models.store import Store
from screens.agenda import AgendaScreen
from screens.analysis import AnalysisScreen
from screens.attendance import AttendanceScreen
from screens.minutes import MinutesScreen
from screens.speakers import SpeakersScreen
from screens.votes import VotesScreen
from screens.widgets.choice import ChoiceDialog
from screens.widgets.confirm import ConfirmDialog
from screens.widgets.form_dialog import FormDialog
from tests.conftest import Clock, make_app, wait_loaded

#: The note-taker's notes on the playground: a resident who did not agree to be named, and
#: ordinary words that are also surnames (Anna Bakker is on the list).
NOTES = (
    "Fatima Ouali vraagt om meer groen en schaduw. De bakker op de hoek wil bloembakken sponsoren."
)


# ----------------------------------------------------------------------- the evening


@dataclass
class Evening:
    """The app on the test's clock, and what the chair pressed and saw, step by step."""

    pilot: Pilot[Any]
    store: Store
    clock: Clock
    meeting: MeetingInfo
    #: What the minutes must say, collected while the evening runs.
    spoken: dict[str, list[int]] = field(default_factory=dict)
    moments: dict[str, str] = field(default_factory=dict)

    # -------------------------------------------------------------- the chair's hands

    async def press(self, *keys: str) -> None:
        for key in keys:
            await self.pilot.press(key)
            await self.pilot.pause()

    async def type(self, text: str) -> None:
        await self.pilot.press(*["space" if c == " " else c for c in text])
        await self.pilot.pause()

    async def until(self, condition: Callable[[], bool], what: str) -> None:
        for _attempt in range(100):
            if condition():
                return
            await self.pilot.pause(0.05)
        raise AssertionError(f"waited in vain for: {what}")

    async def go(self, key: str, screen: type) -> Any:
        await self.press(key)
        await self.until(lambda: isinstance(self.pilot.app.screen, screen), screen.__name__)
        return self.pilot.app.screen

    def minutes_pass(self, minutes: float = 0, seconds: float = 0) -> None:
        self.clock.advance(minutes=minutes, seconds=seconds)

    def status(self) -> str:
        return str(self.pilot.app.screen.query_one("#status").render())

    def now(self) -> str:
        from models.rules.formatting import format_time

        return format_time(self.clock())

    def presence(self) -> dict[str, Presence]:
        return {a.name: a.presence for a in self.store.list_attendees(self.meeting.id)}

    def agenda(self) -> list[Any]:
        return self.store.list_agenda(self.meeting.id)

    # ------------------------------------------------------------------ the steps

    async def at_the_door(self) -> None:
        """19:25. Opening the meeting shows the list at the door; A, K, W mark, U corrects."""
        await self.press("enter")
        await self.until(lambda: isinstance(self.pilot.app.screen, AttendanceScreen), "door")
        # Alphabetical: Anna, Els, Fatima, Jan, Kees, Mohammed, Piet, Sanne.
        await self.press("a")  # Anna is here; the cursor stays on her
        await self.press("down", "k")  # Els "with notice": the wrong key
        assert self.presence()["Els Verbeek"] is Presence.AFWEZIG_MET_KENNISGEVING
        await self.press("u")  # taken back
        assert self.presence()["Els Verbeek"] is Presence.ONBEKEND
        assert self.presence()["Anna Bakker"] is Presence.AANWEZIG
        for name, key in (
            ("Els", "a"),
            ("Fatima", "a"),
            ("Jan", "a"),
            ("Kees", "a"),
            ("Mohammed", "a"),
            ("Piet", "k"),  # sent notice
        ):
            await self.press("slash")
            await self.type(name)
            await self.press("enter", key)
        presence = self.presence()
        assert presence["Piet Jansen"] is Presence.AFWEZIG_MET_KENNISGEVING
        assert presence["Sanne Visser"] is Presence.ONBEKEND  # not here yet
        assert sum(p is Presence.AANWEZIG for p in presence.values()) == 6

    async def start_and_adopt_the_agenda(self) -> None:
        """19:30. S starts the meeting, V runs the items in turn; A records the adoption."""
        self.minutes_pass(5)
        await self.go("f2", AgendaScreen)
        await self.press("s")
        self.moments["start"] = self.now()
        await self.press("v")  # 1. Opening
        self.minutes_pass(3)
        await self.press("v")  # 2. Vaststellen agenda
        await self.press("a")
        assert self.store.get_meeting(self.meeting.id).agenda_adopted_at == self.clock()
        for _formality in range(3):  # 3. Mededelingen, 4. Ingekomen stukken, 5. Notulen
            self.minutes_pass(2)
            await self.press("v")
        self.minutes_pass(2)
        await self.press("v")  # 6. Actielijst
        assert self.running().title == _("Action list")

    def running(self) -> Any:
        state = self.store.agenda_state(self.meeting.id)
        assert state.running_item is not None
        return state.running_item

    async def give_the_floor(self, *names: str) -> None:
        """+ a name, Enter: each on the list of the running item."""
        for name in names:
            await self.press("plus")
            await self.type(name)
            await self.press("enter")

    def record(self, name: str, seconds: int) -> None:
        self.spoken.setdefault(name, []).append(seconds)

    async def speakers_on_the_action_list(self) -> None:
        """Jan asks about last month's action point: one minute."""
        screen = await self.go("f3", SpeakersScreen)
        assert screen.item_id == self.running().id
        await self.give_the_floor("Jan")
        await self.press("space")
        self.minutes_pass(seconds=60)
        await self.press("space")  # his turn ends; nobody waits
        self.record("Jan de Vries", 60)

    async def the_playground_discussion(self) -> None:
        """The content item: three speakers, an anonymous resident, a point of order, a pause."""
        self.minutes_pass(1)
        await self.go("f2", AgendaScreen)
        await self.press("v")  # 7. Speelplein
        assert self.running().title == "Speelplein: wat is het probleem?"
        # The note-taker writes while the room talks (Tab to the notes, Esc back).
        await self.press("tab")
        await self.type(NOTES)
        await self.press("escape")
        assert self.running().notes == NOTES  # saved when the notes are left
        await self.go("f3", SpeakersScreen)
        await self.give_the_floor("Fatima", "Mohammed")
        # Someone not on the list: as an anonymous resident (B in the dialog).
        await self.press("plus")
        await self.type("Buurman")
        await self.press("enter")
        assert isinstance(self.pilot.app.screen, ChoiceDialog)
        await self.press("b")
        await self.press("space")  # Fatima
        self.minutes_pass(seconds=100)
        await self.press("space")  # Mohammed
        self.record("Fatima Ouali", 100)
        # Kees: a point of order goes before the others waiting.
        await self.press("o")
        await self.type("Kees")
        await self.press("enter")
        self.minutes_pass(seconds=30)
        await self.press("space")  # Kees, before the anonymous resident
        self.record("Mohammed El Amrani", 30)
        state = self.store.speaker_state(self.running().id)
        assert state.current is not None and state.current.name == "Kees Dekker"
        self.minutes_pass(seconds=20)
        await self.press("space")  # the anonymous resident
        self.record("Kees Dekker", 20)
        self.minutes_pass(seconds=20)
        await self.press("p")  # the chair stops the clock for a question from the room
        self.minutes_pass(seconds=15)
        await self.press("p")
        self.minutes_pass(seconds=20)
        await self.press("space")  # 40 s spoken: the 15 paused do not count
        self.record(_("Anonymous residents"), 40)

    async def the_problem_tree(self) -> None:
        """F4: the core problem, a cause, an idea under it, three dots; the idea an action."""
        screen = await self.go("f4", AnalysisScreen)
        assert screen.item_id == self.running().id
        # Each card is typed in the line under the tree, Enter adds it (no dialog).
        await self.press("k")
        await self.type("Het plein wordt weinig gebruikt")
        await self.press("enter")
        await self.press("o")
        await self.type("Geen schaduw in de zomer")
        await self.press("enter")
        await self.press("i")  # with the cause selected: an idea that tackles it
        await self.type("Schaduwdoeken bij de zandbak")
        await self.press("enter")
        state = self.store.analysis_state(self.running().id)
        assert state.core is not None and len(state.causes) == 1 and len(state.ideas) == 1
        idea = state.ideas[0]
        assert screen.selected is not None and screen.selected.id == idea.id
        await self.press("plus", "plus", "plus")
        assert self.store.analysis_state(self.running().id).ideas[0].dots == 3
        await self.press("a")  # the idea becomes an action point
        assert isinstance(self.pilot.app.screen, FormDialog)
        await self.fill("who", "Els Verbeek")
        await self.fill("due", "22-12-2026")
        await self.press("ctrl+s")
        await self.until(lambda: isinstance(self.pilot.app.screen, AnalysisScreen), "analysis")
        self.minutes_pass(5)

    async def fill(self, name: str, text: str) -> None:
        from textual.widgets import Input

        widget = self.pilot.app.screen.query_one(f"#field-{name}", Input)
        widget.value = ""
        widget.focus()
        await self.pilot.pause()
        await self.type(text)

    async def moving_on_while_someone_speaks(self) -> None:
        """Mohammed has the floor again when the chair presses V on the agenda: his turn ends
        there, at 45 s, and does not count on in the next item (S10)."""
        await self.go("f3", SpeakersScreen)
        await self.give_the_floor("Mohammed")
        await self.press("space")
        self.minutes_pass(seconds=45)
        await self.go("f2", AgendaScreen)
        await self.press("v")  # 8. Keuze ontwerp
        self.record("Mohammed El Amrani", 45)
        playground = self.agenda()[6]
        state = self.store.speaker_state(playground.id)
        assert state.current is None and state.done[0].spoken_seconds == 45
        assert state.done[0].ended_at == playground.ended_at == self.clock()
        self.minutes_pass(minutes=9)  # ... and nine minutes later nothing has counted on
        screen = await self.go("f3", SpeakersScreen)
        assert screen.item_id == self.running().id and screen.state.current is None

    async def a_break_while_els_speaks(self) -> None:
        """Els has the floor when the chair calls the coffee break: her clock stands still for
        the ten minutes, and runs on after. Sanne arrives during the break."""
        await self.give_the_floor("Els")
        await self.press("space")
        self.minutes_pass(seconds=50)
        await self.go("f2", AgendaScreen)
        await self.press("p")  # the break
        self.minutes_pass(minutes=5)
        await self.go("f7", AttendanceScreen)
        await self.press("slash")
        await self.type("Sanne")
        await self.press("enter", "a")  # the late arrival
        assert self.presence()["Sanne Visser"] is Presence.AANWEZIG
        self.minutes_pass(minutes=5)
        screen = await self.go("f3", SpeakersScreen)
        assert screen.state.on_break and screen.state.spoken_seconds(self.clock()) == 50
        await self.go("f2", AgendaScreen)
        await self.press("p")  # the break is over
        self.minutes_pass(seconds=30)
        screen = await self.go("f3", SpeakersScreen)
        await self.press("space")
        self.record("Els Verbeek", 80)
        assert screen.state.done[0].spoken_seconds == 80

    async def the_two_thirds_vote(self) -> None:
        """F5: a new vote with the two-thirds rule; hands counted with +, the digital votes
        typed; declared with its decision."""
        screen = await self.go("f5", VotesScreen)
        await self.press("n")
        assert isinstance(self.pilot.app.screen, FormDialog)
        await self.fill("question", "Kiezen we voor ontwerp B?")
        self.pilot.app.screen.query_one("#field-profile").focus()  # the rule (as a click)
        await self.press("enter")  # open the choice
        await self.press("down", "enter")  # two thirds
        await self.press("ctrl+s")
        await self.until(lambda: isinstance(self.pilot.app.screen, VotesScreen), "votes")
        (poll,) = self.store.list_polls(self.running().id)
        assert poll.profile.value == "twee_derde"
        # Three residents present may vote: two hands for, one against.
        await self.press("plus", "plus", "down", "plus")
        # The digital votes cast before the evening, typed as the teller reads them out.
        await self.press("k", "up")
        await self.type("4")
        await self.press("enter", "down")
        await self.type("1")
        await self.press("enter")
        counted = self.store.get_poll(poll.id)
        assert [(o.room, o.digital) for o in counted.options] == [(2, 4), (1, 1), (0, 0)]
        await self.press("v")  # declare, with the decision the form offers
        assert isinstance(self.pilot.app.screen, FormDialog)
        await self.press("ctrl+s")
        await self.until(lambda: self.store.get_poll(poll.id).declared_at is not None, "declared")
        assert screen.poll is not None
        self.minutes_pass(2)

    async def a_decision_and_an_action_point(self) -> None:
        """On the agenda: D records a decision, T an action point, on the running item."""
        await self.go("f2", AgendaScreen)
        await self.press("d")
        await self.type("De gemeente werkt ontwerp B uit met de bewoners.")
        await self.press("ctrl+s")
        await self.press("t")
        await self.fill("what", "Schetsontwerp B maken")
        await self.fill("who", "Mohammed El Amrani")
        await self.fill("due", "15-01-2027")
        await self.press("ctrl+s")
        await self.until(lambda: isinstance(self.pilot.app.screen, AgendaScreen), "agenda")

    async def round_of_questions_and_close(self) -> None:
        """The last items, then X: the meeting closes after the chair says yes."""
        for _last in range(2):  # 9. Rondvraag, 10. Sluiting
            self.minutes_pass(3)
            await self.press("v")
        self.minutes_pass(2)
        await self.press("x")
        assert isinstance(self.pilot.app.screen, ConfirmDialog)
        await self.press("j")
        self.moments["end"] = self.now()
        meeting = self.store.get_meeting(self.meeting.id)
        assert meeting.status.value == "gesloten" and meeting.actual_end == self.clock()

    async def after_closing_nothing_runs_on(self) -> None:
        """F3 on the closed meeting shows the last item that ran, and why; no key changes it."""
        self.minutes_pass(minutes=9)
        screen = await self.go("f3", SpeakersScreen)
        closing = self.agenda()[-1]
        assert screen.item_id == closing.id
        line = str(screen.query_one("#item-line").render())
        assert _("meeting closed") in line and _("the last item that ran") in line
        await self.press("plus")
        assert not screen._line.typing  # no new speakers after the meeting
        stats = self.store.meeting_speaking(self.meeting.id).stats()
        assert stats.total_seconds == sum(sum(t) for t in self.spoken.values())

    async def export_both_versions(self) -> tuple[Path, Path]:
        """F6, W: the internal version, then the public one. W asks where (Documents/BaZ,
        made when missing), Enter writes it in a worker, and the path is shown."""
        from textual.widgets import Input

        from screens.widgets.path_dialog import PathDialog

        await self.go("f6", MinutesScreen)
        written = []
        for key in ("i", "o"):
            await self.press("w")
            assert isinstance(self.pilot.app.screen, ChoiceDialog)
            await self.press(key)
            if key == "o":
                await self.review_the_public_version()
            await self.until(lambda: isinstance(self.pilot.app.screen, PathDialog), "where to")
            proposed = Path(self.pilot.app.screen.query_one("#path", Input).value)
            assert proposed.parent == documents()
            await self.press("enter")
            await self.until(lambda p=proposed: p.exists(), f"the Word file ({key})")
            await self.until(lambda p=proposed: str(p) in self.status(), "the path shown")
            await self.pilot.app.workers.wait_for_complete()
            written.append(proposed)
        return written[0], written[1]

    async def review_the_public_version(self) -> None:
        """The public version is reviewed before it is written: the review lists the names it
        replaces (Fatima, who spoke, is a resident who did not agree to be named); W writes."""
        from screens.public_review import PublicReviewScreen

        await self.until(
            lambda: (
                isinstance(self.pilot.app.screen, PublicReviewScreen)
                and self.pilot.app.screen.review is not None
            ),
            "the review of the public version",
        )
        review = self.pilot.app.screen.review
        assert [spot.found for spot in review.spots] == ["Fatima Ouali"]  # not "bakker"
        assert not review.open  # nothing doubtful in this evening's texts
        await self.press("w")


def documents() -> Path:
    """Where W proposes to write the minutes the first time: BaZ's folder in Documents."""
    return Path.home() / "Documents" / "BaZ"


def word_text(path: Path) -> tuple[str, list[list[list[str]]]]:
    """The paragraphs of a Word file as one text, and its tables as rows of cell texts."""
    document = Document(str(path))
    text = "\n".join(p.text.replace("\u00a0", " ") for p in document.paragraphs)
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    return text, tables


def fields(text: str) -> dict[str, str]:
    """The label ⇥ value lines of a Word file's text (particulars, attendance)."""
    found = {}
    for line in text.splitlines():
        name, tab, value = line.partition("\t")
        if tab:
            found[name] = value
    return found


def table_with(tables: list[list[list[str]]], first_cell: str) -> list[list[str]]:
    return next(t for t in tables if t and t[0] and t[0][0] == first_cell)


# --------------------------------------------------------------------------- the test


async def test_a_whole_evening_from_the_door_to_the_word_file(
    store: Store, meeting: MeetingInfo
) -> None:
    clock = Clock()
    evening_store = Store(store.database, clock)
    # What the facilitator prepared: two content items, a stricter speaking time on one.
    evening_store.add_agenda_item(
        meeting.id, "Speelplein: wat is het probleem?", purpose=Purpose.BESPREKING, position=6
    )
    vote_item = evening_store.add_agenda_item(
        meeting.id, "Keuze ontwerp", purpose=Purpose.BESLUITVORMING, position=7
    )
    evening_store.update_agenda_item(vote_item.id, speaking_limit_seconds=60)
    app = make_app(evening_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        evening = Evening(pilot, evening_store, clock, meeting)
        await evening.at_the_door()
        await evening.start_and_adopt_the_agenda()
        await evening.speakers_on_the_action_list()
        await evening.the_playground_discussion()
        await evening.the_problem_tree()
        await evening.moving_on_while_someone_speaks()
        await evening.a_break_while_els_speaks()
        await evening.the_two_thirds_vote()
        await evening.a_decision_and_an_action_point()
        await evening.round_of_questions_and_close()
        await evening.after_closing_nothing_runs_on()
        internal, public = await evening.export_both_versions()

    check_the_internal_minutes(internal, evening)
    check_the_public_minutes(public, evening)


def check_the_internal_minutes(path: Path, evening: Evening) -> None:
    """The internal Word file says what happened, in the figures the evening produced."""
    text, tables = word_text(path)
    header = fields(text)
    assert header[_("Time")] == f"{evening.moments['start']}–{evening.moments['end']}"
    # The opening and closing items say when the chair opened and closed the meeting.
    assert f"De voorzitter opent de vergadering om {evening.moments['start']}." in text
    assert f"De voorzitter sluit de vergadering om {evening.moments['end']}." in text
    # Attendance as short lists: six at the door, Sanne late (a guest); Piet sent notice.
    assert "7 aanwezig: 3 bewoners, 3 professionals en 1 gast." in text
    assert header["Bewoners (3)"] == "Anna Bakker, Fatima Ouali, Jan de Vries"
    assert (header["Gemeente"], header["Corporatie"]) == ("Mohammed El Amrani", "Els Verbeek")
    assert (header["Wijkagent"], header["Gast (1)"]) == ("Kees Dekker", "Sanne Visser")
    assert header[_("Absent with notice")] == "Piet Jansen"
    # Speaking time: each person's turns and time, and the balance in one sentence.
    speaking = table_with(tables, _("Name"))
    rows = {row[0]: (int(row[2]), row[3]) for row in speaking[1:]}
    from models.rules.timing import format_duration

    assert rows == {
        name: (len(turns), format_duration(sum(turns))) for name, turns in evening.spoken.items()
    }
    total = sum(sum(turns) for turns in evening.spoken.values())
    professional = sum(
        sum(evening.spoken[name]) for name in ("Mohammed El Amrani", "Kees Dekker", "Els Verbeek")
    )
    residents = (200 * (total - professional) + total) // (2 * total)
    turns = sum(len(t) for t in evening.spoken.values())
    sentence = (
        f"Bewoners spraken {residents}% van de tijd, professionals {100 - residents}% "
        f"(totaal {format_duration(total)} in {turns} beurten)."
    )
    assert sentence in text
    # Decisions, numbered in the process: the decision as offered, then the vote's result in
    # one sentence (two thirds of 8 is 6: 6 for, adopted); the action points, numbered too.
    decisions = next(t for t in tables if t[0][:3] == [_("No."), _("Agenda item"), _("Decision")])
    assert [row[0] for row in decisions[1:]] == ["B-2026-01", "B-2026-02"]
    assert decisions[1][2] == (
        "De vergadering stemt in met het voorstel “Kiezen we voor ontwerp B?”. Aangenomen "
        "met 6 stemmen voor, 2 tegen en 0 onthoudingen (twee derde van voor+tegen was nodig: 6)."
    )
    assert decisions[2][2] == "De gemeente werkt ontwerp B uit met de bewoners."
    assert "Uitslag: Aangenomen met 6 stemmen voor, 2 tegen en 0 onthoudingen" in text
    actions = next(t for t in tables if t[0][:2] == [_("No."), _("What")])
    assert [(row[0], row[1], row[2]) for row in actions[1:]] == [
        ("A-2026-01", "Schaduwdoeken bij de zandbak", "Els Verbeek"),
        ("A-2026-02", "Schetsontwerp B maken", "Mohammed El Amrani"),
    ]
    assert [row[3] for row in actions[1:]] == ["22-12-2026", "15-01-2027"]
    assert "A-2026-01 Schaduwdoeken bij de zandbak" in text  # under its item too
    assert "Deze notulen zijn een concept." in text


def check_the_public_minutes(path: Path, evening: Evening) -> None:
    """The public Word file: the same evening, without the names of those who did not agree."""
    text, tables = word_text(path)
    everything = text + "\n".join(c for t in tables for row in t for c in row)
    for hidden in ("Fatima", "Ouali", "Anna Bakker", "Sanne Visser", "Piet Jansen"):
        assert hidden not in everything, hidden
    # The name is replaced, the ordinary words stay as typed.
    assert (
        " vraagt om meer groen en schaduw. De bakker op de hoek wil bloembakken sponsoren." in text
    )
    total = sum(sum(turns) for turns in evening.spoken.values())
    from models.rules.timing import format_duration

    assert format_duration(total) in text
    assert "Mohammed El Amrani" in everything  # he agreed to be named
    # Residents without consent are numbered as the document lists them: 1, 2 … no gaps.
    import re

    numbers = {int(n) for n in re.findall(r"\bBewoner (\d+)\b", everything)}
    assert numbers == set(range(1, len(numbers) + 1)) and numbers
