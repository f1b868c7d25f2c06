"""Shared fixtures, and the tiers. The UI language is installed before any screen is imported.

Every test file lives in the folder of its tier (``TIERS``, quickest first; the README's
developer section says which tier a new file goes in). The folder gives each of its tests the
tier's marker, so ``-m`` selects tiers as paths do. A test file outside the tier folders is an
error of the run, and a test marked with another tier than its folder's fails.

Tests run in Dutch, the default language of BaZ, so snapshots show what a chair sees.

The Store and migration tests (the modules in ``BOTH_BACKENDS``) run twice: on SQLite and on
PostgreSQL, whose server ``BAZ_TEST_POSTGRES_URL`` names (``.ci/run`` starts a throwaway one;
without it those runs are skipped, saying so). The screens' tests use SQLite only: the Store
they drive is the one tested on both.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from time import monotonic
from typing import Any

import pytest

from baz_tui.i18n import install_language
from bench.harness import wait_loaded as wait_loaded  # the benchmarks wait the same way

# A fixed moment for every recorded time in tests (Tuesday 1 December 2026, 19:25 local), and
# the people of the ``meeting`` fixture: one list with the room's benchmark meeting.
from bench.meeting_people import FIXED_NOW as FIXED_NOW
from bench.meeting_people import PEOPLE as PEOPLE

install_language("nl")

#: The repository (tests run its programs and read its sources) and the tests' data files.
ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
DATA = TESTS / "data"

# ------------------------------------------------------------------ tiers

#: The tiers, quickest first: rules (pure, no database), store (the Store on SQLite and
#: PostgreSQL), screens (the app under Pilot), e2e (the command line, the Word file, real
#: terminals and processes, the whole evening), slow (the bench, kills, long property tests).
TIERS = ("rules", "store", "screens", "e2e", "slow")


@functools.cache
def tier_of(path: Path) -> str | None:
    """The tier of a test file: the tier folder under tests/ that it lives in, else None."""
    path = path.resolve()
    parts = path.relative_to(TESTS).parts if path.is_relative_to(TESTS) else ()
    return parts[0] if len(parts) > 1 and parts[0] in TIERS else None


class _FileWithoutTier(pytest.File):
    """A test file outside the tier folders: an error of the run, which says where it goes."""

    def collect(self) -> list[pytest.Item]:
        raise self.CollectError(
            f"{self.path.relative_to(ROOT)} has no tier: move it into the folder of its tier, "
            f"one of tests/{{{','.join(TIERS)}}}/ (see the README, For developers)"
        )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.name.startswith("test_") and file_path.suffix == ".py":
        if tier_of(file_path) is None:
            return _FileWithoutTier.from_parent(parent, path=file_path)
    return None


def pytest_itemcollected(item: pytest.Item) -> None:
    tier = tier_of(item.path)
    if tier is not None:  # else its file is reported as having no tier
        item.add_marker(tier)


def pytest_runtest_setup(item: pytest.Item) -> None:
    tiers = sorted({mark.name for mark in item.iter_markers() if mark.name in TIERS})
    if len(tiers) > 1:
        pytest.fail(
            f"marked {' and '.join(tiers)}: a test has one tier, the folder it lives in "
            "(move it, or its file, to the other tier instead of marking it)",
            pytrace=False,
        )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slowest tier first: with ``-n 2`` (``--dist worksteal``, pyproject.toml) the long
    tests start at once and the workers end together on the short ones, instead of one
    running a two-minute test alone at the end."""
    items.sort(key=lambda item: -TIERS.index(tier_of(item.path) or "rules"))


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
def quick_looks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The meeting screens look for another laptop's changes every 50 ms instead of every
    second: the same code, in a test that waits for what they find, not for the clock."""
    from screens.meeting_base import MeetingScreen

    monkeypatch.setattr(MeetingScreen, "FOLLOW_INTERVAL", 0.05)


@pytest.fixture
def clock() -> Clock:
    """The Store's clock: stands at FIXED_NOW until a test moves it."""
    return Clock()


# ------------------------------------------------------------------ SQLite and PostgreSQL

#: The variable naming a PostgreSQL server for the tests: a URL whose user may create
#: databases, e.g. ``postgresql+psycopg://baz@/postgres?host=/tmp/pg`` (.ci/run sets it).
POSTGRES_URL_VARIABLE = "BAZ_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")
#: The test modules whose ``backend`` (and so ``store``) runs on both databases.
BOTH_BACKENDS = re.compile(r"(^|\.)test_(store\w*|migrations|postgres_\w+)$")
NO_POSTGRES = (
    f"no PostgreSQL configured: set {POSTGRES_URL_VARIABLE} to a server URL "
    "(.ci/run starts a throwaway server and sets it)"
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames and BOTH_BACKENDS.search(metafunc.module.__name__):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs on: "sqlite", or "postgresql" in the Store test modules."""
    name: str = getattr(request, "param", "sqlite")
    if name == "postgresql" and not os.environ.get(POSTGRES_URL_VARIABLE):
        pytest.skip(NO_POSTGRES)
    return name


class PostgresServer:
    """The test server: a database per test run for the Store tests (emptied before each
    test, which is much faster than a new one), and new empty databases for migration tests."""

    def __init__(self, url_text: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.url = make_url(url_text)
        # CREATE and DROP DATABASE cannot run inside a transaction.
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=_null_pool())
        self.prefix = f"baz_test_{os.getpid()}"
        self.made: list[str] = []
        self._store_database: str | None = None
        self._empty_statements = ""
        self._cleaner: Any = None

    def url_of(self, database: str) -> str:
        return self.url.set(database=database).render_as_string(hide_password=False)

    def new_database(self) -> str:
        """The URL of a new, empty database (dropped at the end of the run)."""
        name = f"{self.prefix}_{len(self.made)}"
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE template0')
        self.made.append(name)
        return self.url_of(name)

    def store_database(self) -> str:
        """The URL of the Store tests' database: at the head schema, with no rows and every
        id counter back at 1."""
        from sqlalchemy import create_engine
        from sqlmodel import SQLModel

        import models.database.tables  # noqa: F401  (the tables, to empty them)
        from models.database import Database
        from models.database.migrate import HEAD_REVISION

        if self._store_database is None:
            url = self.new_database()
            Database.open(url).close()  # creates the schema at head
            tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables)]
            self._empty_statements = "; ".join(
                [f'DELETE FROM "{t}"' for t in tables]
                # A test may have set another revision (to see it refused).
                + [f"UPDATE alembic_version SET version_num = '{HEAD_REVISION}'"]
                # setval, not ALTER SEQUENCE … RESTART: no new file per sequence, 8× faster.
                + ["SELECT " + ", ".join(f"setval('\"{t}_id_seq\"', 1, false)" for t in tables)]
            )
            self._store_database = url
            self._cleaner = create_engine(url, pool_pre_ping=True)  # tests drop connections
        with self._cleaner.begin() as conn:
            conn.exec_driver_sql(self._empty_statements)
        return self._store_database

    def close(self) -> None:
        if self._cleaner is not None:
            self._cleaner.dispose()
        with self.admin.connect() as conn:
            for name in self.made:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.dispose()


def _null_pool() -> Any:
    from sqlalchemy.pool import NullPool

    return NullPool


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        pytest.skip(NO_POSTGRES)
    server = PostgresServer(url)
    yield server
    server.close()


@pytest.fixture
def store_url(backend: str, request: pytest.FixtureRequest) -> str:
    """The URL of an empty Store database of the test's backend, at the head schema."""
    if backend == "postgresql":
        return request.getfixturevalue("postgres_server").store_database()
    return f"sqlite:///{request.getfixturevalue('tmp_path') / 'baz.db'}"


@pytest.fixture
def new_database(backend: str, request: pytest.FixtureRequest) -> Callable[[], str]:
    """Makes URLs of new, empty databases (no tables at all) of the test's backend."""
    if backend == "postgresql":
        server: PostgresServer = request.getfixturevalue("postgres_server")
        return server.new_database
    folder = request.getfixturevalue("tmp_path_factory").mktemp("databases")
    names = iter(range(1_000_000))
    return lambda: f"sqlite:///{folder / f'baz-{next(names)}.db'}"


@pytest.fixture
def store(clock: Clock, backend: str, request: pytest.FixtureRequest) -> Iterator[object]:
    """An empty Store on the test clock: in memory on SQLite, or the emptied test database on
    the PostgreSQL server."""
    from models.store import Store

    if backend == "postgresql":
        s = Store.open(request.getfixturevalue("store_url"), clock=clock)
    else:
        s = Store.in_memory(clock=clock)
    yield s
    s.close()


@pytest.fixture
def two_laptops(store_url: str, clock: Clock) -> Iterator[tuple[object, object]]:
    """Two Stores on one database, as two laptops (or two windows) on one meeting: two
    connections to one SQLite file, or two to the PostgreSQL test database."""
    from models.store import Store

    laptops = (Store.open(store_url, clock=clock), Store.open(store_url, clock=clock))
    yield laptops
    for laptop in laptops:
        laptop.close()


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


def lend(database):  # type: ignore[no-untyped-def]
    """The test's ``database`` lent to an app, as the one it opens.

    The app closes what it opened when it ends (its Store, and the database under it). A
    test's database belongs to the test: it reads what the app saved after the app ended, and
    closes the database itself (the ``store`` fixture). The lent one shares everything with it
    but its closing.
    """
    from models.database import Database

    class LentDatabase(Database):
        def __init__(self) -> None:
            vars(self).update(vars(database))

        def close(self) -> None:
            """The test closes the database it lent, not the app."""

    return LentDatabase()


def make_app(store):  # type: ignore[no-untyped-def]
    """The real app on a given Store (the factory the CLI uses, minus the database opening)."""
    from baz_tui.app import BazApp
    from baz_tui.keymap import use_user_keymap

    return BazApp(lambda: lend(store.database), clock=store.now, keymap=use_user_keymap)


async def until(pilot, condition: Callable[[], object], what: str, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``condition()`` holds: how a test waits for a timer, a worker or
    another connection, instead of sleeping for as long as it usually takes. Fails saying
    ``what`` never came after ``timeout`` seconds (a bound for a broken app, not a wait)."""
    deadline = monotonic() + timeout
    while not condition():
        if monotonic() > deadline:
            raise AssertionError(f"waited {timeout:g} s in vain for {what}")
        await pilot.pause(0.01)


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


def run_baz(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``baz ARGS`` in English, in this process: the exit code and what it printed (out, err)."""
    from baz_tui import cli

    capsys.readouterr()
    code = cli.main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


#: Runs a command as root without root's power to ignore file permissions (``setpriv`` drops
#: CAP_DAC_OVERRIDE and friends): ``chmod a-w`` then refuses writes as for any owner.
DROP_OVERRIDE = [
    "setpriv",
    "--bounding-set",
    "-dac_override,-dac_read_search,-fowner",
    "--inh-caps",
    "-dac_override,-dac_read_search,-fowner",
]


@functools.cache
def privileges_can_be_dropped() -> bool:
    """True when this runs as root and ``DROP_OVERRIDE`` works here."""
    import shutil
    import subprocess

    if not (hasattr(os, "geteuid") and os.geteuid() == 0) or shutil.which("setpriv") is None:
        return False
    probe = subprocess.run([*DROP_OVERRIDE, "true"], capture_output=True, timeout=10)
    return probe.returncode == 0
