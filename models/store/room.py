"""The Store's methods for the room on their phones (DESIGN §5a): the room and its code, the
phones, phone votes, voting cards, phone dots and the cards handed in from phones.

The web server of the room (its own process) writes only through these methods, as the chair's
app does; every write is one committed transaction, so the change signal (SQLite's
``data_version``, PostgreSQL's notification at commit) tells the chair's screens and the beamer.

**What a phone may do** — every refusal is a :class:`~models.errors.BazError` with a sentence
for the person holding the phone, and changes nothing:

- *vote* on an open for/against/abstain or choice vote of its meeting (dot votes are counted
  in the room), once per phone (ballot "open") or once per voting card (ballot "stemkaart");
- *place dots* on the ideas of the running item, at most the item's dots per participant in
  all, and take off only its own;
- *hand in a card* (cause, effect, idea) for the running item once it has a core problem; at
  most :data:`MAX_WAITING_CARDS` may wait per phone. The note-taker accepts it into the tree
  (an anonymous card) or declines it; nothing from a phone reaches the tree or the beamer
  without the note-taker.

**Secrecy of the vote.** A phone vote adds one to ``VoteCount`` (channel "telefoon") and adds a
``PollVoter`` row saying that this phone or this card voted in this poll — never what. No
table has a column that joins the two, and ``PollVoter`` keeps no moment.

**Lifecycles.** The room is open from :meth:`RoomActions.open_room` until
:meth:`~RoomActions.close_room`, or until the meeting closes (``running.close_meeting`` calls
:func:`close_rooms`); opening again gives a new code. A closed meeting refuses every phone
action, so its voting cards are of no use any more. A vote is closed on every phone the moment
it is declared (its status), or deleted.

**Counting exactly once.** A phone vote holds the poll (:func:`~models.store.base.hold`: on
SQLite the write lock, on PostgreSQL the poll's row), as the chair's counting key does, so
votes of one poll are counted one after the other. Even so the count is never read, added to
and written back: one conditional ``UPDATE … SET count = count + 1`` that only applies while
the room and the phones stay within the eligible voters present, and the unique constraints
of ``PollVoter`` (one row per poll and phone, per poll and card) refuse a second vote whatever
happens in between.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from models.database.tables import (
    ActionItem,
    AgendaItem,
    Card,
    Meeting,
    Phone,
    PhoneCard,
    PhoneDot,
    Poll,
    PollOption,
    PollVoter,
    RoomSession,
    VoteCount,
    VotingCard,
)
from models.domain import (
    Ballot,
    CardKind,
    Channel,
    MeetingStatus,
    PhoneCardStatus,
    PollMethod,
    PollStatus,
)
from models.errors import (
    AlreadyVotedError,
    InvalidInputError,
    NotFoundError,
    RoomClosedError,
    UnknownPhoneError,
)
from models.i18n import _, ngettext
from models.records.analysis import AnalysisState
from models.records.polls import PollInfo
from models.records.room import (
    PhoneCardInfo,
    RoomDots,
    RoomIdea,
    RoomInfo,
    RoomNow,
    RoomOption,
    RoomPoll,
)
from models.rules import validation as check
from models.rules.analysis import check_dots, clean_card_text
from models.rules.room import (
    CARD_CODE_LENGTH,
    MEETING_CODE_LENGTH,
    digest,
    new_card_code,
    new_meeting_code,
    new_token,
    normalise_code,
    phone_vote_allowed,
    same_digest,
    usable_token,
    valid_address,
)
from models.store.analysis import analysis_state_of, dot_participants, insert_card
from models.store.base import StoreBase, hold, not_found
from models.store.polls import poll_infos

#: Voting cards issued at once: at least 1, at most this many.
MAX_VOTING_CARDS = 500
#: Cards from one phone that may wait for the note-taker at the same time.
MAX_WAITING_CARDS = 10
#: Kinds of card a phone may hand in (the core problem is the room's, with the chair).
PHONE_CARD_KINDS = (CardKind.OORZAAK, CardKind.GEVOLG, CardKind.OPLOSSING)
#: Methods a phone votes on: one vote per voter. Dots are placed in the room.
PHONE_METHODS = (PollMethod.VOOR_TEGEN.value, PollMethod.KEUZE.value)

_ROOM = RoomSession.__table__  # type: ignore[attr-defined]
_COUNT = VoteCount.__table__  # type: ignore[attr-defined]


class RoomActions(StoreBase):
    """Store methods for the room on their phones; combined into :class:`models.store.Store`."""

    # ------------------------------------------------------------------ the room

    def open_room(self, meeting_id: int, address: str = "") -> RoomInfo:
        """Open the room of a meeting for phones, with a new meeting code (also when it was
        open: the old code stops working). ``address`` is where its server takes the phones,
        ``http://<address>:<port>`` (the beamer shows it). Refused for a closed meeting."""
        if not isinstance(address, str) or not valid_address(address):
            raise InvalidInputError(_("This is not an address a room can be served on."))
        with self._transaction() as session:
            hold(session, Meeting, meeting_id)
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            if meeting.status == MeetingStatus.GESLOTEN.value:
                raise RoomClosedError(
                    _("This meeting is closed; its room cannot be opened for phones.")
                )
            now = self.now()
            _close_sessions(session.connection(), meeting_id, now)
            taken = set(
                session.scalars(
                    select(col(RoomSession.code)).where(col(RoomSession.closed_at).is_(None))
                ).all()
            )
            code = new_meeting_code()
            while code in taken:  # another meeting's open room has it: one in 887 million
                code = new_meeting_code()
            room = RoomSession(meeting_id=meeting_id, code=code, address=address, opened_at=now)
            session.add(room)
            session.flush()
            return _room_info(room, meeting)

    def close_room(self, meeting_id: int) -> None:
        """Close the room of a meeting: phones can no longer vote, place dots or hand in cards
        (their pages say so). Nothing happens when it is closed already."""
        with self._transaction() as session:
            hold(session, Meeting, meeting_id)
            self._get(session, Meeting, meeting_id, _("meeting"))
            _close_sessions(session.connection(), meeting_id, self.now())

    def room_info(self, meeting_id: int) -> RoomInfo | None:
        """The room of a meeting as last opened (open or closed since); None if never opened."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            room = _latest_session(session, meeting_id)
            return _room_info(room, meeting) if room is not None else None

    def room_by_code(self, code: str) -> RoomInfo:
        """The open room whose meeting code was typed (case, spaces and dashes do not count);
        compared in constant time. Unknown, or its room or meeting closed: refused."""
        typed = normalise_code(code, MEETING_CODE_LENGTH)
        with self._transaction() as session:
            rows = session.execute(
                select(RoomSession, Meeting)
                .join(Meeting, col(Meeting.id) == col(RoomSession.meeting_id))
                .where(
                    col(RoomSession.closed_at).is_(None),
                    col(Meeting.status) != MeetingStatus.GESLOTEN.value,
                )
            ).all()
            found = None
            for room, meeting in rows:  # every one compared: the time says nothing
                if same_digest(room.code, typed or "") and typed is not None:
                    found = (room, meeting)
            if found is None:
                raise RoomClosedError(_("This code does not belong to an open meeting."))
            return _room_info(*found)

    # ---------------------------------------------------------------- phones

    def join_room(self, meeting_id: int) -> str:
        """A phone joins the open room of a meeting: the token for its cookie (only the
        token's hash is kept). Refused when the room or the meeting is closed."""
        token = new_token()
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            _require_open(session, meeting)
            session.add(
                Phone(meeting_id=meeting_id, token_hash=digest(token), joined_at=self.now())
            )
            session.flush()
        return token

    def phone_of(self, meeting_id: int, token: str) -> int:
        """The phone whose cookie holds ``token``, in this meeting; else
        :class:`UnknownPhoneError`."""
        if not usable_token(token):
            raise _unknown_phone()
        wanted = digest(token)
        with self._transaction() as session:
            phone = session.scalars(select(Phone).where(col(Phone.token_hash) == wanted)).first()
            if (
                phone is None
                or phone.id is None
                or not same_digest(phone.token_hash, wanted)
                or phone.meeting_id != meeting_id
            ):
                raise _unknown_phone()
            return phone.id

    def room_now(self, meeting_id: int, phone_id: int) -> RoomNow:
        """Everything the page of one phone shows now.

        - ``poll``: of the running item, the open vote a phone can vote on (for/against/abstain
          or a choice; the one opened last), else its vote declared last with its result; a
          prepared vote is not shown, nor a dot vote (counted in the room).
        - ``dots``: when the running item has ideas: this phone's allowance (the item's dots
          per participant), the dots it placed, and the ideas in reading order.
        - ``cards_open``: the running item has a core problem, so causes, effects and ideas
          can be handed in for it.
        Between items (none running) all three are empty.
        """
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            _phone(session, meeting_id, phone_id)
            is_open = _is_open(session, meeting)
            waiting = _waiting_cards(session, phone_id)
            item = _running_item(session, meeting_id)
            if item is None or item.id is None:
                return RoomNow(
                    meeting_id=meeting_id,
                    meeting_title=meeting.title,
                    is_open=is_open,
                    item_id=None,
                    item_number=None,
                    item_title=None,
                    poll=None,
                    dots=None,
                    cards_open=False,
                    cards_item_id=None,
                    waiting_cards=waiting,
                )
            state = analysis_state_of(session, item)
            dots = _room_dots(session, item, phone_id, state) if state.ideas else None
            cards_open = state.core is not None
            return RoomNow(
                meeting_id=meeting_id,
                meeting_title=meeting.title,
                is_open=is_open,
                item_id=item.id,
                item_number=item.position + 1,
                item_title=item.title,
                poll=_room_poll(session, item.id, phone_id),
                dots=dots,
                cards_open=cards_open,
                cards_item_id=item.id if cards_open else None,
                waiting_cards=waiting,
            )

    # ----------------------------------------------------------------- votes

    def cast_phone_vote(
        self,
        meeting_id: int,
        phone_id: int,
        poll_id: int,
        option_id: int,
        card_code: str | None = None,
    ) -> PollInfo:
        """Count one phone's vote (channel "telefoon") for one option of an open vote.

        Ballot "stemkaart": ``card_code`` is the code of a voting card of this meeting that
        has not voted in this poll. Refused, with nothing changed: a vote that is not open, of
        another meeting, declared, or a dot vote; an option of another vote; this phone (open
        ballot) or this card (stemkaart) voted already; the meeting or the room closed; or
        all eligible voters present have voted already, in the room and by phone together.
        """
        with self._transaction() as session:
            hold(session, Poll, poll_id)  # the counts of this vote, one key after another
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            _require_open(session, meeting)
            _phone(session, meeting_id, phone_id)
            poll = _poll_of_meeting(session, meeting_id, poll_id)
            option = session.get(PollOption, option_id)
            if option is None or option.poll_id != poll_id:
                raise InvalidInputError(_("That choice is not one of this vote."))
            voter = PollVoter(poll_id=poll_id)
            if poll.ballot == Ballot.STEMKAART.value:
                card_id = _voting_card(session, meeting_id, card_code)
                if _has_voted(session, poll_id, col(PollVoter.voting_card_id) == card_id):
                    raise AlreadyVotedError(_("This voting card has already voted in this vote."))
                voter.voting_card_id = card_id
            else:
                if _has_voted(session, poll_id, col(PollVoter.phone_id) == phone_id):
                    raise AlreadyVotedError(_("You have already voted in this vote."))
                voter.phone_id = phone_id
            totals = _totals(session.connection(), poll_id)
            if not phone_vote_allowed(
                totals[Channel.ZAAL],
                totals[Channel.TELEFOON],
                poll.present_count,
                digital_total=totals[Channel.DIGITAAL],
                eligible_count=poll.eligible_count,
            ):
                raise _full()
            session.add(voter)
            try:
                session.flush()  # the unique constraints: one vote per phone or card
            except IntegrityError:
                raise AlreadyVotedError(_("This vote has already been counted.")) from None
            _count_phone_vote(session.connection(), poll, option_id)
            return poll_infos(session, [poll])[0]

    def set_poll_ballot(self, poll_id: int, ballot: Ballot) -> PollInfo:
        """Choose who may vote on a poll from a phone: anyone in the room with the meeting code
        ("open") or only with a voting card ("stemkaart"). Only while nobody has voted in it
        by phone, and not once it has been declared."""
        try:
            chosen = Ballot(ballot)
        except ValueError:
            raise InvalidInputError(
                _("“{ballot}” is not a way of voting by phone.").format(ballot=str(ballot)[:40])
            ) from None
        with self._transaction() as session:
            hold(session, Poll, poll_id)
            poll: Poll = self._get(session, Poll, poll_id, _("vote"))
            if poll.status == PollStatus.VASTGESTELD.value:
                raise InvalidInputError(
                    _("This vote has been declared; who may vote can no longer change.")
                )
            if chosen.value != poll.ballot:
                if _has_voted(session, poll_id, True):
                    raise InvalidInputError(
                        _(
                            "Phones have voted in this vote already; who may vote can no "
                            "longer change."
                        )
                    )
                poll.ballot = chosen.value
                session.add(poll)
                session.flush()
            return poll_infos(session, [poll])[0]

    # ------------------------------------------------------------ voting cards

    def issue_voting_cards(self, meeting_id: int, count: int) -> tuple[str, ...]:
        """Make ``count`` (1–500) new voting cards for a meeting and return their codes, once:
        only their hashes are kept. Their numbers go on from the cards issued before."""
        n = check.whole_number(count, _("The number of voting cards"), low=1, high=MAX_VOTING_CARDS)
        codes = tuple(new_card_code() for _i in range(n))
        with self._transaction() as session:
            hold(session, Meeting, meeting_id)  # the numbers of its cards
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            if meeting.status == MeetingStatus.GESLOTEN.value:
                raise InvalidInputError(
                    _("This meeting is closed; voting cards for it would be of no use.")
                )
            last = session.scalar(
                select(func.max(col(VotingCard.number))).where(
                    col(VotingCard.meeting_id) == meeting_id
                )
            )
            start = int(last or 0)
            session.add_all(
                VotingCard(meeting_id=meeting_id, code_hash=digest(code), number=start + k)
                for k, code in enumerate(codes, start=1)
            )
            session.flush()
        return codes

    def voting_card_count(self, meeting_id: int) -> int:
        """How many voting cards were issued for a meeting."""
        with self._transaction() as session:
            self._get(session, Meeting, meeting_id, _("meeting"))
            return int(
                session.scalar(
                    select(func.count())
                    .select_from(VotingCard)
                    .where(col(VotingCard.meeting_id) == meeting_id)
                )
                or 0
            )

    def check_voting_card(self, meeting_id: int, code: str) -> str:
        """The code of a voting card of this meeting in its one written form, as a phone
        keeps it from the card's QR code (``/?k=CODE``) to fill in at a vote; refused when it
        is no card of this meeting, or the meeting or its room is closed. Whether the card
        has voted is asked at each vote, not here."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            _require_open(session, meeting)
            _voting_card(session, meeting_id, code)
        written = normalise_code(code, CARD_CODE_LENGTH)
        assert written is not None  # _voting_card refused any other
        return written

    # ------------------------------------------------------------------ dots

    def place_phone_dot(self, meeting_id: int, phone_id: int, card_id: int, delta: int) -> RoomDots:
        """Place (+1) or take off (-1) one of this phone's dots on an idea of the running item.

        A phone places at most the item's dots per participant in all, takes off only its own,
        and the round (the room's dots and the phones') stays within what all participants
        may place; the idea's dots (``Card.dots``) change with it, so the chair's tree shows
        them."""
        if isinstance(delta, bool) or delta not in (1, -1):
            raise InvalidInputError(_("A dot is placed or taken off one at a time."))
        with self._transaction() as session:
            item_id = session.scalar(
                select(col(Card.agenda_item_id)).where(col(Card.id) == card_id)
            )
            hold(session, AgendaItem, item_id)  # the dots of its cards
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            _require_open(session, meeting)
            _phone(session, meeting_id, phone_id)
            item = _running_item(session, meeting_id)
            card = session.get(Card, card_id)
            if card is None or item is None or card.agenda_item_id != item.id:
                raise InvalidInputError(
                    _("Dots can only be placed on the ideas of the item being discussed now.")
                )
            if card.kind != CardKind.OPLOSSING.value:
                raise InvalidInputError(_("Dots can only be placed on ideas."))
            mine = _phone_dots(session, item, phone_id)
            if delta > 0 and sum(mine.values()) >= item.dots_per_participant:
                raise InvalidInputError(
                    ngettext(
                        "You have placed your {n} dot already.",
                        "You have placed all your {n} dots already.",
                        item.dots_per_participant,
                    ).format(n=item.dots_per_participant)
                )
            if delta < 0 and mine.get(card_id, 0) <= 0:
                raise InvalidInputError(_("You have no dot on this idea to take off."))
            used = session.scalar(
                select(func.coalesce(func.sum(col(Card.dots)), 0)).where(
                    col(Card.agenda_item_id) == item.id,
                    col(Card.kind) == CardKind.OPLOSSING.value,
                )
            )
            card.dots = check_dots(
                CardKind.OPLOSSING,
                card.dots,
                delta,
                used=int(used or 0),
                dots_per_participant=item.dots_per_participant,
                participants=dot_participants(session, meeting_id),
            )
            session.add(card)
            row = session.scalars(
                select(PhoneDot).where(
                    col(PhoneDot.card_id) == card_id, col(PhoneDot.phone_id) == phone_id
                )
            ).first()
            if row is None:
                row = PhoneDot(card_id=card_id, phone_id=phone_id, count=0)
            row.count += delta
            session.add(row)
            session.flush()
            return _room_dots(session, item, phone_id, analysis_state_of(session, item))

    # ----------------------------------------------------------------- cards

    def submit_phone_card(
        self, meeting_id: int, phone_id: int, item_id: int, kind: str, text: str
    ) -> int:
        """Hand in a cause, an effect or an idea for the running item (once it has a core
        problem); it waits in the note-taker's inbox. The id of the handed-in card."""
        try:
            card_kind = CardKind(kind)
        except ValueError:
            card_kind = CardKind.KERNPROBLEEM  # refused just below, with the same sentence
        if card_kind not in PHONE_CARD_KINDS:
            raise InvalidInputError(_("A card from a phone is a cause, an effect or an idea."))
        if not isinstance(text, str):
            raise InvalidInputError(_("The text of the card is missing."))
        clean = clean_card_text(text)
        with self._transaction() as session:
            hold(session, AgendaItem, item_id)
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            _require_open(session, meeting)
            _phone(session, meeting_id, phone_id)
            item = _running_item(session, meeting_id)
            if item is None or item.id != item_id:
                raise InvalidInputError(
                    _("Cards can only be handed in for the item being discussed now.")
                )
            if not _has_core(session, item_id):
                raise InvalidInputError(
                    _("This item has no core problem yet; cards can be handed in once it has.")
                )
            if _waiting_cards(session, phone_id) >= MAX_WAITING_CARDS:
                raise InvalidInputError(
                    ngettext(
                        "{n} card of yours is still waiting for the note-taker; hand in more "
                        "once it has been dealt with.",
                        "{n} cards of yours are still waiting for the note-taker; hand in more "
                        "once they have been dealt with.",
                        MAX_WAITING_CARDS,
                    ).format(n=MAX_WAITING_CARDS)
                )
            card = PhoneCard(
                meeting_id=meeting_id,
                agenda_item_id=item_id,
                kind=card_kind.value,
                text=clean,
                submitted_at=self.now(),
                status=PhoneCardStatus.WACHT.value,
                phone_id=phone_id,
            )
            session.add(card)
            session.flush()
            assert card.id is not None
            return card.id

    def room_inbox(self, item_id: int) -> tuple[PhoneCardInfo, ...]:
        """The cards handed in from phones for an item that wait for the note-taker, oldest
        first."""
        with self._transaction() as session:
            self._get(session, AgendaItem, item_id, _("agenda item"))
            rows = session.scalars(
                select(PhoneCard)
                .where(
                    col(PhoneCard.agenda_item_id) == item_id,
                    col(PhoneCard.status) == PhoneCardStatus.WACHT.value,
                )
                .order_by(col(PhoneCard.submitted_at), col(PhoneCard.id))
            ).all()
            return tuple(_phone_card_info(r) for r in rows)

    def accept_phone_card(self, phone_card_id: int, parent_id: int | None = None) -> AnalysisState:
        """Take a card from a phone into the tree as an anonymous card (under ``parent_id``, or
        at the top: under the core problem), as the note-taker adds one."""
        with self._transaction() as session:
            handed_in = _waiting(session, phone_card_id, hold_item=True)
            item = self._get(session, AgendaItem, handed_in.agenda_item_id, _("agenda item"))
            card_id = insert_card(
                session,
                item,
                CardKind(handed_in.kind),
                handed_in.text,
                parent_id,
                None,
                now=self.now(),
            )
            handed_in.status = PhoneCardStatus.AANGENOMEN.value
            handed_in.accepted_card_id = card_id
            session.add(handed_in)
            session.flush()
            return analysis_state_of(session, item, touched=card_id)

    def decline_phone_card(self, phone_card_id: int) -> None:
        """Leave a card from a phone out of the tree."""
        with self._transaction() as session:
            handed_in = _waiting(session, phone_card_id, hold_item=True)
            handed_in.status = PhoneCardStatus.AFGEWEZEN.value
            session.add(handed_in)

    def return_phone_card(self, phone_card_id: int) -> AnalysisState:
        """Take back the note-taker's answer to a card from a phone (U): it waits in the inbox
        again. An accepted card leaves the tree — only while it is as it was accepted (no
        dots, no cards under it, the same text, no vote or action point made of it); else
        refused, and it stays where it is. The tree of its item as it is then."""
        with self._transaction() as session:
            item_id = session.scalar(
                select(col(PhoneCard.agenda_item_id)).where(col(PhoneCard.id) == phone_card_id)
            )
            hold(session, AgendaItem, item_id)
            handed_in = session.get(PhoneCard, phone_card_id)
            if handed_in is None:
                raise not_found(_("card from a phone"), phone_card_id)
            if handed_in.status == PhoneCardStatus.WACHT.value:
                raise InvalidInputError(_("This card from a phone is waiting already."))
            if handed_in.status == PhoneCardStatus.AANGENOMEN.value:
                card = (
                    session.get(Card, handed_in.accepted_card_id)
                    if handed_in.accepted_card_id is not None
                    else None
                )
                if card is not None:
                    if not _as_accepted(session, card, handed_in.text):
                        raise InvalidInputError(
                            _(
                                "This card has changed in the tree since it was taken in; it "
                                "stays there (Del removes it)."
                            )
                        )
                    session.delete(card)
                    session.flush()
                handed_in.accepted_card_id = None
            handed_in.status = PhoneCardStatus.WACHT.value
            session.add(handed_in)
            session.flush()
            item = self._get(session, AgendaItem, handed_in.agenda_item_id, _("agenda item"))
            return analysis_state_of(session, item)


# ------------------------------------------------------------------- for other parts


def close_rooms(db: Connection, meeting_id: int, now: datetime) -> None:
    """Close the open room of a meeting (if any): for every path that closes the meeting."""
    _close_sessions(db, meeting_id, now)


# ----------------------------------------------------------------------------- helpers


def _close_sessions(db: Connection, meeting_id: int, now: datetime) -> None:
    db.execute(
        update(_ROOM)
        .where(_ROOM.c.meeting_id == meeting_id, _ROOM.c.closed_at.is_(None))
        .values(closed_at=now)
    )


def _latest_session(session: Session, meeting_id: int) -> RoomSession | None:
    return session.scalars(
        select(RoomSession)
        .where(col(RoomSession.meeting_id) == meeting_id)
        .order_by(col(RoomSession.opened_at).desc(), col(RoomSession.id).desc())
        .limit(1)
    ).first()


def _room_info(room: RoomSession, meeting: Meeting) -> RoomInfo:
    assert room.opened_at is not None
    return RoomInfo(
        meeting_id=room.meeting_id,
        code=room.code,
        opened_at=room.opened_at,
        is_open=room.closed_at is None and meeting.status != MeetingStatus.GESLOTEN.value,
        address=room.address or "",
    )


def _is_open(session: Session, meeting: Meeting) -> bool:
    if meeting.status == MeetingStatus.GESLOTEN.value:
        return False
    return (
        session.scalar(
            select(col(RoomSession.id)).where(
                col(RoomSession.meeting_id) == meeting.id, col(RoomSession.closed_at).is_(None)
            )
        )
        is not None
    )


def _require_open(session: Session, meeting: Meeting) -> None:
    """Refuse a phone's action when the meeting or its room is closed."""
    if meeting.status == MeetingStatus.GESLOTEN.value:
        raise RoomClosedError(_("This meeting is closed; nothing can be sent from a phone."))
    if not _is_open(session, meeting):
        raise RoomClosedError(_("The room of this meeting is closed for phones."))


def _unknown_phone() -> UnknownPhoneError:
    return UnknownPhoneError(
        _("This phone is not known in this meeting; open the meeting's page again.")
    )


def _phone(session: Session, meeting_id: int, phone_id: int) -> Phone:
    phone = session.get(Phone, phone_id) if isinstance(phone_id, int) else None
    if phone is None or phone.meeting_id != meeting_id:
        raise _unknown_phone()
    return phone


def _running_item(session: Session, meeting_id: int) -> AgendaItem | None:
    """The item that runs now (as the agenda screen says: the first with a running period)."""
    return session.scalars(
        select(AgendaItem)
        .where(col(AgendaItem.meeting_id) == meeting_id, col(AgendaItem.resumed_at).is_not(None))
        .order_by(col(AgendaItem.position), col(AgendaItem.id))
        .limit(1)
    ).first()


def _has_core(session: Session, item_id: int) -> bool:
    return (
        session.scalar(
            select(col(Card.id)).where(
                col(Card.agenda_item_id) == item_id, col(Card.kind) == CardKind.KERNPROBLEEM.value
            )
        )
        is not None
    )


def _waiting_cards(session: Session, phone_id: int) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(PhoneCard)
            .where(
                col(PhoneCard.phone_id) == phone_id,
                col(PhoneCard.status) == PhoneCardStatus.WACHT.value,
            )
        )
        or 0
    )


def _waiting(session: Session, phone_card_id: int, *, hold_item: bool) -> PhoneCard:
    """A handed-in card that still waits, read after holding its item; else refused."""
    if hold_item:
        item_id = session.scalar(
            select(col(PhoneCard.agenda_item_id)).where(col(PhoneCard.id) == phone_card_id)
        )
        hold(session, AgendaItem, item_id)
    handed_in = session.get(PhoneCard, phone_card_id)
    if handed_in is None:
        raise not_found(_("card from a phone"), phone_card_id)
    if handed_in.status != PhoneCardStatus.WACHT.value:
        raise InvalidInputError(_("This card from a phone has been dealt with already."))
    return handed_in


def _as_accepted(session: Session, card: Card, text: str) -> bool:
    """Whether a card taken in from a phone is still as it was: its text, no dots, nothing
    under it, and no vote or action point made of it."""
    if card.text != text or card.dots:
        return False
    if session.scalar(select(col(Card.id)).where(col(Card.parent_id) == card.id).limit(1)):
        return False
    for made in (Poll, ActionItem):
        if session.scalar(select(col(made.id)).where(col(made.source_card_id) == card.id).limit(1)):
            return False
    return True


def _phone_card_info(row: PhoneCard) -> PhoneCardInfo:
    assert row.id is not None and row.submitted_at is not None
    return PhoneCardInfo(
        id=row.id,
        agenda_item_id=row.agenda_item_id,
        kind=CardKind(row.kind),
        text=row.text,
        submitted_at=row.submitted_at,
        status=PhoneCardStatus(row.status),
        accepted_card_id=row.accepted_card_id,
    )


def _poll_of_meeting(session: Session, meeting_id: int, poll_id: int) -> Poll:
    """An open vote of this meeting that phones vote on; else refused."""
    poll = session.get(Poll, poll_id) if isinstance(poll_id, int) else None
    item = session.get(AgendaItem, poll.agenda_item_id) if poll is not None else None
    if poll is None or item is None or item.meeting_id != meeting_id:
        raise NotFoundError(_("This vote is not one of this meeting."))
    if poll.status == PollStatus.VOORBEREID.value:
        raise InvalidInputError(_("This vote is not open yet."))
    if poll.status == PollStatus.VASTGESTELD.value:
        raise InvalidInputError(_("This vote has been declared; no more votes are counted."))
    if poll.method not in PHONE_METHODS:
        raise InvalidInputError(_("Dots in this vote are counted in the room, not by phone."))
    return poll


def _voting_card(session: Session, meeting_id: int, typed: str | None) -> int:
    """The id of the voting card of this meeting whose code was typed; else refused."""
    if typed is None or (isinstance(typed, str) and not typed.strip()):
        raise InvalidInputError(_("This vote needs a voting card: type the code on your card."))
    code = normalise_code(typed, CARD_CODE_LENGTH)
    wanted = digest(code) if code is not None else ""
    card = (
        session.scalars(select(VotingCard).where(col(VotingCard.code_hash) == wanted)).first()
        if code is not None
        else None
    )
    if (
        card is None
        or card.id is None
        or not same_digest(card.code_hash, wanted)
        or card.meeting_id != meeting_id
    ):
        raise InvalidInputError(_("This is not the code of a voting card of this meeting."))
    return card.id


def _has_voted(session: Session, poll_id: int, who: Any) -> bool:
    return (
        session.scalar(
            select(col(PollVoter.id)).where(col(PollVoter.poll_id) == poll_id, who).limit(1)
        )
        is not None
    )


def _totals(db: Connection, poll_id: int) -> dict[Channel, int]:
    """The votes of a poll per channel, all options together."""
    totals = dict.fromkeys(Channel, 0)
    for channel, total in db.execute(
        select(_COUNT.c.channel, func.sum(_COUNT.c.count))
        .where(_COUNT.c.poll_id == poll_id)
        .group_by(_COUNT.c.channel)
    ):
        if channel in totals:
            totals[Channel(channel)] = int(total or 0)
    return totals


def _full() -> InvalidInputError:
    return InvalidInputError(
        _(
            "Everyone present who may vote has voted already, in the room or by phone; your "
            "vote cannot be counted. Please tell the chair."
        )
    )


def _count_phone_vote(db: Connection, poll: Poll, option_id: int) -> None:
    """One more phone vote for the option: ``count = count + 1`` in one conditional UPDATE,
    applied only while the room and the phones stay within the eligible voters present."""
    telefoon = Channel.TELEFOON.value
    exists = db.scalar(
        select(_COUNT.c.id).where(_COUNT.c.option_id == option_id, _COUNT.c.channel == telefoon)
    )
    if exists is None:  # a poll made before phones voted (revision 0007) has no row yet
        db.execute(
            _COUNT.insert().values(poll_id=poll.id, option_id=option_id, channel=telefoon, count=0)
        )
    others = _COUNT.alias("others")
    in_room = (
        select(func.coalesce(func.sum(others.c.count), 0))
        .where(
            others.c.poll_id == poll.id,
            others.c.channel.in_([Channel.ZAAL.value, telefoon]),
        )
        .scalar_subquery()
    )
    done = db.execute(
        update(_COUNT)
        .where(
            and_(_COUNT.c.option_id == option_id, _COUNT.c.channel == telefoon),
            in_room < poll.present_count,
        )
        .values(count=_COUNT.c.count + 1)
    )
    if done.rowcount != 1:
        raise _full()


def _room_poll(session: Session, item_id: int, phone_id: int) -> RoomPoll | None:
    polls = session.scalars(
        select(Poll).where(
            col(Poll.agenda_item_id) == item_id,
            col(Poll.method).in_(PHONE_METHODS),
            col(Poll.status) != PollStatus.VOORBEREID.value,
        )
    ).all()
    open_polls = [p for p in polls if p.status == PollStatus.OPEN.value]
    declared = [p for p in polls if p.status == PollStatus.VASTGESTELD.value]
    poll: Poll | None = None
    if open_polls:
        poll = max(open_polls, key=lambda p: (p.opened_at, p.id or 0))
    elif declared:
        poll = max(declared, key=lambda p: (p.declared_at or p.opened_at, p.id or 0))
    if poll is None or poll.id is None:
        return None
    options = session.scalars(
        select(PollOption)
        .where(col(PollOption.poll_id) == poll.id)
        .order_by(col(PollOption.position))
    ).all()
    ballot = Ballot(poll.ballot)
    info = poll_infos(session, [poll])[0] if poll.status == PollStatus.VASTGESTELD.value else None
    channels: tuple[Channel, ...] = ()
    if info is not None:
        totals = {
            Channel.TELEFOON: info.phone_total,
            Channel.ZAAL: info.room_total,
            Channel.DIGITAAL: info.digital_total,
        }
        channels = tuple(channel for channel, total in totals.items() if total)
    return RoomPoll(
        id=poll.id,
        question=poll.question,
        method=PollMethod(poll.method),
        options=tuple(RoomOption(o.id or 0, o.label) for o in options),
        status=PollStatus(poll.status),
        ballot=ballot,
        voted=ballot == Ballot.OPEN
        and _has_voted(session, poll.id, col(PollVoter.phone_id) == phone_id),
        result_text=info.result_text if info is not None else None,
        result=info.result if info is not None and info.facts_kept else None,
        channels=channels,
    )


def _phone_dots(session: Session, item: AgendaItem, phone_id: int) -> dict[int, int]:
    """This phone's dots on the ideas of ``item``, by card id."""
    rows = session.execute(
        select(col(PhoneDot.card_id), col(PhoneDot.count))
        .join(Card, col(Card.id) == col(PhoneDot.card_id))
        .where(
            col(PhoneDot.phone_id) == phone_id,
            col(Card.agenda_item_id) == item.id,
            col(Card.kind) == CardKind.OPLOSSING.value,
        )
    ).all()
    return {card_id: count for card_id, count in rows}


def _room_dots(session: Session, item: AgendaItem, phone_id: int, state: AnalysisState) -> RoomDots:
    mine = _phone_dots(session, item, phone_id)
    assert item.id is not None
    return RoomDots(
        item_id=item.id,
        allowance=item.dots_per_participant,
        used=sum(mine.values()),
        ideas=tuple(RoomIdea(c.id, c.text, mine.get(c.id, 0)) for c in state.ideas),
    )
