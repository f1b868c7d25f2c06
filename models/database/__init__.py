"""An open database: the engine with its settings, a ready schema, and the first cheap read.

This module uses SQLAlchemy Core only. The app opens the database and shows the meeting list
through it before the SQLModel tables (pydantic, the ORM) are imported — that import is most
of the start-up time, and nobody needs it to see the list. ``models.store.Store`` builds on it.

Two kinds of database: a SQLite file (the default, one laptop) and a PostgreSQL server (several
laptops on one meeting, ``postgresql://user@host/baz`` with the ``baz[postgres]`` extra). On
PostgreSQL every transaction of BaZ that changed a row announces it at commit with
``NOTIFY baz_changes`` (see ``models.database.changes``), and a read-only opening (the beamer) makes
every transaction ``READ ONLY``.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date, time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.pool import QueuePool, StaticPool

from models.domain import MeetingStatus
from models.errors import BazError, DamagedDatabaseError, DatabaseError
from models.i18n import _
from models.records.meeting import MeetingSummary

SQLITE_BUSY_TIMEOUT_MS = 5000
#: A reader that asks again a moment later (the beamer) waits for a lock only this long.
READER_BUSY_TIMEOUT_S = 0.5
#: How long to wait for a database server to answer before saying so (a wrong address, no
#: network) instead of hanging the app.
SERVER_CONNECT_TIMEOUT_S = 10
# A Store action runs on the UI thread: while the server does not answer, the app stands still.
# These bound that wait on every connection to a server; a URL's own ``options`` come after
# them and win (``?options=-c lock_timeout=…``: an administrator's choice, or a test's).
#: The longest a statement may take. BaZ's slowest, deleting a meeting four times the size of
#: the benchmarks' big one (1,200 people, 400 items, 8,000 turns), takes about 0.3 s; a stuck
#: server, a table locked by hand, ends in a sentence instead of a frozen window.
SERVER_STATEMENT_TIMEOUT = "30s"
#: The longest a statement waits for a row another connection holds. Another laptop holds one
#: for the length of one action; its longest, loading that meeting from a file, takes about 11 s.
#: Shorter than the statement's limit, so that a lock wait is told as one.
SERVER_LOCK_TIMEOUT = "15s"
#: A transaction that sits idle (its laptop lost the network in the middle of an action) is
#: ended by the server after this long, so its row locks do not keep every other laptop waiting
#: until the server notices the lost connection (hours). BaZ itself never waits inside one.
SERVER_IDLE_IN_TRANSACTION_TIMEOUT = "60s"
#: The server, or the network to it, gone while BaZ waits for an answer: the connection is
#: given up after about 25 s of silence (keepalive probes) or 30 s of data unacknowledged
#: (libpq's parameters; the operating system's own defaults wait for hours).
SERVER_KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 30_000,
}
#: The PostgreSQL channel on which a committed change is announced (``models.database.changes``).
CHANGES_CHANNEL = "baz_changes"
# Statements after which a commit has something to announce (when they touched a row).
_CHANGING = frozenset({"INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "TRUNCATE"})
_CHANGED_KEY = "baz_changed"

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


def _server_engine(url: URL, *, read_only: bool) -> Engine:
    """An engine on a PostgreSQL server: a bounded wait to connect and for every answer (see
    the timeouts above), named in the server's activity list; a reader's transactions are all
    read-only, a writer's changes announced."""
    options = " ".join(
        [
            f"-c statement_timeout={SERVER_STATEMENT_TIMEOUT}",
            f"-c lock_timeout={SERVER_LOCK_TIMEOUT}",
            f"-c idle_in_transaction_session_timeout={SERVER_IDLE_IN_TRANSACTION_TIMEOUT}",
            str(url.query.get("options", "")),
        ]
    ).strip()
    if read_only:
        # The server refuses every write, whatever a bug in BaZ tries: the beamer stays a reader.
        options = f"{options} -c default_transaction_read_only=on"
    connect_args: dict[str, Any] = {
        "connect_timeout": SERVER_CONNECT_TIMEOUT_S,
        "application_name": "baz beamer" if read_only else "baz",
        "options": options,
        **SERVER_KEEPALIVES,
    }
    engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    if not read_only:
        event.listen(engine, "after_cursor_execute", _note_change)
        event.listen(engine, "commit", _announce_change)
        event.listen(engine, "rollback", _forget_change)
    return engine


def _note_change(
    conn: Any, cursor: Any, statement: str, _parameters: Any, _context: Any, _many: bool
) -> None:
    # An UPDATE that matched no row changed nothing: the beamer need not read again.
    words = statement.lstrip()[:9].split(None, 1)
    if words and words[0].upper() in _CHANGING and cursor.rowcount != 0:
        conn.info[_CHANGED_KEY] = True


def _announce_change(conn: Any) -> None:
    """Just before a commit that changed rows: NOTIFY the followers (delivered only if the
    commit succeeds, once per transaction)."""
    if conn.info.pop(_CHANGED_KEY, False):
        try:
            conn.connection.driver_connection.execute(
                "SELECT pg_notify(%s, '')", (CHANGES_CHANNEL,)
            )
        except Exception as exc:
            # As any failed statement: the transaction is not committed, and the Store says so
            # in one sentence (a raw driver error would escape its handling).
            raise OperationalError("SELECT pg_notify(...)", None, exc) from exc


def _forget_change(conn: Any) -> None:
    conn.info.pop(_CHANGED_KEY, None)


class FileGoneError(DatabaseError):
    """The database file (or its WAL) was removed or replaced while BaZ had it open."""


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` (device and inode), None when there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


class Database:
    """The engine of one BaZ database, opened, checked and (if needed) created or upgraded.

    A SQLite file can be pulled away while BaZ runs: deleted, replaced by a copy, its WAL
    deleted. SQLite goes on writing into the file it opened (gone from the folder), and the
    next start finds another file, or none. :meth:`check_file` compares the file's identity
    (device and inode, of the database and of its WAL) with what was opened, before every
    transaction (two ``stat`` calls, a few microseconds): from the first difference on every
    action is refused, saying so, instead of being shown as done and then lost.
    """

    def __init__(self, engine: Engine, sqlite_path: Path | None) -> None:
        self.engine = engine
        self.sqlite_path = sqlite_path
        self._file: tuple[int, int] | None = None
        self._wal: tuple[int, int] | None = None
        self._gone: str | None = None
        #: Opened only to read (the beamer): it never writes.
        self.read_only = False

    def watch_file(self) -> None:
        """Remember which file (and WAL) is open now; :meth:`check_file` compares with it."""
        if self.sqlite_path is not None:
            self._file = _identity(self.sqlite_path)
            self._wal = _identity(self._wal_path())

    def _wal_path(self) -> Path:
        assert self.sqlite_path is not None
        return self.sqlite_path.with_name(self.sqlite_path.name + "-wal")

    def check_file(self) -> None:
        """Refuse (:class:`FileGoneError`) when the database file or its WAL is no longer the
        one that was opened; once refused, always (nothing more is saved in the wrong place)."""
        if self._gone is not None:
            raise FileGoneError(self._gone)
        if self._file is None or self.sqlite_path is None:
            return
        now = _identity(self.sqlite_path)
        if now != self._file:
            # Short: it is the status line's one line, and its end says what to do.
            self._gone = _(
                "The database file {path} was removed or replaced: nothing more is saved. Close "
                "BaZ and put the file back."
            ).format(path=self.sqlite_path)
        else:
            wal = _identity(self._wal_path())
            if self._wal is None:
                self._wal = wal  # made by the first write since opening
            elif wal != self._wal:
                # Closing still writes what the removed file holds into the database.
                self._gone = _(
                    "The file {path} with the latest changes was removed: nothing more is saved. "
                    "Close BaZ now (Ctrl+Q) to keep what it holds."
                ).format(path=self._wal_path())
        if self._gone is not None:
            raise FileGoneError(self._gone)

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
            elif url.get_backend_name() == "postgresql":
                engine = _server_engine(url, read_only=False)
            else:
                engine = create_engine(url, pool_pre_ping=True)
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            raise DatabaseError(_unusable(url_text, url, exc)) from None
        database = cls(engine, sqlite_path)
        database._prepare()
        database.watch_file()
        return database

    @classmethod
    def open_read_only(cls, target: str | Path) -> Database:
        """Open an existing database only to read it (the beamer); never create, upgrade or
        write. A SQLite file is opened read-only; on PostgreSQL every transaction is
        ``READ ONLY`` (``default_transaction_read_only``), so the server refuses any write. A
        database not at this BaZ's schema is refused with one clear sentence."""
        from models.database.migrate import check_schema

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
            elif url.get_backend_name() == "postgresql":
                engine = _server_engine(url, read_only=True)
            else:
                engine = create_engine(url, pool_pre_ping=True)
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            raise DatabaseError(_unusable(url_text, url, exc)) from None
        database = cls(engine, sqlite_path)
        database.read_only = True
        try:
            check_schema(engine)
        except DBAPIError as exc:
            engine.dispose()
            raise DatabaseError(describe_failure(exc, sqlite_path, url)) from None
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
        from models.database.migrate import prepare_schema

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
            raise DatabaseError(describe_failure(exc, self.sqlite_path, self.engine.url)) from None
        except BazError:
            self.engine.dispose()
            raise

    @property
    def is_server(self) -> bool:
        """True for a PostgreSQL server (shared by several laptops), False for SQLite."""
        return self.engine.dialect.name == "postgresql"

    def close(self) -> None:
        self.engine.dispose()

    def list_meetings(self) -> list[MeetingSummary]:
        """All meetings, newest first (one query, no ORM)."""
        self.check_file()
        try:
            with self.engine.connect() as connection:
                rows = connection.execute(_MEETING_LIST).all()
        except SQLAlchemyError as exc:
            raise access_failure(exc, self.sqlite_path) from exc
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
    """The URL of a path or URL text, as text (password hidden) and parsed; refused in one
    sentence. ``postgresql://`` and ``postgres://`` mean the psycopg 3 driver of the extra."""
    url_text = database_url(target)
    try:
        url = make_url(url_text)
    except ArgumentError:
        raise DatabaseError(
            _("“{url}” is not a database address BaZ understands.").format(
                url=_without_password(url_text)
            )
        ) from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=True), url


def _without_password(url_text: str) -> str:
    # "scheme://user:secret@host" → "scheme://user:***@host", for a text make_url refused.
    scheme, sep, rest = url_text.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not sep or not at or ":" not in credentials:
        return url_text
    return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}"


def _unusable(url_text: str, url: URL, exc: Exception) -> str:
    """Why an address cannot be used at all (no driver for it, a malformed option)."""
    if url.get_backend_name() == "postgresql" and isinstance(exc, ImportError):
        return _(
            "BaZ was installed without PostgreSQL support; install it with: "
            "pip install 'baz[postgres]'"
        )
    return _("Cannot use the database “{url}”: {reason}").format(url=url_text, reason=exc)


def _as_date(value: Any) -> date:
    # SQLite hands text back for a textual query; other databases give real dates.
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _as_time(value: Any) -> time:
    return value if isinstance(value, time) else time.fromisoformat(str(value))


def short_reason(exc: SQLAlchemyError) -> str:
    """The first line of what the database driver said, for a message to the user."""
    original = getattr(exc, "orig", None)
    return str(original if original is not None else exc).splitlines()[0][:200]


def access_failure(exc: SQLAlchemyError, sqlite_path: Path | None) -> DatabaseError:
    """The error for a read or write that failed on an open database, in one sentence.

    The driver's own words are English and technical: the usual reasons for a SQLite file get
    a sentence of their own. The failed transaction was rolled back, so nothing was changed.
    """
    reason = short_reason(exc)
    if sqlite_path is not None:
        if "malformed" in reason or "not a database" in reason:
            return DamagedDatabaseError(
                _(
                    "{path} is damaged: BaZ cannot read it. Nothing was changed; open a backup "
                    "copy of it instead, if there is one."
                ).format(path=sqlite_path)
            )
        if "readonly" in reason or "unable to open" in reason:
            return DatabaseError(
                _("Cannot write to {path}: no permission. Nothing was changed.").format(
                    path=sqlite_path
                )
            )
        if "disk is full" in reason:
            return DatabaseError(
                _("The disk of {path} is full: the last change was not saved.").format(
                    path=sqlite_path
                )
            )
    elif _is_server(exc):
        server = _server_access_failure(exc, reason)
        if server is not None:
            return DatabaseError(server)
    return DatabaseError(
        _("The database could not be read or written: {reason}").format(reason=reason)
    )


def _is_server(exc: SQLAlchemyError) -> bool:
    original = getattr(exc, "orig", None)
    return original is not None and type(original).__module__.startswith("psycopg")


def _server_access_failure(exc: SQLAlchemyError, reason: str) -> str | None:
    """The usual reasons a read or write on a PostgreSQL server fails, in one sentence."""
    sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None)
    timed_out = _timed_out(sqlstate)
    if timed_out is not None:
        return timed_out
    if sqlstate == "25006" or "read-only transaction" in reason:
        return _(
            "This window only reads the database (it follows the meeting): it cannot change "
            "anything."
        )
    if sqlstate == "40P01":
        return _(
            "Another laptop changed the same thing at the same moment: this change was not "
            "saved. Please do it again."
        )
    if getattr(exc, "connection_invalidated", False) or any(
        sign in reason
        for sign in ("server closed the connection", "terminating connection", "Connection refused")
    ):
        return _(
            "The connection to the database server was lost: the last change was not saved. "
            "Check the network; BaZ connects again at the next action."
        )
    return None


def _timed_out(sqlstate: str | None) -> str | None:
    """The sentence for a statement the server stopped at one of BaZ's limits (the server's
    ``lock_timeout``, ``statement_timeout``); None for any other failure."""
    if sqlstate == "55P03":  # lock_not_available
        return _(
            "The database does not answer: it waits for another laptop that is changing the "
            "same thing. Nothing was changed; try again in a moment."
        )
    if sqlstate == "57014":  # query_canceled
        return _(
            "The database does not answer in time. Nothing was changed; try again in a moment, "
            "and if this keeps happening, check the database server."
        )
    return None


def describe_failure(exc: DBAPIError, sqlite_path: Path | None, url: URL | None = None) -> str:
    """A sentence for a user about why the database could not be opened."""
    reason = short_reason(exc)
    if url is not None and url.get_backend_name() == "postgresql":
        server = _server_failure(exc, url)
        if server is not None:
            return server
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


def _server_failure(exc: DBAPIError, url: URL) -> str | None:
    """One sentence for the usual reasons a PostgreSQL server cannot be used; None otherwise."""
    original = getattr(exc, "orig", None)
    text = str(original if original is not None else exc)
    sqlstate = getattr(original, "sqlstate", None)
    timed_out = _timed_out(sqlstate)
    if timed_out is not None:
        return timed_out  # another BaZ held the schema lock too long while opening
    host = url.host or str(url.query.get("host", "")) or "localhost"
    if url.port:
        host = f"{host}:{url.port}"
    user = url.username or ""
    database = url.database or ""
    if sqlstate == "28P01" or "password authentication failed" in text:
        return _(
            "The PostgreSQL server at {host} refused the user “{user}”: the password is wrong."
        ).format(host=host, user=user)
    if "no password supplied" in text:
        return _(
            "The PostgreSQL server at {host} asks for a password: put it in the address "
            "(postgresql://user:password@host/database)."
        ).format(host=host)
    if (
        sqlstate == "28000"
        or "no pg_hba.conf entry" in text
        or ("role" in text and "does not exist" in text)
    ):
        return _(
            "The PostgreSQL server at {host} does not let the user “{user}” in: ask its "
            "administrator for a role (see “PostgreSQL” in the README)."
        ).format(host=host, user=user)
    if sqlstate == "3D000" or ("database" in text and "does not exist" in text):
        return _(
            "There is no database “{database}” on the PostgreSQL server at {host}: create it "
            "first (see “PostgreSQL” in the README)."
        ).format(database=database, host=host)
    if "could not translate host name" in text or "Name or service not known" in text:
        return _("The database server “{host}” is unknown: check the address.").format(host=host)
    if "timeout expired" in text:
        return _(
            "The PostgreSQL server at {host} did not answer within {seconds} seconds: "
            "check the network."
        ).format(host=host, seconds=SERVER_CONNECT_TIMEOUT_S)
    if "Connection refused" in text or "No such file or directory" in text:
        return _(
            "No PostgreSQL server answers at {host}: is it running, and is the address right?"
        ).format(host=host)
    if sqlstate == "42501" or "permission denied" in text:
        return _(
            "The user “{user}” may not create or change the tables of the database "
            "“{database}”: ask its administrator to make this user its owner."
        ).format(user=user, database=database)
    return None
