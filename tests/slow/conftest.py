"""Fixtures of the slow tests that drive the room's pages in a real browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.room_store import Room, build_room
from tests.slow.room_browser import chromium


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Room, Any]]:
    """The room on a SQLite file, and its server running as its own process on 127.0.0.1."""
    from baz_tui.room.server import start_room_server

    room = build_room(tmp_path / "baz.db")
    server = start_room_server(room.url, room.meeting, "127.0.0.1", 0)
    try:
        yield room, server
    finally:
        server.stop()


@pytest.fixture
def browser() -> Iterator[Any]:
    driver = chromium()
    try:
        yield driver
    finally:
        driver.quit()
