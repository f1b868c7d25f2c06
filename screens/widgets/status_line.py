"""A one-line status at the bottom of a screen: the answer to the last action, in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.strip import Strip
from textual.widgets import Static

from models.rules.terminal_text import printable
from screens.widgets.line_text import Looks, text_strip

if TYPE_CHECKING:
    from textual.visual import VisualType


class StatusLine(Static):
    """Shows the outcome of the last action; errors carry a sign, not only a colour.

    It answers nearly every key, so it draws its one line itself (``line_text``) and never
    asks for a layout; a message too long for the line ends in "…".
    """

    DEFAULT_CSS = """
    StatusLine {
        width: 1fr;
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $foreground;
    }
    StatusLine.-error {
        background: $error 30%;
        text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._message = Text()
        self._looks = Looks(self)

    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        # One line, full width (CSS above): a new message is only repainted, never laid out.
        self._message = content if isinstance(content, Text) else Text(str(content))
        super().update(content, layout=layout)

    # Text, not markup: what a user typed must never be read as markup. And printable: a
    # message may quote a file (a name, a CSV cell) whose escape sequences must show, not act.

    def show_info(self, message: str) -> None:
        self.remove_class("-error")
        self.update(Text("✔ " + printable(message)))

    def show_error(self, message: str) -> None:
        self.add_class("-error")
        self.update(Text("⚠ " + printable(message)))

    def show_hint(self, message: str) -> None:
        self.remove_class("-error")
        self.update(Text(printable(message)))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._looks.clear()  # an error line has its own colours

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        if y != 0:
            return Strip.blank(width, self._looks())
        return text_strip(self._message, width, self._looks(), self.app.console)
