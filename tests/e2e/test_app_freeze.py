"""The app started from the command line freezes what it loaded, once per process, so a full
garbage collection during a meeting does not walk it; apps made by tests do not freeze."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, make_app, wait_loaded

# Two apps one after the other in a fresh process, as the command line makes them.
_SCRIPT = """
import asyncio, gc, sys
from baz_tui.i18n import install_language
install_language("nl")
from baz_tui.app import BazApp
from models.database import Database
from tests.conftest import wait_loaded

async def run_one():
    app = BazApp(lambda: Database.open(sys.argv[1]), freeze_when_loaded=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        await pilot.pause()
    return gc.get_freeze_count()

first = asyncio.run(run_one())
second = asyncio.run(run_one())
print(first, second)
"""


def test_the_command_line_app_freezes_once_when_it_has_loaded(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(tmp_path / "baz.db")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    first, second = (int(n) for n in result.stdout.split())
    assert first > 10_000  # Textual, the ORM and the tables
    # Once per process: the second app's own objects (over ten thousand) were not frozen.
    assert second - first < 1_000


async def test_an_app_made_by_a_test_does_not_freeze(store) -> None:  # type: ignore[no-untyped-def]
    before = gc.get_freeze_count()
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        await pilot.pause()
    assert gc.get_freeze_count() == before == 0
