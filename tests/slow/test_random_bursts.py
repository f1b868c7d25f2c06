"""Random key bursts on every screen (issue #21): the app survives any burst.

Hypothesis draws bursts of keys — the keys of the screens, letters and digits (typed into
whatever field is open), Enter, Escape, Tab, arrows, Delete, undo, the F-keys that move between
the screens — and hands each burst to the real app at once, as a terminal does when a chair
presses faster than the app draws. After every burst: no unexpected error (the app's handler
would have caught one, and Pilot hands it to the test), the app still runs, and the database is
consistent: the integrity check passes and every state the screens read can be read.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.errors import BazError
from models.store import Store
from tests.conftest import everyone_present_item_running, make_app, wait_loaded
from tests.screens.test_key_bursts import key_event, settle

#: Keys the screens bind, and what a chair might hit besides; not Ctrl+Q (quit) nor Ctrl+P
#: (the palette, whose Enter can run "Quit" too).
KEYS = (
    *"abdeghiklmnoprstuvwxy",
    *"+-,.0123456789/",
    "space",
    "enter",
    "escape",
    "tab",
    "up",
    "down",
    "shift+up",
    "shift+down",
    "delete",
    "ctrl+z",
    "ctrl+s",
    "f2",
    "f3",
    "f4",
    "f5",
    "f6",
    "f7",
    "f8",
    "f9",
)
SCREENS = ("f2", "f3", "f4", "f5", "f6", "f7", "f8")

bursts = st.lists(
    st.tuples(st.sampled_from(SCREENS), st.lists(st.sampled_from(KEYS), min_size=3, max_size=30)),
    min_size=2,
    max_size=5,
)


def consistent(path: Path) -> None:
    """The file is sound, and every state a screen reads can be read."""
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()
    from models.minutes import build_minutes

    store = Store.open(path)
    try:
        for summary in store.list_meetings():
            agenda = store.agenda_state(summary.id)
            store.list_attendees(summary.id)
            for item in agenda.items:
                state = store.speaker_state(item.id)
                positions = [e.position for e in state.waiting]
                assert len(positions) == len(set(positions)), "two speakers in one place"
                store.analysis_state(item.id)
                for poll in store.list_polls(item.id):
                    assert all(o.room >= 0 and o.digital >= 0 for o in poll.options)
            try:
                build_minutes(store, summary.id, public=True)
            except BazError:
                pass  # a refusal in words (e.g. a review needed) is an answer, not a break
    finally:
        store.close()


async def play(path: Path, plan: list[tuple[str, list[str]]]) -> None:
    store = Store.open(path)
    app = make_app(store)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_loaded(pilot)
            await pilot.press("enter")
            await settle(pilot)
            for screen_key, keys in plan:
                await pilot.press(screen_key)
                await settle(pilot)
                for key in keys:
                    event = key_event(key)
                    event.set_sender(app)
                    app._driver.send_message(event)
                await settle(pilot)
                if not app.is_running:
                    break
                assert app.unexpected_errors == [], app.unexpected_errors
            assert app.is_running, "a burst ended the app"
    finally:
        store.close()


@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plan=bursts)
def test_random_bursts_on_every_screen(plan: list[tuple[str, list[str]]], tmp_path: Path) -> None:
    from bench.evening import make_evening

    path = tmp_path / f"baz-{abs(hash(str(plan)))}.db"
    path.unlink(missing_ok=True)
    store = Store.open(path)
    meeting = make_evening(store)
    everyone_present_item_running(store, meeting)
    store.close()
    asyncio.run(play(path, plan))
    consistent(path)
    for extra in ("", "-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)


def test_the_bursts_reach_every_screen() -> None:
    """The strategy is not vacuous: it sends bursts to all the meeting screens."""
    assert set(SCREENS) == {"f2", "f3", "f4", "f5", "f6", "f7", "f8"}
    assert {"enter", "escape", "delete", "ctrl+z"} <= set(KEYS)
    assert "ctrl+q" not in KEYS
