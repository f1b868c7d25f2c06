"""Pilot tests of the minutes screen: decisions and action points by keys, the actielijst,
approving the previous minutes, and the Word export from the app."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from textual.widgets import TextArea

from models.domain import ActionStatus, MinutesStatus
from models.store import Store
from screens import minutes
from screens.minutes import MinutesScreen
from screens.public_review import PublicReviewScreen
from screens.widgets.form_dialog import FormDialog
from screens.widgets.rendered_text import RenderedText
from tests.conftest import fill_field, make_app, open_meeting_screen, until, wait_loaded


async def _open(pilot, key: str = "f6") -> MinutesScreen:  # type: ignore[no-untyped-def]
    screen = await open_meeting_screen(pilot, key)
    assert isinstance(screen, MinutesScreen)
    return screen


async def _type_area(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    area = pilot.app.screen.query_one("#field-text", TextArea)
    area.focus()
    area.text = text
    await pilot.pause()


async def test_decision_and_action_by_keys_done_delete_and_undo(
    store: Store, meeting, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(minutes, "PREVIEW_DELAY", 0.01)  # the test waits for the preview
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
        # The preview follows (rebuilt in a worker, PREVIEW_DELAY after a change).
        preview = screen.query_one("#preview", RenderedText)
        await until(pilot, lambda: "Offerte bomen" not in preview.source, "a preview without it")
        await pilot.press("u")
        await pilot.pause()
        [back] = store.action_list(meeting.id)
        assert back.what == "Offerte bomen opvragen"
        await until(pilot, lambda: "Offerte bomen opvragen" in preview.source, "it back in view")
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


async def _path_dialog(pilot):  # type: ignore[no-untyped-def]
    from screens.widgets.path_dialog import PathDialog

    for _attempt in range(50):
        if isinstance(pilot.app.screen, PathDialog):
            return pilot.app.screen
        await pilot.pause(0.05)
    raise AssertionError("W did not ask where to save")


async def _written(pilot, screen: MinutesScreen) -> Path:  # type: ignore[no-untyped-def]
    for _attempt in range(100):
        status = str(screen.query_one("#status").render())
        if "✔" in status:
            return Path(status.split(": ", 1)[1].strip())
        await pilot.pause(0.05)
    raise AssertionError(f"no file written: {status!r}")


async def test_word_export_from_the_app_asks_where_and_shows_the_path(
    store: Store, meeting
) -> None:  # type: ignore[no-untyped-def]
    """W asks where to save: at first Documents/BaZ (made when missing), then the folder of
    the last time; it says which house style it uses, and shows the path it wrote."""
    from textual.widgets import Input

    from baz_tui.export import default_export_folder

    store.add_decision(meeting.id, "Er komt een jeu-de-boulesbaan.")
    documents = Path.home() / "Documents"
    assert not (documents / "BaZ").exists()
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
        dialog = await _path_dialog(pilot)
        proposed = Path(dialog.query_one("#path", Input).value)
        assert proposed.parent == documents / "BaZ" and proposed.suffix == ".docx"
        assert "BaZ" in str(dialog.query_one("#path-hint").render())  # BaZ's own layout
        await pilot.press("enter")
        written = await _written(pilot, screen)
        assert written == proposed and written.exists()
        from docx import Document

        document = Document(str(written))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        assert any(c.startswith("Er komt een jeu-de-boulesbaan.") for c in cells)
        # The folder is remembered; another one can be typed, and Esc writes nothing.
        assert default_export_folder() == documents / "BaZ"
        other = Path.home() / "elders"
        other.mkdir()
        await pilot.press("w", "i")
        dialog = await _path_dialog(pilot)
        assert Path(dialog.query_one("#path", Input).value).parent == documents / "BaZ"
        dialog.query_one("#path", Input).value = str(other / "verslag.docx")
        await pilot.press("enter")
        for _attempt in range(100):
            if (other / "verslag.docx").exists():
                break
            await pilot.pause(0.05)
        assert (other / "verslag.docx").exists()
        await pilot.pause()
        assert str(other / "verslag.docx") in str(screen.query_one("#status").render())
        assert default_export_folder() == other
        await pilot.press("w", "i")
        dialog = await _path_dialog(pilot)
        assert Path(dialog.query_one("#path", Input).value).parent == other
        await pilot.press("escape")
        await pilot.pause()
        assert "niet geschreven" in str(screen.query_one("#status").render())


async def test_word_export_from_the_app_uses_the_house_style_of_the_process(
    store: Store, meeting, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Input

    from tests.e2e.test_export import make_house_style

    template = tmp_path / "huisstijl.docx"
    make_house_style(template)
    store.update_process(meeting.process.id, template=str(template))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        await pilot.press("w", "i")
        dialog = await _path_dialog(pilot)
        assert "huisstijl.docx" in str(dialog.query_one("#path-hint").render())
        dialog.query_one("#path", Input).value = str(tmp_path / "met-huisstijl.docx")
        await pilot.press("enter")
        written = await _written(pilot, screen)
    from docx import Document

    header = Document(str(written)).sections[0].header
    assert header.paragraphs[0].text.startswith("Gemeente Dordrecht — Wijkzaken")
    # Gone from this laptop: W says so in the dialog, and writes nothing.
    template.unlink()
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        await pilot.press("w", "i")
        dialog = await _path_dialog(pilot)
        dialog.query_one("#path", Input).value = str(tmp_path / "zonder.docx")
        await pilot.press("enter")
        for _attempt in range(100):
            if "huisstijl.docx" in str(dialog.query_one("#path-status").render()):
                break
            await pilot.pause(0.05)
        assert "F8" in str(dialog.query_one("#path-status").render())
        assert not (tmp_path / "zonder.docx").exists()


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


async def test_the_preview_is_laid_out_again_only_when_the_minutes_changed_and_never_for_nobody(
    store: Store, meeting, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Laying the minutes out is the heavy part (Rich's Markdown: 0.6 s on the big meeting): a
    screen shown again with the same minutes keeps its lines, and a preview still to be built
    when the chair moves on is not built for a screen nobody sees."""
    monkeypatch.setattr(minutes, "PREVIEW_DELAY", 0.01)
    laid_out: list[str] = []
    original = RenderedText.show_strips

    def counting(self: RenderedText, strips: object, source: str) -> None:
        laid_out.append(source)
        original(self, strips, source)  # type: ignore[arg-type]

    monkeypatch.setattr(RenderedText, "show_strips", counting)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        await until(pilot, lambda: len(laid_out) == 1, "the first preview")
        await app.workers.wait_for_complete()
        # Away and back, nothing changed: the preview is not laid out again.
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen and len(laid_out) == 1
        # A decision changes the minutes: laid out again, with it.
        store.add_decision(meeting.id, "Het plein krijgt een waterpunt.")
        screen.reopened()
        await until(pilot, lambda: len(laid_out) == 2, "the preview with the decision")
        assert "waterpunt" in laid_out[-1]
        # Left before it is built: nothing is laid out while the agenda is shown.
        monkeypatch.setattr(minutes, "PREVIEW_DELAY", 0.3)
        store.add_decision(meeting.id, "De bankjes komen bij de zandbak.")
        screen.reopened()
        await pilot.press("f2")
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        assert len(laid_out) == 2
