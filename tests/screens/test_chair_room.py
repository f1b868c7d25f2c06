"""The chair opens the room for phones (Z): a yes first, then the QR code (which decodes to the
address with the meeting code), the address and the code; the title bar says the room is open;
Z again shows the dialog, X closes the room. The server is a stand-in here (the real one is a
process: tests/e2e/test_chair_room_process.py); it opens the room through the Store as the real
one does."""

from __future__ import annotations

from typing import Any

import pytest

from models.rules.qr import qr_lines
from screens.room import RoomDialog
from screens.widgets.confirm import ConfirmDialog
from screens.widgets.title_bar import TitleBar
from tests.conftest import lend, open_meeting_screen, until, wait_loaded
from tests.qr_reader import decode_qr

SIZES = [(120, 36), (80, 24)]


class StandInServer:
    """A room server without the process: it opens the room through the Store, as the real
    one does, and closes it when stopped."""

    def __init__(self, store: Any, meeting_id: int, host: str, port: int) -> None:
        self.store, self.meeting_id = store, meeting_id
        self.url = f"http://{host}:{port}"
        self.code = store.open_room(meeting_id, self.url).code
        self.join_url = f"{self.url}/?c={self.code}"
        self.running = True

    def stop(self, timeout: float = 5.0) -> None:
        if self.running:
            self.running = False
            self.store.close_room(self.meeting_id)


def room_app(store: Any, started: list[StandInServer] | None = None, fail: str = "") -> Any:
    from baz_tui.app import BazApp
    from baz_tui.keymap import use_user_keymap
    from models.errors import BazError

    def start(_db: str, meeting_id: int, host: str, port: int) -> StandInServer:
        if fail:
            raise BazError(fail)
        server = StandInServer(store, meeting_id, host, port)
        if started is not None:
            started.append(server)
        return server

    return BazApp(
        lambda: lend(store.database),
        clock=store.now,
        keymap=use_user_keymap,
        room_starter=start,
        room_host="192.168.1.10",
    )


@pytest.fixture
def shared_target(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test's in-memory database stands for a file the server process could open."""
    monkeypatch.setattr("baz_tui.rooms.database_target", lambda _database: "baz.db")


async def test_z_opens_the_room_after_a_yes_and_x_closes_it(store, meeting, shared_target) -> None:  # type: ignore[no-untyped-def]
    started: list[StandInServer] = []
    app = room_app(store, started)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting_screen(pilot, "f2")
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "telefoons" in app.screen.question
        await pilot.press("n")  # not now: nothing started
        await pilot.pause()
        assert app.screen is screen and not started
        assert store.room_info(meeting.id) is None
        await pilot.press("z", "j")
        await until(pilot, lambda: isinstance(app.screen, RoomDialog), "the room's dialog")
        dialog = app.screen
        [server] = started
        room = store.room_info(meeting.id)
        assert room is not None and room.is_open and room.code == server.code
        assert dialog.room.url == "http://192.168.1.10:8765"
        words = str(dialog.query_one("#room-text").render())
        assert "http://192.168.1.10:8765" in words and server.code in words
        drawn = str(dialog.query_one("#room-qr").render()).splitlines()
        assert decode_qr(drawn) == [f"http://192.168.1.10:8765/?c={server.code}"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        bar = screen.query_one(TitleBar)
        assert bar.room_text == f"Zaal: open · code {server.code}"
        # Every meeting screen says so.
        await pilot.press("f5")
        await pilot.pause()
        assert app.screen.query_one(TitleBar).room_text == f"Zaal: open · code {server.code}"
        # Z again: the dialog again, no second server; X closes the room.
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, RoomDialog) and len(started) == 1
        await pilot.press("x")
        await until(pilot, lambda: not server.running, "the server stopped")
        assert not store.room_info(meeting.id).is_open
        assert app.screen.query_one(TitleBar).room_text == ""
        assert "gesloten" in str(app.screen.query_one("#status").render())


async def test_the_room_stops_when_the_app_ends(store, meeting, shared_target) -> None:  # type: ignore[no-untyped-def]
    started: list[StandInServer] = []
    app = room_app(store, started)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting_screen(pilot, "f3")
        await pilot.press("z", "j")
        await until(pilot, lambda: isinstance(app.screen, RoomDialog), "the room's dialog")
    [server] = started
    assert not server.running
    assert not store.room_info(meeting.id).is_open


async def test_a_server_that_cannot_start_says_so_in_one_line(
    store, meeting, shared_target
) -> None:  # type: ignore[no-untyped-def]
    app = room_app(store, fail="De zaal kan niet op 192.168.1.10:8765: adres al in gebruik")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting_screen(pilot, "f4")
        await pilot.press("z", "j")
        await until(
            pilot, lambda: "in gebruik" in str(screen.query_one("#status").render()), "the error"
        )
        assert app.screen is screen
        assert screen.query_one(TitleBar).room_text == ""


def test_the_qr_code_of_the_room_decodes() -> None:
    url = "http://192.168.178.23:8765/?c=K7QMP4"
    assert decode_qr(qr_lines(url)) == [url]


def _open_room(*keys: str):  # type: ignore[no-untyped-def]
    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("z", "j")
        await until(pilot, lambda: isinstance(pilot.app.screen, RoomDialog), "the dialog")
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    return run


@pytest.fixture
def fixed_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("models.store.room.new_meeting_code", lambda: "K7QMP4")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_room_dialog(
    snap_compare, store, meeting, shared_target, fixed_code, size
) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(room_app(store), terminal_size=size, run_before=_open_room())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_title_bar_with_the_room_open(
    snap_compare, store, meeting, shared_target, fixed_code, size
) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(room_app(store), terminal_size=size, run_before=_open_room("escape"))
