"""The pure rules of the problem analysis: the tree, moving, dots and ranking."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.domain import CardKind, Presence, Role
from models.errors import InvalidInputError
from models.i18n import _, ngettext
from models.rules.analysis import (
    CARD_TEXT_MAX,
    CardNode,
    check_dots,
    check_dots_per_participant,
    check_move,
    check_parent,
    child_kind,
    children_by_parent,
    clean_card_text,
    competition_ranks,
    counts_as_participant,
    dots_allowed,
    gather_under_core,
    next_position,
    place_new,
    rank_by_dots,
    reordered,
    subtree_ids,
)

CORE = CardKind.KERNPROBLEEM
CAUSE = CardKind.OORZAAK
EFFECT = CardKind.GEVOLG
IDEA = CardKind.OPLOSSING

#: 1 core; causes 2 (with sub-cause 3, sub-sub-cause 4) and 5; effect 6 (further effect 7);
#: idea 8 under the core, idea 9 under cause 3.
TREE = [
    CardNode(1, CORE, None),
    CardNode(2, CAUSE, 1, 0),
    CardNode(3, CAUSE, 2, 0),
    CardNode(4, CAUSE, 3, 0),
    CardNode(5, CAUSE, 1, 1),
    CardNode(6, EFFECT, 1, 0),
    CardNode(7, EFFECT, 6, 0),
    CardNode(8, IDEA, 1, 0),
    CardNode(9, IDEA, 3, 0),
]


def refused(message: str):  # type: ignore[no-untyped-def]
    return pytest.raises(InvalidInputError, match=f"^{_(message)}$".replace("(", r"\("))


# ------------------------------------------------------------------------------ input


def test_card_text_is_one_clean_line() -> None:
    assert (
        clean_card_text("  Te weinig\nschaduw \t op  het plein ")
        == "Te weinig schaduw op het plein"
    )
    with pytest.raises(InvalidInputError):
        clean_card_text(" \n ")
    with pytest.raises(InvalidInputError):
        clean_card_text("x" * (CARD_TEXT_MAX + 1))
    with pytest.raises(InvalidInputError):
        clean_card_text("bell\x07")
    assert len(clean_card_text("x" * CARD_TEXT_MAX)) == CARD_TEXT_MAX


@pytest.mark.parametrize(
    ("role", "presence", "counts"),
    [
        (Role.BEWONER, Presence.AANWEZIG, True),
        (Role.VOORZITTER, Presence.AANWEZIG, True),
        (Role.NOTULIST, Presence.AANWEZIG, True),
        (Role.GEMEENTE, Presence.AANWEZIG, False),
        (Role.CORPORATIE, Presence.AANWEZIG, False),
        (Role.WIJKAGENT, Presence.AANWEZIG, False),
        (Role.DESKUNDIGE, Presence.AANWEZIG, False),
        (Role.GAST, Presence.AANWEZIG, False),
        (Role.BEWONER, Presence.ONBEKEND, False),
        (Role.BEWONER, Presence.AFWEZIG_MET_KENNISGEVING, False),
        (Role.BEWONER, Presence.AFWEZIG, False),
    ],
)
def test_who_places_dots(role: Role, presence: Presence, counts: bool) -> None:
    assert counts_as_participant(role, presence) is counts


# ------------------------------------------------------------------------- kind rules


@pytest.mark.parametrize(
    ("kind", "parent", "allowed"),
    [
        (CORE, None, True),
        (CORE, CAUSE, False),
        (CAUSE, None, True),
        (CAUSE, CORE, True),
        (CAUSE, CAUSE, True),
        (CAUSE, EFFECT, False),
        (CAUSE, IDEA, False),
        (EFFECT, None, True),
        (EFFECT, CORE, True),
        (EFFECT, EFFECT, True),
        (EFFECT, CAUSE, False),
        (IDEA, None, True),
        (IDEA, CORE, True),
        (IDEA, CAUSE, True),
        (IDEA, EFFECT, False),
        (IDEA, IDEA, False),
    ],
)
def test_which_kind_goes_under_which(
    kind: CardKind, parent: CardKind | None, allowed: bool
) -> None:
    node = CardNode(99, parent, None) if parent is not None else None
    if allowed:
        check_parent(kind, node)
    else:
        with pytest.raises(InvalidInputError):
            check_parent(kind, node)


def test_nothing_goes_under_an_idea_with_a_clear_message() -> None:
    with refused("An idea cannot have cards under it."):
        check_parent(CAUSE, CardNode(1, IDEA, None))
    with refused("An idea cannot have cards under it."):
        child_kind(IDEA)


def test_a_child_is_of_the_selected_kind_and_the_core_asks() -> None:
    assert child_kind(CAUSE) is CAUSE
    assert child_kind(EFFECT) is EFFECT
    assert child_kind(CAUSE, IDEA) is IDEA  # an idea that tackles this cause
    assert child_kind(CORE, EFFECT) is EFFECT
    with refused("Choose what goes under the core problem: a cause, an effect or an idea."):
        child_kind(CORE)
    with pytest.raises(InvalidInputError):
        child_kind(CAUSE, EFFECT)
    with pytest.raises(InvalidInputError):
        child_kind(CORE, CORE)


def test_new_cards_without_a_core_problem_stay_at_the_top() -> None:
    cards = [CardNode(1, CAUSE, None)]
    assert place_new(cards, CAUSE, None) is None
    assert place_new(cards, EFFECT, None) is None
    assert place_new(cards, IDEA, None) is None
    assert place_new(cards, CAUSE, 1) == 1
    assert place_new(cards, CORE, None) is None


def test_with_a_core_problem_the_top_is_under_it() -> None:
    assert place_new(TREE, CAUSE, None) == 1
    assert place_new(TREE, EFFECT, None) == 1
    assert place_new(TREE, IDEA, None) == 1
    assert place_new(TREE, IDEA, 5) == 5


def test_one_core_problem_per_item() -> None:
    with refused(
        "This item already has a core problem; change its text instead of adding another."
    ):
        place_new(TREE, CORE, None)
    with pytest.raises(InvalidInputError):
        place_new([], CORE, 1)  # not a card of this tree


def test_an_unknown_parent_is_refused() -> None:
    with refused("That card is not part of this problem analysis."):
        place_new(TREE, CAUSE, 42)


def test_top_cards_go_under_a_new_core_in_their_order() -> None:
    cards = [
        CardNode(1, CAUSE, None, 0),
        CardNode(2, EFFECT, None, 0),
        CardNode(3, CAUSE, None, 1),
        CardNode(4, CAUSE, 1, 0),  # a sub-cause stays where it is
        CardNode(5, IDEA, None, 0),
        CardNode(6, CORE, None, 0),
    ]
    assert gather_under_core(cards, 6) == [(1, 0), (3, 1), (2, 0), (5, 0)]
    # After what is under the core problem already (a restored core with its causes).
    cards.append(CardNode(7, CAUSE, 6, 0))
    assert gather_under_core(cards, 6)[:2] == [(1, 1), (3, 2)]


# ------------------------------------------------------------------------------ tree


def test_subtree_lists_parents_before_children() -> None:
    assert subtree_ids(TREE, 2) == [2, 3, 4, 9]
    assert subtree_ids(TREE, 1) == [1, 2, 5, 6, 8, 3, 7, 4, 9]
    assert subtree_ids(TREE, 9) == [9]


def test_subtree_survives_a_loop() -> None:
    loop = [CardNode(1, CAUSE, 2), CardNode(2, CAUSE, 1)]
    assert subtree_ids(loop, 1) == [1, 2]


def test_children_are_grouped_by_kind_then_position() -> None:
    under_core = children_by_parent(TREE)[1]
    assert [c.id for c in under_core] == [2, 5, 6, 8]


def test_move_under_itself_or_a_sub_card_is_refused() -> None:
    message = "A card cannot be placed under itself or under one of its own sub-cards."
    for target in (2, 3, 4):
        with refused(message):
            check_move(TREE, 2, target)
    with refused(message):
        check_move(TREE, 6, 7)


def test_move_follows_the_kind_rules() -> None:
    assert check_move(TREE, 3, 5) == 5  # sub-cause to another cause
    assert check_move(TREE, 9, 1) == 1  # idea from a cause to the core problem
    assert check_move(TREE, 8, 4) == 4  # general idea to a cause
    assert check_move(TREE, 3, None) == 1  # "to the top" is under the core problem
    with pytest.raises(InvalidInputError):
        check_move(TREE, 3, 6)  # a cause under an effect
    with pytest.raises(InvalidInputError):
        check_move(TREE, 7, 2)  # an effect under a cause
    with pytest.raises(InvalidInputError):
        check_move(TREE, 5, 8)  # under an idea
    with refused("The core problem cannot be placed under another card."):
        check_move(TREE, 1, 8)
    assert check_move(TREE, 1, None) is None


def test_move_to_the_top_without_a_core_problem() -> None:
    cards = [CardNode(1, CAUSE, None), CardNode(2, CAUSE, 1), CardNode(3, IDEA, 2)]
    assert check_move(cards, 2, None) is None
    assert check_move(cards, 3, None) is None


def test_positions_and_reordering_among_siblings_of_a_kind() -> None:
    assert next_position(TREE, 1, CAUSE) == 2
    assert next_position(TREE, 1, EFFECT) == 1
    assert next_position(TREE, 9, IDEA) == 0
    assert reordered(TREE, 5, -1) == [(5, 0), (2, 1)]
    assert reordered(TREE, 2, +1) == [(5, 0), (2, 1)]
    with refused("This card is already at the top."):
        reordered(TREE, 2, -1)
    with refused("This card is already at the bottom."):
        reordered(TREE, 6, +1)  # the effect 6 is alone among the effects under the core


@st.composite
def trees(draw: st.DrawFn) -> list[CardNode]:
    """Valid trees built the way the Store builds them: one card at a time."""
    cards: list[CardNode] = []
    for new_id in range(1, draw(st.integers(1, 25)) + 1):
        kind = draw(st.sampled_from([CORE, CAUSE, EFFECT, IDEA]))
        parent = draw(st.sampled_from([None] + [c.id for c in cards]))
        try:
            placed = place_new(cards, kind, parent)
        except InvalidInputError:
            continue
        cards.append(CardNode(new_id, kind, placed, next_position(cards, placed, kind)))
        if kind == CORE:
            moved = dict(gather_under_core(cards, new_id))
            cards = [
                CardNode(c.id, c.kind, new_id, moved[c.id]) if c.id in moved else c for c in cards
            ]
    return cards


def _valid(cards: list[CardNode]) -> None:
    nodes = {c.id: c for c in cards}
    cores = [c for c in cards if c.kind == CORE]
    assert len(cores) <= 1
    for card in cards:
        parent = nodes.get(card.parent_id) if card.parent_id is not None else None
        check_parent(card.kind, parent)
        if cores and card.kind != CORE:
            assert card.parent_id is not None  # one root once there is a core problem
    # Every card reaches the top: no loops.
    for card in cards:
        seen, current = set(), card
        while current.parent_id is not None:
            assert current.id not in seen
            seen.add(current.id)
            current = nodes[current.parent_id]


@settings(max_examples=200)
@given(trees(), st.lists(st.tuples(st.integers(1, 25), st.integers(0, 25)), max_size=20))
def test_allowed_moves_keep_a_valid_tree(cards: list[CardNode], moves: list) -> None:
    _valid(cards)
    ids = {c.id for c in cards}
    for card_id, target in moves:
        if card_id not in ids:
            continue
        new_parent = target if target in ids else None
        try:
            parent = check_move(cards, card_id, new_parent)
        except InvalidInputError:
            continue
        cards = [CardNode(c.id, c.kind, parent) if c.id == card_id else c for c in cards]
        _valid(cards)


# ---------------------------------------------------------------------------- ranking


def test_equal_dots_share_a_rank() -> None:
    assert competition_ranks([5, 5, 3, 1]) == [1, 1, 3, 4]
    assert competition_ranks([4, 2, 2, 2, 0]) == [1, 2, 2, 2, 5]
    assert competition_ranks([0, 0]) == [1, 1]
    assert competition_ranks([]) == []


def test_ranking_keeps_the_given_order_among_equals() -> None:
    ideas = [("a", 1), ("b", 5), ("c", 3), ("d", 5), ("e", 0)]
    ranked = rank_by_dots(ideas, lambda i: i[1])
    assert [(rank, name) for rank, (name, _dots) in ranked] == [
        (1, "b"),
        (1, "d"),
        (3, "c"),
        (4, "a"),
        (5, "e"),
    ]


# ------------------------------------------------------------------------------- dots


def dots(kind: CardKind = IDEA, now: int = 0, delta: int = 1, used: int = 0, n: int = 4) -> int:
    return check_dots(kind, now, delta, used=used, dots_per_participant=3, participants=n)


def test_dots_go_on_and_off() -> None:
    assert dots_allowed(3, 4) == 12
    assert dots(now=2) == 3
    assert dots(now=2, delta=-1) == 1
    assert dots(CAUSE, now=0, used=11) == 1
    assert dots(now=1, delta=-1, n=0) == 0  # taking off is fine without attendance


def test_dots_never_below_zero() -> None:
    with refused("This card has no dots to take off."):
        dots(now=0, delta=-1)
    with pytest.raises(InvalidInputError, match="2"):
        dots(now=2, delta=-3)


def test_only_ideas_and_causes_take_dots() -> None:
    for kind in (CORE, EFFECT):
        with refused("Dots can only be placed on ideas and causes."):
            dots(kind)


def test_no_dots_without_anyone_present() -> None:
    with pytest.raises(InvalidInputError) as refusal:
        dots(n=0)
    assert refusal.value.message == _(
        "Nobody who places dots is marked present yet. Mark the attendance first "
        "(professionals and guests do not place dots)."
    )


def test_a_full_round_says_none_are_left() -> None:
    with pytest.raises(InvalidInputError) as refusal:
        dots(used=12)
    rule = ngettext(
        "{per} per participant × {n} participant present",
        "{per} per participant × {n} participants present",
        4,
    ).format(per=3, n=4)
    assert refusal.value.message == _(
        "No dots are left for the ideas (0 of {allowed}: {rule}). "
        "Take a dot off another idea first."
    ).format(allowed=12, rule=rule)
    with pytest.raises(InvalidInputError, match="0"):
        dots(CAUSE, used=13)  # more than allowed (people left): still none left
    with pytest.raises(InvalidInputError, match="2"):
        dots(used=10, delta=3)  # only 2 left


def test_dots_per_participant() -> None:
    assert check_dots_per_participant("5", current=3, most_used=12, participants=4) == 5
    assert check_dots_per_participant(2, current=3, most_used=8, participants=4) == 2
    with pytest.raises(InvalidInputError, match="9"):
        check_dots_per_participant(2, current=3, most_used=9, participants=4)
    # Raising never hurts, even when people left and the dots no longer fit anyway.
    assert check_dots_per_participant(4, current=3, most_used=9, participants=2) == 4
    for bad in (0, 21, "drie", -1):
        with pytest.raises(InvalidInputError):
            check_dots_per_participant(bad, current=3, most_used=0, participants=4)
