"""The Store's methods for the problem analysis (cards, dots).

The rules are the pure functions of ``models.rules.analysis``: every method reads the cards of an
item, lets those rules decide, writes the outcome in the same transaction and returns the whole
:class:`~models.records.analysis.AnalysisState`, so a screen redraws from one value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlmodel import Session, col

from models.database.tables import ActionItem, AgendaItem, Attendee, Card, Meeting, Poll
from models.domain import CardKind, Presence, Role
from models.errors import InvalidInputError
from models.i18n import _
from models.records.analysis import AnalysisState, CardInfo, CardRecord, CardSnapshot, RankedIdea
from models.rules.analysis import (
    CardNode,
    build_up,
    check_dots,
    check_dots_per_participant,
    check_move,
    children_by_parent,
    clean_card_text,
    counts_as_participant,
    dots_allowed,
    find_core,
    gather_under_core,
    next_position,
    place_new,
    rank_by_dots,
    reordered,
    resolve_parent,
    subtree_ids,
    walk_down,
)
from models.store.base import UNSET, StoreBase, hold, not_found


class AnalysisActions(StoreBase):
    """Store methods for the problem analysis (cards, dots); combined into :class:`models.store.Store`."""

    def analysis_state(self, item_id: int) -> AnalysisState:
        """The problem analysis of an agenda item: tree, ideas ranked by dots, dots left."""
        with self._transaction() as session:
            return _analysis_state(session, _item_row(session, item_id))

    def meeting_analyses(self, meeting_id: int) -> dict[int, AnalysisState]:
        """The analysis of every agenda item that has one, by item id (for the minutes).

        Read in one go: a meeting with analyses on a hundred items costs four queries, not
        four hundred.
        """
        with self._transaction() as session:
            self._get(session, Meeting, meeting_id, _("meeting"))
            return _meeting_analyses(session, meeting_id)

    def add_card(
        self,
        item_id: int,
        kind: CardKind,
        text: str,
        *,
        parent_id: int | None = None,
        author_attendee_id: int | None = None,
    ) -> AnalysisState:
        """A new card, last among its siblings; a new core problem gathers the top cards."""
        kind = CardKind(kind)
        clean = clean_card_text(text)
        with self._transaction() as session:
            hold(session, AgendaItem, item_id)  # the places of its cards
            item = _item_row(session, item_id)
            card_id = insert_card(
                session, item, kind, clean, parent_id, author_attendee_id, now=self.now()
            )
            return _analysis_state(session, item, touched=card_id)

    def update_card(
        self, card_id: int, *, text: str = UNSET, author_attendee_id: int | None = UNSET
    ) -> AnalysisState:
        """Change the text and/or the author of a card (author None: anonymous)."""
        with self._transaction() as session:
            card = self._get(session, Card, card_id, _("card"))
            item = self._get(session, AgendaItem, card.agenda_item_id, _("agenda item"))
            # Both are checked before either is set: a refusal leaves the card as it was.
            changes: dict[str, Any] = {}
            if text is not UNSET:
                changes["text"] = clean_card_text(text)
            if author_attendee_id is not UNSET:
                changes["author_attendee_id"] = _author(session, item, author_attendee_id)
            for name, value in changes.items():
                setattr(card, name, value)
            session.add(card)
            session.flush()
            return _analysis_state(session, item, touched=card.id)

    def move_card(self, card_id: int, new_parent_id: int | None) -> AnalysisState:
        """Hang a card (with everything under it) under another card, or at the top (None)."""
        with self._transaction() as session:
            _hold_item_of(session, card_id)
            card = self._get(session, Card, card_id, _("card"))
            item = self._get(session, AgendaItem, card.agenda_item_id, _("agenda item"))
            if new_parent_id is not None:
                _card_of_item(session, new_parent_id, card.agenda_item_id)
            nodes = [_node(c) for c in _cards(session, card.agenda_item_id)]
            parent = check_move(nodes, card_id, new_parent_id)
            if parent != card.parent_id:
                card.position = next_position(nodes, parent, CardKind(card.kind))
                card.parent_id = parent
                session.add(card)
                session.flush()
            return _analysis_state(session, item, touched=card.id)

    def reorder_card(self, card_id: int, delta: int) -> AnalysisState:
        """Move a card ``delta`` places among the cards of its kind under the same parent."""
        with self._transaction() as session:
            _hold_item_of(session, card_id)
            card = self._get(session, Card, card_id, _("card"))
            item = self._get(session, AgendaItem, card.agenda_item_id, _("agenda item"))
            rows = {c.id: c for c in _cards(session, card.agenda_item_id)}
            for other_id, position in reordered([_node(c) for c in rows.values()], card_id, delta):
                other = rows[other_id]
                if other.position != position:
                    other.position = position
                    session.add(other)
            session.flush()
            return _analysis_state(session, item, touched=card.id)

    def delete_card(self, card_id: int) -> tuple[AnalysisState, CardSnapshot]:
        """Remove a card with everything under it; the snapshot lets ``restore_cards`` undo it."""
        with self._transaction() as session:
            _hold_item_of(session, card_id)
            card = self._get(session, Card, card_id, _("card"))
            item = self._get(session, AgendaItem, card.agenda_item_id, _("agenda item"))
            assert item.id is not None
            rows = {c.id: c for c in _cards(session, item.id)}
            ids = subtree_ids([_node(c) for c in rows.values()], card_id)
            snapshot = CardSnapshot(
                item_id=item.id,
                cards=tuple(_record(rows[i]) for i in ids),
                action_links=_links(session, ActionItem, ids),
                poll_links=_links(session, Poll, ids),
            )
            parent_id = card.parent_id
            # One statement for the branch; the database clears the links of action points
            # and polls made from these cards (ON DELETE SET NULL); the snapshot keeps them.
            session.execute(delete(Card).where(col(Card.id).in_(ids)))
            return _analysis_state(session, item, touched=parent_id), snapshot

    def restore_cards(self, snapshot: CardSnapshot) -> AnalysisState:
        """Undo ``delete_card``: the cards come back with their ids, texts, dots and authors.

        What changed since is respected: a card whose parent is gone goes to the top (under
        the core problem, if there is one); an author who was removed becomes anonymous; an id
        used again in the meantime (SQLite reuses the highest) gives the card a new one.
        Action points and polls made from the cards point at them again. The dots come back
        as they were, even when the round has filled up meanwhile: they were placed fairly.
        """
        with self._transaction() as session:
            hold(session, AgendaItem, snapshot.item_id)
            item = self._get(session, AgendaItem, snapshot.item_id, _("agenda item"))
            assert item.id is not None
            if not snapshot.cards:
                return _analysis_state(session, item)
            rows = _cards(session, item.id)
            by_id = {c.id: c for c in rows}
            if all(_same_card(by_id.get(r.id), r) for r in snapshot.cards):
                return _analysis_state(session, item, touched=snapshot.cards[0].id)  # done already
            nodes = [_node(c) for c in rows]
            core = find_core(nodes)
            kinds = {r.kind for r in snapshot.cards}
            if CardKind.KERNPROBLEEM in kinds and core is not None:
                raise InvalidInputError(
                    _(
                        "A new core problem has been added since; delete it first to bring "
                        "the old one back."
                    )
                )
            taken = set(
                session.scalars(
                    select(col(Card.id)).where(col(Card.id).in_([r.id for r in snapshot.cards]))
                ).all()
            )
            authors = {
                attendee_id
                for attendee_id in session.scalars(
                    select(col(Attendee.id)).where(
                        col(Attendee.meeting_id) == item.meeting_id,
                        col(Attendee.id).in_(
                            [r.author_attendee_id for r in snapshot.cards if r.author_attendee_id]
                        ),
                    )
                ).all()
                if attendee_id is not None
            }
            # The free ids first, then new ones for the taken: SQLite hands out the highest id
            # plus one, which must not be one of the ids still to come back.
            made: dict[int, Card] = {}
            for free in (True, False):
                for record in snapshot.cards:
                    if (record.id not in taken) is free:
                        made[record.id] = _card_from(record, item.id, authors, keep_id=free)
                        session.add(made[record.id])
                session.flush()
            new_ids = {old_id: card.id for old_id, card in made.items() if card.id is not None}
            root = snapshot.cards[0]
            parent = root.parent_id if root.parent_id in by_id else None
            made[root.id].parent_id = resolve_parent(root.kind, parent, core)
            # A card added since the delete may have taken the root's place among its siblings
            # (a new card goes last): then the root comes back last, so no two share a place.
            kind = CardKind(root.kind)
            places = {
                c.position
                for c in rows
                if c.parent_id == made[root.id].parent_id and c.kind == kind.value
            }
            if made[root.id].position in places:
                made[root.id].position = next_position(nodes, made[root.id].parent_id, kind)
            for record in snapshot.cards[1:]:
                made[record.id].parent_id = (
                    new_ids[record.parent_id] if record.parent_id is not None else None
                )
            session.flush()
            root_id = new_ids[snapshot.cards[0].id]
            if snapshot.cards[0].kind == CardKind.KERNPROBLEEM:
                rows = _cards(session, item.id)
                _gather(session, rows, [_node(c) for c in rows], root_id)
            for table, links in ((ActionItem, snapshot.action_links), (Poll, snapshot.poll_links)):
                for link_id, card_id in links:
                    # Only a link the delete cleared: one set to another card since stays.
                    session.execute(
                        update(table)
                        .where(col(table.id) == link_id, col(table.source_card_id).is_(None))
                        .values(source_card_id=new_ids[card_id])
                    )
            session.flush()
            return _analysis_state(session, item, touched=root_id)

    def add_dots(self, card_id: int, delta: int) -> AnalysisState:
        """Put dots on (+1) or take them off (-1) an idea or a cause, within the round's dots."""
        with self._transaction() as session:
            _hold_item_of(session, card_id)
            card = self._get(session, Card, card_id, _("card"))
            item = self._get(session, AgendaItem, card.agenda_item_id, _("agenda item"))
            kind = CardKind(card.kind)
            rows = _cards(session, card.agenda_item_id)
            card.dots = check_dots(
                kind,
                card.dots,
                delta,
                used=sum(c.dots for c in rows if c.kind == kind.value),
                dots_per_participant=item.dots_per_participant,
                participants=_participants(session, item.meeting_id),
            )
            session.add(card)
            session.flush()
            return _analysis_state(session, item, touched=card.id)

    def set_dots_per_participant(self, item_id: int, n: int | str) -> AnalysisState:
        """How many dots each participant places per round (1–20)."""
        with self._transaction() as session:
            hold(session, AgendaItem, item_id)
            item = self._get(session, AgendaItem, item_id, _("agenda item"))
            rows = _cards(session, item_id)
            most_used = max(
                sum(c.dots for c in rows if c.kind == CardKind.OPLOSSING.value),
                sum(c.dots for c in rows if c.kind == CardKind.OORZAAK.value),
            )
            item.dots_per_participant = check_dots_per_participant(
                n,
                current=item.dots_per_participant,
                most_used=most_used,
                participants=_participants(session, item.meeting_id),
            )
            session.add(item)
            session.flush()
            return _analysis_state(session, item)


# ------------------------------------------------------------------- for other parts


def insert_card(
    session: Session,
    item: Any,  # an AgendaItem, or the row of ``_item_row``
    kind: CardKind,
    clean_text: str,
    parent_id: int | None,
    author_attendee_id: int | None,
    *,
    now: datetime,
) -> int:
    """Add a card (its text cleaned already) to ``item``'s tree, last among its siblings; a new
    core problem gathers the top cards. The caller holds the item. The id of the new card."""
    assert item.id is not None
    kind = CardKind(kind)
    nodes = [_node(c) for c in _card_rows(session, item.id)]
    if parent_id is not None and all(n.id != parent_id for n in nodes):
        _card_of_item(session, parent_id, item.id)  # says why it cannot be the parent
    parent = place_new(nodes, kind, parent_id)
    # One INSERT (Core), built once: an ORM object and its flush cost more than the rest of
    # the key's writing (a note-taker adds cards one after another).
    card_id: int = session.connection().scalar(
        _INSERT_CARD,
        {
            "agenda_item_id": item.id,
            "kind": kind.value,
            "text": clean_text,
            "parent_id": parent,
            "author_attendee_id": _author(session, item, author_attendee_id),
            "dots": 0,
            "position": next_position(nodes, parent, kind),
            "created_at": now,
        },
    )
    if kind == CardKind.KERNPROBLEEM:
        _gather(session, _cards(session, item.id), nodes, card_id)
    return card_id


def analysis_state_of(
    session: Session, item: AgendaItem, *, touched: int | None = None
) -> AnalysisState:
    """The problem analysis of ``item`` as read in this transaction."""
    return _analysis_state(session, item, touched=touched)


def dot_participants(session: Session, meeting_id: int) -> int:
    """Who place dots in this meeting now: present, and neither professional nor guest."""
    return _participants(session, meeting_id)


# ----------------------------------------------------------------------------- helpers


def _hold_item_of(session: Session, card_id: int) -> None:
    """:func:`hold` the agenda item of a card: it owns the places and the dots of its cards.

    Read without loading the card, so the card is read (fresh) only after the hold."""
    item_id = session.scalar(select(col(Card.agenda_item_id)).where(col(Card.id) == card_id))
    hold(session, AgendaItem, item_id)


#: The cards of an item in their order, read as plain rows (no ORM objects): for reading only.
_CARD_TABLE = Card.__table__  # type: ignore[attr-defined]
_CARD_ROWS = (
    select(_CARD_TABLE)
    .where(_CARD_TABLE.c.agenda_item_id == bindparam("item_id"))
    .order_by(_CARD_TABLE.c.position, _CARD_TABLE.c.id)
)


#: A new card, built once (the columns come with the values; building it anew each time cost
#: about as much as running it).
_INSERT_CARD = insert(_CARD_TABLE).returning(_CARD_TABLE.c.id)


#: What the analysis needs of its agenda item, read as one plain row (the keys of the tree read
#: it each time; an ORM object cost more than the rest of the read).
_ITEM_TABLE = AgendaItem.__table__  # type: ignore[attr-defined]
_ITEM_OF_ANALYSIS = select(
    _ITEM_TABLE.c.id, _ITEM_TABLE.c.meeting_id, _ITEM_TABLE.c.dots_per_participant
).where(_ITEM_TABLE.c.id == bindparam("item_id"))


def _item_row(session: Session, item_id: int) -> Any:
    """The agenda item of an analysis (``id``, ``meeting_id``, ``dots_per_participant``)."""
    row = session.connection().execute(_ITEM_OF_ANALYSIS, {"item_id": item_id}).one_or_none()
    if row is None:
        raise not_found(_("agenda item"), item_id)
    return row


def _card_rows(session: Session, item_id: int) -> list[Any]:
    """The cards of an item as rows with the columns of ``Card`` (read-only: a few times
    cheaper than ORM objects, and every card key reads the whole tree)."""
    return list(session.connection().execute(_CARD_ROWS, {"item_id": item_id}).all())


def _cards(session: Session, item_id: int) -> list[Card]:
    return list(
        session.scalars(
            select(Card)
            .where(col(Card.agenda_item_id) == item_id)
            .order_by(col(Card.position), col(Card.id))
        ).all()
    )


def _node(card: Card) -> CardNode:
    assert card.id is not None
    return CardNode(card.id, CardKind(card.kind), card.parent_id, card.position, card.dots)


def _card_of_item(session: Session, card_id: int, item_id: int) -> Card:
    card = StoreBase._get(session, Card, card_id, _("card"))
    if card.agenda_item_id != item_id:
        raise InvalidInputError(_("That card belongs to another agenda item."))
    return card


def _author(session: Session, item: Any, attendee_id: int | None) -> int | None:
    """The attendee id to store as author, after checking they attend this meeting."""
    if attendee_id is None:
        return None
    person = StoreBase._get(session, Attendee, attendee_id, _("attendee"))
    if person.meeting_id != item.meeting_id:
        raise InvalidInputError(
            _("{name} is not on the attendee list of this meeting.").format(name=person.name)
        )
    return person.id


def _gather(session: Session, rows: list[Card], nodes: list[CardNode], core_id: int) -> None:
    """Hang the cards at the top under the new core problem ``core_id``."""
    by_id = {c.id: c for c in rows}
    for card_id, position in gather_under_core(nodes, core_id):
        card = by_id[card_id]
        card.parent_id = core_id
        card.position = position
        session.add(card)
    session.flush()


#: Who place dots, per role and presence; and the rows made from cards (built once: every
#: card key reads them, and building a statement costs more than running it).
_ATTENDEE_TABLE = Attendee.__table__  # type: ignore[attr-defined]
_PER_ROLE_AND_PRESENCE = (
    select(_ATTENDEE_TABLE.c.role, _ATTENDEE_TABLE.c.presence, func.count())
    .where(_ATTENDEE_TABLE.c.meeting_id == bindparam("meeting_id"))
    .group_by(_ATTENDEE_TABLE.c.role, _ATTENDEE_TABLE.c.presence)
)
_AUTHOR_NAMES = select(_ATTENDEE_TABLE.c.id, _ATTENDEE_TABLE.c.name).where(
    _ATTENDEE_TABLE.c.id.in_(bindparam("ids", expanding=True))
)
_LINKS = {
    table: select(link.c.id, link.c.source_card_id)
    .where(link.c.source_card_id.in_(bindparam("ids", expanding=True)))
    .order_by(link.c.id)
    for table, link in (
        (ActionItem, ActionItem.__table__),  # type: ignore[attr-defined]
        (Poll, Poll.__table__),  # type: ignore[attr-defined]
    )
}


def _participants(session: Session, meeting_id: int) -> int:
    """Who place dots, counted per role and presence in the database (a handful of rows, not
    hundreds of people: every card key asks). Core on the session's connection: the ORM's
    execute took three times as long."""
    per_kind = session.connection().execute(_PER_ROLE_AND_PRESENCE, {"meeting_id": meeting_id})
    return sum(
        n for role, presence, n in per_kind if counts_as_participant(Role(role), Presence(presence))
    )


def _links(
    session: Session, table: type[ActionItem] | type[Poll], ids: list[int]
) -> tuple[tuple[int, int], ...]:
    rows = session.connection().execute(_LINKS[table], {"ids": ids})
    return tuple((link_id, card_id) for link_id, card_id in rows)


def _record(card: Card) -> CardRecord:
    assert card.id is not None
    return CardRecord(
        id=card.id,
        agenda_item_id=card.agenda_item_id,
        kind=CardKind(card.kind),
        text=card.text,
        parent_id=card.parent_id,
        author_attendee_id=card.author_attendee_id,
        dots=card.dots,
        position=card.position,
        created_at=card.created_at,
    )


def _card_from(record: CardRecord, item_id: int, authors: set[int], *, keep_id: bool) -> Card:
    """A card made again from its record, still without a parent."""
    return Card(
        id=record.id if keep_id else None,
        agenda_item_id=item_id,
        kind=record.kind.value,
        text=record.text,
        author_attendee_id=record.author_attendee_id
        if record.author_attendee_id in authors
        else None,
        dots=record.dots,
        position=record.position,
        created_at=record.created_at,
    )


def _same_card(card: Card | None, record: CardRecord) -> bool:
    return (
        card is not None
        and card.agenda_item_id == record.agenda_item_id
        and card.kind == record.kind.value
        and card.text == record.text
    )


def _latest_links(
    session: Session, table: type[ActionItem] | type[Poll], ids: list[int]
) -> dict[int, int]:
    """Per card id, the newest row of ``table`` made from it."""
    latest: dict[int, int] = {}
    for link_id, card_id in _links(session, table, ids):
        latest[card_id] = link_id  # ordered by id: the last one wins
    return latest


@dataclass(frozen=True, slots=True)
class _MeetingContext:
    """What every item's analysis of one meeting shares: names, participants, links."""

    names: dict[int, str]
    participants: int
    actions: dict[int, int]
    polls: dict[int, int]


def _context(
    session: Session, meeting_id: int, card_ids: list[int], authors: set[int]
) -> _MeetingContext:
    """The names of the cards' ``authors``, the participants (who place dots) and the links."""
    names: dict[int, str] = (
        {
            row.id: row.name
            for row in session.connection().execute(_AUTHOR_NAMES, {"ids": list(authors)})
        }
        if authors
        else {}
    )
    return _MeetingContext(
        names=names,
        participants=_participants(session, meeting_id),
        actions=_latest_links(session, ActionItem, card_ids) if card_ids else {},
        polls=_latest_links(session, Poll, card_ids) if card_ids else {},
    )


def _meeting_analyses(session: Session, meeting_id: int) -> dict[int, AnalysisState]:
    """The analysis of every item of a meeting that has cards, in four queries in all."""
    items = {
        i.id: i
        for i in session.scalars(select(AgendaItem).where(col(AgendaItem.meeting_id) == meeting_id))
    }
    rows = session.scalars(
        select(Card)
        .where(col(Card.agenda_item_id).in_(list(items)))
        .order_by(col(Card.position), col(Card.id))
    ).all()
    by_item: dict[int, list[Card]] = {}
    for card in rows:
        by_item.setdefault(card.agenda_item_id, []).append(card)
    context = _context(
        session,
        meeting_id,
        [c.id for c in rows if c.id is not None],
        {c.author_attendee_id for c in rows if c.author_attendee_id is not None},
    )
    return {
        item_id: _analysis_state(session, items[item_id], rows=cards, context=context)
        for item_id, cards in by_item.items()
    }


def _analysis_state(
    session: Session,
    item: Any,  # an AgendaItem, or the row of ``_item_row``
    *,
    touched: int | None = None,
    rows: list[Card] | None = None,
    context: _MeetingContext | None = None,
) -> AnalysisState:
    """The state of one item; ``rows`` and ``context`` when already read for the meeting."""
    assert item.id is not None
    if rows is None:
        rows = _card_rows(session, item.id)
    if context is None:
        context = _context(
            session,
            item.meeting_id,
            [c.id for c in rows if c.id is not None],
            {c.author_attendee_id for c in rows if c.author_attendee_id is not None},
        )
    names, participants = context.names, context.participants
    actions, polls = context.actions, context.polls
    by_id = {c.id: c for c in rows}
    children = children_by_parent(_node(c) for c in rows)
    seen: set[int] = set()

    def under(node: CardNode) -> list[CardNode]:
        # ``seen`` keeps a damaged tree with a loop from going round forever.
        fresh = [c for c in children.get(node.id, ()) if c.id not in seen]
        seen.update(c.id for c in fresh)
        return fresh

    def info(node: CardNode, built: tuple[CardInfo, ...]) -> CardInfo:
        card = by_id[node.id]
        author = card.author_attendee_id
        return CardInfo(
            id=node.id,
            agenda_item_id=card.agenda_item_id,
            kind=node.kind,
            text=card.text,
            parent_id=card.parent_id,
            author_attendee_id=author,
            author_name=names.get(author, "") if author is not None else "",
            dots=card.dots,
            position=card.position,
            children=built,
            action_item_id=actions.get(node.id),
            poll_id=polls.get(node.id),
        )

    roots = list(children.get(None, ()))
    seen.update(n.id for n in roots)
    top = build_up(roots, under, info)
    core = next((c for c in top if c.kind == CardKind.KERNPROBLEEM), None)
    under_core = core.children if core is not None else ()

    def of_kind(kind: CardKind) -> tuple[CardInfo, ...]:
        return tuple(c for c in (*under_core, *top) if c.kind == kind)

    causes = of_kind(CardKind.OORZAAK)
    ideas = list(of_kind(CardKind.OPLOSSING))

    # The ideas on causes and sub-causes, in reading order.
    ideas.extend(
        card
        for _depth, card in walk_down(
            causes,
            lambda c: [x for x in c.children if c.kind == CardKind.OORZAAK],
        )
        if card.kind == CardKind.OPLOSSING
    )
    ranked = tuple(RankedIdea(rank, card) for rank, card in rank_by_dots(ideas, lambda c: c.dots))
    allowed = dots_allowed(item.dots_per_participant, participants)
    used = sum(c.dots for c in rows if c.kind == CardKind.OPLOSSING.value)
    cause_used = sum(c.dots for c in rows if c.kind == CardKind.OORZAAK.value)
    return AnalysisState(
        item_id=item.id,
        core=core,
        causes=causes,
        effects=of_kind(CardKind.GEVOLG),
        ideas=tuple(ideas),
        ranked_ideas=ranked,
        dots_per_participant=item.dots_per_participant,
        participants=participants,
        dots_allowed=allowed,
        dots_used=used,
        dots_left=max(0, allowed - used),
        cause_dots_used=cause_used,
        cause_dots_left=max(0, allowed - cause_used),
        touched_card_id=touched,
    )
