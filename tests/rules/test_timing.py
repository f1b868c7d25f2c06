"""The clock of a meeting: pure functions of timestamps and an injected now."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from models.rules import timing
from models.rules.timing import Break, ItemTiming

AMS = ZoneInfo("Europe/Amsterdam")
T0 = datetime(2026, 12, 1, 18, 30, tzinfo=UTC)  # 19:30 in Amsterdam


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


# ------------------------------------------------------------------ elapsed


@pytest.mark.parametrize(
    "spent, resumed, now, breaks, expected",
    [
        pytest.param(0, None, at(10), [], 0, id="never started"),
        pytest.param(300, None, at(10), [], 300, id="stopped: only what was stored"),
        pytest.param(0, at(0), at(7), [], 420, id="running 7 min"),
        pytest.param(0, at(0), at(7.5), [], 450, id="seconds count"),
        pytest.param(0, at(0), at(20), [Break(at(5), at(15))], 600, id="break excluded"),
        pytest.param(0, at(0), at(20), [Break(at(-10), at(-5))], 1200, id="break before"),
        pytest.param(0, at(10), at(20), [Break(at(5), at(15))], 300, id="break overlaps start"),
        pytest.param(0, at(0), at(12), [Break(at(10), None)], 600, id="break in progress"),
        pytest.param(0, at(0), at(12), [Break(at(1), at(2)), Break(at(4), at(6))], 540, id="two"),
        pytest.param(240, at(30), at(33), [], 420, id="resumed after going back"),
        pytest.param(0, at(5), at(2), [], 0, id="clock behind: never negative"),
    ],
)
def test_item_elapsed_seconds(
    spent: int, resumed: datetime | None, now: datetime, breaks: list[Break], expected: int
) -> None:
    assert timing.item_elapsed_seconds(spent, resumed, now, breaks) == expected


def test_break_seconds_between_counts_only_the_overlap() -> None:
    breaks = [Break(at(0), at(10)), Break(at(20), None)]
    assert timing.break_seconds_between(breaks, at(5), at(25)) == 10 * 60
    assert timing.break_seconds_between(breaks, at(11), at(19)) == 0
    assert timing.break_seconds_between(breaks, at(5), at(5)) == 0


# ------------------------------------------------------------------ overrun


@pytest.mark.parametrize(
    "planned, elapsed, overrun, shown",
    [
        (10, 0, 0, ""),
        (10, 600, 0, ""),
        (10, 601, 1, "+1 min"),
        (10, 660, 60, "+1 min"),
        (10, 661, 61, "+2 min"),
        (10, 780, 180, "+3 min"),
        (0, 30, 30, "+1 min"),
    ],
)
def test_overrun_is_rounded_up_to_whole_minutes(
    planned: int, elapsed: int, overrun: int, shown: str
) -> None:
    assert timing.overrun_seconds(planned, elapsed) == overrun
    assert timing.format_overrun(overrun) == shown


def test_remaining_and_duration() -> None:
    assert timing.remaining_seconds(10, 200) == 400
    assert timing.remaining_seconds(10, 900) == 0
    assert timing.format_duration(425) == "7:05"
    assert timing.format_duration(3725) == "1:02:05"
    assert timing.format_duration(0) == "0:00"


# ------------------------------------------------------------------ planned end


def test_planned_end_and_the_scheduled_end() -> None:
    end = timing.planned_end(date(2026, 12, 1), time(19, 30), 115, AMS)
    assert end == datetime(2026, 12, 1, 21, 25, tzinfo=AMS)
    assert not timing.runs_past_scheduled_end(
        end, date(2026, 12, 1), time(19, 30), time(21, 30), AMS
    )
    later = timing.planned_end(date(2026, 12, 1), time(19, 30), 125, AMS)
    assert timing.runs_past_scheduled_end(later, date(2026, 12, 1), time(19, 30), time(21, 30), AMS)
    assert not timing.runs_past_scheduled_end(later, date(2026, 12, 1), time(19, 30), None, AMS)


def test_a_meeting_across_midnight() -> None:
    day = date(2026, 12, 31)
    end = timing.planned_end(day, time(23, 30), 60, AMS)
    assert end == datetime(2027, 1, 1, 0, 30, tzinfo=AMS)
    assert timing.scheduled_end(day, time(23, 30), time(0, 15), AMS) == datetime(
        2027, 1, 1, 0, 15, tzinfo=AMS
    )
    # 00:15 is after midnight, so it comes before the planned 00:30: a warning.
    assert timing.runs_past_scheduled_end(end, day, time(23, 30), time(0, 15), AMS)
    assert not timing.runs_past_scheduled_end(end, day, time(23, 30), time(0, 45), AMS)


# ------------------------------------------------------------------ projected end

PLAN = [10, 20, 30]


def test_projected_end_before_the_meeting() -> None:
    items = [ItemTiming(m) for m in PLAN]
    assert timing.projected_end(at(-60), items) == at(0)  # now + 60 planned minutes
    # Not begun yet: it cannot end before the scheduled start plus the plan.
    assert timing.projected_end(at(-60), items, not_before=at(0)) == at(60)
    assert timing.projected_end(at(5), items, not_before=at(0)) == at(65)


def test_projected_end_while_an_item_runs() -> None:
    def items(elapsed: int) -> list[ItemTiming]:
        return [
            ItemTiming(10, 600, ended=True),
            ItemTiming(20, elapsed, running=True),
            ItemTiming(30),
        ]

    # 5 minutes into the 20-minute item: 15 left plus 30 to come.
    assert timing.projected_end(at(15), items(300)) == at(60)
    # Overrunning: the running item counts nothing more, the rest still counts.
    assert timing.projected_end(at(40), items(1800)) == at(70)


def test_projected_end_during_a_break_moves_with_the_clock() -> None:
    breaks = [Break(at(5), None)]

    def items(now: datetime) -> list[ItemTiming]:
        elapsed = timing.item_elapsed_seconds(0, at(0), now, breaks)
        return [ItemTiming(10, elapsed, running=True), ItemTiming(30)]

    assert timing.projected_end(at(5), items(at(5)), True) == at(40)
    assert timing.projected_end(at(15), items(at(15)), True) == at(50)  # 10 minutes of break


def test_projected_end_after_the_last_item() -> None:
    items = [ItemTiming(m, m * 60, ended=True) for m in PLAN]
    assert timing.projected_end(at(62), items) == at(62)


def test_an_item_left_for_an_earlier_one_counts_as_ended() -> None:
    items = [
        ItemTiming(10, 600, running=True),
        ItemTiming(20, 300, ended=True),
        ItemTiming(30),
    ]
    assert timing.projected_end(at(30), items) == at(60)


def test_without_a_time_zone_the_laptops_zone_is_used() -> None:
    # conftest sets TZ=Europe/Amsterdam.
    end = timing.planned_end(date(2026, 12, 1), time(19, 30), 60)
    assert end == datetime(2026, 12, 1, 19, 30, tzinfo=UTC)
    assert timing.runs_past_scheduled_end(end, date(2026, 12, 1), time(19, 30), time(20, 15))
