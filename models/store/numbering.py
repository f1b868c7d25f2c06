"""How decisions and action points are numbered: B-2026-07, A-2026-03.

Numbers run on within a process over its meetings, so "B-2026-07" names one decision of the
whole traject; a meeting without a process numbers its own. Each year starts again at 1 (the
year of the meeting). Taking the next number holds the row that owns the numbering (the
process, or the meeting), so two laptops numbering at the same moment take turns and never
share a number.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from models.database.tables import ActionItem, Decision, Meeting, Process
from models.store.base import hold


def hold_numbering(session: Session, meeting: Meeting) -> None:
    """:func:`hold` the row that owns the numbering of a meeting's decisions and action points."""
    if meeting.process_id is not None:
        hold(session, Process, meeting.process_id)
    else:
        hold(session, Meeting, meeting.id)


def next_decision_number(session: Session, meeting: Meeting) -> tuple[int, int]:
    """The year and number of a new besluit of ``meeting``: the next of its process (or of the
    meeting without one) in the meeting's year.

    The highest number plus one is only right while nobody else numbers: this holds the
    numbering row (:func:`hold_numbering`), so a second laptop waits for the first.
    """
    hold_numbering(session, meeting)
    year = meeting.date.year
    highest = session.scalar(
        select(func.max(Decision.number)).where(decision_scope(meeting), col(Decision.year) == year)
    )
    return year, (highest or 0) + 1


def next_action_number(session: Session, meeting: Meeting) -> tuple[int, int]:
    """The year and number of a new actiepunt of ``meeting``: the next of its process (or of
    the meeting without one) in the meeting's year, as decisions are numbered.

    Holds the numbering row (:func:`hold_numbering`): two laptops adding an action point at
    the same moment take turns, and never share a number.
    """
    hold_numbering(session, meeting)
    year = meeting.date.year
    highest = session.scalar(
        select(func.max(ActionItem.number)).where(
            action_scope(meeting), col(ActionItem.year) == year
        )
    )
    return year, (highest or 0) + 1


def decision_label(year: int, number: int) -> str:
    """The number as people say and write it: B-2026-07."""
    return f"B-{year}-{number:02d}"


def action_label(year: int | None, number: int | None) -> str:
    """The number of an action point as people say and write it: A-2026-03 ("" if none)."""
    if year is None or number is None:
        return ""
    return f"A-{year}-{number:02d}"


def decision_scope(meeting: Meeting) -> Any:
    """Where the numbers of ``meeting``'s decisions run: its process, or the meeting alone."""
    if meeting.process_id is not None:
        return col(Decision.process_id) == meeting.process_id
    return (col(Decision.meeting_id) == meeting.id) & col(Decision.process_id).is_(None)


def action_scope(meeting: Meeting) -> Any:
    """Where the numbers of ``meeting``'s action points run: its process, or the meeting."""
    if meeting.process_id is not None:
        return col(ActionItem.process_id) == meeting.process_id
    return (col(ActionItem.meeting_id) == meeting.id) & col(ActionItem.process_id).is_(None)
