"""Pilot tests of the agenda: prepare by keys, run the meeting, notes saved, restart resumes."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static, TextArea

from models.domain import MeetingStatus, Purpose
from models.rules import timing
from models.store import Store
from screens import agenda
from screens.agenda import AgendaScreen, parse_speaking_limit
from screens.widgets.confirm import ConfirmDialog
from screens.widgets.form_dialog import FormDialog
from screens.widgets.row_list import RowList
from tests.conftest import FIXED_NOW, Clock, fill_field, lend, until, wait_loaded


def _app(store: Store):  # type: ignore[no-untyped-def]
    from baz_tui.app import BazApp

    return BazApp(lambda: lend(store.database), clock=store.now)


async def _open_agenda(pilot) -> AgendaScreen:  # type: ignore[no-untyped-def]
    await wait_loaded(pilot)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("f2")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AgendaScreen)
    return screen


def test_speaking_limits_are_parsed() -> None:
    assert parse_speaking_limit("3") == 180
    assert parse_speaking_limit("2:30") == 150
    assert parse_speaking_limit("0") == 0
    assert parse_speaking_limit("") == 0


async def test_prepare_the_agenda_by_keys(store, meeting) -> None:  # type: ignore[no-untyped-def]
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_agenda(pilot)
        before = [i.title for i in store.list_agenda(meeting.id)]
        # Select "Actielijst" (6th) and add a content item after it.
        screen.query_one("#items", RowList).move_cursor(5)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await fill_field(pilot, "title", "Keuze ontwerp")
        await fill_field(pilot, "planned", "25")
        await pilot.press("ctrl+s")
        await pilot.pause()
        agenda = store.list_agenda(meeting.id)
        assert [i.title for i in agenda] == before[:6] + ["Keuze ontwerp"] + before[6:]
        added = agenda[6]
        assert (added.number, added.planned_minutes) == (7, 25)

        # A bad number is refused in the form and nothing changes.
        await pilot.press("e")
        await pilot.pause()
        await fill_field(pilot, "planned", "tien")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("escape", "j")  # something was typed: Esc asks first
        await pilot.pause()
        assert store.list_agenda(meeting.id)[6].planned_minutes == 25

        # Move it up, then undo the move.
        await pilot.press("shift+up")
        await pilot.pause()
        assert store.list_agenda(meeting.id)[5].title == "Keuze ontwerp"
        await pilot.press("u")
        await pilot.pause()
        assert store.list_agenda(meeting.id)[6].title == "Keuze ontwerp"

        # Delete asks first; undo brings it back in place.
        screen.query_one("#items", RowList).move_cursor(6)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert "Keuze ontwerp" not in [i.title for i in store.list_agenda(meeting.id)]
        await pilot.press("u")
        await pilot.pause()
        assert store.list_agenda(meeting.id)[6].title == "Keuze ontwerp"

        # Moving past the first item is refused with a message.
        screen.query_one("#items", RowList).move_cursor(0)
        await pilot.press("shift+up")
        await pilot.pause()
        assert "⚠" in str(screen.query_one("#status", Static).render())
        assert store.list_agenda(meeting.id)[0].title == before[0]


async def test_run_three_items_and_close(store, meeting) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    store = Store(store.database, clock)
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_agenda(pilot)
        await pilot.press("s")
        await pilot.pause()
        state = store.agenda_state(meeting.id)
        assert state.meeting.status is MeetingStatus.LOPEND
        assert state.meeting.actual_start == clock.moment

        await pilot.press("v")  # 1. Opening
        await pilot.pause()
        clock.advance(minutes=4)
        await pilot.press("v")  # 2. Vaststellen agenda
        await pilot.pause()
        await pilot.press("a")  # agenda adopted
        await pilot.pause()
        clock.advance(minutes=3)
        await pilot.press("v")  # 3. Mededelingen
        await pilot.pause()
        clock.advance(minutes=7)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()

        state = store.agenda_state(meeting.id)
        first, second, third = state.items[:3]
        assert first.started_at == FIXED_NOW and first.ended_at == FIXED_NOW + timedelta(minutes=4)
        assert second.ended_at == FIXED_NOW + timedelta(minutes=7)
        assert third.started_at == FIXED_NOW + timedelta(minutes=7)
        assert third.ended_at == FIXED_NOW + timedelta(minutes=14)
        assert [i.spent_seconds for i in state.items[:3]] == [240, 180, 420]
        assert state.meeting.agenda_adopted_at == FIXED_NOW + timedelta(minutes=4)
        assert state.meeting.status is MeetingStatus.GESLOTEN
        assert state.meeting.actual_end == FIXED_NOW + timedelta(minutes=14)
        assert state.running_item_id is None
        assert screen.check_action("next_item", ()) is False  # hidden: nothing to run any more


async def _type_notes(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Into the notes of the third item, as the note-taker types them."""
    screen = await _open_agenda(pilot)
    screen.query_one("#items", RowList).move_cursor(2)
    await pilot.pause()
    await pilot.press("tab")
    await pilot.pause()
    assert isinstance(pilot.app.focused, TextArea)
    await pilot.press(*[("space" if c == " " else c) for c in text])


async def test_notes_are_saved_soon_after_the_last_key(store, meeting, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The app waits NOTES_SAVE_DELAY after the last key (at most a second: tests/rules/
    # test_autosave.py); here a twentieth of a second, so the test waits for the save itself.
    monkeypatch.setattr(agenda, "NOTES_SAVE_DELAY", 0.05)
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await _type_notes(pilot, "Subsidie aangevraagd")
        await until(
            pilot,
            lambda: store.list_agenda(meeting.id)[2].notes == "Subsidie aangevraagd",
            "the notes saved after the last key",
        )


async def test_notes_typed_just_before_leaving_are_saved(store, meeting, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # No timer comes first: leaving the screen saves them.
    monkeypatch.setattr(agenda, "NOTES_SAVE_DELAY", 600.0)
    monkeypatch.setattr(agenda, "NOTES_SAVE_CEILING", 600.0)
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await _type_notes(pilot, "Subsidie aangevraagd")
        assert store.list_agenda(meeting.id)[2].notes == ""
        await pilot.press("f7")
        await pilot.pause()
        assert store.list_agenda(meeting.id)[2].notes == "Subsidie aangevraagd"


async def test_restart_resumes_the_running_item(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date, time

    clock = Clock()
    path = tmp_path / "baz.db"
    first = Store.open(path, clock=clock)
    meeting = first.create_meeting("Avond", date(2026, 12, 1), time(19, 30))
    item = first.list_agenda(meeting.id)[0]
    app = _app(first)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_agenda(pilot)
        await pilot.press("s", "v")
        await pilot.pause()
    first.close()

    clock.advance(minutes=7, seconds=30)
    second = Store.open(path, clock=clock)
    app = _app(second)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_agenda(pilot)
        state = second.agenda_state(meeting.id)
        assert state.running_item_id == item.id
        running = state.items[0]
        elapsed = timing.item_elapsed_seconds(
            running.spent_seconds, running.resumed_at, clock.moment, state.breaks
        )
        assert elapsed == 450
        row = screen.query_one("#items", RowList).items[0]
        assert row.item.id == item.id and row.running
        assert str(screen._row(0, row)[3]) == "7:30"
    second.close()


async def test_a_hamerstuk_is_recorded(store, meeting) -> None:  # type: ignore[no-untyped-def]
    item = store.list_agenda(meeting.id)[2]
    store.update_agenda_item(item.id, hamerstuk=True, purpose=Purpose.INFORMATIE)
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_agenda(pilot)
        screen.query_one("#items", RowList).move_cursor(2)
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert store.list_agenda(meeting.id)[2].hamered_at == store.now()


async def test_a_title_cut_in_the_list_is_shown_whole_when_selected(store: Store, meeting) -> None:  # type: ignore[no-untyped-def]
    """At 120 columns the notes sit beside the agenda and a long title is cut ("…"): moving
    onto it shows the whole title in the status line."""
    long_title = "Besluit: definitief ontwerp voor de gemeenteraad en de wijkraad samen"
    item = store.add_agenda_item(meeting.id, long_title)
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_agenda(pilot)
        number = next(i.number for i in screen.state.items if i.id == item.id)
        await pilot.press("home", *["down"] * (number - 1))
        await pilot.pause()
        assert screen.selected is not None and screen.selected.id == item.id
        assert str(screen.query_one("#status").render()).strip() == f"{number}. {long_title}"
