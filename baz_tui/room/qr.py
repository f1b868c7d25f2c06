"""The room's QR code, drawn with text: for the terminal of ``baz zaal`` (and the beamer).

segno (pure Python) makes the code; it is drawn with half blocks, two rows of modules per line
of text, light modules as blocks: on a dark terminal that is the usual dark-on-light code, and
phone cameras read the inverse too.
"""

from __future__ import annotations

import io

import segno


def qr_lines(data: str) -> list[str]:
    """``data`` as a QR code in lines of text (quiet zone of two modules included)."""
    code = segno.make(data, error="m", micro=False)
    out = io.StringIO()
    code.terminal(out=out, compact=True, border=2)
    return out.getvalue().splitlines()
