"""The Store's speaker lists: queueing, the floor, pauses, undo, statistics and a restart."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from models.database.tables import Attendee, SpeakerEntry
from models.domain import OrderPolicy, Presence, Role, SpeakerKind
from models.errors import ChangedMeanwhileError, InvalidInputError, NotFoundError
from models.i18n import _
from models.records.meeting import MeetingInfo, SpeakerState
from models.store import Store
from tests.conftest import Clock

P = SpeakerKind.PUNT_VAN_ORDE


@pytest.fixture
def people(store: Store, meeting: MeetingInfo) -> dict[str, int]:
    """The attendees of the meeting fixture by first name."""
    return {a.name.split()[0]: a.id for a in store.list_attendees(meeting.id)}


@pytest.fixture
def item(store: Store, meeting: MeetingInfo) -> int:
    """The item under discussion: running (S10: only the running item gives the floor)."""
    item_id = store.list_agenda(meeting.id)[6].id  # speaking limit: the default 180 s
    store.start_item(item_id)
    return item_id


def names(state: SpeakerState) -> list[str]:
    return [w.name.split()[0] for w in state.waiting]


def rows(store: Store) -> list[tuple]:
    with Session(store.engine) as session:
        return [
            (e.id, e.attendee_id, e.kind, e.position, e.started_at, e.ended_at, e.removed_at)
            for e in session.exec(select(SpeakerEntry).order_by(SpeakerEntry.id)).all()
        ]


# ------------------------------------------------------------------------------ queueing


def test_queue_order_and_reasons(store: Store, item: int, people: dict[str, int]) -> None:
    store.add_speaker(item, people["Jan"])
    store.next_speaker(item)  # Jan speaks
    state = store.add_speaker(item, people["Jan"])  # and asks again: he has spoken
    state = store.add_speaker(item, people["Fatima"])  # new: before Jan
    state = store.add_speaker(item, None)  # anonymous, new: before Jan, after Fatima
    state = store.add_speaker(item, people["Mohammed"], P)  # point of order: first
    assert [w.name for w in state.waiting] == [
        "Mohammed El Amrani",
        "Fatima Ouali",
        _("Resident {number}").format(number=1),
        "Jan de Vries",
    ]
    assert [w.reason for w in state.waiting] == [
        _("point of order"),
        _("has not spoken yet"),
        _("has not spoken yet"),
        _("in order of request"),
    ]
    assert state.current is not None and state.current.name == "Jan de Vries"
    assert state.touched_entry_id == state.waiting[0].id
    assert store.speaker_state(item).waiting == state.waiting


def test_fifo_policy_keeps_the_order_of_request(
    store: Store, item: int, people: dict[str, int]
) -> None:
    store.set_order_policy(item, OrderPolicy.FIFO)
    store.add_speaker(item, people["Jan"])
    store.next_speaker(item)
    store.add_speaker(item, people["Jan"])
    state = store.add_speaker(item, people["Fatima"])
    assert names(state) == ["Jan", "Fatima"]
    assert state.policy == OrderPolicy.FIFO
    assert {w.reason for w in state.waiting} == {_("in order of request")}


def test_anonymous_residents_are_numbered_within_the_item(store: Store, item: int) -> None:
    store.add_speaker(item, None)
    state = store.add_speaker(item, None)
    first, second = state.waiting
    assert (first.name, second.name) == (
        _("Resident {number}").format(number=1),
        _("Resident {number}").format(number=2),
    )
    assert first.anonymous and first.role == Role.BEWONER
    store.remove_speaker(first.id)
    state = store.add_speaker(item, None)  # numbers never shift
    assert [w.name for w in state.waiting] == [
        _("Resident {number}").format(number=2),
        _("Resident {number}").format(number=3),
    ]


def test_refusals_leave_nothing_half_saved(
    store: Store, meeting: MeetingInfo, item: int, people: dict[str, int]
) -> None:
    store.add_speaker(item, people["Jan"])
    before = rows(store)
    with pytest.raises(InvalidInputError, match="Jan de Vries"):
        store.add_speaker(item, people["Jan"])  # S4
    store.add_speaker(item, people["Jan"], P)  # once as point of order is fine
    before = rows(store)
    with pytest.raises(InvalidInputError):
        store.add_speaker(item, people["Jan"], P)
    store.set_speakers_closed(item, True)
    attendees = len(store.list_attendees(meeting.id))
    with pytest.raises(InvalidInputError) as refused:
        store.add_speaker_by_name(item, "Nieuwe Buurman")  # S5, and no attendee left behind
    assert "closed" in refused.value.message or "gesloten" in refused.value.message
    with pytest.raises(InvalidInputError):
        store.add_speaker(item, None)
    assert rows(store) == before
    assert len(store.list_attendees(meeting.id)) == attendees
    state = store.add_speaker(item, people["Piet"], P)  # a point of order still can
    assert state.closed and names(state)[:2] == ["Jan", "Piet"]
    other = store.create_meeting("Ander overleg", meeting.date, meeting.start_time)
    stranger = store.add_attendee(other.id, "Vreemde")
    with pytest.raises(InvalidInputError):
        store.add_speaker(item, stranger.id, P)
    with pytest.raises(NotFoundError):
        store.add_speaker(item, 999)
    with pytest.raises(NotFoundError):
        store.speaker_state(999)


def test_add_by_name_makes_a_present_attendee(
    store: Store, meeting: MeetingInfo, item: int
) -> None:
    state = store.add_speaker_by_name(item, "  Truus Baan ", Role.CORPORATIE)
    assert [w.name for w in state.waiting] == ["Truus Baan"]
    person = next(a for a in store.list_attendees(meeting.id) if a.name == "Truus Baan")
    assert (person.role, person.presence) == (Role.CORPORATIE, Presence.AANWEZIG)
    assert state.waiting[0].attendee_id == person.id


# -------------------------------------------------------------------------------- the floor


def test_the_whole_flow(store: Store, clock: Clock, item: int, people: dict[str, int]) -> None:
    with pytest.raises(InvalidInputError):
        store.next_speaker(item)  # nobody waits
    store.add_speaker(item, people["Jan"])
    store.add_speaker(item, people["Mohammed"])
    state = store.next_speaker(item)
    assert state.current is not None and state.current.name == "Jan de Vries"
    assert state.remaining_seconds(clock.advance(seconds=19)) == 161

    clock.advance(seconds=41)  # 60 s spoken
    state = store.pause_speaker(item)
    with pytest.raises(InvalidInputError):
        store.pause_speaker(item)
    clock.advance(minutes=5)  # a long pause: it does not count
    assert state.spoken_seconds(clock()) == 60
    state = store.resume_speaker(item)
    with pytest.raises(InvalidInputError):
        store.resume_speaker(item)
    clock.advance(seconds=147)  # 207 s spoken: 27 over the limit of 180
    assert state.overtime_seconds(clock()) == 27

    state = store.next_speaker(item)
    jan = state.done[0]
    assert (jan.spoken_seconds, jan.overtime_seconds, jan.paused_seconds) == (207, 27, 300)
    assert jan.ended_at == clock() and state.current is not None
    assert state.current.name == "Mohammed El Amrani" and state.waiting == []

    clock.advance(seconds=50)
    store.pause_speaker(item)  # a pause in progress ends with the turn
    clock.advance(seconds=30)
    state = store.next_speaker(item)  # nobody waits: the floor is free
    assert state.current is None
    assert [(d.name, d.spoken_seconds) for d in state.done] == [
        ("Mohammed El Amrani", 50),
        ("Jan de Vries", 207),
    ]
    with pytest.raises(InvalidInputError):
        store.next_speaker(item)

    # "Vorige terug": Mohammed goes to the front, his turn stays recorded.
    store.add_speaker(item, people["Fatima"])
    state = store.previous_speaker_back(item)
    assert names(state) == ["Mohammed", "Fatima"]
    assert len(state.done) == 2
    state = store.next_speaker(item)
    assert state.current is not None and state.current.name == "Mohammed El Amrani"


def test_previous_back_moves_a_waiting_entry_rather_than_doubling_it(
    store: Store, item: int, people: dict[str, int]
) -> None:
    with pytest.raises(InvalidInputError):
        store.previous_speaker_back(item)
    store.add_speaker(item, people["Jan"])
    store.next_speaker(item)
    store.add_speaker(item, people["Fatima"])
    store.add_speaker(item, people["Jan"])
    store.next_speaker(item)  # Jan done, Fatima speaks, Jan waits
    state = store.add_speaker(item, people["Anna"])
    assert names(state) == ["Anna", "Jan"]
    state = store.previous_speaker_back(item)  # Jan finished last
    assert names(state) == ["Jan", "Anna"]


def test_move_and_remove(store: Store, item: int, people: dict[str, int]) -> None:
    for name in ("Jan", "Fatima", "Piet"):
        state = store.add_speaker(item, people[name])
    jan, fatima, piet = state.waiting
    with pytest.raises(InvalidInputError):
        store.move_speaker(jan.id, -1)
    with pytest.raises(InvalidInputError):
        store.move_speaker(piet.id, +1)
    assert names(store.move_speaker(piet.id, -1)) == ["Jan", "Piet", "Fatima"]
    assert names(store.move_speaker(jan.id, +2)) == ["Piet", "Fatima", "Jan"]
    state = store.remove_speaker(fatima.id)
    assert names(state) == ["Piet", "Jan"]
    assert [w.id for w in state.waiting] == [piet.id, jan.id]
    with pytest.raises(InvalidInputError):
        store.remove_speaker(fatima.id)
    with pytest.raises(InvalidInputError):
        store.move_speaker(fatima.id, -1)
    assert any(r[0] == fatima.id and r[6] is not None for r in rows(store))  # still recorded
    state = store.next_speaker(item)
    with pytest.raises(InvalidInputError):
        store.remove_speaker(piet.id)  # has the floor
    store.add_speaker(item, people["Fatima"])
    store.move_speaker(store.add_speaker(item, people["Anna"]).waiting[-1].id, -1)
    # The stored positions rise in queue order, each one once (gaps are allowed).
    with Session(store.engine) as session:
        waiting = session.exec(
            select(SpeakerEntry)
            .where(SpeakerEntry.started_at == None, SpeakerEntry.removed_at == None)  # noqa: E711
            .order_by(SpeakerEntry.position)
        ).all()
    order = [e.id for e in store.speaker_state(item).waiting]
    assert [e.id for e in waiting] == order and len({e.position for e in waiting}) == len(order)


def test_undo_takes_back_each_action_in_turn(
    store: Store, clock: Clock, item: int, people: dict[str, int]
) -> None:
    store.add_speaker(item, people["Jan"])
    store.add_speaker(item, people["Fatima"])
    state = store.next_speaker(item)
    start = [row[1:3] + row[4:] for row in rows(store)]  # all but the places in the queue
    start_queue = names(state)
    clock.advance(seconds=30)
    undo: list = []
    for action in (
        lambda: store.add_speaker(item, people["Piet"]),
        lambda: store.add_speaker_by_name(item, "Gast Een"),
        lambda: store.move_speaker(state.waiting[0].id, +1),
        lambda: store.pause_speaker(item),
        lambda: store.next_speaker(item),
        lambda: store.remove_speaker(store.speaker_state(item).waiting[0].id),
        lambda: store.set_speakers_closed(item, True),
        lambda: store.set_order_policy(item, OrderPolicy.FIFO),
        lambda: store.previous_speaker_back(item),
    ):
        result = action()
        assert result.undo is not None
        undo.append(result.undo)
        clock.advance(seconds=5)
    while undo:
        state = store.undo_speakers(undo.pop())
        assert state.undo is None  # an undo is not itself on the stack
    assert [row[1:3] + row[4:] for row in rows(store)] == start
    assert names(state) == start_queue
    assert not state.closed and state.policy == OrderPolicy.EERST_NIEUWE_SPREKERS
    assert state.current is not None and state.current.name == "Jan de Vries"
    assert state.current.paused_at is None
    # Jan's clock ran on through all of it: undo takes back actions, not time.
    assert state.spoken_seconds(clock()) == 30 + 9 * 5


def test_undo_of_next_speaker_gives_the_floor_back(
    store: Store, clock: Clock, item: int, people: dict[str, int]
) -> None:
    store.add_speaker(item, people["Jan"])
    store.add_speaker(item, people["Fatima"])
    store.add_speaker(item, people["Piet"])
    store.next_speaker(item)  # Jan
    clock.advance(seconds=40)
    store.pause_speaker(item)
    clock.advance(seconds=10)
    state = store.next_speaker(item)  # Jan's turn ends (paused): Fatima
    assert state.done[0].spoken_seconds == 40
    clock.advance(seconds=3)
    state = store.undo_speakers(state.undo)
    assert state.current is not None and state.current.name == "Jan de Vries"
    assert state.current.paused and state.spoken_seconds(clock()) == 40  # still paused
    assert names(state) == ["Fatima", "Piet"] and state.done == []


def test_undo_never_touches_what_another_laptop_did(
    store: Store, item: int, people: dict[str, int], store_url: str, clock: Clock
) -> None:
    other = Store.open(store_url, clock=clock) if "postgresql" in store_url else None
    laptop_b = other or store  # in memory, the second laptop is this Store: the same data
    try:
        mine = store.add_speaker(item, people["Jan"])
        laptop_b.add_speaker(item, people["Fatima"])
        laptop_b.add_speaker(item, people["Piet"])
        state = store.undo_speakers(mine.undo)
        assert names(state) == ["Fatima", "Piet"]
        # Mine had the floor since: undoing the add would erase a turn. Refused, nothing changed.
        mine = store.add_speaker(item, people["Anna"])
        laptop_b.next_speaker(item)  # Fatima
        laptop_b.next_speaker(item)  # Piet
        laptop_b.next_speaker(item)  # Anna
        before = rows(store)
        with pytest.raises(ChangedMeanwhileError, match="Anna"):
            store.undo_speakers(mine.undo)
        assert rows(store) == before
    finally:
        if other is not None:
            other.close()


def test_space_acts_on_what_the_chair_saw(store: Store, item: int, people: dict[str, int]) -> None:
    store.add_speaker(item, people["Jan"])
    seen = store.add_speaker(item, people["Fatima"])
    shown = (None, seen.waiting[0].id)
    store.next_speaker(item, seen=shown)  # Jan gets the floor: what this chair saw
    before = rows(store)
    # The other chair pressed Space at the same moment, having seen the same list: refused.
    with pytest.raises(ChangedMeanwhileError):
        store.next_speaker(item, seen=shown)
    assert rows(store) == before
    with pytest.raises(ChangedMeanwhileError):
        store.pause_speaker(item, seen=seen.waiting[1].id)  # Fatima is not speaking
    assert rows(store) == before


# ------------------------------------------------------------------------- statistics


def test_statistics_per_person_and_the_balance(
    store: Store, clock: Clock, meeting: MeetingInfo, people: dict[str, int]
) -> None:
    items = store.list_agenda(meeting.id)
    first, second = items[6].id, items[7].id
    plan = [
        (first, people["Jan"], 120),
        (first, people["Mohammed"], 200),
        (first, None, 40),
        (first, people["Jan"], 60),
        (second, people["Els"], 90),
        (second, None, 50),
    ]
    for item_id, person, seconds in plan:
        store.start_item(item_id)  # a no-op while it runs already
        store.add_speaker(item_id, person)
        store.next_speaker(item_id)
        clock.advance(seconds=seconds)
        store.stop_speaker(item_id)
    store.start_item(first)  # back to the first item (B on the agenda)
    store.add_speaker(first, people["Anna"])
    state = store.next_speaker(first)
    now = clock.advance(seconds=30)  # Anna speaks: counted up to now

    stats = state.item_stats(now)
    assert [(p.name, p.turns, p.seconds) for p in stats.people] == [
        ("Mohammed El Amrani", 1, 200),
        ("Jan de Vries", 2, 180),
        (_("Resident {number}").format(number=1), 1, 40),
        ("Anna Bakker", 1, 30),
    ]
    assert (stats.resident_seconds, stats.professional_seconds) == (250, 200)
    assert (stats.resident_percent, stats.professional_percent) == (56, 44)

    whole = state.meeting_stats(now, store.meeting_speaking(meeting.id, except_item_id=first))
    assert [(p.name, p.turns, p.seconds) for p in whole.people] == [
        ("Mohammed El Amrani", 1, 200),
        ("Jan de Vries", 2, 180),
        (_("Anonymous residents"), 2, 90),  # equal time: more turns first
        ("Els Verbeek", 1, 90),
        ("Anna Bakker", 1, 30),
    ]
    assert (whole.resident_seconds, whole.professional_seconds) == (300, 290)
    # Read at once for the whole meeting (as the minutes do), the running turn up to now.
    assert store.meeting_speaking(meeting.id).stats() == whole
    assert whole.resident_percent + whole.professional_percent == 100
    with pytest.raises(InvalidInputError):
        store.stop_speaker(second)


# ---------------------------------------------------------------------------- a restart


def test_a_restart_continues_the_running_speaker(store_url: str, clock: Clock) -> None:
    path = store_url
    first = Store.open(path, clock=clock)
    meeting = first.create_meeting("Avond", clock().date(), clock().time())
    jan = first.add_attendee(meeting.id, "Jan de Vries")
    item = first.list_agenda(meeting.id)[6].id
    first.start_item(item)
    first.add_speaker(item, jan.id)
    first.add_speaker(item, None)
    first.next_speaker(item)
    clock.advance(seconds=40)
    first.pause_speaker(item)
    clock.advance(seconds=20)
    first.close()  # the laptop dies during the pause

    clock.advance(minutes=2)
    second = Store.open(path, clock=clock)
    state = second.speaker_state(item)
    assert state.current is not None and state.current.paused
    assert state.spoken_seconds(clock()) == 40
    state = second.resume_speaker(item)
    now = clock.advance(seconds=15)
    assert state.spoken_seconds(now) == 55
    assert state.remaining_seconds(now) == 125
    state = second.next_speaker(item)
    assert state.done[0].spoken_seconds == 55 and state.done[0].paused_seconds == 140
    assert state.current is not None and state.current.anonymous
    second.close()


def test_deleting_an_attendee_keeps_their_turn_as_anonymous(
    store: Store, item: int, people: dict[str, int]
) -> None:
    store.add_speaker(item, people["Jan"])
    store.next_speaker(item)
    store.stop_speaker(item)
    store.remove_attendee(people["Jan"])
    state = store.speaker_state(item)
    assert state.done[0].anonymous
    with Session(store.engine) as session:
        assert session.get(Attendee, people["Jan"]) is None


def test_the_demo_has_a_speaker_history(store: Store) -> None:
    from models.demo import SPEAKER_HISTORY, create_demo

    meeting = create_demo(store)
    items = store.list_agenda(meeting.id)
    for position, (_start, turns) in SPEAKER_HISTORY.items():
        state = store.speaker_state(items[position].id)
        assert state.current is None and state.waiting == []
        assert [d.spoken_seconds for d in reversed(state.done)] == [t[2] for t in turns]
        # S10: every turn lies inside its item's running time.
        assert sum(t[2] for t in turns) <= items[position].spent_seconds
        assert all(items[position].started_at <= d.started_at for d in state.done)
        assert all(d.ended_at <= items[position].ended_at for d in state.done)
    state = store.speaker_state(items[7].id)
    assert any(d.kind == P for d in state.done)
    assert any((d.overtime_seconds or 0) > 0 for d in state.done)
    whole = store.meeting_speaking(meeting.id).stats()
    assert whole.professional_seconds > 0 and whole.resident_seconds > whole.professional_seconds
    assert whole.total_seconds == sum(t[2] for _s, turns in SPEAKER_HISTORY.values() for t in turns)
    assert store.get_meeting(meeting.id).status.value == "gesloten"  # the evening was held
