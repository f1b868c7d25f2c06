"""The app owns the Store (issue #24): it opens it from the database the command line gives it,
hands it to the screens, and closes it when it ends — by Ctrl+Q, by an error, or interrupted.

Closed is seen from outside: a SQLite file in WAL mode keeps its ``-wal`` file while any
connection to it is open, and SQLite folds it into the database and removes it when the last
one closes.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import threading
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from bench.terminal import PtySession
from models.database import Database
from models.store import Store
from tests.conftest import open_meeting_screen

SIZE = (120, 36)


def _database_with_a_meeting(path: Path) -> int:
    store = Store.open(path)
    try:
        meeting = store.create_meeting("Bewonersavond", date(2026, 12, 1), time(19, 30))
        store.add_attendee(meeting.id, "Jan de Vries", "bewoner", "naam")
    finally:
        store.close()
    return meeting.id


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _app(path: Path) -> Any:
    from baz_tui.app import BazApp

    return BazApp(lambda: Database.open(path), follow_changes=True)


async def test_the_app_opens_the_store_hands_it_to_the_screens_and_closes_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "baz.db"
    _database_with_a_meeting(path)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meeting_screen(pilot, "f2")
        assert app.store is not None
        assert screen.store is app.store and app.screen_stack[0].store is app.store
        assert _wal(path).exists()  # open: the app's connections (and its following signal)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not _wal(path).exists()
    # Closing is once: a second close (the end of ``run``) does nothing.
    app.close_store()


async def test_the_store_is_closed_when_the_app_ends_by_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from baz_tui.app import BazApp

    path = tmp_path / "baz.db"
    _database_with_a_meeting(path)
    app = _app(path)
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=SIZE) as pilot:
            await open_meeting_screen(pilot, "f3")
            assert _wal(path).exists()
            # An error the app does not survive (they keep coming): it ends as Textual does.
            monkeypatch.setattr(BazApp, "survive_error", lambda self, error: False)
            app.call_later(lambda: 1 / 0)
            for _attempt in range(100):
                await pilot.pause(0.02)
                if not app.is_running:
                    break
    assert not _wal(path).exists()


async def test_the_store_is_closed_when_the_run_is_cancelled(tmp_path: Path) -> None:
    """What ``asyncio.run`` does to the app on SIGINT: cancel it, wherever it is."""
    path = tmp_path / "baz.db"
    _database_with_a_meeting(path)
    app = _app(path)
    run = asyncio.create_task(app.run_async(headless=True, size=SIZE))
    for _attempt in range(500):
        await asyncio.sleep(0.02)
        if app.store is not None:
            break
    assert app.store is not None and _wal(path).exists()
    run.cancel()
    try:
        await run
    except asyncio.CancelledError:
        pass
    assert not _wal(path).exists()


def test_the_store_is_closed_when_baz_is_interrupted(tmp_path: Path) -> None:
    """The real command in a real terminal, interrupted (SIGINT) in a meeting."""
    path = tmp_path / "baz.db"
    _database_with_a_meeting(path)
    env = {"XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    session = PtySession(
        [sys.executable, "-m", "baz_tui", "--lang", "en", "--db", str(path)], env=env
    )
    try:
        session.wait_for("Bewonersavond")
        session.send("\r")  # Enter waits for the Store, then opens the meeting
        session.wait_for("Present:")
        assert _wal(path).exists()
        session.process.send_signal(signal.SIGINT)
        session.process.wait(timeout=30)
    finally:
        session.kill()
    assert not _wal(path).exists()


async def test_a_database_that_opens_after_the_app_ended_is_closed(tmp_path: Path) -> None:
    """The app ended (Ctrl+Q) while its thread was still opening the database (a slow server):
    the thread closes what it opened, nobody else would."""
    from baz_tui.app import BazApp

    path = tmp_path / "baz.db"
    _database_with_a_meeting(path)
    opening, go_on = threading.Event(), threading.Event()
    opened: list[Database] = []

    def slow_open() -> Database:
        opening.set()
        go_on.wait(10)
        database = Database.open(path)
        opened.append(database)
        return database

    app = BazApp(slow_open)
    async with app.run_test(size=SIZE) as pilot:
        for _attempt in range(500):
            if opening.is_set():
                break
            await pilot.pause(0.02)
        assert opening.is_set()
        await pilot.press("ctrl+q")
    go_on.set()
    for _attempt in range(500):
        await asyncio.sleep(0.02)
        if opened and not _wal(path).exists():
            break
    assert opened and not _wal(path).exists()
    assert app.store is None
