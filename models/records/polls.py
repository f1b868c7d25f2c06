"""Plain, immutable data about votes that the Store hands out.

Like ``models.records.meeting``: no session, no table object; importing it does not load SQLModel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models.domain import Ballot, PollMethod, PollStatus, Threshold, VoteBase
from models.rules.votes import PollResult, RuleProfile


@dataclass(frozen=True, slots=True)
class PollOptionInfo:
    """One option with its count per channel: in the room, digitally in advance, by phone."""

    id: int
    #: 0-based order; for/against/abstain are always positions 0, 1 and 2.
    position: int
    label: str
    room: int
    digital: int
    #: Votes cast from phones in the room (DESIGN §5a), counted by the Store.
    phone: int = 0

    @property
    def total(self) -> int:
        return self.room + self.digital + self.phone


@dataclass(frozen=True, slots=True)
class PollInfo:
    """A poll as the screen, the beamer and the minutes show it.

    While the poll is open, ``result``, ``rule_text``, ``result_text`` and
    ``suggested_decision`` follow the current counts; once declared the counts are locked and
    ``result_text`` is the sentence stored at that moment.
    """

    id: int
    agenda_item_id: int
    question: str
    method: PollMethod
    #: The named rule that matches base, threshold and percent (``RuleProfile.EIGEN`` if none).
    profile: RuleProfile
    base: VoteBase
    threshold: Threshold
    threshold_percent: int | None
    quorum_numerator: int | None
    quorum_denominator: int | None
    eligible_count: int | None
    #: Present eligible voters, frozen when the poll opened.
    present_count: int
    dots_per_participant: int | None
    status: PollStatus
    options: tuple[PollOptionInfo, ...]
    rule_text: str
    result_text: str
    suggested_decision: str
    result: PollResult
    previous_poll_id: int | None
    source_card_id: int | None
    digital_source: str
    opened_at: datetime
    declared_at: datetime | None
    #: The besluit recorded when the poll was declared, if any.
    decision_id: int | None
    #: Its number as written: "B-2026-07"; None without a decision.
    decision_label: str | None = None
    #: Declared, and ``result`` is the result as it was declared (its facts were kept); False
    #: while open and for a vote declared before BaZ kept them (recounted from its counts).
    facts_kept: bool = False
    #: Who may vote from a phone: anyone with the meeting code, or only with a voting card.
    ballot: Ballot = Ballot.OPEN

    @property
    def is_open(self) -> bool:
        return self.status == PollStatus.OPEN

    @property
    def is_prepared(self) -> bool:
        """Prepared and not opened yet: no room count, no result (DESIGN §4.2)."""
        return self.status == PollStatus.VOORBEREID

    @property
    def is_declared(self) -> bool:
        return self.status == PollStatus.VASTGESTELD

    @property
    def profile_label(self) -> str:
        """The translated name of the rule: "gewone meerderheid", "eigen regel", ..."""
        return self.profile.label()

    @property
    def quorum(self) -> tuple[int, int] | None:
        if self.quorum_numerator is None or self.quorum_denominator is None:
            return None
        return (self.quorum_numerator, self.quorum_denominator)

    @property
    def room_total(self) -> int:
        """Votes (or dots) counted in the room, all options together."""
        return sum(o.room for o in self.options)

    @property
    def digital_total(self) -> int:
        return sum(o.digital for o in self.options)

    @property
    def phone_total(self) -> int:
        """Votes cast from phones in the room, all options together."""
        return sum(o.phone for o in self.options)

    @property
    def total(self) -> int:
        return self.room_total + self.digital_total + self.phone_total

    @property
    def has_phone_votes(self) -> bool:
        return self.phone_total > 0

    @property
    def room_limit(self) -> int:
        """The most votes the room can hold, by hand and by phone together: one per present
        voter (N dots each for stippen)."""
        if self.method == PollMethod.STIPPEN:
            return self.present_count * (self.dots_per_participant or 0)
        return self.present_count
