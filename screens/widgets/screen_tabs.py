"""The line under the title that names the meeting's screens and their F-keys.

The Footer shows what you can do on this screen; this line shows where you are and where else
you can go, so the navigation keys are always visible even when the Footer is full at 80 columns.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from models.i18n import _


class ScreenTabs(Static):
    """ "F1 Help  ▶ F7 Attendance ◀  F8 Process  Esc Meetings" — the current one marked by signs."""

    DEFAULT_CSS = """
    ScreenTabs {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    """

    def __init__(self, tabs: list[tuple[str, str, str]], current: str) -> None:
        """``tabs`` are (key label, description, screen name); ``current`` is this screen."""
        super().__init__()
        self.tabs = tabs
        self.current = current

    def on_mount(self) -> None:
        text = Text()
        text.append("F1 ", style="bold")
        text.append(_("Help"))
        for key, description, name in self.tabs:
            text.append("   ")
            if name == self.current:
                text.append(f"▶ {key} {description} ◀", style="bold reverse")
            else:
                text.append(f"{key} ", style="bold")
                text.append(description)
        self.update(text)
