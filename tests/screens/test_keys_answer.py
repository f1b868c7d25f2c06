"""Every key answers (issue #23): a key that cannot act now says why in the status line, instead
of doing nothing. Pressed as a chair would, at 80×24 and 120×36."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from models.domain import CardKind, Channel, PollMethod
from screens.widgets.status_line import StatusLine
from tests.conftest import everyone_present_item_running, make_app, open_meeting_screen

SIZES = [(80, 24), (120, 36)]
BY_SIZE = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


def status(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(StatusLine).render())


async def press(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


@BY_SIZE
async def test_a_and_v_on_a_cause_card_say_only_an_idea_becomes_one(store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    store.start_meeting(meeting.id)
    item_id = everyone_present_item_running(store, meeting)
    core = store.add_card(item_id, CardKind.KERNPROBLEEM, "Plein leeg").touched_card_id
    cause = store.add_card(item_id, CardKind.OORZAAK, "Geen schaduw", parent_id=core)
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        screen = await open_meeting_screen(pilot, "f4")
        screen._show(store.analysis_state(item_id), select=cause.touched_card_id)
        await pilot.pause()
        await press(pilot, "a")
        assert "Alleen van een idee (✱) maakt u een actiepunt" in status(app)
        await press(pilot, "v")
        assert "voorstel om over te stemmen" in status(app)
        # On the core problem, + says why it takes no dots.
        screen._show(store.analysis_state(item_id), select=core)
        await pilot.pause()
        await press(pilot, "plus")
        assert "Het kernprobleem krijgt geen stippen" in status(app)
        assert store.analysis_state(item_id).dots_used == 0


@BY_SIZE
async def test_plus_and_a_digit_on_a_declared_vote_say_why_and_no_hint_stays(
    store, meeting, size
) -> None:  # type: ignore[no-untyped-def]
    store.start_meeting(meeting.id)
    item_id = everyone_present_item_running(store, meeting)
    poll = store.create_poll(item_id, "Bankjes bij de zandbak?")
    store.set_count(poll.id, poll.options[0].id, Channel.ZAAL, 3)
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        screen = await open_meeting_screen(pilot, "f5")
        hint = screen.query_one("#number", Static)
        assert "Typ een getal" in str(hint.render())  # while counting, the hint is there
        await press(pilot, "v")
        await press(pilot, "ctrl+s")  # declare, with the suggested decision
        assert store.list_polls(item_id)[0].status.value == "vastgesteld"
        assert str(hint.render()).strip() == ""  # no hint for a count that cannot come
        await press(pilot, "plus")
        assert "Deze stemming is vastgesteld: de telling verandert niet meer" in status(app)
        await press(pilot, "f2", "f5")  # away and back: the status line is fresh
        assert "vastgesteld" not in status(app)
        await press(pilot, "7")
        assert "Deze stemming is vastgesteld: de telling verandert niet meer" in status(app)
        counts = [o.room for o in store.list_polls(item_id)[0].options]
        assert counts == [3, 0, 0]


@BY_SIZE
async def test_agenda_keys_before_the_start_say_why(store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await open_meeting_screen(pilot, "f2")
        await press(pilot, "x")
        assert "De vergadering is nog niet begonnen: S op de agenda (F2) start haar." in status(app)
        await press(pilot, "u")
        assert "Er is niets om terug te draaien." in status(app)
        await press(pilot, "f2")
        assert "U bent al op dit scherm." in status(app)
        await press(pilot, "s", "s")
        assert "De vergadering is al begonnen." in status(app)


@BY_SIZE
async def test_f9_on_a_screen_not_for_the_room_says_so(store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await open_meeting_screen(pilot, "f7")
        await press(pilot, "f9")
        assert "Dit scherm is niet voor de zaal" in status(app)


@BY_SIZE
async def test_space_and_enter_on_an_empty_speaker_list_say_why(store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    store.start_meeting(meeting.id)
    everyone_present_item_running(store, meeting)
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await open_meeting_screen(pilot, "f3")
        await press(pilot, "space")
        assert "Er staat niemand op de lijst: met + zet u iemand erop." in status(app)
        await press(pilot, "enter")
        assert "Typ eerst een naam na +" in status(app)
        await press(pilot, "t")
        assert "Bij dit punt heeft nog niemand gesproken." in status(app)


@BY_SIZE
async def test_done_on_a_decision_says_only_an_action_point_is_done(store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    store.add_decision(meeting.id, "Er komen drie bomen.")
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await open_meeting_screen(pilot, "f6")
        await pilot.app.workers.wait_for_complete()
        await press(pilot, "g")
        assert "Alleen een actiepunt is gedaan of vervallen" in status(app)


@BY_SIZE
async def test_a_key_with_nobody_selected_says_choose_first(store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    store.start_meeting(meeting.id)
    item_id = everyone_present_item_running(store, meeting)
    store.create_poll(
        item_id, "Welke kleur?", method=PollMethod.KEUZE, options=["rood", "groen", "blauw"]
    )
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await open_meeting_screen(pilot, "f4")
        await press(pilot, "e")
        assert "Kies eerst een kaart" in status(app)
        await press(pilot, "f5", "h")
        assert "Deze stemming is nog open" in status(app)
