"""The one sanitiser for text that reaches a terminal: the command line's output and the app's.

A file hands BaZ whatever bytes it holds: a CSV cell, the header of a list, the ``version`` of a
meeting file, a file name. Printed as they are, an escape sequence in them clears the screen,
sets the window title, fills the clipboard or hides a link (OSC 8); a carriage return hides
the start of a warning; a C1 byte is an escape on some terminals; a bidi override turns the rest
of the line around. Markup is not the only danger.

:func:`printable` makes such text harmless and keeps it readable: control characters are shown
as their visible pictures (ESC as ␛, so "␛]0;title␇" shows what the file tried), C1 controls as
their code, bidi embeddings, overrides and isolates are removed, and a lone surrogate (which
cannot even be written as UTF-8) becomes �. Everything else — any script, emoji, combining
marks, direction *marks* (LRM, RLM) — stays exactly as it is. ``visible=False`` removes what it
would show instead: that is for text whose width was already counted (the app's last line of
defence, just before a drawn line goes to the terminal), where a picture would widen the line.

The command line passes all it prints through it (``baz_tui.cli``), and the app both the texts
it builds from files and errors (the status line, dialogs, notifications) and, finally, every
line it draws (``baz_tui.textual_guards``).
"""

from __future__ import annotations

#: Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): they turn
#: the order of what follows around on a terminal that does bidi, and hide what text says.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Line and paragraph separators: some terminals move to a new line on them.
_SEPARATORS = "\u2028\u2029"


def _table(visible: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0x20):
        if chr(code) in "\n\t":
            continue
        # U+2400 + code is the picture of each C0 control: ␀ ␇ ␈ ␍ ␛ …
        table[code] = chr(0x2400 + code) if visible else None
    table[0x7F] = "\u2421" if visible else None  # ␡
    for code in range(0x80, 0xA0):
        table[code] = f"<{code:02X}>" if visible else None
    for char in BIDI_CONTROLS:
        table[ord(char)] = None
    for char in _SEPARATORS:
        table[ord(char)] = " " if visible else None
    for code in range(0xD800, 0xE000):
        table[code] = "\ufffd"  # same width as a character: fine in both modes
    return table


_VISIBLE = _table(True)
_REMOVED = _table(False)
_REMOVED[ord("\n")] = None
_REMOVED[ord("\t")] = None


def printable(text: str, *, visible: bool = True) -> str:
    """``text`` without anything a terminal would obey: safe to print or draw.

    Newlines and tabs stay (``visible=False`` removes them too: a drawn line has none).
    """
    if text.isprintable():
        # The common case, answered in C: no control, no format character, no separator.
        return text
    return text.translate(_VISIBLE if visible else _REMOVED)


def is_printable(text: str) -> bool:
    """Whether :func:`printable` leaves ``text`` as it is."""
    return printable(text) == text
