"""The Store's methods for decisions, action points and the minutes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from models import validation as check
from models.errors import InvalidInputError
from models.i18n import _
from models.store_base import StoreBase
from models.tables import Decision, Meeting


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

    Numbers run on within a process over its meetings, so "B-2026-07" names one decision of the
    whole traject; a meeting without a process numbers its own decisions. Used by every action
    that makes a decision (typed by hand or declared from a vote), so there is one numbering.
    """
    text = check.clean_text(text).strip()
    if not text:
        raise InvalidInputError(_("A decision needs a text."))
    assert meeting.id is not None  # a stored meeting
    year = meeting.date.year
    scope = (
        col(Decision.process_id) == meeting.process_id
        if meeting.process_id is not None
        else (col(Decision.meeting_id) == meeting.id) & col(Decision.process_id).is_(None)
    )
    highest = session.scalar(
        select(func.max(Decision.number)).where(scope, col(Decision.year) == year)
    )
    decision = Decision(
        meeting_id=meeting.id,
        agenda_item_id=agenda_item_id,
        process_id=meeting.process_id,
        poll_id=poll_id,
        year=year,
        number=(highest or 0) + 1,
        text=text,
        created_at=now,
    )
    session.add(decision)
    session.flush()
    return decision


def decision_label(year: int, number: int) -> str:
    """The number as people say and write it: B-2026-07."""
    return f"B-{year}-{number:02d}"


class MinutesActions(StoreBase):
    """Store methods for decisions, action points and the minutes; combined into the Store."""
