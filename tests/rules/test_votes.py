"""The rules of votes (design §4.2): outcomes, needed numbers, quorum, keuze, stippen, sentences."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from baz_tui.i18n import install_language
from models import i18n as catalogue
from models.domain import Channel, PollMethod, Role, Threshold, VoteBase, may_vote
from models.errors import InvalidInputError
from models.rules.votes import (
    Outcome,
    Reason,
    Rule,
    RuleProfile,
    check_rule,
    combine_channels,
    decision_text,
    evaluate,
    evaluate_choice,
    evaluate_dots,
    needed_votes,
    poll_result,
    profile_of,
    quorum_needed,
    ranking,
    result_facts,
    result_from_facts,
    result_sentence,
    result_text,
    rule_text,
    with_labels,
)

VT = VoteBase.VOOR_TEGEN
VTO = VoteBase.VOOR_TEGEN_ONTHOUDING
ALL = VoteBase.STEMGERECHTIGDEN
PRESENT = VoteBase.AANWEZIGEN
HALF = Threshold.MEER_DAN_HELFT
TWO_THIRDS = Threshold.TWEE_DERDE
THREE_QUARTERS = Threshold.DRIE_KWART
PCT = Threshold.PERCENTAGE
UNANIMOUS = Threshold.UNANIEM


@pytest.fixture
def english() -> Iterator[None]:
    """The source sentences, whatever the catalogue holds."""
    before = catalogue.current_language()
    install_language("en")
    yield
    install_language(before)


# ------------------------------------------------------------------------ worked cases


@pytest.mark.parametrize(
    ("voor", "tegen", "onthouding", "base", "threshold", "percent", "eligible", "outcome"),
    [
        # The worked cases of DESIGN §4.2, in order.
        (3, 2, 0, VT, HALF, None, None, Outcome.AANGENOMEN),
        (2, 2, 0, VT, HALF, None, None, Outcome.STAKEN),
        (10, 5, 5, VTO, HALF, None, None, Outcome.VERWORPEN),
        (10, 5, 5, VT, HALF, None, None, Outcome.AANGENOMEN),
        (6, 3, 0, VT, TWO_THIRDS, None, None, Outcome.AANGENOMEN),
        (5, 4, 0, VT, TWO_THIRDS, None, None, Outcome.VERWORPEN),
        (9, 3, 0, VT, THREE_QUARTERS, None, None, Outcome.AANGENOMEN),
        (28, 0, 0, ALL, PCT, 70, 40, Outcome.AANGENOMEN),
        (27, 0, 0, ALL, PCT, 70, 40, Outcome.VERWORPEN),
        (0, 0, 3, VT, HALF, None, None, Outcome.VERWORPEN),
        # Edge cases.
        (5, 4, 0, VT, HALF, None, None, Outcome.AANGENOMEN),  # 5 of 9
        (5, 0, 0, ALL, HALF, None, 9, Outcome.AANGENOMEN),  # 5 of 9 households
        (4, 0, 0, ALL, HALF, None, 8, Outcome.VERWORPEN),  # exactly half is not more
        (8, 4, 0, VT, TWO_THIRDS, None, None, Outcome.AANGENOMEN),  # 24 ≥ 24: equality passes
        (7, 4, 0, VT, TWO_THIRDS, None, None, Outcome.VERWORPEN),
        (6, 2, 0, VT, THREE_QUARTERS, None, None, Outcome.AANGENOMEN),  # 24 ≥ 24
        (5, 2, 0, VT, THREE_QUARTERS, None, None, Outcome.VERWORPEN),
        (7, 3, 0, VT, PCT, 70, None, Outcome.AANGENOMEN),  # 700 ≥ 700
        (4, 0, 2, VT, UNANIMOUS, None, None, Outcome.AANGENOMEN),  # abstaining is no objection
        (9, 1, 0, VT, UNANIMOUS, None, None, Outcome.VERWORPEN),
        (0, 3, 0, VT, HALF, None, None, Outcome.VERWORPEN),
        (0, 0, 0, VT, HALF, None, None, Outcome.GEEN_STEMMEN),
        (5, 5, 2, VTO, HALF, None, None, Outcome.STAKEN),
        (1, 1, 0, VT, TWO_THIRDS, None, None, Outcome.VERWORPEN),  # a tie is "staken" only at half
    ],
)
def test_outcomes(
    voor: int,
    tegen: int,
    onthouding: int,
    base: VoteBase,
    threshold: Threshold,
    percent: int | None,
    eligible: int | None,
    outcome: Outcome,
) -> None:
    result = evaluate(
        voor,
        tegen,
        onthouding,
        base=base,
        threshold=threshold,
        percent=percent,
        eligible_count=eligible,
    )
    assert result.outcome is outcome
    assert result.passed == (outcome is Outcome.AANGENOMEN)


def test_reasons_say_why() -> None:
    assert evaluate(0, 0, 3).reason is Reason.BASE_ZERO
    assert evaluate(0, 3, 0).reason is Reason.NO_VOTES_FOR
    assert evaluate(0, 0, 0).reason is Reason.NO_VOTES
    assert evaluate(2, 2, 0).reason is Reason.TIE
    assert evaluate(3, 1, 0, threshold=UNANIMOUS).reason is Reason.VOTES_AGAINST
    assert evaluate(3, 2, 0).reason is Reason.THRESHOLD_MET
    assert evaluate(5, 4, 0, threshold=TWO_THIRDS).reason is Reason.THRESHOLD_NOT_MET


def test_a_base_of_zero_never_passes() -> None:
    # Those present as the base, nobody present and nothing digital: nothing to pass with.
    result = evaluate(3, 0, 0, base=PRESENT, present_count=0)
    assert result.base_value == 0 and result.outcome is Outcome.VERWORPEN
    assert result.reason is Reason.BASE_ZERO


@pytest.mark.parametrize(
    ("threshold", "percent", "base", "needed"),
    [
        (HALF, None, 12, 7),
        (HALF, None, 11, 6),
        (HALF, None, 9, 5),
        (HALF, None, 1, 1),
        (HALF, None, 0, 1),
        (TWO_THIRDS, None, 12, 8),
        (TWO_THIRDS, None, 10, 7),
        (TWO_THIRDS, None, 9, 6),
        (THREE_QUARTERS, None, 12, 9),
        (THREE_QUARTERS, None, 10, 8),
        (PCT, 70, 40, 28),
        (PCT, 70, 41, 29),
        (PCT, 100, 7, 7),
        (PCT, 1, 7, 1),
        (UNANIMOUS, None, 12, None),
    ],
)
def test_needed_votes(threshold: Threshold, percent: int | None, base: int, needed: int) -> None:
    assert needed_votes(threshold, percent, base) == needed


def test_seventy_percent_of_forty_households_needs_twenty_eight() -> None:
    result = evaluate(
        12, 3, 1, base=ALL, threshold=PCT, percent=70, eligible_count=40, present_count=16
    )
    assert (result.base_value, result.needed) == (40, 28)
    assert result.outcome is Outcome.VERWORPEN


def test_base_values() -> None:
    assert evaluate(8, 4, 3).base_value == 12
    assert evaluate(8, 4, 3, base=VTO).base_value == 15
    assert evaluate(8, 4, 3, base=ALL, eligible_count=40).base_value == 40
    # Those present at opening, plus those who voted digitally in advance.
    assert evaluate(8, 4, 3, base=PRESENT, present_count=20).base_value == 20
    assert evaluate(8, 4, 3, base=PRESENT, present_count=20, digital_voters=5).base_value == 25


# ----------------------------------------------------------------------------- quorum


@pytest.mark.parametrize(
    ("quorum", "eligible", "needed"),
    [((1, 2), 41, 21), ((1, 2), 40, 20), ((2, 3), 10, 7), ((2, 3), 9, 6), ((1, 1), 7, 7)],
)
def test_quorum_rounds_up(quorum: tuple[int, int], eligible: int, needed: int) -> None:
    assert quorum_needed(quorum, eligible) == needed
    short = evaluate(9, 0, 0, quorum=quorum, eligible_count=eligible, present_count=needed - 1)
    enough = evaluate(9, 0, 0, quorum=quorum, eligible_count=eligible, present_count=needed)
    assert short.outcome is Outcome.GEEN_QUORUM and short.reason is Reason.NO_QUORUM
    assert enough.outcome is Outcome.AANGENOMEN
    assert enough.quorum_needed == needed


def test_without_an_eligible_count_the_quorum_is_taken_of_those_present() -> None:
    # Documented default of the pure rule; the Store refuses a quorum without eligible count.
    assert evaluate(3, 1, 0, quorum=(1, 2), present_count=4).quorum_needed == 2


def test_no_quorum_applies_to_every_method() -> None:
    kwargs = dict(quorum=(1, 2), eligible_count=40, present_count=10)
    assert evaluate_choice([5, 2], **kwargs).outcome is Outcome.GEEN_QUORUM  # type: ignore[arg-type]
    assert evaluate_dots([5, 2], **kwargs).outcome is Outcome.GEEN_QUORUM  # type: ignore[arg-type]


# ------------------------------------------------------------------------ keuze, stippen


def test_choice_winner_tie_and_no_votes() -> None:
    won = evaluate_choice([3, 9, 4], labels=["A", "B", "C"])
    assert won.outcome is Outcome.GEKOZEN and won.winner == 1 and won.tied == ()
    tie = evaluate_choice([7, 3, 7], labels=["A", "B", "C"])
    assert tie.outcome is Outcome.GELIJKE_STAND and tie.winner is None and tie.tied == (0, 2)
    nothing = evaluate_choice([0, 0], labels=["A", "B"])
    assert nothing.outcome is Outcome.GEEN_STEMMEN and nothing.winner is None
    # A tie lower down is no tie at the top.
    assert evaluate_choice([9, 3, 3]).outcome is Outcome.GEKOZEN


def test_ranking_shares_ranks() -> None:
    ranked = ranking([2, 7, 7, 0], ["A", "B", "C", "D"])
    assert [(r.label, r.rank, r.total) for r in ranked] == [
        ("B", 1, 7),
        ("C", 1, 7),
        ("A", 3, 2),
        ("D", 4, 0),
    ]
    dots = evaluate_dots([2, 7, 7], labels=["A", "B", "C"], dots_per_participant=3)
    assert dots.outcome is Outcome.RANGORDE
    assert [r.rank for r in dots.ranking] == [1, 1, 3]
    assert evaluate_dots([0, 0]).outcome is Outcome.GEEN_STEMMEN


# --------------------------------------------------------------------------- channels


def test_channels_are_summed_per_option() -> None:
    counts = {Channel.ZAAL: [5, 1, 0], Channel.DIGITAAL: [3, 2, 1]}
    assert combine_channels(counts, 3) == (8, 3, 1)
    result = poll_result(PollMethod.VOOR_TEGEN, counts, labels=["voor", "tegen", "onthouding"])
    assert (result.voor, result.tegen, result.onthouding) == (8, 3, 1)
    assert result.digital_votes == 6


counts_strategy = st.lists(st.integers(0, 60), min_size=3, max_size=3)


@given(
    room=counts_strategy,
    digital=counts_strategy,
    method=st.sampled_from(list(PollMethod)),
    base=st.sampled_from(list(VoteBase)),
    threshold=st.sampled_from(list(Threshold)),
    present=st.integers(0, 80),
)
def test_results_never_depend_on_channel_order(
    room: list[int],
    digital: list[int],
    method: PollMethod,
    base: VoteBase,
    threshold: Threshold,
    present: int,
) -> None:
    settings = dict(
        labels=["a", "b", "c"],
        base=base,
        threshold=threshold,
        percent=60,
        present_count=present,
        eligible_count=200,
        quorum=(1, 4),
        dots_per_participant=3,
    )
    first = poll_result(method, {Channel.ZAAL: room, Channel.DIGITAAL: digital}, **settings)  # type: ignore[arg-type]
    second = poll_result(method, {Channel.DIGITAAL: digital, Channel.ZAAL: room}, **settings)  # type: ignore[arg-type]
    assert first == second
    assert first.totals == tuple(r + d for r, d in zip(room, digital, strict=True))


# -------------------------------------------------------------------------- properties

thresholds = st.sampled_from([HALF, TWO_THIRDS, THREE_QUARTERS, PCT, UNANIMOUS])


@given(
    voor=st.integers(0, 500),
    tegen=st.integers(0, 500),
    onthouding=st.integers(0, 50),
    threshold=thresholds,
    percent=st.integers(1, 100),
)
def test_one_more_vote_for_never_rejects_an_adopted_proposal(
    voor: int, tegen: int, onthouding: int, threshold: Threshold, percent: int
) -> None:
    before = evaluate(voor, tegen, onthouding, base=VT, threshold=threshold, percent=percent)
    after = evaluate(voor + 1, tegen, onthouding, base=VT, threshold=threshold, percent=percent)
    if before.passed:
        assert after.passed


@given(
    base=st.integers(1, 1000),
    threshold=st.sampled_from([HALF, TWO_THIRDS, THREE_QUARTERS, PCT]),
    percent=st.integers(1, 100),
)
def test_needed_is_the_smallest_number_that_passes(
    base: int, threshold: Threshold, percent: int
) -> None:
    # A fixed base (all eligible voters): exactly "needed" votes for pass, one fewer does not.
    def passes(voor: int) -> bool:
        return evaluate(
            voor, 0, 0, base=ALL, threshold=threshold, percent=percent, eligible_count=base
        ).passed

    needed = needed_votes(threshold, percent, base)
    assert needed is not None and 1 <= needed <= base
    assert passes(needed)
    assert needed == 1 or not passes(needed - 1)


@given(totals=st.lists(st.integers(0, 30), min_size=2, max_size=20))
def test_choice_winner_has_strictly_the_most(totals: list[int]) -> None:
    result = evaluate_choice(totals)
    if result.winner is not None:
        assert all(t < totals[result.winner] for p, t in enumerate(totals) if p != result.winner)
    ranks = {r.position: r.rank for r in result.ranking}
    for p, t in enumerate(totals):
        assert ranks[p] == 1 + sum(1 for other in totals if other > t)


# ----------------------------------------------------------------- profiles and checks


def test_profiles() -> None:
    assert RuleProfile.GEWONE_MEERDERHEID.rule == Rule(VT, HALF)
    assert RuleProfile.TWEE_DERDE.rule == Rule(VT, TWO_THIRDS)
    assert RuleProfile.DRIE_KWART.rule == Rule(VT, THREE_QUARTERS)
    assert RuleProfile.MEERDERHEID_AANWEZIGEN.rule == Rule(PRESENT, HALF)
    assert RuleProfile.ZEVENTIG_PROCENT_HUISHOUDENS.rule == Rule(ALL, PCT, 70)
    assert RuleProfile.UNANIEM.rule == Rule(VT, UNANIMOUS)
    assert RuleProfile.EIGEN.rule is None
    for profile in RuleProfile:
        assert profile.label()
        rule = profile.rule
        if rule is not None:
            assert profile_of(rule.base, rule.threshold, rule.percent) is profile
    assert profile_of(VTO, HALF, None) is RuleProfile.EIGEN
    assert profile_of(ALL, PCT, 60) is RuleProfile.EIGEN
    # A percent left over from an earlier choice does not make a profile "custom".
    assert profile_of(VT, HALF, 55) is RuleProfile.GEWONE_MEERDERHEID


@pytest.mark.parametrize(
    ("base", "threshold", "percent", "eligible", "quorum"),
    [
        (VT, PCT, None, None, None),
        (VT, PCT, 0, None, None),
        (VT, PCT, 101, None, None),
        (ALL, HALF, None, None, None),
        (ALL, HALF, None, 0, None),
        (VT, HALF, None, 40, (0, 2)),
        (VT, HALF, None, 40, (3, 2)),
        (VT, HALF, None, 40, (1, 0)),
        (VT, HALF, None, None, (1, 2)),  # a quorum needs all eligible voters counted
    ],
)
def test_check_rule_refuses(
    base: VoteBase,
    threshold: Threshold,
    percent: int | None,
    eligible: int | None,
    quorum: tuple[int, int] | None,
) -> None:
    with pytest.raises(InvalidInputError):
        check_rule(base, threshold, percent, eligible_count=eligible, quorum=quorum)


def test_check_rule_accepts() -> None:
    check_rule(ALL, PCT, 70, eligible_count=40, quorum=(1, 2))
    check_rule(VT, PCT, 100)
    check_rule(VT, HALF, None, eligible_count=1, quorum=(1, 1))


def test_who_may_vote() -> None:
    voting = {r for r in Role if may_vote(r)}
    assert voting == {Role.BEWONER, Role.VOORZITTER, Role.NOTULIST}


# --------------------------------------------------------------------------- sentences


def test_rule_and_result_text(english: None) -> None:
    result = evaluate(8, 4, 1)
    assert rule_text(result) == "needed: more than half of for+against (7 of 12)"
    assert result_text(result) == "needed: more than half of for+against (7 of 12) — 8 for: adopted"
    two_thirds = evaluate(7, 4, 0, threshold=TWO_THIRDS)
    assert result_text(two_thirds) == (
        "needed: two thirds of for+against (8 of 11) — 7 for: rejected"
    )
    households = evaluate(28, 2, 0, base=ALL, threshold=PCT, percent=70, eligible_count=40)
    assert rule_text(households) == "needed: at least 70% of all eligible voters (28 of 40)"
    unanimous = evaluate(9, 1, 0, threshold=UNANIMOUS)
    assert result_text(unanimous) == (
        "needed: unanimous, no votes against and at least one for — 1 against: rejected"
    )
    present = evaluate(9, 1, 0, base=PRESENT, present_count=14, digital_voters=4)
    assert rule_text(present) == (
        "needed: more than half of the people present and the digital voters (10 of 18)"
    )


def test_plain_sentences_for_ties_no_votes_and_no_quorum(english: None) -> None:
    assert result_text(evaluate(5, 5, 1)) == (
        "Tied vote (5 for, 5 against): the proposal is rejected."
    )
    assert result_text(evaluate(0, 0, 0)) == "No votes cast."
    assert rule_text(evaluate(0, 0, 0)) == "needed: more than half of for+against"
    assert result_text(evaluate(0, 0, 3)) == (
        "No votes for or against, only 3 abstentions: rejected."
    )
    assert result_text(evaluate(0, 0, 1)) == "No votes for or against, only 1 abstention: rejected."
    no_quorum = evaluate(9, 0, 0, quorum=(1, 2), eligible_count=41, present_count=20)
    assert result_text(no_quorum) == "No quorum: 20 present, at least 21 of 41 needed."
    assert rule_text(no_quorum).endswith("; quorum: at least 21 of 41 present")


def test_choice_and_dot_sentences(english: None) -> None:
    won = evaluate_choice([3, 9, 1], labels=["Natuur", "Sport", "Ontmoeten"])
    assert rule_text(won) == "needed: the most votes; a tie at the top gives no winner"
    assert result_text(won) == "Most votes: “Sport” with 9 votes."
    assert decision_text("Welke ontwerprichting?", won) == (
        "On the question “Welke ontwerprichting?” the meeting chooses “Sport”."
    )
    tie = evaluate_choice([4, 4, 1], labels=["Natuur", "Sport", "Ontmoeten"])
    assert result_text(tie) == "Tie at the top: “Natuur”, “Sport” each have 4 votes; no winner."
    assert decision_text("Welke richting?", tie) == (
        "No choice was made on the question “Welke richting?”."
    )
    dots = evaluate_dots([2, 7, 7], labels=["A", "B", "C"], dots_per_participant=3)
    assert rule_text(dots) == "3 dots per participant, ranked by number of dots"
    assert result_text(dots) == "Ranking by dots: 1. “B” (7 dots), 1. “C” (7 dots), 3. “A” (2 dots)"
    assert result_text(evaluate_dots([0, 0], labels=["A", "B"])) == "No dots given."


def test_decision_text_is_a_decision_not_the_question(english: None) -> None:
    """The besluit a vote suggests says what was decided; its numbers come from the vote."""
    # An adopted proposal is the decision itself, as a sentence.
    assert decision_text("verlichting blijft aan tot 22.00 uur", evaluate(8, 3, 1)) == (
        "Verlichting blijft aan tot 22.00 uur."
    )
    # Asked as a question, rejected, tied or without votes: what the meeting did with it.
    assert decision_text("Kiezen we voor ontwerp B?", evaluate(8, 3, 1)) == (
        "The meeting agrees to the proposal “Kiezen we voor ontwerp B?”."
    )
    assert decision_text("Een hek om het plein", evaluate(1, 5, 0)) == (
        "The meeting does not adopt the proposal “Een hek om het plein”."
    )
    assert decision_text("Bankjes", evaluate(4, 4, 0)) == (
        "The meeting does not adopt the proposal “Bankjes”."
    )
    assert decision_text("Bankjes", evaluate(0, 0, 0)) == (
        "No decision was taken on the proposal “Bankjes”."
    )
    dots = evaluate_dots([2, 7, 5], labels=["A", "B", "C"], dots_per_participant=3)
    assert decision_text("Wat eerst?", dots) == (
        "The order of preference on “Wat eerst?” is: “B”, “C”, “A”."
    )
    for text in (decision_text("Verlichting?", r) for r in (evaluate(8, 3, 1), dots)):
        assert not text.startswith(("Decision", "Besluit")) and text.endswith(".")


def test_the_result_sentence_of_the_minutes(english: None) -> None:
    """The result in one sentence: numbers, and the rule with the number that was needed."""
    two_thirds = evaluate(12, 4, 2, threshold=TWO_THIRDS)
    assert result_sentence(two_thirds) == (
        "Adopted with 12 votes for, 4 against and 2 abstentions "
        "(two thirds of for+against was needed: 11)."
    )
    assert result_sentence(evaluate(5, 4, 0, threshold=TWO_THIRDS)) == (
        "Rejected with 5 votes for, 4 against and 0 abstentions "
        "(two thirds of for+against was needed: 6)."
    )
    assert result_sentence(evaluate(1, 0, 1)) == (
        "Adopted with 1 vote for, 0 against and 1 abstention "
        "(more than half of for+against was needed: 1)."
    )
    assert result_sentence(evaluate(4, 4, 1)) == (
        "Rejected, the votes being tied: 4 votes for, 4 against and 1 abstention "
        "(more than half of for+against was needed: 5)."
    )
    households = evaluate(28, 5, 0, base=ALL, threshold=PCT, percent=70, eligible_count=40)
    assert result_sentence(households) == (
        "Adopted with 28 votes for, 5 against and 0 abstentions "
        "(at least 70% of all eligible voters was needed: 28)."
    )
    assert result_sentence(evaluate(8, 1, 0, threshold=UNANIMOUS)) == (
        "Rejected with 8 votes for, 1 against and 0 abstentions "
        "(unanimity was needed: no votes against and at least one for)."
    )
    assert result_sentence(evaluate(0, 0, 3)) == (
        "Rejected: no votes for or against, only 3 abstentions."
    )
    assert result_sentence(evaluate(0, 0, 0)) == "No votes cast."
    no_quorum = evaluate(9, 0, 0, quorum=(1, 2), eligible_count=41, present_count=20)
    assert result_sentence(no_quorum) == "No quorum: 20 present, at least 21 of 41 needed."


def test_a_choice_says_plurality_or_majority(english: None) -> None:
    labels = ["Natuur", "Sport", "Ontmoeten"]
    plurality = evaluate_choice([35, 24, 18], labels=labels)
    assert result_sentence(plurality) == (
        "“Natuur” is chosen with the most votes: 35 of 77, not a majority."
    )
    assert result_sentence(plurality, with_option=False) == (
        "Chosen with the most votes: 35 of 77, not a majority."
    )
    majority = evaluate_choice([40, 24, 13], labels=labels)
    assert result_sentence(majority) == "“Natuur” is chosen with a majority: 40 of 77 votes."
    assert result_sentence(majority, with_option=False) == (
        "Chosen with a majority: 40 of 77 votes."
    )
    # Exactly half is no majority.
    assert "not a majority" in result_sentence(evaluate_choice([10, 6, 4], labels=labels))
    assert result_sentence(evaluate_choice([10, 10, 4], labels=labels)) == (
        "Tie at the top: “Natuur”, “Sport” each have 10 of 24 votes; no choice was made."
    )


def test_the_facts_of_a_result_give_back_the_same_result() -> None:
    labels = ["Natuurlijk spelen", "Sport en bewegen", "Ontmoeten"]
    results = [
        evaluate(12, 4, 2, threshold=TWO_THIRDS),
        evaluate(9, 0, 0, quorum=(1, 2), eligible_count=41, present_count=20),
        evaluate(28, 5, 0, base=ALL, threshold=PCT, percent=70, eligible_count=40),
        evaluate(3, 1, 0, base=PRESENT, present_count=5, digital_voters=2),
        evaluate_choice([35, 24, 18], labels=labels, digital_votes=70),
        evaluate_dots([2, 7, 7], labels=labels, dots_per_participant=3),
    ]
    for result in results:
        facts = result_facts(result)
        # No label in the facts: the options keep them (and the public version names them).
        assert not any(text in facts for text in labels)
        assert result_from_facts(facts, result.labels) == result
    renamed = result_from_facts(result_facts(results[4]), ["X", "Y", "Z"])
    assert renamed is not None and renamed.ranking[0].label == "X"
    assert with_labels(results[4], ["X", "Y", "Z"]) == renamed
    for broken in ("", "{", '{"version": 99}', '{"version": 1, "totals": [-1]}', "[]", "null"):
        assert result_from_facts(broken, ["A"]) is None


def test_dutch_sentences() -> None:
    # conftest installs Dutch: these are the sentences the room and the minutes read.
    result = evaluate(8, 4, 1)
    assert result_text(result) == (
        "nodig: meer dan de helft van voor+tegen (7 van 12) — 8 voor: aangenomen"
    )
    assert decision_text("de verlichting blijft aan tot 22.00 uur", evaluate(8, 3, 1)) == (
        "De verlichting blijft aan tot 22.00 uur."
    )
    assert result_sentence(evaluate(12, 4, 2, threshold=TWO_THIRDS)) == (
        "Aangenomen met 12 stemmen voor, 4 tegen en 2 onthoudingen "
        "(twee derde van voor+tegen was nodig: 11)."
    )
    assert result_sentence(evaluate_choice([35, 24, 18], labels=["A", "B", "C"])) == (
        "“A” is gekozen met de meeste stemmen: 35 van 77, geen volstrekte meerderheid."
    )
