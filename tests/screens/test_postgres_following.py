"""A second laptop on the same meeting: the chair's screens show what the other one saved.

Two Stores on one database stand for two laptops: on PostgreSQL the screens follow by
themselves (LISTEN/NOTIFY); on SQLite, where the app is one laptop's, they are told to (the
data_version counter). The app looks once a second (here every 50 ms).
"""

from __future__ import annotations

import pytest

from baz_tui.app import BazApp
from models.demo import create_demo, find_next_evening
from models.domain import Presence
from models.store import Store
from screens.agenda import AgendaScreen
from screens.attendance import AttendanceScreen
from screens.speakers import SpeakersScreen
from tests.conftest import Clock, lend, open_meeting_screen, until, wait_loaded


@pytest.mark.usefixtures("quick_looks")
async def test_screens_follow_what_another_laptop_saves(
    store_url: str, backend: str, clock: Clock
) -> None:
    here = Store.open(store_url, clock=clock)
    there = Store.open(store_url, clock=clock)  # the note-taker's laptop
    create_demo(here)
    meeting = find_next_evening(here)  # the evening to run; first in the list of meetings
    assert meeting is not None
    for person in here.list_attendees(meeting.id):
        here.set_presence(person.id, Presence.AANWEZIG)
    item = here.list_agenda(meeting.id)[5]
    here.start_meeting(meeting.id)
    here.start_item(item.id)
    follow = None if backend == "postgresql" else True  # a server: by itself
    app = BazApp(lambda: lend(here.database), clock=clock, follow_changes=follow)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        screen = await open_meeting_screen(pilot, "f3")
        assert isinstance(screen, SpeakersScreen)
        waiting_before = [e.name for e in screen.state.waiting]
        busy = {e.attendee_id for e in screen.state.waiting}
        if screen.state.current is not None:
            busy.add(screen.state.current.attendee_id)
        anna = next(a for a in there.list_attendees(meeting.id) if a.id not in busy)
        there.add_speaker(item.id, anna.id)
        await until(
            pilot,
            lambda: [e.name for e in screen.state.waiting] == [*waiting_before, anna.name],
            "the speaker added on the other laptop",
        )

        agenda = await open_meeting_screen(pilot, "f2")
        assert isinstance(agenda, AgendaScreen)
        there.next_item(meeting.id)
        following = here.list_agenda(meeting.id)[6]
        await until(
            pilot,
            lambda: agenda.state.running_item_id == following.id,
            "the next item started on the other laptop",
        )

        attendance = await open_meeting_screen(pilot, "f7")
        assert isinstance(attendance, AttendanceScreen)
        there.set_presence(anna.id, Presence.AFWEZIG)
        await until(
            pilot,
            lambda: attendance.attendees[anna.id].presence is Presence.AFWEZIG,
            "the presence marked on the other laptop",
        )
        assert "afwezig" in str(attendance.query_one("#counts").render())
    here.close()
    there.close()


async def test_only_a_database_server_is_followed(store, meeting, backend) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_app

    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        screen = await open_meeting_screen(pilot, "f3")
        # SQLite is this laptop's own file: no other laptops to look for.
        assert (screen._changes is not None) == (backend == "postgresql")
