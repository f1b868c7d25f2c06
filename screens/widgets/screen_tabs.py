"""The line under the title that names the meeting's screens and their F-keys.

The Footer shows what you can do on this screen; this line shows where you are and where else
you can go, so the navigation keys are always visible even when the Footer is full at 80 columns.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from models.i18n import _


class ScreenTabs(Static):
    """ "F1 Help  ▶ F7 Attendance ◀  F8 Process" — the current one marked by signs, not colour.

    When the full line does not fit (80 columns and eight screens), it drops "F1 Help" (the
    Footer shows it), uses the short names and single spaces, so every key stays visible.
    """

    DEFAULT_CSS = """
    ScreenTabs {
        height: 1;
        padding: 0 1;
        background: $panel;
        &.-compact { padding: 0; }
    }
    """

    def __init__(
        self, tabs: list[tuple[str, str, str, str]], current: str, help_key: str = "F1"
    ) -> None:
        """``tabs`` are (key, description, short description, screen name); ``current`` is
        here; ``help_key`` opens help."""
        super().__init__()
        self.tabs = tabs
        self.current = current
        self.help_key = help_key

    def full_line(self) -> Text:
        text = Text()
        text.append(f"{self.help_key} ", style="bold")
        text.append(_("Help"))
        for key, description, _short, name in self.tabs:
            text.append("   ")
            if name == self.current:
                text.append(f"▶ {key} {description} ◀", style="bold reverse")
            else:
                text.append(f"{key} ", style="bold")
                text.append(description)
        return text

    def compact_line(self) -> Text:
        text = Text()
        for index, (key, _description, short, name) in enumerate(self.tabs):
            if name == self.current:
                text.append(f"▶{key} {short}◀", style="bold reverse")
                continue
            if index and self.tabs[index - 1][3] != self.current:
                text.append(" ")
            text.append(f"{key} ", style="bold")
            text.append(short)
        return text

    def on_resize(self) -> None:
        full = self.full_line()
        compact = full.cell_len + 2 > self.outer_size.width  # 2: the padding of the full line
        self.set_class(compact, "-compact")
        self.update(self.compact_line() if compact else full)
