"""An open database: the engine with its settings, a ready schema, and the first cheap read.

This module uses SQLAlchemy Core only. The app opens the database and shows the meeting list
through it before the SQLModel tables (pydantic, the ORM) are imported — that import is most
of the start-up time, and nobody needs it to see the list. ``models.store.Store`` builds on it.
"""

from __future__ import annotations

import sqlite3
from datetime import date, time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import QueuePool, StaticPool

from models.domain import MeetingStatus
from models.errors import BazError, DatabaseError
from models.i18n import _
from models.views import MeetingSummary

SQLITE_BUSY_TIMEOUT_MS = 5000
#: A reader that asks again a moment later (the beamer) waits for a lock only this long.
READER_BUSY_TIMEOUT_S = 0.5

# The list of meetings in plain SQL, so that reading it needs no ORM; the Store uses it too.
_MEETING_LIST = text(
    "SELECT meeting.id, meeting.date, meeting.start_time, meeting.title, process.title, "
    "meeting.status FROM meeting LEFT OUTER JOIN process ON meeting.process_id = process.id "
    "ORDER BY meeting.date DESC, meeting.start_time DESC, meeting.id DESC"
)


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL from what a user passes: a URL as is, anything else as a SQLite path."""
    target_text = str(target)
    if "://" in target_text:
        return target_text
    return f"sqlite:///{Path(target_text).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # NORMAL (with WAL) survives a killed process — only an OS crash can lose the last
    # commits — at a fifth of the commit cost of FULL.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _reader_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _memory_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Database:
    """The engine of one BaZ database, opened, checked and (if needed) created or upgraded."""

    def __init__(self, engine: Engine, sqlite_path: Path | None) -> None:
        self.engine = engine
        self.sqlite_path = sqlite_path

    @classmethod
    def open(cls, target: str | Path) -> Database:
        """Open the database at a path or SQLAlchemy URL; refuse with one clear message."""
        url_text, url = _parse(target)
        sqlite_path: Path | None = None
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            sqlite_path = Path(url.database)
            if not sqlite_path.parent.is_dir():
                raise DatabaseError(
                    _("The folder {folder} does not exist.").format(folder=sqlite_path.parent)
                )
        try:
            if sqlite_path is not None:
                engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 5})
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(url, pool_pre_ping=True)
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            raise DatabaseError(
                _("Cannot use the database “{url}”: {reason}").format(url=url_text, reason=exc)
            ) from None
        database = cls(engine, sqlite_path)
        database._prepare()
        return database

    @classmethod
    def open_read_only(cls, target: str | Path) -> Database:
        """Open an existing database only to read it (the beamer); never create, upgrade or
        write. A SQLite file is opened read-only; a database not at this BaZ's schema is
        refused with one clear sentence."""
        from models.migrate import check_schema

        url_text, url = _parse(target)
        sqlite_path: Path | None = None
        try:
            if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
                sqlite_path = Path(url.database)
                if not sqlite_path.is_file():
                    raise DatabaseError(
                        _("There is no BaZ database at {path}.").format(path=sqlite_path)
                    )
                uri = f"{sqlite_path.resolve().as_uri()}?mode=ro"

                def connect() -> sqlite3.Connection:
                    # Read-only at the file level: a bug can never write the chair's data.
                    return sqlite3.connect(
                        uri, uri=True, timeout=READER_BUSY_TIMEOUT_S, check_same_thread=False
                    )

                engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)
                event.listen(engine, "connect", _reader_pragmas)
            else:
                engine = create_engine(url, pool_pre_ping=True)
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            raise DatabaseError(
                _("Cannot use the database “{url}”: {reason}").format(url=url_text, reason=exc)
            ) from None
        database = cls(engine, sqlite_path)
        try:
            check_schema(engine)
        except DBAPIError as exc:
            engine.dispose()
            raise DatabaseError(describe_failure(exc, sqlite_path)) from None
        except BazError:
            engine.dispose()
            raise
        return database

    @classmethod
    def in_memory(cls) -> Database:
        """A fresh, private in-memory database (for tests and trying things out)."""
        engine = create_engine(
            "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
        )
        event.listen(engine, "connect", _memory_pragmas)
        database = cls(engine, None)
        database._prepare()
        return database

    def _prepare(self) -> None:
        from models.migrate import prepare_schema

        try:
            prepare_schema(self.engine, self.sqlite_path)
            if self.sqlite_path is not None:
                # Only now, with the file known to be ours: WAL rewrites the file header, and a
                # file BaZ refuses must stay exactly as it was. WAL lets the beamer read while
                # the chair writes; the setting is kept in the file.
                with self.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA journal_mode=WAL")
        except DBAPIError as exc:
            self.engine.dispose()
            raise DatabaseError(describe_failure(exc, self.sqlite_path)) from None
        except BazError:
            self.engine.dispose()
            raise

    def close(self) -> None:
        self.engine.dispose()

    def list_meetings(self) -> list[MeetingSummary]:
        """All meetings, newest first (one query, no ORM)."""
        try:
            with self.engine.connect() as connection:
                rows = connection.execute(_MEETING_LIST).all()
        except SQLAlchemyError as exc:
            raise DatabaseError(
                _("The database could not be read or written: {reason}").format(
                    reason=short_reason(exc)
                )
            ) from exc
        return [
            MeetingSummary(
                id=row[0],
                date=_as_date(row[1]),
                start_time=_as_time(row[2]),
                title=row[3],
                process_title=row[4] or "",
                status=MeetingStatus(row[5]),
            )
            for row in rows
        ]


def _parse(target: str | Path) -> tuple[str, URL]:
    """The URL of a path or URL text, as text and parsed; refused in one sentence."""
    url_text = database_url(target)
    try:
        return url_text, make_url(url_text)
    except ArgumentError:
        raise DatabaseError(
            _("“{url}” is not a database address BaZ understands.").format(url=url_text)
        ) from None


def _as_date(value: Any) -> date:
    # SQLite hands text back for a textual query; other databases give real dates.
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _as_time(value: Any) -> time:
    return value if isinstance(value, time) else time.fromisoformat(str(value))


def short_reason(exc: SQLAlchemyError) -> str:
    """The first line of what the database driver said, for a message to the user."""
    original = getattr(exc, "orig", None)
    return str(original if original is not None else exc).splitlines()[0][:200]


def describe_failure(exc: DBAPIError, sqlite_path: Path | None) -> str:
    """A sentence for a user about why the database could not be opened."""
    reason = short_reason(exc)
    if sqlite_path is not None:
        if "not a database" in reason or "malformed" in reason:
            return _(
                "{path} is not a BaZ database (the file is damaged or of another kind)."
            ).format(path=sqlite_path)
        if "unable to open" in reason or "readonly" in reason or "read-only" in reason:
            return _("Cannot open {path}: no permission to read or write it.").format(
                path=sqlite_path
            )
    return _("The database could not be opened: {reason}").format(reason=reason)
