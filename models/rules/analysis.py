"""The rules of the problem analysis: pure functions, no database, no screen.

Per agenda item the residents build one tree: a core problem (kernprobleem), its causes
(oorzaken, a cause can have sub-causes) and effects (gevolgen, an effect can have further
effects), and ideas (oplossingen) that tackle the core problem or one cause. The Store reads
the cards of an item as :class:`CardNode` values, asks these functions whether an action is
allowed and what it changes, and stores the outcome.

Placement rules:

- one core problem per item, always at the top;
- a cause sits under the core problem or another cause, an effect under the core problem or
  another effect; an idea under the core problem or a cause; nothing sits under an idea;
- "at the top" (no parent) is where causes, effects and ideas go while there is no core
  problem yet. Once there is one, "at the top" means under it: the core problem gathers the
  cards that were at the top, so the tree always has one root and general ideas one list.

Dot voting: residents prioritise ideas (and, in a round of their own, causes) with dots;
each present participant has ``dots_per_participant`` dots per round.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum, auto
from typing import Final, TypeVar

from models.domain import CardKind, Presence, Role, may_vote
from models.errors import InvalidInputError
from models.i18n import _, ngettext
from models.rules import validation as check

#: A card is one line on the wall; generous, but a paragraph belongs in the notes.
CARD_TEXT_MAX = 500
#: How deep a card may hang (the core problem is level 1): deeper than any paper tree, and a
#: bound for what a meeting file may hold (``docs/meeting-file.md``).
CARD_DEPTH_MAX = 50
DOTS_PER_PARTICIPANT_MAX = 20
#: The kinds that take dots; each is a round of its own.
DOT_KINDS = frozenset({CardKind.OPLOSSING, CardKind.OORZAAK})
#: Order of the kinds among the cards under one parent.
KIND_ORDER = (CardKind.KERNPROBLEEM, CardKind.OORZAAK, CardKind.GEVOLG, CardKind.OPLOSSING)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class CardNode:
    """A card as the rules see it."""

    id: int
    kind: CardKind
    parent_id: int | None
    position: int = 0
    dots: int = 0


# ------------------------------------------------------------------------------ input


def clean_card_text(text: str) -> str:
    """The text of a card on one line: line breaks and runs of spaces become one space."""
    return check.clean_line(
        " ".join((text or "").split()), _("The text of the card"), max_length=CARD_TEXT_MAX
    )


def counts_as_participant(role: Role, presence: Presence) -> bool:
    """Whether this attendee places dots: present, and neither a professional nor a guest."""
    role = Role(role)
    return Presence(presence) == Presence.AANWEZIG and may_vote(role)


# ------------------------------------------------------------------------------- tree


def display_key(card: CardNode) -> tuple[int, int, int]:
    """Sort key of cards under one parent: by kind, then position, then age."""
    return (KIND_ORDER.index(CardKind(card.kind)), card.position, card.id)


def children_by_parent(cards: Iterable[CardNode]) -> dict[int | None, list[CardNode]]:
    """The cards per parent id (None: the top), each list in display order."""
    result: dict[int | None, list[CardNode]] = {}
    for card in cards:
        result.setdefault(card.parent_id, []).append(card)
    for children in result.values():
        children.sort(key=display_key)
    return result


_N = TypeVar("_N")
_R = TypeVar("_R")


class _End(Enum):
    """Marks the end of a node's children: a value no node can be, which mypy tells apart."""

    END = auto()


_END: Final = _End.END


def build_up(
    roots: Iterable[_N],
    children_of: Callable[[_N], Iterable[_N]],
    make: Callable[[_N, tuple[_R, ...]], _R],
) -> list[_R]:
    """Turn a tree into nested (frozen) values, children first, with a stack of its own.

    ``make(node, built_children)`` builds one value. How deep a tree is comes from the data (a
    meeting file can hold a chain of hundreds of sub-causes), so no tree code of BaZ recurses:
    Python's recursion limit would turn a deep tree into an item nobody can open.
    """
    built: list[_R] = []
    for root in roots:
        stack: list[tuple[_N, Iterator[_N], list[_R]]] = [(root, iter(children_of(root)), [])]
        while stack:
            node, pending, done = stack[-1]
            child = next(pending, _END)
            if child is _END:
                stack.pop()
                value = make(node, tuple(done))
                (stack[-1][2] if stack else built).append(value)
            else:
                stack.append((child, iter(children_of(child)), []))
    return built


def walk_down(
    roots: Iterable[_N], children_of: Callable[[_N], Iterable[_N]]
) -> Iterator[tuple[int, _N]]:
    """(depth, node) of a tree in reading order (a node before its children), without
    recursion; the roots are at depth 0."""
    stack: list[tuple[int, _N]] = [(0, root) for root in reversed(list(roots))]
    while stack:
        depth, node = stack.pop()
        yield depth, node
        stack.extend((depth + 1, child) for child in reversed(list(children_of(node))))


def find_core(cards: Iterable[CardNode]) -> CardNode | None:
    return next((c for c in cards if c.kind == CardKind.KERNPROBLEEM), None)


def subtree_ids(cards: Iterable[CardNode], card_id: int) -> list[int]:
    """The card and everything under it, parents before their children."""
    children = children_by_parent(cards)
    ids = [card_id]
    seen = {card_id}
    for current in ids:  # grows while it is walked: breadth first
        for child in children.get(current, ()):
            if child.id not in seen:  # a damaged tree with a loop must not hang the app
                seen.add(child.id)
                ids.append(child.id)
    return ids


def check_parent(kind: CardKind, parent: CardNode | None) -> None:
    """Refuse a card of ``kind`` under ``parent`` (None: at the top) when the kinds don't fit."""
    kind = CardKind(kind)
    if kind == CardKind.KERNPROBLEEM:
        if parent is not None:
            raise InvalidInputError(_("The core problem cannot be placed under another card."))
        return
    if parent is not None and parent.kind == CardKind.OPLOSSING:
        raise InvalidInputError(_("An idea cannot have cards under it."))
    if kind == CardKind.OORZAAK:
        if parent is not None and parent.kind not in (CardKind.KERNPROBLEEM, CardKind.OORZAAK):
            raise InvalidInputError(
                _("A cause can only be placed under the core problem or under another cause.")
            )
    elif kind == CardKind.GEVOLG:
        if parent is not None and parent.kind not in (CardKind.KERNPROBLEEM, CardKind.GEVOLG):
            raise InvalidInputError(
                _("An effect can only be placed under the core problem or under another effect.")
            )
    elif parent is not None and parent.kind not in (CardKind.KERNPROBLEEM, CardKind.OORZAAK):
        raise InvalidInputError(
            _("An idea can only be placed under the core problem or under a cause.")
        )


def resolve_parent(kind: CardKind, parent_id: int | None, core: CardNode | None) -> int | None:
    """Where "at the top" really is: under the core problem once there is one."""
    if parent_id is None and core is not None and CardKind(kind) != CardKind.KERNPROBLEEM:
        return core.id
    return parent_id


def child_kind(parent_kind: CardKind, requested: CardKind | None = None) -> CardKind:
    """The kind of a new card under a selected card.

    Under a cause comes a cause, under an effect an effect (unless ``requested`` says
    otherwise and the rules allow it, e.g. an idea under a cause); under the core problem the
    caller must say which kind.
    """
    parent_kind = CardKind(parent_kind)
    if parent_kind == CardKind.OPLOSSING:
        raise InvalidInputError(_("An idea cannot have cards under it."))
    if requested is None:
        if parent_kind == CardKind.KERNPROBLEEM:
            raise InvalidInputError(
                _("Choose what goes under the core problem: a cause, an effect or an idea.")
            )
        return parent_kind
    requested = CardKind(requested)
    check_parent(requested, CardNode(0, parent_kind, None))
    return requested


def _node(nodes: dict[int, CardNode], card_id: int | None) -> CardNode | None:
    if card_id is None:
        return None
    node = nodes.get(card_id)
    if node is None:
        raise InvalidInputError(_("That card is not part of this problem analysis."))
    return node


def place_new(cards: Sequence[CardNode], kind: CardKind, parent_id: int | None) -> int | None:
    """The parent a new card of ``kind`` gets when asked for under ``parent_id``; or refused."""
    kind = CardKind(kind)
    nodes = {c.id: c for c in cards}
    core = find_core(cards)
    if kind == CardKind.KERNPROBLEEM and core is not None:
        raise InvalidInputError(
            _("This item already has a core problem; change its text instead of adding another.")
        )
    check_parent(kind, _node(nodes, parent_id))
    parent = resolve_parent(kind, parent_id, core)
    if kind == CardKind.KERNPROBLEEM:
        # The core problem gathers the cards at the top: all of them go one level down.
        _check_depth(1 + _height(cards, *(c.id for c in cards if c.parent_id is None)))
    else:
        _check_depth(level_of(nodes, parent) + 1)
    return parent


def level_of(nodes: dict[int, CardNode], card_id: int | None) -> int:
    """How deep ``card_id`` hangs: 1 at the top, 0 for "no card" (without recursion)."""
    level, seen = 0, set()
    while card_id is not None and card_id in nodes and card_id not in seen:
        seen.add(card_id)
        level += 1
        card_id = nodes[card_id].parent_id
    return level


def _height(cards: Sequence[CardNode], *card_ids: int) -> int:
    """How many levels the cards and everything under them take (1: no sub-cards; 0: none)."""
    children = children_by_parent(cards)
    level, height, seen = list(card_ids), 0, set(card_ids)
    while level:
        height += 1
        level = [c.id for p in level for c in children.get(p, ()) if c.id not in seen]
        seen.update(level)
    return height


def _check_depth(depth: int) -> None:
    if depth > CARD_DEPTH_MAX:
        raise InvalidInputError(
            _("Cards can hang at most {n} levels deep.").format(n=CARD_DEPTH_MAX)
        )


def check_move(cards: Sequence[CardNode], card_id: int, new_parent_id: int | None) -> int | None:
    """The parent ``card_id`` gets when moved under ``new_parent_id``; or refused.

    A card takes everything under it along, so it cannot go under itself or its own
    sub-cards: that would cut the branch off the tree.
    """
    nodes = {c.id: c for c in cards}
    card = _node(nodes, card_id)
    assert card is not None
    if card.kind == CardKind.KERNPROBLEEM:
        check_parent(card.kind, _node(nodes, new_parent_id))  # its own message, not "itself"
    if new_parent_id is not None and new_parent_id in subtree_ids(cards, card_id):
        raise InvalidInputError(
            _("A card cannot be placed under itself or under one of its own sub-cards.")
        )
    check_parent(card.kind, _node(nodes, new_parent_id))
    parent = resolve_parent(card.kind, new_parent_id, find_core(cards))
    _check_depth(level_of(nodes, parent) + _height(cards, card_id))
    return parent


def siblings(cards: Iterable[CardNode], parent_id: int | None, kind: CardKind) -> list[CardNode]:
    """The cards of ``kind`` directly under ``parent_id``, in order."""
    kind = CardKind(kind)
    return sorted(
        (c for c in cards if c.parent_id == parent_id and c.kind == kind), key=display_key
    )


def next_position(cards: Iterable[CardNode], parent_id: int | None, kind: CardKind) -> int:
    """The position after the last card of ``kind`` under ``parent_id``: new cards go last."""
    return max((c.position + 1 for c in siblings(cards, parent_id, kind)), default=0)


def reordered(cards: Sequence[CardNode], card_id: int, delta: int) -> list[tuple[int, int]]:
    """Move a card ``delta`` places among its siblings; the new (card id, position) pairs."""
    nodes = {c.id: c for c in cards}
    card = _node(nodes, card_id)
    assert card is not None
    group = siblings(cards, card.parent_id, card.kind)
    at = group.index(card)
    to = at + int(delta)
    if to < 0:
        raise InvalidInputError(_("This card is already at the top."))
    if to >= len(group):
        raise InvalidInputError(_("This card is already at the bottom."))
    group.insert(to, group.pop(at))
    return [(c.id, position) for position, c in enumerate(group)]


def gather_under_core(cards: Sequence[CardNode], core_id: int) -> list[tuple[int, int]]:
    """The cards at the top that go under the core problem ``core_id``: (card id, position).

    They keep their order and come after what is already under the core problem.
    """
    top = [c for c in cards if c.parent_id is None and c.id != core_id]
    moves: list[tuple[int, int]] = []
    for kind in (CardKind.OORZAAK, CardKind.GEVOLG, CardKind.OPLOSSING):
        start = next_position(cards, core_id, kind)
        for offset, card in enumerate(siblings(top, None, kind)):
            moves.append((card.id, start + offset))
    return moves


# ------------------------------------------------------------------------------ ranking


def competition_ranks(values: Sequence[int]) -> list[int]:
    """Ranks of values sorted from high to low; equal values share a rank (1, 1, 3)."""
    ranks: list[int] = []
    for index, value in enumerate(values):
        ranks.append(ranks[-1] if index and value == values[index - 1] else index + 1)
    return ranks


def rank_by_dots(items: Sequence[T], dots: Callable[[T], int]) -> list[tuple[int, T]]:
    """Items by dots, most first, with their rank; equal dots keep the order they came in."""
    ordered = sorted(items, key=lambda item: -dots(item))  # sorted() is stable
    return list(zip(competition_ranks([dots(i) for i in ordered]), ordered, strict=True))


# ---------------------------------------------------------------------------------- dots


def dots_allowed(dots_per_participant: int, participants: int) -> int:
    """How many dots a round may have in all."""
    return max(0, dots_per_participant) * max(0, participants)


def _rule(dots_per_participant: int, participants: int) -> str:
    return ngettext(
        "{per} per participant × {n} participant present",
        "{per} per participant × {n} participants present",
        participants,
    ).format(per=dots_per_participant, n=participants)


def check_dots(
    kind: CardKind,
    dots: int,
    delta: int,
    *,
    used: int,
    dots_per_participant: int,
    participants: int,
) -> int:
    """The dots of a card after adding ``delta`` (negative: taking off); or refused.

    ``used`` counts the dots of the round (all ideas, or all causes) before the change. Never
    below 0 on a card; never more than ``dots_per_participant × participants`` in a round.
    Nobody marked present means nobody to place dots: refused with a pointer to the
    attendance rather than a round of zero dots nobody understands.
    """
    kind = CardKind(kind)
    if kind not in DOT_KINDS:
        raise InvalidInputError(_("Dots can only be placed on ideas and causes."))
    delta = int(delta)
    if dots + delta < 0:
        if dots == 0:
            raise InvalidInputError(_("This card has no dots to take off."))
        raise InvalidInputError(
            ngettext("This card has only {n} dot.", "This card has only {n} dots.", dots).format(
                n=dots
            )
        )
    if delta <= 0:
        return dots + delta
    if participants <= 0:
        raise InvalidInputError(
            _(
                "Nobody who places dots is marked present yet. Mark the attendance first "
                "(professionals and guests do not place dots)."
            )
        )
    allowed = dots_allowed(dots_per_participant, participants)
    left = max(0, allowed - used)
    if left == 0:
        if kind == CardKind.OPLOSSING:
            message = _(
                "No dots are left for the ideas (0 of {allowed}: {rule}). "
                "Take a dot off another idea first."
            )
        else:
            message = _(
                "No dots are left for the causes (0 of {allowed}: {rule}). "
                "Take a dot off another cause first."
            )
        raise InvalidInputError(
            message.format(allowed=allowed, rule=_rule(dots_per_participant, participants))
        )
    if delta > left:
        raise InvalidInputError(
            ngettext(
                "Only {left} dot is left ({rule}).", "Only {left} dots are left ({rule}).", left
            ).format(left=left, rule=_rule(dots_per_participant, participants))
        )
    return dots + delta


def check_dots_per_participant(
    value: int | str, *, current: int, most_used: int, participants: int
) -> int:
    """A new number of dots per participant (1–20); or refused.

    Lowering it is refused when the dots already placed in a round (``most_used``: the
    fuller round) would no longer fit; raising it is always fine.
    """
    n = check.whole_number(
        value, _("The number of dots per participant"), low=1, high=DOTS_PER_PARTICIPANT_MAX
    )
    allowed = dots_allowed(n, participants)
    if n < current and most_used > allowed:
        raise InvalidInputError(
            ngettext(
                "{used} dot has already been placed; with {n} per participant only {allowed} "
                "fit. Take dots off first.",
                "{used} dots have already been placed; with {n} per participant only {allowed} "
                "fit. Take dots off first.",
                most_used,
            ).format(used=most_used, n=n, allowed=allowed)
        )
    return n
