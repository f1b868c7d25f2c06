"""Shared fixtures. The UI language is installed before any screen is imported.

Tests run in Dutch, the default language of BaZ, so snapshots show what a chair sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest

from baz_tui.i18n import install_language

install_language("nl")

#: A fixed moment for every recorded time in tests: Tuesday 1 December 2026, 19:25 local.
FIXED_NOW = datetime(2026, 12, 1, 18, 25, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand: the only source of "now" for Store and screens."""

    def __init__(self, start: datetime = FIXED_NOW) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, *, minutes: float = 0, seconds: float = 0) -> datetime:
        self.moment += timedelta(minutes=minutes, seconds=seconds)
        return self.moment


@pytest.fixture(autouse=True)
def _private_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never touch the real user data or settings of whoever runs the tests."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    # Exported minutes go to ~/Documents by default: a private home for every test.
    monkeypatch.setenv("HOME", str(base))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(base / "Documents"))
    monkeypatch.delenv("BAZ_DB", raising=False)
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time_module = __import__("time")
    if hasattr(time_module, "tzset"):
        time_module.tzset()


@pytest.fixture
def clock() -> Clock:
    """The Store's clock: stands at FIXED_NOW until a test moves it."""
    return Clock()


@pytest.fixture
def store(clock: Clock) -> Iterator[object]:
    """An empty in-memory Store on the test clock."""
    from models.store import Store

    s = Store.in_memory(clock=clock)
    yield s
    s.close()


PEOPLE = (
    ("Jan de Vries", "bewoner", "naam"),
    ("Fatima Ouali", "bewoner", "anoniem"),
    ("Piet Jansen", "bewoner", "initialen"),
    ("Anna Bakker", "bewoner", "anoniem"),
    ("Mohammed El Amrani", "gemeente", "naam"),
    ("Els Verbeek", "corporatie", "naam"),
    ("Kees Dekker", "wijkagent", "naam"),
    ("Sanne Visser", "gast", "anoniem"),
)


@pytest.fixture
def meeting(store):  # type: ignore[no-untyped-def]
    """A meeting in a process, with eight attendees of mixed roles, none marked yet."""
    from models.domain import ParticipationLevel

    info = store.create_meeting(
        "Bewonersavond speelplein",
        date(2026, 12, 1),
        time(19, 30),
        location="Wijkcentrum De Wielslag",
        new_process_title="Herinrichting speelplein Wielwijk",
        scheduled_end_time=time(21, 30),
    )
    store.update_process(
        info.process.id,
        participation_level=ParticipationLevel.MEEBESLISSEN,
        budget_euro_cents=8_500_000,
        decision_deadline=date(2027, 3, 1),
    )
    for name, role, consent in PEOPLE:
        store.add_attendee(info.id, name, role, consent)
    return store.get_meeting(info.id)


def make_app(store):  # type: ignore[no-untyped-def]
    """The real app on a given Store (the factory the CLI uses, minus the database opening)."""
    from baz_tui.app import BazApp

    return BazApp(lambda: store.database, clock=store.now)


async def wait_loaded(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the home screen has drawn the list and loaded the Store behind it."""
    from screens.home import HomeScreen

    for _attempt in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        if not isinstance(screen, HomeScreen) or screen.store is not None:
            return
    raise AssertionError("the home screen never got its Store")


async def fill_field(pilot, field: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` into the form field ``field`` of the dialog on top, as a user would."""
    from textual.widgets import Input

    widget = pilot.app.screen.query_one(f"#field-{field}", Input)
    widget.value = ""
    widget.focus()
    await pilot.pause()
    await pilot.press(*list(text))


async def open_meeting_screen(pilot, key: str):  # type: ignore[no-untyped-def]
    """Open the first meeting of the list and go to the screen of the F-key ``key``."""
    await wait_loaded(pilot)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
    return pilot.app.screen


def everyone_present_item_running(store, meeting, position: int = 6) -> int:  # type: ignore[no-untyped-def]
    """Mark everyone present (4 of the 8 may vote) and run the agenda item at ``position``."""
    from models.domain import Presence

    for person in store.list_attendees(meeting.id):
        store.set_presence(person.id, Presence.AANWEZIG)
    item = store.list_agenda(meeting.id)[position]
    store.start_item(item.id)
    return item.id
