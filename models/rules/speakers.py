"""The rules of the speaker list (design §4.1, S1–S9): pure functions, no database, no screen.

The Store reads the entries of an item, turns the waiting ones into :class:`QueueEntry` values,
asks these functions where a new entry goes and whether it may join, and stores the outcome.
Times are worked out from stored timestamps and an injected ``now`` (like ``models.rules.timing``),
so a restart continues a running speaker with exactly the time that passed.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from models.domain import OrderPolicy, Role, SpeakerKind, is_professional
from models.errors import InvalidInputError
from models.i18n import _
from models.rules.timing import format_duration

# ------------------------------------------------------------------------------ the queue


@dataclass(frozen=True, slots=True)
class QueueEntry:
    """A waiting entry as the ordering rules see it."""

    entry_id: int
    #: The attendee id; None is an anonymous resident, who is always somebody else.
    person_key: int | None
    kind: SpeakerKind
    #: Whether this person already had a normal turn on this item (current turn included).
    has_spoken_on_item: bool


def _first_normal(queue: Sequence[QueueEntry], *, spoken_only: bool = False) -> int | None:
    for index, entry in enumerate(queue):
        if entry.kind == SpeakerKind.NORMAAL and (entry.has_spoken_on_item or not spoken_only):
            return index
    return None


def insertion_index(
    queue: Sequence[QueueEntry],
    new: QueueEntry,
    policy: OrderPolicy = OrderPolicy.EERST_NIEUWE_SPREKERS,
) -> int:
    """Where ``new`` goes in the waiting ``queue`` (0 is next to speak): S1, S2 and S3.

    S3: a point of order goes before the first waiting normal entry, so after the points of
    order already waiting (first come, first served among themselves). S1: a normal entry goes
    to the end. S2 (policy "new speakers first"): someone who has not spoken on this item yet
    goes before the first waiting normal entry of someone who has.
    """
    if new.kind == SpeakerKind.PUNT_VAN_ORDE:
        first = _first_normal(queue)
        return len(queue) if first is None else first
    if OrderPolicy(policy) == OrderPolicy.EERST_NIEUWE_SPREKERS and not new.has_spoken_on_item:
        first = _first_normal(queue, spoken_only=True)
        if first is not None:
            return first
    return len(queue)


def check_can_join(
    queue: Sequence[QueueEntry], new: QueueEntry, closed: bool, *, name: str = ""
) -> None:
    """Refuse ``new`` when it breaks S4 (waiting twice alike) or S5 (closed list).

    ``name`` only makes the message clearer; anonymous residents are always allowed (S4).
    """
    if closed and new.kind == SpeakerKind.NORMAAL:
        raise InvalidInputError(
            _("The speaker list is closed; only a point of order can still be added.")
        )
    if new.person_key is None:
        return
    for entry in queue:
        if entry.person_key == new.person_key and entry.kind == new.kind:
            who = name or _("This person")
            if new.kind == SpeakerKind.PUNT_VAN_ORDE:
                message = _("{name} is already waiting with a point of order.")
            else:
                message = _("{name} is already on the speaker list.")
            raise InvalidInputError(message.format(name=who))


def position_reason(
    entry: QueueEntry,
    queue: Sequence[QueueEntry] = (),
    policy: OrderPolicy = OrderPolicy.EERST_NIEUWE_SPREKERS,
) -> str:
    """Why ``entry`` stands where it stands, in a few words for the chair and the room."""
    del queue  # the reason follows from the entry and the policy; kept for callers' symmetry
    if entry.kind == SpeakerKind.PUNT_VAN_ORDE:
        return _("point of order")
    if OrderPolicy(policy) == OrderPolicy.EERST_NIEUWE_SPREKERS and not entry.has_spoken_on_item:
        return _("has not spoken yet")
    return _("in order of request")


# ----------------------------------------------------------------------------------- time


def _whole_seconds(start: datetime, end: datetime) -> int:
    # Rounded down, like models.rules.timing: a stopped and a running timer never differ by a
    # fraction.
    return max(0, math.floor((end - start).total_seconds()))


def spoken_seconds(
    started_at: datetime,
    ended_at_or_now: datetime,
    paused_seconds: int = 0,
    paused_at: datetime | None = None,
) -> int:
    """Speaking time of one turn: from start to end (or now), minus every pause (S7).

    ``paused_seconds`` holds the finished pauses; a pause in progress (``paused_at``) counts up
    to ``ended_at_or_now``.
    """
    paused = paused_seconds
    if paused_at is not None:
        paused += _whole_seconds(paused_at, ended_at_or_now)
    return max(0, _whole_seconds(started_at, ended_at_or_now) - paused)


def remaining_seconds(limit_seconds: int, spoken: int) -> int | None:
    """Time left of the speaking limit (0 once it is used up); None when there is no limit."""
    if limit_seconds <= 0:
        return None
    return max(0, limit_seconds - spoken)


def overtime_seconds(limit_seconds: int, spoken: int) -> int:
    """How far a turn ran over the limit (0 without a limit or within it)."""
    if limit_seconds <= 0:
        return 0
    return max(0, spoken - limit_seconds)


def format_clock(seconds: int) -> str:
    """A speaking clock: "2:41" (from an hour on "1:02:05")."""
    return format_duration(seconds)


def format_overtime(seconds: int) -> str:
    """Overtime as "+0:27"; "" when there is none."""
    if seconds <= 0:
        return ""
    return "+" + format_duration(seconds)


# ----------------------------------------------------------------------------- statistics


@dataclass(frozen=True, slots=True)
class Turn:
    """One turn (finished or running) as the statistics see it."""

    #: Who spoke: turns with equal keys belong to one person (the Store chooses the keys).
    key: Hashable
    name: str
    #: None for an anonymous resident.
    attendee_id: int | None
    #: None for an anonymous resident, who counts as a resident.
    role: Role | None
    seconds: int
    #: How many turns this stands for (the Store sums finished turns per person in SQL).
    count: int = 1


@dataclass(frozen=True, slots=True)
class PersonStats:
    attendee_id: int | None
    name: str
    role: Role | None
    turns: int
    seconds: int

    @property
    def professional(self) -> bool:
        return self.role is not None and is_professional(self.role)


@dataclass(frozen=True, slots=True)
class SpeakingStats:
    """Turns and time per person, and the balance residents versus professionals (S8).

    Professionals are the roles of ``models.domain.PROFESSIONAL_ROLES``; everybody else
    (residents, anonymous residents, chair, note-taker, guests) is on the residents' side.
    """

    #: Most speaking time first.
    people: tuple[PersonStats, ...]
    turns: int
    total_seconds: int
    resident_seconds: int
    professional_seconds: int
    #: Whole percentages of ``total_seconds`` that add up to 100 (both 0 without any time).
    resident_percent: int
    professional_percent: int


def speaking_stats(turns: Iterable[Turn]) -> SpeakingStats:
    """Sum ``turns`` per person and per side of the balance."""
    grouped: dict[Hashable, list[Turn]] = {}
    for turn in turns:
        grouped.setdefault(turn.key, []).append(turn)
    people = [
        PersonStats(
            attendee_id=group[0].attendee_id,
            name=group[0].name,
            role=group[0].role,
            turns=sum(t.count for t in group),
            seconds=sum(t.seconds for t in group),
        )
        for group in grouped.values()
    ]
    people.sort(key=lambda p: (-p.seconds, -p.turns, p.name.casefold()))
    total = sum(p.seconds for p in people)
    professional = sum(p.seconds for p in people if p.professional)
    resident = total - professional
    if total:
        # Rounded half up, in integers; the other side takes the rest, so the two make 100.
        resident_percent = (200 * resident + total) // (2 * total)
        professional_percent = 100 - resident_percent
    else:
        resident_percent = professional_percent = 0
    return SpeakingStats(
        people=tuple(people),
        turns=sum(p.turns for p in people),
        total_seconds=total,
        resident_seconds=resident,
        professional_seconds=professional,
        resident_percent=resident_percent,
        professional_percent=professional_percent,
    )
