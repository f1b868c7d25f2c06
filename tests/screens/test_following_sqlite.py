"""Two windows on one SQLite file follow each other (issue #21): the chair in one, the
note-taker in another, on one laptop, as two laptops do on PostgreSQL.

The other window is a Store of its own on the same file (its own engine and connections, as a
second process has). The app notices its commits within a look or two and shows them; its own
actions, already drawn, never make it read again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.evening import make_evening
from models.domain import Presence
from models.store import Store
from screens.meeting_base import MeetingScreen
from tests.conftest import Clock, make_app, open_meeting_screen, until

pytestmark = pytest.mark.usefixtures("quick_looks")


@pytest.fixture
def shared(tmp_path: Path, clock: Clock):  # type: ignore[no-untyped-def]
    """The chair's Store and the note-taker's, on one file, with a running item."""
    path = tmp_path / "baz.db"
    chair = Store.open(path, clock=clock)
    meeting = make_evening(chair, present=True, started=True)
    item = chair.list_agenda(meeting.id)[0]
    chair.start_item(item.id)
    other = Store.open(path, clock=clock)
    yield chair, other, meeting, item
    other.close()
    chair.close()


async def test_the_speaker_list_follows_the_other_window(shared) -> None:  # type: ignore[no-untyped-def]
    chair, other, meeting, item = shared
    app = make_app(chair)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting_screen(pilot, "f3")
        person = other.list_attendees(meeting.id)[3]
        other.add_speaker(item.id, person.id)
        await until(
            pilot,
            lambda: person.id in {e.attendee_id for e in screen.state.waiting},
            "the speaker the other window added",
        )
        other.next_speaker(item.id)
        await until(
            pilot,
            lambda: (
                screen.state.current is not None and screen.state.current.attendee_id == person.id
            ),
            "who has the floor now",
        )


async def test_the_agenda_and_attendance_follow_too(shared) -> None:  # type: ignore[no-untyped-def]
    chair, other, meeting, item = shared
    app = make_app(chair)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting_screen(pilot, "f2")
        other.next_item(meeting.id)
        await until(pilot, lambda: screen.state.running_item_id != item.id, "the next item running")
        await pilot.press("f7")
        attendance = app.screen
        somebody = other.list_attendees(meeting.id)[0]
        other.set_presence(somebody.id, Presence.AFWEZIG)
        await until(
            pilot,
            lambda: attendance.attendees[somebody.id].presence is Presence.AFWEZIG,
            "the presence changed in the other window",
        )


def _reads_of(screen: MeetingScreen, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A "read" each time a screen of this kind reads what it shows again."""
    reads: list[str] = []
    original = type(screen).follow_changes
    monkeypatch.setattr(
        type(screen), "follow_changes", lambda self: (reads.append("read"), original(self))
    )
    return reads


async def test_its_own_actions_never_make_it_read_again(shared, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    chair, other, meeting, _item = shared
    # The looks of the screen on top, counted from the start (its timer holds the method).
    looks: list[MeetingScreen] = []
    look = MeetingScreen._look_for_changes

    def counted_look(self: MeetingScreen) -> None:
        if self.is_active:
            looks.append(self)
        look(self)

    monkeypatch.setattr(MeetingScreen, "_look_for_changes", counted_look)
    app = make_app(chair)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting_screen(pilot, "f7")
        reads = _reads_of(screen, monkeypatch)
        for key in ("a", "k", "w", "a", "u"):
            await pilot.press(key)
        after_the_keys = looks.count(screen)
        await until(pilot, lambda: looks.count(screen) >= after_the_keys + 10, "ten looks")
        assert reads == []
        # A real change (everyone is present already: "present" again would change no row).
        other.set_presence(other.list_attendees(meeting.id)[-1].id, Presence.AFWEZIG)
        await until(pilot, lambda: bool(reads), "a read after the other window's change")
        assert len(reads) == 1


async def test_a_look_while_the_app_quits_reads_nothing(shared, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    chair, other, meeting, _item = shared
    app = make_app(chair)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting_screen(pilot, "f7")
        reads = _reads_of(screen, monkeypatch)
    # The app has quit and no screen is on its stack; a kept screen's timer may still tick
    # (in the app's context), with another window's change waiting to be read.
    other.set_presence(other.list_attendees(meeting.id)[-1].id, Presence.AFWEZIG)
    with app._context():
        screen._look_for_changes()
    assert reads == []
