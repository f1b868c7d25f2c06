"""The screens of an open meeting: a running meeting left only on purpose (F10, asking) and
reopened on its agenda (issue #23)."""

from __future__ import annotations

from models.domain import MeetingStatus
from screens.agenda import AgendaScreen
from screens.attendance import AttendanceScreen
from screens.home import HomeScreen
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
        # Enter brings the chair back to the agenda.
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
