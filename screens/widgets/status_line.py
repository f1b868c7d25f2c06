"""A one-line status at the bottom of a screen: the answer to the last action, in words."""

from __future__ import annotations

from rich.text import Text

from models.rules.terminal_text import printable
from screens.widgets.line_text import DrawnLines


class StatusLine(DrawnLines):
    """Shows the outcome of the last action; errors carry a sign, not only a colour.

    It answers nearly every key, so it draws its one line itself (``DrawnLines``) and never
    asks for a layout; a message too long for the line ends in "…". An error line has its own
    colours (the ``-error`` class).
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
