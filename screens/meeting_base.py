"""What every screen of an opened meeting shares: the Store, the meeting, F-key navigation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen

from models.errors import BazError
from models.i18n import _
from models.views import MeetingInfo
from screens.widgets.screen_tabs import ScreenTabs

if TYPE_CHECKING:
    from models.store import Store


def meeting_line(meeting: MeetingInfo) -> Text:
    """ "Title — Tuesday 1 December 2026, 19:30 — place" for the top of a meeting screen."""
    from models.formatting import format_time, format_weekday_date

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
NAVIGATION_BINDINGS = [
    Binding(
        "escape",
        "leave",
        _("Back"),
        show=True,
        id="go-home",
        tooltip=_("Back to the list of meetings"),
    ),
    # The F-keys are shown by ScreenTabs above the content, not in the Footer.
    Binding(
        "f2",
        "show('agenda')",
        _("Agenda"),
        show=False,
        priority=True,
        id="go-agenda",
        tooltip=_("Prepare and run the agenda against the clock"),
    ),
    Binding(
        "f3",
        "show('speakers')",
        _("Speakers"),
        show=False,
        priority=True,
        id="go-speakers",
        tooltip=_("Who has the floor, who is next, and for how long"),
    ),
    Binding(
        "f7",
        "show('attendance')",
        _("Attendance"),
        show=False,
        priority=True,
        id="go-attendance",
        tooltip=_("Who is here: mark present or absent"),
    ),
    Binding(
        "f8",
        "show('process')",
        _("Process"),
        show=False,
        priority=True,
        id="go-process",
        tooltip=_("Participation level and frames of the process"),
    ),
]


def screen_tabs(current: str) -> ScreenTabs:
    """The line of meeting screens with their F-keys, ``current`` marked."""
    tabs = [
        (binding.key.upper(), binding.description, binding.action.split("'")[1])
        for binding in NAVIGATION_BINDINGS
        if binding.action.startswith("show(")
    ]
    return ScreenTabs(tabs, current)


class MeetingScreen(Screen[None]):
    """Base of the screens of one meeting; switches between them with the F-keys."""

    #: The name under which this screen is listed in ``MEETING_SCREENS``.
    SCREEN_NAME = ""

    def __init__(self, store: Store, meeting_id: int) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.meeting: MeetingInfo | None = None

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
        return True

    def update_keys(self) -> None:
        """Refresh the Footer only when a key's state really changed.

        The Footer rebuilds all its keys on every ``refresh_bindings()`` — tens of
        milliseconds, more than the action that caused it — so per-key actions call this.
        """
        from textual.actions import parse

        states = []
        for binding in self.BINDINGS:
            if isinstance(binding, Binding):
                _namespace, name, parameters = parse(binding.action)
                states.append(self.check_action(name, parameters))
        if tuple(states) != getattr(self, "_key_states", None):
            self._key_states = tuple(states)
            self.refresh_bindings()

    def before_leaving(self) -> bool:
        """Save what is pending; return False to stay (e.g. the form has an error)."""
        return True

    def action_show(self, name: str) -> None:
        if name == self.SCREEN_NAME or not self.before_leaving():
            return
        self.app.switch_screen(make_meeting_screen(name, self.store, self.meeting_id))

    def action_leave(self) -> None:
        if self.before_leaving():
            self.app.pop_screen()


def make_meeting_screen(name: str, store: Store, meeting_id: int) -> MeetingScreen:
    """Build the meeting screen called ``name`` (imported here to keep start-up light)."""
    if name == "agenda":
        from screens.agenda import AgendaScreen

        return AgendaScreen(store, meeting_id)
    if name == "speakers":
        from screens.speakers import SpeakersScreen

        return SpeakersScreen(store, meeting_id)
    if name == "attendance":
        from screens.attendance import AttendanceScreen

        return AttendanceScreen(store, meeting_id)
    if name == "process":
        from screens.process import ProcessScreen

        return ProcessScreen(store, meeting_id)
    raise ValueError(f"unknown meeting screen {name!r}")
