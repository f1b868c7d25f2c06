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
from typing import Literal

from models.domain import (
    Consent,
    MeetingStatus,
    MinutesStatus,
    OrderPolicy,
    ParticipationLevel,
    Presence,
    Purpose,
    Role,
    SpeakerKind,
)
from models.i18n import _
from models.rules.speakers import SpeakingStats, Turn, speaking_stats
from models.rules.speakers import overtime_seconds as _overtime_seconds
from models.rules.speakers import remaining_seconds as _remaining_seconds
from models.rules.speakers import spoken_seconds as _spoken_seconds
from models.rules.timing import Break, ItemTiming, item_elapsed_seconds


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
    #: Who residents can ask about the process (printed at the end of the minutes).
    contact: str = ""
    #: The house-style Word document its minutes are written on ("" for the default).
    template: str = ""


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
    #: Time of the earlier periods of this item, breaks excluded (see ``models.rules.timing``).
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
        """The items as ``models.rules.timing.projected_end`` wants them, at ``now``."""
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


@dataclass(frozen=True, slots=True)
class SpeakerInfo:
    """One entry of a speaker list: waiting, speaking now, or done."""

    id: int
    agenda_item_id: int
    #: None for an anonymous resident.
    attendee_id: int | None
    #: The attendee's name, or "Bewoner 1", "Bewoner 2" (numbered within the item) when anonymous.
    name: str
    #: ``Role.BEWONER`` for an anonymous resident.
    role: Role
    kind: SpeakerKind
    requested_at: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    #: Start of the pause in progress; None when not paused.
    paused_at: datetime | None
    #: Finished pauses, in seconds.
    paused_seconds: int
    #: Recorded when the turn ends (None before): speaking time without pauses, and overtime.
    spoken_seconds: int | None
    overtime_seconds: int | None
    #: Why a waiting entry stands where it stands ("punt van orde", ...); "" for the others.
    reason: str

    @property
    def anonymous(self) -> bool:
        return self.attendee_id is None

    @property
    def speaking(self) -> bool:
        return self.started_at is not None and self.ended_at is None

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def spoken_at(self, now: datetime) -> int:
        """Speaking time up to ``now`` (the recorded time once the turn has ended)."""
        if self.started_at is None:
            return 0
        if self.ended_at is not None and self.spoken_seconds is not None:
            return self.spoken_seconds
        return _spoken_seconds(
            self.started_at, self.ended_at or now, self.paused_seconds, self.paused_at
        )


@dataclass(frozen=True, slots=True)
class SpeakerRecord:
    """Every changeable column of one speaker entry, to put an entry back as it was (undo)."""

    id: int
    attendee_id: int | None
    kind: SpeakerKind
    position: int
    requested_at: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    paused_at: datetime | None
    paused_seconds: int
    spoken_seconds: int | None
    overtime_seconds: int | None
    removed_at: datetime | None


#: The columns of a speaker entry that hold its turn: all but its id, its item and its person
#: (the fields of ``SpeakerRecord`` after ``attendee_id``, in that order). One list for what an
#: action on the speaker list reads and writes (``store_speakers``) and what a meeting file
#: carries of each turn (``meeting_file``, where the person is a reference).
SPEAKER_TURN_COLUMNS = (
    "kind",
    "position",
    "requested_at",
    "started_at",
    "ended_at",
    "paused_at",
    "paused_seconds",
    "spoken_seconds",
    "overtime_seconds",
    "removed_at",
)


#: What a change to a speaker list was, for its undo (``SpeakerUndo.action``).
SpeakerUndoAction = Literal[
    "add", "floor", "back", "pause", "resume", "move", "remove", "closed", "policy"
]


@dataclass(frozen=True, slots=True)
class SpeakerUndo:
    """How to take back one action on a speaker list (S9): that action, and nothing else.

    ``Store.undo_speakers`` reverses exactly what the action changed, on the list as it is
    now — an entry added by someone else since stays — and refuses, changing nothing, when
    that can no longer be done cleanly: the entry has had the floor, someone changed it since,
    or (for the floor and the clock) the item's running time or the meeting's break changed
    since, because a turn is never reopened outside them (S10).
    """

    item_id: int
    action: SpeakerUndoAction
    #: The entries the action changed, as (before, after); ``before`` is None for an entry the
    #: action made. Undo checks each entry still is as ``after`` (its place in the queue aside).
    changes: tuple[tuple[SpeakerRecord | None, SpeakerRecord], ...] = ()
    #: "move": how many places the entry moved; "back" and "remove": its place in the queue
    #: before the action (0 is next to speak).
    delta: int = 0
    queue_index: int = 0
    #: "closed" / "policy": the list's setting before and after the action.
    setting: tuple[object, object] | None = None
    #: The item's running period and the meeting's break (their ids) when the action was taken.
    resumed_at: datetime | None = None
    break_id: int | None = None


@dataclass(frozen=True, slots=True)
class SpeakerState:
    """Everything the speakers screen shows for one item, read in one go.

    The running clock and the statistics follow from ``now`` (methods), so a screen can tick
    every second without asking the Store again.
    """

    item: AgendaItemInfo
    current: SpeakerInfo | None
    #: In queue order: ``waiting[0]`` speaks next; each with its ``reason``.
    waiting: list[SpeakerInfo]
    #: Finished turns, newest first.
    done: list[SpeakerInfo]
    closed: bool
    policy: OrderPolicy
    #: Speaking limit per turn in seconds; 0 means no limit.
    limit_seconds: int
    #: Finished turns of this item. The rest of the meeting is read apart
    #: (``Store.meeting_speaking``): it does not change with an action on this list.
    item_turns: tuple[Turn, ...]
    #: When this state was read.
    read_at: datetime
    #: The entry the action was about (added, moved, started, ...), for the cursor; or None.
    touched_entry_id: int | None = None
    #: How to take back the action that returned this state: the screen keeps these on its
    #: undo stack and hands one to ``Store.undo_speakers``. None for a plain read (and an undo).
    undo: SpeakerUndo | None = None
    #: Whether the item runs now (only then can someone have the floor, S10), whether the
    #: meeting has a break (the speaking clock stands still) and whether it is closed (the list
    #: no longer changes).
    running: bool = False
    on_break: bool = False
    meeting_closed: bool = False

    def spoken_seconds(self, now: datetime) -> int:
        """Speaking time of the current speaker up to ``now`` (0 when nobody speaks)."""
        return self.current.spoken_at(now) if self.current is not None else 0

    def remaining_seconds(self, now: datetime) -> int | None:
        """Countdown of the current turn; None when the item has no limit."""
        return _remaining_seconds(self.limit_seconds, self.spoken_seconds(now))

    def overtime_seconds(self, now: datetime) -> int:
        return _overtime_seconds(self.limit_seconds, self.spoken_seconds(now))

    def _current_turn(self, now: datetime, anonymous: tuple[object, str]) -> tuple[Turn, ...]:
        c = self.current
        if c is None:
            return ()
        key, name = (c.attendee_id, c.name) if c.attendee_id is not None else anonymous
        return (Turn(key, name, c.attendee_id, c.role, c.spoken_at(now)),)

    def item_stats(self, now: datetime) -> SpeakingStats:
        """Turns and time per person on this item, the current turn counted up to ``now``."""
        c = self.current
        anonymous = (("anonymous", c.id), c.name) if c is not None else ("", "")
        return speaking_stats(self.item_turns + self._current_turn(now, anonymous))

    def meeting_stats(self, now: datetime, others: MeetingSpeaking) -> SpeakingStats:
        """The same for the whole meeting: ``others`` (the other items) and this item.

        Anonymous residents share one row there.
        """
        anonymous = (ANONYMOUS_KEY, anonymous_residents_name())
        item = tuple(
            t if t.attendee_id is not None else replace(t, key=anonymous[0], name=anonymous[1])
            for t in self.item_turns
        )
        return speaking_stats(others.turns + item + self._current_turn(now, anonymous))


@dataclass(frozen=True, slots=True)
class MeetingSpeaking:
    """Turns of a meeting for its statistics, finished ones summed per person.

    Anonymous residents share one turn key (``ANONYMOUS_KEY``); a turn still running counts up
    to ``read_at``.
    """

    turns: tuple[Turn, ...]
    read_at: datetime

    def stats(self) -> SpeakingStats:
        return speaking_stats(self.turns)


#: The key of the one row of all anonymous residents in the statistics of a whole meeting.
ANONYMOUS_KEY = "anonymous"


def anonymous_residents_name() -> str:
    """The name of that row, in the active language."""
    return _("Anonymous residents")
