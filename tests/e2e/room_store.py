"""The room of ``bench/room_meeting.py`` as fixtures for the room's web tests: built once per
test module, and a fresh copy of its SQLite file, with a Store open on it, for each test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bench.room_meeting import (
    DOTS,
    IDEAS,
    PRESENT,
    QUESTION,
    ROOM_TABLES,
    Room,
    build_room,
    count_rows,
    dump,
    phone_counts,
)
from models.store import Store
from tests.conftest import Clock

__all__ = [
    "DOTS",
    "IDEAS",
    "PRESENT",
    "QUESTION",
    "ROOM_TABLES",
    "Room",
    "build_room",
    "count_rows",
    "dump",
    "phone_counts",
    "room",
    "room_template",
]


@pytest.fixture(scope="module")
def room_template(tmp_path_factory: pytest.TempPathFactory) -> Room:
    """The room, built once per test module: each test gets a copy of its file."""
    return build_room(tmp_path_factory.mktemp("room") / "template.db")


@pytest.fixture
def room(room_template: Room, tmp_path: Path, clock: Clock) -> Iterator[Room]:
    """A fresh copy of the room's database, with a Store open on it (on the test clock)."""
    path = tmp_path / "baz.db"
    shutil.copyfile(room_template.path, path)
    store = Store.open(f"sqlite:///{path}", clock=clock)
    try:
        yield replace(room_template, path=path, store=store)
    finally:
        store.close()
