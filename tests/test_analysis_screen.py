"""Pilot tests of the problem analysis: a tree of cards by keys only, dots, idea to action."""

from __future__ import annotations

from models.domain import CardKind
from screens.analysis import AnalysisScreen
from screens.widgets.form_dialog import FormDialog
from tests.conftest import (
    everyone_present_item_running,
    fill_field,
    make_app,
    open_meeting_screen,
)


async def _open(pilot) -> AnalysisScreen:  # type: ignore[no-untyped-def]
    screen = await open_meeting_screen(pilot, "f4")
    assert isinstance(screen, AnalysisScreen)
    return screen


async def _card(pilot, key: str, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, FormDialog)
    await fill_field(pilot, "text", text)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_build_a_tree_vote_dots_and_make_the_top_idea_an_action(store, meeting) -> None:  # type: ignore[no-untyped-def]
    item_id = everyone_present_item_running(store, meeting)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        assert screen.item_id == item_id
        await _card(pilot, "k", "Hondenpoep op het grasveld")
        await _card(pilot, "o", "Geen hondenuitlaatplek in de buurt")
        await _card(pilot, "s", "Uitlaatplek verdwenen bij de nieuwbouw")  # a sub-cause
        await _card(pilot, "o", "Weinig handhaving")
        await _card(pilot, "g", "Kinderen spelen er niet meer")
        await _card(pilot, "s", "Ouders mijden het veld")  # a further effect
        await _card(pilot, "i", "Uitlaatveld aan de rand van het park")
        await _card(pilot, "i", "Gratis poepzakjes bij de ingang")
        await _card(pilot, "i", "Boa's twee avonden per week")
        state = store.analysis_state(item_id)
        assert state.core is not None and state.core.text == "Hondenpoep op het grasveld"
        assert [c.text for c in state.causes] == [
            "Geen hondenuitlaatplek in de buurt",
            "Weinig handhaving",
        ]
        assert [c.text for c in state.causes[0].children] == [
            "Uitlaatplek verdwenen bij de nieuwbouw"
        ]
        assert [c.text for c in state.effects[0].children] == ["Ouders mijden het veld"]
        assert len(state.ideas) == 3 and sum(1 for _ in state.flat()) == 9
        # The last idea is selected after adding it: two dots; then one on the first idea.
        await pilot.press("plus", "plus")
        await pilot.pause()
        await pilot.press("up", "up", "plus")
        await pilot.pause()
        state = store.analysis_state(item_id)
        assert [(r.rank, r.card.text, r.card.dots) for r in state.ranked_ideas] == [
            (1, "Boa's twee avonden per week", 2),
            (2, "Uitlaatveld aan de rand van het park", 1),
            (3, "Gratis poepzakjes bij de ingang", 0),
        ]
        assert state.dots_left == state.dots_allowed - 3
        # The top idea becomes an action point: what is filled in from the card.
        await pilot.press("down", "down")
        await pilot.pause()
        assert screen.selected is not None and screen.selected.text == "Boa's twee avonden per week"
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await fill_field(pilot, "who", "Wijkagent")
        await fill_field(pilot, "due", "15-01-2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [action] = store.action_list(meeting.id)
        assert action.what == "Boa's twee avonden per week" and action.who == "Wijkagent"
        idea = next(c for c in store.analysis_state(item_id).ideas if c.text.startswith("Boa"))
        assert action.source_card_id == idea.id and idea.action_item_id == action.id


async def test_delete_asks_takes_the_sub_cards_and_undo_brings_them_back(store, meeting) -> None:  # type: ignore[no-untyped-def]
    item_id = everyone_present_item_running(store, meeting)
    core = store.add_card(item_id, CardKind.KERNPROBLEEM, "Te hard rijden").touched_card_id
    cause = store.add_card(item_id, CardKind.OORZAAK, "Lange rechte weg", parent_id=core)
    store.add_card(item_id, CardKind.OORZAAK, "Geen drempels", parent_id=cause.touched_card_id)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        screen._show(store.analysis_state(item_id), select=cause.touched_card_id)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.analysis_state(item_id).causes == ()
        await pilot.press("u")
        await pilot.pause()
        state = store.analysis_state(item_id)
        assert [c.text for c in state.causes] == ["Lange rechte weg"]
        assert [c.text for c in state.causes[0].children] == ["Geen drempels"]


async def test_an_empty_card_is_refused_in_the_form(store, meeting) -> None:  # type: ignore[no-untyped-def]
    item_id = everyone_present_item_running(store, meeting)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(pilot)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert "⚠" in dialog.error_text()
        assert store.analysis_state(item_id).causes == ()


async def test_an_idea_becomes_a_vote_on_the_same_item(store, meeting) -> None:  # type: ignore[no-untyped-def]
    from screens.votes import VotesScreen

    everyone_present_item_running(store, meeting)
    other = store.list_agenda(meeting.id)[3]
    idea = store.add_card(other.id, CardKind.OPLOSSING, "Een buurtbarbecue in juni")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        while screen.item_id != other.id:
            await pilot.press("comma")
            await pilot.pause()
        screen._show(store.analysis_state(other.id), select=idea.touched_card_id)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        votes = app.screen
        assert isinstance(votes, VotesScreen) and votes.item_id == other.id
        [poll] = store.list_polls(other.id)
        assert poll.question == "Een buurtbarbecue in juni"
        assert poll.source_card_id == idea.touched_card_id and votes.poll == poll
