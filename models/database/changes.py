"""Has anybody changed the database since I last looked? Asked cheaply, many times a second.

The beamer follows the chair's app by asking this every quarter second and reading its picture
again only when the answer is yes. For SQLite the answer is ``PRAGMA data_version`` on one
long-lived connection of its own (a few microseconds): SQLite changes that number exactly when
another connection commits a change, and the beamer never writes, so every change is somebody
else's. A commit that changed nothing (the chair's app recording a view the beamer already
shows) leaves it alone.

The chair's own app follows a second window on the same SQLite file (the note-taker) the same
way, but asks the connections of its own Store: SQLite leaves a connection's number alone for
the commits *it* made, so the app's own actions — which it has already drawn — never make it
read again, and no race decides whose change a new number was. Each pooled connection keeps
its own last number (a worker thread's connection may answer another time: its first answer
is "changed", one read too many, never one too few).

PostgreSQL tells it by itself: every transaction of BaZ that changed a row ends with
``pg_notify('baz_changes')`` (``models.database``), which the server delivers at commit — and
only if the commit succeeds — to every connection that listens on that channel. The signal keeps
one connection of its own that listens, in autocommit mode so it never holds a transaction, and
asks it for arrived notifications without waiting (no round trip to the server at all). A
connection that breaks is made again; the look after that answers yes, since notifications
sent while nobody listened are gone.

Other databases have no such number; there the signal is one query of counts, sums and latest
moments over the tables the beamer shows, plus the (few) meeting and process rows themselves.
Every action of the Store moves at least one of them. Its one blind spot is an edit that keeps
every count and length the same (a card text replaced by another of exactly the same length);
that shows with the next other change.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from models.database import CHANGES_CHANNEL, SERVER_CONNECT_TIMEOUT_S, Database, short_reason
from models.errors import DatabaseError
from models.i18n import _

#: Where a pooled connection keeps the last ``data_version`` it answered.
_VERSION_KEY = "baz_data_version"
#: How long the beamer's own look may wait for a lock: it asks again a moment later anyway.
WATCH_BUSY_TIMEOUT_S = 0.2

# One statement, so that one round trip answers; scalar subqueries work on every database.
_SIGNATURE = text(
    "SELECT "
    "(SELECT count(*) FROM agendaitem), (SELECT sum(id * position) FROM agendaitem), "
    "(SELECT count(started_at) FROM agendaitem), (SELECT max(started_at) FROM agendaitem), "
    "(SELECT count(ended_at) FROM agendaitem), (SELECT max(ended_at) FROM agendaitem), "
    "(SELECT count(resumed_at) FROM agendaitem), (SELECT max(resumed_at) FROM agendaitem), "
    "(SELECT count(hamered_at) FROM agendaitem), (SELECT sum(spent_seconds) FROM agendaitem), "
    "(SELECT sum(planned_minutes + speaking_limit_seconds) FROM agendaitem), "
    "(SELECT sum(length(title)) FROM agendaitem), "
    "(SELECT count(*) FROM meetingbreak), (SELECT count(ended_at) FROM meetingbreak), "
    "(SELECT max(started_at) FROM meetingbreak), (SELECT max(ended_at) FROM meetingbreak), "
    "(SELECT count(*) FROM speakerentry), (SELECT max(id) FROM speakerentry), "
    "(SELECT sum(id * position) FROM speakerentry), "
    "(SELECT count(started_at) FROM speakerentry), (SELECT max(started_at) FROM speakerentry), "
    "(SELECT count(ended_at) FROM speakerentry), (SELECT max(ended_at) FROM speakerentry), "
    "(SELECT count(paused_at) FROM speakerentry), (SELECT max(paused_at) FROM speakerentry), "
    "(SELECT count(removed_at) FROM speakerentry), (SELECT sum(paused_seconds) FROM speakerentry), "
    "(SELECT sum(id * coalesce(attendee_id, 0)) FROM speakerentry), "
    "(SELECT count(*) FROM attendee), (SELECT max(id) FROM attendee), "
    "(SELECT sum(id * (length(name) + 16 * length(consent) + 256 * length(presence) "
    "+ 4096 * length(role))) FROM attendee), "
    "(SELECT count(*) FROM card), (SELECT max(id) FROM card), (SELECT sum(dots) FROM card), "
    "(SELECT sum(id * (dots + 1)) FROM card), (SELECT sum(id * length(text)) FROM card), "
    "(SELECT sum(id * (position + 1) * (coalesce(parent_id, 0) + 1)) FROM card), "
    "(SELECT count(*) FROM poll), (SELECT max(id) FROM poll), "
    "(SELECT count(declared_at) FROM poll), (SELECT sum(id * length(result_text)) FROM poll), "
    "(SELECT count(*) FROM polloption), (SELECT sum(id * length(label)) FROM polloption), "
    "(SELECT count(*) FROM votecount), (SELECT sum(count) FROM votecount), "
    "(SELECT sum(count * option_id) FROM votecount), "
    # The room on their phones: its opening and closing, the ballot of a vote, the inbox.
    "(SELECT count(*) FROM roomsession), (SELECT count(closed_at) FROM roomsession), "
    "(SELECT sum(id * length(ballot)) FROM poll), "
    "(SELECT count(*) FROM phonecard), (SELECT sum(id * length(status)) FROM phonecard)"
)
# The meetings and processes themselves: few rows, compared exactly (status, view, moments).
_MEETINGS = text(
    "SELECT id, status, beamer_view, actual_start, actual_end, process_id, title, date, "
    "start_time, location FROM meeting ORDER BY id"
)
_PROCESSES = text(
    "SELECT id, title, participation_level, budget_euro_cents, decision_deadline FROM process "
    "ORDER BY id"
)


class ChangeSignal:
    """Tells whether the database changed since the last call of :meth:`changed`."""

    def __init__(
        self, database: Database, *, by_query: bool = False, others_only: bool = False
    ) -> None:
        """``by_query`` uses the query over the tables even on SQLite or PostgreSQL (to test
        it there); ``others_only`` leaves out the commits of this Database's own connections
        (SQLite; elsewhere every change counts)."""
        self._path: Path | None = None if by_query else database.sqlite_path
        self._engine: Engine = database.engine
        #: SQLite, following only others: ask the Store's own connections (its own commits
        #: do not count there).
        self._pooled = self._path is not None and others_only and not database.read_only
        #: PostgreSQL: follow the notifications of committed changes.
        self._listens = not by_query and database.engine.dialect.name == "postgresql"
        self._connection: sqlite3.Connection | None = None
        self._listener: Any = None  # a psycopg connection, when listening
        self._last: Any = None
        #: Whether the next call must answer yes (the first call, or after a failed look).
        self._unknown = True

    @property
    def exact(self) -> bool:
        """True for SQLite's change counter and PostgreSQL's notifications; False for the
        query over the tables."""
        return self._path is not None or self._listens

    def changed(self) -> bool:
        """True when another connection committed a change since the last call (and the
        first time). A look that fails counts as a change, so the caller reads again and
        shows the problem; raises nothing."""
        if self._listens:
            return self._notified()
        if self._pooled:
            return self._pooled_changed()
        try:
            current = self._data_version() if self._path is not None else self._signature()
        except (sqlite3.Error, SQLAlchemyError, DatabaseError):
            self.close()  # a fresh connection next time: the file may have been replaced
            self._unknown = True
            return True
        changed = self._unknown or current != self._last
        self._last, self._unknown = current, False
        return changed

    def invalidate(self) -> None:
        """Make the next :meth:`changed` answer yes (the caller's read failed)."""
        self._unknown = True

    def close(self) -> None:
        """Let go of the connection; the next look makes a new one and answers yes (a new
        connection's counter says nothing of what happened before it)."""
        self._unknown = True
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._listener is not None:
            try:
                self._listener.close()
            except Exception:  # a broken connection may fail to close; it is dropped anyway
                pass
            self._listener = None

    def _notified(self) -> bool:
        """PostgreSQL: whether a change was announced since the last look (or it is unknown)."""
        import psycopg

        try:
            if self._listener is None:
                self._listener = self._listen()
                self._unknown = True  # what happened while nobody listened is not known
            heard = False
            # timeout=0: only what has already arrived, read from the socket without waiting.
            for _notification in self._listener.notifies(timeout=0):
                heard = True
        except (psycopg.Error, OSError):
            self.close()
            self._unknown = True
            return True
        changed = self._unknown or heard
        self._unknown = False
        return changed

    def _listen(self) -> Any:
        import psycopg

        # The address of the engine, as its dialect hands it to psycopg.
        args, params = self._engine.dialect.create_connect_args(self._engine.url)
        params.setdefault("connect_timeout", SERVER_CONNECT_TIMEOUT_S)
        params["application_name"] = "baz follower"
        listener = psycopg.connect(*args, **params, autocommit=True)
        try:
            listener.execute(f"LISTEN {CHANGES_CHANNEL}")
        except psycopg.Error:
            listener.close()
            raise
        return listener

    def _pooled_changed(self) -> bool:
        """SQLite, the writer's own pool: whether a connection of it saw a commit by another
        connection (another window, another program) since that connection was last asked."""
        try:
            with self._engine.connect() as connection:
                version = connection.exec_driver_sql("PRAGMA data_version").scalar()
                # The number belongs to this one DBAPI connection: kept with it in the pool.
                info = connection.connection.info
                last = info.get(_VERSION_KEY)
                info[_VERSION_KEY] = version
        except (sqlite3.Error, SQLAlchemyError):
            self._unknown = True
            return True
        changed = self._unknown or last is None or last != version
        self._unknown = False
        return changed

    def _data_version(self) -> int:
        if self._connection is None:
            assert self._path is not None
            # Read-only, in autocommit mode: the pragma never holds a read transaction open
            # (which would keep the chair's app from checkpointing and let the WAL grow).
            self._connection = sqlite3.connect(
                f"{self._path.resolve().as_uri()}?mode=ro",
                uri=True,
                timeout=WATCH_BUSY_TIMEOUT_S,
                isolation_level=None,
                check_same_thread=False,
            )
        row = self._connection.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def _signature(self) -> tuple[Any, ...]:
        try:
            with self._engine.connect() as connection:
                signature = tuple(connection.execute(_SIGNATURE).one())
                meetings = tuple(tuple(row) for row in connection.execute(_MEETINGS))
                processes = tuple(tuple(row) for row in connection.execute(_PROCESSES))
                connection.rollback()
        except SQLAlchemyError as exc:
            raise DatabaseError(
                _("The database could not be read or written: {reason}").format(
                    reason=short_reason(exc)
                )
            ) from exc
        return signature, meetings, processes
