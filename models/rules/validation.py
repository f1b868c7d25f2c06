"""Pure checks on what a user typed, each refusing with one clear message."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time

from models.errors import InvalidInputError
from models.i18n import _

NAME_MAX = 200
TEXT_MAX = 100_000
#: The largest whole number a database column holds (a signed 64-bit integer).
STORED_INT_MAX = 2**63 - 1
#: No amount of money is larger (in cents): a finger on the key, and what a database column holds.
EUROS_CENTS_MAX = 10**13

#: A terminal escape sequence (ANSI colours, cursor moves, window titles, links): pasted from a
#: terminal, it is formatting, not text, so free text loses it whole, not just its ESC.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor, clearing
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: window title, hyperlink (terminated)
    r"|\x1b[@-Z\\-_]"  # other two-character escapes
)
#: A whole number as typed: digits (of any script), an optional sign, nothing else.
_WHOLE_NUMBER = re.compile(r"[+-]?\d+")


def _has_control(text: str, allow_newlines: bool) -> bool:
    for ch in text:
        if allow_newlines and ch in "\n\t":
            continue
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff":
            return True
    return False


def is_blank(text: str) -> bool:
    """Whether ``text`` shows nothing: only spaces and invisible format characters (zero-width
    spaces, byte-order marks, direction marks)."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


def clean_line(value: str, what: str, *, required: bool = True, max_length: int = NAME_MAX) -> str:
    """A single-line text such as a name or title: trimmed, no control characters.

    ``what`` is the already-translated name of the field, used in the message. A text that
    shows nothing (only spaces or zero-width characters) counts as empty.
    """
    text = (value or "").strip()
    if is_blank(text):
        if required:
            raise InvalidInputError(_("{what} cannot be empty.").format(what=what))
        return ""
    if _has_control(text, allow_newlines=False):
        raise InvalidInputError(
            _("{what} contains invisible control characters; please type it again.").format(
                what=what
            )
        )
    if len(text) > max_length:
        raise InvalidInputError(
            _("{what} is too long (at most {n} characters).").format(what=what, n=max_length)
        )
    return text


def clean_text(value: str, *, max_length: int = TEXT_MAX) -> str:
    """Free text such as notes: kept as typed, but characters no document can hold are dropped.

    Terminal escape sequences go whole; CR LF and a lone CR become a newline; other control
    characters (but tab and newline) are dropped.
    """
    text = value or ""
    if "\x1b" in text:
        text = _ESCAPE_SEQUENCE.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        ch
        for ch in text
        if ch in "\n\t"
        or (unicodedata.category(ch) not in ("Cc", "Cs") and ch not in "\ufffe\uffff")
    )
    if len(text) > max_length:
        raise InvalidInputError(
            _("The text is too long (at most {n} characters).").format(n=max_length)
        )
    return text


def whole_number(value: int | str, what: str, *, low: int = 0, high: int | None = None) -> int:
    """A whole number within bounds, from an int or from what was typed."""
    if isinstance(value, bool) or (isinstance(value, float) and not float(value).is_integer()):
        raise InvalidInputError(_("{what} must be a whole number.").format(what=what))
    if isinstance(value, str):
        typed = value.strip()
        # Only digits and a sign: int() would also take "1_000"; a very long number is out of
        # bounds, not "not a number" (int() refuses more than 4300 digits).
        if not _WHOLE_NUMBER.fullmatch(typed):
            raise InvalidInputError(
                _("{what} must be a whole number, not “{typed}”.").format(
                    what=what, typed=typed[:40]
                )
            )
        digits = typed.lstrip("+-").lstrip("0")
        if len(digits) > 30:
            number = -(10**30) if typed.startswith("-") else 10**30
        else:
            number = int(typed)
    else:
        number = int(value)
    if high is None and abs(number) > STORED_INT_MAX:
        # Beyond what a database column holds: refused here, not by the driver (a crash).
        raise InvalidInputError(_("{what} is too large.").format(what=what))
    if number < low or (high is not None and number > high):
        if high is None:
            message = _("{what} must be at least {low}.").format(what=what, low=low)
        else:
            message = _("{what} must be between {low} and {high}.").format(
                what=what, low=low, high=high
            )
        raise InvalidInputError(message)
    return number


def parse_date(value: str) -> date:
    """A date typed as dd-mm-yyyy (Dutch habit) or yyyy-mm-dd."""
    typed = (value or "").strip()
    if not typed:
        raise InvalidInputError(_("Fill in a date, for example 8-12-2026."))
    parts = typed.replace("/", "-").replace(".", "-").split("-")
    try:
        if len(parts) == 3 and len(parts[0]) == 4:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 3:
            return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        pass
    raise InvalidInputError(
        _("“{typed}” is not a valid date; type day-month-year, for example 8-12-2026.").format(
            typed=typed[:40]
        )
    )


def parse_time(value: str) -> time:
    """A wall-clock time typed as 19:30, 19.30 or 1930."""
    typed = (value or "").strip().replace(".", ":")
    if not typed:
        raise InvalidInputError(_("Fill in a time, for example 19:30."))
    if ":" not in typed and typed.isdigit() and len(typed) in (3, 4):
        typed = f"{typed[:-2]}:{typed[-2:]}"
    try:
        hours, minutes = (int(p) for p in typed.split(":"))
        return time(hours, minutes)
    except ValueError:
        raise InvalidInputError(
            _("“{typed}” is not a valid time; type hours:minutes, for example 19:30.").format(
                typed=typed[:40]
            )
        ) from None


def parse_euros(value: str) -> int | None:
    """An amount in euros as typed ("25000", "25.000", "25.000,50", "€ 1.250") into cents."""
    typed = (value or "").strip().replace("€", "").replace(" ", "")
    if not typed:
        return None
    if "," in typed:
        whole, _sep, fraction = typed.rpartition(",")
    else:
        whole, fraction = typed, ""
    whole = whole.replace(".", "")
    if not whole.isdigit() or (fraction and (not fraction.isdigit() or len(fraction) > 2)):
        raise InvalidInputError(
            _("“{typed}” is not an amount in euros; type e.g. 25000 or 25.000,50.").format(
                typed=value.strip()[:40]
            )
        )
    cents = int(whole) * 100 + (int(fraction.ljust(2, "0")) if fraction else 0)
    if cents > EUROS_CENTS_MAX:
        raise InvalidInputError(_("That amount is too large."))
    return cents


def parse_fraction(value: str, what: str) -> tuple[int, int] | None:
    """A fraction typed as "50%", "1/2" or "2/3" (exact, for a quorum); empty gives None."""
    typed = (value or "").strip().replace(" ", "")
    if not typed:
        return None
    try:
        if typed.endswith("%"):
            numerator, denominator = int(typed[:-1]), 100
        elif "/" in typed:
            top, bottom = typed.split("/", 1)
            numerator, denominator = int(top), int(bottom)
        else:
            raise ValueError(typed)
    except ValueError:
        raise InvalidInputError(
            _("{what}: type a percentage such as 50% or a fraction such as 1/2.").format(what=what)
        ) from None
    if denominator <= 0 or not 0 < numerator <= denominator:
        raise InvalidInputError(
            _("{what} must be more than 0 and at most the whole.").format(what=what)
        )
    return numerator, denominator
