"""The BaZ Textual application: themes, global keys, the command palette, the first screen.

The database is opened by the home screen in a worker after the first frame, so that the
window appears as fast as a bare Textual app; ``open_database`` is the callable that opens it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from baz_tui.themes import CONTRAST_THEME, LIGHT_THEME, THEMES
from models.errors import BazError
from models.i18n import _
from screens.home import HomeScreen

HOME_CSS = HomeScreen.CSS_PATH

if TYPE_CHECKING:
    from datetime import datetime

    from models.database import Database
    from screens.minutes import MinutesScreen


class BazApp(App[None]):
    """Bewoners aan Zet: run a residents' meeting from one laptop."""

    # The home screen is the default screen, whose own CSS_PATH Textual does not load (only
    # pushed screens get theirs), so its stylesheet is part of the app's from the start.
    CSS_PATH = [Path(__file__).parent / "app.tcss", Path(HOME_CSS)]
    TITLE = "BaZ"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding(
            "f1", "help", _("Help"), show=True, id="help", tooltip=_("Show the keys of this screen")
        ),
        Binding(
            "ctrl+t",
            "toggle_theme",
            _("Theme"),
            show=False,
            id="theme",
            tooltip=_("Switch between high contrast and light"),
        ),
        Binding(
            "ctrl+q",
            "quit",
            _("Quit"),
            show=True,
            id="quit",
            priority=True,
            tooltip=_("Close BaZ; everything is already saved"),
        ),
        # Our own palette binding, so its Footer label and tooltip are in the UI language.
        Binding(
            "ctrl+p",
            "command_palette",
            _("commands"),
            show=False,
            priority=True,
            tooltip=_("Every action of this screen, by name"),
        ),
    ]

    def __init__(
        self,
        open_database: Callable[[], Database],
        *,
        theme: str | None = None,
        remember_theme: Callable[[str], None] | None = None,
        clock: Callable[[], datetime] | None = None,
        start_meeting: int | None = None,
        follow_changes: bool | None = None,
        freeze_when_loaded: bool = False,
    ) -> None:
        super().__init__()
        #: Move what is loaded at start-up out of the garbage collector's sight (see
        #: ``on_home_screen_store_ready``); the command line asks for it, tests do not.
        self.freeze_when_loaded = freeze_when_loaded
        #: Whether the meeting screens show what other laptops save (None: on a database
        #: server, yes; on this laptop's SQLite file there are no others).
        self.follow_changes = follow_changes
        self._open_database = open_database
        self._clock = clock
        #: A meeting to open as soon as the Store is ready (``baz demo --open``).
        self._start_meeting = start_meeting
        self._remember_theme = remember_theme
        for each in THEMES:
            self.register_theme(each)
        self.theme = theme if theme in {t.name for t in THEMES} else CONTRAST_THEME.name

    def on_home_screen_store_ready(self, message: HomeScreen.StoreReady) -> None:
        """Once the app is loaded (Textual, the ORM, the tables: most of the objects it will
        ever hold, and all of them for as long as it runs), freeze them, once per process.

        A full garbage collection walks every object; on a big meeting that paused the app for
        about 170 ms once every hundred or so keys, a stutter a chair feels. Frozen objects are
        not walked: the pause drops to 30–60 ms. Not in tests, where many apps share a process
        and an earlier test's leftovers (open connections) would be frozen with them.
        """
        if self.freeze_when_loaded and not gc.get_freeze_count():
            gc.freeze()

    def get_default_screen(self) -> Screen:
        # The home screen is the default screen itself, so the very first frame is the list
        # (pushing it on mount would draw an empty screen first).
        return HomeScreen(self._open_database, self._clock, self._start_meeting)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=_("Type what you want to do…"))
            )

    def on_minutes_screen_export_requested(self, message: MinutesScreen.ExportRequested) -> None:
        """Write the minutes in a thread; the screen shows progress, then the path or why not."""
        self.run_worker(
            lambda: self._write_minutes(
                message.screen, message.meeting_id, message.public, message.replace
            ),
            thread=True,
            group="export",
            exclusive=True,
        )

    def _write_minutes(
        self, screen: MinutesScreen, meeting_id: int, public: bool, replace: bool
    ) -> None:
        from baz_tui.export import default_export_path, export_minutes
        from models.files import ReadOnlyFileError

        try:
            path = export_minutes(
                screen.store,
                meeting_id,
                default_export_path(screen.store, meeting_id, public=public),
                public=public,
                replace_read_only=replace,
            )
        except ReadOnlyFileError as error:
            self.call_from_thread(screen.export_refused_read_only, error.message, public)
            return
        except BazError as error:
            self.call_from_thread(screen.export_finished, None, error.message)
            return
        self.call_from_thread(screen.export_finished, str(path), None)
        self.call_from_thread(
            self.notify, _("Minutes written: {path}").format(path=path), timeout=10
        )

    def action_help(self) -> None:
        from screens.widgets.help_screen import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME.name if self.theme == CONTRAST_THEME.name else CONTRAST_THEME.name
        if self._remember_theme is not None:
            self._remember_theme(self.theme)
        self.notify(_("Theme: {name}.").format(name=self._theme_label(self.theme)))

    @staticmethod
    def _theme_label(name: str) -> str:
        return _("high contrast") if name == CONTRAST_THEME.name else _("light")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The app's own commands, in the UI language, depending on where you are."""
        yield SystemCommand(_("Help"), _("Show the keys of this screen (F1)"), self.action_help)
        other = LIGHT_THEME.name if self.theme == CONTRAST_THEME.name else CONTRAST_THEME.name
        yield SystemCommand(
            _("Theme: {name}").format(name=self._theme_label(other)),
            _("Switch the colours (Ctrl+T)"),
            self.action_toggle_theme,
        )
        # Every key of the screen you are on is also a command, so nothing is only a key away.
        for binding in getattr(screen, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if screen.check_action(binding.action.split("(")[0], ()) is not True:
                continue
            yield SystemCommand(
                binding.description,
                binding.tooltip or binding.description,
                lambda action=binding.action, target=screen: self.run_action(action, target),
            )
        yield SystemCommand(_("Quit"), _("Close BaZ; everything is already saved"), self.exit)
