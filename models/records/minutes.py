"""Plain, immutable data of decisions, action points and the whole minutes.

Like ``models.records.meeting``: no session, no table objects, and importing this module does not
load SQLModel. :class:`Minutes` is everything the preview and the Word document show, already named
the way the chosen version (internal or public) names people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date, datetime, time

from models.domain import ActionStatus, CardKind, MinutesStatus, Presence, Purpose, Role
from models.records.meeting import ProcessInfo
from models.rules.attendance import AttendanceCounts
from models.rules.votes import PollResult


@dataclass(frozen=True, slots=True)
class DecisionInfo:
    """One besluit with its number and where it was taken."""

    id: int
    meeting_id: int
    #: The date of the meeting that took it (the process list spans meetings).
    meeting_date: date
    agenda_item_id: int | None
    #: The agenda item's shown number and title; None and "" when not tied to an item.
    item_number: int | None
    item_title: str
    poll_id: int | None
    year: int
    number: int
    #: As people say and write it: "B-2026-07".
    label: str
    text: str
    created_at: datetime | None
    #: In the minutes: the result of the vote it was declared from, as they word it
    #: ("Aangenomen met 12 stemmen voor, …"); "" without a vote (and from the Store).
    result: str = ""


@dataclass(frozen=True, slots=True)
class ActionInfo:
    """One actiepunt as a meeting's actielijst shows it."""

    id: int
    #: The meeting that made it, with its date and title.
    meeting_id: int
    meeting_date: date
    meeting_title: str
    agenda_item_id: int | None
    item_number: int | None
    item_title: str
    source_card_id: int | None
    what: str
    who: str
    due: date | None
    #: The status as the meeting asked about records it: an action closed at a later meeting
    #: still shows as open in the minutes of an earlier one.
    status: ActionStatus
    #: The meeting in which it was marked done or dropped; None while open.
    status_meeting_id: int | None
    status_changed_at: datetime | None
    created_at: datetime | None
    #: Made in an earlier meeting of the process and brought to the meeting asked about.
    carried_over: bool
    #: Numbered per process and year, like decisions; None only for data BaZ did not number.
    year: int | None = None
    number: int | None = None
    #: As people say and write it: "A-2026-03" ("" without a number).
    label: str = ""

    @property
    def open(self) -> bool:
        return self.status == ActionStatus.OPEN


# ----------------------------------------------------------------------- the minutes


@dataclass(frozen=True, slots=True)
class PersonLine:
    """An attendee as the minutes name them."""

    attendee_id: int
    name: str
    role: Role
    presence: Presence


@dataclass(frozen=True, slots=True)
class AttendanceMinutes:
    counts: AttendanceCounts
    #: In the order of the attendee list; names follow the version (internal or public).
    present: tuple[PersonLine, ...]
    absent_with_notice: tuple[PersonLine, ...]


@dataclass(frozen=True, slots=True)
class CardNode:
    """A card of the problem analysis with the cards of the same tree under it."""

    kind: CardKind
    text: str
    #: The author as the version names them; "" when anonymous.
    author: str
    dots: int
    children: tuple[CardNode, ...]


@dataclass(frozen=True, slots=True)
class RankedIdeaLine:
    rank: int
    text: str
    author: str
    dots: int


@dataclass(frozen=True, slots=True)
class AnalysisMinutes:
    core: CardNode | None
    causes: tuple[CardNode, ...]
    effects: tuple[CardNode, ...]
    #: Most dots first; equal dots share a rank.
    ideas: tuple[RankedIdeaLine, ...]

    @property
    def empty(self) -> bool:
        return self.core is None and not self.causes and not self.effects and not self.ideas


@dataclass(frozen=True, slots=True)
class VoteRow:
    """One row of a vote table: a channel (or the total) and its count per option."""

    label: str
    counts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PollMinutes:
    question: str
    method: str
    options: tuple[str, ...]
    #: "In de zaal", "digitaal vooraf" (when there were digital votes), "telefoon" (when
    #: phones voted) and "totaal".
    rows: tuple[VoteRow, ...]
    rule_text: str
    result_text: str
    declared: bool
    declared_at: datetime | None
    #: Where the digital votes came from ("" when none were counted).
    digital_source: str
    #: The declared result, its options named for this version; None while open, and for a
    #: vote declared before BaZ kept the facts of a result (``result_text`` is its sentence).
    result: PollResult | None = None
    #: The votes per channel in one sentence, the channels named ("in de zaal 12, digitaal
    #: vooraf 3, telefoon 9"); "" when no phone voted (the table says it then).
    channels_text: str = ""


@dataclass(frozen=True, slots=True)
class ItemMinutes:
    """Everything recorded on one agenda item."""

    id: int
    number: int
    title: str
    purpose: Purpose
    hamerstuk: bool
    hamered: bool
    notes: str
    analysis: AnalysisMinutes | None
    polls: tuple[PollMinutes, ...]
    decisions: tuple[DecisionInfo, ...]
    actions: tuple[ActionInfo, ...]
    #: The first item: when the chair opened the meeting; the last: when it closed (local).
    meeting_opened: time | None = None
    meeting_closed: time | None = None
    #: The meeting closed before this item came: never started, not gavelled through.
    not_dealt_with: bool = False

    @property
    def empty(self) -> bool:
        return (
            not self.notes.strip()
            and self.analysis is None
            and not self.polls
            and not self.decisions
            and not self.actions
            and not self.hamered
        )


@dataclass(frozen=True, slots=True)
class SpeakerLine:
    name: str
    #: None for the row of anonymous residents.
    role: Role | None
    turns: int
    seconds: int
    #: Shown by name in the public version (consent to be named).
    named: bool = True
    #: The public version's line of the others, summed ("Andere bewoners").
    summed: bool = False


@dataclass(frozen=True, slots=True)
class SpeakingMinutes:
    people: tuple[SpeakerLine, ...]
    turns: int
    total_seconds: int
    resident_percent: int
    professional_percent: int


@dataclass(frozen=True, slots=True)
class NextMeeting:
    """The next meeting of the process, as the end of the minutes announces it."""

    title: str
    date: date
    start_time: time
    location: str


@dataclass(frozen=True, slots=True)
class Minutes:
    """The whole minutes of one meeting, named for one version (internal or public)."""

    meeting_id: int
    public: bool
    title: str
    date: date
    start_time: time
    #: The actual end when the meeting was closed, else the scheduled end (or None).
    end_time: time | None
    location: str
    chair: str
    note_taker: str
    minutes_status: MinutesStatus
    # dt.date: inside this class, "date" names the field above.
    minutes_approved_on: dt.date | None
    process: ProcessInfo | None
    attendance: AttendanceMinutes
    items: tuple[ItemMinutes, ...]
    #: The besluitenlijst: this meeting's decisions, by number.
    decisions: tuple[DecisionInfo, ...]
    #: The actiepuntenlijst: carried over from earlier meetings, then this meeting's own.
    actions: tuple[ActionInfo, ...]
    #: None when no one spoke (or the statistics were left out).
    speaking: SpeakingMinutes | None
    #: The next meeting of the process, if one is planned after this one.
    next_meeting: NextMeeting | None = None
    #: Who to ask about the minutes or the process ("" when the process names nobody).
    contact: str = ""
