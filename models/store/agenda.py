"""The Store's part for the agenda: its items, their order, notes and hamerstukken.

Running the meeting along the agenda (start, V, B, breaks, close, and the agenda's state as it
runs) is :mod:`models.store.running`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session, col

from models.database.tables import (
    ActionItem,
    AgendaItem,
    Card,
    Decision,
    Meeting,
    Poll,
    SpeakerEntry,
)
from models.domain import Purpose
from models.errors import ChangedMeanwhileError, InvalidInputError
from models.i18n import _
from models.records.meeting import AgendaItemInfo
from models.rules import validation as check
from models.store.base import StoreBase, changed_since, hold, not_found
from models.store.rows import agenda_item_info


class AgendaActions(StoreBase):
    """Store methods for the agenda; combined into :class:`models.store.Store`."""

    def list_agenda(self, meeting_id: int) -> list[AgendaItemInfo]:
        with self._transaction() as session:
            self._get(session, Meeting, meeting_id, _("meeting"))
            rows = session.scalars(
                select(AgendaItem)
                .where(col(AgendaItem.meeting_id) == meeting_id)
                .order_by(col(AgendaItem.position))
            ).all()
            return [agenda_item_info(i) for i in rows]

    def add_agenda_item(
        self,
        meeting_id: int,
        title: str,
        *,
        purpose: Purpose = Purpose.BESPREKING,
        planned_minutes: int = 10,
        position: int | None = None,
        notes: str = "",
    ) -> AgendaItemInfo:
        """Insert an agenda item (default: before Rondvraag and Sluiting, i.e. at the end)."""
        with self._transaction() as session:
            hold(session, Meeting, meeting_id)  # the positions of its items
            self._get(session, Meeting, meeting_id, _("meeting"))
            items = session.scalars(
                select(AgendaItem)
                .where(col(AgendaItem.meeting_id) == meeting_id)
                .order_by(col(AgendaItem.position))
            ).all()
            at = len(items) if position is None else max(0, min(position, len(items)))
            for item in items[at:]:
                item.position += 1
                session.add(item)
            new = AgendaItem(
                meeting_id=meeting_id,
                position=at,
                title=check.clean_line(title, _("The title of the agenda item")),
                purpose=Purpose(purpose).value,
                planned_minutes=check.whole_number(
                    planned_minutes, _("The planned minutes"), low=0, high=600
                ),
                notes=check.clean_text(notes),
            )
            session.add(new)
            session.flush()
            return agenda_item_info(new)

    def update_agenda_item(
        self,
        item_id: int,
        *,
        title: str | None = None,
        purpose: Purpose | None = None,
        hamerstuk: bool | None = None,
        planned_minutes: int | str | None = None,
        speaking_limit_seconds: int | str | None = None,
        expected: AgendaItemInfo | None = None,
    ) -> AgendaItemInfo:
        """Change the given fields of an agenda item; any bad value refuses the whole change.

        ``expected`` (for an undo): the item as the undone change left it; refused, changing
        nothing, when someone changed its title, purpose, times or hamerstuk since.
        """
        with self._transaction() as session:
            item = self._get(session, AgendaItem, item_id, _("agenda item"))
            if expected is not None and _item_fields(agenda_item_info(item)) != _item_fields(
                expected
            ):
                raise changed_since(item.title)
            # Everything is checked before anything is set, so a refusal leaves the item as it was.
            changes: dict[str, Any] = {}
            if title is not None:
                changes["title"] = check.clean_line(title, _("The title of the agenda item"))
            if purpose is not None:
                changes["purpose"] = Purpose(purpose).value
            if planned_minutes is not None:
                changes["planned_minutes"] = check.whole_number(
                    planned_minutes, _("The planned minutes"), low=0, high=600
                )
            if speaking_limit_seconds is not None:
                changes["speaking_limit_seconds"] = check.whole_number(
                    speaking_limit_seconds, _("The speaking time"), low=0, high=3600
                )
            if hamerstuk is not None:
                changes["hamerstuk"] = bool(hamerstuk)
                if not hamerstuk:
                    changes["hamered_at"] = None  # no longer a hamerstuk: nothing was agreed
            for name, value in changes.items():
                setattr(item, name, value)
            session.add(item)
            session.flush()
            return agenda_item_info(item)

    def delete_agenda_item(self, item_id: int, *, if_untouched: bool = False) -> None:
        """Remove an agenda item; the items after it move up.

        ``if_untouched`` (for undoing an add): refused when anything was recorded on the item
        since — notes, speakers, cards, votes, decisions or action points.
        """
        with self._transaction() as session:
            _hold_meeting_of(session, item_id)
            item = self._get(session, AgendaItem, item_id, _("agenda item"))
            if if_untouched and (item.notes.strip() or _item_has_records(session, item_id)):
                raise ChangedMeanwhileError(
                    _("Something was recorded on “{title}” since; it stays (Del deletes).").format(
                        title=item.title
                    )
                )
            if item.resumed_at is not None:
                raise InvalidInputError(
                    _("“{title}” is running now; start another item before removing it.").format(
                        title=item.title
                    )
                )
            meeting_id = item.meeting_id
            session.delete(item)
            session.flush()
            for position, other in enumerate(_items(session, meeting_id)):
                if other.position != position:
                    other.position = position
                    session.add(other)

    def move_agenda_item(self, item_id: int, delta: int) -> list[AgendaItemInfo]:
        """Move an item up (-1) or down (+1) one place; returns the agenda in its new order."""
        with self._transaction() as session:
            _hold_meeting_of(session, item_id)
            item = self._get(session, AgendaItem, item_id, _("agenda item"))
            items = _items(session, item.meeting_id)
            at = next(n for n, other in enumerate(items) if other.id == item.id)
            to = at + delta
            if delta < 0 and to < 0:
                raise InvalidInputError(_("This is already the first item."))
            if delta > 0 and to >= len(items):
                raise InvalidInputError(_("This is already the last item."))
            items[at], items[to] = items[to], items[at]
            for position, other in enumerate(items):
                if other.position != position:
                    other.position = position
                    session.add(other)
            session.flush()
            return [agenda_item_info(i) for i in items]

    def save_notes(self, item_id: int, text: str) -> AgendaItemInfo:
        """Store the notes of an item (plain paragraphs and "- " bullet lines); one UPDATE."""
        notes = check.clean_text(text)
        with self._transaction() as session:
            item = session.scalars(
                update(AgendaItem)
                .where(col(AgendaItem.id) == item_id)
                .values(notes=notes)
                .returning(AgendaItem)
            ).one_or_none()
            if item is None:
                raise not_found(_("agenda item"), item_id)
            return agenda_item_info(item)

    # ----------------------------------------------------------------- formalities

    def hamer_item(self, item_id: int) -> AgendaItemInfo:
        """Record that a hamerstuk was agreed without discussion ("afgehamerd"), once."""
        with self._transaction() as session:
            item = self._get(session, AgendaItem, item_id, _("agenda item"))
            if not item.hamerstuk:
                raise InvalidInputError(
                    _("“{title}” is not a hamerstuk, so it cannot be gavelled through.").format(
                        title=item.title
                    )
                )
            if item.hamered_at is None:
                item.hamered_at = self.now()
                session.add(item)
                session.flush()
            return agenda_item_info(item)


def _hold_meeting_of(session: Session, item_id: int) -> None:
    """:func:`hold` the meeting of an agenda item: it orders the items and which one runs."""
    meeting_id = session.scalar(
        select(col(AgendaItem.meeting_id)).where(col(AgendaItem.id) == item_id)
    )
    hold(session, Meeting, meeting_id)


def _item_fields(item: AgendaItemInfo) -> tuple[object, ...]:
    """What an edit of an agenda item changes."""
    return (
        item.title,
        item.purpose,
        item.planned_minutes,
        item.speaking_limit_seconds,
        item.hamerstuk,
    )


def _item_has_records(session: Session, item_id: int) -> bool:
    """Whether anything was recorded on an agenda item: speakers, cards, votes, decisions,
    action points."""
    return any(
        session.scalar(select(col(table.id)).where(col(table.agenda_item_id) == item_id).limit(1))
        is not None
        for table in (SpeakerEntry, Card, Poll, Decision, ActionItem)
    )


def _items(session: Session, meeting_id: int) -> list[AgendaItem]:
    """The agenda items of a meeting in their order."""
    return list(
        session.scalars(
            select(AgendaItem)
            .where(col(AgendaItem.meeting_id) == meeting_id)
            .order_by(col(AgendaItem.position), col(AgendaItem.id))
        ).all()
    )


def refuse_item_of_other_meeting(session: Session, meeting_id: int, item_id: int | None) -> None:
    """Refuse linking something of ``meeting_id`` (a decision, an action point) to an agenda
    item of another meeting; None (no item) is fine."""
    if item_id is None:
        return
    item = StoreBase._get(session, AgendaItem, item_id, _("agenda item"))
    if item.meeting_id != meeting_id:
        raise InvalidInputError(_("That agenda item belongs to another meeting."))


def item_headings(session: Session, ids: set[int | None]) -> dict[int, Any]:
    """The position and title of these agenda items, by id (what a decision or an action
    point shows of its item); None and removed items are left out."""
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = session.execute(
        select(col(AgendaItem.id), col(AgendaItem.position), col(AgendaItem.title)).where(
            col(AgendaItem.id).in_(wanted)
        )
    ).all()
    return {r.id: r for r in rows}
