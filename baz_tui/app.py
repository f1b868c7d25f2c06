"""The BaZ Textual application: themes, global keys, the command palette, the first screen.

The app owns the Store: it opens the database (``open_database``, the callable the command
line gives it) off the UI thread after the first frame, so that the window appears as fast as a
bare Textual app, hands the Store to the screens, and closes it when it ends.
"""

from __future__ import annotations

import asyncio
import gc
import threading
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from baz_tui import textual_guards
from baz_tui.themes import CONTRAST_THEME, LIGHT_THEME, THEMES
from models.errors import BazError
from models.i18n import _
from models.rules.terminal_text import printable
from screens.home import HomeScreen, MeetingList, read_meeting_list
from screens.keys import key_now_label

HOME_CSS = HomeScreen.CSS_PATH

if TYPE_CHECKING:
    from datetime import datetime

    from baz_tui.rooms import RoomStarter
    from models.database import Database
    from models.store import Store
    from screens.minutes import MinutesScreen
    from screens.process import ProcessScreen
    from screens.room import OpenRoom, RoomStarted


#: Each language by its own name.
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def other_language() -> str:
    """The language BaZ does not speak now (there are two)."""
    from models.i18n import current_language

    return "en" if current_language() == "nl" else "nl"


#: How long the next key waits at most for the one before it to be handled (a handler that
#: waits itself, a widget removed under it): then it goes on anyway.
KEY_WAIT_LIMIT = 0.5
#: A run of keys waiting this long or longer, typed into a text field, is taken in as one
#: paste (a terminal that does not mark a paste delivers it key by key).
TYPED_PASTE_MIN = 2
#: More unexpected errors than this within ``ERROR_WINDOW`` seconds: something fails on every
#: frame; the app then ends as Textual would (the log has the traceback).
ERRORS_MAX = 20
ERROR_WINDOW = 10.0


class BazApp(App[None]):
    """Bewoners aan Zet: run a residents' meeting from one laptop.

    Two things it does for every screen (``docs``: issue #21):

    **One key at a time.** Textual hands a key to the focused widget by posting it, and takes
    the next key from the terminal before that widget has handled the first; a key bound with
    priority (Enter on the speaker list) then overtakes the letters typed before it, and a key
    typed after one that opens a dialog goes to the screen below before the dialog is there.
    Here a key waits until the one before it has been handled (by the widget and every
    container it bubbles through) and until a screen it opened is mounted and focused — a few
    messages, well under a millisecond; keys bound with priority, like the speaker list's, go
    on at once. A run of printable keys that waits for a text field (a paste a terminal did not
    mark as one) is taken in as one paste.

    **One handler for errors nothing else caught** — in a handler, a timer or a worker:
    :meth:`survive_error` shows a refusal (a :class:`BazError`, "De database antwoordt niet…")
    as its own sentence; anything else it logs with its traceback (``baz-errors.log``) and tells
    the user in one line. Either way the app goes on.

    **It owns the Store** (:attr:`store`): opened after the first frame, handed to the screens,
    closed when the app ends — however it ends (:meth:`close_store`).
    """

    # The home screen is the default screen, whose own CSS_PATH Textual does not load (only
    # pushed screens get theirs), so its stylesheet is part of the app's from the start.
    CSS_PATH = [Path(__file__).parent / "app.tcss", Path(HOME_CSS)]
    TITLE = "BaZ"
    ENABLE_COMMAND_PALETTE = True

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        Binding(
            "f1",
            "help",
            _("Help"),
            show=True,
            id="app.help",
            tooltip=_("Show the keys of this screen"),
        ),
        Binding(
            "ctrl+t",
            "toggle_theme",
            _("Theme"),
            show=False,
            id="app.toggle_theme",
            tooltip=_("Switch between high contrast and light"),
        ),
        Binding(
            "ctrl+q",
            "quit",
            _("Quit"),
            show=True,
            id="app.quit",
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
            id="app.command_palette",
        ),
    ]

    def __init__(
        self,
        open_database: Callable[[], Database],
        *,
        theme: str | None = None,
        remember_theme: Callable[[str], None] | None = None,
        remember_language: Callable[[str], None] | None = None,
        clock: Callable[[], datetime] | None = None,
        start_meeting: int | None = None,
        follow_changes: bool | None = None,
        freeze_when_loaded: bool = False,
        keymap: Callable[[App[Any]], None] | None = None,
        room_starter: RoomStarter | None = None,
        room_host: str | None = None,
        room_port: int | None = None,
    ) -> None:
        from baz_tui.rooms import ROOM_PORT, RoomServers

        textual_guards.install()
        super().__init__()
        #: Applies the user's own keys once the first frame is drawn; given by the caller
        #: (``baz_tui.keymap.use_user_keymap``), which knows every key of the app.
        self._apply_user_keys = keymap
        #: Keys taken from the terminal that wait for the one before them to be handled.
        self._keys: deque[events.Key | events.Paste] = deque()
        #: When the key being handled was sent on (None: no key is being handled).
        self._key_since: float | None = None
        #: Which key that is (a late report about an earlier one is ignored).
        self._key_turn = 0
        #: The nodes that handle the key in flight, ending at its screen.
        self._key_nodes: tuple[DOMNode, ...] = ()
        #: The screen on top when it was sent on.
        self._key_screen: Screen[Any] | None = None
        #: Unexpected errors survived (tests look here), and when the last ones came.
        self.unexpected_errors: list[BaseException] = []
        self._error_moments: deque[float] = deque()
        #: Move what is loaded at start-up out of the garbage collector's sight (see
        #: ``on_home_screen_store_ready``); the command line asks for it, tests do not.
        self.freeze_when_loaded = freeze_when_loaded
        #: Whether the meeting screens show what other windows and laptops save (None: yes,
        #: on a database server and on a SQLite file alike; tests may turn it off).
        self.follow_changes = follow_changes
        self._open_database = open_database
        self._clock = clock
        #: The Store of this app: None until it is loaded (after the meeting list is shown);
        #: the screens get it from here, and it is closed when the app ends.
        self.store: Store | None = None
        #: What is open and must be closed at the end: the database, then the Store on it. The
        #: threads that open them hand them over under the lock (``_keep``); one that finishes
        #: after the end closes what it opened itself.
        self._opened: Database | Store | None = None
        self._ended = False
        self._opened_lock = threading.Lock()
        #: A meeting to open as soon as the Store is ready (``baz demo --open``).
        self._start_meeting = start_meeting
        self._home: HomeScreen | None = None
        self._remember_theme = remember_theme
        #: Keeps a language chosen in the palette for the next start (None: no such command).
        self._remember_language = remember_language
        for each in THEMES:
            self.register_theme(each)
        self.theme = theme if theme in {t.name for t in THEMES} else CONTRAST_THEME.name
        #: The room servers this app runs (Z on a meeting screen), stopped when it ends.
        self.rooms = RoomServers(
            room_starter, room_host, ROOM_PORT if room_port is None else room_port
        )

    def on_mount(self) -> None:
        # A key whose handler never reports back (its widget was removed under it) is let go.
        self.set_interval(KEY_WAIT_LIMIT / 2, self._key_unstick)
        # The first frame ("Opening the database…") is drawn before the database is opened.
        self.call_after_refresh(self._open_database_and_list)
        # The user's own keys, once the first frame is drawn (see ``baz_tui.keymap``).
        if self._apply_user_keys is not None:
            self.call_after_refresh(self._apply_user_keys, self)

    def on_unmount(self) -> None:
        # The app's last message, after every screen is closed (and has saved what it holds).
        self.rooms.stop_all()
        self.close_store()

    def run(self, *args: Any, **kwargs: Any) -> None:
        """Run the app; the room servers are stopped and the Store is closed however the run
        ends (an error, an interrupt)."""
        try:
            return super().run(*args, **kwargs)
        finally:
            self.rooms.stop_all()
            self.close_store()

    # -------------------------------------------------------------- the room (phones)

    def served_room(self, meeting_id: int) -> OpenRoom | None:
        """The room of a meeting as this app serves it now (``screens.room.RoomHost``)."""
        return self.rooms.served(meeting_id)

    def start_room(self, meeting_id: int, done: RoomStarted) -> None:
        """Start the room's server in the background; ``done`` gets the room or why not."""
        self._start_room(meeting_id, done)

    @work(group="room-server")
    async def _start_room(self, meeting_id: int, done: RoomStarted) -> None:
        from baz_tui.rooms import database_target

        try:
            if self.store is None:
                raise BazError(_("The database is not open yet."))
            target = database_target(self.store.database)
            room = await asyncio.to_thread(self.rooms.start, target, meeting_id)
        except BazError as error:
            done(None, error.message)
            return
        done(room, None)

    def stop_room(self, meeting_id: int) -> None:
        """Close the room for phones at once, and stop its server in the background."""
        if self.store is not None:
            try:
                self.store.close_room(meeting_id)
            except BazError:
                pass  # the server closes it too, as it ends
        self.rooms.stop(meeting_id)

    # -------------------------------------------------------------- the Store

    @work(exclusive=True, group="open-database")
    async def _open_database_and_list(self) -> None:
        """Open the database and read the meeting list (SQLAlchemy Core only, no ORM yet) off
        the UI thread; show the list; then build the Store."""
        try:
            opened = await asyncio.to_thread(self._open_in_thread)
        except BazError as error:
            # Without its database the app cannot do anything: it ends with that one sentence.
            self.exit(None, 2, error.message)
            return
        if opened is None:
            return
        database, listed = opened
        assert self._home is not None
        self._home.show_meetings(listed)
        # The ORM import is most of the remaining start-up cost; it starts only after the list
        # has been drawn, so it does not compete with that frame for the interpreter.
        self.call_after_refresh(self._build_store, database)

    def _open_in_thread(self) -> tuple[Database, MeetingList] | None:
        database = self._open_database()
        try:
            listed = read_meeting_list(database)
        except BaseException:
            database.close()
            raise
        return (database, listed) if self._keep(database) else None

    @work(exclusive=True, group="build-store")
    async def _build_store(self, database: Database) -> None:
        store = await asyncio.to_thread(self._store_in_thread, database)
        if store is None:
            return
        self.store = store
        self._freeze_loaded()
        assert self._home is not None
        self._home.store_ready(store)

    def _store_in_thread(self, database: Database) -> Store | None:
        from models.store import Store

        store = Store(database, self._clock) if self._clock else Store(database)
        return store if self._keep(store) else None

    def _keep(self, opened: Database | Store) -> bool:
        """In the thread that opened it, when it is done with the database: hand ``opened``
        over, to be closed when the app ends. False when the app has ended meanwhile: then it
        is closed now (nobody waits for it any more)."""
        with self._opened_lock:
            if not self._ended:
                self._opened = opened
                return True
        opened.close()
        return False

    def close_store(self) -> None:
        """Close the Store (or only the database, when the app ends before the Store was
        built): its connections, and the signal that follows other laptops. Once; later calls
        do nothing."""
        with self._opened_lock:
            self._ended = True
            opened, self._opened = self._opened, None
        if opened is not None:
            opened.close()

    def _freeze_loaded(self) -> None:
        """Once the app is loaded (Textual, the ORM, the tables: most of the objects it will
        ever hold, and all of them for as long as it runs), freeze them, once per process.

        A full garbage collection walks every object; on a big meeting that paused the app for
        about 170 ms once every hundred or so keys, a stutter a chair feels. Frozen objects are
        not walked: the pause drops to 30–60 ms. Not in tests, where many apps share a process
        and an earlier test's leftovers (open connections) would be frozen with them.
        """
        if self.freeze_when_loaded and not gc.get_freeze_count():
            gc.freeze()

    # -------------------------------------------------------------- one key at a time

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._keys.append(event)
            await self._take_keys()
            return
        await super().on_event(event)

    async def _take_keys(self) -> None:
        """Handle waiting keys while none is in flight."""
        while self._keys and self._key_since is None:
            event = self._keys.popleft()
            if isinstance(event, events.Key) and self._keys:
                event = self._typed_paste(event)
            screen = self.screen
            target = self.focused or screen
            await super().on_event(event)  # Textual's own: priority bindings, else forwarded
            if event.is_forwarded:
                self._key_follow(target, screen)
            elif self.screen is not screen or not self.screen.is_mounted:
                self._key_follow(None, screen)

    def _key_follow(self, target: DOMNode | None, screen: Screen[Any]) -> None:
        """Hold the next keys until ``target`` and its containers have handled this one (a
        callback queued behind it at each of them in turn), and the screen on top is ready."""
        self._key_turn += 1
        turn = self._key_turn
        self._key_since = monotonic()
        self._key_screen = screen
        nodes: list[DOMNode] = []
        node = target
        while node is not None and not isinstance(node, App):
            nodes.append(node)
            node = node.parent if not isinstance(node, Screen) else None
        self._key_nodes = tuple(nodes)
        self._key_step(turn, 0)

    def _key_step(self, turn: int, index: int) -> None:
        if turn != self._key_turn:
            return
        nodes = self._key_nodes
        while index < len(nodes):
            if nodes[index].call_later(self._key_step, turn, index + 1):
                return  # runs once this node has handled what came before it
            index += 1  # closed meanwhile: nothing more comes from it
        top = self.screen
        if not top.is_mounted and top.call_later(self._key_ready, turn):
            return  # a screen the key opened: its compose and mount come first
        self._key_ready(turn)

    def _key_ready(self, turn: int) -> None:
        # Through the app's own queue: focus moves the screen asked for are done before it.
        self.call_later(self._key_done, turn)

    async def _key_done(self, turn: int) -> None:
        if turn != self._key_turn:
            return
        top = self.screen
        if top is not self._key_screen:
            # The key opened a screen (also through the app's own bindings, which it reaches
            # after its screen): once more through it, after its mount and its focus moves.
            self._key_screen = top
            if top.call_later(self._key_ready, turn):
                return
        self._key_since = None
        self._key_nodes = ()
        await self._take_keys()

    async def _key_unstick(self) -> None:
        since = self._key_since
        if since is not None and monotonic() - since > KEY_WAIT_LIMIT:
            self._key_turn += 1
            self._key_since = None
            self._key_nodes = ()
            await self._take_keys()

    def dialog_answered(self, dialog: Screen[Any]) -> None:
        """A dialog answered with the key in flight: it is handled, the next may go on (to
        the screen below, once the dialog is gone)."""
        if dialog in self._key_nodes:
            self._key_nodes = ()
            turn = self._key_turn
            self.call_later(self._key_step, turn, 0)

    def _typed_paste(self, first: events.Key) -> events.Key | events.Paste:
        """``first`` and the printable keys waiting behind it as one paste, when they go to a
        text field; else ``first`` alone."""
        from textual.widgets import Input, TextArea

        focused = self.focused
        if not isinstance(focused, (Input, TextArea)):
            return first
        multiline = isinstance(focused, TextArea)
        text = self._typed(first, multiline)
        if text is None:
            return first
        pieces = [text]
        while self._keys and isinstance(self._keys[0], events.Key):
            more = self._typed(self._keys[0], multiline)
            if more is None:
                break
            pieces.append(more)
            self._keys.popleft()
        if len(pieces) < TYPED_PASTE_MIN:
            return first
        paste = events.Paste("".join(pieces))
        paste.set_sender(self)
        return paste

    def _typed(self, key: events.Key, multiline: bool) -> str | None:
        """What ``key`` types into a text field; None for a key that does something else."""
        if key.key == "enter":
            return "\n" if multiline else None
        if not key.is_printable or not key.character or key.key == "tab":
            return None
        for _namespace, bindings in self.screen._binding_chain:
            if any(b.priority for b in bindings.key_to_bindings.get(key.key, ())):
                return None  # the screen's key, even in a text field
        return key.character

    # -------------------------------------------------------------- unexpected errors

    def survive_error(self, error: BaseException) -> bool:
        """Show a refusal, or log ``error`` and say so in one line; and go on. False (end the
        app as Textual does) when errors keep coming — something fails on every frame — or
        before the app runs.

        A worker's failure comes here too (Textual's ``exit_on_error``): work done off the UI
        thread does not catch what the user must read, it leaves it to this one handler."""
        from textual.worker import WorkerFailed

        cause = error.error if isinstance(error, WorkerFailed) else error
        if isinstance(cause, BazError) and self.is_running:
            # A sentence for the user ("De database antwoordt niet…"), not a bug: no log.
            self.show_refusal(cause.message)
            return True
        now = monotonic()
        moments = self._error_moments
        moments.append(now)
        while moments and now - moments[0] > ERROR_WINDOW:
            moments.popleft()
        if not self.is_running or len(moments) > ERRORS_MAX:
            return False
        self.unexpected_errors.append(cause)
        if self.is_headless and self._exception is None and isinstance(cause, Exception):
            # Under Pilot the test still learns of it (``run_test`` raises it at the end),
            # while the app goes on as it does for a user.
            self._exception = cause
        from baz_tui.error_log import write_log

        try:
            log = write_log(cause, f"app: {type(self.screen).__name__}")
        except Exception:  # the log is a help, never a second failure
            log = None
        text = str(cause).strip().splitlines()
        message = _(
            "Something went wrong ({error}). BaZ goes on; what was saved stays saved."
        ).format(error=type(cause).__name__ + (": " + text[0][:120] if text else ""))
        if log is not None:
            message += " " + _("Details in {log}.").format(log=log)
        self.notify(message, severity="error", timeout=12, markup=False)
        return True

    def show_refusal(self, message: str) -> None:
        """``message`` where the screen on top answers actions (its status line), or as a
        notification on a screen without one (a dialog)."""
        from screens.widgets.status_line import StatusLine

        status = next(iter(self.screen.query(StatusLine)), None)
        if status is not None:
            status.show_error(message)
        else:
            self.notify(message, severity="error", timeout=12, markup=False)

    def _handle_exception(self, error: Exception) -> None:
        # Timers, workers and the drawing report here (handlers: ``textual_guards``).
        if self.survive_error(error):
            return
        super()._handle_exception(error)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        # Messages name files and quote them: never an escape sequence to the terminal.
        super().notify(
            printable(message),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def get_default_screen(self) -> Screen[Any]:
        # The home screen is the default screen itself, so the very first frame is the list
        # (pushing it on mount would draw an empty screen first).
        self._home = HomeScreen(self._start_meeting)
        return self._home

    def action_command_palette(self) -> None:
        from baz_tui.palette import BazCommandPalette

        # Textual types is_open() for App[object], which an App[None] is not (App is invariant).
        if self.use_command_palette and not BazCommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                BazCommandPalette(
                    id="--command-palette", placeholder=_("Type what you want to do…")
                )
            )

    def action_help_quit(self) -> None:
        """Ctrl+C (which many press to stop a program): say, in the UI language, how BaZ
        stops — Textual says it in English."""
        self.notify(
            _("{key} closes BaZ; everything is already saved.").format(
                key=self._key_of("app.quit")
            ),
            title=_("Do you want to quit?"),
        )

    def on_minutes_screen_export_requested(self, message: MinutesScreen.ExportRequested) -> None:
        """Ask where the minutes go (the last folder, else Documents/BaZ), with the house style
        they are written on; the dialog writes them in a thread and shows why not (a
        write-protected file of that name is replaced only when the user says yes), and the
        screen then shows the path."""
        from baz_tui.export import default_export_path, template_for, write_minutes
        from screens.widgets.path_dialog import PathDialog

        screen, meeting_id, public = message.screen, message.meeting_id, message.public
        try:
            proposed = default_export_path(screen.store, meeting_id, public=public)
            template, where = template_for(screen.store, meeting_id)
        except BazError as error:
            screen.export_finished(None, error.message)
            return
        if template is None:
            style = _("House style: none, BaZ's own layout.")
        else:
            style = _("House style: {name}, {where}.").format(name=template.name, where=where)

        def done(path: Path | None) -> None:
            if path is None:
                screen.export_finished(None, None)
                return
            screen.export_finished(str(path), None)
            self.notify(_("Minutes written: {path}").format(path=path), timeout=10, markup=False)

        self.push_screen(
            PathDialog(
                _("Where should the public minutes go?")
                if public
                else _("Where should the internal minutes go?"),
                str(proposed),
                lambda path: write_minutes(screen.store, meeting_id, path, public=public),
                replace=lambda path: write_minutes(
                    screen.store, meeting_id, path, public=public, replace_read_only=True
                ),
                suffixes=(".docx",),
                hint=style,
                busy=_("Writing the minutes to a Word file…"),
                ok_label=_("Write"),
            ),
            done,
        )

    def on_process_screen_default_template_chosen(
        self, message: ProcessScreen.DefaultTemplateChosen
    ) -> None:
        """Keep the house style of F8 (Ctrl+O) as the default of the settings."""
        from baz_tui.config import save_setting
        from baz_tui.export import TEMPLATE_SETTING

        save_setting(TEMPLATE_SETTING, message.path)
        message.screen.default_template_saved(message.path)

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

    def action_choose_language(self, language: str) -> None:
        """Keep ``language`` for the next start (the keys of a running app keep theirs)."""
        if self._remember_language is None:
            return
        self._remember_language(language)
        self.notify(
            _("BaZ speaks {language} from the next start.").format(
                language=LANGUAGE_NAMES[language]
            )
        )

    def _key_of(self, binding_id: str) -> str:
        """The first key of one of the app's own bindings now, as the key bar shows it."""
        return key_now_label(self, self.BINDINGS, binding_id)

    @staticmethod
    def _theme_label(name: str) -> str:
        return _("high contrast") if name == CONTRAST_THEME.name else _("light")

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The app's own commands, in the UI language, depending on where you are."""
        yield SystemCommand(
            _("Help"),
            _("Show the keys of this screen ({key})").format(key=self._key_of("app.help")),
            self.action_help,
        )
        other = LIGHT_THEME.name if self.theme == CONTRAST_THEME.name else CONTRAST_THEME.name
        yield SystemCommand(
            _("Theme: {name}").format(name=self._theme_label(other)),
            _("Switch the colours ({key})").format(key=self._key_of("app.toggle_theme")),
            self.action_toggle_theme,
        )
        if self._remember_language is not None:
            language = other_language()
            yield SystemCommand(
                # The name of a language in that language: who needs it can read it.
                f"{_('Language')}: {LANGUAGE_NAMES[language]}",
                _("BaZ speaks {language} from the next start").format(
                    language=LANGUAGE_NAMES[language]
                ),
                lambda: self.action_choose_language(language),
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
