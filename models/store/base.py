"""The base of the Store: opening the database, one transaction per action, the clock.

Each domain keeps its Store methods in its own module of this package (``polls``, ``analysis``,
``decisions``, …) as a class built on :class:`StoreBase`; :class:`models.store.Store` combines
them. So the Store stays one object for the screens while no module grows past reading.

Two laptops may act on one meeting at the same moment (a PostgreSQL server, or two programs on
one SQLite file). An action that reads an order and writes the next place in it (the speaker
queue, agenda positions, decision numbers, the counts of a vote) first calls :func:`hold` on
the row that owns that order, so the second action waits a few milliseconds and then reads
what the first one wrote.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar

from sqlalchemy import Connection, Table, select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from models.database import Database, access_failure
from models.database.types import utcnow
from models.errors import ChangedMeanwhileError, NotFoundError
from models.i18n import _

if TYPE_CHECKING:
    from models.database.changes import ChangeSignal

#: A table class that ``StoreBase._get`` reads a row of.
_Row = TypeVar("_Row")


@dataclass(frozen=True, slots=True)
class _Unset:
    """Marks an argument that was not given, where ``None`` is a real value."""


#: "Leave this field as it is", for the update methods of every part of the Store.
UNSET: Any = _Unset()


class StoreBase:
    """What every part of the Store shares: the database, the clock, the transaction."""

    def __init__(self, database: Database, clock: Callable[[], datetime] = utcnow) -> None:
        self.database = database
        self.engine = database.engine
        #: The source of "now" for every recorded moment; tests inject a fixed clock.
        self.now = clock
        self._change_signals: dict[bool, ChangeSignal] = {}

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, target: str | Path, *, clock: Callable[[], datetime] = utcnow) -> Self:
        """Open (and create or upgrade) the database at a path or SQLAlchemy URL."""
        return cls(Database.open(target), clock)

    @classmethod
    def in_memory(cls, *, clock: Callable[[], datetime] = utcnow) -> Self:
        """A fresh, private in-memory database (for tests and trying things out)."""
        return cls(Database.in_memory(), clock)

    def close(self) -> None:
        for signal in self._change_signals.values():
            signal.close()
        self.database.close()

    def change_signal(self, *, others_only: bool = False) -> ChangeSignal:
        """Whether another connection changed the database since it was last asked: one signal
        (and one connection of its own) for everything that follows this Store's database.

        ``others_only``: changes made through *other* Stores and programs only — what the app
        that writes through this Store follows (it has drawn its own changes already). The
        beamer asks for every change (in the tests it may share the writer's Store)."""
        if others_only not in self._change_signals:
            from models.database.changes import ChangeSignal

            self._change_signals[others_only] = ChangeSignal(self.database, others_only=others_only)
        return self._change_signals[others_only]

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any error."""
        self.database.check_file()
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
                session.commit()
        except SQLAlchemyError as exc:
            raise access_failure(exc, self.database.sqlite_path) from exc

    @contextmanager
    def _core_transaction(self) -> Iterator[Connection]:
        """``_transaction`` for methods that use SQLAlchemy Core only (the speaker list's keys):
        the same unit of work and the same errors, without the ORM session, whose setup and
        commit add about 0.08 ms to every key."""
        self.database.check_file()
        try:
            with self.engine.begin() as db:
                yield db
        except SQLAlchemyError as exc:
            raise access_failure(exc, self.database.sqlite_path) from exc

    @staticmethod
    def _get(session: Session, table: type[_Row], id_: int, what: str) -> _Row:
        row = session.get(table, id_)
        if row is None:
            raise not_found(what, id_)
        return row


def not_found(what: str, id_: int) -> NotFoundError:
    """The refusal for an id that names nothing (of kind ``what``)."""
    return NotFoundError(_("There is no {what} with number {id}.").format(what=what, id=id_))


def changed_since(what: str) -> ChangedMeanwhileError:
    """The refusal of an undo whose thing (``what``: a name, a title) was changed elsewhere
    since the change it would undo."""
    return ChangedMeanwhileError(
        _("“{what}” was changed elsewhere since; nothing was undone.").format(what=what)
    )


def hold(db: Session | Connection, table: Table | type, id_: int | None) -> None:
    """Wait for and keep, until this transaction ends, the row whose order it changes.

    PostgreSQL: ``SELECT … FOR NO KEY UPDATE`` on that row (the meeting, the agenda item, the
    vote, the process). A second transaction that holds the same row waits until this one
    commits, and then — reading committed data statement by statement — sees its changes. The
    weaker ``NO KEY`` lock still lets other transactions add rows that refer to this one (a
    speaker to the item), so it never deadlocks with them.

    SQLite: the whole database is the row. pysqlite begins a transaction only at the first
    write, so the reads before it could be stale; ``BEGIN IMMEDIATE`` takes the write lock
    before anything is read (waiting up to the busy timeout for another writer). Call this
    first in the transaction: once a write has begun it, the lock is held already.
    """
    connection = db.connection() if isinstance(db, Session) else db
    if connection.dialect.name == "sqlite":
        if not connection.connection.driver_connection.in_transaction:  # type: ignore[union-attr]
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        return
    if id_ is None:
        return
    columns = table.c if isinstance(table, Table) else table.__table__.c  # type: ignore[attr-defined]
    connection.execute(select(columns.id).where(columns.id == id_).with_for_update(key_share=True))


def text_order(text: str) -> tuple[str, str]:
    """A sort key for names and titles that is the same on every database and every server
    collation: case and accents do not count first ("Émile" next to "Els", "de Vries" next to
    "De Vries"), then the exact text decides."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    if folded.isascii():
        return folded, text  # no accents to leave out (most names): the quick way
    return "".join(c for c in folded if not unicodedata.combining(c)), text
