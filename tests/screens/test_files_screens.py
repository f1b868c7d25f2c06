"""Pilot tests of the file flows in the app: meeting files on the list of meetings, attendees
from CSV on the attendance screen, digital pre-votes from CSV on the votes screen."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from models.domain import Channel, PollMethod
from models.files.meeting_file import encode, parse_meeting_file
from models.store import Store
from screens.attendance import AttendanceScreen
from screens.home import HomeScreen
from screens.votes import VotesScreen
from screens.widgets.confirm import ConfirmDialog
from screens.widgets.path_dialog import PathDialog, PathSuggester
from tests.conftest import (
    DATA,
    everyone_present_item_running,
    make_app,
    open_meeting_screen,
    wait_loaded,
)

DESIGN = (
    "Natuurlijk spelen: groen, boomstammen en een waterpomp",
    "Sport en bewegen: trapveldje en klimrek",
    "Ontmoeten: bankjes in de schaduw en een jeu-de-boulesbaan",
)


@pytest.fixture
def documents() -> Path:
    """The Documents folder of the private home of the test (conftest), made."""
    folder = Path(os.environ["XDG_DOCUMENTS_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def settle(pilot: Any) -> None:
    for _attempt in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def choose_file(pilot: Any, path: Path | None = None) -> PathDialog[Any]:
    """In the open file dialog: type ``path`` (or keep the one offered) and press Enter."""
    dialog = pilot.app.screen
    assert isinstance(dialog, PathDialog)
    if path is not None:
        dialog.query_one("#path", Input).value = str(path)
    await pilot.press("enter")
    await settle(pilot)
    return dialog


def status(screen: Any) -> str:
    return str(screen.query_one("#status", Static).render())


# ------------------------------------------------------------------------- meeting files


async def test_write_a_meeting_file_from_the_list(
    store: Store, meeting: Any, documents: Path
) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, PathDialog)
        offered = Path(dialog.query_one("#path", Input).value)
        assert offered.parent == documents and offered.name.endswith(".baz.json")
        await choose_file(pilot)
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        assert offered.exists() and str(offered) in status(home)
    data = parse_meeting_file(offered.read_bytes())
    assert data["meeting"]["title"] == meeting.title and len(data["attendees"]) == 8


async def test_load_a_meeting_file_into_another_database(
    store: Store, meeting: Any, documents: Path, clock: Any
) -> None:
    (documents / "avond.baz.json").write_bytes(encode(store.dump_meeting(meeting.id)))
    other = Store.in_memory(clock=clock)
    app = make_app(other)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("i")
        await pilot.pause()
        dialog = pilot.app.screen
        # The newest meeting file in Documents is offered.
        assert dialog.query_one("#path", Input).value == str(documents / "avond.baz.json")
        await choose_file(pilot)
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        assert [m.title for m in home.meetings] == [meeting.title]
        assert home.selected is not None and home.selected.title == meeting.title
    assert [a.name for a in other.list_attendees(other.list_meetings()[0].id)] == [
        a.name for a in store.list_attendees(meeting.id)
    ]
    other.close()


async def test_a_meeting_already_here_is_loaded_only_as_a_copy_when_asked(
    store: Store, meeting: Any, tmp_path: Path
) -> None:
    path = tmp_path / "avond.baz.json"
    path.write_bytes(encode(store.dump_meeting(meeting.id)))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        for answer, count in (("n", 1), ("y", 2)):
            await pilot.press("i")
            await pilot.pause()
            await choose_file(pilot, path)
            assert isinstance(pilot.app.screen, ConfirmDialog)
            await pilot.press(answer)
            await settle(pilot)
            assert len(store.list_meetings()) == count
        home = pilot.app.screen
        assert isinstance(home, HomeScreen) and len(home.meetings) == 2


async def test_a_bad_meeting_file_is_refused_in_the_dialog(
    store: Store, meeting: Any, tmp_path: Path
) -> None:
    data = store.dump_meeting(meeting.id)
    data["agenda"][2]["speakers"] = [{"attendee": 17}]
    path = tmp_path / "kapot.baz.json"
    path.write_bytes(encode(data))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("i")
        await pilot.pause()
        dialog = await choose_file(pilot, path)
        # The dialog stays, naming the problem; the path can be corrected.
        assert pilot.app.screen is dialog
        error = str(dialog.query_one("#path-status", Static).render())
        assert "agenda[2].speakers[0].attendee" in error
        assert not dialog.query_one("#path", Input).disabled
        await choose_file(pilot, tmp_path / "bestaat-niet.baz.json")
        assert pilot.app.screen is dialog
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
    assert len(store.list_meetings()) == 1


# -------------------------------------------------------------------------- attendees CSV


async def test_import_attendees_shows_bad_lines_then_adds_the_rest(
    store: Store, meeting: Any
) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting_screen(pilot, "f7")
        assert isinstance(screen, AttendanceScreen)
        await pilot.press("i")
        await pilot.pause()
        await choose_file(pilot, DATA / "deelnemers-nl-puntkomma-cp1252.csv")
        confirm = pilot.app.screen
        assert isinstance(confirm, ConfirmDialog)
        assert "burgemeester" in confirm.question and "4" in confirm.question
        await pilot.press("y")
        await pilot.pause()
        names = {a.name for a in store.list_attendees(meeting.id)}
        assert {"José Ëlberg", "Zoë Çelik", "René d'Hondt", "Anouk Smit"} <= names
        assert len(names) == 12 and len(screen.shown_ids) == 12
        # U takes the whole import back.
        await pilot.press("u")
        await pilot.pause()
        assert len(store.list_attendees(meeting.id)) == 8 and len(screen.shown_ids) == 8


async def test_import_attendees_without_problems_asks_nothing(
    store: Store, meeting: Any, tmp_path: Path
) -> None:
    path = tmp_path / "lijst.csv"
    path.write_text("Name,Role\nNieuwe Buurman,resident\n", encoding="utf-8")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting_screen(pilot, "f7")
        await pilot.press("i")
        await pilot.pause()
        await choose_file(pilot, path)
        assert pilot.app.screen is screen
        assert "Nieuwe Buurman" in {a.name for a in store.list_attendees(meeting.id)}
        # The same list again: everyone is on it already; the dialog says so and stays.
        await pilot.press("i")
        await pilot.pause()
        dialog = await choose_file(pilot, path)
        assert pilot.app.screen is dialog
        assert "Nieuwe Buurman" in str(dialog.query_one("#path-status", Static).render())


# ---------------------------------------------------------------------- digital pre-votes


async def test_import_digital_votes_on_the_votes_screen(store: Store, meeting: Any) -> None:
    item = everyone_present_item_running(store, meeting)
    poll = store.create_poll(item, "Welke richting?", method=PollMethod.KEUZE, options=DESIGN)
    store.set_count(poll.id, poll.options[0].id, Channel.ZAAL, 2)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting_screen(pilot, "f5")
        assert isinstance(screen, VotesScreen) and screen.poll is not None
        await pilot.press("i")
        await pilot.pause()
        await choose_file(pilot, DATA / "peiling-per-stem.csv")
        confirm = pilot.app.screen
        assert isinstance(confirm, ConfirmDialog)
        # The counts per option and the lines that were not counted are shown first.
        assert ": 2" in confirm.question and "Een skatebaan" in confirm.question
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.screen is screen
        stored = store.get_poll(poll.id)
        assert [o.digital for o in stored.options] == [2, 1, 1]
        assert [o.room for o in stored.options] == [2, 0, 0]
        assert stored.digital_source.startswith("peiling-per-stem.csv (")
        assert "peiling-per-stem.csv" in status(screen)
        # A declared vote takes no more votes: the key is dimmed and does nothing.
        await pilot.press("v", "ctrl+s")
        await pilot.pause()
        assert store.get_poll(poll.id).status.value == "vastgesteld"
        assert screen.check_action("import_votes", ()) is None
        await pilot.press("i")
        await pilot.pause()
        assert pilot.app.screen is screen


# --------------------------------------------------------------------- completing a path


async def test_the_path_field_completes_folders_and_files(tmp_path: Path) -> None:
    (tmp_path / "Vergaderingen").mkdir()
    (tmp_path / "Vergaderingen" / "wielwijk.baz.json").write_text("{}")
    (tmp_path / "Vergaderingen" / "notities.txt").write_text("")
    suggest = PathSuggester([".baz.json"])
    folder = str(tmp_path / "Verg")
    assert await suggest.get_suggestion(folder) == folder + "aderingen" + os.sep
    inside = str(tmp_path / "Vergaderingen") + os.sep
    assert await suggest.get_suggestion(inside) == inside + "wielwijk.baz.json"
    assert await suggest.get_suggestion(inside + "n") is None
    assert await suggest.get_suggestion(str(tmp_path / "nergens" / "x")) is None
