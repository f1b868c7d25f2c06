"""A QR code drawn with text (``models.rules.qr``): the room's, in the chair's dialog and on the
beamer. One widget, so both draw it alike — white on black whatever the theme."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from screens.widgets.quiet import show


class QrCode(Static):
    """Lines of a QR code (light modules as blocks), white on black."""

    DEFAULT_CSS = """
    QrCode {
        width: auto;
        height: auto;
        /* The light modules are the blocks: white on black whatever the theme, so the dark
           modules are black on a white quiet zone, as a camera reads it best. */
        background: black;
        color: white;
    }
    """

    def __init__(self, lines: Sequence[str] = (), *, id: str | None = None) -> None:
        super().__init__(_drawn(lines), id=id)
        self.lines = tuple(lines)

    def show_code(self, lines: Sequence[str]) -> None:
        """Draw another code (nothing happens when it is the same)."""
        if tuple(lines) != self.lines:
            self.lines = tuple(lines)
            show(self, _drawn(lines))


def _drawn(lines: Sequence[str]) -> Text:
    return Text("\n".join(lines), no_wrap=True, end="")
