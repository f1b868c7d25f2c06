"""Two laptops on one meeting at the same moment: nothing lost, nothing doubled, serial order.

Two clients — threads, each with a Store of its own (its own engine and connections), as two
laptops have — act on one meeting at once, started together by a barrier: both put the same
people on a speaker list, both count votes on one poll, both record decisions and add agenda
items. Afterwards the database must hold what some serial order of those actions gives:

- every person waits exactly once (S4 held although both clients added everyone), and the
  queue is exactly the queue that the accepted additions give when replayed one by one, in the
  order the database applied them (the order of their entry ids), on a fresh database;
- every "+1" of a teller is in the count (no lost update);
- decision numbers run 1, 2, 3 … without a gap or a double, in the order they were made;
- agenda positions run 0, 1, 2 … without a double.

Runs on PostgreSQL (the case it is for) and on SQLite files (two connections on one file).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date, time
from typing import Any

import pytest

from models.domain import Channel, OrderPolicy, Presence, Role, SpeakerKind
from models.errors import InvalidInputError
from models.store import Store
from tests.conftest import Clock

PEOPLE = 16
VOTES_EACH = 25
DECISIONS_EACH = 8
ITEMS_EACH = 4


@pytest.fixture
def evening(store_url: str, clock: Clock) -> Iterator[dict[str, Any]]:
    """A running meeting without a process, everyone present, an open vote on the item."""
    setup = Store.open(store_url, clock=clock)
    meeting = setup.create_meeting("Bewonersavond", date(2026, 12, 1), time(19, 30))
    people = [
        setup.add_attendee(
            meeting.id, f"Bewoner {n:02d}", Role.BEWONER, presence=Presence.AANWEZIG
        ).id
        for n in range(PEOPLE)
    ]
    item = setup.list_agenda(meeting.id)[6].id
    setup.start_item(item)
    poll = setup.create_poll(item, "Speeltuin opknappen?", present_count=1000)
    yield {"url": store_url, "meeting": meeting.id, "item": item, "people": people, "poll": poll}
    setup.close()


def _together(url: str, clock: Clock, work: Callable[[Store, int], Any]) -> list[Any]:
    """Run ``work(store, client)`` for two clients at the same moment; their results."""
    stores = [Store.open(url, clock=clock) for _client in range(2)]
    barrier = threading.Barrier(2)
    results: list[Any] = [None, None]
    errors: list[BaseException] = []

    def run(client: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[client] = work(stores[client], client)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(client,)) for client in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for s in stores:
        s.close()
    assert not any(thread.is_alive() for thread in threads), "a client hangs"
    if errors:
        raise errors[0]
    return results


def test_two_clients_fill_one_speaker_list(evening: dict[str, Any], clock: Clock) -> None:
    item, people = evening["item"], evening["people"]

    def add_everyone(store: Store, client: int) -> list[tuple[int, int, SpeakerKind]]:
        """Both clients add every person; client 1 as points of order for every third."""
        accepted = []
        order = people if client == 0 else list(reversed(people))
        for n, person in enumerate(order):
            kind = SpeakerKind.PUNT_VAN_ORDE if client == 1 and n % 3 == 0 else SpeakerKind.NORMAAL
            try:
                state = store.add_speaker(item, person, kind)
            except InvalidInputError:
                continue  # S4: the other client put this person on the list first
            assert state.touched_entry_id is not None
            accepted.append((state.touched_entry_id, person, kind))
        return accepted

    accepted = [a for client in _together(evening["url"], clock, add_everyone) for a in client]

    reader = Store.open(evening["url"], clock=clock)
    final = reader.speaker_state(item)
    reader.close()
    waiting = [(e.attendee_id, e.kind) for e in final.waiting]
    normal = [person for person, kind in waiting if kind is SpeakerKind.NORMAAL]
    # Nothing lost, nothing doubled: everyone waits once as a normal speaker (both clients
    # tried), and the points of order are extra entries of their own kind.
    assert sorted(normal) == sorted(people)
    assert len(waiting) == len(set(waiting)) == len(accepted)
    assert sorted(e.id for e in final.waiting) == sorted(a[0] for a in accepted)

    # The same list, made one action at a time in the order the database applied them.
    serial = Store.in_memory(clock=clock)
    meeting = serial.create_meeting("Serieel", date(2026, 12, 1), time(19, 30))
    twin = {
        person: serial.add_attendee(
            meeting.id, f"Bewoner {n:02d}", Role.BEWONER, presence=Presence.AANWEZIG
        ).id
        for n, person in enumerate(people)
    }
    serial_item = serial.list_agenda(meeting.id)[6].id
    for _entry_id, person, kind in sorted(accepted):
        serial.add_speaker(serial_item, twin[person], kind)
    expected = [(e.attendee_id, e.kind) for e in serial.speaker_state(serial_item).waiting]
    serial.close()
    original = {twin_id: person for person, twin_id in twin.items()}
    assert waiting == [(original[twin_id], kind) for twin_id, kind in expected]


def test_two_tellers_count_one_vote(evening: dict[str, Any], clock: Clock) -> None:
    poll = evening["poll"]
    voor, tegen = poll.options[0].id, poll.options[1].id

    def count(store: Store, client: int) -> None:
        for _vote in range(VOTES_EACH):
            store.add_to_count(poll.id, voor, Channel.ZAAL, 1)
            store.add_to_count(poll.id, tegen if client else voor, Channel.DIGITAAL, 1)

    _together(evening["url"], clock, count)
    reader = Store.open(evening["url"], clock=clock)
    counted = reader.get_poll(poll.id)
    reader.close()
    assert counted.options[0].room == 2 * VOTES_EACH
    assert (counted.options[0].digital, counted.options[1].digital) == (VOTES_EACH, VOTES_EACH)


def test_two_clients_number_decisions_and_place_agenda_items(
    evening: dict[str, Any], clock: Clock
) -> None:
    meeting, poll = evening["meeting"], evening["poll"]

    def record(store: Store, client: int) -> list[int]:
        made = []
        for n in range(DECISIONS_EACH):
            made.append(store.add_decision(meeting, f"Besluit {client}-{n}").id)
            if n < ITEMS_EACH:
                store.add_agenda_item(meeting, f"Punt {client}-{n}", position=6)
            if client == 0 and n == DECISIONS_EACH // 2:
                # Declaring a vote with a decision numbers in the same row as the others.
                store.add_to_count(poll.id, poll.options[0].id, Channel.ZAAL, 3)
                store.declare_poll(poll.id, decision_text="Speeltuin wordt opgeknapt.")
        return made

    _together(evening["url"], clock, record)
    reader = Store.open(evening["url"], clock=clock)
    decisions = reader.list_decisions(meeting)
    agenda = reader.list_agenda(meeting)
    reader.close()
    numbers = [d.number for d in decisions]
    assert numbers == list(range(1, 2 * DECISIONS_EACH + 2))  # +1: the declared vote's
    # Numbered in the order they were made: a later id never has a lower number.
    by_id = sorted(decisions, key=lambda d: d.id)
    assert [d.number for d in by_id] == numbers
    assert [i.position for i in agenda] == list(range(len(agenda)))
    assert len(agenda) == 8 + 2 * ITEMS_EACH
    assert sum(1 for i in agenda if i.title.startswith("Punt ")) == 2 * ITEMS_EACH


def test_the_queue_policy_holds_under_two_clients(evening: dict[str, Any], clock: Clock) -> None:
    """First come, first served: the queue is the order the database applied the requests."""
    item, people = evening["item"], evening["people"]
    setup = Store.open(evening["url"], clock=clock)
    setup.set_order_policy(item, OrderPolicy.FIFO)
    setup.close()
    half = len(people) // 2

    def request(store: Store, client: int) -> list[int]:
        mine = people[:half] if client == 0 else people[half:]
        return [store.add_speaker(item, person).touched_entry_id or 0 for person in mine]

    entry_ids = [i for ids in _together(evening["url"], clock, request) for i in ids]
    reader = Store.open(evening["url"], clock=clock)
    final = reader.speaker_state(item)
    reader.close()
    assert [e.id for e in final.waiting] == sorted(entry_ids)
