"""Choosing and installing the UI language, and formatting dates, times and numbers with Babel.

Dutch is the default, English the second language. The language must be installed before any
screen module is imported, because Textual evaluates binding descriptions when a class body runs.
Babel is imported only when something is formatted (its locale data costs start-up time).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from datetime import date, datetime, time
from pathlib import Path

from models import i18n as catalogue

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "baz"
SUPPORTED = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

_BABEL_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def choose_language(
    requested: str | None, saved: str | None, environ: Mapping[str, str] | None = None
) -> str:
    """The language to use: ``--lang``, then the saved setting, then the environment, then Dutch."""
    for candidate in (requested, saved):
        if candidate in SUPPORTED:
            return candidate  # type: ignore[return-value]
    env = os.environ if environ is None else environ
    for variable in ("BAZ_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        for part in value.split(":"):
            code = part.split("_")[0].split(".")[0].lower()
            if code in SUPPORTED:
                return code
    return DEFAULT_LANGUAGE


def install_language(language: str) -> None:
    """Make ``language`` the language of every message from now on."""
    if language not in SUPPORTED:
        raise ValueError(f"unsupported language {language!r}")
    if language == "en":
        # The source texts are English: no catalogue needed.
        translations: gettext.NullTranslations = gettext.NullTranslations()
    else:
        translations = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
    catalogue.install(translations, language)


def current_language() -> str:
    return catalogue.current_language()


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
        return format_currency(cents // 100, "EUR", format="¤ #,##0", locale=_locale(),
                               currency_digits=False)
    return format_currency(cents / 100, "EUR", locale=_locale())
