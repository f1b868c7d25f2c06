"""The title bar of a meeting screen: Textual's Header, with what the beamer shows on the right.

The chair cannot see the beamer from the laptop. Whether the room sees this meeting, following
the chair from screen to screen, or one item fixed with F9, is said where the clock of a
Header would be: "Beamer: follows (speakers)", "Beamer: fixed on item 4 (votes)".
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Header, Static
from textual.widgets._header import HeaderIcon, HeaderTitle

from models.i18n import _


class BeamerState(Static):
    """What the beamer shows, in a few words, at the right of the title bar."""

    DEFAULT_CSS = """
    BeamerState {
        width: auto;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        &.-fixed { text-style: bold reverse; }
    }
    """


class RoomState(Static):
    """Whether the room on their phones is open, and its meeting code ("Room: open · code
    ABC123"); nothing while it is closed."""

    DEFAULT_CSS = """
    RoomState {
        width: auto;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        text-style: bold;
        display: none;
        &.-open { display: block; }
    }
    """

    #: What it says now ("" while the room is closed).
    shown_text = ""


class TitleBar(Header):
    """A Header whose right side says what the beamer shows (``show_beamer``) and, while it
    is open, the room on their phones with its meeting code (``show_room``)."""

    DEFAULT_CSS = """
    TitleBar #title-states { dock: right; width: auto; height: 1; }
    """

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield HeaderTitle()
        # Side by side at the right (two widgets docked on one side would lie on each other).
        with Horizontal(id="title-states"):
            yield RoomState(id="room-state")
            yield BeamerState(id="beamer-state")

    def on_mount(self) -> None:
        # Textual's own tooltip is English.
        self.query_one(HeaderIcon).tooltip = _("Open the command palette")

    def show_beamer(self, text: str, *, fixed: bool = False) -> None:
        state = self.query_one(BeamerState)
        state.update(Text(text))
        state.set_class(fixed, "-fixed")

    def show_room(self, text: str) -> None:
        """Say the room is open ("Room: open · code ABC123"); "" hides it."""
        state = self.query_one(RoomState)
        if text != state.shown_text:
            state.shown_text = text
            state.update(Text(text))
            state.set_class(bool(text), "-open")

    @property
    def room_text(self) -> str:
        return self.query_one(RoomState).shown_text

    @property
    def beamer_text(self) -> str:
        return str(self.query_one(BeamerState).render())
