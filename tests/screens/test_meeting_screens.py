"""The screens of an open meeting: kept alive between visits and read again when shown, a
running meeting left only on purpose (F10, asking) and reopened on its agenda (issue #23)."""

from __future__ import annotations

from datetime import date, time

from models.domain import MeetingStatus, Presence
from screens.agenda import AgendaScreen
from screens.attendance import AttendanceScreen
from screens.home import HomeScreen
from screens.speakers import SpeakersScreen
from screens.widgets.confirm import ConfirmDialog
from tests.conftest import make_app, wait_loaded

SIZE = (120, 36)


async def _open(pilot):  # type: ignore[no-untyped-def]
    await wait_loaded(pilot)
    await pilot.press("enter")
    await pilot.pause()
    return pilot.app.screen


def _status(screen) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one("#status").render())


async def test_a_meeting_still_to_come_opens_at_the_door(store, meeting) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(await _open(pilot), AttendanceScreen)


async def test_a_running_meeting_opens_on_its_agenda(store, meeting) -> None:
    """Reopening a running meeting (after leaving it, or after a restart) goes to where the
    chair runs it, not to the door."""
    store.start_meeting(meeting.id)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        assert isinstance(screen, AgendaScreen)
        assert screen.meeting_id == meeting.id


async def test_esc_does_not_leave_a_running_meeting_and_f10_asks(store, meeting) -> None:
    store.start_meeting(meeting.id)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        agenda = await _open(pilot)
        await pilot.press("f7")
        await pilot.pause()
        attendance = app.screen
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen is attendance  # a stray Esc (or two) keeps the chair here
        assert "F10" in _status(attendance)  # and says which key leaves
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # no: stay
        await pilot.pause()
        assert app.screen is attendance
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert store.get_meeting(meeting.id).status is MeetingStatus.LOPEND  # it runs on
        # The kept screens of the meeting went with it.
        assert not app.is_screen_installed(agenda) and not app.is_screen_installed(attendance)
        assert not agenda.is_attached and not attendance.is_attached
        # Enter brings the chair back to the agenda, a new one.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen) and app.screen is not agenda


async def test_esc_leaves_a_meeting_that_does_not_run(store, meeting) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f10")  # F10 too, without asking: nothing runs
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_screens_are_kept_and_read_again_when_shown(store, meeting) -> None:
    """F-keys switch to the same screens, which show what changed while they were away
    (here or on another laptop) and keep what the chair left: the selection, the undo."""
    store.start_meeting(meeting.id)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        agenda = await _open(pilot)
        await pilot.press("f7")
        await pilot.pause()
        attendance = app.screen
        await pilot.press("down", "down", "a")  # Fatima Ouali present
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is agenda
        await pilot.press("v")  # the first item runs
        await pilot.pause()
        # Meanwhile another laptop marks someone absent with notice.
        jan = next(p for p in store.list_attendees(meeting.id) if p.name == "Jan de Vries")
        store.set_presence(jan.id, Presence.AFWEZIG_MET_KENNISGEVING)
        await pilot.press("f7")
        await pilot.pause()
        assert app.screen is attendance
        assert attendance.attendees[jan.id].presence is Presence.AFWEZIG_MET_KENNISGEVING
        assert attendance.selected is not None and attendance.selected.name == "Fatima Ouali"
        await pilot.press("u")  # the undo of this screen is still there
        await pilot.pause()
        fatima = attendance.selected
        assert store.list_attendees(meeting.id)[2].id == fatima.id
        assert store.list_attendees(meeting.id)[2].presence is Presence.ONBEKEND


async def test_a_kept_item_screen_follows_the_running_item(store, meeting) -> None:
    store.start_meeting(meeting.id)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        agenda = await _open(pilot)
        await pilot.press("v")  # 1. Opening runs
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        speakers = app.screen
        assert isinstance(speakers, SpeakersScreen)
        items = store.list_agenda(meeting.id)
        assert speakers.item_id == items[0].id
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is agenda
        await pilot.press("v")  # 2. runs now
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen is speakers
        assert speakers.item_id == items[1].id
        assert "2." in str(speakers.query_one("#item-line").render())


async def test_a_new_theme_reaches_the_screens_kept_away(store, meeting) -> None:
    """Showing a kept screen skips restyling it (the costly part), but not after the theme
    changed: then it is restyled as Textual does for every screen."""
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        attendance = await _open(pilot)
        await pilot.press("f2")
        await pilot.pause()
        before = attendance.styles.background
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        assert app.screen is attendance
        assert attendance.styles.background != before
        assert attendance.styles.background == app.screen.styles.background
        # What that relies on: Textual counts the changes of its stylesheet and theme.
        assert isinstance(app._css_update_count, int)


async def test_a_smaller_window_reaches_the_screens_kept_away(store, meeting) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await pilot.press("f2")
        await pilot.pause()
        agenda = app.screen
        assert agenda.has_class("-wide")
        await pilot.press("f7")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is agenda and agenda.has_class("-narrow")


async def test_another_meeting_gets_screens_of_its_own(store, meeting) -> None:
    other = store.create_meeting("Latere avond", date(2026, 12, 15), time(19, 30))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        first = await _open(pilot)  # the newest: the later evening
        assert first.meeting_id == other.id
        await pilot.press("escape", "down", "enter")
        await pilot.pause()
        second = app.screen
        assert isinstance(second, AttendanceScreen) and second.meeting_id == meeting.id
        assert second is not first
