"""The room's QR code drawn with text: one drawing for the chair's room dialog, the beamer and
the terminal of ``baz zaal`` (DESIGN §5a).

segno (pure Python) makes the code. Light modules are drawn as blocks, with a quiet zone of two
modules: on a dark terminal that is the usual dark-on-light code (the screens draw it white on
black whatever the theme), and phone cameras read the inverse too.

- :func:`qr_lines`: half blocks, two rows of modules per line of text — a module is one column
  wide and half a line high, square in a usual terminal font;
- :func:`large_qr_lines`: the same code twice as large (two columns and one line per module),
  for a beamer with room to spare: read from the back of the room.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from segno import QRCode


def _code(data: str) -> QRCode:
    import segno  # only when a room is shown: the beamer and the app start without it

    return segno.make(data, error="m", micro=False)


#: Modules of quiet zone around the code.
BORDER = 2


@lru_cache(maxsize=8)  # the beamer draws the same room at every change
def qr_lines(data: str) -> tuple[str, ...]:
    """``data`` as a QR code in lines of text (quiet zone of two modules included)."""
    out = io.StringIO()
    _code(data).terminal(out=out, compact=True, border=BORDER)
    return tuple(out.getvalue().splitlines())


@lru_cache(maxsize=8)
def large_qr_lines(data: str) -> tuple[str, ...]:
    """``data`` as a QR code twice the size of :func:`qr_lines`: each module two full-block
    columns wide and one line high."""
    return tuple(
        "".join("  " if dark else "██" for dark in row)
        for row in _code(data).matrix_iter(scale=1, border=BORDER)
    )
