"""The beamer app: a second, read-only app for the projector that follows the running meeting.

Run it in a second terminal on the chair's laptop, or on another laptop that reaches the same
database: ``baz beamer [ID]``. It opens the database read-only, never writes, and keeps running
whatever the chair's app does (restart, break, close): the picture follows within half a second.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from baz_tui import textual_guards
from baz_tui.themes import CONTRAST_THEME, LIGHT_THEME, THEMES
from models.beamer import BeamerFeed
from models.database.types import utcnow
from models.i18n import _
from screens.beamer import POLL_INTERVAL, BeamerScreen


class BeamerApp(App[None]):
    """Shows one meeting (or whichever is on) for the room; q quits."""

    # The beamer screen is the default screen, whose own CSS_PATH Textual does not load.
    CSS_PATH = [Path(__file__).parent / "app.tcss", Path(BeamerScreen.CSS_PATH)]
    TITLE = "BaZ beamer"
    ENABLE_COMMAND_PALETTE = False

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        Binding("q,ctrl+q", "quit", _("Quit"), show=False, priority=True, id="beamer.quit"),
        Binding(
            "ctrl+t",
            "toggle_theme",
            _("Theme"),
            show=False,
            tooltip=_("Switch between high contrast and light"),
            id="beamer.toggle_theme",
        ),
    ]

    def __init__(
        self,
        feed: BeamerFeed,
        *,
        clock: Callable[[], datetime] = utcnow,
        poll_interval: float = POLL_INTERVAL,
        theme: str | None = None,
        keymap: Callable[[App[Any]], None] | None = None,
    ) -> None:
        # Every drawn line through the sanitiser: the room sees names people typed.
        textual_guards.install()
        super().__init__()
        self.feed = feed
        #: The user's own keys (Q), applied after the first frame (``baz_tui.keymap``).
        self._apply_user_keys = keymap
        self._clock = clock
        self._poll_interval = poll_interval
        for each in THEMES:
            self.register_theme(each)
        self.theme = theme if theme in {t.name for t in THEMES} else CONTRAST_THEME.name

    def get_default_screen(self) -> Screen[Any]:
        return BeamerScreen(self.feed, self._clock, self._poll_interval)

    def on_mount(self) -> None:
        if self._apply_user_keys is not None:
            self.call_after_refresh(self._apply_user_keys, self)

    def action_toggle_theme(self) -> None:
        # Some projectors show dark text on white better; the choice is not saved.
        self.theme = LIGHT_THEME.name if self.theme == CONTRAST_THEME.name else CONTRAST_THEME.name
