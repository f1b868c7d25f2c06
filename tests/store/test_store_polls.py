"""The Store's votes: opening, counting per channel, refusals, declaring, re-votes, deleting."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, select

from models.database.tables import Decision, Poll, PollOption, VoteCount
from models.domain import (
    Channel,
    MeetingStatus,
    PollMethod,
    PollStatus,
    Presence,
    Threshold,
    VoteBase,
)
from models.errors import InvalidInputError, NotFoundError
from models.i18n import _
from models.records.meeting import MeetingInfo
from models.records.polls import PollInfo
from models.rules.votes import Outcome, RuleProfile, decision_text, result_from_facts, result_text
from models.store import Store
from tests.conftest import Clock

ZAAL = Channel.ZAAL
DIGITAAL = Channel.DIGITAAL


@pytest.fixture
def people(store: Store, meeting: MeetingInfo) -> dict[str, int]:
    """The attendees of the meeting fixture by first name."""
    return {a.name.split()[0]: a.id for a in store.list_attendees(meeting.id)}


@pytest.fixture
def present(store: Store, people: dict[str, int]) -> int:
    """Everybody marked present except Anna: 3 residents (voters) and 4 without a vote."""
    for name, attendee_id in people.items():
        if name != "Anna":
            store.set_presence(attendee_id, Presence.AANWEZIG)
    return 3


@pytest.fixture
def item(store: Store, meeting: MeetingInfo) -> int:
    return store.list_agenda(meeting.id)[6].id


def stored(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the vote tables, to show that a refusal changed nothing."""
    with Session(store.engine) as session:
        return {
            "polls": [
                (p.id, p.status, p.present_count, p.result_text, p.declared_at, p.digital_source)
                for p in session.exec(select(Poll).order_by(Poll.id)).all()
            ],
            "options": [
                (o.id, o.poll_id, o.position, o.label)
                for o in session.exec(select(PollOption).order_by(PollOption.id)).all()
            ],
            "counts": [
                (c.option_id, c.channel, c.count)
                for c in session.exec(select(VoteCount).order_by(VoteCount.id)).all()
            ],
            "decisions": [
                (d.id, d.poll_id, d.number, d.text)
                for d in session.exec(select(Decision).order_by(Decision.id)).all()
            ],
        }


def count(store: Store, poll: PollInfo, channel: Channel, *values: int) -> PollInfo:
    for option, value in zip(poll.options, values, strict=True):
        poll = store.set_count(poll.id, option.id, channel, value)
    return poll


# ---------------------------------------------------------------------------- opening


def test_a_new_vote_has_three_options_and_freezes_who_is_present(
    store: Store, people: dict[str, int], present: int, item: int
) -> None:
    poll = store.create_poll(item, "  Verlichting tot 22.00 uur  ")
    assert poll.question == "Verlichting tot 22.00 uur"
    assert poll.method is PollMethod.VOOR_TEGEN and poll.status is PollStatus.OPEN
    assert poll.profile is RuleProfile.GEWONE_MEERDERHEID
    assert (poll.base, poll.threshold, poll.threshold_percent) == (
        VoteBase.VOOR_TEGEN,
        Threshold.MEER_DAN_HELFT,
        None,
    )
    assert [o.label for o in poll.options] == [_("for"), _("against"), _("abstain")]
    assert [o.position for o in poll.options] == [0, 1, 2]
    # Residents only: the municipality, corporation, police officer and guest do not vote.
    assert poll.present_count == present == 3
    assert poll.opened_at == store.now() and poll.declared_at is None
    assert poll.result.outcome is Outcome.GEEN_STEMMEN
    # Someone arriving later does not change the frozen number.
    store.set_presence(people["Anna"], Presence.AANWEZIG)
    assert store.get_poll(poll.id).present_count == 3
    assert len(stored(store)["counts"]) == 9  # a zero per option and channel


def test_profiles_and_custom_rules(store: Store, item: int) -> None:
    two_thirds = store.create_poll(item, "Hek", profile=RuleProfile.TWEE_DERDE)
    assert two_thirds.threshold is Threshold.TWEE_DERDE and two_thirds.profile_label
    households = store.create_poll(
        item, "Ontwerp", profile=RuleProfile.ZEVENTIG_PROCENT_HUISHOUDENS, eligible_count="40"
    )
    assert (households.base, households.threshold_percent, households.eligible_count) == (
        VoteBase.STEMGERECHTIGDEN,
        70,
        40,
    )
    assert households.result.needed == 28
    custom = store.create_poll(
        item,
        "Bankjes",
        profile=RuleProfile.EIGEN,
        base=VoteBase.VOOR_TEGEN_ONTHOUDING,
        threshold=Threshold.PERCENTAGE,
        threshold_percent="60",
    )
    assert custom.profile is RuleProfile.EIGEN and custom.threshold_percent == 60
    # Giving the parts of a profile's rule makes it that profile again.
    same = store.create_poll(
        item,
        "Hek",
        profile=RuleProfile.EIGEN,
        base=VoteBase.VOOR_TEGEN,
        threshold=Threshold.DRIE_KWART,
    )
    assert same.profile is RuleProfile.DRIE_KWART
    quorum = store.create_poll(item, "Hek", quorum=(1, 2), eligible_count=10)
    assert (quorum.quorum, quorum.result.quorum_needed) == ((1, 2), 5)
    assert quorum.result.outcome is Outcome.GEEN_QUORUM  # nobody is present


def test_choice_and_dot_votes(store: Store, present: int, item: int) -> None:
    choice = store.create_poll(
        item, "Welke richting?", method=PollMethod.KEUZE, options=[" Natuur ", "Sport", "Ontmoeten"]
    )
    assert [o.label for o in choice.options] == ["Natuur", "Sport", "Ontmoeten"]
    assert choice.dots_per_participant is None
    dots = store.create_poll(
        item, "Prioriteit", method=PollMethod.STIPPEN, options=["A", "B"], dots_per_participant="3"
    )
    assert dots.dots_per_participant == 3 and dots.room_limit == 9


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(question="   "),
        dict(method=PollMethod.KEUZE, options=["Alleen"]),
        dict(method=PollMethod.KEUZE, options=[f"Optie {n}" for n in range(21)]),
        dict(method=PollMethod.KEUZE, options=["A", "  "]),
        dict(method=PollMethod.KEUZE, options=["Groen", "groen "]),
        dict(method=PollMethod.STIPPEN, options=["A", "B"]),
        dict(method=PollMethod.STIPPEN, options=["A", "B"], dots_per_participant=0),
        dict(method=PollMethod.STIPPEN, options=["A", "B"], dots_per_participant="drie"),
        dict(options=["ja", "nee"]),
        dict(base=VoteBase.STEMGERECHTIGDEN),
        dict(base=VoteBase.STEMGERECHTIGDEN, eligible_count=0),
        dict(threshold=Threshold.PERCENTAGE),
        dict(threshold=Threshold.PERCENTAGE, threshold_percent=0),
        dict(threshold=Threshold.PERCENTAGE, threshold_percent=101),
        dict(quorum=(1, 2)),  # no number of eligible voters
        dict(quorum=(3, 2), eligible_count=40),
        dict(quorum=(0, 2), eligible_count=40),
        dict(quorum=(1, 0), eligible_count=40),
        dict(quorum=(-1, 2), eligible_count=40),
        dict(quorum=(1,), eligible_count=40),
        dict(profile=RuleProfile.EIGEN),
        dict(present_count=-1),
        dict(eligible_count="veel"),
    ],
)
def test_opening_refusals_store_nothing(store: Store, item: int, kwargs: dict[str, Any]) -> None:
    before = stored(store)
    kwargs = {"question": "Verlichting?", **kwargs}
    with pytest.raises(InvalidInputError):
        store.create_poll(item, **kwargs)
    assert stored(store) == before


def test_opening_refuses_unknown_things_and_a_closed_meeting(
    store: Store, meeting: MeetingInfo, item: int
) -> None:
    with pytest.raises(NotFoundError):
        store.create_poll(9999, "Verlichting?")
    with pytest.raises(NotFoundError):
        store.create_poll(item, "Verlichting?", previous_poll_id=9999)
    with pytest.raises(NotFoundError):
        store.create_poll(item, "Verlichting?", source_card_id=9999)
    store.start_meeting(meeting.id)
    store.close_meeting(meeting.id)
    assert store.get_meeting(meeting.id).status is MeetingStatus.GESLOTEN
    with pytest.raises(InvalidInputError):
        store.create_poll(item, "Verlichting?")
    assert stored(store)["polls"] == []


def test_a_head_count_replaces_the_attendance_list(store: Store, item: int) -> None:
    poll = store.create_poll(item, "Verlichting?", present_count="23")
    assert poll.present_count == 23


# --------------------------------------------------------------------------- counting


def test_counting_in_both_channels(store: Store, present: int, item: int) -> None:
    poll = store.create_poll(item, "Verlichting?")
    poll = count(store, poll, ZAAL, 2, 1, 0)
    poll = count(store, poll, DIGITAAL, 6, 3, 1)
    assert [(o.room, o.digital, o.total) for o in poll.options] == [(2, 6, 8), (1, 3, 4), (0, 1, 1)]
    assert (poll.room_total, poll.digital_total, poll.total) == (3, 10, 13)
    assert poll.result.outcome is Outcome.AANGENOMEN and poll.result.needed == 7
    assert poll.result_text == result_text(poll.result)
    assert poll.suggested_decision == decision_text("Verlichting?", poll.result)
    poll = store.add_to_count(poll.id, poll.options[1].id, ZAAL, -1)
    poll = store.add_to_count(poll.id, poll.options[2].id, ZAAL, +1)
    assert [o.room for o in poll.options] == [2, 0, 1]
    assert stored(store)["counts"][:9] == [
        (poll.options[0].id, "zaal", 2),
        (poll.options[0].id, "digitaal", 6),
        (poll.options[0].id, "telefoon", 0),
        (poll.options[1].id, "zaal", 0),
        (poll.options[1].id, "digitaal", 3),
        (poll.options[1].id, "telefoon", 0),
        (poll.options[2].id, "zaal", 1),
        (poll.options[2].id, "digitaal", 1),
        (poll.options[2].id, "telefoon", 0),
    ]


def test_the_order_of_counting_does_not_matter(store: Store, present: int, item: int) -> None:
    first = store.create_poll(item, "Verlichting?")
    first = count(store, first, ZAAL, 2, 1, 0)
    first = count(store, first, DIGITAAL, 4, 4, 1)
    second = store.create_poll(item, "Verlichting?")
    second = count(store, second, DIGITAAL, 4, 4, 1)
    second = count(store, second, ZAAL, 2, 1, 0)
    assert first.result == second.result and first.result_text == second.result_text


@pytest.mark.parametrize(
    ("channel", "value"),
    [(ZAAL, -1), (ZAAL, "twee"), (ZAAL, "1.5"), (ZAAL, 100_001), ("hand", 1), (ZAAL, True)],
)
def test_bad_counts_are_refused(
    store: Store, present: int, item: int, channel: Any, value: Any
) -> None:
    poll = store.create_poll(item, "Verlichting?")
    before = stored(store)
    with pytest.raises(InvalidInputError):
        store.set_count(poll.id, poll.options[0].id, channel, value)
    assert stored(store) == before


def test_room_votes_cannot_exceed_those_present(store: Store, present: int, item: int) -> None:
    poll = store.create_poll(item, "Verlichting?")
    poll = count(store, poll, ZAAL, 2, 1, 0)
    before = stored(store)
    with pytest.raises(InvalidInputError) as refused:
        store.add_to_count(poll.id, poll.options[2].id, ZAAL, 1)
    assert "3" in str(refused.value) and "4" in str(refused.value)
    with pytest.raises(InvalidInputError):
        store.set_count(poll.id, poll.options[0].id, ZAAL, 3)
    assert stored(store) == before
    # Lowering is always possible, and digital votes do not count against the room.
    store.set_count(poll.id, poll.options[0].id, ZAAL, 1)
    assert store.set_count(poll.id, poll.options[0].id, DIGITAAL, 500).options[0].digital == 500


def test_all_eligible_voters_bound_room_and_digital_together(
    store: Store, present: int, item: int
) -> None:
    poll = store.create_poll(
        item, "Ontwerp", profile=RuleProfile.ZEVENTIG_PROCENT_HUISHOUDENS, eligible_count=10
    )
    poll = count(store, poll, ZAAL, 3, 0, 0)
    poll = count(store, poll, DIGITAAL, 5, 1, 1)
    before = stored(store)
    with pytest.raises(InvalidInputError):
        store.add_to_count(poll.id, poll.options[1].id, DIGITAAL, 1)
    assert stored(store) == before
    assert poll.result.outcome is Outcome.AANGENOMEN  # 8 of 10, 70% needs 7


def test_dots_are_bounded_by_dots_per_participant(store: Store, present: int, item: int) -> None:
    poll = store.create_poll(
        item,
        "Prioriteit",
        method=PollMethod.STIPPEN,
        options=["A", "B", "C"],
        dots_per_participant=2,
    )
    poll = count(store, poll, ZAAL, 4, 2, 0)  # 3 voters × 2 dots
    before = stored(store)
    with pytest.raises(InvalidInputError):
        store.add_to_count(poll.id, poll.options[2].id, ZAAL, 1)
    assert stored(store) == before
    poll = count(store, poll, DIGITAAL, 10, 0, 30)  # no cap without a number of eligible voters
    assert [r.position for r in poll.result.ranking] == [2, 0, 1]
    capped = store.create_poll(
        item,
        "Prioriteit",
        method=PollMethod.STIPPEN,
        options=["A", "B"],
        dots_per_participant=2,
        eligible_count=5,
    )
    with pytest.raises(InvalidInputError):
        store.set_count(capped.id, capped.options[0].id, DIGITAAL, 11)


def test_add_to_count_never_goes_below_zero(store: Store, present: int, item: int) -> None:
    poll = store.create_poll(item, "Verlichting?")
    before = stored(store)
    with pytest.raises(InvalidInputError):
        store.add_to_count(poll.id, poll.options[0].id, ZAAL, -1)
    assert stored(store) == before


def test_unknown_polls_and_options(store: Store, present: int, item: int) -> None:
    poll = store.create_poll(item, "Verlichting?")
    other = store.create_poll(item, "Hek?")
    with pytest.raises(NotFoundError):
        store.set_count(9999, poll.options[0].id, ZAAL, 1)
    with pytest.raises(NotFoundError):
        store.set_count(poll.id, other.options[0].id, ZAAL, 1)  # an option of another poll
    with pytest.raises(NotFoundError):
        store.add_to_count(poll.id, 9999, ZAAL, 1)
    with pytest.raises(NotFoundError):
        store.get_poll(9999)
    with pytest.raises(NotFoundError):
        store.list_polls(9999)


def test_digital_source(store: Store, item: int) -> None:
    poll = store.create_poll(item, "Verlichting?")
    poll = store.set_digital_source(poll.id, "  stemmen-wielwijk.csv, 28-11-2026 14:02 ")
    assert poll.digital_source == "stemmen-wielwijk.csv, 28-11-2026 14:02"


# -------------------------------------------------------------------------- declaring


def test_declaring_locks_the_poll_and_records_the_decision(
    store: Store, meeting: MeetingInfo, present: int, item: int, clock: Clock
) -> None:
    poll = store.create_poll(item, "Verlichting tot 22.00 uur")
    poll = count(store, poll, ZAAL, 2, 1, 0)
    poll = count(store, poll, DIGITAAL, 6, 2, 1)
    clock.advance(minutes=4)
    declared = store.declare_poll(poll.id, decision_text=poll.suggested_decision)
    assert declared.status is PollStatus.VASTGESTELD and declared.declared_at == clock()
    assert declared.result_text == poll.result_text
    assert declared.result == poll.result
    assert declared.decision_id is not None and declared.decision_label == "B-2026-01"
    with Session(store.engine) as session:
        decision = session.get(Decision, declared.decision_id)
        assert decision is not None
        assert (decision.poll_id, decision.agenda_item_id, decision.meeting_id) == (
            poll.id,
            item,
            meeting.id,
        )
        assert decision.text == poll.suggested_decision
        row = session.get(Poll, poll.id)
        assert row is not None and row.result_text == poll.result_text

    before = stored(store)
    with pytest.raises(InvalidInputError):
        store.declare_poll(poll.id)
    with pytest.raises(InvalidInputError):
        store.set_count(poll.id, poll.options[0].id, ZAAL, 1)
    with pytest.raises(InvalidInputError):
        store.add_to_count(poll.id, poll.options[0].id, DIGITAAL, 1)
    with pytest.raises(InvalidInputError):
        store.set_digital_source(poll.id, "x.csv")
    with pytest.raises(InvalidInputError):
        store.delete_poll(poll.id)
    assert stored(store) == before


def test_a_declared_result_is_kept_as_its_facts_and_worded_in_the_language_of_now(
    store: Store, present: int, item: int
) -> None:
    """Declaring keeps what the result came to; the sentence follows the language, so an
    English export of a meeting run in Dutch is English. A vote declared by a BaZ before the
    facts were kept shows the sentence it stored."""
    from baz_tui.i18n import current_language, install_language

    poll = store.create_poll(item, "Verlichting?")
    poll = count(store, poll, ZAAL, 2, 1, 0)
    declared = store.declare_poll(poll.id)
    with Session(store.engine) as session:
        row = session.get(Poll, poll.id)
        assert row is not None and row.result_facts
        assert result_from_facts(row.result_facts, [o.label for o in poll.options]) == poll.result
    before = current_language()
    try:
        install_language("en")
        english = store.get_poll(poll.id)
        assert english.result_text == result_text(english.result)
        assert english.result_text.startswith("needed: more than half")
    finally:
        install_language(before)
    assert store.get_poll(poll.id).result_text == declared.result_text
    # An older BaZ: no facts, only its sentence.
    with Session(store.engine) as session:
        row = session.get(Poll, poll.id)
        assert row is not None
        row.result_facts = ""
        row.result_text = "Zoals vastgesteld op de avond."
        session.add(row)
        session.commit()
    assert store.get_poll(poll.id).result_text == "Zoals vastgesteld op de avond."


def test_declaring_without_a_decision_text(store: Store, item: int) -> None:
    poll = store.create_poll(item, "Verlichting?")
    declared = store.declare_poll(poll.id, decision_text="   ")
    assert declared.decision_id is None and declared.decision_label is None
    assert stored(store)["decisions"] == []


def test_decisions_share_one_numbering(store: Store, present: int, item: int) -> None:
    first = store.create_poll(item, "Verlichting?")
    second = store.create_poll(item, "Hek?")
    assert store.declare_poll(first.id, decision_text="Eerste").decision_label == "B-2026-01"
    assert store.declare_poll(second.id, decision_text="Tweede").decision_label == "B-2026-02"


# ----------------------------------------------------------------- re-votes, deleting


def test_a_revote_repeats_a_declared_poll(
    store: Store, people: dict[str, int], present: int, item: int
) -> None:
    old = store.create_poll(
        item,
        "Welke richting?",
        method=PollMethod.KEUZE,
        options=["Natuur", "Sport"],
        quorum=(1, 4),
        eligible_count=12,
    )
    old = count(store, old, ZAAL, 1, 1)
    with pytest.raises(InvalidInputError):
        store.revote(old.id)  # still open
    old = store.declare_poll(old.id)
    assert old.result.outcome is Outcome.GELIJKE_STAND
    store.set_presence(people["Anna"], Presence.AANWEZIG)
    new = store.revote(old.id)
    assert new.id != old.id and new.previous_poll_id == old.id
    assert new.status is PollStatus.OPEN and new.present_count == 4
    assert [o.label for o in new.options] == ["Natuur", "Sport"]
    assert all(o.total == 0 for o in new.options)
    assert (new.question, new.method, new.quorum, new.eligible_count) == (
        old.question,
        old.method,
        old.quorum,
        old.eligible_count,
    )
    assert store.get_poll(old.id) == old  # the old poll stays as it was
    assert [p.id for p in store.list_polls(item)] == [old.id, new.id]


def test_deleting_an_open_poll(store: Store, present: int, item: int) -> None:
    keep = store.create_poll(item, "Hek?")
    poll = store.create_poll(item, "Verlichting?")
    count(store, poll, ZAAL, 1, 1, 1)
    store.delete_poll(poll.id)
    assert [p.id for p in store.list_polls(item)] == [keep.id]
    rows = stored(store)
    assert {o[1] for o in rows["options"]} == {keep.id}
    assert len(rows["counts"]) == 9
    with pytest.raises(NotFoundError):
        store.delete_poll(poll.id)


# ---------------------------------------------------------------------------- reading


def test_polls_in_agenda_then_opening_order(
    store: Store, meeting: MeetingInfo, clock: Clock
) -> None:
    items = store.list_agenda(meeting.id)
    later_item = store.create_poll(items[7].id, "Derde")
    clock.advance(minutes=1)
    first = store.create_poll(items[6].id, "Eerste")
    clock.advance(minutes=1)
    second = store.create_poll(items[6].id, "Tweede")
    assert [p.id for p in store.list_polls(items[6].id)] == [first.id, second.id]
    assert [p.id for p in store.meeting_polls(meeting.id)] == [first.id, second.id, later_item.id]
    assert store.list_polls(items[5].id) == []
    with pytest.raises(NotFoundError):
        store.meeting_polls(9999)


# --------------------------------------------------------------------- prepared votes (#23)


def test_a_prepared_vote_is_not_counted_and_has_no_result_until_opened(
    store: Store, meeting: MeetingInfo, people: dict[str, int], clock: Clock
) -> None:
    from models.minutes import build_minutes

    decision_item = store.list_agenda(meeting.id)[7].id  # later on the agenda
    poll = store.create_poll(decision_item, "Ontwerp B?", prepared=True)
    assert poll.is_prepared and poll.present_count == 0
    before = stored(store)
    # The room is not counted before it opens, nor is it declared; the refusal says what to do.
    with pytest.raises(InvalidInputError, match="O"):
        store.add_to_count(poll.id, poll.options[0].id, ZAAL, 1)
    with pytest.raises(InvalidInputError):
        store.declare_poll(poll.id)
    with pytest.raises(InvalidInputError):
        store.revote(poll.id)
    assert stored(store) == before
    # Digital votes cast before the evening may come in already.
    poll = store.set_count(poll.id, poll.options[0].id, DIGITAAL, 7)
    assert poll.options[0].digital == 7
    # Not in the minutes while it was never put to the meeting.
    minutes = build_minutes(store, meeting.id, public=False)
    assert not any(p for item in minutes.items for p in item.polls)
    # The chair opens it when the item comes: the voters present are counted then.
    for name in ("Jan", "Fatima", "Piet"):
        store.set_presence(people[name], Presence.AANWEZIG)
    clock.advance(minutes=40)
    opened = store.open_poll(poll.id)
    assert opened.is_open and opened.present_count == 3 and opened.opened_at == clock()
    opened = store.add_to_count(poll.id, poll.options[0].id, ZAAL, 2)
    with pytest.raises(InvalidInputError):
        store.open_poll(poll.id)  # once
    declared = store.declare_poll(poll.id)
    assert declared.is_declared and declared.result_text
    assert any(
        p.declared
        for item in build_minutes(store, meeting.id, public=False).items
        for p in item.polls
    )


def test_a_prepared_vote_can_be_deleted_and_is_not_on_the_beamer(
    store: Store, meeting: MeetingInfo, item: int
) -> None:
    from models.records.following import poll_to_show

    prepared = store.create_poll(item, "Later", prepared=True)
    open_ = store.create_poll(item, "Nu")
    polls = store.list_polls(item)
    assert poll_to_show(polls, None) == 1  # the chair's screen: the open one first
    assert poll_to_show([p for p in polls if not p.is_prepared], prepared.id) == 0
    store.delete_poll(prepared.id)
    assert [p.id for p in store.list_polls(item)] == [open_.id]
