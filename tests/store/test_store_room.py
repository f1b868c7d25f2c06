"""The Store's room on their phones (DESIGN §5a): the room and its code, phones, phone votes,
voting cards, phone dots, the inbox of handed-in cards.

Every refusal is checked to leave every table exactly as it was.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import Session, SQLModel

from models.database.tables import ROOM_TABLES, Phone, PollVoter, VoteCount, VotingCard
from models.domain import Ballot, CardKind, Channel, PollMethod, PollStatus
from models.errors import (
    AlreadyVotedError,
    BazError,
    InvalidInputError,
    NotFoundError,
    RoomClosedError,
    UnknownPhoneError,
)
from models.i18n import _
from models.records.meeting import MeetingInfo
from models.rules.room import CODE_ALPHABET, MEETING_CODE_LENGTH, digest, grouped
from models.store import Store
from tests.conftest import Clock, everyone_present_item_running
from tests.rules.test_hostile_corpus import cases, text_expectation, value

#: The meeting fixture with everyone present: 4 of its 8 attendees may vote.
PRESENT = 4


def everything(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to show that a refusal changed nothing."""
    with Session(store.engine) as session:
        return {
            table.name: [tuple(r) for r in session.execute(select(table).order_by(*table.c))]
            for table in SQLModel.metadata.sorted_tables
        }


def refused(store: Store, error: type[BazError], call: Any, *args: Any, **kwargs: Any) -> str:
    """``call`` is refused with ``error`` and a sentence, and no table changed."""
    before = everything(store)
    with pytest.raises(error) as caught:
        call(*args, **kwargs)
    assert everything(store) == before
    message = str(caught.value)
    assert message and "Traceback" not in message and message[-1] in ".?!"
    return message


@pytest.fixture
def item(store: Store, meeting: MeetingInfo) -> int:
    return everyone_present_item_running(store, meeting)


@pytest.fixture
def room(store: Store, meeting: MeetingInfo, item: int) -> str:
    """The room open, with the running item; its code."""
    return store.open_room(meeting.id).code


@pytest.fixture
def phone(store: Store, meeting: MeetingInfo, room: str) -> int:
    return store.phone_of(meeting.id, store.join_room(meeting.id))


def phones(store: Store, meeting_id: int, n: int) -> list[int]:
    return [store.phone_of(meeting_id, store.join_room(meeting_id)) for _i in range(n)]


# ------------------------------------------------------------------------------ the room


def test_opening_the_room_gives_a_code_that_changes_each_time(
    store: Store, meeting: MeetingInfo, clock: Clock
) -> None:
    assert store.room_info(meeting.id) is None
    first = store.open_room(meeting.id)
    assert first.is_open and first.meeting_id == meeting.id
    assert len(first.code) == MEETING_CODE_LENGTH and set(first.code) <= set(CODE_ALPHABET)
    assert store.room_info(meeting.id) == first
    assert store.room_by_code(first.code) == first
    clock.advance(seconds=60)
    second = store.open_room(meeting.id)
    assert second.code != first.code and second.opened_at > first.opened_at
    refused(store, RoomClosedError, store.room_by_code, first.code)
    # Typed on a phone: small letters, spaces and dashes do not matter.
    typed = " " + second.code[:3].lower() + "-" + second.code[3:].lower()
    assert store.room_by_code(typed) == second


def test_the_room_keeps_the_address_its_server_serves_on(
    store: Store, meeting: MeetingInfo
) -> None:
    assert store.open_room(meeting.id).address == ""  # no server: no address, no QR code
    room = store.open_room(meeting.id, "http://192.168.1.20:8765")
    assert store.room_info(meeting.id) == room
    assert room.address == "http://192.168.1.20:8765"
    assert room.join_url == f"http://192.168.1.20:8765/?c={room.code}"
    for bad in ("ftp://x", "http://", "http://a b", "http://x\x1b[2J", "http://" + "a" * 200, 7):
        refused(store, InvalidInputError, store.open_room, meeting.id, bad)
    assert store.room_info(meeting.id) == room


def test_an_unknown_code_gets_the_one_sentence(store: Store, meeting: MeetingInfo) -> None:
    store.open_room(meeting.id)
    for typed in ("", "AAAAAA0", "ZZZZZZ", "x" * 5000, "<script>"):
        message = refused(store, RoomClosedError, store.room_by_code, typed)
        assert message == _("This code does not belong to an open meeting.")


def test_closing_the_room_closes_it_for_phones(
    store: Store, meeting: MeetingInfo, room: str, phone: int
) -> None:
    store.close_room(meeting.id)
    info = store.room_info(meeting.id)
    assert info is not None and not info.is_open and info.code == room
    refused(store, RoomClosedError, store.room_by_code, room)
    refused(store, RoomClosedError, store.join_room, meeting.id)
    assert not store.room_now(meeting.id, phone).is_open
    store.close_room(meeting.id)  # closed already: nothing happens
    assert store.open_room(meeting.id).is_open  # the chair opens it again


def test_closing_the_meeting_closes_its_room_and_its_voting_cards(
    store: Store, meeting: MeetingInfo, room: str, phone: int, item: int
) -> None:
    codes = store.issue_voting_cards(meeting.id, 3)
    poll = store.create_poll(item, "Akkoord?")
    store.set_poll_ballot(poll.id, Ballot.STEMKAART)
    store.close_meeting(meeting.id)
    info = store.room_info(meeting.id)
    assert info is not None and not info.is_open
    refused(store, RoomClosedError, store.room_by_code, room)
    refused(
        store,
        RoomClosedError,
        store.cast_phone_vote,
        meeting.id,
        phone,
        poll.id,
        poll.options[0].id,
        codes[0],
    )
    refused(store, RoomClosedError, store.open_room, meeting.id)
    refused(store, InvalidInputError, store.issue_voting_cards, meeting.id, 1)


def test_the_room_of_an_unknown_meeting(store: Store) -> None:
    refused(store, NotFoundError, store.open_room, 999)
    refused(store, NotFoundError, store.room_info, 999)
    refused(store, NotFoundError, store.close_room, 999)


# ------------------------------------------------------------------------------ phones


def test_a_phone_is_known_by_its_token_and_only_its_hash_is_kept(
    store: Store, meeting: MeetingInfo, room: str
) -> None:
    token = store.join_room(meeting.id)
    phone_id = store.phone_of(meeting.id, token)
    with Session(store.engine) as session:
        stored = session.get(Phone, phone_id)
        assert stored is not None and stored.token_hash == digest(token)
        assert token not in str(everything(store))
    other = store.create_meeting("Andere", meeting.date, meeting.start_time)
    for meeting_id, typed in ((other.id, token), (meeting.id, token + "x"), (meeting.id, "")):
        refused(store, UnknownPhoneError, store.phone_of, meeting_id, typed)
    refused(store, UnknownPhoneError, store.phone_of, meeting.id, None)
    refused(store, UnknownPhoneError, store.room_now, other.id, phone_id)


# ------------------------------------------------------------------------------ votes


def test_a_phone_vote_is_counted_in_its_own_channel(
    store: Store, meeting: MeetingInfo, item: int, phone: int
) -> None:
    poll = store.create_poll(item, "Akkoord?")
    now = store.room_now(meeting.id, phone)
    assert now.poll is not None and now.poll.id == poll.id and now.poll.is_open
    assert not now.poll.voted and now.poll.result_text is None
    assert now.poll.ballot is Ballot.OPEN
    counted = store.cast_phone_vote(meeting.id, phone, poll.id, poll.options[0].id)
    assert [o.phone for o in counted.options] == [1, 0, 0]
    assert [o.room for o in counted.options] == [0, 0, 0]
    assert counted.phone_total == 1 and counted.total == 1 and counted.result.voor == 1
    assert store.get_poll(poll.id).options[0].phone == 1
    now = store.room_now(meeting.id, phone)
    assert now.poll is not None and now.poll.voted
    message = refused(
        store,
        AlreadyVotedError,
        store.cast_phone_vote,
        meeting.id,
        phone,
        poll.id,
        poll.options[1].id,
    )
    assert message == _("You have already voted in this vote.")
    # Declared: closed on every phone, with its result.
    store.declare_poll(poll.id)
    refused(
        store,
        InvalidInputError,
        store.cast_phone_vote,
        meeting.id,
        phone,
        poll.id,
        poll.options[0].id,
    )
    now = store.room_now(meeting.id, phone)
    assert now.poll is not None and now.poll.status is PollStatus.VASTGESTELD
    assert now.poll.result_text == store.get_poll(poll.id).result_text


def test_room_and_phone_votes_never_exceed_the_present_eligible(
    store: Store, meeting: MeetingInfo, item: int, room: str
) -> None:
    poll = store.create_poll(item, "Akkoord?")
    assert poll.present_count == PRESENT
    voor, tegen = poll.options[0].id, poll.options[1].id
    store.set_count(poll.id, voor, Channel.ZAAL, 2)
    first, second, third = phones(store, meeting.id, 3)
    store.cast_phone_vote(meeting.id, first, poll.id, tegen)
    store.cast_phone_vote(meeting.id, second, poll.id, tegen)
    refused(store, InvalidInputError, store.cast_phone_vote, meeting.id, third, poll.id, voor)
    # The chair's room count cannot go up past the phones either; down it can.
    refused(store, InvalidInputError, store.add_to_count, poll.id, voor, Channel.ZAAL, 1)
    refused(store, InvalidInputError, store.set_count, poll.id, tegen, Channel.ZAAL, 1)
    lowered = store.add_to_count(poll.id, voor, Channel.ZAAL, -1)
    assert lowered.room_total + lowered.phone_total == 3
    store.cast_phone_vote(meeting.id, third, poll.id, voor)
    final = store.get_poll(poll.id)
    assert final.room_total + final.phone_total == PRESENT
    # Nobody types phone votes.
    refused(store, InvalidInputError, store.set_count, poll.id, voor, Channel.TELEFOON, 0)
    refused(store, InvalidInputError, store.add_to_count, poll.id, voor, Channel.TELEFOON, -1)


def test_refused_phone_votes_change_nothing(
    store: Store, meeting: MeetingInfo, item: int, phone: int, clock: Clock
) -> None:
    poll = store.create_poll(item, "Akkoord?")
    option = poll.options[0].id
    prepared = store.create_poll(item, "Later", prepared=True)
    dots = store.create_poll(
        item, "Stippen", method=PollMethod.STIPPEN, options=["a", "b"], dots_per_participant=2
    )
    other = store.create_meeting("Andere", meeting.date, meeting.start_time)
    other_item = store.add_agenda_item(other.id, "Elders")
    elsewhere = store.create_poll(other_item.id, "Elders?", present_count=5)
    cast = store.cast_phone_vote
    refused(store, InvalidInputError, cast, meeting.id, phone, prepared.id, prepared.options[0].id)
    refused(store, InvalidInputError, cast, meeting.id, phone, dots.id, dots.options[0].id)
    refused(store, NotFoundError, cast, meeting.id, phone, elsewhere.id, elsewhere.options[0].id)
    refused(store, NotFoundError, cast, meeting.id, phone, 9999, option)
    refused(store, InvalidInputError, cast, meeting.id, phone, poll.id, prepared.options[0].id)
    refused(store, InvalidInputError, cast, meeting.id, phone, poll.id, 9999)
    refused(store, UnknownPhoneError, cast, meeting.id, 9999, poll.id, option)
    refused(store, NotFoundError, cast, 9999, phone, poll.id, option)
    store.close_room(meeting.id)
    refused(store, RoomClosedError, cast, meeting.id, phone, poll.id, option)


def test_a_voting_card_votes_once_per_poll(
    store: Store, meeting: MeetingInfo, item: int, room: str
) -> None:
    codes = store.issue_voting_cards(meeting.id, 3)
    assert len(set(codes)) == 3 and store.voting_card_count(meeting.id) == 3
    first, second = phones(store, meeting.id, 2)
    poll = store.set_poll_ballot(store.create_poll(item, "Besluit?").id, Ballot.STEMKAART)
    assert poll.ballot is Ballot.STEMKAART
    voor = poll.options[0].id
    cast = store.cast_phone_vote
    refused(store, InvalidInputError, cast, meeting.id, first, poll.id, voor)  # no card
    refused(store, InvalidInputError, cast, meeting.id, first, poll.id, voor, "  ")
    refused(store, InvalidInputError, cast, meeting.id, first, poll.id, voor, "ABCD-EFGH-JKMN-PQRS")
    store.cast_phone_vote(meeting.id, first, poll.id, voor, grouped(codes[0]).lower())
    # The card, not the phone, votes: the same card from another phone is refused ...
    message = refused(store, AlreadyVotedError, cast, meeting.id, second, poll.id, voor, codes[0])
    assert message == _("This voting card has already voted in this vote.")
    # ... and one phone may carry two cards (a couple with one phone).
    counted = store.cast_phone_vote(meeting.id, first, poll.id, voor, codes[1])
    assert counted.phone_total == 2
    # A card of another meeting is no card here.
    other = store.create_meeting("Andere", meeting.date, meeting.start_time)
    (foreign,) = store.issue_voting_cards(other.id, 1)
    refused(store, InvalidInputError, cast, meeting.id, second, poll.id, voor, foreign)
    # In the next vote the same card votes again.
    store.declare_poll(poll.id)
    again = store.set_poll_ballot(store.create_poll(item, "Nog een?").id, Ballot.STEMKAART)
    assert store.cast_phone_vote(meeting.id, second, again.id, again.options[1].id, codes[0])
    now = store.room_now(meeting.id, first)
    assert now.poll is not None and now.poll.ballot is Ballot.STEMKAART and not now.poll.voted
    # A card's vote records the card only: not even which phone carried it.
    with Session(store.engine) as session:
        voters = session.scalars(select(PollVoter)).all()
    assert len(voters) == 3
    assert all(v.phone_id is None and v.voting_card_id is not None for v in voters)


def test_the_ballot_changes_only_before_phones_voted(
    store: Store, meeting: MeetingInfo, item: int, phone: int
) -> None:
    poll = store.create_poll(item, "Akkoord?")
    assert store.set_poll_ballot(poll.id, Ballot.STEMKAART).ballot is Ballot.STEMKAART
    assert store.set_poll_ballot(poll.id, "open").ballot is Ballot.OPEN  # type: ignore[arg-type]
    refused(store, InvalidInputError, store.set_poll_ballot, poll.id, "geheim")
    store.cast_phone_vote(meeting.id, phone, poll.id, poll.options[0].id)
    refused(store, InvalidInputError, store.set_poll_ballot, poll.id, Ballot.STEMKAART)
    assert store.set_poll_ballot(poll.id, Ballot.OPEN).ballot is Ballot.OPEN  # unchanged: fine
    store.declare_poll(poll.id)
    refused(store, InvalidInputError, store.set_poll_ballot, poll.id, Ballot.STEMKAART)
    refused(store, NotFoundError, store.set_poll_ballot, 9999, Ballot.OPEN)


def test_voting_cards_are_issued_in_numbered_batches_of_1_to_500(
    store: Store, meeting: MeetingInfo
) -> None:
    for wrong in (0, -1, 501, "veel", True):
        refused(store, InvalidInputError, store.issue_voting_cards, meeting.id, wrong)
    first = store.issue_voting_cards(meeting.id, 2)
    second = store.issue_voting_cards(meeting.id, 3)
    with Session(store.engine) as session:
        cards = session.scalars(select(VotingCard).order_by(VotingCard.number)).all()
    assert [c.number for c in cards] == [1, 2, 3, 4, 5]
    assert {c.code_hash for c in cards} == {digest(code) for code in first + second}
    assert not any(code in str(everything(store)) for code in first + second)
    assert store.voting_card_count(meeting.id) == 5
    refused(store, NotFoundError, store.issue_voting_cards, 9999, 1)


def test_no_table_links_a_phone_or_a_card_to_its_choice() -> None:
    """What was chosen is in VoteCount (poll, option, channel, count) only; who voted is in
    PollVoter (poll, phone or card) only; nothing joins the two."""
    voter_columns = set(PollVoter.__table__.c.keys())  # type: ignore[attr-defined]
    assert voter_columns == {"id", "poll_id", "phone_id", "voting_card_id"}
    count_columns = set(VoteCount.__table__.c.keys())  # type: ignore[attr-defined]
    assert count_columns == {"id", "poll_id", "option_id", "channel", "count"}
    for table in SQLModel.metadata.sorted_tables:
        targets = {fk.column.table.name for fk in table.foreign_keys}
        if not targets & {"phone", "votingcard"}:
            continue
        # A table that says who (a phone, a card) has no column that could say what.
        assert not targets & {"polloption", "votecount"}, table.name
        for column in table.c:
            assert not {"option", "choice", "vote", "count"} & set(column.name.split("_")) or (
                table.name == "phonedot" and column.name == "count"  # dots on an idea: its own
            ), f"{table.name}.{column.name}"
    # And VoteCount says what, never who.
    count_targets = {fk.column.table.name for fk in VoteCount.__table__.foreign_keys}  # type: ignore[attr-defined]
    assert count_targets == {"poll", "polloption"}
    # No moment on PollVoter that the order of counts could be lined up with.
    assert all(
        "at" not in name.split("_")
        for name in PollVoter.__table__.c.keys()  # type: ignore[attr-defined]
    )


def test_a_phone_vote_leaves_no_trace_of_its_choice(
    store: Store, meeting: MeetingInfo, item: int, room: str
) -> None:
    poll = store.create_poll(item, "Kleur?", method=PollMethod.KEUZE, options=["rood", "blauw"])
    first, second = phones(store, meeting.id, 2)
    before = everything(store)
    store.cast_phone_vote(meeting.id, first, poll.id, poll.options[1].id)
    after = everything(store)
    changed = {t for t in after if after[t] != before[t]}
    assert changed == {"pollvoter", "votecount"}
    (voter,) = after["pollvoter"]
    assert poll.options[1].id not in voter[2:]  # phone and card columns only


def test_concurrent_phone_votes_are_each_counted_once(tmp_path: Path, clock: Clock) -> None:
    """Phones of one room vote at once, through Stores of their own (as the web server's
    workers would): every vote counted once, a phone's second vote refused, never above the
    eligible voters present."""
    url = str(tmp_path / "baz.db")
    chair = Store.open(url, clock=clock)
    meeting = chair.create_meeting("Druk", clock().date(), clock().time())
    voters = 12
    for n in range(voters):
        chair.add_attendee(meeting.id, f"Bewoner {n}", "bewoner", "anoniem")
    for person in chair.list_attendees(meeting.id):
        chair.set_presence(person.id, "aanwezig")  # type: ignore[arg-type]
    item = chair.add_agenda_item(meeting.id, "Stemmen")
    chair.start_item(item.id)
    chair.open_room(meeting.id)
    poll = chair.create_poll(item.id, "Akkoord?")
    ids = phones(chair, meeting.id, voters + 3)  # three more phones than voters
    servers = [Store.open(url, clock=clock) for _i in range(4)]
    outcomes: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(len(ids) * 2)

    def vote(k: int, phone_id: int) -> None:
        start.wait()
        try:
            servers[k % len(servers)].cast_phone_vote(
                meeting.id, phone_id, poll.id, poll.options[k % 3].id
            )
            result = "counted"
        except BazError as error:
            result = type(error).__name__
        with lock:
            outcomes.append(result)

    # Every phone sends its vote twice at the same moment (a double tap).
    threads = [
        threading.Thread(target=vote, args=(k, phone_id))
        for k, phone_id in enumerate(ids)
        for _twice in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = chair.get_poll(poll.id)
    assert outcomes.count("counted") == voters == final.phone_total
    assert set(outcomes) <= {"counted", "AlreadyVotedError", "InvalidInputError"}
    with Session(chair.engine) as session:
        assert len(session.scalars(select(PollVoter)).all()) == voters
    for store in (chair, *servers):
        store.close()


# ------------------------------------------------------------------------------ dots


def test_a_phone_places_its_dots_on_the_ideas_of_the_running_item(
    store: Store, meeting: MeetingInfo, item: int, phone: int
) -> None:
    store.add_card(item, CardKind.KERNPROBLEEM, "Te weinig speelruimte")
    assert store.room_now(meeting.id, phone).dots is None  # no ideas yet
    state = store.add_card(item, CardKind.OPLOSSING, "Speeltuin")
    idea = state.ideas[0].id
    cause = store.add_card(item, CardKind.OORZAAK, "Parkeren").causes[0].id
    second = store.add_card(item, CardKind.OPLOSSING, "Trapveld").ideas[-1].id
    allowance = store.analysis_state(item).dots_per_participant
    now = store.room_now(meeting.id, phone)
    assert now.dots is not None and now.dots.allowance == allowance and now.dots.used == 0
    assert [i.card_id for i in now.dots.ideas] == [idea, second]
    dots = store.place_phone_dot(meeting.id, phone, idea, 1)
    assert dots.used == 1 and dots.ideas[0].mine == 1
    assert store.analysis_state(item).ideas[0].dots == 1  # the chair's tree shows it
    for _n in range(allowance - 1):
        dots = store.place_phone_dot(meeting.id, phone, second, 1)
    assert dots.used == allowance and dots.left == 0
    refused(store, InvalidInputError, store.place_phone_dot, meeting.id, phone, idea, 1)
    dots = store.place_phone_dot(meeting.id, phone, idea, -1)
    assert dots.used == allowance - 1 and dots.ideas[0].mine == 0
    # Only its own dots, only on ideas, one at a time.
    store.add_dots(idea, 1)  # the room's dot
    refused(store, InvalidInputError, store.place_phone_dot, meeting.id, phone, idea, -1)
    refused(store, InvalidInputError, store.place_phone_dot, meeting.id, phone, cause, 1)
    for delta in (2, 0, -2, True):
        refused(store, InvalidInputError, store.place_phone_dot, meeting.id, phone, second, delta)
    refused(store, InvalidInputError, store.place_phone_dot, meeting.id, phone, 9999, 1)
    # Another item runs: the ideas of this one are closed to phones.
    store.next_item(meeting.id)
    refused(store, InvalidInputError, store.place_phone_dot, meeting.id, phone, second, -1)


def test_the_round_of_dots_holds_the_room_and_the_phones(
    store: Store, meeting: MeetingInfo, item: int, phone: int
) -> None:
    store.set_dots_per_participant(item, 1)
    idea = store.add_card(item, CardKind.OPLOSSING, "Speeltuin").ideas[0].id
    for _n in range(PRESENT):  # the room fills the round: 1 dot for each of the 4
        store.add_dots(idea, 1)
    refused(store, InvalidInputError, store.place_phone_dot, meeting.id, phone, idea, 1)


# ------------------------------------------------------------------------------ cards


def test_a_card_from_a_phone_waits_for_the_note_taker(
    store: Store, meeting: MeetingInfo, item: int, phone: int
) -> None:
    submit = store.submit_phone_card
    refused(store, InvalidInputError, submit, meeting.id, phone, item, "oorzaak", "Te vroeg")
    assert not store.room_now(meeting.id, phone).cards_open
    core = store.add_card(item, CardKind.KERNPROBLEEM, "Te weinig speelruimte").core
    assert core is not None
    now = store.room_now(meeting.id, phone)
    assert now.cards_open and now.cards_item_id == item
    first = submit(meeting.id, phone, item, "oorzaak", "  Te veel   auto's  ")
    second = submit(meeting.id, phone, item, "oplossing", "Een speeltuin")
    third = submit(meeting.id, phone, item, "gevolg", "Kinderen spelen op straat")
    assert store.room_now(meeting.id, phone).waiting_cards == 3
    inbox = store.room_inbox(item)
    assert [c.id for c in inbox] == [first, second, third]
    assert inbox[0].text == "Te veel auto's" and inbox[0].kind is CardKind.OORZAAK
    assert "phone" not in " ".join(type(inbox[0]).__slots__)  # never whose it is
    assert store.analysis_state(item).causes == ()  # nothing in the tree by itself
    state = store.accept_phone_card(first)
    (cause,) = state.causes
    assert cause.text == "Te veel auto's" and cause.author_attendee_id is None
    assert cause.parent_id == core.id
    state = store.accept_phone_card(second, parent_id=cause.id)
    assert state.causes[0].children[0].text == "Een speeltuin"
    store.decline_phone_card(third)
    assert store.room_inbox(item) == ()
    for done in (first, third):
        refused(store, InvalidInputError, store.accept_phone_card, done)
        refused(store, InvalidInputError, store.decline_phone_card, done)
    refused(store, NotFoundError, store.accept_phone_card, 9999)
    assert store.room_now(meeting.id, phone).waiting_cards == 0


def test_refused_cards_from_a_phone(
    store: Store, meeting: MeetingInfo, item: int, phone: int
) -> None:
    store.add_card(item, CardKind.KERNPROBLEEM, "Te weinig speelruimte")
    submit = store.submit_phone_card
    for kind in ("kernprobleem", "besluit", "", None):
        refused(store, InvalidInputError, submit, meeting.id, phone, item, kind, "Tekst")
    for text in ("", "   ", None, 12, "x" * 501):
        refused(store, InvalidInputError, submit, meeting.id, phone, item, "oorzaak", text)
    other = store.list_agenda(meeting.id)[0].id
    refused(store, InvalidInputError, submit, meeting.id, phone, other, "oorzaak", "Elders")
    refused(store, UnknownPhoneError, submit, meeting.id, 9999, item, "oorzaak", "Wie?")
    for n in range(10):
        submit(meeting.id, phone, item, "gevolg", f"Gevolg {n}")
    refused(store, InvalidInputError, submit, meeting.id, phone, item, "gevolg", "Elfde")
    (other_phone,) = phones(store, meeting.id, 1)
    assert submit(meeting.id, other_phone, item, "gevolg", "Van een ander")
    store.close_room(meeting.id)
    refused(store, RoomClosedError, submit, meeting.id, other_phone, item, "gevolg", "Te laat")


@pytest.mark.parametrize("case", cases("text"), ids=lambda c: c["id"])
def test_hostile_card_texts_from_a_phone(
    store: Store, meeting: MeetingInfo, item: int, phone: int, case: dict[str, Any]
) -> None:
    """The hostile corpus, as for a card typed by the note-taker: refused with nothing
    changed, or stored as the corpus says."""
    store.add_card(item, CardKind.KERNPROBLEEM, "Kern")
    text = value(case["value"])
    expected = text_expectation(case, "card.text")
    if "refused" in expected:
        refused(store, BazError, store.submit_phone_card, meeting.id, phone, item, "gevolg", text)
        return
    handed_in = store.submit_phone_card(meeting.id, phone, item, "gevolg", text)
    (waiting,) = store.room_inbox(item)
    assert waiting.id == handed_in and waiting.text == value(expected["stored"])
    assert store.accept_phone_card(handed_in).effects[0].text == value(expected["stored"])


# ------------------------------------------------------------------------------ now


def test_between_items_a_phone_sees_only_the_meeting(
    store: Store, meeting: MeetingInfo, room: str, phone: int
) -> None:
    store.close_meeting(meeting.id)
    now = store.room_now(meeting.id, phone)
    assert now.meeting_title == meeting.title and not now.is_open
    assert now.item_id is None and now.poll is None and now.dots is None
    assert not now.cards_open


def test_the_running_item_and_its_latest_vote(
    store: Store, meeting: MeetingInfo, item: int, phone: int, clock: Clock
) -> None:
    first = store.create_poll(item, "Eerste?")
    store.declare_poll(first.id)
    clock.advance(seconds=10)
    now = store.room_now(meeting.id, phone)
    assert now.item_id == item and now.item_number == 7
    assert now.poll is not None and now.poll.id == first.id and now.poll.result_text
    store.create_poll(item, "Voorbereid", prepared=True)
    assert store.room_now(meeting.id, phone).poll.id == first.id  # type: ignore[union-attr]
    second = store.create_poll(item, "Tweede?", method=PollMethod.KEUZE, options=["a", "b"])
    now = store.room_now(meeting.id, phone)
    assert now.poll is not None and now.poll.id == second.id
    assert [o.label for o in now.poll.options] == ["a", "b"]


def test_the_room_tables_are_not_in_a_meeting_file() -> None:
    from models.database.tables import ALL_TABLES

    assert not set(ROOM_TABLES) & set(ALL_TABLES)


def test_the_chairs_screens_follow_what_phones_do(tmp_path: Path, clock: Clock) -> None:
    """A phone's vote, dot and card, written by the web server's own Store, move the change
    signal of the chair's app (which follows changes made by others only)."""
    url = str(tmp_path / "baz.db")
    chair, server = Store.open(url, clock=clock), Store.open(url, clock=clock)
    meeting = chair.create_meeting("Gevolgd", clock().date(), clock().time())
    person = chair.add_attendee(meeting.id, "Bewoner", "bewoner", "anoniem")
    chair.set_presence(person.id, "aanwezig")  # type: ignore[arg-type]
    item = chair.add_agenda_item(meeting.id, "Stemmen")
    chair.start_item(item.id)
    chair.add_card(item.id, CardKind.KERNPROBLEEM, "Kern")
    idea = chair.add_card(item.id, CardKind.OPLOSSING, "Idee").ideas[0].id
    poll = chair.create_poll(item.id, "Akkoord?")
    chair.open_room(meeting.id)
    signal = chair.change_signal(others_only=True)
    signal.changed()
    assert not signal.changed()
    phone_id = server.phone_of(meeting.id, server.join_room(meeting.id))
    assert signal.changed()
    for act in (
        lambda: server.cast_phone_vote(meeting.id, phone_id, poll.id, poll.options[0].id),
        lambda: server.place_phone_dot(meeting.id, phone_id, idea, 1),
        lambda: server.submit_phone_card(meeting.id, phone_id, item.id, "gevolg", "Druk"),
    ):
        act()
        assert signal.changed()
        assert not signal.changed()
    assert chair.get_poll(poll.id).phone_total == 1
    chair.close()
    server.close()
