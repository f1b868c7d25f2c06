"""The screens of one open meeting, kept between visits, built by name.

Its own module so that the base of the meeting screens (``screens.meeting_base``) never
imports the screens built on it: a screen asks to be shown another by name, through the
:class:`MeetingScreens` of its meeting, which the home screen makes when a meeting opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from screens.meeting_base import MeetingScreen

if TYPE_CHECKING:
    from textual.app import App

    from models.store import Store


def make_meeting_screen(
    name: str, store: Store, meeting_id: int, item_id: int | None = None
) -> MeetingScreen:
    """Build the meeting screen called ``name`` (imported here to keep start-up light);
    a screen about one agenda item starts on ``item_id`` when given."""
    if name == "agenda":
        from screens.agenda import AgendaScreen

        return AgendaScreen(store, meeting_id)
    if name == "speakers":
        from screens.speakers import SpeakersScreen

        return SpeakersScreen(store, meeting_id, item_id)
    if name == "analysis":
        from screens.analysis import AnalysisScreen

        return AnalysisScreen(store, meeting_id, item_id)
    if name == "votes":
        from screens.votes import VotesScreen

        return VotesScreen(store, meeting_id, item_id)
    if name == "minutes":
        from screens.minutes import MinutesScreen

        return MinutesScreen(store, meeting_id)
    if name == "attendance":
        from screens.attendance import AttendanceScreen

        return AttendanceScreen(store, meeting_id)
    if name == "process":
        from screens.process import ProcessScreen

        return ProcessScreen(store, meeting_id)
    raise ValueError(f"unknown meeting screen {name!r}")


class MeetingScreens:
    """The screens of one open meeting, each built the first time it is shown and then kept
    until the meeting is left.

    An F-key switches to the kept screen, which reads again what it shows
    (``MeetingScreen.reopened``), instead of composing, mounting, styling and laying out a new
    one: on the big meeting that took 80–330 ms per opening, mostly in the first layout and
    the first frames of a new screen (and its tables filled anew); a kept screen costs a
    repaint and its reads. It also keeps what the chair left there: the selected row, the
    focus, the undo of that screen.
    """

    def __init__(self, app: App[object], store: Store, meeting_id: int) -> None:
        self.app = app
        self.store = store
        self.meeting_id = meeting_id
        self._screens: dict[str, MeetingScreen] = {}

    def screen(self, name: str, item_id: int | None = None) -> MeetingScreen:
        """The screen called ``name``: built now (on ``item_id``, for a screen about one
        item), or the kept one, told it is shown again."""
        screen = self._screens.get(name)
        if screen is None:
            screen = make_meeting_screen(name, self.store, self.meeting_id, item_id)
            screen.meeting_screens = self
            # Installed: Textual keeps an installed screen when it is switched away from.
            self.app.install_screen(screen, f"meeting-{self.meeting_id}-{name}-{id(self)}")
            self._screens[name] = screen
        else:
            screen.shown_again(item_id)
        return screen

    def close(self, leaving: MeetingScreen | None = None) -> None:
        """The meeting is left: every kept screen goes. ``leaving`` was just popped off the
        screen stack; Textual removes it itself once it is no longer installed."""
        screens, self._screens = list(self._screens.values()), {}
        for screen in screens:
            self.app.uninstall_screen(screen)
            if screen is not leaving and screen.is_attached:
                screen.remove()
