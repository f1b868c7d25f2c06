"""Pilot tests of the speaker list: a discussion run by keys only, Store state asserted."""

from __future__ import annotations

from models.domain import Presence, SpeakerKind
from models.store import Store
from screens.speakers import SpeakersScreen, balance_bar
from screens.widgets.choice import ChoiceDialog
from screens.widgets.floor_panel import FloorPanel
from screens.widgets.request_line import RequestLine
from tests.conftest import Clock, lend, open_meeting_screen


def _prepare(store: Store, meeting) -> int:  # type: ignore[no-untyped-def]
    """Everyone present, the meeting started, item 7 (Actielijst + 1) running; its id."""
    for person in store.list_attendees(meeting.id):
        store.set_presence(person.id, Presence.AANWEZIG)
    item = store.list_agenda(meeting.id)[5]
    store.update_agenda_item(item.id, speaking_limit_seconds=120)
    store.start_item(item.id)
    return item.id


async def _open(pilot) -> SpeakersScreen:  # type: ignore[no-untyped-def]
    screen = await open_meeting_screen(pilot, "f3")
    assert isinstance(screen, SpeakersScreen)
    return screen


async def _request(pilot, text: str, key: str = "plus") -> None:  # type: ignore[no-untyped-def]
    await pilot.press(key)
    await pilot.pause()
    for char in text:
        await pilot.press("space" if char == " " else char)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_discussion_with_five_speakers_a_point_of_order_and_a_pause(store, meeting) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    running = Store(store.database, clock)
    item_id = _prepare(running, meeting)
    from baz_tui.app import BazApp

    app = BazApp(lambda: lend(store.database), clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        assert screen.item_id == item_id
        for name in ("Jan", "Fatima", "Mohammed", "Els", "Anna"):
            await _request(pilot, name)
        state = running.speaker_state(item_id)
        assert [e.name for e in state.waiting] == [
            "Jan de Vries",
            "Fatima Ouali",
            "Mohammed El Amrani",
            "Els Verbeek",
            "Anna Bakker",
        ]
        await pilot.press("space")  # Jan has the floor
        await pilot.pause()
        clock.advance(seconds=95)
        await _request(pilot, "Kees", key="o")  # a point of order goes first
        state = running.speaker_state(item_id)
        assert state.current is not None and state.current.name == "Jan de Vries"
        assert state.waiting[0].name == "Kees Dekker"
        assert state.waiting[0].kind is SpeakerKind.PUNT_VAN_ORDE

        await pilot.press("p")  # pause: the clock stands still
        await pilot.pause()
        clock.advance(seconds=60)
        await pilot.press("p")
        await pilot.pause()
        clock.advance(seconds=50)  # 95 + 50 = 145 s spoken: 25 s over the 2:00 limit
        screen._tick()
        floor = screen.query_one(FloorPanel)
        assert (floor.clock, floor.overtime) == ("+0:25", True)
        assert "⚠" in floor.part("note")  # over time says so in words too

        await pilot.press("space")  # Kees (point of order)
        await pilot.pause()
        clock.advance(seconds=20)
        await pilot.press("space")  # Fatima
        await pilot.pause()
        state = running.speaker_state(item_id)
        jan, kees = state.done[1], state.done[0]
        assert (jan.name, jan.spoken_seconds, jan.overtime_seconds) == ("Jan de Vries", 145, 25)
        assert (kees.name, kees.spoken_seconds) == ("Kees Dekker", 20)
        assert state.current is not None and state.current.name == "Fatima Ouali"
        stats = state.item_stats(clock.moment)
        assert stats.total_seconds == 165
        assert (stats.resident_percent, stats.professional_percent) == (88, 12)
        await pilot.press("i")  # statistics per person
        await pilot.pause()
        rows = {name: on_item for name, on_item, _meeting in screen.query_one("#stats").items}
        assert rows["Jan de Vries"] == "1× 2:25"
        assert rows["◆ Kees Dekker"] == "1× 0:20"


async def test_unknown_names_become_a_new_attendee_or_an_anonymous_resident(store, meeting) -> None:  # type: ignore[no-untyped-def]
    item_id = _prepare(store, meeting)
    from tests.conftest import make_app

    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(pilot)
        await _request(pilot, "Truus Bos")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("n")
        await pilot.pause()
        await _request(pilot, "Iemand")
        await pilot.press("b")
        await pilot.pause()
        state = store.speaker_state(item_id)
        assert [e.name for e in state.waiting] == ["Truus Bos", "Bewoner 1"]
        truus = next(a for a in store.list_attendees(meeting.id) if a.name == "Truus Bos")
        assert truus.presence is Presence.AANWEZIG


async def test_refusals_and_undo(store, meeting) -> None:  # type: ignore[no-untyped-def]
    item_id = _prepare(store, meeting)
    from tests.conftest import make_app

    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        await _request(pilot, "Jan")
        await _request(pilot, "Jan")  # the same person twice: refused with a message
        assert "⚠" in str(screen.query_one("#status").render())
        assert len(store.speaker_state(item_id).waiting) == 1
        await pilot.press("escape", "l")  # the refused name is cleared; close the list
        await pilot.pause()
        await _request(pilot, "Anna")
        assert "⚠" in str(screen.query_one("#status").render())
        await pilot.press("escape")  # the refused name stays typed until Esc clears it
        await _request(pilot, "Anna", key="o")  # a point of order is still taken
        assert [e.name for e in store.speaker_state(item_id).waiting] == [
            "Anna Bakker",
            "Jan de Vries",
        ]
        await pilot.press("u")  # undo the point of order
        await pilot.pause()
        assert [e.name for e in store.speaker_state(item_id).waiting] == ["Jan de Vries"]
        await pilot.press("u")  # undo closing the list
        await pilot.pause()
        assert store.speaker_state(item_id).closed is False
        line = screen.query_one(RequestLine)
        assert line.value == "" and not line.typing


def test_the_balance_bar_says_it_in_words() -> None:
    bar = balance_bar(75, width=20).plain
    assert "75%" in bar and "25%" in bar
    assert bar.count("█") == 15 and bar.count("░") == 5


async def test_a_name_that_fits_several_people_asks_for_more_of_it(store, meeting) -> None:  # type: ignore[no-untyped-def]
    item_id = _prepare(store, meeting)
    store.add_attendee(meeting.id, "Jan Smit", presence=Presence.AANWEZIG)
    from tests.conftest import make_app

    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        await _request(pilot, "jan")
        status = str(screen.query_one("#status").render())
        assert "⚠" in status and "Jan de Vries" in status and "Jan Smit" in status
        assert not isinstance(app.screen, ChoiceDialog)  # not "unknown": it is ambiguous
        assert store.speaker_state(item_id).waiting == []
        line = screen.query_one(RequestLine)
        assert line.typing and line.value == "jan"  # the name stays, to type more of it
        for char in " s":
            await pilot.press("space" if char == " " else char)
        await pilot.press("enter")
        await pilot.pause()
        assert [e.name for e in store.speaker_state(item_id).waiting] == ["Jan Smit"]


# ------------------------------------------------------------------- S10 on the screen


async def test_a_closed_meeting_shows_the_item_chosen_on_the_agenda_read_only(
    store, meeting
) -> None:  # type: ignore[no-untyped-def]
    from screens.agenda import AgendaScreen
    from screens.widgets.row_list import RowList
    from tests.conftest import make_app

    clock = Clock()
    running = Store(store.database, clock)
    item_id = _prepare(running, meeting)
    running.add_speaker(item_id, running.list_attendees(meeting.id)[0].id)
    running.next_speaker(item_id)
    clock.advance(seconds=42)
    running.close_meeting(meeting.id)  # while Anna has the floor: her turn ends here
    clock.advance(minutes=30)
    app = make_app(running)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        # Nothing chosen: the last item that ran, saying so; nobody has the floor.
        assert screen.item_id == item_id
        line = str(screen.query_one("#item-line").render())
        assert "vergadering gesloten" in line and "het laatste punt dat liep" in line
        assert screen.state.current is None and screen.state.done[0].spoken_seconds == 42
        assert "gesloten" in screen.query_one(FloorPanel).part("name")
        # The keys that would change the list are not offered, and do nothing.
        await pilot.press("plus", "space", "u")
        await pilot.pause()
        assert not screen.query_one(RequestLine).typing
        assert screen.check_action("next_speaker", ()) is False
        assert screen.check_action("toggle_stats", ()) is True
        # From the agenda, F3 shows the item selected there.
        await pilot.press("f2")
        await pilot.pause()
        agenda = app.screen
        assert isinstance(agenda, AgendaScreen)
        agenda.query_one("#items", RowList).move_cursor(2)
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, SpeakersScreen)
        assert app.screen.item_id == running.list_agenda(meeting.id)[2].id


async def test_an_item_that_does_not_run_gives_no_floor_and_says_so(store, meeting) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_app

    item_id = _prepare(store, meeting)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        await pilot.press("full_stop")  # the next item: a list can be made, not given
        await pilot.pause()
        assert screen.item_id != item_id
        await _request(pilot, "Jan")
        assert [e.name for e in screen.state.waiting] == ["Jan de Vries"]
        assert screen.check_action("next_speaker", ()) is None  # shown dimmed
        assert "loopt niet" in screen.query_one(FloorPanel).part("name")


async def test_a_break_stops_the_speaking_clock_on_the_screen(store, meeting) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_app

    clock = Clock()
    running = Store(store.database, clock)
    item_id = _prepare(running, meeting)
    app = make_app(running)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        await _request(pilot, "Jan")
        await pilot.press("space")
        await pilot.pause()
        clock.advance(seconds=30)
        running.start_break(meeting.id)  # P on the agenda (another window)
        screen.follow_changes()
        clock.advance(minutes=10)
        screen._tick()
        floor = screen.query_one(FloorPanel)
        assert floor.clock == "1:30" and "pauze" in floor.part("note")  # 2:00 limit, 30 s
        await pilot.press("p")  # the chair's own pause is not what ends a break
        await pilot.pause()
        assert "pauze" in str(screen.query_one("#status").render())
        running.end_break(meeting.id)
        screen.follow_changes()
        clock.advance(seconds=15)
        screen._tick()
        assert floor.clock == "1:15"
        assert running.speaker_state(item_id).current.spoken_at(clock()) == 45


async def test_space_on_a_list_another_laptop_changed_is_refused_and_shows_it(
    store, meeting
) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_app

    item_id = _prepare(store, meeting)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        await _request(pilot, "Jan")
        await _request(pilot, "Fatima")
        await pilot.press("space")  # Jan has the floor
        await pilot.pause()
        store.next_speaker(item_id)  # the other chair pressed Space too: Fatima now
        await pilot.press("space")  # this chair still sees Jan speaking: refused
        await pilot.pause()
        state = store.speaker_state(item_id)
        assert state.current is not None and state.current.name == "Fatima Ouali"
        assert [d.name for d in state.done] == ["Jan de Vries"]  # ended once, not twice
        assert "⚠" in str(screen.query_one("#status").render())
        assert screen.state.current.name == "Fatima Ouali"  # and the screen shows it now
        # Undo of this chair's own Space is refused: Jan's turn was ended by the other.
        await pilot.press("u")
        await pilot.pause()
        assert store.speaker_state(item_id).current.name == "Fatima Ouali"
