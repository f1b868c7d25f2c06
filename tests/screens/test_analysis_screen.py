"""Pilot tests of the problem analysis: a tree of cards by keys only, dots, idea to action."""

from __future__ import annotations

from models.domain import CardKind
from screens.analysis import AnalysisScreen
from screens.widgets.form_dialog import FormDialog
from screens.widgets.request_line import RequestLine
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
    """The key of a kind of card, its text typed in the line under the tree, Enter."""
    screen = pilot.app.screen
    await pilot.press(key)
    await pilot.pause()
    assert screen.query_one(RequestLine).typing  # no dialog: the line under the tree
    await pilot.press(*["space" if c == " " else c for c in text])
    await pilot.press("enter")
    await pilot.pause()
    assert pilot.app.screen is screen and not screen.query_one(RequestLine).typing


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
        # The key says what it did, on which card, and what is left (the row shows the dots).
        said = str(screen.query_one("#status").render())
        left = state.dots_allowed - 3
        assert "Uitlaatveld aan de rand van het park" in said and f"{left}" in said
        assert said.startswith("✔ 1 ")  # one dot on this card (a plural form: "1 stip")
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


async def test_typing_a_card_enter_esc_and_a_refused_text(store, meeting) -> None:  # type: ignore[no-untyped-def]
    """While a card is typed the letters are text, not keys (o, g, i, e, m, v, u); Esc stops
    without a card; a text the Store refuses stays in the line to correct; K changes the core."""
    item_id = everyone_present_item_running(store, meeting)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        line = screen.query_one(RequestLine)
        await pilot.press("o", "e", "n", "v", "o", "u", "d")  # "envoud": keys typed as text
        await pilot.pause()
        assert line.typing and line.value == "envoud"
        await pilot.press("escape")
        await pilot.pause()
        assert not line.typing and store.analysis_state(item_id).causes == ()
        await pilot.press("o", "enter")  # nothing typed: nothing added
        await pilot.pause()
        assert not line.typing and store.analysis_state(item_id).causes == ()
        await pilot.press("o")
        screen.query_one(RequestLine).paste("x" * 600)  # too long for a card: refused
        await pilot.press("enter")
        await pilot.pause()
        assert "⚠" in str(screen.query_one("#status").render())
        assert line.typing and store.analysis_state(item_id).causes == ()
        await pilot.press("escape")
        await _card(pilot, "k", "Te weinig speelruimte")
        await pilot.press("k", *["backspace"] * 6)  # the text is there to change
        await pilot.press(*"plekken", "enter")
        await pilot.pause()
        assert store.analysis_state(item_id).core.text == "Te weinig speelplekken"


async def test_an_idea_becomes_a_vote_prepared_for_the_decision_item(store, meeting) -> None:  # type: ignore[no-untyped-def]
    """V on an idea of the running discussion prepares the vote on the decision item later on
    the agenda (not counted, no result); when that item comes, O opens it on F5."""
    from models.domain import Purpose
    from screens.votes import VotesScreen

    item_id = everyone_present_item_running(store, meeting)
    decision = store.add_agenda_item(
        meeting.id, "Keuze ontwerp", purpose=Purpose.BESLUITVORMING, position=7
    )
    idea = store.add_card(item_id, CardKind.OPLOSSING, "Een buurtbarbecue in juni")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        screen._show(store.analysis_state(item_id), select=idea.touched_card_id)
        await pilot.press("v")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        assert form.query_one("#field-item").value == str(decision.id)
        assert form.query_one("#field-when").value == "later"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen  # prepared: the chair stays with the ideas
        number = next(i.number for i in store.list_agenda(meeting.id) if i.id == decision.id)
        assert f" {number})." in str(screen.query_one("#status").render())  # "(punt 8)."
        [poll] = store.list_polls(decision.id)
        assert poll.is_prepared and poll.question == "Een buurtbarbecue in juni"
        assert poll.source_card_id == idea.touched_card_id
        # The decision item comes: F5 shows the prepared vote, + is refused, O opens it.
        store.start_item(decision.id)  # B on the agenda
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("f5")  # from the agenda: the votes of the running item
        await pilot.pause()
        votes = app.screen
        assert isinstance(votes, VotesScreen) and votes.item_id == decision.id
        assert votes.poll is not None and votes.poll.id == poll.id
        await pilot.press("plus")
        await pilot.pause()
        assert "⚠" in str(votes.query_one("#status").render())
        assert store.get_poll(poll.id).options[0].room == 0
        await pilot.press("o")
        await pilot.pause()
        assert store.get_poll(poll.id).is_open and store.get_poll(poll.id).present_count == 4
        await pilot.press("plus")
        await pilot.pause()
        assert store.get_poll(poll.id).options[0].room == 1


async def test_an_idea_becomes_a_vote_now_on_the_running_item(store, meeting) -> None:  # type: ignore[no-untyped-def]
    from screens.votes import VotesScreen

    item_id = everyone_present_item_running(store, meeting)
    idea = store.add_card(item_id, CardKind.OPLOSSING, "Bankjes bij de zandbak")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        screen._show(store.analysis_state(item_id), select=idea.touched_card_id)
        await pilot.press("v")
        await pilot.pause()
        form = app.screen
        # No item for a decision after this one in the meeting fixture's agenda: this item.
        assert form.query_one("#field-item").value == str(item_id)
        assert form.query_one("#field-when").value == "now"
        await pilot.press("ctrl+s")
        await pilot.pause()
        votes = app.screen
        assert isinstance(votes, VotesScreen) and votes.item_id == item_id
        [poll] = store.list_polls(item_id)
        assert poll.is_open and votes.poll == poll


async def test_m_moves_a_card_to_one_of_the_places_the_rules_allow(store, meeting) -> None:  # type: ignore[no-untyped-def]
    item_id = everyone_present_item_running(store, meeting)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        await _card(pilot, "k", "Het plein wordt weinig gebruikt")
        await _card(pilot, "o", "Geen schaduw")
        await _card(pilot, "s", "Bomen gekapt")  # under "Geen schaduw"
        await _card(pilot, "o", "Toestellen kapot")
        state = store.analysis_state(item_id)
        shade, broken = state.causes
        felled = shade.children[0]
        # "Geen schaduw" is selected: M offers neither itself nor "Bomen gekapt" under it.
        screen._show(state, select=shade.id)
        await pilot.press("m")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        offered = dict(form.fields[0].options)
        assert str(shade.id) not in offered and str(felled.id) not in offered
        assert str(broken.id) in offered
        # Move it under "Toestellen kapot" (a deeper cause): chosen in the list, saved.
        form.query_one("#field-parent").value = str(broken.id)
        await pilot.press("ctrl+s")
        await pilot.pause()
        state = store.analysis_state(item_id)
        assert [c.text for c in state.causes] == ["Toestellen kapot"]
        assert [c.text for c in state.causes[0].children] == ["Geen schaduw"]
        assert [c.text for c in state.causes[0].children[0].children] == ["Bomen gekapt"]
