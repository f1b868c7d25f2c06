"""The note-taker's answer to a card from a phone taken back (U): ``return_phone_card``."""

from __future__ import annotations

import pytest

from models.domain import CardKind
from models.errors import InvalidInputError, NotFoundError
from models.records.meeting import MeetingInfo
from models.store import Store
from tests.conftest import everyone_present_item_running


@pytest.fixture
def waiting(store: Store, meeting: MeetingInfo) -> tuple[int, int, int]:
    """The running item with a core problem, the room open, and one phone's cause and idea
    waiting: (item, cause, idea)."""
    item = everyone_present_item_running(store, meeting)
    store.add_card(item, CardKind.KERNPROBLEEM, "Te weinig speelruimte")
    store.open_room(meeting.id)
    phone = store.phone_of(meeting.id, store.join_room(meeting.id))
    cause = store.submit_phone_card(meeting.id, phone, item, "oorzaak", "Te veel auto's")
    idea = store.submit_phone_card(meeting.id, phone, item, "oplossing", "Een speelstraat")
    return item, cause, idea


def test_an_acceptance_taken_back_leaves_the_tree_and_waits_again(
    store: Store, waiting: tuple[int, int, int]
) -> None:
    item, cause, idea = waiting
    store.accept_phone_card(cause)
    state = store.return_phone_card(cause)
    assert state.causes == ()
    assert [c.id for c in store.room_inbox(item)] == [cause, idea]
    # Taken in again, it is a new card of the tree.
    assert store.accept_phone_card(cause).causes[0].text == "Te veel auto's"


def test_a_declined_card_taken_back_waits_again(
    store: Store, waiting: tuple[int, int, int]
) -> None:
    item, cause, idea = waiting
    store.decline_phone_card(idea)
    store.return_phone_card(idea)
    assert [c.id for c in store.room_inbox(item)] == [cause, idea]


def test_a_card_changed_in_the_tree_stays_there(
    store: Store, waiting: tuple[int, int, int]
) -> None:
    item, cause, idea = waiting
    state = store.accept_phone_card(cause)
    card = state.causes[0]
    store.accept_phone_card(idea, parent_id=card.id)  # a card under it now
    with pytest.raises(InvalidInputError, match="in de boom veranderd"):
        store.return_phone_card(cause)
    assert store.analysis_state(item).causes[0].id == card.id
    assert [c.id for c in store.room_inbox(item)] == []
    # Its text changed: the same.
    store.return_phone_card(idea)
    store.update_card(card.id, text="Te veel auto's in de straat")
    with pytest.raises(InvalidInputError, match="in de boom veranderd"):
        store.return_phone_card(cause)


def test_a_waiting_or_unknown_card_cannot_be_taken_back(
    store: Store, waiting: tuple[int, int, int]
) -> None:
    _item, cause, _idea = waiting
    with pytest.raises(InvalidInputError, match="wacht al"):
        store.return_phone_card(cause)
    with pytest.raises(NotFoundError):
        store.return_phone_card(9999)
