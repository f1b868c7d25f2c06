"""What every screen of an opened meeting shares: the Store, the meeting, F-key navigation,
and telling the beamer what the room should see."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.widgets import Input, Static, TextArea

from models.domain import MeetingStatus
from models.errors import BazError
from models.i18n import _
from models.records.beamer import BeamerChoice, Showing
from models.records.following import item_to_follow, last_item_that_ran
from models.records.meeting import AgendaItemInfo, AgendaState, MeetingInfo
from screens.acting import ActingScreen
from screens.key_reasons import nothing_to_undo
from screens.keys import bindings_now, help_key, key_label, keys_now
from screens.widgets.process_banner import ProcessBanner
from screens.widgets.quiet import show
from screens.widgets.screen_tabs import ScreenTabs
from screens.widgets.status_line import StatusLine
from screens.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from models.database.changes import ChangeSignal
    from models.store import Store
    from screens.room import OpenRoom


def meeting_line(meeting: MeetingInfo) -> Text:
    """ "Title — Tuesday 1 December 2026, 19:30 — place" for the top of a meeting screen."""
    from models.rules.formatting import format_time, format_weekday_date

    parts = [
        meeting.title,
        f"{format_weekday_date(meeting.date)}, {format_time(meeting.start_time)}",
    ]
    if meeting.location:
        parts.append(meeting.location)
    return Text(" — ".join(parts))


#: Navigation keys of every meeting screen. Each screen lists them after its own keys, so the
#: Footer shows what you do here first and where you can go after. The F-keys have priority:
#: a focused TextArea binds F6/F7 itself (select line/all) and must not swallow them.
#: Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
NAVIGATION_BINDINGS = [
    # Leaving the meeting is a key of its own, F10 (the next F-key of the line of screens),
    # which asks while the meeting runs. Esc goes back to the list only when the meeting
    # does not run: a chair presses it to get out of a field or a dialog, and a second one
    # must not drop the running meeting.
    Binding(
        "f10",
        "to_meetings",
        _("Meetings"),
        show=True,
        priority=True,
        id="meeting.to_meetings",
        tooltip=_("To the list of meetings (asks first while the meeting runs)"),
    ),
    Binding(
        "escape",
        "leave",
        _("Back"),
        show=False,
        id="meeting.back",
        tooltip=_("Back to the list of meetings, when the meeting does not run"),
    ),
    # F9, like the screens' F-keys: free on every screen and working inside a text field; only
    # the screens the room may see show it (``check_action``).
    Binding(
        "f9",
        "show_on_beamer",
        _("Beamer"),
        show=True,
        priority=True,
        id="meeting.show_on_beamer",
        tooltip=_("Show exactly this on the beamer (this item, this vote)"),
    ),
    # Z (zaal): free on every meeting screen; a letter, so typed text keeps it. In F1 and
    # the palette, not in the key bar: the screens' own keys come first there.
    Binding(
        "z",
        "room",
        _("Room (phones)"),
        show=False,
        id="meeting.room",
        tooltip=_("Open the room for phones: QR code, address and meeting code; or close it"),
    ),
    # The F-keys are shown by ScreenTabs above the content, not in the Footer.
    Binding(
        "f2",
        "show('agenda')",
        _("Agenda"),
        show=False,
        priority=True,
        id="meeting.show_agenda",
        tooltip=_("Prepare and run the agenda against the clock"),
    ),
    Binding(
        "f3",
        "show('speakers')",
        _("Speakers"),
        show=False,
        priority=True,
        id="meeting.show_speakers",
        tooltip=_("Who has the floor, who is next, and for how long"),
    ),
    Binding(
        "f4",
        "show('analysis')",
        _("Analysis"),
        show=False,
        priority=True,
        id="meeting.show_analysis",
        tooltip=_("Residents build the problem tree and choose ideas"),
    ),
    Binding(
        "f5",
        "show('votes')",
        _("Votes"),
        show=False,
        priority=True,
        id="meeting.show_votes",
        tooltip=_("Count votes and declare the result"),
    ),
    Binding(
        "f6",
        "show('minutes')",
        _("Minutes"),
        show=False,
        priority=True,
        id="meeting.show_minutes",
        tooltip=_("Decisions, action points, the minutes and the Word export"),
    ),
    Binding(
        "f7",
        "show('attendance')",
        _("Attendance"),
        show=False,
        priority=True,
        id="meeting.show_attendance",
        tooltip=_("Who is here: mark present or absent"),
    ),
    Binding(
        "f8",
        "show('process')",
        _("Process"),
        show=False,
        priority=True,
        id="meeting.show_process",
        tooltip=_("Participation level and frames of the process"),
    ),
]


#: Shorter names where the full one makes the line of screens too wide at 80 columns.
SHORT_TAB_NAMES = {"attendance": _("Present")}


def screen_tabs(current: str, app: App[object]) -> ScreenTabs:
    """The line of meeting screens with their F-keys (or the keys the user's keymap gives
    them), ``current`` marked."""
    tabs = []
    for binding in NAVIGATION_BINDINGS:
        if binding.action.startswith("show("):
            name = binding.action.split("'")[1]
            short = SHORT_TAB_NAMES.get(name, binding.description)
            key = key_label(keys_now(app, binding)[0])
            tabs.append((key, binding.description, short, name))
    return ScreenTabs(tabs, current, key_label(help_key(app)))


def _screen_word(name: str) -> str:
    """ "speakers" → "sprekers": a screen's name as the line of screens shows it, lowercase."""
    for binding in NAVIGATION_BINDINGS:
        if binding.action == f"show('{name}')":
            return binding.description.lower()
    return name


@lru_cache(maxsize=256)
def _parsed_action(action: str) -> tuple[str, str, tuple[object, ...]]:
    """An action string taken apart once: parsing its arguments is not free, and the keys of a
    screen are checked after every action."""
    from textual.actions import parse

    return parse(action)


#: The chair's screens the room may see on the beamer (their ``SCREEN_NAME``).
BEAMER_SCREENS = frozenset(showing.value for showing in Showing)


class ScreenKeeper(Protocol):
    """What a meeting screen asks of the screens of its meeting
    (:class:`screens.meeting_screens.MeetingScreens`): another one by name, and to close them
    all when the meeting is left."""

    def screen(self, name: str, item_id: int | None = None) -> MeetingScreen: ...

    def close(self, leaving: MeetingScreen | None = None) -> None: ...


class MeetingScreen(ActingScreen[None]):
    """Base of the screens of one meeting; switches between them with the F-keys."""

    #: The name under which this screen is listed in ``MEETING_SCREENS``.
    SCREEN_NAME = ""

    def __init__(self, store: Store, meeting_id: int) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.meeting: MeetingInfo | None = None
        #: The meeting as the top of the screen shows it (see ``show_meeting``).
        self._meeting_shown: MeetingInfo | None = None
        self._beamer_followed = False
        self._changes: ChangeSignal | None = None  # only when following other windows
        #: The live screens of this meeting this one belongs to (None: built on its own, and
        #: the F-keys build new screens, as in a test that pushes one screen).
        self.meeting_screens: ScreenKeeper | None = None
        #: Shown again by an F-key (not back from a dialog): read what it shows on resume.
        self._shown_again = False
        #: The app's count of style changes when this screen was last shown (see _resumed).
        self._styled_at: int | None = None

    # ------------------------------------------------ another laptop on the same meeting

    #: Seconds between two looks whether another laptop changed the database.
    FOLLOW_INTERVAL = 1.0

    def on_mount(self) -> None:
        # Other laptops on a database server, and a second window on this laptop's SQLite file
        # (the chair and the note-taker): every meeting screen follows them. The look is one
        # cheap question a second (``models.database.changes``); this app's own actions never count.
        wanted = getattr(self.app, "follow_changes", None)
        if wanted is None:
            # Only a private in-memory database (tests) has nobody else on it.
            database = self.store.database
            wanted = database.sqlite_path is not None or database.engine.dialect.name != "sqlite"
        if wanted:
            self._changes = self.store.change_signal(others_only=True)
            self._changes.changed()  # what is on the screen now is the starting point
            self.set_interval(self.FOLLOW_INTERVAL, self._look_for_changes)

    def _look_for_changes(self) -> None:
        """Show what another laptop saved (a second chair or the note-taker on a shared
        server): read again when the database says something changed. Not while this screen
        is covered by a dialog or someone types in a field — the look comes again a second
        later, and the change is still there to see."""
        # ``is_active``, not ``app.screen is self``: a kept screen's timer can still tick while
        # the app quits, after the last screen left the stack (``app.screen`` then raises).
        if self._changes is None or not self.is_active:
            return
        if isinstance(self.focused, (Input, TextArea)):
            return
        if self._changes.changed():
            self.follow_changes()
            self.show_beamer_state()  # another laptop may have changed what the room sees

    # ----------------------------------------------------------------- the beamer

    def beamer_choice(self, exactly: bool) -> BeamerChoice | None:
        """What the beamer should show of this screen; None when it is not for the room.

        ``exactly``: what this screen shows now (F9); otherwise the screen, following the
        meeting. The item screens add their item (and the votes screen its vote).
        """
        if self.SCREEN_NAME not in BEAMER_SCREENS:
            return None
        return BeamerChoice(Showing(self.SCREEN_NAME))

    # --------------------------------------------------------- shown again (F-keys)

    def shown_again(self, item_id: int | None) -> None:
        """This kept screen is about to be shown again by an F-key (``MeetingScreens``): on
        its resume it reads what it shows, and the beamer follows it again. ``item_id``: the
        item the screen it came from handed on (see ``item_to_hand_on``)."""
        self._shown_again = True
        self._beamer_followed = False

    @on(events.ScreenSuspend)
    def _suspended(self) -> None:
        # The styles are current while a screen is shown (a new theme restyles it).
        self._styled_at = self.app._css_update_count

    @on(events.ScreenResume)
    def _resumed(self, event: events.ScreenResume) -> None:
        # Textual restyles every widget of a screen it switches to, and that throws away
        # what each widget had drawn: on the big meeting two thirds of showing a kept screen
        # again. Only when the theme or the stylesheet changed meanwhile is it needed (the
        # app counts those changes; ``tests/screens/test_meeting_screens.py`` checks it still does).
        if event.refresh_styles and self._styled_at == self.app._css_update_count:
            event.refresh_styles = False
        if not self._shown_again:
            return  # back from a dialog: what it changed, its answer has shown
        self._shown_again = False
        # What the status line said was about the last visit: a kept screen starts fresh.
        for line in self.query(StatusLine):
            line.update("")
        if self._changes is not None:
            self._changes.changed()  # read now: what others did so far is on the screen
        self.reopened()

    def reopened(self) -> None:
        """Read again what this screen shows (it was away; others may have changed things):
        the top of the screen, then ``follow_changes``. Screens that read the meeting with
        their own state override it."""
        meeting = self.load_meeting()
        if meeting is not None:
            self.show_meeting(meeting)
        self.follow_changes()

    @on(events.ScreenResume)
    def _follow_on_beamer(self) -> None:
        """The beamer follows the chair: opening a screen for the room records it, once per
        visit (one short write, none at all when the beamer already shows it); any screen
        of a meeting records the meeting, which the beamer shows before the start. The title
        bar then says what the beamer shows."""
        if not self._beamer_followed:
            self._beamer_followed = True
            try:
                self.store.show_on_beamer(self.meeting_id, self.beamer_choice(exactly=False))
            except BazError:
                pass  # the beamer is a courtesy to the room: it never stops the chair
        self.show_beamer_state()

    def action_show_on_beamer(self) -> None:
        """F9: the beamer stays on exactly this (this item, this vote) while the meeting moves
        on; F9 again, or another screen for the room, and it follows the meeting again."""
        choice = self.beamer_choice(exactly=True)
        following = self.beamer_choice(exactly=False)
        if choice is None or following is None:
            return
        status = self.status_line
        try:
            recorded = self.store.beamer_target(self.meeting_id)
            again = recorded is not None and recorded.choice == choice and choice != following
            self.store.show_on_beamer(self.meeting_id, following if again else choice)
            shown = self.store.beamer_target()
        except BazError as error:
            status.show_error(error.message)
            return
        self.show_beamer_state()
        screen = _screen_word(following.showing.value)
        if shown is None or shown.meeting_id != self.meeting_id:
            status.show_error(_("The beamer shows the meeting that is running, not this one."))
        elif again or choice == following:
            status.show_info(_("The beamer follows the meeting ({screen}).").format(screen=screen))
        else:
            status.show_info(
                _("Beamer fixed on item {number} ({screen}); F9 again: follow the meeting.").format(
                    number=self._item_number(choice.item_id), screen=screen
                )
            )

    def show_beamer_state(self) -> None:
        """Say in the title bar what the beamer shows: this meeting following the chair, an
        item fixed with F9, or another meeting (one that runs); and whether the room on their
        phones is open, with its code (also when ``baz zaal`` opened it)."""
        try:
            target = self.store.beamer_target()
            room = self.store.room_info(self.meeting_id)
            bar = self.query_one(TitleBar)
        except (BazError, NoMatches):
            return
        from screens.room import room_state_text

        bar.show_room(room_state_text(room.code) if room is not None and room.is_open else "")
        if target is None:
            bar.show_beamer(_("Beamer: nothing"))
        elif target.meeting_id != self.meeting_id:
            bar.show_beamer(_("Beamer: another meeting"))
        elif target.choice.item_id is None:
            screen = _screen_word(target.choice.showing.value)
            bar.show_beamer(_("Beamer: follows ({screen})").format(screen=screen))
        else:
            bar.show_beamer(
                _("Beamer: fixed on item {number} ({screen})").format(
                    number=self._item_number(target.choice.item_id),
                    screen=_screen_word(target.choice.showing.value),
                ),
                fixed=True,
            )

    def _item_number(self, item_id: int | None) -> str:
        """The number of an agenda item of this meeting, as the agenda shows it."""
        agenda = getattr(self, "agenda", None)  # the item screens hold it
        try:
            items = agenda.items if agenda is not None else self.store.list_agenda(self.meeting_id)
        except BazError:
            return "?"
        return next((str(i.number) for i in items if i.id == item_id), "?")

    # ------------------------------------------------------------ the room (phones)

    def action_room(self) -> None:
        """Z: open the room for phones (after a yes) and show its QR code, address and code;
        while this app serves it, show them again, with X to close it."""
        from screens.room import RoomDialog, RoomHost, open_question

        host = self.app
        if not isinstance(host, RoomHost):
            self.status_line.show_hint(_("The room for phones opens from BaZ itself."))
            return
        meeting_id = self.meeting_id

        def answered(close_room: bool | None) -> None:
            if close_room:
                host.stop_room(meeting_id)
                self.show_beamer_state()
                self.status_line.show_info(_("The room is closed for phones."))

        served = host.served_room(meeting_id)
        if served is not None:
            self.app.push_screen(RoomDialog(served), answered)
            return

        def started(room: OpenRoom | None, error: str | None) -> None:
            if not self.is_attached:
                return
            self.show_beamer_state()
            if room is None:
                self.status_line.show_error(error or _("The room's server did not start."))
                return
            self.status_line.show_info(_("The room is open: {url}").format(url=room.url))
            self.app.push_screen(RoomDialog(room), answered)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.status_line.show_hint(_("Opening the room for phones…"))
                host.start_room(meeting_id, started)

        from screens.widgets.confirm import ConfirmDialog

        self.app.push_screen(
            ConfirmDialog(open_question(), _("Open the room"), no_label=_("Not now")),
            confirmed,
        )

    # ------------------------------------------------------ a key that cannot act now

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        """Why the key of ``action`` cannot act now, for the status line: None for the general
        answer, "" to stay silent. ``check_action`` says whether a key acts; this says why
        not (the screens' answers are in ``screens.key_reasons``)."""
        if action == "show":
            return _("You are on this screen.")
        if action == "undo":
            return nothing_to_undo()
        if action == "show_on_beamer":
            return _("This screen is not for the room: F9 works on the agenda, speakers, "
                     "analysis and votes.")  # fmt: skip
        from screens.key_reasons import reason_for

        return reason_for(self, action, parameters)

    def say_why_not(self, action: str, parameters: tuple[object, ...] = (), key: str = "") -> None:
        """Answer a key that cannot act now: why, in the status line."""
        reason = self.why_not(action, parameters)
        if reason is None:
            binding = next(
                (b for b in bindings_now(self).key_to_bindings.get(key, ()) if b.description),
                None,
            )
            what = binding.description if binding is not None else action
            reason = _("“{what}” ({key}) cannot be done now.").format(
                what=what, key=key_label(key) if key else "?"
            )
        if reason:
            # A hint, not an error: nothing went wrong, the key just has no work now.
            self.status_line.show_hint(reason)

    @on(events.Key)
    def _answer_a_key_that_cannot_act(self, event: events.Key) -> None:
        """A key of this screen that cannot act now would do nothing at all (Textual passes
        it on, and nobody takes it): say why instead. Keys the focused widget or the app take
        are theirs; a screen's own ``on_key`` that handles a key stops it before this."""
        from screens.key_reasons import refused_action

        refused = refused_action(self, event.key)
        if refused is not None:
            self.say_why_not(*refused, key=event.key)

    def load_meeting(self) -> MeetingInfo | None:
        """Read the meeting; an error (e.g. deleted elsewhere) is shown, and None returned."""
        try:
            self.meeting = self.store.get_meeting(self.meeting_id)
        except BazError as error:
            self.notify(error.message, severity="error")
            return None
        return self.meeting

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show" and parameters and parameters[0] == self.SCREEN_NAME:
            return None  # the screen you are on: shown dimmed, so you see where you are
        if action == "show_on_beamer" and self.SCREEN_NAME not in BEAMER_SCREENS:
            return False  # attendance, minutes, process are not for the room: no key at all
        if action == "undo":
            return (
                True if self.undo_steps else None
            )  # dimmed: the key is there, nothing to take back
        return True

    def compose_top(self) -> ComposeResult:
        """The top of every meeting screen: the title bar, the line of screens, the frames of
        the process and the meeting's date and place (filled by ``show_meeting``)."""
        yield TitleBar()
        yield screen_tabs(self.SCREEN_NAME, self.app)
        yield ProcessBanner(id="banner")
        yield Static(id="meeting-line")

    def show_meeting(self, meeting: MeetingInfo) -> None:
        """Fill the top of the screen with the meeting as the Store returned it."""
        if meeting == self._meeting_shown:
            return  # the usual case after a key: the same meeting (its lines are as they are)
        self._meeting_shown = meeting
        self.title = meeting.title
        self.query_one(ProcessBanner).show(meeting.process)
        # Only what changed: a screen shown again mostly shows the same meeting, and each
        # update of a line asks for a layout of the whole screen.
        show(self.query_one("#meeting-line", Static), meeting_line(meeting))

    def update_keys(self) -> None:
        """Refresh the Footer only when a key's state really changed.

        The Footer rebuilds all its keys on every ``refresh_bindings()`` — tens of
        milliseconds, more than the action that caused it — so per-key actions call this.
        """
        states = []
        for binding in self.BINDINGS:
            if isinstance(binding, Binding):
                _namespace, name, parameters = _parsed_action(binding.action)
                states.append(self.check_action(name, parameters))
        if tuple(states) != getattr(self, "_key_states", None):
            self._key_states = tuple(states)
            self.refresh_bindings()

    def before_leaving(self) -> bool:
        """Save what is pending; return False to stay (e.g. the form has an error)."""
        return True

    def item_to_hand_on(self) -> int | None:
        """The agenda item the next screen about one item should show; None: let it follow
        the meeting (the running item)."""
        return None

    def action_show(self, name: str) -> None:
        if name == self.SCREEN_NAME or not self.before_leaving():
            return
        item_id = self.item_to_hand_on()
        if self.meeting_screens is None:
            return  # built on its own (no meeting open around it): nowhere to go by name
        self.app.switch_screen(self.meeting_screens.screen(name, item_id))

    def meeting_runs(self) -> bool:
        """Whether the meeting runs now (read now: another laptop may have started it)."""
        try:
            return self.store.get_meeting(self.meeting_id).status is MeetingStatus.LOPEND
        except BazError:
            return False  # gone meanwhile: nothing runs that leaving could interrupt

    def action_leave(self) -> None:
        """Esc: back to the list of meetings — not while the meeting runs; then it says
        which key leaves."""
        if self.meeting_runs():
            self.status_line.show_hint(
                _("The meeting is running: Esc stays here. F10 goes to the list of meetings.")
            )
            return
        self._leave()

    def action_to_meetings(self) -> None:
        """F10: to the list of meetings; while the meeting runs only after a yes."""
        if not self.meeting_runs():
            self._leave()
            return
        from screens.widgets.confirm import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                self._leave()

        self.app.push_screen(
            ConfirmDialog(
                _(
                    "The meeting is running. Go to the list of meetings? The meeting runs on, "
                    "its clock too; Enter on it brings you back to the agenda."
                ),
                _("Yes, to the list"),
                no_label=_("No, stay here"),
            ),
            answer,
        )

    def _leave(self) -> None:
        if self.before_leaving():
            self.app.pop_screen()
            if self.meeting_screens is not None:
                self.meeting_screens.close(leaving=self)


#: Keys of the screens that work on one agenda item at a time.
#: Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
ITEM_BINDINGS = [
    Binding(
        "comma",
        "other_item(-1)",
        _("Previous item"),
        show=False,
        tooltip=_("Show the previous agenda item"),
        id="item.show_previous",
    ),
    Binding(
        "full_stop",
        "other_item(1)",
        _("Next item"),
        show=False,
        tooltip=_("Show the next agenda item"),
        id="item.show_next",
    ),
]


class ItemScreen(MeetingScreen):
    """A meeting screen about one agenda item: it follows the running item; , and . browse."""

    def __init__(self, store: Store, meeting_id: int, item_id: int | None = None) -> None:
        super().__init__(store, meeting_id)
        self.agenda: AgendaState | None = None
        #: The item shown; None follows the meeting (see ``item_to_follow``).
        self.item_id: int | None = item_id
        #: The item handed on when shown again by an F-key (None: follow the meeting).
        self._handed_item: int | None = None

    @property
    def item(self) -> AgendaItemInfo | None:
        if self.agenda is None:
            return None
        return next((i for i in self.agenda.items if i.id == self.item_id), None)

    def load_agenda(self) -> str | None:
        """Read the agenda and pick the item to show; the error message if it failed."""
        try:
            self.agenda = self.store.agenda_state(self.meeting_id)
        except BazError as error:
            return error.message
        self.item_id = item_to_follow(self.agenda, self.item_id)
        return None

    def beamer_choice(self, exactly: bool) -> BeamerChoice | None:
        choice = super().beamer_choice(exactly)
        if choice is None or not exactly:
            return choice
        return BeamerChoice(choice.showing, self.item_id)

    def item_to_hand_on(self) -> int | None:
        # The item screens stay on the agenda item you were looking at.
        return self.item_id

    def item_title(self) -> Text:
        """ "Item 7. Choice of design  ▶ running" for the line above the item's content."""
        item = self.item
        if item is None:
            return Text(_("This meeting has no agenda items."))
        text = Text()
        text.append(
            _("Item {number}. {title}").format(number=item.number, title=item.title), style="bold"
        )
        agenda = self.agenda
        if agenda is not None and agenda.running_item_id == item.id:
            text.append("  ▶ " + _("running"))
        elif agenda is not None and agenda.meeting.status is MeetingStatus.GESLOTEN:
            # Say why this item is shown when the meeting is over (never item 1 unexplained).
            text.append("  ■ " + _("meeting closed"))
            if last_item_that_ran(agenda) == item.id:
                text.append(" · " + _("the last item that ran"))
        else:
            text.append("  · " + _("not running"))
        return text

    def action_other_item(self, delta: int) -> None:
        if self.agenda is None or self.item_id is None or not self.before_leaving():
            return
        ids = [i.id for i in self.agenda.items]
        index = ids.index(self.item_id) + delta
        if 0 <= index < len(ids):
            self.item_id = ids[index]
            self.item_changed()

    def item_changed(self) -> None:
        """Show the item ``self.item_id`` now names (after , or .)."""
        raise NotImplementedError

    def shown_again(self, item_id: int | None) -> None:
        super().shown_again(item_id)
        self._handed_item = item_id

    def reopened(self) -> None:
        """Shown again: the agenda is read again and the item chosen as a new screen would
        (the one handed on, else the running one); another item is shown as after , or ."""
        meeting = self.load_meeting()
        if meeting is not None:
            self.show_meeting(meeting)
        before = self.item_id
        self.item_id = self._handed_item
        error = self.load_agenda()
        if error:
            self.item_id = before
            self.status_line.show_error(error)
            return
        if self.item_id != before:
            self.item_changed()
        else:
            self.follow_changes()
