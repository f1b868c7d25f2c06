"""Plain, immutable data about the room on their phones (DESIGN §5a) that the Store hands out.

What a phone's page shows (:class:`RoomNow`) holds nothing of other phones: no counts while a
vote is open, no names, no ids of phones or voting cards. Like the other records: no session,
no table objects, and importing this module does not load SQLModel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models.domain import Ballot, CardKind, Channel, PhoneCardStatus, PollMethod, PollStatus
from models.rules.votes import PollResult, resident_result


@dataclass(frozen=True, slots=True)
class RoomInfo:
    """The room of a meeting: its code on the beamer, and whether phones can take part now."""

    meeting_id: int
    #: The meeting code as shown (``models.rules.room.MEETING_CODE_LENGTH`` characters).
    code: str
    opened_at: datetime
    #: Open: not closed by the chair, and the meeting is not closed.
    is_open: bool
    #: Where phones go, ``http://<address>:<port>`` (what the beamer shows beside the QR
    #: code); empty when the room was opened without a server (the Store's tests).
    address: str = ""

    @property
    def join_url(self) -> str:
        """The address in the QR code, with the meeting code: a scan joins; empty without
        an address."""
        from models.rules.room import join_url

        return join_url(self.address, self.code) if self.address else ""


@dataclass(frozen=True, slots=True)
class RoomOption:
    id: int
    label: str


@dataclass(frozen=True, slots=True)
class RoomPoll:
    """The vote a phone sees: the open one of the running item, or its last declared one."""

    id: int
    question: str
    method: PollMethod
    options: tuple[RoomOption, ...]
    status: PollStatus
    ballot: Ballot
    #: Open ballot: this phone has voted in it. Always False for a ballot with voting cards
    #: (the card votes, not the phone; nothing records which phone carried which card).
    voted: bool
    #: The result as declared; None while the vote is open (no counts go to the phones before).
    result_text: str | None
    #: The facts of the declared result (as the minutes read them), when they were kept.
    result: PollResult | None = None
    #: The channels that gave votes, in a declared vote.
    channels: tuple[Channel, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status == PollStatus.OPEN

    def result_words(self) -> str:
        """The declared result in plain words in the language of now (the phone's): from its
        facts, else the sentence stored when it was declared; "" while open."""
        if self.result is not None:
            return resident_result(self.result, self.channels)
        return self.result_text or ""


@dataclass(frozen=True, slots=True)
class RoomIdea:
    """An idea of the running item that a phone may place dots on."""

    card_id: int
    text: str
    #: The dots this phone placed on it.
    mine: int


@dataclass(frozen=True, slots=True)
class RoomDots:
    """The dots of one phone on the ideas of an agenda item."""

    item_id: int
    #: Dots per participant: what one phone may place on the item's ideas in all.
    allowance: int
    #: Dots this phone has placed on them.
    used: int
    ideas: tuple[RoomIdea, ...]

    @property
    def left(self) -> int:
        return max(0, self.allowance - self.used)


@dataclass(frozen=True, slots=True)
class RoomNow:
    """Everything a phone's page shows, read in one go."""

    meeting_id: int
    meeting_title: str
    #: The room is open and the meeting is not closed: phones can take part.
    is_open: bool
    #: The running agenda item: its id, number as shown (1-based) and title; None between items.
    item_id: int | None
    item_number: int | None
    item_title: str | None
    poll: RoomPoll | None
    dots: RoomDots | None
    #: Cards (cause, effect, idea) can be handed in now, into ``cards_item_id``.
    cards_open: bool
    cards_item_id: int | None
    #: Cards this phone handed in that wait for the note-taker.
    waiting_cards: int = 0


@dataclass(frozen=True, slots=True)
class PhoneCardInfo:
    """A card handed in from a phone, as the note-taker's inbox shows it (whose it is, never)."""

    id: int
    agenda_item_id: int
    kind: CardKind
    text: str
    submitted_at: datetime
    status: PhoneCardStatus
    #: The card of the tree it became, once accepted.
    accepted_card_id: int | None
