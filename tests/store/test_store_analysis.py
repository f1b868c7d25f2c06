"""The Store's problem analysis: cards in a tree, moving, deleting with undo, dots, ranking."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from models.database.tables import ActionItem, Card, Poll
from models.domain import CardKind, Presence
from models.errors import InvalidInputError, NotFoundError
from models.i18n import _
from models.records.analysis import AnalysisState
from models.records.meeting import MeetingInfo
from models.store import Store
from models.store.base import UNSET

CORE = CardKind.KERNPROBLEEM
CAUSE = CardKind.OORZAAK
EFFECT = CardKind.GEVOLG
IDEA = CardKind.OPLOSSING


@pytest.fixture
def people(store: Store, meeting: MeetingInfo) -> dict[str, int]:
    """The attendees of the meeting fixture by first name."""
    return {a.name.split()[0]: a.id for a in store.list_attendees(meeting.id)}


@pytest.fixture
def item(store: Store, meeting: MeetingInfo) -> int:
    return store.list_agenda(meeting.id)[6].id


@pytest.fixture
def everyone_present(store: Store, people: dict[str, int]) -> None:
    """All eight present: four residents place dots; the professionals and the guest don't."""
    for attendee_id in people.values():
        store.set_presence(attendee_id, Presence.AANWEZIG)


def rows(store: Store) -> list[tuple]:
    """Every column of every card, and the links of actions and polls: to compare exactly."""
    with Session(store.engine) as session:
        cards = [
            (c.id, c.agenda_item_id, c.kind, c.text, c.parent_id, c.author_attendee_id)
            + (c.dots, c.position, c.created_at)
            for c in session.exec(select(Card).order_by(Card.id)).all()
        ]
        actions = [(a.id, a.source_card_id) for a in session.exec(select(ActionItem)).all()]
        polls = [(p.id, p.source_card_id) for p in session.exec(select(Poll)).all()]
        return [*cards, ("actions", *actions), ("polls", *polls)]


def build(store: Store, item: int) -> dict[str, int]:
    """The playground tree; returns the card ids by a short name."""
    ids: dict[str, int] = {}

    def add(name: str, kind: CardKind, text: str, parent: str | None = None) -> None:
        state = store.add_card(item, kind, text, parent_id=ids[parent] if parent else None)
        assert state.touched_card_id is not None
        ids[name] = state.touched_card_id

    add("core", CORE, "Speelplein wordt weinig gebruikt")
    add("shade", CAUSE, "Geen schaduw in de zomer")
    add("trees", CAUSE, "Bomen zijn gekapt bij de riolering", "shade")
    add("dark", CAUSE, "'s Avonds donker en onveilig")
    add("inside", EFFECT, "Kinderen spelen binnen")
    add("lonely", EFFECT, "Minder contact tussen buren", "inside")
    add("sails", IDEA, "Schaduwdoeken boven de zandbak", "shade")
    add("lamps", IDEA, "Extra verlichting langs het pad", "dark")
    add("bench", IDEA, "Bankjes voor ouders")
    return ids


# ------------------------------------------------------------------------- the tree


def test_the_state_holds_the_tree_in_display_order(store: Store, item: int) -> None:
    ids = build(store, item)
    state = store.analysis_state(item)
    assert state.item_id == item
    assert state.core is not None and state.core.text == "Speelplein wordt weinig gebruikt"
    assert [c.text for c in state.causes] == [
        "Geen schaduw in de zomer",
        "'s Avonds donker en onveilig",
    ]
    assert [c.id for c in state.causes[0].children] == [ids["trees"], ids["sails"]]
    assert [c.id for c in state.effects] == [ids["inside"]]
    # General ideas first, then those under causes in the order of the causes.
    assert [c.id for c in state.ideas] == [ids["bench"], ids["sails"], ids["lamps"]]
    flat = [(depth, card.id) for depth, card in state.flat()]
    assert flat == [
        (0, ids["core"]),
        (0, ids["shade"]),
        (1, ids["trees"]),
        (0, ids["dark"]),
        (0, ids["inside"]),
        (1, ids["lonely"]),
        (0, ids["bench"]),
        (0, ids["sails"]),
        (0, ids["lamps"]),
    ]
    found = state.find(ids["lonely"])
    assert found is not None and found.parent_id == ids["inside"]
    assert state.find(10_000) is None
    assert state.core.author_name == "" and state.core.author_attendee_id is None


def test_cards_without_a_core_problem_gather_under_it_when_it_comes(
    store: Store, item: int
) -> None:
    cause = store.add_card(item, CAUSE, "Te weinig speeltoestellen").touched_card_id
    sub = store.add_card(item, CAUSE, "Toestellen kapot", parent_id=cause).touched_card_id
    effect = store.add_card(item, EFFECT, "Jeugd hangt bij de winkels").touched_card_id
    idea = store.add_card(item, IDEA, "Buurtapp voor onderhoud").touched_card_id
    before = store.analysis_state(item)
    assert before.core is None
    assert [c.id for c in before.causes] == [cause] and [c.id for c in before.effects] == [effect]
    assert [(d, c.id) for d, c in before.flat()] == [(0, cause), (1, sub), (0, effect), (0, idea)]

    state = store.add_card(item, CORE, "Speelplein wordt weinig gebruikt")
    core = state.touched_card_id
    assert state.core is not None and state.core.id == core
    assert {c.id: c.parent_id for c in state.core.children} == {
        cause: core,
        effect: core,
        idea: core,
    }
    assert state.find(sub).parent_id == cause
    # From now on "at the top" is under the core problem.
    later = store.add_card(item, EFFECT, "Ouders blijven weg")
    assert later.find(later.touched_card_id).parent_id == core


def test_a_second_core_problem_is_refused(store: Store, item: int) -> None:
    build(store, item)
    before = rows(store)
    with pytest.raises(InvalidInputError):
        store.add_card(item, CORE, "Nog een kernprobleem")
    assert rows(store) == before


def test_text_is_cleaned_and_never_empty(store: Store, item: int) -> None:
    state = store.add_card(item, CAUSE, "  Geen\nbankjes  ")
    assert state.find(state.touched_card_id).text == "Geen bankjes"
    before = rows(store)
    for bad in ("", "   \n ", "x" * 501):
        with pytest.raises(InvalidInputError):
            store.add_card(item, CAUSE, bad)
        with pytest.raises(InvalidInputError):
            store.update_card(state.touched_card_id, text=bad)
    assert rows(store) == before


def test_kind_rules_and_foreign_cards_are_refused(
    store: Store, meeting: MeetingInfo, item: int
) -> None:
    ids = build(store, item)
    other_item = store.list_agenda(meeting.id)[7].id
    other = store.add_card(other_item, CAUSE, "Ander punt").touched_card_id
    before = rows(store)
    with pytest.raises(InvalidInputError, match=_("That card belongs to another agenda item.")):
        store.add_card(item, CAUSE, "Verkeerd", parent_id=other)
    with pytest.raises(InvalidInputError):
        store.move_card(ids["shade"], other)
    with pytest.raises(InvalidInputError):
        store.add_card(item, CAUSE, "Oorzaak onder gevolg", parent_id=ids["inside"])
    with pytest.raises(InvalidInputError, match=_("An idea cannot have cards under it.")):
        store.add_card(item, IDEA, "Idee onder idee", parent_id=ids["bench"])
    with pytest.raises(InvalidInputError):
        store.add_card(item, IDEA, "Idee onder gevolg", parent_id=ids["lonely"])
    assert rows(store) == before


def test_unknown_ids_are_not_found(store: Store, item: int) -> None:
    card = store.add_card(item, CAUSE, "Iets").touched_card_id
    with pytest.raises(NotFoundError):
        store.analysis_state(9999)
    with pytest.raises(NotFoundError):
        store.add_card(9999, CAUSE, "Iets")
    with pytest.raises(NotFoundError):
        store.add_card(item, CAUSE, "Iets", parent_id=9999)
    with pytest.raises(NotFoundError):
        store.add_card(item, CAUSE, "Iets", author_attendee_id=9999)
    for action in (
        lambda: store.update_card(9999, text="x"),
        lambda: store.move_card(9999, None),
        lambda: store.move_card(card, 9999),
        lambda: store.reorder_card(9999, 1),
        lambda: store.delete_card(9999),
        lambda: store.add_dots(9999, 1),
        lambda: store.set_dots_per_participant(9999, 3),
    ):
        with pytest.raises(NotFoundError):
            action()


# --------------------------------------------------------------------------- authors


def test_author_set_changed_and_made_anonymous(
    store: Store, meeting: MeetingInfo, item: int, people: dict[str, int]
) -> None:
    state = store.add_card(item, IDEA, "Moestuintje", author_attendee_id=people["Fatima"])
    card = state.touched_card_id
    assert state.find(card).author_name == "Fatima Ouali"
    state = store.update_card(card, text="Moestuin voor de buurt")
    assert state.find(card).author_attendee_id == people["Fatima"]  # kept
    assert state.find(card).text == "Moestuin voor de buurt"
    state = store.update_card(card, author_attendee_id=people["Piet"])
    assert state.find(card).author_name == "Piet Jansen"
    state = store.update_card(card, author_attendee_id=None)
    assert state.find(card).author_attendee_id is None and state.find(card).author_name == ""
    state = store.update_card(card, text=UNSET, author_attendee_id=UNSET)  # the Store's marker
    assert state.find(card).text == "Moestuin voor de buurt"

    elsewhere = store.create_meeting("Andere avond", meeting.date, meeting.start_time)
    stranger = store.add_attendee(elsewhere.id, "Iemand Anders").id
    before = rows(store)
    with pytest.raises(InvalidInputError, match="Iemand Anders"):
        store.update_card(card, text="Nieuw", author_attendee_id=stranger)
    assert rows(store) == before  # the text did not change either


def test_a_removed_author_leaves_an_anonymous_card(
    store: Store, item: int, people: dict[str, int]
) -> None:
    card = store.add_card(item, CAUSE, "Hondenpoep", author_attendee_id=people["Jan"])
    store.remove_attendee(people["Jan"])
    state = store.analysis_state(item)
    assert state.find(card.touched_card_id).author_attendee_id is None


# ------------------------------------------------------------------------------ moves


def test_move_takes_the_branch_along(store: Store, item: int) -> None:
    ids = build(store, item)
    state = store.move_card(ids["shade"], ids["dark"])
    shade = state.find(ids["shade"])
    assert shade.parent_id == ids["dark"]
    assert [c.id for c in shade.children] == [ids["trees"], ids["sails"]]
    assert state.touched_card_id == ids["shade"]
    assert [(d, c.id) for d, c in state.flat()][1:4] == [
        (0, ids["dark"]),
        (1, ids["shade"]),
        (2, ids["trees"]),
    ]
    # Back "to the top": under the core problem, last of the causes.
    state = store.move_card(ids["shade"], None)
    assert [c.id for c in state.causes] == [ids["dark"], ids["shade"]]
    state = store.move_card(ids["sails"], ids["core"])
    assert state.find(ids["sails"]).parent_id == ids["core"]


def test_move_under_itself_or_its_own_sub_card_is_refused(store: Store, item: int) -> None:
    ids = build(store, item)
    before = rows(store)
    message = _("A card cannot be placed under itself or under one of its own sub-cards.")
    for target in ("shade", "trees"):
        with pytest.raises(InvalidInputError, match=message):
            store.move_card(ids["shade"], ids[target])
    with pytest.raises(InvalidInputError):
        store.move_card(ids["trees"], ids["inside"])  # a cause under an effect
    with pytest.raises(InvalidInputError):
        store.move_card(ids["core"], ids["shade"])
    assert rows(store) == before


def test_reorder_among_siblings(store: Store, item: int) -> None:
    ids = build(store, item)
    state = store.reorder_card(ids["dark"], -1)
    assert [c.id for c in state.causes] == [ids["dark"], ids["shade"]]
    assert state.touched_card_id == ids["dark"]
    before = rows(store)
    with pytest.raises(InvalidInputError):
        store.reorder_card(ids["dark"], -1)
    with pytest.raises(InvalidInputError):
        store.reorder_card(ids["inside"], +1)
    assert rows(store) == before
    state = store.reorder_card(ids["dark"], +1)
    assert [c.id for c in state.causes] == [ids["shade"], ids["dark"]]


# ------------------------------------------------------------------- delete and undo


def _link(store: Store, item: int, card_id: int) -> tuple[int, int]:
    """An action point and a poll made from a card (their Store methods are not ours)."""
    with Session(store.engine) as session:
        from models.database.tables import AgendaItem

        agenda_item = session.get(AgendaItem, item)
        action = ActionItem(
            meeting_id=agenda_item.meeting_id,
            agenda_item_id=item,
            source_card_id=card_id,
            what="Offerte schaduwdoeken",
        )
        poll = Poll(agenda_item_id=item, question="Schaduwdoeken?", source_card_id=card_id)
        session.add(action)
        session.add(poll)
        session.commit()
        return action.id, poll.id


def test_delete_removes_the_branch_and_undo_restores_it_exactly(
    store: Store, item: int, people: dict[str, int], everyone_present: None
) -> None:
    ids = build(store, item)
    store.update_card(ids["sails"], author_attendee_id=people["Anna"])
    store.add_dots(ids["sails"], 1)
    store.add_dots(ids["sails"], 1)
    store.add_dots(ids["trees"], 1)
    action_id, poll_id = _link(store, item, ids["sails"])
    state = store.analysis_state(item)
    assert state.find(ids["sails"]).action_item_id == action_id
    assert state.find(ids["sails"]).poll_id == poll_id
    before = rows(store)

    state, snapshot = store.delete_card(ids["shade"])
    assert [c.id for c in snapshot.cards] == [ids["shade"], ids["trees"], ids["sails"]]
    for name in ("shade", "trees", "sails"):
        assert state.find(ids[name]) is None
    assert state.dots_used == 0 and state.touched_card_id == ids["core"]
    assert len(rows(store)) == len(before) - 3

    state = store.restore_cards(snapshot)
    assert rows(store) == before
    assert state.touched_card_id == ids["shade"]
    assert state.find(ids["sails"]).action_item_id == action_id
    assert state.find(ids["sails"]).author_name == "Anna Bakker"
    assert store.restore_cards(snapshot) == state  # twice: nothing more happens


def test_delete_the_core_problem_takes_everything_and_comes_back(store: Store, item: int) -> None:
    ids = build(store, item)
    before = rows(store)
    state, snapshot = store.delete_card(ids["core"])
    assert state.core is None and not state.causes and not state.ideas
    assert len(snapshot.cards) == len(ids)
    store.restore_cards(snapshot)
    assert rows(store) == before


def test_undo_after_changes_in_between(store: Store, item: int) -> None:
    ids = build(store, item)
    _state, snapshot = store.delete_card(ids["bench"])  # the newest card: its id comes free
    newer = store.add_card(item, IDEA, "Jongerenwerk op vrijdag").touched_card_id
    # SQLite gives the freed id again; a PostgreSQL sequence never does.
    assert (newer == ids["bench"]) is (store.engine.dialect.name == "sqlite")
    state = store.restore_cards(snapshot)
    restored = state.touched_card_id
    assert restored != newer
    assert state.find(restored).text == "Bankjes voor ouders"
    assert state.find(restored).parent_id == ids["core"]
    assert state.find(newer).text == "Jongerenwerk op vrijdag"

    # The parent went since: the card comes back under the core problem.
    _state, snapshot = store.delete_card(ids["trees"])
    store.delete_card(ids["shade"])
    state = store.restore_cards(snapshot)
    assert state.find(ids["trees"]).parent_id == ids["core"]


def test_an_old_core_problem_does_not_come_back_over_a_new_one(store: Store, item: int) -> None:
    ids = build(store, item)
    _state, snapshot = store.delete_card(ids["core"])
    store.add_card(item, CORE, "Een ander kernprobleem")
    before = rows(store)
    with pytest.raises(InvalidInputError):
        store.restore_cards(snapshot)
    assert rows(store) == before


def test_a_core_problem_back_gathers_what_came_at_the_top(store: Store, item: int) -> None:
    ids = build(store, item)
    _state, snapshot = store.delete_card(ids["core"])
    loose = store.add_card(item, CAUSE, "Losse oorzaak").touched_card_id
    state = store.restore_cards(snapshot)
    # On SQLite the loose cause took the core problem's old id (SQLite reuses it): a new id
    # for the core. A PostgreSQL sequence never hands an id out twice: the core keeps its own.
    assert (loose == ids["core"]) is (store.engine.dialect.name == "sqlite")
    assert state.core is not None and state.core.id != loose
    assert state.find(loose).parent_id == state.core.id
    assert [c.text for c in state.causes] == [
        "Geen schaduw in de zomer",
        "'s Avonds donker en onveilig",
        "Losse oorzaak",
    ]
    assert state.find(ids["shade"]).parent_id == state.core.id


# ------------------------------------------------------------------------------- dots


def test_participants_are_present_residents(
    store: Store, item: int, people: dict[str, int]
) -> None:
    state = store.analysis_state(item)
    assert (state.participants, state.dots_allowed, state.dots_left) == (0, 0, 0)
    for name in ("Jan", "Fatima", "Mohammed", "Sanne"):  # 2 residents, gemeente, guest
        store.set_presence(people[name], Presence.AANWEZIG)
    store.set_presence(people["Piet"], Presence.AFWEZIG_MET_KENNISGEVING)
    state = store.analysis_state(item)
    assert (state.dots_per_participant, state.participants, state.dots_allowed) == (3, 2, 6)


def test_no_dots_before_attendance_is_marked(store: Store, item: int) -> None:
    ids = build(store, item)
    before = rows(store)
    with pytest.raises(InvalidInputError) as refused:
        store.add_dots(ids["bench"], 1)
    assert "stippen" in refused.value.message and "presentielijst" in refused.value.message
    assert rows(store) == before


def test_dots_fill_the_round_and_no_more(store: Store, item: int, everyone_present: None) -> None:
    ids = build(store, item)  # 4 residents × 3 dots = 12 per round
    for _n in range(5):
        store.add_dots(ids["bench"], 1)
    for _n in range(5):
        store.add_dots(ids["sails"], 1)
    state = store.add_dots(ids["lamps"], 1)
    state = store.add_dots(ids["lamps"], 1)
    assert (state.dots_used, state.dots_left, state.touched_card_id) == (12, 0, ids["lamps"])
    before = rows(store)
    with pytest.raises(InvalidInputError, match="0") as refusal:
        store.add_dots(ids["lamps"], 1)
    assert "12" in refusal.value.message
    assert rows(store) == before
    # Causes are a round of their own; the core problem and effects take no dots.
    state = store.add_dots(ids["dark"], 1)
    assert (state.cause_dots_used, state.cause_dots_left, state.dots_left) == (1, 11, 0)
    assert state.dots_left_for(CAUSE) == 11 and state.dots_left_for(EFFECT) == 0
    for card in ("core", "inside"):
        with pytest.raises(InvalidInputError):
            store.add_dots(ids[card], 1)
    # Taking off frees a dot; never below zero.
    state = store.add_dots(ids["lamps"], -1)
    assert state.dots_left == 1
    store.add_dots(ids["lamps"], -1)
    with pytest.raises(InvalidInputError):
        store.add_dots(ids["lamps"], -1)


def test_ideas_are_ranked_with_shared_ranks(
    store: Store, item: int, everyone_present: None
) -> None:
    ids = build(store, item)
    for card, n in (("bench", 2), ("sails", 4), ("lamps", 2)):
        for _n in range(n):
            state = store.add_dots(ids[card], 1)
    ranked = [(r.rank, r.card.id, r.card.dots) for r in state.ranked_ideas]
    # Equal dots: the order of the ideas list (bench is a general idea, so before lamps).
    assert ranked == [(1, ids["sails"], 4), (2, ids["bench"], 2), (2, ids["lamps"], 2)]


def test_dots_per_participant(store: Store, item: int, everyone_present: None) -> None:
    ids = build(store, item)
    for _n in range(7):
        store.add_dots(ids["bench"], 1)
    state = store.set_dots_per_participant(item, 5)
    assert (state.dots_per_participant, state.dots_allowed, state.dots_left) == (5, 20, 13)
    state = store.set_dots_per_participant(item, "2")
    assert state.dots_allowed == 8
    before = rows(store)
    with pytest.raises(InvalidInputError, match="7"):
        store.set_dots_per_participant(item, 1)  # 7 placed, only 4 would fit
    for bad in (0, 21, "veel"):
        with pytest.raises(InvalidInputError):
            store.set_dots_per_participant(item, bad)
    assert rows(store) == before
    assert store.analysis_state(item).dots_per_participant == 2


def test_a_fresh_item_has_an_empty_analysis(store: Store, item: int) -> None:
    state = store.analysis_state(item)
    assert isinstance(state, AnalysisState)
    assert (state.core, state.causes, state.effects, state.ideas, state.ranked_ideas) == (
        None,
        (),
        (),
        (),
        (),
    )
    assert state.flat() == [] and state.touched_card_id is None


def test_the_analyses_of_a_whole_meeting_equal_those_read_per_item(
    store: Store, item: int, everyone_present: None
) -> None:
    ids = build(store, item)
    store.add_dots(ids["bench"], 1)
    [meeting] = store.list_meetings()
    other = store.list_agenda(meeting.id)[1].id
    store.add_card(other, CardKind.OORZAAK, "Te weinig licht")
    analyses = store.meeting_analyses(meeting.id)
    assert set(analyses) == {item, other}
    assert analyses[item] == store.analysis_state(item)
    assert analyses[other] == store.analysis_state(other)
