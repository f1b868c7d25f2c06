"""A stand-in for the Store's room methods (the contract of issue #25), for the web tests.

It keeps the rules the web server relies on — a closed or declared vote takes no vote, an
option of another poll is refused, a phone votes once, a voting card once per poll, dots stay
within the allowance, a card goes through the Store's own text rule — and refuses with a
:class:`BazError`, as the Store does. Its whole state is :meth:`dump`, so a test can say that a
refused request changed nothing. Once the Room Store API is merged, the tests run on the real
Store instead (``room`` fixture).
"""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass, field
from typing import Any

from models.errors import BazError
from models.rules.analysis import clean_card_text

CODE = "K7P2QX"
MEETING = 1
ITEM = 3


@dataclass(frozen=True)
class Info:
    meeting_id: int
    code: str
    opened_at: object
    is_open: bool


@dataclass(frozen=True)
class Option:
    id: int
    label: str


@dataclass(frozen=True)
class PollView:
    id: int
    question: str
    options: tuple[Option, ...]
    status: str
    ballot: str
    voted: bool
    result_text: str


@dataclass(frozen=True)
class Idea:
    card_id: int
    text: str
    mine: int


@dataclass(frozen=True)
class Dots:
    item_id: int
    allowance: int
    used: int
    ideas: tuple[Idea, ...]


@dataclass(frozen=True)
class Now:
    meeting_title: str
    is_open: bool
    item_title: str | None
    poll: PollView | None
    dots: Dots | None
    cards_open: bool
    cards_item_id: int | None


@dataclass
class State:
    is_open: bool = True
    phones: dict[str, int] = field(default_factory=dict)
    #: poll id → (question, status, ballot, {option id: label})
    polls: dict[int, tuple[str, str, str, dict[int, str]]] = field(default_factory=dict)
    current_poll: int | None = None
    counts: dict[int, int] = field(default_factory=dict)  # option id → phone votes
    voted: set[tuple[int, int]] = field(default_factory=set)  # (poll, phone)
    cards_used: set[tuple[int, str]] = field(default_factory=set)  # (poll, card code)
    voting_cards: set[str] = field(default_factory=set)
    other_meeting_cards: set[str] = field(default_factory=set)
    ideas: dict[int, str] = field(default_factory=dict)
    other_cards: dict[int, str] = field(default_factory=dict)  # cards that are no idea
    allowance: int = 3
    dots: dict[tuple[int, int], int] = field(default_factory=dict)  # (phone, card) → dots
    dots_open: bool = True
    cards_open: bool = True
    inbox: list[tuple[int, str, str]] = field(default_factory=list)


class ContractStore:
    """The room methods of the Store, on a dict (see the module docstring)."""

    def __init__(self) -> None:
        self.state = State()
        self.calls: list[str] = []

    def dump(self) -> State:
        return copy.deepcopy(self.state)

    # ----------------------------------------------------------------- the contract

    def room_info(self, meeting_id: int) -> Info | None:
        if meeting_id != MEETING:
            return None
        return Info(MEETING, CODE, None, self.state.is_open)

    def room_by_code(self, code: str) -> Info:
        self.calls.append("room_by_code")
        if not self.state.is_open or not secrets.compare_digest(
            code.strip().upper().encode(), CODE.encode()
        ):
            raise BazError("Deze meetingcode kennen we niet, of de zaal is dicht.")
        return Info(MEETING, CODE, None, True)

    def join_room(self, meeting_id: int) -> str:
        self.calls.append("join_room")
        self._open(meeting_id)
        token = secrets.token_urlsafe(24)
        self.state.phones[token] = len(self.state.phones) + 1
        return token

    def phone_of(self, meeting_id: int, token: str) -> int:
        self._open(meeting_id)
        if token not in self.state.phones:
            raise BazError("Deze telefoon kennen we niet in deze bijeenkomst.")
        return self.state.phones[token]

    def room_now(self, meeting_id: int, phone_id: int) -> Now:
        self._open(meeting_id)
        s = self.state
        poll = None
        if s.current_poll is not None:
            question, status, ballot, options = s.polls[s.current_poll]
            poll = PollView(
                s.current_poll,
                question,
                tuple(Option(i, label) for i, label in options.items()),
                status,
                ballot,
                (s.current_poll, phone_id) in s.voted,
                "Aangenomen." if status == "vastgesteld" else "",
            )
        dots = None
        if s.dots_open and s.ideas:
            mine = {c: n for (p, c), n in s.dots.items() if p == phone_id}
            dots = Dots(
                ITEM,
                s.allowance,
                sum(mine.values()),
                tuple(Idea(c, t, mine.get(c, 0)) for c, t in s.ideas.items()),
            )
        return Now("Bewonersavond", s.is_open, "Speelplein", poll, dots, s.cards_open, ITEM)

    def cast_phone_vote(
        self,
        meeting_id: int,
        phone_id: int,
        poll_id: int,
        option_id: int,
        card_code: str | None = None,
    ) -> None:
        self.calls.append("cast_phone_vote")
        self._open(meeting_id)
        s = self.state
        if poll_id not in s.polls:
            raise BazError(f"Er is geen stemming met nummer {poll_id}.")
        _question, status, ballot, options = s.polls[poll_id]
        if status != "open":
            raise BazError("Deze stemming is niet open.")
        if option_id not in options:
            raise BazError("Die keuze hoort niet bij deze stemming.")
        if ballot == "stemkaart":
            code = (card_code or "").strip().upper()
            if not code:
                raise BazError("Voor deze stemming is de code van uw stemkaart nodig.")
            if code not in s.voting_cards:
                raise BazError("Deze stemkaart kennen we niet.")
            if (poll_id, code) in s.cards_used:
                raise BazError("Met deze stemkaart is in deze stemming al gestemd.")
            s.cards_used.add((poll_id, code))
        else:
            if (poll_id, phone_id) in s.voted:
                raise BazError("U heeft al gestemd.")
        s.voted.add((poll_id, phone_id))
        s.counts[option_id] = s.counts.get(option_id, 0) + 1

    def place_phone_dot(self, meeting_id: int, phone_id: int, card_id: int, delta: int) -> None:
        self.calls.append("place_phone_dot")
        self._open(meeting_id)
        s = self.state
        if delta not in (1, -1):
            raise BazError("Een stip erbij of eraf, meer niet.")
        if not s.dots_open:
            raise BazError("Er wordt nu niet met stippen gestemd.")
        if card_id not in s.ideas:
            raise BazError("Stippen gaan alleen op ideeën.")
        mine = s.dots.get((phone_id, card_id), 0)
        used = sum(n for (p, _c), n in s.dots.items() if p == phone_id)
        if delta > 0 and used >= s.allowance:
            raise BazError("Uw stippen zijn op.")
        if delta < 0 and mine == 0:
            raise BazError("U heeft hier geen stip.")
        s.dots[(phone_id, card_id)] = mine + delta

    def submit_phone_card(
        self, meeting_id: int, phone_id: int, item_id: int, kind: str, text: str
    ) -> int:
        self.calls.append("submit_phone_card")
        self._open(meeting_id)
        s = self.state
        if not s.cards_open or item_id != ITEM:
            raise BazError("Er worden nu geen kaarten ingeleverd.")
        if kind not in ("oorzaak", "gevolg", "oplossing"):
            raise BazError("Dat soort kaart kan niet.")
        s.inbox.append((phone_id, kind, clean_card_text(text)))
        return len(s.inbox)

    # ----------------------------------------------------------------- set up by the tests

    def open_poll(
        self, poll_id: int, ballot: str = "open", options: tuple[int, ...] = (11, 12)
    ) -> None:
        labels = ("Voor", "Tegen", "Onthouding")
        self.state.polls[poll_id] = (
            "Komen er bankjes bij de zandbak?",
            "open",
            ballot,
            {option: labels[i] for i, option in enumerate(options)},
        )
        self.state.current_poll = poll_id

    def set_status(self, poll_id: int, status: str) -> None:
        question, _status, ballot, options = self.state.polls[poll_id]
        self.state.polls[poll_id] = (question, status, ballot, options)

    def _open(self, meeting_id: int) -> None:
        if meeting_id != MEETING or not self.state.is_open:
            raise BazError("De zaal is dicht.")


def contract_room(**changes: Any) -> ContractStore:
    """A room with an open vote (poll 7: options 11, 12), two ideas (21, 22), a card that is
    no idea (23), voting cards, and another poll (8: options 31, 32) that is not current."""
    store = ContractStore()
    store.open_poll(8, options=(31, 32))
    store.open_poll(7)
    store.state.ideas = {21: "Meer schaduw bij de bankjes", 22: "Een watertappunt"}
    store.state.other_cards = {23: "Te weinig groen"}
    store.state.voting_cards = {"AAAA-BBBB-CCCC-DDDD", "EEEE-FFFF-GGGG-HHHH"}
    store.state.other_meeting_cards = {"ZZZZ-YYYY-XXXX-WWWW"}
    for name, value in changes.items():
        setattr(store.state, name, value)
    return store
