"""The title bar of a meeting screen: Textual's Header, with what the beamer shows on the right.

The chair cannot see the beamer from the laptop. Whether the room sees this meeting, following
the chair from screen to screen, or one item fixed with F9, is said where the clock of a
Header would be: "Beamer: follows (speakers)", "Beamer: fixed on item 4 (votes)".
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Header, Static
from textual.widgets._header import HeaderIcon, HeaderTitle

from models.i18n import _


class BeamerState(Static):
    """What the beamer shows, in a few words, at the right of the title bar."""

    DEFAULT_CSS = """
    BeamerState {
        dock: right;
        width: auto;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        &.-fixed { text-style: bold reverse; }
    }
    """


class TitleBar(Header):
    """A Header whose right side says what the beamer shows (``show_beamer``)."""

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield HeaderTitle()
        yield BeamerState(id="beamer-state")

    def on_mount(self) -> None:
        # Textual's own tooltip is English.
        self.query_one(HeaderIcon).tooltip = _("Open the command palette")

    def show_beamer(self, text: str, *, fixed: bool = False) -> None:
        state = self.query_one(BeamerState)
        state.update(Text(text))
        state.set_class(fixed, "-fixed")

    @property
    def beamer_text(self) -> str:
        return str(self.query_one(BeamerState).render())
