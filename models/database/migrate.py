"""Bring a database to the schema this version of BaZ expects: create, upgrade or refuse.

The usual case, a database already at the head revision, costs one small query and does not
import Alembic (start-up time). A new database gets the tables and the head revision stamped
without Alembic too. Only an older database loads Alembic: it is first copied next to itself
(``<name>.bak-<revision>``) and then upgraded in one transaction. A database of a newer BaZ, or
one that BaZ did not make, is refused before anything is written to it.

On PostgreSQL there is no file to copy: the upgrade runs in one transaction, and PostgreSQL
rolls schema changes back with everything else, so a failed upgrade leaves the database as it
was (the administrator's own ``pg_dump`` is the backup). Two laptops opening a new or older
database at the same moment take turns on an advisory lock: the second finds the work done.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import (
    Column,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from models.errors import DatabaseError
from models.i18n import _

#: Every revision in ``models/migrations/versions``, oldest first; the last one is the head.
#: Add each new revision here as well (a test checks that this matches the script directory),
#: so that the start-up path can tell old from unknown without importing Alembic.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_baseline",
    "0002_agenda_timing",
    "0003_end_open_turns",
    "0004_public_review",
    "0005_minutes_finished",
    "0006_open_turn_index",
    "0007_room_phones",
)
HEAD_REVISION: str = KNOWN_REVISIONS[-1]

#: The Alembic script folder; a package-data folder, not a package.
SCRIPT_LOCATION = Path(__file__).with_name("migrations")

# The same table Alembic creates, so that a database stamped here is one Alembic recognises.
_version_table = Table(
    "alembic_version",
    MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)
VERSION_TABLE = _version_table.name

#: The PostgreSQL advisory lock taken while the schema is created or upgraded ("BaZ").
SCHEMA_LOCK_KEY = 0x42615A


def prepare_schema(
    engine: Engine,
    sqlite_path: Path | None,
    *,
    script_location: Path = SCRIPT_LOCATION,
    known_revisions: tuple[str, ...] = KNOWN_REVISIONS,
) -> None:
    """Create, upgrade (after a backup copy) or refuse the database behind ``engine``."""
    # script_location and known_revisions are for tests, which add a revision of their own.
    head = known_revisions[-1]
    with engine.connect() as conn:
        revisions = _stamped_revisions(conn)
        if revisions == (head,):
            return
        if not revisions:
            if _user_tables(conn):
                raise DatabaseError(_("This database was not made by BaZ."))
        else:
            _refuse_unknown(revisions, known_revisions)
    if not revisions:
        _create_schema(engine, sqlite_path, script_location, known_revisions)
    else:
        _upgrade(engine, sqlite_path, script_location, known_revisions)


def check_schema(engine: Engine, *, known_revisions: tuple[str, ...] = KNOWN_REVISIONS) -> None:
    """Refuse, with one clear sentence, a database that is not at this BaZ's schema.

    For readers that must not change the database (the beamer): nothing is created, upgraded
    or written, whatever the answer.
    """
    with engine.connect() as conn:
        revisions = _stamped_revisions(conn)
        if revisions == (known_revisions[-1],):
            return
        if not revisions:
            if _user_tables(conn):
                raise DatabaseError(_("This database was not made by BaZ."))
            raise DatabaseError(
                _("This database is still empty: open it in BaZ first (or run “baz demo”).")
            )
    _refuse_unknown(revisions, known_revisions)
    raise DatabaseError(
        _(
            "This database has an older schema ({revision}): open it once in BaZ on the "
            "chair's laptop, which upgrades it, then start the beamer again."
        ).format(revision=", ".join(revisions))
    )


# ------------------------------------------------------------------ reading the state


def _stamped_revisions(conn: Connection) -> tuple[str, ...] | None:
    """The revisions recorded in the database, or None when it has no version table."""
    try:
        return tuple(conn.execute(select(_version_table.c.version_num)).scalars())
    except (OperationalError, ProgrammingError):
        # Only a missing table is an answer; a locked or unreadable database is an error.
        conn.rollback()
        if VERSION_TABLE in inspect(conn).get_table_names():
            raise
        return None


def _user_tables(conn: Connection) -> list[str]:
    return [name for name in inspect(conn).get_table_names() if name != VERSION_TABLE]


def _refuse_unknown(revisions: tuple[str, ...], known_revisions: tuple[str, ...]) -> None:
    if len(revisions) != 1 or revisions[0] not in known_revisions:
        raise DatabaseError(
            _(
                "This database was made by a newer version of BaZ (schema {revision}); "
                "update BaZ to open it."
            ).format(revision=", ".join(revisions))
        )


def _begin_write(conn: Connection) -> None:
    """Start a transaction that holds the write lock and covers DDL too."""
    if conn.dialect.name == "sqlite":
        # pysqlite begins a transaction only before INSERT/UPDATE/DELETE, so CREATE and ALTER
        # would each commit on their own; an explicit BEGIN makes the whole change atomic, and
        # IMMEDIATE makes a second BaZ opening the same new file wait instead of racing.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif not conn.in_transaction():
        conn.begin()
    if conn.dialect.name == "postgresql":
        # DDL takes its locks table by table; this one number makes a second BaZ wait for the
        # whole creation or upgrade (released when the transaction ends).
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})


# ------------------------------------------------------------------ a new database


def _create_schema(
    engine: Engine,
    sqlite_path: Path | None,
    script_location: Path,
    known_revisions: tuple[str, ...],
) -> None:
    with engine.connect() as conn:
        _begin_write(conn)
        # Look again under the lock: another BaZ may have created the schema meanwhile.
        if VERSION_TABLE in inspect(conn).get_table_names():
            revisions = tuple(conn.execute(select(_version_table.c.version_num)).scalars())
        else:
            revisions = ()
        still_empty = not revisions and not _user_tables(conn)
        if still_empty:
            # The tables (SQLModel, pydantic) are imported only for a new database: at head,
            # opening costs one query and no ORM import at all.
            from sqlmodel import SQLModel

            import models.database.tables  # noqa: F401  (registers the tables on the metadata)

            SQLModel.metadata.create_all(conn)
            _version_table.create(conn, checkfirst=True)
            conn.execute(_version_table.insert().values(version_num=known_revisions[-1]))
            conn.commit()
    if not still_empty:
        prepare_schema(
            engine, sqlite_path, script_location=script_location, known_revisions=known_revisions
        )


# ------------------------------------------------------------------ an older database


def _upgrade(
    engine: Engine,
    sqlite_path: Path | None,
    script_location: Path,
    known_revisions: tuple[str, ...],
) -> None:
    with engine.connect() as conn:
        is_sqlite = conn.dialect.name == "sqlite"
        foreign_keys_were_on = False
        if is_sqlite:
            foreign_keys_were_on = bool(conn.exec_driver_sql("PRAGMA foreign_keys").scalar())
            # Batch migrations copy a table and drop the old one; with foreign keys on, that
            # DROP would cascade and delete the rows of every child table. The pragma has no
            # effect inside a transaction, so it is switched off before BEGIN.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        try:
            _begin_write(conn)
            revisions = _stamped_revisions(conn)
            if revisions == (known_revisions[-1],):
                return  # another BaZ upgraded it while this one waited for the lock
            if not revisions:
                raise DatabaseError(_("This database was not made by BaZ."))
            _refuse_unknown(revisions, known_revisions)
            old = revisions[0]
            backup = _backup(sqlite_path, old) if sqlite_path is not None else None
            try:
                _run_alembic_upgrade(conn, script_location)
                if is_sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError(_("the upgraded data breaks a link between tables"))
            except Exception as exc:
                conn.rollback()
                raise DatabaseError(_upgrade_failed(old, exc, backup)) from exc
            conn.commit()
        finally:
            conn.rollback()  # ends a refused attempt; the pragma is ignored inside a transaction
            if foreign_keys_were_on:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")


def _run_alembic_upgrade(conn: Connection, script_location: Path) -> None:
    # Imported here, not at the top: only an old database pays for loading Alembic.
    from alembic import command
    from alembic.config import Config

    config = Config()
    # The option goes through ConfigParser interpolation, where "%" is special.
    config.set_main_option("script_location", str(script_location).replace("%", "%%"))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


def _upgrade_failed(old: str, exc: Exception, backup: Path | None) -> str:
    original = getattr(exc, "orig", None)
    text = str(original if original is not None else exc) or type(exc).__name__
    reason = text.splitlines()[0][:200]
    if backup is not None:
        return _(
            "The database could not be upgraded from schema {revision}: {reason}. "
            "Nothing was changed; a copy made before the attempt is at {backup}."
        ).format(revision=old, reason=reason, backup=backup)
    return _(
        "The database could not be upgraded from schema {revision}: {reason}. Nothing was changed."
    ).format(revision=old, reason=reason)


def backup_path_for(sqlite_path: Path, revision: str) -> Path:
    """A free name ``<name>.bak-<revision>`` next to the database (``-2``, ``-3`` … if taken)."""
    candidate = sqlite_path.with_name(f"{sqlite_path.name}.bak-{revision}")
    number = 2
    while candidate.exists():
        candidate = sqlite_path.with_name(f"{sqlite_path.name}.bak-{revision}-{number}")
        number += 1
    return candidate


def _backup(sqlite_path: Path, revision: str) -> Path:
    """Copy the database file before it is changed; the caller holds the write lock."""
    target = backup_path_for(sqlite_path, revision)
    # Written under a temporary name first, so that a crash never leaves a half copy that
    # looks like a good backup.
    partial = target.with_name(target.name + ".partial")
    try:
        wal = sqlite_path.with_name(sqlite_path.name + "-wal")
        if not wal.exists() or wal.stat().st_size == 0:
            # The file holds the whole database and the write lock keeps it still: copy its
            # bytes, so the backup is exactly the file the user had (the backup API would
            # change its header counters).
            shutil.copyfile(sqlite_path, partial)
        else:
            _copy_with_backup_api(sqlite_path, partial)
        partial.rename(target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseError(
            _(
                "Could not copy {path} before upgrading it: {reason}. The database was not changed."
            ).format(path=sqlite_path, reason=exc)
        ) from exc
    return target


def _copy_with_backup_api(sqlite_path: Path, partial: Path) -> None:
    """Copy a database whose write-ahead log holds pages of its own, as one file."""
    # A second, read-only connection: SQLite refuses to back up from a connection that holds a
    # write transaction, and with the write lock held elsewhere this one reads exactly the
    # state before the upgrade (the backup API includes the WAL).
    source = sqlite3.connect(f"{sqlite_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
