"""The beamer app (Pilot) while another connection runs the meeting; the chair's app records
what the room sees; ``baz beamer`` on the command line."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from datetime import time as clock_time
from pathlib import Path

import pytest
from textual.widgets import ContentSwitcher, Static

from baz_tui import cli
from baz_tui.beamer import BeamerApp
from baz_tui.i18n import current_language, install_language
from models.beamer import BeamerFeed
from models.database import Database
from models.domain import Channel, Presence
from models.i18n import _
from models.records.beamer import BeamerChoice, Showing
from models.store import Store
from screens.widgets.title_bar import TitleBar
from tests.conftest import Clock, make_app, until, wait_loaded

SIZE = (80, 25)


@pytest.fixture
def store(clock: Clock, tmp_path: Path) -> Iterator[Store]:
    """The chair's Store, on a file (the conftest ``meeting`` fixture fills it)."""
    s = Store.open(tmp_path / "baz.db", clock=clock)
    yield s
    s.close()


@pytest.fixture
def beamer_store(store: Store, clock: Clock) -> Iterator[Store]:
    assert store.database.sqlite_path is not None
    s = Store(Database.open_read_only(store.database.sqlite_path), clock)
    yield s
    s.close()


def beamer(beamer_store: Store, meeting_id: int | None, clock: Clock) -> BeamerApp:
    # A short interval: the tests wait for what the room would see within a quarter second.
    return BeamerApp(BeamerFeed(beamer_store, meeting_id), clock=clock, poll_interval=0.02)


def text(app: BeamerApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def panel(app: BeamerApp) -> str | None:
    return app.screen.query_one(ContentSwitcher).current


# ------------------------------------------------------------------------ a whole evening


async def test_the_beamer_follows_an_evening_run_from_another_connection(
    store, beamer_store, meeting, clock
) -> None:  # type: ignore[no-untyped-def]
    app = beamer(beamer_store, meeting.id, clock)
    async with app.run_test(size=SIZE) as pilot:
        starts = _("The meeting starts at {time}").format(time="19:30")
        await until(pilot, lambda: text(app, "#message") == starts, "the start time")
        assert "Bewonersavond speelplein" in text(app, "#title")
        assert _("level: {level}").format(level=_("co-deciding")) in text(app, "#banner")

        # The chair starts: presence, the meeting, the item about the playground.
        for person in store.list_attendees(meeting.id):
            store.set_presence(person.id, Presence.AANWEZIG)
        store.start_meeting(meeting.id)
        item = store.list_agenda(meeting.id)[6]
        store.start_item(item.id)
        await until(pilot, lambda: panel(app) == "speakers-panel", "the speakers")
        assert _("Item {number}. {title}").format(number=7, title=item.title) in text(app, "#item")
        assert text(app, "#speaker") == _("Nobody has the floor.")

        # Speakers: the first gets the floor, the next three wait, named as they agreed.
        who = {a.name: a.id for a in store.list_attendees(meeting.id)}
        for name in ("Jan de Vries", "Fatima Ouali", "Piet Jansen", "Els Verbeek", "Kees Dekker"):
            store.add_speaker(item.id, who[name])
        store.next_speaker(item.id)
        await until(pilot, lambda: "Jan de Vries" in text(app, "#speaker"), "the first speaker")
        waiting = text(app, "#next")
        assert "P.J." in waiting and "Els Verbeek" in waiting and "Fatima" not in waiting
        assert "Kees Dekker" not in waiting  # the fourth in line: counted, not named
        assert app.screen.query_one("#countdown").value == "3:00"  # type: ignore[attr-defined]

        clock.advance(seconds=41)
        await until(
            pilot,
            lambda: app.screen.query_one("#countdown").value == "2:19",  # type: ignore[attr-defined]
            "the countdown ticking from the stored start",
        )

        # The chair opens the votes and counts; the room sees the numbers.
        poll = store.create_poll(item.id, "Komt er een waterspeelplaats?")
        store.show_on_beamer(meeting.id, BeamerChoice(Showing.VOTES))
        await until(pilot, lambda: panel(app) == "votes-panel", "the vote")
        for option, count in zip(poll.options, (4, 0, 0), strict=True):
            store.set_count(poll.id, option.id, Channel.ZAAL, count)
        tally = app.screen.query_one("#tally")
        await until(
            pilot,
            lambda: [o.room for o in tally.options] == [4, 0, 0],  # type: ignore[attr-defined]
            "the counts",
        )
        assert "Komt er een waterspeelplaats?" in text(app, "#question")
        assert _("open — counting") in text(app, "#rule")

        store.declare_poll(poll.id)
        adopted = _("adopted").upper()
        await until(pilot, lambda: adopted in text(app, "#result"), "the result")
        declared = store.get_poll(poll.id)
        assert declared.result_text in text(app, "#result")
        assert _("declared") in text(app, "#rule")

        # Nothing changes any more: the beamer looks ten times and does not read again.
        reads, polls = app.feed.reads, 0
        poll = app.feed.poll

        def counted_poll():  # type: ignore[no-untyped-def]
            nonlocal polls
            polls += 1
            return poll()

        app.feed.poll = counted_poll  # type: ignore[method-assign]
        await until(pilot, lambda: polls >= 10, "ten looks at the database")
        assert app.feed.reads == reads


async def test_a_break_and_the_thank_you(store, beamer_store, meeting, clock) -> None:  # type: ignore[no-untyped-def]
    store.start_meeting(meeting.id)
    store.start_item(store.list_agenda(meeting.id)[3].id)
    app = beamer(beamer_store, meeting.id, clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: panel(app) == "speakers-panel", "the running item")
        store.start_break(meeting.id)
        await until(pilot, lambda: _("Break") in text(app, "#message"), "the break")
        assert panel(app) == "message-panel"
        assert _("Since {time}.").format(time="19:25") in text(app, "#message-detail")
        store.end_break(meeting.id)
        await until(pilot, lambda: panel(app) == "speakers-panel", "the end of the break")
        clock.advance(minutes=90)
        store.close_meeting(meeting.id)
        await until(pilot, lambda: text(app, "#message") == _("Thank you for coming"), "thanks")
        assert text(app, "#message-detail") == _("The meeting closed at {time}.").format(
            time="20:55"
        )


async def test_an_unknown_and_a_deleted_meeting(store, beamer_store, meeting, clock) -> None:  # type: ignore[no-untyped-def]
    app = beamer(beamer_store, 404, clock)
    async with app.run_test(size=SIZE) as pilot:
        message = _("There is no meeting with number {id}.").format(id=404)
        await until(pilot, lambda: text(app, "#message") == message, "the unknown number")

    app = beamer(beamer_store, meeting.id, clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "Bewonersavond" in text(app, "#title"), "the meeting")
        store.delete_meeting(meeting.id)
        message = _("There is no meeting with number {id}.").format(id=meeting.id)
        await until(pilot, lambda: text(app, "#message") == message, "the deleted meeting")
        assert app.is_running


async def test_without_an_id_nothing_then_the_meeting_of_today(store, beamer_store, clock) -> None:  # type: ignore[no-untyped-def]
    app = beamer(beamer_store, None, clock)
    async with app.run_test(size=SIZE) as pilot:
        nothing = _("No meeting is running or planned.")
        await until(pilot, lambda: text(app, "#message") == nothing, "that nothing is on")
        store.create_meeting("Buurtoverleg", date(2026, 12, 1), clock_time(20, 0))
        starts = _("The meeting starts at {time}").format(time="20:00")
        await until(pilot, lambda: text(app, "#message") == starts, "today's meeting")
        assert text(app, "#title") == "Buurtoverleg"


async def test_q_quits(beamer_store, meeting, clock) -> None:  # type: ignore[no-untyped-def]
    app = beamer(beamer_store, meeting.id, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


# ------------------------------------------------------------------- the chair's side


async def test_the_chair_app_records_what_the_room_sees(store, meeting, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store.start_meeting(meeting.id)
    item = store.list_agenda(meeting.id)[6]
    store.start_item(item.id)
    first = store.create_poll(item.id, "Eerste vraag")
    store.create_poll(item.id, "Tweede vraag")
    recorded: list[BeamerChoice] = []
    original = Store.show_on_beamer

    def recording(self: Store, meeting_id: int, choice: BeamerChoice | None = None) -> bool:
        if choice is not None:  # None: a screen not for the room (only the meeting counts)
            recorded.append(choice)
        return original(self, meeting_id, choice)

    monkeypatch.setattr(Store, "show_on_beamer", recording)

    def shown() -> BeamerChoice:
        target = store.beamer_target(meeting.id)
        assert target is not None
        return target.choice

    async with make_app(store).run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")  # a running meeting opens on its agenda: for the room
        await pilot.pause()
        assert recorded == [BeamerChoice(Showing.AGENDA)]
        recorded.clear()
        await pilot.press("f7")  # attendance: not for the room
        await pilot.pause()
        assert recorded == [] and shown() == BeamerChoice(Showing.AGENDA)

        await pilot.press("f5")
        await pilot.pause()
        assert shown() == BeamerChoice(Showing.VOTES)
        for key in ("plus", "plus", "down", "plus", "minus", "k"):  # counting writes no view
            await pilot.press(key)
        await pilot.pause()
        assert len(recorded) == 1

        await pilot.press("left_square_bracket")  # the chair looks at the first vote…
        await pilot.press("f9")  # …and puts exactly that on the beamer
        await pilot.pause()
        assert shown() == BeamerChoice(Showing.VOTES, item.id, first.id)
        words = {"number": item.number, "screen": _("Votes").lower()}
        assert _("Beamer fixed on item {number} ({screen}); F9 again: follow the meeting.").format(
            **words
        ) in str(pilot.app.screen.query_one("#status").content)
        # The chair's title bar says it too.
        assert pilot.app.screen.query_one(TitleBar).beamer_text == _(
            "Beamer: fixed on item {number} ({screen})"
        ).format(**words)
        await pilot.press("f9")  # again: the beamer follows the meeting
        await pilot.pause()
        assert shown() == BeamerChoice(Showing.VOTES)
        assert pilot.app.screen.query_one(TitleBar).beamer_text == _(
            "Beamer: follows ({screen})"
        ).format(screen=_("Votes").lower())

        await pilot.press("f2")
        await pilot.pause()
        assert shown() == BeamerChoice(Showing.AGENDA)
        await pilot.press("f8")  # the process is not for the room: no F9 there
        await pilot.pause()
        assert pilot.app.screen.check_action("show_on_beamer", ()) is False
        await pilot.press("f9")
        await pilot.pause()
        assert shown() == BeamerChoice(Showing.AGENDA)
        assert len(recorded) == 4


# ---------------------------------------------------------------------- command line


@pytest.fixture
def _language() -> Iterator[None]:
    before = current_language()
    yield
    install_language(before)


@pytest.mark.usefixtures("_language")
def test_baz_beamer_refuses_in_one_line(tmp_path, store, meeting, capsys) -> None:  # type: ignore[no-untyped-def]
    db = str(store.database.sqlite_path)
    assert cli.main(["--lang", "en", "--db", db, "beamer", "404"]) == 2
    assert capsys.readouterr().err == "There is no meeting with number 404.\n"

    missing = tmp_path / "elsewhere.db"
    assert cli.main(["--lang", "en", "--db", str(missing), "beamer"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"There is no BaZ database at {missing}") and err.count("\n") == 1
    assert not missing.exists()

    other = tmp_path / "other.db"
    other.write_bytes(b"not a database at all, just some text " * 100)
    assert cli.main(["--lang", "en", "--db", str(other), "beamer"]) == 2
    assert "is not a BaZ database" in capsys.readouterr().err


@pytest.mark.usefixtures("_language")
def test_baz_beamer_runs_the_beamer_read_only(store, meeting, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ran: list[BeamerApp] = []
    monkeypatch.setattr(BeamerApp, "run", lambda self: ran.append(self))
    db = str(store.database.sqlite_path)
    assert cli.main(["--lang", "en", "--db", db, "beamer", str(meeting.id)]) == 0
    assert cli.main(["--lang", "en", "--db", db, "beamer"]) == 0
    assert [app.feed.meeting_id for app in ran] == [meeting.id, None]
    assert all(app.feed.signal.exact for app in ran)


# ------------------------------------------------------------------- the room for phones


async def test_the_beamer_follows_the_room_opening_and_closing(  # type: ignore[no-untyped-def]
    store, beamer_store, meeting, clock
) -> None:
    """The room opened by another process (the server) reaches the beamer through the change
    signal: its QR code reads back as the address with the meeting code; where it does not
    fit, the bottom line names the address and the code; closed, both are gone."""
    from models.rules.room import join_url
    from screens.widgets.qr_code import QrCode
    from tests.qr_reader import decode_qr

    store.start_meeting(meeting.id)
    store.start_item(store.list_agenda(meeting.id)[6].id)
    app = beamer(beamer_store, meeting.id, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        room_panel = app.screen.query_one("#room-panel")
        await until(pilot, lambda: panel(app) == "speakers-panel", "the meeting")
        assert not room_panel.display and text(app, "#bottom") == "Bewoners aan Zet"

        room = store.open_room(meeting.id, "http://192.168.1.20:8765")
        await until(pilot, lambda: room_panel.display, "the room's panel")
        assert decode_qr(app.screen.query_one(QrCode).lines) == [
            join_url("http://192.168.1.20:8765", room.code)
        ]
        words = text(app, "#room-words")
        assert "http://192.168.1.20:8765" in words and room.code in words
        # Beside what the room sees, once laid out (shown, it is placed at the next layout).
        body = app.screen.query_one("#body")
        await until(
            pilot,
            lambda: room_panel.region.width > 0 and room_panel.region.x >= body.region.right,
            "the panel beside the picture",
        )

        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: not room_panel.display, "no room for the panel")
        bottom = text(app, "#bottom")
        assert "http://192.168.1.20:8765" in bottom and room.code in bottom

        # Opened again (a new code), then closed: the beamer follows both.
        again = store.open_room(meeting.id, "http://192.168.1.20:8765")
        await until(pilot, lambda: again.code in text(app, "#bottom"), "the new code")
        store.close_room(meeting.id)
        await until(pilot, lambda: text(app, "#bottom") == "Bewoners aan Zet", "the room closed")
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert not room_panel.display
