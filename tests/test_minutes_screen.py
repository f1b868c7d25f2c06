"""Pilot tests of the minutes screen: decisions and action points by keys, the actielijst,
approving the previous minutes, and the Word export from the app."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from textual.widgets import TextArea

from models.domain import ActionStatus, MinutesStatus
from models.store import Store
from screens.minutes import MinutesScreen
from screens.public_review import PublicReviewScreen
from screens.widgets.form_dialog import FormDialog
from screens.widgets.rendered_text import RenderedText
from tests.conftest import fill_field, make_app, open_meeting_screen, wait_loaded


async def _open(pilot, key: str = "f6") -> MinutesScreen:  # type: ignore[no-untyped-def]
    screen = await open_meeting_screen(pilot, key)
    assert isinstance(screen, MinutesScreen)
    return screen


async def _type_area(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    area = pilot.app.screen.query_one("#field-text", TextArea)
    area.focus()
    area.text = text
    await pilot.pause()


async def test_decision_and_action_by_keys_done_delete_and_undo(store: Store, meeting) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await _type_area(pilot, "Het speelplein krijgt drie bomen.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [decision] = store.list_decisions(meeting.id)
        assert decision.text == "Het speelplein krijgt drie bomen." and decision.number == 1
        await pilot.press("t")
        await pilot.pause()
        await fill_field(pilot, "what", "Offerte bomen opvragen")
        await fill_field(pilot, "who", "Gemeente")
        await fill_field(pilot, "due", "15-12-2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [action] = store.action_list(meeting.id)
        assert (action.what, action.who, action.due) == (
            "Offerte bomen opvragen",
            "Gemeente",
            date(2026, 12, 15),
        )
        # The new action point is selected: G marks it done, G again opens it.
        assert screen.selected is not None and screen.selected[1].id == action.id
        await pilot.press("g")
        await pilot.pause()
        assert store.action_list(meeting.id)[0].status is ActionStatus.GEDAAN
        # Delete asks first; U brings it back.
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.action_list(meeting.id) == []
        await pilot.press("u")
        await pilot.pause()
        [back] = store.action_list(meeting.id)
        assert back.what == "Offerte bomen opvragen"
        # The preview follows (it is rebuilt shortly after a change).
        await pilot.pause(0.6)
        await app.workers.wait_for_complete()
        await pilot.pause()
        preview = screen.query_one("#preview", RenderedText)
        assert "Offerte bomen opvragen" in preview.source
        assert "Het speelplein krijgt drie bomen" in preview.source


async def test_open_actions_of_the_previous_meeting_and_approving_its_minutes(  # type: ignore[no-untyped-def]
    store: Store, meeting
) -> None:
    earlier = store.create_meeting(
        "Eerste bewonersavond",
        date(2026, 11, 3),
        time(19, 30),
        process_id=meeting.process.id,
    )
    store.add_action(earlier.id, "Enquête rondbrengen", who="Buurtteam")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        # The newest meeting is at the top of the list.
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MinutesScreen) and screen.meeting_id == meeting.id
        [carried] = store.action_list(meeting.id)
        assert carried.carried_over and screen.rows[0][1].id == carried.id
        await pilot.press("g")
        await pilot.pause()
        assert store.action_list(meeting.id)[0].status is ActionStatus.GEDAAN
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        approved = store.get_meeting(earlier.id)
        assert approved.minutes_status is MinutesStatus.VASTGESTELD
        assert approved.minutes_approved_on == meeting.date


async def test_word_export_from_the_app_writes_a_file_that_opens(store: Store, meeting) -> None:  # type: ignore[no-untyped-def]
    store.add_decision(meeting.id, "Er komt een jeu-de-boulesbaan.")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("o")  # the public version: its review first
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PublicReviewScreen)
        await pilot.press("w")  # write it as the review shows it
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(screen.query_one("#status").render())
        assert "✔" in status
        written = Path(status.split(": ", 1)[1].strip())
        assert written.exists() and written.suffix == ".docx"
        from docx import Document

        document = Document(str(written))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        assert "Er komt een jeu-de-boulesbaan." in cells


async def test_the_agenda_records_a_decision_on_the_selected_item(store: Store, meeting) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("down", "down")
        await pilot.pause()
        selected = app.screen.selected  # type: ignore[attr-defined]
        await pilot.press("d")
        await pilot.pause()
        await _type_area(pilot, "Mededelingen voor kennisgeving aangenomen.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [decision] = store.list_decisions(meeting.id)
        assert decision.agenda_item_id == selected.id
