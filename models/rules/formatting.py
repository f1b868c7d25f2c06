"""Dates, times, numbers and amounts as people read them, in the active language (Babel).

Babel is imported inside each function: its locale data costs start-up time, and the first
frame of the app does not need it.
"""

from __future__ import annotations

from datetime import date, datetime, time

from models import i18n as catalogue

_BABEL_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def _locale() -> str:
    return _BABEL_LOCALES.get(catalogue.current_language(), "nl_NL")


def format_date(value: date, style: str = "long") -> str:
    """A calendar date as people write it: "28 november 2026" (long) or "28-11-2026" (short)."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=style, locale=_locale())


def format_weekday_date(value: date) -> str:
    """A date with its weekday: "dinsdag 1 december 2026"."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format="EEEE d MMMM y", locale=_locale())


def format_time(value: time | datetime) -> str:
    """A wall-clock time, "19:30"; moments in UTC are shown in local time."""
    if isinstance(value, datetime):
        value = to_local(value).time()
    return f"{value.hour:02d}:{value.minute:02d}"


def to_local(moment: datetime) -> datetime:
    """A stored UTC moment in the laptop's local time zone."""
    return moment.astimezone()


def format_number(value: int) -> str:
    """A whole number with the grouping of the language: 1.250 (nl), 1,250 (en)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_locale())


def format_euros(cents: int) -> str:
    """An amount in euros: "€ 25.000" when whole, "€ 25.000,50" otherwise."""
    from babel.numbers import format_currency

    if cents % 100 == 0:
        return format_currency(
            cents // 100, "EUR", format="¤ #,##0", locale=_locale(), currency_digits=False
        )
    return format_currency(cents / 100, "EUR", locale=_locale())
