"""How wide a text will be on paper, estimated without the font: for column widths and the
page header.

Word and LibreOffice lay out a table from the widths it is given; a column narrower than its
longest word breaks that word ("vervalle/n"). BaZ measures each column's longest word and
longest line with the advance widths of Arial (Liberation Sans and Helvetica have the same
metrics), in thousandths of an em, and scales them for the house style's font when it names a
wider or narrower one. An estimate that errs on the wide side: a column a little too wide
costs nothing, one too narrow breaks a word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Advance widths of Arial in 1/1000 em (the printable ASCII range).
_ARIAL = dict(
    zip(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
        "abcdefghijklmnopqrstuvwxyz{|}~",
        (
            278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
            556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
            1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
            667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
            333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
            556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
        ),
        strict=True,
    )
)  # fmt: skip
#: Arial Bold is wider: its lower case by about a tenth.
_BOLD = 1.1
#: Punctuation BaZ writes itself that is not ASCII.
_OTHER = {"—": 1000, "–": 556, "…": 1000, "“": 333, "”": 333, "‘": 222, "’": 222, "€": 556}
#: Fonts a house style may use, and how wide they run next to Arial.
FONT_SCALE = {
    "arial": 1.0,
    "helvetica": 1.0,
    "liberation sans": 1.0,
    "arimo": 1.0,
    "calibri": 0.9,
    "carlito": 0.9,
    "cambria": 0.95,
    "times new roman": 0.9,
    "georgia": 1.05,
    "segoe ui": 1.02,
    "tahoma": 1.03,
    "trebuchet ms": 1.02,
    "verdana": 1.18,
    "dejavu sans": 1.12,
}
#: A font BaZ does not know: assume it is a little wider than Arial.
UNKNOWN_FONT = 1.12

_WORDS = re.compile(r"\S+")


def font_scale(font: str | None) -> float:
    """How much wider than Arial ``font`` runs (1.0 for Arial and its look-alikes)."""
    if not font:
        return 1.0
    return FONT_SCALE.get(font.strip().casefold(), UNKNOWN_FONT)


@lru_cache(maxsize=4096)
def _char(ch: str) -> int:
    width = _ARIAL.get(ch) or _OTHER.get(ch)
    if width is not None:
        return width
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F") or ord(ch) >= 0x1F000:
        return 1000
    base = unicodedata.normalize("NFD", ch)[:1]
    if base in _ARIAL:
        return _ARIAL[base]  # é as e, Ö as O
    return 611 if ch.isupper() else 556


def text_points(text: str, size: float, *, bold: bool = False, scale: float = 1.0) -> float:
    """The width of ``text`` on one line, in points, at ``size`` points."""
    em = sum(_char(ch) for ch in text)
    return em * size / 1000 * (_BOLD if bold else 1.0) * scale


def longest_word_points(text: str, size: float, *, bold: bool = False, scale: float = 1.0) -> float:
    """The width of the longest word of ``text`` (what a column must hold without breaking)."""
    return max(
        (text_points(w, size, bold=bold, scale=scale) for w in _WORDS.findall(text)), default=0.0
    )


def longest_line_points(text: str, size: float, *, bold: bool = False, scale: float = 1.0) -> float:
    """The width of ``text`` unwrapped: its longest line."""
    return max(
        (text_points(line, size, bold=bold, scale=scale) for line in text.split("\n")),
        default=0.0,
    )


def shorten_to(text: str, points: float, size: float, *, scale: float = 1.0) -> str:
    """``text`` cut at the end with "…" so it fits in ``points`` (whole when it fits)."""
    if text_points(text, size, scale=scale) <= points:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest start that fits with the ellipsis
        middle = (low + high + 1) // 2
        if text_points(text[:middle].rstrip() + "…", size, scale=scale) <= points:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def column_widths(minimum: list[float], natural: list[float], available: float) -> list[float]:
    """Widths for columns that need at least ``minimum`` and would like ``natural`` (their
    longest line), filling ``available`` (much as a browser lays out an automatic table).

    Everything fits: each column gets its natural width and the rest in proportion. Not
    everything fits: the short columns (a number, a name, a date, a status) stay on one line
    when the long ones keep room for their longest words, and the long text columns share
    what is left in proportion to how much more they would like; when that does not work
    either, every column gets its minimum and the rest in proportion. Even the minimum does
    not fit (a word wider than the page): the minimums shrunk to the page, and that word will
    break.
    """
    natural = [max(n, m) for n, m in zip(natural, minimum, strict=True)]
    total_natural = sum(natural)
    if total_natural <= available:
        if total_natural <= 0:
            return [available / len(natural)] * len(natural)
        return [n * available / total_natural for n in natural]
    total_minimum = sum(minimum)
    if total_minimum > available:
        return [m * available / total_minimum for m in minimum]
    short = [n <= SHORT_COLUMN * available for n in natural]
    fixed = sum(n for n, s in zip(natural, short, strict=True) if s)
    rest = sum(m for m, s in zip(minimum, short, strict=True) if not s)
    if any(short) and not all(short) and fixed + rest <= available:
        wish = [0.0 if s else n - m for n, m, s in zip(natural, minimum, short, strict=True)]
        spare = available - fixed - rest
        return [
            n if s else m + spare * w / (sum(wish) or 1.0)
            for n, m, s, w in zip(natural, minimum, short, wish, strict=True)
        ]
    wish = [n - m for n, m in zip(natural, minimum, strict=True)]
    spare = available - total_minimum
    return [m + spare * w / sum(wish) for m, w in zip(minimum, wish, strict=True)]


#: A column whose longest line takes at most this share of the page counts as short.
SHORT_COLUMN = 0.22
