"""Plain, immutable data that the Store hands out.

Screens and the export read these; they never see a database session or a table object, so
nothing they hold can lazy-load or go stale behind their back. Importing this module does not
load SQLModel, which keeps the first paint of the app fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
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
from models.timing import Break, ItemTiming, item_elapsed_seconds


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
    # dt.date: inside this class, "date" names the field above.
    minutes_approved_on: dt.date | None
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
    #: When the hamerstuk was agreed without discussion ("afgehamerd"); None until then.
    hamered_at: datetime | None
    planned_minutes: int
    speaking_limit_seconds: int
    #: First start and last end; ``ended_at`` is None while running or before the first start.
    started_at: datetime | None
    ended_at: datetime | None
    #: Time of the earlier periods of this item, breaks excluded (see ``models.timing``).
    spent_seconds: int
    #: Start of the current running period; None when the item is not running.
    resumed_at: datetime | None
    notes: str

    @property
    def number(self) -> int:
        """The number shown to people: 1-based, following the order."""
        return self.position + 1

    @property
    def running(self) -> bool:
        return self.resumed_at is not None

    def elapsed_seconds(self, now: datetime, breaks: Sequence[Break] = ()) -> int:
        """Time spent on this item up to ``now``, breaks excluded."""
        return item_elapsed_seconds(self.spent_seconds, self.resumed_at, now, breaks)


@dataclass(frozen=True, slots=True)
class AgendaState:
    """Everything the agenda screen shows, read in one go; timing follows from ``now``."""

    meeting: MeetingInfo
    items: list[AgendaItemInfo]
    running_item_id: int | None
    #: Breaks of the whole meeting, oldest first; the last one may still be going on.
    breaks: list[Break]
    on_break: bool

    @property
    def running_item(self) -> AgendaItemInfo | None:
        return next((i for i in self.items if i.id == self.running_item_id), None)

    @property
    def planned_minutes_total(self) -> int:
        return sum(i.planned_minutes for i in self.items)

    def timings(self, now: datetime) -> list[ItemTiming]:
        """The items as ``models.timing.projected_end`` wants them, at ``now``."""
        return [
            ItemTiming(
                planned_minutes=i.planned_minutes,
                elapsed_seconds=i.elapsed_seconds(now, self.breaks),
                running=i.id == self.running_item_id,
                ended=i.ended_at is not None and i.id != self.running_item_id,
            )
            for i in self.items
        ]

    def elapsed_seconds(self, item: AgendaItemInfo, now: datetime) -> int:
        """Time spent on ``item`` up to ``now``, this meeting's breaks excluded."""
        return item.elapsed_seconds(now, self.breaks)

    def with_item(self, item: AgendaItemInfo) -> AgendaState:
        """This state with one item replaced by a newer copy of it (same id)."""
        items = [item if i.id == item.id else i for i in self.items]
        return replace(self, items=items)
