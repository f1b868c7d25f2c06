"""The clock of a meeting: pure functions of stored timestamps and an injected ``now``.

Nothing here reads the system clock, the database or the screen. Timers are never counters in
memory: an item's elapsed time is what was stored when earlier periods ended
(``spent_seconds``) plus the current period (from ``resumed_at`` to ``now``), minus the breaks
that overlap it. Quit or kill the app and start it again: the same timestamps and a later
``now`` give exactly the time that passed.

Moments are timezone-aware (UTC from the Store); the meeting's date and wall-clock times are
local and become moments with an explicit ``tz`` (a ``zoneinfo.ZoneInfo``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo


@dataclass(frozen=True, slots=True)
class Break:
    """A pause of the whole meeting; ``ended_at`` is None while it is going on."""

    started_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True, slots=True)
class ItemTiming:
    """What the projection needs of one agenda item, its elapsed time already worked out.

    An item is *running*, *ended* (done, or left for another item) or *to come* (neither).
    """

    planned_minutes: int
    elapsed_seconds: int = 0
    running: bool = False
    ended: bool = False


def _seconds(delta: timedelta) -> int:
    # Whole seconds, rounded down: the Store adds the same whole numbers when a period ends, so
    # a stopped and a running timer never disagree by a fraction.
    return max(0, math.floor(delta.total_seconds()))


def break_seconds_between(breaks: Iterable[Break], start: datetime, end: datetime) -> int:
    """How many seconds of ``[start, end]`` fall within the breaks (a running break ends at ``end``)."""
    if end <= start:
        return 0
    total = timedelta()
    for pause in breaks:
        pause_end = pause.ended_at if pause.ended_at is not None else end
        overlap = min(end, pause_end) - max(start, pause.started_at)
        if overlap > timedelta():
            total += overlap
    return _seconds(total)


def period_seconds(resumed_at: datetime, now: datetime, breaks: Iterable[Break] = ()) -> int:
    """The length of one running period without the breaks in it (never negative)."""
    whole = _seconds(now - resumed_at)
    return max(0, whole - break_seconds_between(breaks, resumed_at, now))


def item_elapsed_seconds(
    spent_seconds: int,
    resumed_at: datetime | None,
    now: datetime,
    breaks: Iterable[Break] = (),
) -> int:
    """Time spent on an item: earlier periods plus the current one, breaks excluded."""
    if resumed_at is None:
        return spent_seconds
    return spent_seconds + period_seconds(resumed_at, now, breaks)


def overrun_seconds(planned_minutes: int, elapsed_seconds: int) -> int:
    """How far an item ran over its planned time, in seconds (0 when within it)."""
    return max(0, elapsed_seconds - planned_minutes * 60)


def remaining_seconds(planned_minutes: int, elapsed_seconds: int) -> int:
    """Planned time left on an item, in seconds (0 once it is used up)."""
    return max(0, planned_minutes * 60 - elapsed_seconds)


def whole_minutes_up(seconds: int) -> int:
    """Seconds as whole minutes, rounded up (61 s is 2 minutes)."""
    return -(-max(0, seconds) // 60)


def format_overrun(seconds: int) -> str:
    """An overrun as "+3 min" (rounded up to whole minutes), or "" when there is none.

    "min" reads the same in Dutch and English, so this needs no translation.
    """
    if seconds <= 0:
        return ""
    return f"+{whole_minutes_up(seconds)} min"


def format_duration(seconds: int) -> str:
    """Elapsed time as a stopwatch shows it: "7:05", or "1:02:05" from an hour on."""
    seconds = max(0, seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def planned_minutes_total(items: Iterable[ItemTiming]) -> int:
    return sum(item.planned_minutes for item in items)


def local_moment(day: date, at: time, tz: tzinfo | None = None) -> datetime:
    """A date and wall-clock time as an aware moment in ``tz`` (None: the laptop's zone)."""
    if tz is None:
        # astimezone() on a naive datetime reads it as local time, DST included.
        return datetime.combine(day, at).astimezone()
    return datetime.combine(day, at, tzinfo=tz)


def planned_end(
    meeting_date: date, start_time: time, planned_minutes_total: int, tz: tzinfo | None = None
) -> datetime:
    """The scheduled start plus all planned minutes, in ``tz`` (it may fall after midnight)."""
    start = local_moment(meeting_date, start_time, tz)
    # Real elapsed time (via UTC), not wall-clock arithmetic, should a DST change fall inside.
    end = start.astimezone(UTC) + timedelta(minutes=planned_minutes_total)
    return end.astimezone(tz) if tz is not None else end.astimezone(start.tzinfo)


def scheduled_end(
    meeting_date: date, start_time: time, scheduled_end_time: time | None, tz: tzinfo | None = None
) -> datetime | None:
    """The scheduled end as a moment; an end time before the start time is after midnight."""
    if scheduled_end_time is None:
        return None
    day = meeting_date + timedelta(days=1) if scheduled_end_time < start_time else meeting_date
    return local_moment(day, scheduled_end_time, tz)


def runs_past_scheduled_end(
    planned_end: datetime,
    meeting_date: date,
    start_time: time,
    scheduled_end_time: time | None,
    tz: tzinfo | None = None,
) -> bool:
    """Whether ``planned_end`` (or a projected end) is later than the scheduled end."""
    end = scheduled_end(meeting_date, start_time, scheduled_end_time, tz)
    return end is not None and planned_end > end


def projected_end(
    now: datetime,
    items: Sequence[ItemTiming],
    on_break: bool = False,
    *,
    not_before: datetime | None = None,
) -> datetime:
    """When the meeting will end if every item from now on keeps to its planned time.

    ``now`` plus what is left of the running item (never less than nothing) plus the planned
    minutes of the items to come; ended items count nothing. ``on_break`` changes nothing in
    the sum: the elapsed times already leave breaks out, so during a break the projection moves
    on with ``now`` (it is accepted so that callers can pass the state as they have it).
    ``not_before`` is the scheduled start, for a meeting that has not begun yet.
    """
    del on_break  # see the docstring
    left = 0
    for item in items:
        if item.running:
            left += remaining_seconds(item.planned_minutes, item.elapsed_seconds)
        elif not item.ended:
            left += item.planned_minutes * 60
    base = now if not_before is None else max(now, not_before)
    return base + timedelta(seconds=left)
