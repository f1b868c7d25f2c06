"""The Store's part for decisions (besluiten): recorded, changed, removed and listed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from models.database.tables import AgendaItem, Decision, Meeting, Poll
from models.errors import InvalidInputError
from models.i18n import _
from models.records.minutes import DecisionInfo
from models.rules import validation as check
from models.store.agenda import item_headings, refuse_item_of_other_meeting
from models.store.base import StoreBase
from models.store.meetings import held_order, meeting_headings, process_meetings
from models.store.numbering import (
    decision_label,
    decision_scope,
    hold_numbering,
    next_decision_number,
)


def record_decision(
    session: Session,
    meeting: Meeting,
    text: str,
    *,
    agenda_item_id: int | None,
    poll_id: int | None,
    now: datetime,
) -> Decision:
    """Add a besluit with the next number of its process (or meeting) in the meeting's year.

    Used by every action that makes a decision (typed by hand or declared from a vote), so
    there is one numbering (:mod:`models.store.numbering`).
    """
    text = _decision_text(text)
    assert meeting.id is not None  # a stored meeting
    year, number = next_decision_number(session, meeting)
    decision = Decision(
        meeting_id=meeting.id,
        agenda_item_id=agenda_item_id,
        process_id=meeting.process_id,
        poll_id=poll_id,
        year=year,
        number=number,
        text=text,
        created_at=now,
    )
    session.add(decision)
    session.flush()
    return decision


class DecisionActions(StoreBase):
    """Store methods for decisions; combined into :class:`models.store.Store`."""

    def add_decision(
        self,
        meeting_id: int,
        text: str,
        *,
        item_id: int | None = None,
        poll_id: int | None = None,
    ) -> DecisionInfo:
        """Record a besluit with the next number of the process (B-2026-07)."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            refuse_item_of_other_meeting(session, meeting_id, item_id)
            _check_poll(session, meeting_id, poll_id)
            decision = record_decision(
                session, meeting, text, agenda_item_id=item_id, poll_id=poll_id, now=self.now()
            )
            return _decision_infos(session, [decision])[0]

    def update_decision(self, decision_id: int, text: str) -> DecisionInfo:
        """Change the text of a besluit; its number stays."""
        with self._transaction() as session:
            decision = self._get(session, Decision, decision_id, _("decision"))
            decision.text = _decision_text(text)
            session.add(decision)
            session.flush()
            return _decision_infos(session, [decision])[0]

    def delete_decision(self, decision_id: int) -> DecisionInfo:
        """Remove a besluit; the returned value lets :meth:`restore_decision` undo it."""
        with self._transaction() as session:
            decision = self._get(session, Decision, decision_id, _("decision"))
            info = _decision_infos(session, [decision])[0]
            session.delete(decision)
            return info

    def restore_decision(self, info: DecisionInfo) -> DecisionInfo:
        """Undo a delete: the besluit comes back with its number.

        Only when another decision took that number in the meantime (the deleted one was the
        last) does it get the next free number instead: two decisions never share a number.
        """
        with self._transaction() as session:
            meeting = self._get(session, Meeting, info.meeting_id, _("meeting"))
            hold_numbering(session, meeting)
            text = _decision_text(info.text)
            taken = session.scalar(
                select(func.count())
                .select_from(Decision)
                .where(decision_scope(meeting), col(Decision.year) == info.year)
                .where(col(Decision.number) == info.number)
            )
            item_id = info.agenda_item_id
            if item_id is not None and session.get(AgendaItem, item_id) is None:
                item_id = None
            poll_id = info.poll_id
            if poll_id is not None and session.get(Poll, poll_id) is None:
                poll_id = None
            if taken:
                decision = record_decision(
                    session, meeting, text, agenda_item_id=item_id, poll_id=poll_id, now=self.now()
                )
            else:
                decision = Decision(
                    id=info.id if session.get(Decision, info.id) is None else None,
                    meeting_id=info.meeting_id,
                    agenda_item_id=item_id,
                    process_id=meeting.process_id,
                    poll_id=poll_id,
                    year=info.year,
                    number=info.number,
                    text=text,
                    created_at=info.created_at or self.now(),
                )
                session.add(decision)
                session.flush()
            return _decision_infos(session, [decision])[0]

    def list_decisions(self, meeting_id: int) -> list[DecisionInfo]:
        """The besluitenlijst of a meeting: its own decisions, by number."""
        with self._transaction() as session:
            self._get(session, Meeting, meeting_id, _("meeting"))
            rows = session.scalars(
                select(Decision)
                .where(col(Decision.meeting_id) == meeting_id)
                .order_by(col(Decision.year), col(Decision.number), col(Decision.id))
            ).all()
            return _decision_infos(session, rows)

    def process_decisions(self, meeting_id: int) -> list[DecisionInfo]:
        """Every decision of the meeting's process up to and including this meeting.

        Without a process this is the meeting's own list.
        """
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            if meeting.process_id is None:
                ids = [meeting_id]
            else:
                here = held_order(meeting)
                ids = [
                    m.id
                    for m in process_meetings(session, meeting.process_id)
                    if held_order(m) <= here
                ]
            rows = session.scalars(
                select(Decision)
                .where(col(Decision.meeting_id).in_(ids))
                .order_by(col(Decision.year), col(Decision.number), col(Decision.id))
            ).all()
            return _decision_infos(session, rows)


def _decision_text(text: str) -> str:
    text = check.clean_text(text).strip()
    if check.is_blank(text):
        raise InvalidInputError(_("A decision needs a text."))
    return text


def _check_poll(session: Session, meeting_id: int, poll_id: int | None) -> None:
    if poll_id is None:
        return
    poll = StoreBase._get(session, Poll, poll_id, _("vote"))
    item = session.get(AgendaItem, poll.agenda_item_id)
    if item is None or item.meeting_id != meeting_id:
        raise InvalidInputError(_("That vote belongs to another meeting."))


def _decision_infos(session: Session, rows: Sequence[Decision]) -> list[DecisionInfo]:
    items = item_headings(session, {d.agenda_item_id for d in rows})
    meetings = meeting_headings(session, {d.meeting_id for d in rows})
    infos = []
    for d in rows:
        assert d.id is not None
        item = items.get(d.agenda_item_id) if d.agenda_item_id is not None else None
        infos.append(
            DecisionInfo(
                id=d.id,
                meeting_id=d.meeting_id,
                meeting_date=meetings[d.meeting_id].date,
                agenda_item_id=d.agenda_item_id,
                item_number=item.position + 1 if item is not None else None,
                item_title=item.title if item is not None else "",
                poll_id=d.poll_id,
                year=d.year,
                number=d.number,
                label=decision_label(d.year, d.number),
                text=d.text,
                created_at=d.created_at,
            )
        )
    return infos
