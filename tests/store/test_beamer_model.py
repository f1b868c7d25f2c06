"""The beamer's picture, read by a second, read-only connection to the chair's database file.

Two Stores on one SQLite file, as on the evening itself: the chair's (``store``) writes, the
beamer's (``beamer_store``) only reads. A change by one is in the other's picture at the next
poll; when nothing changed, nothing is read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from datetime import time as clock_time
from pathlib import Path
from typing import Any

import pytest

from models.beamer import BeamerFeed
from models.database import Database
from models.database.changes import ChangeSignal
from models.domain import CardKind, Channel, Presence
from models.errors import DatabaseError
from models.i18n import _
from models.records.beamer import BeamerChoice, Phase, Showing
from models.store import Store
from tests.conftest import Clock, everyone_present_item_running


@pytest.fixture
def store(clock: Clock, tmp_path: Path) -> Iterator[Store]:
    """The chair's Store, on a file (the conftest ``meeting`` fixture fills it)."""
    s = Store.open(tmp_path / "baz.db", clock=clock)
    yield s
    s.close()


@pytest.fixture
def beamer_store(store: Store, clock: Clock) -> Iterator[Store]:
    """The beamer's Store: the same file, opened read-only."""
    assert store.database.sqlite_path is not None
    s = Store(Database.open_read_only(store.database.sqlite_path), clock)
    yield s
    s.close()


def people(store: Store, meeting_id: int) -> dict[str, int]:
    return {a.name: a.id for a in store.list_attendees(meeting_id)}


# ------------------------------------------------------------------------- following


def test_a_change_by_the_chair_is_in_the_next_picture_and_no_change_reads_nothing(
    store, beamer_store, meeting
) -> None:  # type: ignore[no-untyped-def]
    feed = BeamerFeed(beamer_store, meeting.id)
    first = feed.poll()
    assert first is not None and first.phase is Phase.NOT_STARTED
    assert feed.reads == 1

    for _round in range(200):
        assert feed.poll() is None
    assert feed.reads == 1, "nothing changed, so nothing may be read"

    # The very next poll after the chair's commit has it: the beamer is one poll interval
    # behind at most (how long a poll takes is the bench's to measure, not a test's).
    store.start_meeting(meeting.id)
    view = feed.poll()
    assert view is not None and view.phase is Phase.RUNNING
    assert feed.reads == 2
    assert feed.poll() is None and feed.reads == 2


def test_a_commit_that_changes_nothing_does_not_wake_the_beamer(
    store, beamer_store, meeting
) -> None:  # type: ignore[no-untyped-def]
    feed = BeamerFeed(beamer_store, meeting.id)
    feed.poll()
    assert store.show_on_beamer(meeting.id, BeamerChoice(Showing.VOTES)) is True
    assert feed.poll() is not None
    reads = feed.reads
    # Opening the votes screen again: the same view, so no write and no read.
    assert store.show_on_beamer(meeting.id, BeamerChoice(Showing.VOTES)) is False
    assert feed.poll() is None
    assert feed.reads == reads


def test_a_change_to_another_meeting_is_read_but_shows_nothing_new(
    store, beamer_store, meeting
) -> None:  # type: ignore[no-untyped-def]
    other = store.create_meeting("Wijkschouw", date(2026, 12, 8), clock_time(20, 0))
    feed = BeamerFeed(beamer_store, meeting.id)
    feed.poll()
    store.add_attendee(other.id, "Kees Kok", "bewoner", "naam")
    assert feed.poll() is None  # read again (the file changed), but the picture is the same
    assert feed.reads == 2


def test_the_floor_and_the_next_three_named_as_people_agreed(store, beamer_store, meeting) -> None:  # type: ignore[no-untyped-def]
    item_id = everyone_present_item_running(store, meeting)
    who = people(store, meeting.id)
    store.add_speaker(item_id, who["Fatima Ouali"])  # anoniem
    store.add_speaker(item_id, who["Jan de Vries"])  # naam
    store.add_speaker(item_id, None)  # an anonymous resident
    store.add_speaker(item_id, who["Piet Jansen"])  # initialen
    store.add_speaker(item_id, who["Anna Bakker"])  # anoniem, the fifth: not among the next
    store.next_speaker(item_id)
    store.show_on_beamer(meeting.id, BeamerChoice(Showing.SPEAKERS))

    view = BeamerFeed(beamer_store, meeting.id).poll()

    assert view is not None and view.speakers is not None
    assert view.item is not None and view.item.id == item_id and view.item_running
    current = view.speakers.current
    assert current is not None and current.name.startswith(_("Resident {number}").format(number=""))
    assert [s.name for s in view.speakers.next] == [
        "Jan de Vries",
        _("Anonymous resident"),
        "P.J.",
    ]
    assert view.speakers.more_waiting == 1
    assert view.speakers.remaining_seconds(store.now()) == 180
    for hidden in ("Fatima", "Ouali", "Piet", "Jansen", "Anna", "Bakker", "Sanne"):
        assert hidden not in repr(view), hidden


def test_the_speaking_clock_runs_from_the_stored_moments_without_a_read(
    store, beamer_store, meeting, clock
) -> None:  # type: ignore[no-untyped-def]
    item_id = everyone_present_item_running(store, meeting)
    store.add_speaker(item_id, people(store, meeting.id)["Jan de Vries"])
    store.next_speaker(item_id)
    feed = BeamerFeed(beamer_store, meeting.id)
    view = feed.poll()
    assert view is not None and view.speakers is not None

    clock.advance(minutes=3, seconds=27)

    assert feed.poll() is None
    assert view.speakers.remaining_seconds(clock()) == 0
    assert view.speakers.overtime_seconds(clock()) == 27
    assert view.item_elapsed_seconds(clock()) == 3 * 60 + 27


def test_a_vote_counted_and_declared_with_public_texts(store, beamer_store, meeting) -> None:  # type: ignore[no-untyped-def]
    item_id = everyone_present_item_running(store, meeting)
    store.show_on_beamer(meeting.id, BeamerChoice(Showing.VOTES))
    feed = BeamerFeed(beamer_store, meeting.id)
    assert feed.poll().poll is None  # type: ignore[union-attr]

    poll = store.create_poll(item_id, "Wordt Fatima Ouali penningmeester?")
    view = feed.poll()
    assert view is not None and view.poll is not None and view.poll.id == poll.id
    assert "Fatima" not in view.poll.question

    for option, count in zip(poll.options, (3, 1, 0), strict=True):
        store.set_count(poll.id, option.id, Channel.ZAAL, count)
    view = feed.poll()
    assert view is not None and view.poll is not None
    assert [o.total for o in view.poll.options] == [3, 1, 0]
    assert view.poll.is_open

    store.declare_poll(poll.id)
    view = feed.poll()
    assert view is not None and view.poll is not None and not view.poll.is_open
    assert view.poll.result.passed
    assert view.poll.result_text and "Fatima" not in view.poll.result_text


def test_f9_pins_an_item_and_a_vote(store, beamer_store, meeting) -> None:  # type: ignore[no-untyped-def]
    running = everyone_present_item_running(store, meeting)
    earlier = store.list_agenda(meeting.id)[2].id
    first = store.create_poll(running, "Eerste vraag")
    store.create_poll(running, "Tweede vraag")
    feed = BeamerFeed(beamer_store, meeting.id)

    store.show_on_beamer(meeting.id, BeamerChoice(Showing.VOTES, running, first.id))
    view = feed.poll()
    assert view is not None and view.poll is not None and view.poll.id == first.id
    assert (view.poll_number, view.poll_count) == (1, 2)

    store.show_on_beamer(meeting.id, BeamerChoice(Showing.SPEAKERS, earlier))
    view = feed.poll()
    assert view is not None and view.item is not None and view.item.id == earlier
    assert not view.item_running

    # A pinned item that is deleted: the beamer follows the running item again.
    store.delete_agenda_item(earlier)
    view = feed.poll()
    assert view is not None and view.item is not None and view.item.id == running


def test_the_problem_tree_without_authors_and_names(store, beamer_store, meeting) -> None:  # type: ignore[no-untyped-def]
    item_id = everyone_present_item_running(store, meeting)
    anna = people(store, meeting.id)["Anna Bakker"]
    store.add_card(item_id, CardKind.KERNPROBLEEM, "Het plein is te donker")
    state = store.add_card(
        item_id, CardKind.OPLOSSING, "Anna Bakker wil meer lampen", author_attendee_id=anna
    )
    store.add_dots(state.ideas[0].id, 2)
    store.show_on_beamer(meeting.id, BeamerChoice(Showing.ANALYSIS))

    view = BeamerFeed(beamer_store, meeting.id).poll()

    assert view is not None and view.analysis is not None
    assert view.analysis.core is not None and view.analysis.core.text == "Het plein is te donker"
    idea = view.analysis.ideas[0]
    assert idea.dots == 2 and idea.author_name == "" and idea.author_attendee_id is None
    assert "Anna" not in repr(view.analysis) and "Bakker" not in repr(view.analysis)


def test_a_break_and_the_end(store, beamer_store, meeting) -> None:  # type: ignore[no-untyped-def]
    everyone_present_item_running(store, meeting)
    feed = BeamerFeed(beamer_store, meeting.id)
    feed.poll()
    store.start_break(meeting.id)
    assert feed.poll().phase is Phase.ON_BREAK  # type: ignore[union-attr]
    store.end_break(meeting.id)
    assert feed.poll().phase is Phase.RUNNING  # type: ignore[union-attr]
    store.close_meeting(meeting.id)
    view = feed.poll()
    assert view is not None and view.phase is Phase.ENDED
    assert view.meeting is not None and view.meeting.actual_end is not None


# ------------------------------------------------------------------ which meeting


def test_without_an_id_the_beamer_follows_what_is_on(store, beamer_store, meeting, clock) -> None:  # type: ignore[no-untyped-def]
    feed = BeamerFeed(beamer_store)
    view = feed.poll()
    # Planned for today (the test clock stands on 1 December 2026, 19:25).
    assert view is not None and view.phase is Phase.NOT_STARTED
    assert view.meeting is not None and view.meeting.id == meeting.id

    later = store.create_meeting("Wijkschouw", date(2026, 12, 8), clock_time(20, 0))
    assert feed.poll() is None  # today's meeting still comes first

    store.start_meeting(meeting.id)
    assert feed.poll().phase is Phase.RUNNING  # type: ignore[union-attr]

    store.close_meeting(meeting.id)
    view = feed.poll()
    assert view is not None and view.phase is Phase.ENDED  # the thank-you stays up

    clock.advance(minutes=6 * 60 + 1)
    store.add_attendee(later.id, "Kees Kok", "bewoner", "naam")  # any change reads again
    view = feed.poll()
    assert view is not None and view.phase is Phase.NOT_STARTED
    assert view.meeting is not None and view.meeting.id == later.id

    store.delete_meeting(later.id)
    view = feed.poll()
    assert view is not None and view.phase is Phase.NO_MEETING
    assert view.message == _("No meeting is running or planned.")


def test_an_unknown_or_deleted_meeting_is_a_message(store, beamer_store, meeting) -> None:  # type: ignore[no-untyped-def]
    view = BeamerFeed(beamer_store, 999).poll()
    assert view is not None and view.phase is Phase.UNKNOWN_MEETING
    assert view.message == _("There is no meeting with number {id}.").format(id=999)

    feed = BeamerFeed(beamer_store, meeting.id)
    feed.poll()
    store.delete_meeting(meeting.id)
    view = feed.poll()
    assert view is not None and view.phase is Phase.UNKNOWN_MEETING


# --------------------------------------------------------------------- robustness


def test_the_chair_app_restarting_changes_nothing_for_the_beamer(
    store, beamer_store, meeting, clock
) -> None:  # type: ignore[no-untyped-def]
    feed = BeamerFeed(beamer_store, meeting.id)
    feed.poll()
    path = store.database.sqlite_path
    store.close()  # the chair's app quits (its last connection: the WAL is checkpointed)

    again = Store.open(path, clock=clock)
    try:
        again.start_meeting(meeting.id)
        view = feed.poll()
        assert view is not None and view.phase is Phase.RUNNING
    finally:
        again.close()


def test_a_failed_read_keeps_the_last_picture_and_is_tried_again(
    store, beamer_store, meeting, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    # In WAL mode a reader is not kept out by a writer; what can still fail is the file
    # itself (gone for a moment on a network share, a driver's busy error). Such a read fails.
    feed = BeamerFeed(beamer_store, meeting.id)
    before = feed.poll()
    assert before is not None
    reason = _("The database could not be read or written: {reason}").format(
        reason="database is locked"
    )

    def unreadable(meeting_id: int) -> object:
        raise DatabaseError(reason)

    monkeypatch.setattr(beamer_store, "agenda_state", unreadable)
    store.update_meeting(meeting.id, title="Bewonersavond (verplaatst)")
    view = feed.poll()
    assert view is not None and view.problem == reason
    assert view.phase is Phase.NOT_STARTED and view.meeting == before.meeting
    assert feed.poll() is None  # tried again: the same problem, nothing new to show

    monkeypatch.undo()
    view = feed.poll()  # no new commit needed: a failed read is always tried again
    assert view is not None and not view.problem
    assert view.meeting is not None and view.meeting.title == "Bewonersavond (verplaatst)"


def test_an_unreadable_database_from_the_start_is_a_message(
    beamer_store, meeting, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def unreadable(meeting_id: int | None = None) -> object:
        raise DatabaseError("kapot")

    monkeypatch.setattr(beamer_store, "beamer_target", unreadable)
    view = BeamerFeed(beamer_store, meeting.id).poll()
    assert view is not None and view.phase is Phase.UNREADABLE and view.message == "kapot"


def test_the_beamer_cannot_write(beamer_store, meeting) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DatabaseError):
        beamer_store.start_meeting(meeting.id)
    with pytest.raises(DatabaseError):
        beamer_store.show_on_beamer(meeting.id, BeamerChoice(Showing.VOTES))


def test_opening_read_only_never_creates_or_upgrades(tmp_path, store, meeting) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "nothing.db"
    with pytest.raises(DatabaseError, match=str(missing)):
        Database.open_read_only(missing)
    assert not missing.exists()

    path = store.database.sqlite_path
    store.close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0001_baseline'")
    with pytest.raises(DatabaseError, match="0001_baseline"):
        Database.open_read_only(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0001_baseline",)
        ]


# ---------------------------------------------------------------- the query signal


def test_the_query_signal_sees_every_action_the_beamer_shows(store, beamer_store, meeting) -> None:  # type: ignore[no-untyped-def]
    """The signal for databases without SQLite's change counter, tried on SQLite."""
    signal = ChangeSignal(beamer_store.database, by_query=True)
    assert not signal.exact
    assert signal.changed() is True  # the first look
    assert signal.changed() is False
    item_id = everyone_present_item_running(store, meeting)
    who = people(store, meeting.id)
    assert signal.changed() is True

    state = store.add_speaker(item_id, who["Jan de Vries"])
    done: dict[str, Any] = {}  # what an action returned, for the undo after it
    card_state = store.add_card(item_id, CardKind.OPLOSSING, "Lampen")
    poll = store.create_poll(item_id, "Lampen erbij?")
    actions = [
        lambda: store.show_on_beamer(meeting.id, BeamerChoice(Showing.VOTES)),
        lambda: store.show_on_beamer(meeting.id, BeamerChoice(Showing.ANALYSIS)),
        lambda: store.add_speaker(item_id, who["Fatima Ouali"]),
        lambda: store.move_speaker(state.waiting[0].id, 1),
        lambda: store.next_speaker(item_id),
        lambda: store.pause_speaker(item_id),
        lambda: store.resume_speaker(item_id),
        lambda: done.update(floor=store.next_speaker(item_id)),
        lambda: store.undo_speakers(done["floor"].undo),
        lambda: store.add_dots(card_state.ideas[0].id, 1),
        lambda: store.update_card(card_state.ideas[0].id, text="Meer lampen"),
        lambda: store.add_to_count(poll.id, poll.options[0].id, Channel.ZAAL, 1),
        lambda: store.add_to_count(poll.id, poll.options[1].id, Channel.ZAAL, 1),
        lambda: store.add_to_count(poll.id, poll.options[0].id, Channel.ZAAL, -1),
        lambda: store.declare_poll(poll.id),
        lambda: store.set_presence(who["Anna Bakker"], Presence.AFWEZIG),
        lambda: store.update_attendee(who["Jan de Vries"], consent="anoniem"),
        lambda: store.start_break(meeting.id),
        lambda: store.end_break(meeting.id),
        lambda: store.next_item(meeting.id),
        lambda: store.close_meeting(meeting.id),
    ]
    for number, action in enumerate(actions):
        action()
        assert signal.changed() is True, f"action {number} was not noticed"
        assert signal.changed() is False


def test_on_sqlite_the_feed_uses_the_change_counter(beamer_store, meeting, clock) -> None:  # type: ignore[no-untyped-def]
    feed = BeamerFeed(beamer_store, meeting.id)
    assert feed.signal.exact
    feed.poll()
    clock.advance(minutes=10)  # time alone changes nothing in the database
    assert feed.poll() is None


def test_before_the_start_the_beamer_follows_the_meeting_the_chair_has_open(
    store, beamer_store, meeting, clock
) -> None:  # type: ignore[no-untyped-def]
    """Issue #23: the beamer showed another meeting (the one planned for today) than the one
    the chair had open. The chair's app records the meeting it opens; before any meeting
    runs, that is the one on the beamer."""
    feed = BeamerFeed(beamer_store)
    next_week = store.create_meeting("Wijkschouw", date(2026, 12, 8), clock_time(20, 0))
    assert feed.poll().meeting.id == meeting.id  # type: ignore[union-attr]  # today's, by date

    # The chair opens next week's meeting (attendance: not a screen for the room).
    assert store.show_on_beamer(next_week.id) is True
    view = feed.poll()
    assert view is not None and view.phase is Phase.NOT_STARTED
    assert view.meeting is not None and view.meeting.id == next_week.id
    assert store.show_on_beamer(next_week.id) is False  # again: nothing to write

    # Then today's agenda: the beamer goes with the chair.
    store.show_on_beamer(meeting.id, BeamerChoice(Showing.AGENDA))
    assert feed.poll().meeting.id == meeting.id  # type: ignore[union-attr]
    assert store.beamer_target().meeting_id == meeting.id  # type: ignore[union-attr]

    # A running meeting always comes first, whatever the chair opens to prepare.
    store.start_meeting(meeting.id)
    store.show_on_beamer(next_week.id)
    view = feed.poll()
    assert view is not None and view.phase is Phase.RUNNING and view.meeting.id == meeting.id  # type: ignore[union-attr]


def test_opening_a_screen_not_for_the_room_keeps_what_f9_fixed(store, meeting) -> None:  # type: ignore[no-untyped-def]
    store.start_meeting(meeting.id)
    item_id = everyone_present_item_running(store, meeting)
    fixed = BeamerChoice(Showing.SPEAKERS, item_id)
    store.show_on_beamer(meeting.id, fixed)
    assert store.show_on_beamer(meeting.id) is False
    assert store.beamer_target(meeting.id).choice == fixed  # type: ignore[union-attr]
