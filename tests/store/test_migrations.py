"""Schema migrations: stamping a new database, the baseline, upgrading with a backup, refusing.

The tests that take ``new_database`` run on SQLite and on PostgreSQL (see ``tests/conftest.py``);
the others are about SQLite files: the backup copy, WAL, foreign keys, the bytes of a refused
file.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Connection, Engine, make_url
from sqlmodel import SQLModel

from models.database import migrate
from models.errors import DatabaseError
from models.i18n import _
from models.store import Store
from tests.conftest import ROOT


def _engine(path: Path) -> Engine:
    """An engine set up like the Store's: WAL and foreign keys on (the dangerous case)."""
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    return engine


def _revisions(path: Path) -> list[str]:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        return [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]


def _columns(path: Path, table: str) -> list[str]:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _alembic_upgrade(conn: Connection, script_location: Path) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


def _engine_at(url: str) -> Engine:
    """An engine on a test database: a SQLite file set up like the Store's, or the server."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        assert parsed.database is not None
        return _engine(Path(parsed.database))
    return create_engine(parsed)


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    return (
        Path(parsed.database) if parsed.get_backend_name() == "sqlite" and parsed.database else None
    )


def _revisions_at(url: str) -> list[str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        revisions = [
            row[0] for row in conn.exec_driver_sql("SELECT version_num FROM alembic_version")
        ]
    engine.dispose()
    return revisions


def _columns_at(url: str, table: str) -> list[str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        columns = [c["name"] for c in inspect(conn).get_columns(table)]
    engine.dispose()
    return columns


def _count_at(url: str, table: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        count = conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()
    engine.dispose()
    return int(count)


def _catalogue(conn: Connection) -> dict[str, Any]:
    """What the database itself says of every table (through SQLAlchemy's inspector, so on
    every backend): columns with type, nullability and server default; named foreign keys with
    ON DELETE; indexes; unique constraints."""
    inspector = inspect(conn)
    schema: dict[str, Any] = {}
    for table in sorted(inspector.get_table_names()):
        columns = {
            c["name"]: (str(c["type"]), c["nullable"], c.get("default"))
            for c in inspector.get_columns(table)
        }
        foreign_keys = {
            (
                fk["name"],
                tuple(fk["constrained_columns"]),
                fk["referred_table"],
                (fk.get("options") or {}).get("ondelete"),
            )
            for fk in inspector.get_foreign_keys(table)
        }
        indexes = {
            (ix["name"], tuple(ix["column_names"]), bool(ix["unique"]))
            for ix in inspector.get_indexes(table)
        }
        uniques = {
            (uq["name"], tuple(uq["column_names"]))
            for uq in inspector.get_unique_constraints(table)
        }
        primary = inspector.get_pk_constraint(table)
        schema[table] = (columns, foreign_keys, indexes, uniques, primary["name"])
    return schema


# ------------------------------------------------------------------ the fast path

FRESH_INTERPRETER_CHECK = """
import sys
from models.store import Store

Store.open(sys.argv[1]).close()  # new: tables created, head stamped
Store.open(sys.argv[1]).close()  # already at head
loaded = sorted(name for name in sys.modules if name.split(".")[0] == "alembic")
assert not loaded, loaded
"""


@pytest.fixture(scope="module", autouse=True)
def fresh_interpreter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Path]]:
    """The no-Alembic check in a new interpreter, started first so it runs beside the others."""
    # Importing sqlmodel takes most of a second; overlapping it keeps this file fast.
    folder = tmp_path_factory.mktemp("fresh")
    env = {**os.environ, "XDG_DATA_HOME": str(folder), "XDG_CONFIG_HOME": str(folder)}
    env.pop("BAZ_DB", None)
    child = subprocess.Popen(
        [sys.executable, "-c", FRESH_INTERPRETER_CHECK, str(folder / "baz.db")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    yield child, folder / "baz.db"
    if child.poll() is None:
        child.kill()
    child.communicate()


def test_a_current_database_costs_one_query(tmp_path: Path) -> None:
    db = tmp_path / "baz.db"
    engine = _engine(db)
    migrate.prepare_schema(engine, db)
    statements: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    migrate.prepare_schema(engine, db)
    engine.dispose()
    assert len(statements) == 1
    assert "alembic_version" in statements[0]


def test_an_in_memory_store_is_stamped_at_head() -> None:
    store = Store.in_memory()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").all() == [
            (migrate.HEAD_REVISION,)
        ]
    store.close()


def test_a_new_database_gets_the_tables_and_the_head_stamp(new_database) -> None:  # type: ignore[no-untyped-def]
    url = new_database()
    Store.open(url).close()
    assert _revisions_at(url) == [migrate.HEAD_REVISION]
    engine = create_engine(url)
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    engine.dispose()
    assert tables == {t.name for t in SQLModel.metadata.sorted_tables} | {"alembic_version"}


# ------------------------------------------------------------------ the script directory


def test_known_revisions_are_the_history_of_the_script_directory() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(migrate.SCRIPT_LOCATION))
    oldest_first = tuple(rev.revision for rev in script.walk_revisions())[::-1]
    assert oldest_first == migrate.KNOWN_REVISIONS
    assert script.get_heads() == [migrate.HEAD_REVISION]


def _schema(conn: Connection) -> dict[str, Any]:
    """Tables, columns, foreign keys (with ON DELETE) and indexes, independent of order."""
    tables = [
        row[0]
        for row in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    schema: dict[str, Any] = {}
    for table in tables:
        columns = {
            r[1]: (r[2], r[3], r[4], r[5])
            for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")
        }
        foreign_keys = {
            (r[3], r[2], r[4], r[6])
            for r in conn.exec_driver_sql(f"PRAGMA foreign_key_list({table})")
        }
        indexes = {}
        for r in conn.exec_driver_sql(f"PRAGMA index_list({table})"):
            index_columns = [c[2] for c in conn.exec_driver_sql(f"PRAGMA index_info('{r[1]}')")]
            # SQLite names the index behind a UNIQUE constraint itself; key it by its columns.
            name = r[1] if r[3] == "c" else f"{r[3]}:{index_columns}"
            indexes[name] = (bool(r[2]), tuple(index_columns))
        ddl = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).scalar_one()
        named_constraints = sorted(
            line.split()[1] for line in ddl.splitlines() if line.strip().startswith("CONSTRAINT")
        )
        schema[table] = (columns, foreign_keys, indexes, named_constraints)
    return schema


def test_the_baseline_builds_the_schema_of_the_models(new_database) -> None:  # type: ignore[no-untyped-def]
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    by_models, by_migrations = new_database(), new_database()
    created = _engine_at(by_models)
    migrate.prepare_schema(created, _sqlite_path(by_models))
    migrated = _engine_at(by_migrations)
    with migrated.connect() as conn:
        _alembic_upgrade(conn, migrate.SCRIPT_LOCATION)
        conn.commit()
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
        migrated_catalogue = _catalogue(conn)
        migrated_schema = _schema(conn) if conn.dialect.name == "sqlite" else None
    with created.connect() as conn:
        # compare_metadata misses some details (a foreign key's name, for one); the catalogue
        # shows them, and on SQLite its own pragmas show even more.
        assert _catalogue(conn) == migrated_catalogue
        if conn.dialect.name == "sqlite":
            assert _schema(conn) == migrated_schema
    created.dispose()
    migrated.dispose()
    assert _revisions_at(by_migrations) == _revisions_at(by_models) == [migrate.HEAD_REVISION]


# ------------------------------------------------------------------ upgrading an older database

TEST_REVISION = '''
"""Test only: a new column, added by copying the parent table as batch mode does on SQLite."""

import sqlalchemy as sa
from alembic import op

revision = "9999_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def recreate():
    # PostgreSQL alters in place (and cannot drop a table others refer to): the copy is SQLite's.
    return "always" if op.get_context().dialect.name == "sqlite" else "auto"


def upgrade():
    with op.batch_alter_table("meeting", recreate=recreate()) as batch:
        batch.add_column(sa.Column("room_size", sa.Integer(), nullable=False, server_default="0"))
    {extra}


def downgrade():
    with op.batch_alter_table("meeting", recreate=recreate()) as batch:
        batch.drop_column("room_size")
'''

WITH_TEST_REVISION = (*migrate.KNOWN_REVISIONS, "9999_test")


def _scripts(tmp_path: Path, extra: str = "pass") -> Path:
    """A copy of the real script directory plus one extra test revision after the head."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.SCRIPT_LOCATION, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_test.py").write_text(
        TEST_REVISION.format(extra=extra, head=migrate.HEAD_REVISION)
    )
    return scripts


def _baseline_database(path: Path) -> None:
    """A database at the head with a meeting and the rows that hang from it."""
    store = Store.open(path)
    meeting = store.create_meeting("Buurtoverleg", date(2025, 3, 4), time(19, 30))
    store.add_attendee(meeting.id, "Fatima")
    store.add_attendee(meeting.id, "Joost")
    store.add_agenda_item(meeting.id, "Speeltuin")
    store.close()


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


HEAD = migrate.HEAD_REVISION


def test_an_older_database_is_copied_then_upgraded(tmp_path: Path) -> None:
    db = tmp_path / "baz.db"
    _baseline_database(db)
    attendees, items = _count(db, "attendee"), _count(db, "agendaitem")
    engine = _engine(db)
    migrate.prepare_schema(
        engine, db, script_location=_scripts(tmp_path), known_revisions=WITH_TEST_REVISION
    )
    with engine.connect() as conn:
        # The pooled connection gets its foreign keys back after the upgrade.
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()

    backup = tmp_path / f"baz.db.bak-{HEAD}"
    assert _revisions(backup) == [HEAD]
    assert "room_size" not in _columns(backup, "meeting")
    assert _count(backup, "meeting") == 1 and _count(backup, "attendee") == attendees

    assert _revisions(db) == ["9999_test"]
    assert "room_size" in _columns(db, "meeting")
    # The meeting table was copied and dropped: with foreign keys on, that would have
    # cascaded into its attendees and agenda items.
    assert _count(db, "meeting") == 1
    assert (_count(db, "attendee"), _count(db, "agendaitem")) == (attendees, items)
    assert not list(tmp_path.glob("*.partial"))


def test_an_existing_backup_is_never_overwritten(tmp_path: Path) -> None:
    db = tmp_path / "baz.db"
    _baseline_database(db)
    earlier = tmp_path / f"baz.db.bak-{HEAD}"
    earlier.write_bytes(b"an earlier copy")
    engine = _engine(db)
    migrate.prepare_schema(
        engine, db, script_location=_scripts(tmp_path), known_revisions=WITH_TEST_REVISION
    )
    engine.dispose()
    assert earlier.read_bytes() == b"an earlier copy"
    assert _revisions(tmp_path / f"baz.db.bak-{HEAD}-2") == [HEAD]
    assert _revisions(db) == ["9999_test"]


def test_a_failed_upgrade_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "baz.db"
    _baseline_database(db)
    scripts = _scripts(tmp_path, extra='raise RuntimeError("boom")')
    engine = _engine(db)
    with pytest.raises(DatabaseError) as failure:
        migrate.prepare_schema(
            engine, db, script_location=scripts, known_revisions=WITH_TEST_REVISION
        )
    engine.dispose()
    backup = tmp_path / f"baz.db.bak-{HEAD}"
    assert str(failure.value) == _(
        "The database could not be upgraded from schema {revision}: {reason}. "
        "Nothing was changed; a copy made before the attempt is at {backup}."
    ).format(revision=HEAD, reason="boom", backup=backup)
    assert _revisions(backup) == [HEAD]
    # The table copy had already happened when the revision failed; it was rolled back.
    assert _revisions(db) == [HEAD]
    assert "room_size" not in _columns(db, "meeting")
    assert _count(db, "attendee") == 2


# ------------------------------------------------------------------ refusing


def test_a_database_of_a_newer_baz_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "baz.db"
    Store.open(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    conn.close()
    before = _sha256(db)
    with pytest.raises(DatabaseError) as refusal:
        Store.open(db)
    assert str(refusal.value) == _(
        "This database was made by a newer version of BaZ (schema {revision}); "
        "update BaZ to open it."
    ).format(revision="ffff_future")
    assert _sha256(db) == before
    assert not list(tmp_path.glob("*.bak-*"))


def test_a_sqlite_file_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO recipe (name) VALUES ('stamppot')")
    conn.close()
    before = _sha256(db)
    # A plain engine: the Store's own opening is checked in the next test.
    engine = create_engine(f"sqlite:///{db}")
    with pytest.raises(DatabaseError, match=re.escape(_("This database was not made by BaZ."))):
        migrate.prepare_schema(engine, db)
    engine.dispose()
    assert _sha256(db) == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("recipe",)]
    conn.close()


def test_store_open_leaves_a_foreign_rollback_journal_file_untouched(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT)")
    conn.close()
    before = _sha256(db)
    with pytest.raises(DatabaseError, match=re.escape(_("This database was not made by BaZ."))):
        Store.open(db)
    assert _sha256(db) == before


def test_new_and_current_databases_open_without_loading_alembic(
    fresh_interpreter: tuple[Any, Path],
) -> None:
    child, db = fresh_interpreter
    _out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert _revisions(db) == [migrate.HEAD_REVISION]


# ------------------------------------------------------------------ 0002: agenda timing


def _database_at(path: Path, revision: str) -> None:
    """An empty file brought to ``revision`` by the real migrations (not by the models)."""
    from alembic import command
    from alembic.config import Config

    engine = _engine(path)
    with engine.connect() as conn:
        config = Config()
        config.set_main_option("script_location", str(migrate.SCRIPT_LOCATION))
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        conn.commit()
    engine.dispose()


def test_a_baseline_database_with_data_is_upgraded_to_agenda_timing(tmp_path: Path) -> None:
    db = tmp_path / "baz.db"
    _database_at(db, "0001_baseline")
    assert _revisions(db) == ["0001_baseline"]
    assert "spent_seconds" not in _columns(db, "agendaitem")
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO meeting (id, title, date, start_time, location, chair, note_taker, "
            "status, minutes_status, beamer_view, created_at, actual_start) VALUES "
            "(1, 'Buurtoverleg', '2025-03-04', '19:30:00.000000', '', '', '', 'lopend', "
            "'concept', '', '2025-03-01 10:00:00.000000', '2025-03-04 18:31:00.000000')"
        )
        conn.execute(
            "INSERT INTO attendee (meeting_id, name, role, presence, consent, created_at) "
            "VALUES (1, 'Fatima', 'bewoner', 'aanwezig', 'naam', '2025-03-01 10:00:00.000000')"
        )
        for position, (title, started, ended) in enumerate(
            [
                ("Opening", "2025-03-04 18:31:00.000000", "2025-03-04 18:36:00.000000"),
                ("Speeltuin", "2025-03-04 18:36:00.000000", None),
            ]
        ):
            conn.execute(
                "INSERT INTO agendaitem (meeting_id, position, title, purpose, hamerstuk, "
                "planned_minutes, speaking_limit_seconds, order_policy, speakers_closed, "
                "dots_per_participant, started_at, ended_at, notes, created_at) VALUES "
                "(1, ?, ?, 'ter_bespreking', 0, 10, 180, 'fifo', 0, 3, ?, ?, 'Notities', "
                "'2025-03-01 10:00:00.000000')",
                (position, title, started, ended),
            )
    conn.close()

    store = Store.open(db)
    state = store.agenda_state(1)
    store.close()

    backup = tmp_path / "baz.db.bak-0001_baseline"
    assert _revisions(backup) == ["0001_baseline"]
    assert "spent_seconds" not in _columns(backup, "agendaitem")
    assert _revisions(db) == [migrate.HEAD_REVISION]
    assert {"spent_seconds", "resumed_at"} <= set(_columns(db, "agendaitem"))
    assert _columns(db, "meetingbreak") == ["id", "meeting_id", "started_at", "ended_at"]
    assert (_count(db, "meeting"), _count(db, "attendee"), _count(db, "agendaitem")) == (1, 1, 2)
    assert [(i.title, i.spent_seconds, i.resumed_at, i.notes) for i in state.items] == [
        ("Opening", 0, None, "Notities"),
        ("Speeltuin", 0, None, "Notities"),
    ]
    assert state.items[0].ended_at is not None and state.breaks == []
    assert state.running_item_id is None and not state.on_break


def test_action_points_get_their_numbers_per_process_and_year_in_the_order_made(
    tmp_path: Path,
) -> None:
    """0005: action points already there are numbered as new ones are (A-2026-01 …): per
    process (or meeting without one) and year of their meeting, in the order they were made."""
    db = tmp_path / "baz.db"
    _database_at(db, "0004_public_review")
    with sqlite3.connect(db) as conn:
        for id_, title in ((1, "Speelplein"), (2, "Groen")):
            conn.execute(
                "INSERT INTO process (id, title, neighbourhood, participation_level, "
                "fixed_text, open_text, feedback_text, created_at) VALUES "
                "(?, ?, '', 'raadplegen', '', '', '', '2025-01-01 10:00:00.000000')",
                (id_, title),
            )
        meetings = ((1, 1, "2025-11-04"), (2, 1, "2026-01-13"), (3, 2, "2025-11-05"))
        for id_, process, day in (*meetings, (4, None, "2025-11-06")):
            conn.execute(
                "INSERT INTO meeting (id, process_id, title, date, start_time, location, chair, "
                "note_taker, status, minutes_status, beamer_view, created_at) VALUES "
                "(?, ?, 'Avond', ?, '19:30:00.000000', '', '', '', 'gesloten', 'concept', '', "
                "'2025-01-01 10:00:00.000000')",
                (id_, process, day),
            )
        # (id, meeting, made at): ids out of the order they were made, to show which counts.
        actions = (
            (1, 1, "2025-11-04 20:10:00"),
            (2, 1, "2025-11-04 20:05:00"),
            (3, 2, "2026-01-13 20:00:00"),
            (4, 3, "2025-11-05 20:00:00"),
            (5, 4, "2025-11-06 20:00:00"),
            (6, 1, "2025-11-04 20:20:00"),
        )
        for id_, meeting, made in actions:
            process = {1: 1, 2: 1, 3: 2, 4: None}[meeting]
            conn.execute(
                "INSERT INTO actionitem (id, meeting_id, process_id, what, who, status, "
                "created_at) VALUES (?, ?, ?, 'Iets doen', '', 'open', ?)",
                (id_, meeting, process, made + ".000000"),
            )
    conn.close()
    Store.open(db).close()
    assert _revisions(db) == [migrate.HEAD_REVISION]
    with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True) as conn:
        numbers = dict(
            (row[0], (row[1], row[2]))
            for row in conn.execute("SELECT id, year, number FROM actionitem")
        )
        extra = conn.execute("SELECT contact, template FROM process").fetchall()
        facts = conn.execute("SELECT count(*) FROM poll WHERE result_facts != ''").fetchone()
    conn.close()
    assert numbers == {
        2: (2025, 1),  # made first in process 1, 2025
        1: (2025, 2),
        6: (2025, 3),
        3: (2026, 1),  # a new year starts again at 1
        4: (2025, 1),  # another process counts on its own
        5: (2025, 1),  # and so does a meeting without a process
    }
    assert extra == [("", ""), ("", "")] and facts == (0,)
    # New action points go on from there.
    store = Store.open(db)
    try:
        assert store.add_action(1, "Nog iets").label == "A-2025-04"
    finally:
        store.close()


# ------------------------------------------------------------------ on every backend


def _meeting_with_people(url: str) -> None:
    store = Store.open(url)
    meeting = store.create_meeting("Buurtoverleg", date(2025, 3, 4), time(19, 30))
    store.add_attendee(meeting.id, "Fatima")
    store.add_attendee(meeting.id, "Joost")
    store.close()


def test_an_older_database_is_upgraded_with_its_data(new_database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = new_database()
    _meeting_with_people(url)
    engine = _engine_at(url)
    migrate.prepare_schema(
        engine,
        _sqlite_path(url),
        script_location=_scripts(tmp_path),
        known_revisions=WITH_TEST_REVISION,
    )
    engine.dispose()
    assert _revisions_at(url) == ["9999_test"]
    assert "room_size" in _columns_at(url, "meeting")
    assert (_count_at(url, "meeting"), _count_at(url, "attendee")) == (1, 2)
    path = _sqlite_path(url)
    if path is not None:
        assert _revisions(path.with_name(f"{path.name}.bak-{HEAD}")) == [HEAD]
    else:
        # A server database has no file to copy: its administrator's pg_dump is the backup.
        assert not list(tmp_path.rglob("*.bak-*"))


def test_a_failed_upgrade_leaves_the_database_as_it_was(new_database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = new_database()
    _meeting_with_people(url)
    engine = _engine_at(url)
    with pytest.raises(DatabaseError) as failure:
        migrate.prepare_schema(
            engine,
            _sqlite_path(url),
            script_location=_scripts(tmp_path, extra='raise RuntimeError("boom")'),
            known_revisions=WITH_TEST_REVISION,
        )
    engine.dispose()
    assert "boom" in str(failure.value) and "\n" not in str(failure.value)
    # The column was added before the revision failed: the whole transaction went back, the
    # schema change included (PostgreSQL's DDL is transactional; SQLite's too).
    assert _revisions_at(url) == [HEAD]
    assert "room_size" not in _columns_at(url, "meeting")
    assert _count_at(url, "attendee") == 2


def test_a_database_of_a_newer_baz_is_refused_and_left_alone(new_database) -> None:  # type: ignore[no-untyped-def]
    url = new_database()
    _meeting_with_people(url)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff_future'")
    engine.dispose()
    with pytest.raises(DatabaseError) as refusal:
        Store.open(url)
    assert str(refusal.value) == _(
        "This database was made by a newer version of BaZ (schema {revision}); "
        "update BaZ to open it."
    ).format(revision="ffff_future")
    assert _revisions_at(url) == ["ffff_future"]
    assert _count_at(url, "attendee") == 2


def test_a_database_of_another_program_is_refused_and_left_alone(new_database) -> None:  # type: ignore[no-untyped-def]
    url = new_database()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT)")
        conn.exec_driver_sql("INSERT INTO recipe (id, name) VALUES (1, 'stamppot')")
    with pytest.raises(DatabaseError, match=re.escape(_("This database was not made by BaZ."))):
        Store.open(url)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == ["recipe"]
        assert conn.exec_driver_sql("SELECT name FROM recipe").all() == [("stamppot",)]
    engine.dispose()


def _upgrade_to(engine: Engine, revision: str) -> None:
    """Bring a database up to ``revision`` (not the head) with the real migrations."""
    from alembic import command
    from alembic.config import Config

    with engine.connect() as conn:
        config = Config()
        config.set_main_option("script_location", str(migrate.SCRIPT_LOCATION))
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        conn.commit()


def test_a_baseline_database_with_rows_gets_agenda_timing(new_database) -> None:  # type: ignore[no-untyped-def]
    """0001 → 0002 with data, the rows written with the types of the baseline."""
    url = new_database()
    engine = _engine_at(url)
    _upgrade_to(engine, "0001_baseline")
    made = datetime(2025, 3, 1, 10, 0)
    # The baseline's own column types, so that each database gets its values its own way.
    text, moment, number, flag = sa.String(), sa.DateTime(), sa.Integer(), sa.Boolean()
    meeting = sa.table(
        "meeting",
        sa.column("id", number),
        sa.column("date", sa.Date()),
        sa.column("start_time", sa.Time()),
        sa.column("created_at", moment),
        sa.column("actual_start", moment),
        *(
            sa.column(name, text)
            for name in ("title", "location", "chair", "note_taker", "status")
            + ("minutes_status", "beamer_view")
        ),
    )
    item = sa.table(
        "agendaitem",
        *(sa.column(name, moment) for name in ("started_at", "ended_at", "created_at")),
        *(sa.column(name, flag) for name in ("hamerstuk", "speakers_closed")),
        *(
            sa.column(name, number)
            for name in ("meeting_id", "position", "planned_minutes")
            + ("speaking_limit_seconds", "dots_per_participant")
        ),
        *(sa.column(name, text) for name in ("title", "purpose", "order_policy", "notes")),
    )
    with engine.begin() as conn:
        meeting_id = conn.execute(
            meeting.insert()
            .values(
                title="Buurtoverleg",
                date=date(2025, 3, 4),
                start_time=time(19, 30),
                location="",
                chair="",
                note_taker="",
                status="lopend",
                minutes_status="concept",
                beamer_view="",
                created_at=made,
                actual_start=datetime(2025, 3, 4, 18, 31),
            )
            .returning(meeting.c.id)
        ).scalar_one()
        for position, (title, started, ended) in enumerate(
            [
                ("Opening", datetime(2025, 3, 4, 18, 31), datetime(2025, 3, 4, 18, 36)),
                ("Speeltuin", datetime(2025, 3, 4, 18, 36), None),
            ]
        ):
            conn.execute(
                item.insert().values(
                    meeting_id=meeting_id,
                    position=position,
                    title=title,
                    purpose="ter_bespreking",
                    hamerstuk=False,
                    planned_minutes=10,
                    speaking_limit_seconds=180,
                    order_policy="fifo",
                    speakers_closed=False,
                    dots_per_participant=3,
                    started_at=started,
                    ended_at=ended,
                    notes="Notities",
                    created_at=made,
                )
            )
    engine.dispose()

    store = Store.open(url)
    state = store.agenda_state(meeting_id)
    added = store.add_agenda_item(meeting_id, "Nieuw punt")  # the id counters still work
    store.close()
    assert _revisions_at(url) == [migrate.HEAD_REVISION]
    assert {"spent_seconds", "resumed_at"} <= set(_columns_at(url, "agendaitem"))
    assert _columns_at(url, "meetingbreak") == ["id", "meeting_id", "started_at", "ended_at"]
    assert [(i.title, i.spent_seconds, i.resumed_at, i.notes) for i in state.items] == [
        ("Opening", 0, None, "Notities"),
        ("Speeltuin", 0, None, "Notities"),
    ]
    assert state.items[0].ended_at == datetime(2025, 3, 4, 18, 36, tzinfo=UTC)
    assert added.position == 2


def test_turns_left_open_after_their_item_stopped_are_ended(new_database) -> None:  # type: ignore[no-untyped-def]
    """0002 → 0003: a turn open on an item that stopped ends where the item stopped (or the
    meeting, or the last recorded moment); the turn on the running item runs on."""

    url = new_database()
    engine = _engine_at(url)
    _upgrade_to(engine, "0002_agenda_timing")
    made = datetime(2025, 3, 1, 10, 0)
    at = lambda hour, minute, second=0: datetime(2025, 3, 4, hour, minute, second)  # noqa: E731
    text, moment, number, flag = sa.String(), sa.DateTime(), sa.Integer(), sa.Boolean()
    meeting = sa.table(
        "meeting",
        *(sa.column(n, number) for n in ("id",)),
        sa.column("date", sa.Date()),
        sa.column("start_time", sa.Time()),
        *(sa.column(n, moment) for n in ("created_at", "actual_start", "actual_end")),
        *(
            sa.column(n, text)
            for n in ("title", "location", "chair", "note_taker", "status", "minutes_status")
            + ("beamer_view",)
        ),
    )
    item = sa.table(
        "agendaitem",
        *(sa.column(n, moment) for n in ("started_at", "ended_at", "resumed_at", "created_at")),
        *(sa.column(n, flag) for n in ("hamerstuk", "speakers_closed")),
        *(
            sa.column(n, number)
            for n in ("id", "meeting_id", "position", "planned_minutes", "spent_seconds")
            + ("speaking_limit_seconds", "dots_per_participant")
        ),
        *(sa.column(n, text) for n in ("title", "purpose", "order_policy", "notes")),
    )
    entry = sa.table(
        "speakerentry",
        *(sa.column(n, number) for n in ("id", "agenda_item_id", "position", "paused_seconds")),
        sa.column("kind", text),
        *(sa.column(n, moment) for n in ("requested_at", "started_at", "paused_at")),
    )
    with engine.begin() as conn:
        for id_, status, end in ((1, "gesloten", at(21, 0)), (2, "lopend", None)):
            conn.execute(
                meeting.insert().values(
                    id=id_, title=f"Avond {id_}", date=date(2025, 3, 4), start_time=time(19, 30),
                    location="", chair="", note_taker="", status=status, minutes_status="concept",
                    beamer_view="", created_at=made, actual_start=at(18, 31), actual_end=end,
                )
            )  # fmt: skip
        for id_, meeting_id, started, ended, resumed in (
            (1, 1, at(18, 31), at(20, 10), None),  # stopped when the meeting went on
            (2, 2, at(18, 31), None, None),  # ran before 0002: no end, no end of the meeting
            (3, 2, at(18, 40), None, at(18, 40)),  # running
        ):
            conn.execute(
                item.insert().values(
                    id=id_, meeting_id=meeting_id, position=id_, title=f"Punt {id_}",
                    purpose="ter_bespreking", hamerstuk=False, planned_minutes=10,
                    speaking_limit_seconds=180, order_policy="fifo", speakers_closed=False,
                    dots_per_participant=3, started_at=started, ended_at=ended,
                    resumed_at=resumed, spent_seconds=0, notes="", created_at=made,
                )
            )  # fmt: skip
        for id_, item_id, started, paused_at, paused in (
            (1, 1, at(20, 0), at(20, 8), 30),  # ends at 20:10: 600 - 30 - 120 = 450 s
            (2, 2, at(18, 35, 30), None, 0),  # ends at the last moment: 18:50 (entry 3)
            (3, 3, at(18, 50), None, 0),  # on the running item: still open
        ):
            conn.execute(
                entry.insert().values(
                    id=id_, agenda_item_id=item_id, kind="normaal", position=0,
                    requested_at=started, started_at=started, paused_at=paused_at,
                    paused_seconds=paused,
                )
            )  # fmt: skip
    engine.dispose()

    store = Store.open(url)
    try:
        first, stopped, running = (store.speaker_state(i).done for i in (1, 2, 3))
        assert [(d.spoken_seconds, d.overtime_seconds, d.paused_seconds) for d in first] == [
            (450, 270, 150)
        ]
        assert first[0].ended_at == datetime(2025, 3, 4, 20, 10, tzinfo=UTC)
        assert first[0].paused_at is None
        assert [(d.spoken_seconds, d.ended_at) for d in stopped] == [
            (870, datetime(2025, 3, 4, 18, 50, tzinfo=UTC))
        ]
        current = store.speaker_state(3).current
        assert running == [] and current is not None and current.ended_at is None
    finally:
        store.close()
    assert _revisions_at(url) == [migrate.HEAD_REVISION]


def test_two_baz_opening_one_new_database_at_once_make_it_once(new_database) -> None:  # type: ignore[no-untyped-def]
    """Two laptops started on a new shared database at the same moment: one creates the
    schema, the other waits for it and finds it done (no error, one head stamp)."""
    url = new_database()
    barrier = threading.Barrier(2)
    failures: list[BaseException] = []

    def open_it() -> None:
        try:
            barrier.wait(timeout=30)
            Store.open(url).close()
        except BaseException as exc:  # reported in the test's thread
            failures.append(exc)

    threads = [threading.Thread(target=open_it) for _n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    assert _revisions_at(url) == [migrate.HEAD_REVISION]
