"""Pilot tests of the votes screen: open, count by keys, declare, vote again; Store asserted."""

from __future__ import annotations

import pytest

from models.domain import Channel, PollStatus
from models.rules.votes import Outcome, RuleProfile
from models.store import Store
from screens.votes import VotesScreen
from screens.widgets.form_dialog import FormDialog
from tests.conftest import (
    everyone_present_item_running,
    fill_field,
    make_app,
    open_meeting_screen,
)


async def _open(pilot) -> VotesScreen:  # type: ignore[no-untyped-def]
    screen = await open_meeting_screen(pilot, "f5")
    assert isinstance(screen, VotesScreen)
    return screen


def _counts(store: Store, poll_id: int) -> list[tuple[int, int]]:
    return [(o.room, o.digital) for o in store.get_poll(poll_id).options]


async def test_open_count_by_keys_and_declare_with_a_decision(store, meeting) -> None:  # type: ignore[no-untyped-def]
    item_id = everyone_present_item_running(store, meeting)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        assert screen.item_id == item_id and screen.poll is None
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await fill_field(pilot, "question", "Bankjes bij de zandbak")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [poll] = store.list_polls(item_id)
        assert poll.question == "Bankjes bij de zandbak" and poll.present_count == 4
        assert poll.profile is RuleProfile.GEWONE_MEERDERHEID
        # Three hands for, one against; a teller calls "2" digital votes for.
        await pilot.press("plus", "plus", "plus", "down", "plus")
        await pilot.pause()
        assert _counts(store, poll.id) == [(3, 0), (1, 0), (0, 0)]
        await pilot.press("up", "k", "2", "enter")
        await pilot.pause()
        assert _counts(store, poll.id) == [(3, 2), (1, 0), (0, 0)]
        # One more hand than there are voters present is refused, with a message.
        await pilot.press("k", "plus")
        await pilot.pause()
        assert _counts(store, poll.id) == [(3, 2), (1, 0), (0, 0)]
        assert "⚠" in str(screen.query_one("#status").render())
        # Undo takes back the typed digital count.
        await pilot.press("u")
        await pilot.pause()
        assert _counts(store, poll.id) == [(3, 0), (1, 0), (0, 0)]
        result = str(screen.query_one("#result").render())
        assert store.get_poll(poll.id).result_text in result
        # Declare, keeping the offered decision text.
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        declared = store.get_poll(poll.id)
        assert declared.status is PollStatus.VASTGESTELD
        assert declared.result.outcome is Outcome.AANGENOMEN
        assert declared.decision_id is not None
        [decision] = store.list_decisions(meeting.id)
        assert decision.poll_id == poll.id and decision.agenda_item_id == item_id
        # A declared vote no longer counts.
        await pilot.press("plus")
        await pilot.pause()
        assert _counts(store, poll.id) == [(3, 0), (1, 0), (0, 0)]


async def test_a_new_vote_keeps_the_old_one_in_the_record(store, meeting) -> None:  # type: ignore[no-untyped-def]
    item_id = everyone_present_item_running(store, meeting)
    first = store.create_poll(item_id, "Extra verlichting", profile=RuleProfile.TWEE_DERDE)
    store.set_count(first.id, first.options[0].id, Channel.ZAAL, 2)
    store.set_count(first.id, first.options[1].id, Channel.ZAAL, 2)
    store.declare_poll(first.id)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        assert screen.poll is not None and screen.poll.id == first.id
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        old, new = store.list_polls(item_id)
        assert old.id == first.id and old.status is PollStatus.VASTGESTELD
        assert new.previous_poll_id == first.id and new.status is PollStatus.OPEN
        assert screen.poll is not None and screen.poll.id == new.id
        await pilot.press("plus", "plus", "plus")
        await pilot.pause()
        assert _counts(store, new.id)[0] == (3, 0)
        # [ shows the earlier vote again, unchanged.
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.poll.id == first.id
        assert _counts(store, first.id) == [(2, 0), (2, 0), (0, 0)]


async def test_deleting_an_open_vote_asks_first(store, meeting) -> None:  # type: ignore[no-untyped-def]
    item_id = everyone_present_item_running(store, meeting)
    store.create_poll(item_id, "Een vergissing")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(pilot)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("n")  # no: nothing happens
        await pilot.pause()
        assert len(store.list_polls(item_id)) == 1
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.list_polls(item_id) == []


async def test_undo_takes_back_only_this_chairs_count(store, meeting) -> None:  # type: ignore[no-untyped-def]
    """Another laptop counts on the same vote between this chair's key and its undo: the undo
    takes back this chair's vote only (−1 for its +1, −2 for a typed 3 over 1)."""
    from models.store import Store

    item_id = everyone_present_item_running(store, meeting)
    poll = store.create_poll(item_id, "Bankjes?")
    laptop_b = Store(store.database, store.now)  # the second chair, on the same database
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(pilot)
        await pilot.press("k")  # the digital votes: no room limit in the way
        await pilot.pause()
        await pilot.press("plus")  # A: +1
        await pilot.pause()
        laptop_b.add_to_count(poll.id, poll.options[0].id, Channel.DIGITAAL, 5)  # B: +5
        await pilot.press("u")  # A takes back its own +1
        await pilot.pause()
        assert _counts(store, poll.id)[0] == (0, 5)
        await pilot.press("down", "3", "enter")  # A types 3 for "tegen"
        await pilot.pause()
        laptop_b.add_to_count(poll.id, poll.options[1].id, Channel.DIGITAAL, 1)  # B: +1
        await pilot.press("u")
        await pilot.pause()
        assert _counts(store, poll.id)[1] == (0, 1)  # B's vote stays


async def test_a_declare_after_another_count_is_refused_then_shows_it(store, meeting) -> None:  # type: ignore[no-untyped-def]
    from models.errors import ChangedMeanwhileError

    item_id = everyone_present_item_running(store, meeting)
    poll = store.create_poll(item_id, "Bankjes?")
    store.add_to_count(poll.id, poll.options[0].id, Channel.ZAAL, 2)
    seen = tuple((o.id, o.room, o.digital) for o in store.get_poll(poll.id).options)
    store.add_to_count(poll.id, poll.options[1].id, Channel.ZAAL, 1)  # another laptop
    with pytest.raises(ChangedMeanwhileError):
        store.declare_poll(poll.id, seen=seen)
    assert store.get_poll(poll.id).status is PollStatus.OPEN
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        await pilot.press("v")  # the form opens on what this screen shows
        await pilot.pause()
        store.add_to_count(poll.id, poll.options[2].id, Channel.ZAAL, 1)  # meanwhile
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)  # refused, in words, in the form
        assert "telling" in app.screen.error_text()
        await pilot.press("escape")
        await pilot.pause()
        assert store.get_poll(poll.id).status is PollStatus.OPEN
        assert screen.poll is not None and [o.room for o in screen.poll.options] == [2, 1, 1]


async def test_n_prepares_a_vote_for_the_decision_item_later_on(store, meeting) -> None:  # type: ignore[no-untyped-def]
    """N on a running discussion item offers the decision item further on, to prepare: the
    vote waits there, not counted in the room; digital votes cast beforehand may go in."""
    from models.domain import Purpose

    item_id = everyone_present_item_running(store, meeting)
    decision = store.add_agenda_item(
        meeting.id, "Keuze ontwerp", purpose=Purpose.BESLUITVORMING, position=7
    )
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#field-item").value == str(decision.id)
        await fill_field(pilot, "question", "Ontwerp B?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and screen.item_id == item_id  # it stays on this item
        assert store.list_polls(item_id) == []
        [poll] = store.list_polls(decision.id)
        assert poll.is_prepared
        await pilot.press("full_stop")  # the next item: the prepared vote is shown there
        await pilot.pause()
        assert screen.item_id == decision.id and screen.poll is not None
        assert "O" in str(screen.query_one("#result").render())
        await pilot.press("k", "plus", "plus")  # two digital votes cast beforehand
        await pilot.pause()
        assert _counts(store, poll.id)[0] == (0, 2)
        await pilot.press("v")  # not declared while prepared
        await pilot.pause()
        assert store.get_poll(poll.id).is_prepared


async def test_a_typed_count_stays_with_its_option_when_another_key_follows(store, meeting) -> None:  # type: ignore[no-untyped-def]
    """Typed "2" on "voor", then ↓ before Enter: the 2 is stored for "voor" (as a spreadsheet
    stores a cell when the cursor leaves it), never carried to "tegen"; a + after typing
    stores the number first and then counts one more."""
    item_id = everyone_present_item_running(store, meeting)
    poll = store.create_poll(item_id, "Bankjes bij de zandbak")  # open at once
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        assert screen.poll is not None and screen.poll.id == poll.id
        await pilot.press("2", "down")
        await pilot.pause()
        assert _counts(store, poll.id) == [(2, 0), (0, 0), (0, 0)]
        assert screen.option_index == 1 and screen.typed == ""
        await pilot.press("1", "plus")
        await pilot.pause()
        assert _counts(store, poll.id) == [(2, 0), (2, 0), (0, 0)]
        # Esc still throws a typed number away.
        await pilot.press("down", "3", "escape")
        await pilot.pause()
        assert _counts(store, poll.id) == [(2, 0), (2, 0), (0, 0)]
