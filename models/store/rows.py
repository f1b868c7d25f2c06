"""Table rows to records (``models.records.meeting``), shared by the parts of the Store.

A row is read by attribute, so an ORM object and a Core row (``select(table)``) both do: the
speaker list reads its agenda item with Core, the agenda with the ORM.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from models.database.tables import Meeting, Process
from models.domain import (
    Consent,
    MeetingStatus,
    MinutesStatus,
    ParticipationLevel,
    Presence,
    Purpose,
    Role,
)
from models.records.meeting import AgendaItemInfo, AttendeeInfo, MeetingInfo, ProcessInfo


def agenda_item_info(i: Any) -> AgendaItemInfo:
    """An agenda item as the screens see it."""
    assert i.id is not None
    return AgendaItemInfo(
        id=i.id,
        meeting_id=i.meeting_id,
        position=i.position,
        title=i.title,
        purpose=Purpose(i.purpose),
        hamerstuk=i.hamerstuk,
        hamered_at=i.hamered_at,
        planned_minutes=i.planned_minutes,
        speaking_limit_seconds=i.speaking_limit_seconds,
        started_at=i.started_at,
        ended_at=i.ended_at,
        spent_seconds=i.spent_seconds,
        resumed_at=i.resumed_at,
        notes=i.notes,
    )


def process_info(p: Any) -> ProcessInfo:
    """A process as the screens see it."""
    assert p.id is not None
    return ProcessInfo(
        id=p.id,
        title=p.title,
        neighbourhood=p.neighbourhood,
        participation_level=ParticipationLevel(p.participation_level),
        budget_euro_cents=p.budget_euro_cents,
        decision_deadline=p.decision_deadline,
        fixed_text=p.fixed_text,
        open_text=p.open_text,
        feedback_text=p.feedback_text,
        contact=p.contact,
        template=p.template,
    )


def meeting_info(m: Any, process: Any | None) -> MeetingInfo:
    """A meeting with its process (None: not part of one) as the screens see it."""
    assert m.id is not None
    return MeetingInfo(
        id=m.id,
        title=m.title,
        date=m.date,
        start_time=m.start_time,
        scheduled_end_time=m.scheduled_end_time,
        location=m.location,
        chair=m.chair,
        note_taker=m.note_taker,
        status=MeetingStatus(m.status),
        actual_start=m.actual_start,
        actual_end=m.actual_end,
        agenda_adopted_at=m.agenda_adopted_at,
        minutes_status=MinutesStatus(m.minutes_status),
        minutes_approved_on=m.minutes_approved_on,
        process=process_info(process) if process is not None else None,
    )


def meeting_info_with_process(session: Session, meeting: Meeting) -> MeetingInfo:
    """A meeting with its process (read in ``session``), as the screens get it."""
    process = session.get(Process, meeting.process_id) if meeting.process_id else None
    return meeting_info(meeting, process)


def attendee_info(a: Any) -> AttendeeInfo:
    """An attendee as the screens see it, from an ORM object or a Core row alike."""
    assert a.id is not None
    return AttendeeInfo(
        id=a.id,
        meeting_id=a.meeting_id,
        name=a.name,
        role=Role(a.role),
        presence=Presence(a.presence),
        consent=Consent(a.consent),
        arrived_at=a.arrived_at,
        left_at=a.left_at,
    )
