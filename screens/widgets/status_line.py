"""A one-line status at the bottom of a screen: the answer to the last action, in words."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class StatusLine(Static):
    """Shows the outcome of the last action; errors carry a sign, not only a colour."""

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

    def update(self, content: object = "", *, layout: bool = False) -> None:  # type: ignore[override]
        # One line, full width (CSS above): a new message is only repainted, never laid out,
        # so a message after a key press costs no layout of the screen.
        super().update(content, layout=layout)  # type: ignore[arg-type]

    def show_info(self, message: str) -> None:
        self.remove_class("-error")
        # Text, not markup: what a user typed must never be read as markup.
        self.update(Text("✔ " + message))

    def show_error(self, message: str) -> None:
        self.add_class("-error")
        self.update(Text("⚠ " + message))

    def show_hint(self, message: str) -> None:
        self.remove_class("-error")
        self.update(Text(message))
