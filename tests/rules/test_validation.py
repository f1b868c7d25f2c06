"""Pure input checks: what a user types becomes a value or one clear refusal."""

from __future__ import annotations

from datetime import date, time

import pytest

from models.errors import InvalidInputError
from models.rules.validation import (
    clean_line,
    clean_text,
    parse_date,
    parse_euros,
    parse_time,
    whole_number,
)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("28-11-2026", date(2026, 11, 28)),
        ("2026-11-28", date(2026, 11, 28)),
        ("1/12/2026", date(2026, 12, 1)),
        (" 01.12.2026 ", date(2026, 12, 1)),
    ],
)
def test_dates(typed: str, expected: date) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["31-02-2026", "", "morgen", "12-2026", "2026-13-01"])
def test_impossible_dates_are_refused(typed: str) -> None:
    with pytest.raises(InvalidInputError):
        parse_date(typed)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("19:30", time(19, 30)),
        ("19.30", time(19, 30)),
        ("930", time(9, 30)),
        ("1930", time(19, 30)),
    ],
)
def test_times(typed: str, expected: time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "19:60", "half acht", ""])
def test_bad_times_are_refused(typed: str) -> None:
    with pytest.raises(InvalidInputError):
        parse_time(typed)


@pytest.mark.parametrize(
    "typed, cents",
    [
        ("85000", 8_500_000),
        ("85.000", 8_500_000),
        ("€ 85.000,50", 8_500_050),
        ("1,5", 150),
        ("", None),
    ],
)
def test_euros(typed: str, cents: int | None) -> None:
    assert parse_euros(typed) == cents


@pytest.mark.parametrize("typed", ["-5", "veel", "1,234", "1e9"])
def test_bad_amounts_are_refused(typed: str) -> None:
    with pytest.raises(InvalidInputError):
        parse_euros(typed)


def test_whole_numbers() -> None:
    assert whole_number("12", "x") == 12
    assert whole_number(0, "x") == 0
    for bad in ("-1", "1.5", "tien", True, 601):
        with pytest.raises(InvalidInputError):
            whole_number(bad, "x", high=600)  # type: ignore[arg-type]


def test_lines_and_texts() -> None:
    assert clean_line("  Jan  ", "Naam") == "Jan"
    assert clean_line("", "Naam", required=False) == ""
    assert clean_line("Zoë 👩‍👩‍👧 مرحبا", "Naam") == "Zoë 👩‍👩‍👧 مرحبا"
    with pytest.raises(InvalidInputError):
        clean_line("Jan\x1b[31m", "Naam")
    assert clean_text("regel 1\nregel\x00 2\t!\ufffe") == "regel 1\nregel 2\t!"
