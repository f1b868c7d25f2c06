"""The rules of votes (design §4.2): pure functions, no database, no screen.

Every decision is made in whole numbers: "two thirds" passes iff ``3·voor ≥ 2·base``, never by
comparing a float. The Store freezes what a poll needs (its rule, the present eligible count,
the counts per channel) and asks :func:`poll_result` what that means; the sentences for the
screen and the beamer come from :func:`rule_text` and :func:`result_text`, those of the
minutes from :func:`result_sentence` and :func:`decision_text`, so every place says the same
thing. A declared result is kept as its facts (:func:`result_facts`), not as a sentence, so
the minutes word it in the language they are written in.

Who may vote: everyone present except the professional roles (gemeente, corporatie, wijkagent,
deskundige) and guests (:func:`models.domain.may_vote`). The chair and the note-taker are often residents
themselves, so they count.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from models.domain import Channel, PollMethod, Threshold, VoteBase, label
from models.errors import InvalidInputError
from models.i18n import N_, _, ngettext

#: Keuze: a choice between this many options at least and at most.
MIN_OPTIONS = 2
MAX_OPTIONS = 20

#: Positions of the three options of a for/against/abstain vote; the rules use these, never the
#: (translated) labels.
VOOR, TEGEN, ONTHOUDING = 0, 1, 2
#: Labels of those three options, translated when the poll is created.
VOTE_LABELS = (N_("for"), N_("against"), N_("abstain"))

#: Roles that take part in the meeting without a vote.


# ------------------------------------------------------------------------------ rules


@dataclass(frozen=True, slots=True)
class Rule:
    """A threshold on a base; ``percent`` only for the threshold "percentage"."""

    base: VoteBase
    threshold: Threshold
    percent: int | None = None


class RuleProfile(StrEnum):
    """The rules a chair picks from; "eigen" is any other combination."""

    GEWONE_MEERDERHEID = "gewone_meerderheid"
    TWEE_DERDE = "twee_derde"
    DRIE_KWART = "drie_kwart"
    MEERDERHEID_AANWEZIGEN = "meerderheid_aanwezigen"
    ZEVENTIG_PROCENT_HUISHOUDENS = "zeventig_procent_huishoudens"
    UNANIEM = "unaniem"
    EIGEN = "eigen"

    @property
    def rule(self) -> Rule | None:
        """The rule of this profile; None for a custom rule."""
        return _PROFILE_RULES.get(self)

    def label(self) -> str:
        """The translated name of the profile."""
        return _(_PROFILE_LABELS[self])


_PROFILE_RULES: dict[RuleProfile, Rule] = {
    RuleProfile.GEWONE_MEERDERHEID: Rule(VoteBase.VOOR_TEGEN, Threshold.MEER_DAN_HELFT),
    RuleProfile.TWEE_DERDE: Rule(VoteBase.VOOR_TEGEN, Threshold.TWEE_DERDE),
    RuleProfile.DRIE_KWART: Rule(VoteBase.VOOR_TEGEN, Threshold.DRIE_KWART),
    RuleProfile.MEERDERHEID_AANWEZIGEN: Rule(VoteBase.AANWEZIGEN, Threshold.MEER_DAN_HELFT),
    RuleProfile.ZEVENTIG_PROCENT_HUISHOUDENS: Rule(
        VoteBase.STEMGERECHTIGDEN, Threshold.PERCENTAGE, 70
    ),
    RuleProfile.UNANIEM: Rule(VoteBase.VOOR_TEGEN, Threshold.UNANIEM),
}

_PROFILE_LABELS: dict[RuleProfile, str] = {
    RuleProfile.GEWONE_MEERDERHEID: N_("simple majority"),
    RuleProfile.TWEE_DERDE: N_("two-thirds majority"),
    RuleProfile.DRIE_KWART: N_("three-quarters majority"),
    RuleProfile.MEERDERHEID_AANWEZIGEN: N_("majority of those present"),
    RuleProfile.ZEVENTIG_PROCENT_HUISHOUDENS: N_("70% of all households"),
    RuleProfile.UNANIEM: N_("unanimous"),
    RuleProfile.EIGEN: N_("custom rule"),
}


def profile_of(base: VoteBase, threshold: Threshold, percent: int | None) -> RuleProfile:
    """The profile whose rule this is; :attr:`RuleProfile.EIGEN` when none matches."""
    rule = Rule(
        VoteBase(base),
        Threshold(threshold),
        percent if Threshold(threshold) == Threshold.PERCENTAGE else None,
    )
    return next((p for p, r in _PROFILE_RULES.items() if r == rule), RuleProfile.EIGEN)


def check_rule(
    base: VoteBase,
    threshold: Threshold,
    percent: int | None,
    *,
    eligible_count: int | None = None,
    quorum: tuple[int, int] | None = None,
) -> None:
    """Refuse a rule that cannot be applied, with a message for the person setting it up."""
    if Threshold(threshold) == Threshold.PERCENTAGE:
        if percent is None or isinstance(percent, bool) or not 1 <= percent <= 100:
            raise InvalidInputError(_("The percentage must be a whole number from 1 to 100."))
    if VoteBase(base) == VoteBase.STEMGERECHTIGDEN and (
        eligible_count is None or eligible_count < 1
    ):
        raise InvalidInputError(
            _("This rule counts all eligible voters: enter how many there are (at least 1).")
        )
    if quorum is not None:
        numerator, denominator = quorum
        if not (denominator >= 1 and 1 <= numerator <= denominator):
            raise InvalidInputError(
                _("A quorum is a fraction above 0 and at most 1, such as 1/2 or 2/3.")
            )
        # Without the number of all eligible voters a quorum would compare those present with
        # themselves and always be met: refused rather than silently meaningless.
        if eligible_count is None or eligible_count < 1:
            raise InvalidInputError(
                _("A quorum needs the number of all eligible voters (for example all households).")
            )


# ----------------------------------------------------------------------------- results


class Outcome(StrEnum):
    AANGENOMEN = "aangenomen"
    VERWORPEN = "verworpen"
    #: A tie under "more than half": rejected.
    STAKEN = "staken_der_stemmen"
    GEEN_QUORUM = "geen_quorum"
    GEEN_STEMMEN = "geen_stemmen"
    #: Keuze: one option has the most votes.
    GEKOZEN = "gekozen"
    #: Keuze: two or more options share the most votes; no winner.
    GELIJKE_STAND = "gelijke_stand"
    #: Stippen: the options in order of dots.
    RANGORDE = "rangorde"

    def label(self) -> str:
        return _(_OUTCOME_LABELS[self])


_OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.AANGENOMEN: N_("adopted"),
    Outcome.VERWORPEN: N_("rejected"),
    Outcome.STAKEN: N_("tied vote"),
    Outcome.GEEN_QUORUM: N_("no quorum"),
    Outcome.GEEN_STEMMEN: N_("no votes"),
    Outcome.GEKOZEN: N_("chosen"),
    Outcome.GELIJKE_STAND: N_("tie at the top"),
    Outcome.RANGORDE: N_("ranking"),
}


class Reason(StrEnum):
    """Why the outcome is what it is (for the screen to mark, and for tests)."""

    THRESHOLD_MET = "drempel_gehaald"
    THRESHOLD_NOT_MET = "drempel_niet_gehaald"
    TIE = "staken"
    NO_QUORUM = "geen_quorum"
    NO_VOTES = "geen_stemmen"
    #: Votes were cast, but nothing counts towards the base (e.g. only abstentions).
    BASE_ZERO = "grondslag_nul"
    NO_VOTES_FOR = "geen_stemmen_voor"
    #: Unanimous, but somebody voted against.
    VOTES_AGAINST = "stemmen_tegen"
    MOST_VOTES = "meeste_stemmen"
    TIE_AT_TOP = "gelijke_stand"
    RANKED = "gerangschikt"


@dataclass(frozen=True, slots=True)
class RankedOption:
    """An option in the order of a keuze or stippen: equal totals share a rank (1, 1, 3)."""

    position: int
    rank: int
    total: int
    label: str


@dataclass(frozen=True, slots=True)
class PollResult:
    """What a poll's counts mean under its rule, with everything the sentences need."""

    method: PollMethod
    outcome: Outcome
    reason: Reason
    #: Counts per option position, both channels summed (for/against/abstain: 0, 1, 2).
    totals: tuple[int, ...]
    labels: tuple[str, ...] = ()
    base: VoteBase = VoteBase.VOOR_TEGEN
    threshold: Threshold = Threshold.MEER_DAN_HELFT
    percent: int | None = None
    #: The number the threshold is taken of (e.g. 12 votes for+against); for/against only.
    base_value: int | None = None
    #: The smallest number of votes for that passes at this base ("7 of 12"); None for
    #: unanimous (no number of votes for is enough by itself) and for keuze and stippen.
    needed: int | None = None
    present_count: int = 0
    #: Votes (or dots) that came in digitally in advance.
    digital_votes: int = 0
    eligible_count: int | None = None
    quorum: tuple[int, int] | None = None
    #: How many must be present for the quorum; None without a quorum.
    quorum_needed: int | None = None
    dots_per_participant: int | None = None
    #: Keuze and stippen: the options best first.
    ranking: tuple[RankedOption, ...] = ()

    @property
    def passed(self) -> bool:
        return self.outcome == Outcome.AANGENOMEN

    @property
    def voor(self) -> int:
        return self._count(VOOR)

    @property
    def tegen(self) -> int:
        return self._count(TEGEN)

    @property
    def onthouding(self) -> int:
        return self._count(ONTHOUDING)

    @property
    def total(self) -> int:
        return sum(self.totals)

    @property
    def winner(self) -> int | None:
        """Keuze: the position of the option with the most votes; None on a tie or no votes."""
        if self.outcome != Outcome.GEKOZEN:
            return None
        return self.ranking[0].position

    @property
    def tied(self) -> tuple[int, ...]:
        """Keuze: the positions sharing the most votes on a tie at the top."""
        if self.outcome != Outcome.GELIJKE_STAND:
            return ()
        return tuple(r.position for r in self.ranking if r.rank == 1)

    def _count(self, position: int) -> int:
        if self.method != PollMethod.VOOR_TEGEN:
            return 0
        return self.totals[position]


def combine_channels(counts: Mapping[Channel, Sequence[int]], options: int) -> tuple[int, ...]:
    """Counts per option over all channels; the order of the channels does not matter."""
    totals = [0] * options
    for per_option in counts.values():
        if len(per_option) != options:
            raise ValueError("every channel needs a count for every option")
        for position, count in enumerate(per_option):
            totals[position] += count
    return tuple(totals)


def quorum_needed(quorum: tuple[int, int], eligible: int) -> int:
    """Present voters needed: ``ceil(numerator · eligible / denominator)`` in whole numbers."""
    numerator, denominator = quorum
    return -(-numerator * eligible // denominator)


def base_value(
    base: VoteBase,
    voor: int,
    tegen: int,
    onthouding: int,
    *,
    present_count: int = 0,
    eligible_count: int | None = None,
    digital_voters: int = 0,
) -> int:
    """The number the threshold is taken of.

    "aanwezigen" is those present when the vote opened plus those who voted digitally in
    advance: they take part too, and leaving them out would let digital votes for outweigh a
    base they are not in.
    """
    base = VoteBase(base)
    if base == VoteBase.VOOR_TEGEN:
        return voor + tegen
    if base == VoteBase.VOOR_TEGEN_ONTHOUDING:
        return voor + tegen + onthouding
    if base == VoteBase.AANWEZIGEN:
        return present_count + digital_voters
    return eligible_count or 0


def threshold_met(threshold: Threshold, percent: int | None, voor: int, base: int) -> bool:
    """Whether ``voor`` reaches the threshold of ``base`` (not unanimous: see :func:`evaluate`)."""
    threshold = Threshold(threshold)
    if threshold == Threshold.MEER_DAN_HELFT:
        return 2 * voor > base
    if threshold == Threshold.TWEE_DERDE:
        return 3 * voor >= 2 * base
    if threshold == Threshold.DRIE_KWART:
        return 4 * voor >= 3 * base
    if threshold == Threshold.PERCENTAGE:
        if percent is None:
            raise ValueError("the percentage threshold needs a percent")
        return 100 * voor >= percent * base
    raise ValueError(f"no number of votes alone decides {threshold}")


def needed_votes(threshold: Threshold, percent: int | None, base: int) -> int | None:
    """The smallest number of votes for that passes at ``base`` (at least 1); None if unanimous."""
    threshold = Threshold(threshold)
    if threshold == Threshold.UNANIEM:
        return None
    if threshold == Threshold.MEER_DAN_HELFT:
        least = base // 2 + 1
    elif threshold == Threshold.TWEE_DERDE:
        least = -(-2 * base // 3)
    elif threshold == Threshold.DRIE_KWART:
        least = -(-3 * base // 4)
    else:
        if percent is None:
            raise ValueError("the percentage threshold needs a percent")
        least = -(-percent * base // 100)
    return max(1, least)


def _quorum_check(
    quorum: tuple[int, int] | None, present_count: int, eligible_count: int | None
) -> int | None:
    """Present voters needed for the quorum (None without one); eligible defaults to present.

    The default only matters for direct callers: the Store refuses a quorum without an
    eligible count, since it would then always be met.
    """
    if quorum is None:
        return None
    eligible = eligible_count if eligible_count is not None else present_count
    return quorum_needed(quorum, eligible)


def evaluate(
    voor: int,
    tegen: int,
    onthouding: int,
    *,
    base: VoteBase = VoteBase.VOOR_TEGEN,
    threshold: Threshold = Threshold.MEER_DAN_HELFT,
    percent: int | None = None,
    present_count: int = 0,
    eligible_count: int | None = None,
    quorum: tuple[int, int] | None = None,
    digital_voters: int = 0,
    labels: Sequence[str] = (),
) -> PollResult:
    """The outcome of a for/against/abstain vote with these totals under this rule.

    In order: no quorum; no votes at all; a base of 0 (e.g. only abstentions on for+against);
    no votes for; unanimous with votes against; a tie under "more than half" (staken der
    stemmen); otherwise the threshold decides.
    """
    base = VoteBase(base)
    threshold = Threshold(threshold)
    if min(voor, tegen, onthouding) < 0:
        raise ValueError("counts are never negative")
    value = base_value(
        base,
        voor,
        tegen,
        onthouding,
        present_count=present_count,
        eligible_count=eligible_count,
        digital_voters=digital_voters,
    )
    q_needed = _quorum_check(quorum, present_count, eligible_count)
    if q_needed is not None and present_count < q_needed:
        outcome, reason = Outcome.GEEN_QUORUM, Reason.NO_QUORUM
    elif voor + tegen + onthouding == 0:
        outcome, reason = Outcome.GEEN_STEMMEN, Reason.NO_VOTES
    elif value <= 0:
        outcome, reason = Outcome.VERWORPEN, Reason.BASE_ZERO
    elif voor == 0:
        outcome, reason = Outcome.VERWORPEN, Reason.NO_VOTES_FOR
    elif threshold == Threshold.UNANIEM:
        if tegen == 0:
            outcome, reason = Outcome.AANGENOMEN, Reason.THRESHOLD_MET
        else:
            outcome, reason = Outcome.VERWORPEN, Reason.VOTES_AGAINST
    elif threshold == Threshold.MEER_DAN_HELFT and voor == tegen:
        outcome, reason = Outcome.STAKEN, Reason.TIE
    elif threshold_met(threshold, percent, voor, value):
        outcome, reason = Outcome.AANGENOMEN, Reason.THRESHOLD_MET
    else:
        outcome, reason = Outcome.VERWORPEN, Reason.THRESHOLD_NOT_MET
    return PollResult(
        method=PollMethod.VOOR_TEGEN,
        outcome=outcome,
        reason=reason,
        totals=(voor, tegen, onthouding),
        labels=tuple(labels) or tuple(_(text) for text in VOTE_LABELS),
        base=base,
        threshold=threshold,
        percent=percent if threshold == Threshold.PERCENTAGE else None,
        base_value=value,
        needed=needed_votes(threshold, percent, value),
        present_count=present_count,
        digital_votes=digital_voters,
        eligible_count=eligible_count,
        quorum=quorum,
        quorum_needed=q_needed,
    )


def ranking(totals: Sequence[int], labels: Sequence[str] = ()) -> tuple[RankedOption, ...]:
    """Options best first; equal totals share a rank and keep their own order (1, 1, 3)."""
    names = list(labels) + [""] * (len(totals) - len(labels))
    order = sorted(range(len(totals)), key=lambda p: (-totals[p], p))
    return tuple(
        RankedOption(p, 1 + sum(1 for t in totals if t > totals[p]), totals[p], names[p])
        for p in order
    )


def evaluate_choice(
    totals: Sequence[int],
    *,
    labels: Sequence[str] = (),
    present_count: int = 0,
    eligible_count: int | None = None,
    quorum: tuple[int, int] | None = None,
    digital_votes: int = 0,
) -> PollResult:
    """Keuze: the option with the most votes wins; a tie at the top is "gelijke stand"."""
    ranked = ranking(totals, labels)
    q_needed = _quorum_check(quorum, present_count, eligible_count)
    top = ranked[0].total if ranked else 0
    if q_needed is not None and present_count < q_needed:
        outcome, reason = Outcome.GEEN_QUORUM, Reason.NO_QUORUM
    elif top == 0:
        outcome, reason = Outcome.GEEN_STEMMEN, Reason.NO_VOTES
    elif sum(1 for r in ranked if r.rank == 1) > 1:
        outcome, reason = Outcome.GELIJKE_STAND, Reason.TIE_AT_TOP
    else:
        outcome, reason = Outcome.GEKOZEN, Reason.MOST_VOTES
    return PollResult(
        method=PollMethod.KEUZE,
        outcome=outcome,
        reason=reason,
        totals=tuple(totals),
        labels=tuple(labels),
        present_count=present_count,
        digital_votes=digital_votes,
        eligible_count=eligible_count,
        quorum=quorum,
        quorum_needed=q_needed,
        ranking=ranked,
    )


def evaluate_dots(
    totals: Sequence[int],
    *,
    labels: Sequence[str] = (),
    dots_per_participant: int | None = None,
    present_count: int = 0,
    eligible_count: int | None = None,
    quorum: tuple[int, int] | None = None,
    digital_votes: int = 0,
) -> PollResult:
    """Stippen: the options ranked by dots; equal dots share a rank."""
    ranked = ranking(totals, labels)
    q_needed = _quorum_check(quorum, present_count, eligible_count)
    if q_needed is not None and present_count < q_needed:
        outcome, reason = Outcome.GEEN_QUORUM, Reason.NO_QUORUM
    elif sum(totals) == 0:
        outcome, reason = Outcome.GEEN_STEMMEN, Reason.NO_VOTES
    else:
        outcome, reason = Outcome.RANGORDE, Reason.RANKED
    return PollResult(
        method=PollMethod.STIPPEN,
        outcome=outcome,
        reason=reason,
        totals=tuple(totals),
        labels=tuple(labels),
        present_count=present_count,
        digital_votes=digital_votes,
        eligible_count=eligible_count,
        quorum=quorum,
        quorum_needed=q_needed,
        dots_per_participant=dots_per_participant,
        ranking=ranked,
    )


def poll_result(
    method: PollMethod,
    counts: Mapping[Channel, Sequence[int]],
    *,
    labels: Sequence[str],
    base: VoteBase = VoteBase.VOOR_TEGEN,
    threshold: Threshold = Threshold.MEER_DAN_HELFT,
    percent: int | None = None,
    present_count: int = 0,
    eligible_count: int | None = None,
    quorum: tuple[int, int] | None = None,
    dots_per_participant: int | None = None,
) -> PollResult:
    """The result of a poll from its counts per channel (summed; the order does not matter)."""
    method = PollMethod(method)
    totals = combine_channels(counts, len(labels))
    digital = sum(counts.get(Channel.DIGITAAL, ()))
    if method == PollMethod.VOOR_TEGEN:
        if len(totals) != 3:
            raise ValueError("a for/against/abstain vote has three options")
        return evaluate(
            *totals,
            base=base,
            threshold=threshold,
            percent=percent,
            present_count=present_count,
            eligible_count=eligible_count,
            quorum=quorum,
            digital_voters=digital,
            labels=labels,
        )
    if method == PollMethod.KEUZE:
        return evaluate_choice(
            totals,
            labels=labels,
            present_count=present_count,
            eligible_count=eligible_count,
            quorum=quorum,
            digital_votes=digital,
        )
    return evaluate_dots(
        totals,
        labels=labels,
        dots_per_participant=dots_per_participant,
        present_count=present_count,
        eligible_count=eligible_count,
        quorum=quorum,
        digital_votes=digital,
    )


# ---------------------------------------------------------------------------- sentences


def _base_words(result: PollResult) -> str:
    if result.base == VoteBase.AANWEZIGEN:
        if result.digital_votes > 0:
            return _("the people present and the digital voters")
        return _("the people present")
    return label(result.base)


def _quorum_words(result: PollResult) -> str:
    if result.quorum_needed is None:
        return ""
    return _("; quorum: at least {needed} of {eligible} present").format(
        needed=result.quorum_needed,
        eligible=result.eligible_count
        if result.eligible_count is not None
        else result.present_count,
    )


def rule_text(result: PollResult) -> str:
    """The rule in words with its numbers: "needed: more than half of for+against (7 of 12)"."""
    if result.method == PollMethod.KEUZE:
        text = _("needed: the most votes; a tie at the top gives no winner")
    elif result.method == PollMethod.STIPPEN:
        n = result.dots_per_participant or 0
        text = ngettext(
            "{n} dot per participant, ranked by number of dots",
            "{n} dots per participant, ranked by number of dots",
            n,
        ).format(n=n)
    elif result.threshold == Threshold.UNANIEM:
        text = _("needed: unanimous, no votes against and at least one for")
    elif not result.base_value:
        # Nothing to take a share of yet (no votes cast): "1 of 0" would only confuse.
        if result.threshold == Threshold.PERCENTAGE:
            text = _("needed: at least {percent}% of {base_name}").format(
                percent=result.percent, base_name=_base_words(result)
            )
        else:
            text = _("needed: {threshold} of {base_name}").format(
                threshold=label(result.threshold), base_name=_base_words(result)
            )
    elif result.threshold == Threshold.PERCENTAGE:
        text = _("needed: at least {percent}% of {base_name} ({needed} of {base})").format(
            percent=result.percent,
            base_name=_base_words(result),
            needed=result.needed,
            base=result.base_value,
        )
    else:
        text = _("needed: {threshold} of {base_name} ({needed} of {base})").format(
            threshold=label(result.threshold),
            base_name=_base_words(result),
            needed=result.needed,
            base=result.base_value,
        )
    return text + _quorum_words(result)


def _no_quorum_text(result: PollResult) -> str:
    return _("No quorum: {present} present, at least {needed} of {eligible} needed.").format(
        present=result.present_count,
        needed=result.quorum_needed,
        eligible=result.eligible_count
        if result.eligible_count is not None
        else result.present_count,
    )


def _ranking_words(result: PollResult, *, dots: bool) -> str:
    parts = []
    for r in result.ranking:
        if dots:
            count = ngettext("{n} dot", "{n} dots", r.total).format(n=r.total)
        else:
            count = ngettext("{n} vote", "{n} votes", r.total).format(n=r.total)
        parts.append(
            _("{rank}. “{option}” ({count})").format(rank=r.rank, option=r.label, count=count)
        )
    return ", ".join(parts)


def _names(result: PollResult, positions: Sequence[int]) -> str:
    return ", ".join(f"“{result.labels[p]}”" for p in positions)


def result_text(result: PollResult) -> str:
    """The result as one plain sentence: "nodig: ... (7 van 12) — 8 voor: aangenomen"."""
    if result.outcome == Outcome.GEEN_QUORUM:
        return _no_quorum_text(result)
    if result.method == PollMethod.STIPPEN:
        if result.outcome == Outcome.GEEN_STEMMEN:
            return _("No dots given.")
        return _("Ranking by dots: {ranking}").format(ranking=_ranking_words(result, dots=True))
    if result.outcome == Outcome.GEEN_STEMMEN:
        return _("No votes cast.")
    if result.method == PollMethod.KEUZE:
        top = result.ranking[0].total
        if result.outcome == Outcome.GELIJKE_STAND:
            return ngettext(
                "Tie at the top: {options} each have {n} vote; no winner.",
                "Tie at the top: {options} each have {n} votes; no winner.",
                top,
            ).format(options=_names(result, result.tied), n=top)
        return ngettext(
            "Most votes: “{option}” with {n} vote.",
            "Most votes: “{option}” with {n} votes.",
            top,
        ).format(option=result.ranking[0].label, n=top)
    if result.outcome == Outcome.STAKEN:
        return _("Tied vote ({voor} for, {tegen} against): the proposal is rejected.").format(
            voor=result.voor, tegen=result.tegen
        )
    if result.reason == Reason.BASE_ZERO:
        if result.base == VoteBase.VOOR_TEGEN:
            return ngettext(
                "No votes for or against, only {n} abstention: rejected.",
                "No votes for or against, only {n} abstentions: rejected.",
                result.onthouding,
            ).format(n=result.onthouding)
        return _("{rule} — nobody counts towards the base: rejected").format(rule=rule_text(result))
    if result.reason == Reason.VOTES_AGAINST:
        return _("{rule} — {n} against: {outcome}").format(
            rule=rule_text(result), n=result.tegen, outcome=result.outcome.label()
        )
    return _("{rule} — {n} for: {outcome}").format(
        rule=rule_text(result), n=result.voor, outcome=result.outcome.label()
    )


def _subject(question: str) -> str:
    """The question or proposal as typed, on one line, without a closing full stop or colon."""
    return " ".join(question.split()).rstrip(".:;, ")


def _sentence(text: str) -> str:
    """``text`` as a sentence: its first letter a capital, a full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "”", '"')) else text + "."


def decision_text(question: str, result: PollResult) -> str:
    """The besluit a declared vote suggests, written as a decision (not as the question).

    An adopted proposal is the decision itself ("De verlichting blijft aan tot 22.00 uur.");
    a proposal asked as a question, a rejected one and a choice say what the meeting did. The
    result in numbers is not part of it: the minutes add it from the vote
    (:func:`result_sentence`), in the language they are written in.
    """
    subject = _subject(question)
    asked = subject.endswith("?")
    if result.outcome in (Outcome.GEEN_QUORUM, Outcome.GEEN_STEMMEN, Outcome.GELIJKE_STAND):
        if result.method == PollMethod.KEUZE:
            return _("No choice was made on the question “{question}”.").format(question=subject)
        return _("No decision was taken on the proposal “{question}”.").format(question=subject)
    if result.method == PollMethod.KEUZE:
        return _("On the question “{question}” the meeting chooses “{option}”.").format(
            question=subject, option=result.ranking[0].label
        )
    if result.method == PollMethod.STIPPEN:
        order = ", ".join(f"“{r.label}”" for r in result.ranking)
        return _("The order of preference on “{question}” is: {order}.").format(
            question=subject, order=order
        )
    if result.passed:
        if asked:
            return _("The meeting agrees to the proposal “{question}”.").format(question=subject)
        return _sentence(subject)
    return _("The meeting does not adopt the proposal “{question}”.").format(question=subject)


# ----------------------------------------------------------------- the result in the minutes


def _counts_words(result: PollResult) -> str:
    """ "12 stemmen voor, 4 tegen en 2 onthoudingen"."""
    return _("{for_}, {against} and {abstain}").format(
        for_=ngettext("{n} vote for", "{n} votes for", result.voor).format(n=result.voor),
        against=ngettext("{n} against", "{n} against", result.tegen).format(n=result.tegen),
        abstain=ngettext("{n} abstention", "{n} abstentions", result.onthouding).format(
            n=result.onthouding
        ),
    )


def _needed_words(result: PollResult) -> str:
    """What the rule asked, with its number: "twee derde van voor+tegen was nodig: 11"."""
    if result.threshold == Threshold.UNANIEM:
        return _("unanimity was needed: no votes against and at least one for")
    if result.threshold == Threshold.PERCENTAGE:
        rule = _("at least {percent}% of {base_name}").format(
            percent=result.percent, base_name=_base_words(result)
        )
    else:
        rule = _("{threshold} of {base_name}").format(
            threshold=label(result.threshold), base_name=_base_words(result)
        )
    if result.needed is None or not result.base_value:
        return _("{rule} was needed").format(rule=rule)
    return _("{rule} was needed: {needed}").format(rule=rule, needed=result.needed)


def result_sentence(result: PollResult, *, with_option: bool = True) -> str:
    """The declared result as the minutes write it: one sentence with the numbers and the rule.

    "Aangenomen met 12 stemmen voor, 4 tegen en 2 onthoudingen (twee derde van voor+tegen was
    nodig: 11)."; a choice says whether the winner has a majority or only the most votes
    ("meeste stemmen: 35 van 77"). ``with_option=False`` leaves the chosen option out (after a
    decision that names it). Made from the facts of the result, so it is in the language of
    the minutes whatever the language was when the vote was declared.
    """
    if result.outcome == Outcome.GEEN_QUORUM:
        return _no_quorum_text(result)
    if result.method == PollMethod.STIPPEN:
        if result.outcome == Outcome.GEEN_STEMMEN:
            return _("No dots given.")
        return _("Ranking by dots: {ranking}.").format(ranking=_ranking_words(result, dots=True))
    if result.outcome == Outcome.GEEN_STEMMEN:
        return _("No votes cast.")
    if result.method == PollMethod.KEUZE:
        total = result.total
        top = result.ranking[0].total
        if result.outcome == Outcome.GELIJKE_STAND:
            return ngettext(
                "Tie at the top: {options} each have {n} of {total} vote; no choice was made.",
                "Tie at the top: {options} each have {n} of {total} votes; no choice was made.",
                total,
            ).format(options=_names(result, result.tied), n=top, total=total)
        option = result.ranking[0].label
        majority = 2 * top > total
        if not with_option:
            if majority:
                return ngettext(
                    "Chosen with a majority: {n} of {total} vote.",
                    "Chosen with a majority: {n} of {total} votes.",
                    total,
                ).format(n=top, total=total)
            return _("Chosen with the most votes: {n} of {total}, not a majority.").format(
                n=top, total=total
            )
        if majority:
            return ngettext(
                "“{option}” is chosen with a majority: {n} of {total} vote.",
                "“{option}” is chosen with a majority: {n} of {total} votes.",
                total,
            ).format(option=option, n=top, total=total)
        return _(
            "“{option}” is chosen with the most votes: {n} of {total}, not a majority."
        ).format(option=option, n=top, total=total)
    if result.outcome == Outcome.STAKEN:
        return _("Rejected, the votes being tied: {counts} ({needed}).").format(
            counts=_counts_words(result), needed=_needed_words(result)
        )
    if result.reason == Reason.BASE_ZERO and result.base == VoteBase.VOOR_TEGEN:
        return ngettext(
            "Rejected: no votes for or against, only {n} abstention.",
            "Rejected: no votes for or against, only {n} abstentions.",
            result.onthouding,
        ).format(n=result.onthouding)
    if result.passed:
        sentence = _("Adopted with {counts} ({needed}).")
    else:
        sentence = _("Rejected with {counts} ({needed}).")
    return sentence.format(counts=_counts_words(result), needed=_needed_words(result))


#: The channels as a resident's sentence names them, in this order (the phone's own first).
_RESIDENT_CHANNELS = (
    (Channel.TELEFOON, N_("phones")),
    (Channel.ZAAL, N_("the room")),
    (Channel.DIGITAAL, N_("in advance")),
)


def resident_result(result: PollResult, channels: Sequence[Channel] = ()) -> str:
    """The declared result in plain words for residents on their phones, from the facts the
    minutes use: "Aangenomen: 12 voor, 5 tegen, 2 onthoudingen (telefoon, zaal en vooraf
    samen)." — not the chair's rule sentence. A choice, dots, no votes or no quorum: the
    minutes' own sentence (:func:`result_sentence`). ``channels``: those that gave votes;
    named when there are two or more, so a phone knows its vote is in the sum."""
    counted = result.method == PollMethod.VOOR_TEGEN and result.outcome in (
        Outcome.AANGENOMEN,
        Outcome.VERWORPEN,
        Outcome.STAKEN,
    )
    if not counted:
        return _joined(result_sentence(result), channels)
    counts = _("{yes} for, {no} against, {abstentions}").format(
        yes=result.voor,
        no=result.tegen,
        abstentions=ngettext("{n} abstention", "{n} abstentions", result.onthouding).format(
            n=result.onthouding
        ),
    )
    if result.passed:
        sentence = _("Adopted: {counts}").format(counts=counts)
    elif result.outcome == Outcome.STAKEN:
        sentence = _("Rejected, the votes being tied: {counts}").format(counts=counts)
    else:
        sentence = _("Rejected: {counts}").format(counts=counts)
    return _joined(sentence + ".", channels)


def _joined(sentence: str, channels: Sequence[Channel]) -> str:
    """``sentence`` with "(telefoon, zaal en vooraf samen)" before its full stop when two or
    more channels gave votes."""
    names = [_(word) for channel, word in _RESIDENT_CHANNELS if channel in channels]
    if len(names) < 2:
        return sentence
    listed = _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])
    together = _("({channels} together)").format(channels=listed)
    body = sentence[:-1] if sentence.endswith(".") else sentence
    return f"{body} {together}."


# ------------------------------------------------------------------ the facts of a result

#: The version of :func:`result_facts`; a newer BaZ that changes the facts counts up.
FACTS_VERSION = 1


def result_facts(result: PollResult) -> str:
    """What a declared result came to, as the JSON the poll keeps (``Poll.result_facts``).

    Numbers and codes only: no option label, so nothing in it can name a person (the labels
    stay with the options, where the public version and anonymising find them).
    """
    return json.dumps(
        {
            "version": FACTS_VERSION,
            "method": result.method.value,
            "outcome": result.outcome.value,
            "reason": result.reason.value,
            "totals": list(result.totals),
            "base": result.base.value,
            "threshold": result.threshold.value,
            "percent": result.percent,
            "base_value": result.base_value,
            "needed": result.needed,
            "present_count": result.present_count,
            "digital_votes": result.digital_votes,
            "eligible_count": result.eligible_count,
            "quorum": list(result.quorum) if result.quorum is not None else None,
            "quorum_needed": result.quorum_needed,
            "dots_per_participant": result.dots_per_participant,
            "ranking": [[r.position, r.rank, r.total] for r in result.ranking],
        },
        separators=(",", ":"),
    )


def result_from_facts(facts: str, labels: Sequence[str]) -> PollResult | None:
    """The result that :func:`result_facts` kept, with the option ``labels`` of now; None when
    there are no facts or they cannot be read (the stored sentence is used instead)."""
    if not facts:
        return None
    try:
        data = json.loads(facts)
        if data.get("version") != FACTS_VERSION:
            return None
        totals = tuple(_whole(n) for n in data["totals"])
        names = list(labels) + [""] * max(0, len(totals) - len(labels))
        quorum = data.get("quorum")
        return PollResult(
            method=PollMethod(data["method"]),
            outcome=Outcome(data["outcome"]),
            reason=Reason(data["reason"]),
            totals=totals,
            labels=tuple(labels),
            base=VoteBase(data["base"]),
            threshold=Threshold(data["threshold"]),
            percent=_optional_whole(data.get("percent")),
            base_value=_optional_whole(data.get("base_value")),
            needed=_optional_whole(data.get("needed")),
            present_count=_whole(data.get("present_count", 0)),
            digital_votes=_whole(data.get("digital_votes", 0)),
            eligible_count=_optional_whole(data.get("eligible_count")),
            quorum=(_whole(quorum[0]), _whole(quorum[1])) if quorum is not None else None,
            quorum_needed=_optional_whole(data.get("quorum_needed")),
            dots_per_participant=_optional_whole(data.get("dots_per_participant")),
            ranking=tuple(
                RankedOption(_whole(p), _whole(rank), _whole(total), names[_whole(p)])
                for p, rank, total in data.get("ranking", [])
            ),
        )
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def with_labels(result: PollResult, labels: Sequence[str]) -> PollResult:
    """The same result with other option labels (as a version of the minutes names them)."""
    names = list(labels) + [""] * max(0, len(result.totals) - len(labels))
    return replace(
        result,
        labels=tuple(labels),
        ranking=tuple(replace(r, label=names[r.position]) for r in result.ranking),
    )


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(value)
    return value


def _optional_whole(value: object) -> int | None:
    return None if value is None else _whole(value)
