"""Plain, immutable data of the problem analysis that the Store hands out.

Like ``models.records.meeting``: no session, no table objects, and importing this module does
not load SQLModel.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from models.domain import CardKind


@dataclass(frozen=True, slots=True)
class CardInfo:
    """One card with the cards under it."""

    id: int
    agenda_item_id: int
    kind: CardKind
    text: str
    parent_id: int | None
    #: None when the card is anonymous (the default).
    author_attendee_id: int | None
    #: The author's name as on the attendee list (internal); "" when anonymous.
    author_name: str
    dots: int
    #: Place among the cards of the same kind under the same parent (0 first).
    position: int
    #: Every card directly under this one (sub-causes, further effects, ideas), in order.
    children: tuple[CardInfo, ...]
    #: The newest action point made from this card, if any.
    action_item_id: int | None
    #: The newest poll made from this card, if any.
    poll_id: int | None

    def children_of_kind(self, kind: CardKind) -> tuple[CardInfo, ...]:
        return tuple(c for c in self.children if c.kind == kind)

    def walk(self) -> Iterator[CardInfo]:
        """This card and everything under it, depth first (without recursion: the depth
        comes from the data)."""
        from models.rules.analysis import walk_down

        for _depth, card in walk_down((self,), lambda c: c.children):
            yield card


@dataclass(frozen=True, slots=True)
class RankedIdea:
    #: 1 is most dots; equal dots share a rank (1, 1, 3).
    rank: int
    card: CardInfo


@dataclass(frozen=True, slots=True)
class AnalysisState:
    """The whole problem analysis of one agenda item, read in one go."""

    item_id: int
    core: CardInfo | None
    #: The causes directly under the core problem (or at the top while there is none).
    causes: tuple[CardInfo, ...]
    #: The same for the effects.
    effects: tuple[CardInfo, ...]
    #: Every idea, in tree order: general ideas first, then those under causes.
    ideas: tuple[CardInfo, ...]
    #: The ideas by dots, most first; equal dots share a rank and keep tree order.
    ranked_ideas: tuple[RankedIdea, ...]
    dots_per_participant: int
    #: Present attendees who may place dots (no professionals, no guests).
    participants: int
    #: Dots per round: ``dots_per_participant × participants``. Ideas are one round, causes
    #: another, each with this many dots.
    dots_allowed: int
    #: Dots on the ideas, and how many of the allowed ones are still free.
    dots_used: int
    dots_left: int
    #: The same for the causes (prioritising causes is an optional, separate round).
    cause_dots_used: int
    cause_dots_left: int
    #: The card the last action created or changed, for the screen's cursor; None for a read.
    touched_card_id: int | None = None

    def _roots(self) -> Iterator[CardInfo]:
        # Some cards are reached twice (a cause is under the core too); find() stops at the
        # first hit, so that costs nothing wrong.
        if self.core is not None:
            yield self.core
        yield from self.causes
        yield from self.effects
        yield from self.ideas

    def find(self, card_id: int) -> CardInfo | None:
        """The card with this id, or None."""
        for root in self._roots():
            for card in root.walk():
                if card.id == card_id:
                    return card
        return None

    def flat(self) -> list[tuple[int, CardInfo]]:
        """(depth, card) in display order: core, the causes tree, the effects tree, the ideas.

        The depth counts within each part: the core, the first level of causes and effects,
        and every idea are at depth 0; a sub-cause at 1, and so on.
        """
        rows: list[tuple[int, CardInfo]] = []
        if self.core is not None:
            rows.append((0, self.core))

        from models.rules.analysis import walk_down

        for part in (self.causes, self.effects):
            rows.extend(walk_down(part, lambda c: c.children_of_kind(c.kind)))
        rows.extend((0, idea) for idea in self.ideas)
        return rows

    def places_for(self, card_id: int) -> list[CardInfo | None]:
        """Where a card may be moved (M), by the rules of ``models.rules.analysis.check_move``: the
        cards it may hang under, in display order, and None for "at the top" when allowed —
        never the card itself or one of its own sub-cards."""
        from models.errors import InvalidInputError
        from models.rules.analysis import CardNode, check_move

        cards = [card for _depth, card in self.flat()]
        nodes = [CardNode(c.id, c.kind, c.parent_id, c.position, c.dots) for c in cards]
        places: list[CardInfo | None] = []
        for target in [None, *cards]:
            try:
                check_move(nodes, card_id, target.id if target is not None else None)
            except InvalidInputError:
                continue
            places.append(target)
        return places

    def dots_left_for(self, kind: CardKind) -> int:
        """Free dots of the round that ``kind`` belongs to (0 for kinds without dots)."""
        if kind == CardKind.OPLOSSING:
            return self.dots_left
        if kind == CardKind.OORZAAK:
            return self.cause_dots_left
        return 0


@dataclass(frozen=True, slots=True)
class CardRecord:
    """Every column of one card, to put it back exactly as it was (undo of a delete)."""

    id: int
    agenda_item_id: int
    kind: CardKind
    text: str
    parent_id: int | None
    author_attendee_id: int | None
    dots: int
    position: int
    created_at: datetime | None


@dataclass(frozen=True, slots=True)
class CardSnapshot:
    """Cards removed by ``Store.delete_card``; ``Store.restore_cards`` puts them back."""

    item_id: int
    #: The deleted card first, then everything that was under it, parents before children.
    cards: tuple[CardRecord, ...]
    #: (action point id, card id) and (poll id, card id): links that the delete cleared.
    action_links: tuple[tuple[int, int], ...] = ()
    poll_links: tuple[tuple[int, int], ...] = ()
