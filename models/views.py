"""Plain, immutable data that the Store hands out.

Screens and the export read these; they never see a database session or a table object, so
nothing they hold can lazy-load or go stale behind their back. Importing this module does not
load SQLModel, which keeps the first paint of the app fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from models.domain import (
    Consent,
    MeetingStatus,
    MinutesStatus,
    ParticipationLevel,
    Presence,
    Purpose,
    Role,
)


@dataclass(frozen=True, slots=True)
class ProcessInfo:
    id: int
    title: str
    neighbourhood: str
    participation_level: ParticipationLevel
    budget_euro_cents: int | None
    decision_deadline: date | None
    fixed_text: str
    open_text: str
    feedback_text: str


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    """One row of the meeting list."""

    id: int
    date: date
    start_time: time
    title: str
    process_title: str
    status: MeetingStatus


@dataclass(frozen=True, slots=True)
class MeetingInfo:
    id: int
    title: str
    date: date
    start_time: time
    scheduled_end_time: time | None
    location: str
    chair: str
    note_taker: str
    status: MeetingStatus
    actual_start: datetime | None
    actual_end: datetime | None
    agenda_adopted_at: datetime | None
    minutes_status: MinutesStatus
    minutes_approved_on: date | None
    process: ProcessInfo | None


@dataclass(frozen=True, slots=True)
class AttendeeInfo:
    id: int
    meeting_id: int
    name: str
    role: Role
    presence: Presence
    consent: Consent
    arrived_at: datetime | None
    left_at: datetime | None


@dataclass(frozen=True, slots=True)
class AttendanceCounts:
    """Who is in the room, split the way the balance of the meeting is judged."""

    residents_present: int
    professionals_present: int
    others_present: int
    absent_with_notice: int
    absent: int
    unmarked: int

    @property
    def present(self) -> int:
        return self.residents_present + self.professionals_present + self.others_present


@dataclass(frozen=True, slots=True)
class AgendaItemInfo:
    id: int
    meeting_id: int
    position: int
    title: str
    purpose: Purpose
    hamerstuk: bool
    planned_minutes: int
    speaking_limit_seconds: int
    started_at: datetime | None
    ended_at: datetime | None
    notes: str

    @property
    def number(self) -> int:
        """The number shown to people: 1-based, following the order."""
        return self.position + 1
