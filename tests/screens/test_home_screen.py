"""Pilot tests of the meeting list: open, create, edit, copy, delete — by keys only."""

from __future__ import annotations

from datetime import date, time

import pytest
from textual.widgets import DataTable, Input, Select

from models.domain import Presence
from screens.attendance import AttendanceScreen
from screens.home import HomeScreen
from screens.widgets.confirm import ConfirmDialog
from screens.widgets.form_dialog import FormDialog
from tests.conftest import fill_field, make_app, wait_loaded


async def test_the_list_shows_meetings_newest_first(store, meeting) -> None:
    store.create_meeting("Oudere avond", date(2026, 9, 1), time(19, 30))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        table = screen.query_one("#meetings", DataTable)
        assert table.row_count == 2
        assert [m.title for m in screen.meetings] == ["Bewonersavond speelplein", "Oudere avond"]


async def test_enter_opens_the_meeting_and_escape_returns(store, meeting) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AttendanceScreen)
        assert app.screen.meeting_id == meeting.id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_create_a_meeting_with_a_new_process_by_keys(store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await fill_field(pilot, "title", "Wijkschouw Crabbehof")
        await fill_field(pilot, "date", "15-12-2026")
        await fill_field(pilot, "location", "Buurthuis")
        await fill_field(pilot, "new_process", "Groen in Crabbehof")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        [created] = store.list_meetings()
        assert created.title == "Wijkschouw Crabbehof"
        assert created.date == date(2026, 12, 15)
        assert created.process_title == "Groen in Crabbehof"
        assert app.screen.query_one("#meetings", DataTable).row_count == 1


async def test_a_refused_form_stays_open_with_what_was_typed(store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        await fill_field(pilot, "title", "Avond")
        await fill_field(pilot, "date", "31-02-2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert "31-02-2026" in dialog.error_text()
        assert dialog.query_one("#field-title", Input).value == "Avond"
        assert store.list_meetings() == []
        # Esc on a form with something typed asks first: N (or Esc) goes back to the form.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.query_one("#field-title", Input).value == "Avond"
        # J throws it away.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert store.list_meetings() == []


async def test_edit_changes_the_header_and_keeps_the_process(store, meeting) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-process", Select).value == str(meeting.process.id)
        await fill_field(pilot, "chair", "Gerda Smit")
        await pilot.press("ctrl+s")
        await pilot.pause()
        changed = store.get_meeting(meeting.id)
        assert changed.chair == "Gerda Smit"
        assert changed.process == meeting.process


async def test_copy_takes_agenda_and_attendees(store, meeting) -> None:
    store.set_presence(store.list_attendees(meeting.id)[0].id, Presence.AANWEZIG)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("c")
        await pilot.pause()
        await fill_field(pilot, "title", "Tweede avond")
        await fill_field(pilot, "date", "12-01-2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        newest = store.list_meetings()[0]
        assert newest.title == "Tweede avond"
        people = store.list_attendees(newest.id)
        assert len(people) == len(store.list_attendees(meeting.id))
        assert {p.presence for p in people} == {Presence.ONBEKEND}


async def test_delete_asks_first_and_no_keeps_it(store, meeting) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # focus starts on "No"
        await pilot.pause()
        assert len(store.list_meetings()) == 1
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert store.list_meetings() == []
        assert app.screen.query_one("#meetings", DataTable).row_count == 0


async def test_keys_that_cannot_apply_are_disabled_on_an_empty_list(store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        screen = app.screen
        assert screen.check_action("delete_meeting", ()) is None
        assert screen.check_action("new_meeting", ()) is True
        await pilot.press("delete", "c", "e")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_help_lists_the_keys_of_the_screen(store, meeting) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("f1")
        await pilot.pause()
        keys = [keys for keys, _what, _now in app.screen.rows]
        assert any("N" == k for k in keys)
        assert any("F1" in k for k in keys)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_database_that_cannot_open_exits_with_its_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from models.errors import DatabaseError

    def broken():  # type: ignore[no-untyped-def]
        raise DatabaseError("kapot.db is geen BaZ-database.")

    from baz_tui.app import BazApp

    app = BazApp(broken)
    async with app.run_test(size=(80, 24)) as pilot:
        for _attempt in range(40):
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == 2
    # The app opens the database (issue #24); what it prints when it ends is that sentence.
    assert capsys.readouterr().err.strip() == "kapot.db is geen BaZ-database."
    assert app.store is None
