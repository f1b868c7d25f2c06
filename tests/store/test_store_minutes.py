"""The Store's decisions, action points and minutes status."""

from __future__ import annotations

from datetime import date, time

import pytest

from models.domain import ActionStatus, MinutesStatus
from models.errors import InvalidInputError, NotFoundError
from models.records.meeting import MeetingInfo
from models.store import Store
from tests.conftest import Clock


@pytest.fixture
def second(store: Store, meeting: MeetingInfo) -> MeetingInfo:
    """The next meeting of the same process, three weeks later."""
    return store.copy_meeting(meeting.id, "Tweede bewonersavond", date(2026, 12, 22), time(19, 30))


def item_id(store: Store, meeting: MeetingInfo, position: int = 6) -> int:
    return store.list_agenda(meeting.id)[position].id


# -------------------------------------------------------------------------- decisions


def test_decisions_are_numbered_across_the_meetings_of_a_process(
    store: Store, meeting: MeetingInfo, second: MeetingInfo
) -> None:
    first = store.add_decision(meeting.id, "Er komt meer schaduw.", item_id=item_id(store, meeting))
    other = store.add_decision(meeting.id, "Bankjes bij de zandbak.")
    third = store.add_decision(second.id, "Ontwerp B wordt uitgewerkt.")
    assert [first.label, other.label, third.label] == ["B-2026-01", "B-2026-02", "B-2026-03"]
    assert (first.item_number, first.item_title) == (7, "Rondvraag")
    assert first.meeting_date == date(2026, 12, 1)
    assert [d.label for d in store.list_decisions(meeting.id)] == ["B-2026-01", "B-2026-02"]
    assert [d.label for d in store.list_decisions(second.id)] == ["B-2026-03"]
    # The process list of the second meeting holds all three; of the first only its own.
    assert [d.label for d in store.process_decisions(second.id)] == [
        "B-2026-01",
        "B-2026-02",
        "B-2026-03",
    ]
    assert [d.label for d in store.process_decisions(meeting.id)] == ["B-2026-01", "B-2026-02"]


def test_a_meeting_without_process_numbers_its_own_decisions(store: Store) -> None:
    a = store.create_meeting("Los overleg", date(2026, 5, 4), time(20, 0))
    b = store.create_meeting("Ander overleg", date(2026, 6, 4), time(20, 0))
    assert store.add_decision(a.id, "Een").label == "B-2026-01"
    assert store.add_decision(b.id, "Twee").label == "B-2026-01"
    assert store.add_decision(a.id, "Drie").label == "B-2026-02"


def test_decision_text_is_checked_and_updated(store: Store, meeting: MeetingInfo) -> None:
    with pytest.raises(InvalidInputError):
        store.add_decision(meeting.id, "  \n ")
    assert store.list_decisions(meeting.id) == []
    decision = store.add_decision(meeting.id, "Schaduw\x00doeken")
    assert decision.text == "Schaduwdoeken"
    changed = store.update_decision(decision.id, "Schaduwdoeken boven de zandbak")
    assert (changed.label, changed.text) == ("B-2026-01", "Schaduwdoeken boven de zandbak")
    with pytest.raises(InvalidInputError):
        store.update_decision(decision.id, "")
    with pytest.raises(NotFoundError):
        store.update_decision(999, "x")


def test_a_decision_on_an_item_of_another_meeting_is_refused(
    store: Store, meeting: MeetingInfo, second: MeetingInfo
) -> None:
    with pytest.raises(InvalidInputError):
        store.add_decision(meeting.id, "Verkeerd", item_id=item_id(store, second))
    with pytest.raises(NotFoundError):
        store.add_decision(meeting.id, "Weg", item_id=99_999)
    assert store.list_decisions(meeting.id) == []


def test_delete_and_restore_keep_the_number(store: Store, meeting: MeetingInfo) -> None:
    store.add_decision(meeting.id, "Een")
    two = store.add_decision(meeting.id, "Twee", item_id=item_id(store, meeting))
    store.add_decision(meeting.id, "Drie")
    deleted = store.delete_decision(two.id)
    assert [d.label for d in store.list_decisions(meeting.id)] == ["B-2026-01", "B-2026-03"]
    back = store.restore_decision(deleted)
    assert (back.id, back.label, back.text, back.agenda_item_id) == (
        two.id,
        "B-2026-02",
        "Twee",
        two.agenda_item_id,
    )
    assert [d.label for d in store.list_decisions(meeting.id)] == [
        "B-2026-01",
        "B-2026-02",
        "B-2026-03",
    ]


def test_restoring_when_the_number_was_taken_gives_the_next(
    store: Store, meeting: MeetingInfo
) -> None:
    last = store.add_decision(meeting.id, "Een")
    deleted = store.delete_decision(last.id)
    store.add_decision(meeting.id, "Nieuw")  # takes B-2026-01 again
    back = store.restore_decision(deleted)
    assert back.label == "B-2026-02"
    assert sorted(d.label for d in store.list_decisions(meeting.id)) == ["B-2026-01", "B-2026-02"]


# ----------------------------------------------------------------------- action points


def test_an_action_is_checked_before_it_is_saved(store: Store, meeting: MeetingInfo) -> None:
    for bad in (
        dict(what="   "),
        dict(what="Offerte", due="31-02-2026"),
        dict(what="Offerte", who="x" * 300),
        dict(what="Offerte", item_id=99_999),
    ):
        with pytest.raises((InvalidInputError, NotFoundError)):
            store.add_action(meeting.id, **bad)  # type: ignore[arg-type]
    assert store.action_list(meeting.id) == []
    action = store.add_action(
        meeting.id,
        " Offerte schaduwdoeken opvragen ",
        who="Els Verbeek",
        due="15-1-2027",
        item_id=item_id(store, meeting),
    )
    assert (action.what, action.who, action.due, action.status) == (
        "Offerte schaduwdoeken opvragen",
        "Els Verbeek",
        date(2027, 1, 15),
        ActionStatus.OPEN,
    )
    assert not action.carried_over and action.item_number == 7


def test_update_changes_only_what_is_given(store: Store, meeting: MeetingInfo) -> None:
    action = store.add_action(meeting.id, "Offerte", who="Kees", due=date(2027, 1, 15))
    changed = store.update_action(action.id, who="Els")
    assert (changed.what, changed.who, changed.due) == ("Offerte", "Els", date(2027, 1, 15))
    changed = store.update_action(action.id, due="")
    assert changed.due is None
    with pytest.raises(InvalidInputError):
        store.update_action(action.id, what="", who="Niemand")
    assert store.action_list(meeting.id)[0].who == "Els"  # nothing half-saved


def test_open_actions_carry_over_to_the_next_meeting(
    store: Store, meeting: MeetingInfo, second: MeetingInfo, clock: Clock
) -> None:
    done_early = store.add_action(meeting.id, "Vuilnisbakken legen")
    open_one = store.add_action(meeting.id, "Offerte verlichting", who="gemeente")
    dropped = store.add_action(meeting.id, "Enquête herhalen")
    store.set_action_status(done_early.id, ActionStatus.GEDAAN, meeting.id)
    own = store.add_action(second.id, "Ontwerp B uitwerken")

    carried = store.action_list(second.id)
    assert [a.what for a in carried] == [
        "Offerte verlichting",
        "Enquête herhalen",
        "Ontwerp B uitwerken",
    ]
    assert [a.carried_over for a in carried] == [True, True, False]
    assert carried[0].meeting_id == meeting.id and carried[0].meeting_date == date(2026, 12, 1)

    clock.advance(minutes=5)
    closed = store.set_action_status(dropped.id, ActionStatus.VERVALLEN, second.id)
    assert closed.status == ActionStatus.VERVALLEN and closed.carried_over
    assert closed.status_meeting_id == second.id and closed.status_changed_at == clock.moment
    store.set_action_status(open_one.id, ActionStatus.GEDAAN, second.id)
    # Closed in this meeting: still on its list, with the new status.
    statuses = {a.what: a.status for a in store.action_list(second.id)}
    assert statuses == {
        "Offerte verlichting": ActionStatus.GEDAAN,
        "Enquête herhalen": ActionStatus.VERVALLEN,
        "Ontwerp B uitwerken": ActionStatus.OPEN,
    }
    # The first meeting's minutes keep what they recorded: closed later shows as open there.
    first = {a.what: a.status for a in store.action_list(meeting.id)}
    assert first == {
        "Vuilnisbakken legen": ActionStatus.GEDAAN,
        "Offerte verlichting": ActionStatus.OPEN,
        "Enquête herhalen": ActionStatus.OPEN,
    }
    # A third meeting no longer sees what was closed at the second.
    third = store.copy_meeting(second.id, "Derde avond", date(2027, 1, 19), time(19, 30))
    assert [a.what for a in store.action_list(third.id)] == ["Ontwerp B uitwerken"]
    assert own.id in {a.id for a in store.action_list(third.id)}


def test_reopening_an_action_brings_it_back(
    store: Store, meeting: MeetingInfo, second: MeetingInfo
) -> None:
    action = store.add_action(meeting.id, "Offerte")
    store.set_action_status(action.id, ActionStatus.GEDAAN, meeting.id)
    assert store.action_list(second.id) == []
    again = store.set_action_status(action.id, ActionStatus.OPEN, second.id)
    assert again.status == ActionStatus.OPEN and again.status_meeting_id is None
    assert [a.what for a in store.action_list(second.id)] == ["Offerte"]


def test_an_action_cannot_be_closed_in_an_unrelated_meeting(
    store: Store, meeting: MeetingInfo
) -> None:
    elsewhere = store.create_meeting("Ander overleg", date(2026, 12, 8), time(20, 0))
    action = store.add_action(meeting.id, "Offerte")
    with pytest.raises(InvalidInputError):
        store.set_action_status(action.id, ActionStatus.GEDAAN, elsewhere.id)
    assert store.action_list(meeting.id)[0].status == ActionStatus.OPEN


def test_delete_and_restore_an_action(
    store: Store, meeting: MeetingInfo, second: MeetingInfo
) -> None:
    action = store.add_action(
        meeting.id, "Offerte", who="Els", due=date(2027, 1, 15), item_id=item_id(store, meeting)
    )
    store.set_action_status(action.id, ActionStatus.GEDAAN, second.id)
    deleted = store.delete_action(action.id)
    assert store.action_list(meeting.id) == []
    back = store.restore_action(deleted)
    assert back.id == action.id
    assert (back.what, back.who, back.due, back.status_meeting_id) == (
        "Offerte",
        "Els",
        date(2027, 1, 15),
        second.id,
    )
    assert [a.status for a in store.action_list(second.id)] == [ActionStatus.GEDAAN]


# --------------------------------------------------------------------------- minutes


def test_approving_and_reopening_the_minutes(store: Store, meeting: MeetingInfo) -> None:
    approved = store.approve_minutes(meeting.id, "22-12-2026")
    assert approved.minutes_status == MinutesStatus.VASTGESTELD
    assert approved.minutes_approved_on == date(2026, 12, 22)
    with pytest.raises(InvalidInputError):
        store.approve_minutes(meeting.id, date(2026, 11, 30))  # before the meeting itself
    with pytest.raises(InvalidInputError):
        store.approve_minutes(meeting.id, "morgen")
    assert store.get_meeting(meeting.id).minutes_approved_on == date(2026, 12, 22)
    reopened = store.reopen_minutes(meeting.id)
    assert (reopened.minutes_status, reopened.minutes_approved_on) == (MinutesStatus.CONCEPT, None)


def test_the_previous_meeting_of_the_process(
    store: Store, meeting: MeetingInfo, second: MeetingInfo
) -> None:
    assert store.previous_meeting(meeting.id) is None
    previous = store.previous_meeting(second.id)
    assert previous is not None and previous.id == meeting.id
    # Approving the previous minutes is one action with the date of this meeting.
    store.approve_minutes(previous.id, second.date)
    assert store.get_meeting(meeting.id).minutes_status == MinutesStatus.VASTGESTELD
    alone = store.create_meeting("Los overleg", date(2026, 12, 30), time(20, 0))
    assert store.previous_meeting(alone.id) is None
