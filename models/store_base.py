"""The base of the Store: opening the database, one transaction per action, the clock.

Each domain keeps its Store methods in its own module (``store_polls``, ``store_analysis``,
``store_minutes``) as a class built on :class:`StoreBase`; :class:`models.store.Store` combines
them. So the Store stays one object for the screens while no module grows past reading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Self

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from models.database import Database, short_reason
from models.errors import DatabaseError, NotFoundError
from models.i18n import _
from models.types import utcnow


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
        self.database.close()

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any error."""
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
                session.commit()
        except SQLAlchemyError as exc:
            raise DatabaseError(
                _("The database could not be read or written: {reason}").format(
                    reason=short_reason(exc)
                )
            ) from exc

    @staticmethod
    def _get(session: Session, table: type, id_: int, what: str) -> Any:
        row = session.get(table, id_)
        if row is None:
            raise NotFoundError(_("There is no {what} with number {id}.").format(what=what, id=id_))
        return row
