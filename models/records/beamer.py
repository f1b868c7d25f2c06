"""Plain, immutable data of the beamer: what the room sees, already named for the public.

Like ``models.records.meeting``: no session, no table object; importing it does not load SQLModel.
Everything here is public: every person is named as they agreed (``models.rules.naming``), so a
screen can draw it as it is. Clocks follow from stored moments and ``now`` (methods), so the
beamer ticks every second without asking the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from models.rules.speakers import overtime_seconds, remaining_seconds

if TYPE_CHECKING:
    # Only for the annotations: the chair's screens import this module for BeamerChoice,
    # and should not pay for the vote and analysis modules when they do.
    from datetime import datetime

    from models.records.analysis import AnalysisState
    from models.records.meeting import AgendaItemInfo, AgendaState, MeetingInfo, SpeakerInfo
    from models.records.polls import PollInfo
    from models.records.room import RoomInfo

#: The longest view the chair's app may record (the width of ``Meeting.beamer_view``).
BEAMER_VIEW_MAX = 40


class Showing(StrEnum):
    """The part of the meeting the room sees; the names of the chair's screens."""

    AGENDA = "agenda"
    SPEAKERS = "speakers"
    VOTES = "votes"
    ANALYSIS = "analysis"


#: Shown while the chair's app has not recorded anything yet: who speaks is what a room
#: follows most.
DEFAULT_SHOWING = Showing.SPEAKERS


@dataclass(frozen=True, slots=True)
class BeamerChoice:
    """What the chair's app recorded for the beamer (``Meeting.beamer_view``).

    A screen alone ("speakers") follows the meeting: the running item, the vote being counted.
    With an item ("speakers:12") or an item and a vote ("votes:12:34") the beamer shows exactly
    that, as the chair asked with "Show on beamer" (F9).
    """

    showing: Showing = DEFAULT_SHOWING
    item_id: int | None = None
    poll_id: int | None = None

    def encode(self) -> str:
        """The text stored in ``Meeting.beamer_view``."""
        parts = [self.showing.value]
        if self.item_id is not None:
            parts.append(str(self.item_id))
            if self.poll_id is not None:
                parts.append(str(self.poll_id))
        return ":".join(parts)

    @classmethod
    def decode(cls, text: str) -> BeamerChoice:
        """The choice in ``text``; anything unreadable (an older or newer BaZ) is the default."""
        name, *numbers = (text or "").split(":")
        try:
            showing = Showing(name)
            ids = [int(n) for n in numbers[:2]]
        except ValueError:
            return cls()
        return cls(
            showing,
            ids[0] if ids else None,
            ids[1] if len(ids) > 1 else None,
        )


@dataclass(frozen=True, slots=True)
class BeamerTarget:
    """The meeting the beamer shows and what the chair's app recorded for it."""

    meeting_id: int
    choice: BeamerChoice


class Phase(StrEnum):
    """Where the followed meeting is, which decides the whole picture."""

    #: No meeting to follow (none running, none planned): a message.
    NO_MEETING = "no_meeting"
    #: The meeting asked for does not exist (any more): a message.
    UNKNOWN_MEETING = "unknown_meeting"
    #: The database could not be read even once: the reason.
    UNREADABLE = "unreadable"
    NOT_STARTED = "not_started"
    RUNNING = "running"
    ON_BREAK = "on_break"
    ENDED = "ended"


@dataclass(frozen=True, slots=True)
class BeamerSpeakers:
    """The floor: who speaks (with the clock's moments) and the next three in the queue."""

    current: SpeakerInfo | None
    #: At most three, in queue order, each with its public name.
    next: tuple[SpeakerInfo, ...]
    #: How many more wait after those three.
    more_waiting: int
    #: Speaking limit per turn in seconds; 0 means no limit.
    limit_seconds: int
    closed: bool

    def spoken_seconds(self, now: datetime) -> int:
        return self.current.spoken_at(now) if self.current is not None else 0

    def remaining_seconds(self, now: datetime) -> int | None:
        """Countdown of the current turn; None when the item has no limit."""
        return remaining_seconds(self.limit_seconds, self.spoken_seconds(now))

    def overtime_seconds(self, now: datetime) -> int:
        return overtime_seconds(self.limit_seconds, self.spoken_seconds(now))


@dataclass(frozen=True, slots=True)
class BeamerView:
    """Everything the beamer shows, read after a change; public names only."""

    phase: Phase
    #: What is shown of the meeting: the chair's choice, or the default.
    showing: Showing = DEFAULT_SHOWING
    #: Why there is nothing to show (no meeting, an unknown one, unreadable), in words.
    message: str = ""
    meeting: MeetingInfo | None = None
    agenda: AgendaState | None = None
    #: The agenda item shown: the chair's choice, else the running one, else the next.
    item: AgendaItemInfo | None = None
    speakers: BeamerSpeakers | None = None
    #: The vote shown (``Showing.VOTES``) and its place among the votes of the item.
    poll: PollInfo | None = None
    poll_number: int = 0
    poll_count: int = 0
    analysis: AnalysisState | None = None
    #: The room for phones while it is open: its meeting code and address, for the QR code.
    room: RoomInfo | None = None
    #: Set when the last read failed and this is the picture from before, in words.
    problem: str = ""

    @property
    def item_running(self) -> bool:
        return (
            self.item is not None
            and self.agenda is not None
            and self.agenda.running_item_id == self.item.id
        )

    def item_elapsed_seconds(self, now: datetime) -> int:
        """Time spent on the shown item up to ``now``, breaks excluded."""
        if self.item is None or self.agenda is None:
            return 0
        return self.agenda.elapsed_seconds(self.item, now)
