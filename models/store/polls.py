"""The Store's methods for votes (polls, counts, declaring).

The rules live in :mod:`models.rules.votes`; here they are applied to stored polls. A poll freezes
at opening what its result depends on (the rule and the number of eligible voters present), so the
result read later is the same whoever reads it; declaring locks the counts and stores the result
sentence for the minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, select, update
from sqlmodel import Session, col

from models.database.tables import (
    AgendaItem,
    Attendee,
    Card,
    Decision,
    Meeting,
    Poll,
    PollOption,
    VoteCount,
)
from models.domain import (
    NON_VOTING_ROLES,
    Ballot,
    Channel,
    MeetingStatus,
    PollMethod,
    PollStatus,
    Presence,
    Threshold,
    VoteBase,
)
from models.errors import ChangedMeanwhileError, InvalidInputError
from models.i18n import _, ngettext
from models.records.polls import PollInfo, PollOptionInfo
from models.rules import validation as check
from models.rules.room import room_count_allowed
from models.rules.votes import (
    MAX_OPTIONS,
    MIN_OPTIONS,
    VOTE_LABELS,
    Rule,
    RuleProfile,
    check_rule,
    decision_text,
    poll_result,
    profile_of,
    result_facts,
    result_from_facts,
    result_text,
    rule_text,
)
from models.store.base import StoreBase, hold, not_found
from models.store.decisions import record_decision
from models.store.numbering import decision_label

#: No count, present number or eligible number is larger: it catches a finger on the key.
MAX_COUNT = 100_000
MAX_DOTS = 99
QUESTION_MAX = 1_000
OPTION_MAX = 500


class PollActions(StoreBase):
    """Store methods for votes (polls, counts, declaring); combined into :class:`models.store.Store`."""

    # ------------------------------------------------------------------ reading

    def list_polls(self, item_id: int) -> list[PollInfo]:
        """The polls of an agenda item in the order they were opened."""
        with self._transaction() as session:
            self._get(session, AgendaItem, item_id, _("agenda item"))
            polls = session.scalars(
                select(Poll)
                .where(col(Poll.agenda_item_id) == item_id)
                .order_by(col(Poll.opened_at), col(Poll.id))
            ).all()
            return _poll_infos(session, polls)

    def get_poll(self, poll_id: int) -> PollInfo:
        with self._transaction() as session:
            return _poll_infos(session, [self._poll(session, poll_id)])[0]

    def meeting_polls(self, meeting_id: int) -> list[PollInfo]:
        """All polls of a meeting in agenda order, then in the order they were opened."""
        with self._transaction() as session:
            self._get(session, Meeting, meeting_id, _("meeting"))
            polls = session.scalars(
                select(Poll)
                .join(AgendaItem, col(AgendaItem.id) == col(Poll.agenda_item_id))
                .where(col(AgendaItem.meeting_id) == meeting_id)
                .order_by(col(AgendaItem.position), col(Poll.opened_at), col(Poll.id))
            ).all()
            return _poll_infos(session, polls)

    # ----------------------------------------------------------------- opening

    def create_poll(
        self,
        item_id: int,
        question: str,
        *,
        method: PollMethod = PollMethod.VOOR_TEGEN,
        profile: RuleProfile = RuleProfile.GEWONE_MEERDERHEID,
        base: VoteBase | None = None,
        threshold: Threshold | None = None,
        threshold_percent: int | str | None = None,
        options: Sequence[str] = (),
        quorum: tuple[int, int] | None = None,
        eligible_count: int | str | None = None,
        dots_per_participant: int | str | None = None,
        previous_poll_id: int | None = None,
        source_card_id: int | None = None,
        present_count: int | str | None = None,
        prepared: bool = False,
        ballot: Ballot = Ballot.OPEN,
    ) -> PollInfo:
        """Open a vote on an agenda item; the eligible voters present are counted now.

        ``ballot``: who may vote on it from a phone (DESIGN §5a): anyone with the meeting
        code, or only with a voting card ("stemkaart", for a for/against/abstain vote).

        ``prepared``: only prepare it (DESIGN §4.2), on any item of a meeting that is not
        closed; it is not counted in the room and has no result until :meth:`open_poll` —
        when its item comes — counts the voters present then.

        ``profile`` gives the rule; ``base``, ``threshold`` and ``threshold_percent``, when
        given, replace its parts (a custom rule needs them). The rule only applies to
        for/against/abstain; a quorum applies to every method. ``present_count`` is for a
        meeting without an attendance list: the chair's head count of eligible voters; left
        out, it is the number of present attendees who may vote (see ``models.rules.votes``).
        """
        method = PollMethod(method)
        question = check.clean_line(question, _("The question"), max_length=QUESTION_MAX)
        labels = _option_labels(method, options)
        rule = (
            _rule(profile, base, threshold, threshold_percent)
            if method == PollMethod.VOOR_TEGEN
            else Rule(VoteBase.VOOR_TEGEN, Threshold.MEER_DAN_HELFT)
        )
        eligible = _optional_number(eligible_count, _("The number of eligible voters"), low=1)
        quorum = _quorum(quorum)
        check_rule(rule.base, rule.threshold, rule.percent, eligible_count=eligible, quorum=quorum)
        dots = _dots(method, dots_per_participant)
        counted = _optional_number(present_count, _("The number of eligible voters present"))
        ballot = Ballot(ballot)
        if ballot is Ballot.STEMKAART and method is not PollMethod.VOOR_TEGEN:
            raise InvalidInputError(_("Only a for/against/abstain vote can ask for a voting card."))
        with self._transaction() as session:
            item = self._get(session, AgendaItem, item_id, _("agenda item"))
            meeting = self._get(session, Meeting, item.meeting_id, _("meeting"))
            _refuse_closed(meeting)
            if previous_poll_id is not None:
                self._poll(session, previous_poll_id)
            if source_card_id is not None:
                self._get(session, Card, source_card_id, _("card"))
            poll = Poll(
                agenda_item_id=item_id,
                question=question,
                method=method.value,
                base=rule.base.value,
                threshold=rule.threshold.value,
                threshold_percent=rule.percent,
                quorum_numerator=quorum[0] if quorum else None,
                quorum_denominator=quorum[1] if quorum else None,
                eligible_count=eligible,
                present_count=0
                if prepared
                else counted
                if counted is not None
                else _present_eligible(session, meeting.id),
                dots_per_participant=dots,
                # While prepared: when it was prepared; opening sets the moment it opened.
                opened_at=self.now(),
                previous_poll_id=previous_poll_id,
                source_card_id=source_card_id,
                status=PollStatus.VOORBEREID.value if prepared else PollStatus.OPEN.value,
                ballot=ballot.value,
            )
            _add_poll(session, poll, labels)
            return _poll_infos(session, [poll])[0]

    def open_poll(self, poll_id: int, *, present_count: int | str | None = None) -> PollInfo:
        """Open a prepared vote: from now it is counted; the eligible voters present are
        counted now (or ``present_count``, as in :meth:`create_poll`)."""
        counted = _optional_number(present_count, _("The number of eligible voters present"))
        with self._transaction() as session:
            hold(session, Poll, poll_id)
            poll = self._poll(session, poll_id)
            if poll.status != PollStatus.VOORBEREID.value:
                raise InvalidInputError(
                    _("This vote is open already.")
                    if poll.status == PollStatus.OPEN.value
                    else _("This vote has been declared; it cannot be opened again.")
                )
            item = self._get(session, AgendaItem, poll.agenda_item_id, _("agenda item"))
            meeting = self._get(session, Meeting, item.meeting_id, _("meeting"))
            _refuse_closed(meeting)
            poll.present_count = (
                counted if counted is not None else _present_eligible(session, meeting.id)
            )
            poll.status = PollStatus.OPEN.value
            poll.opened_at = self.now()
            session.add(poll)
            session.flush()
            info = _poll_infos(session, [poll])[0]
            # Digital votes cast before the evening may be in already: they must fit too.
            _check_limits(
                poll, Channel.DIGITAAL, info.room_total, info.digital_total, info.phone_total
            )
            return info

    def revote(self, poll_id: int, *, present_count: int | str | None = None) -> PollInfo:
        """A new open poll repeating a declared one (same question, rule and options).

        The old poll stays in the record; the new one points at it and counts the eligible
        voters present again (or takes ``present_count``, as in :meth:`create_poll`).
        """
        counted = _optional_number(present_count, _("The number of eligible voters present"))
        with self._transaction() as session:
            old = self._poll(session, poll_id)
            if old.status == PollStatus.OPEN.value:
                raise InvalidInputError(
                    _("This vote is still open: declare its result before voting again.")
                )
            if old.status == PollStatus.VOORBEREID.value:
                raise InvalidInputError(_("This vote is only prepared: open it first (O)."))
            item = self._get(session, AgendaItem, old.agenda_item_id, _("agenda item"))
            meeting = self._get(session, Meeting, item.meeting_id, _("meeting"))
            _refuse_closed(meeting)
            labels = [o.label for o in _options(session, [old.id or 0])]
            poll = Poll(
                agenda_item_id=old.agenda_item_id,
                question=old.question,
                method=old.method,
                base=old.base,
                threshold=old.threshold,
                threshold_percent=old.threshold_percent,
                quorum_numerator=old.quorum_numerator,
                quorum_denominator=old.quorum_denominator,
                eligible_count=old.eligible_count,
                present_count=counted
                if counted is not None
                else _present_eligible(session, meeting.id),
                dots_per_participant=old.dots_per_participant,
                opened_at=self.now(),
                previous_poll_id=old.id,
                source_card_id=old.source_card_id,
                ballot=old.ballot,  # a vote again asks for voting cards as the first did
            )
            _add_poll(session, poll, labels)
            return _poll_infos(session, [poll])[0]

    def delete_poll(self, poll_id: int) -> None:
        """Remove an open or prepared poll with its counts (a declared one stays in the
        record)."""
        with self._transaction() as session:
            hold(session, Poll, poll_id)
            poll = self._poll(session, poll_id)
            if poll.status == PollStatus.VASTGESTELD.value:
                raise InvalidInputError(
                    _("A declared vote stays in the record; it cannot be deleted.")
                )
            # Explicit, so that no backend depends on ON DELETE CASCADE being enforced.
            session.execute(delete(VoteCount).where(col(VoteCount.poll_id) == poll_id))
            session.execute(delete(PollOption).where(col(PollOption.poll_id) == poll_id))
            session.delete(poll)

    # ---------------------------------------------------------------- counting

    def set_count(
        self, poll_id: int, option_id: int, channel: Channel, count: int | str
    ) -> PollInfo:
        """Set the count of one option in one channel to a number (as typed)."""
        number = check.whole_number(count, _("The count"), low=0, high=MAX_COUNT)
        with self._core_transaction() as db:
            return self._change_count(db, poll_id, option_id, channel, lambda _old: number)

    def add_to_count(self, poll_id: int, option_id: int, channel: Channel, delta: int) -> PollInfo:
        """Add ``delta`` (usually +1 or -1) to the count of one option in one channel."""
        step = check.whole_number(delta, _("The change"), low=-MAX_COUNT, high=MAX_COUNT)

        def changed(old: int) -> int:
            if old + step < 0:
                raise InvalidInputError(_("A count cannot go below 0."))
            return old + step

        with self._core_transaction() as db:
            return self._change_count(db, poll_id, option_id, channel, changed)

    def set_digital_source(self, poll_id: int, text: str) -> PollInfo:
        """Note where the digital votes came from (file name and moment), for the minutes."""
        source = check.clean_line(
            text, _("The source of the digital votes"), required=False, max_length=OPTION_MAX
        )
        with self._transaction() as session:
            poll = self._open_poll(session, poll_id)
            poll.digital_source = source
            session.add(poll)
            session.flush()
            return _poll_infos(session, [poll])[0]

    # -------------------------------------------------------- digital votes in

    def import_digital_votes(self, poll_id: int, counts: Sequence[int], source: str) -> PollInfo:
        """Replace the "digitaal vooraf" counts of an open poll (one per option, in order) and
        record where they came from; refused whole when a count breaks a rule."""
        text = check.clean_line(
            source, _("The source of the digital votes"), required=False, max_length=OPTION_MAX
        )
        numbers = [check.whole_number(c, _("The count"), low=0, high=MAX_COUNT) for c in counts]
        with self._transaction() as session:
            hold(session, Poll, poll_id)  # the room's counts stay as checked against
            poll: Poll = self._get(session, Poll, poll_id, _("vote"))
            if poll.status == PollStatus.VASTGESTELD.value:  # prepared or open: digital in
                raise InvalidInputError(
                    _("This vote has been declared; its counts can no longer change.")
                )
            options = session.scalars(
                select(PollOption)
                .where(col(PollOption.poll_id) == poll_id)
                .order_by(col(PollOption.position))
            ).all()
            if len(numbers) != len(options):
                raise InvalidInputError(
                    ngettext(
                        "This vote has {n} option; {given} counts were given.",
                        "This vote has {n} options; {given} counts were given.",
                        len(options),
                    ).format(n=len(options), given=len(numbers))
                )
            rows = session.scalars(select(VoteCount).where(col(VoteCount.poll_id) == poll_id)).all()
            room = sum(r.count for r in rows if r.channel == Channel.ZAAL.value)
            phone = sum(r.count for r in rows if r.channel == Channel.TELEFOON.value)
            _check_limits(poll, Channel.DIGITAAL, room, sum(numbers), phone)
            by_option = {r.option_id: r for r in rows if r.channel == Channel.DIGITAAL.value}
            for option, number in zip(options, numbers, strict=True):
                row = by_option.get(option.id or 0)
                if row is None:  # every poll has its rows; this only repairs a damaged one
                    row = VoteCount(
                        poll_id=poll_id, option_id=option.id or 0, channel=Channel.DIGITAAL.value
                    )
                row.count = number
                session.add(row)
            poll.digital_source = text
            session.add(poll)
            session.flush()
            return _poll_infos(session, [poll])[0]

    # --------------------------------------------------------------- declaring

    def declare_poll(
        self,
        poll_id: int,
        *,
        decision_text: str | None = None,
        seen: tuple[tuple[int, int, int], ...] | None = None,
    ) -> PollInfo:
        """Lock the poll and store its result sentence; with a text, also record the besluit.

        ``seen``: the counts the chair declares, as (option id, room, digital); when another
        laptop counted since, nothing is declared (:class:`ChangedMeanwhileError`).
        """
        with self._transaction() as session:
            hold(session, Poll, poll_id)  # no count changes under the declared result
            poll = self._poll(session, poll_id)
            if poll.status == PollStatus.VOORBEREID.value:
                raise InvalidInputError(_("This vote is only prepared: open it first (O)."))
            if poll.status != PollStatus.OPEN.value:
                raise InvalidInputError(_("This vote has already been declared."))
            now = self.now()
            info = _poll_infos(session, [poll])[0]
            if seen is not None and seen != tuple((o.id, o.room, o.digital) for o in info.options):
                raise ChangedMeanwhileError(
                    _(
                        "The count was changed on another screen in the meantime; look at it "
                        "again before you declare the result."
                    )
                )
            poll.result_text = info.result_text
            # The facts too: the minutes word the result in their own language (#22).
            poll.result_facts = result_facts(info.result)
            poll.status = PollStatus.VASTGESTELD.value
            poll.declared_at = now
            session.add(poll)
            session.flush()
            if decision_text is not None and decision_text.strip():
                item = self._get(session, AgendaItem, poll.agenda_item_id, _("agenda item"))
                meeting = self._get(session, Meeting, item.meeting_id, _("meeting"))
                record_decision(
                    session,
                    meeting,
                    decision_text,
                    agenda_item_id=item.id,
                    poll_id=poll.id,
                    now=now,
                )
            return _poll_infos(session, [poll])[0]

    # ----------------------------------------------------------------- helpers

    def _poll(self, session: Session, poll_id: int) -> Poll:
        poll: Poll = self._get(session, Poll, poll_id, _("vote"))
        return poll

    def _open_poll(self, session: Session, poll_id: int) -> Poll:
        """A poll whose digital votes may still change: open, or prepared."""
        poll = self._poll(session, poll_id)
        if poll.status == PollStatus.VASTGESTELD.value:
            raise InvalidInputError(
                _("This vote has been declared; its counts can no longer change.")
            )
        return poll

    def _change_count(
        self,
        connection: Connection,
        poll_id: int,
        option_id: int,
        channel: Channel,
        change: Callable[[int], int],
    ) -> PollInfo:
        """Apply ``change`` (old count → new count) after every check; nothing half-saved.

        Counting is the key a teller's calls are typed on, so this reads with SQLAlchemy Core
        rows (the columns the ORM objects would have, without their bookkeeping) in a Core
        transaction, with statements built once, reads nothing twice and writes one UPDATE.
        """
        channel = _channel(channel)
        if channel is Channel.TELEFOON:
            raise InvalidInputError(
                _("Phone votes are counted by the phones themselves; they cannot be typed.")
            )
        # Two tellers' keys at the same moment: the second waits and adds to the first's count.
        hold(connection, _POLL_TABLE, poll_id)
        poll: Any = connection.execute(_POLL_BY_ID, {"poll_id": poll_id}).first()
        if poll is None:
            raise not_found(_("vote"), poll_id)
        _refuse_counting(poll.status, channel)
        counts: Any = connection.execute(_COUNTS_OF_POLL, {"poll_id": poll_id}).all()
        target = next(
            (c for c in counts if c.option_id == option_id and c.channel == channel.value), None
        )
        if target is None:
            raise not_found(_("option of this vote"), option_id)
        new = change(target.count)
        if new > MAX_COUNT:
            raise InvalidInputError(
                _("{what} must be between {low} and {high}.").format(
                    what=_("The count"), low=0, high=MAX_COUNT
                )
            )
        if new > target.count:
            room = sum(c.count for c in counts if c.channel == Channel.ZAAL.value)
            digital = sum(c.count for c in counts if c.channel == Channel.DIGITAAL.value)
            phone = sum(c.count for c in counts if c.channel == Channel.TELEFOON.value)
            if channel == Channel.ZAAL:
                room += new - target.count
            else:
                digital += new - target.count
            _check_limits(poll, channel, room, digital, phone)
        # One UPDATE, and the view from what this transaction already read: counting is the
        # key a teller's call is typed on, so it reads nothing twice (an open poll has no
        # decision yet, so none is looked up).
        connection.execute(_SET_COUNT, {"count_id": target.id, "new_count": new})
        known = {(c.option_id, c.channel): c.count for c in counts}
        known[(option_id, channel.value)] = new
        options: Any = connection.execute(_OPTIONS_OF_POLL, {"poll_id": poll_id}).all()
        return _poll_info(poll, options, known, None)


# The statements of a count key, built once (building one costs about what running it does).
_POLL_TABLE = Poll.__table__  # type: ignore[attr-defined]
_COUNT_TABLE = VoteCount.__table__  # type: ignore[attr-defined]
_OPTION_TABLE = PollOption.__table__  # type: ignore[attr-defined]
_POLL_BY_ID = select(_POLL_TABLE).where(_POLL_TABLE.c.id == bindparam("poll_id"))
_COUNTS_OF_POLL = select(_COUNT_TABLE).where(_COUNT_TABLE.c.poll_id == bindparam("poll_id"))
_SET_COUNT = (
    update(_COUNT_TABLE)
    .where(_COUNT_TABLE.c.id == bindparam("count_id"))
    .values(count=bindparam("new_count"))
)
_OPTIONS_OF_POLL = (
    select(_OPTION_TABLE)
    .where(_OPTION_TABLE.c.poll_id == bindparam("poll_id"))
    .order_by(_OPTION_TABLE.c.position)
)


def _refuse_counting(status: str, channel: Channel) -> None:
    """A declared vote is counted no more; a prepared one only takes the digital votes cast
    before it opens (a file of an online poll), not the room's."""
    if status == PollStatus.VASTGESTELD.value:
        raise InvalidInputError(_("This vote has been declared; its counts can no longer change."))
    if status == PollStatus.VOORBEREID.value and channel is not Channel.DIGITAAL:
        raise InvalidInputError(
            _("This vote is only prepared: open it first (O), then count the room.")
        )


# ----------------------------------------------------------------------- checking input


def _refuse_closed(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.GESLOTEN.value:
        raise InvalidInputError(_("This meeting is closed; no new vote can be opened."))


def _channel(value: Channel | str) -> Channel:
    try:
        return Channel(value)
    except ValueError:
        raise InvalidInputError(
            _("“{channel}” is not a way of voting.").format(channel=str(value)[:40])
        ) from None


def _optional_number(value: int | str | None, what: str, *, low: int = 0) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return check.whole_number(value, what, low=low, high=MAX_COUNT)


def _rule(
    profile: RuleProfile,
    base: VoteBase | None,
    threshold: Threshold | None,
    percent: int | str | None,
) -> Rule:
    chosen = RuleProfile(profile).rule
    if base is None or threshold is None:
        if chosen is None:
            raise InvalidInputError(_("A custom rule needs a base and a threshold."))
        base = chosen.base if base is None else base
        threshold = chosen.threshold if threshold is None else threshold
    base, threshold = VoteBase(base), Threshold(threshold)
    if threshold != Threshold.PERCENTAGE:
        return Rule(base, threshold)
    if percent is None and chosen is not None and chosen.threshold == Threshold.PERCENTAGE:
        percent = chosen.percent
    if percent is None or (isinstance(percent, str) and not percent.strip()):
        raise InvalidInputError(_("The percentage must be a whole number from 1 to 100."))
    return Rule(base, threshold, check.whole_number(percent, _("The percentage"), low=1, high=100))


def _quorum(quorum: tuple[int, int] | None) -> tuple[int, int] | None:
    if quorum is None:
        return None
    try:
        numerator, denominator = quorum
    except (TypeError, ValueError):
        raise InvalidInputError(
            _("A quorum is a fraction above 0 and at most 1, such as 1/2 or 2/3.")
        ) from None
    return (
        check.whole_number(numerator, _("The quorum"), low=0, high=MAX_COUNT),
        check.whole_number(denominator, _("The quorum"), low=0, high=MAX_COUNT),
    )


def _dots(method: PollMethod, dots: int | str | None) -> int | None:
    if method != PollMethod.STIPPEN:
        return None
    if dots is None or (isinstance(dots, str) and not dots.strip()):
        raise InvalidInputError(_("Dot voting needs the number of dots per participant."))
    return check.whole_number(dots, _("The number of dots per participant"), low=1, high=MAX_DOTS)


def _option_labels(method: PollMethod, options: Sequence[str]) -> list[str]:
    if method == PollMethod.VOOR_TEGEN:
        if options:
            raise InvalidInputError(_("A for/against/abstain vote has its own three options."))
        # Translated now and stored: the minutes say what the room saw.
        return [_(text) for text in VOTE_LABELS]
    labels = [check.clean_line(o, _("An option"), max_length=OPTION_MAX) for o in options]
    if not MIN_OPTIONS <= len(labels) <= MAX_OPTIONS:
        message = (
            _("A choice needs between {low} and {high} options.")
            if method == PollMethod.KEUZE
            else _("Dot voting needs between {low} and {high} options.")
        )
        raise InvalidInputError(message.format(low=MIN_OPTIONS, high=MAX_OPTIONS))
    seen: set[str] = set()
    for text in labels:
        if text.casefold() in seen:
            raise InvalidInputError(_("The option “{option}” appears twice.").format(option=text))
        seen.add(text.casefold())
    return labels


def _check_limits(poll: Poll, channel: Channel, room: int, digital: int, phone: int = 0) -> None:
    """Refuse counts that more voters than there are would need (one vote, or N dots, each).

    The people present vote by hand or by phone: the room's count and the phone votes together
    stay within the eligible voters present (``models.rules.room``); a phone vote that does
    not fit is refused where it is cast (``models.store.room``), so here the chair's raised
    room count is what is refused, and lowering it is always possible.
    """
    present = poll.present_count
    eligible = poll.eligible_count
    if poll.method == PollMethod.STIPPEN.value:
        dots = poll.dots_per_participant or 0
        if channel == Channel.ZAAL and room > present * dots:
            raise InvalidInputError(
                ngettext(
                    "With {n} eligible voter present and {dots} dots each, the room cannot have {total} dots.",
                    "With {n} eligible voters present and {dots} dots each, the room cannot have {total} dots.",
                    present,
                ).format(n=present, dots=dots, total=room)
            )
        # Digital voters are not counted at the door; only the number of all eligible voters,
        # when entered, bounds their dots.
        if eligible is not None and room + digital > eligible * dots:
            raise InvalidInputError(
                ngettext(
                    "There is {n} eligible voter with {dots} dots, so there cannot be {total} dots in all.",
                    "There are {n} eligible voters with {dots} dots each, so there cannot be {total} dots in all.",
                    eligible,
                ).format(n=eligible, dots=dots, total=room + digital)
            )
        return
    if channel == Channel.ZAAL and not room_count_allowed(room, phone, present):
        if phone:
            raise InvalidInputError(
                ngettext(
                    "Only {n} eligible voter was present when this vote opened and {phone} voted by phone, so the room cannot have {total} votes.",
                    "Only {n} eligible voters were present when this vote opened and {phone} voted by phone, so the room cannot have {total} votes.",
                    present,
                ).format(n=present, phone=phone, total=room)
            )
        raise InvalidInputError(
            ngettext(
                "Only {n} eligible voter was present when this vote opened, so the room cannot have {total} votes.",
                "Only {n} eligible voters were present when this vote opened, so the room cannot have {total} votes.",
                present,
            ).format(n=present, total=room)
        )
    if eligible is not None and room + digital + phone > eligible:
        raise InvalidInputError(
            ngettext(
                "There is {n} eligible voter, so the room and digital votes together cannot be {total}.",
                "There are {n} eligible voters, so the room and digital votes together cannot be {total}.",
                eligible,
            ).format(n=eligible, total=room + digital + phone)
        )


# -------------------------------------------------------------------------- storing


def _present_eligible(session: Session, meeting_id: int | None) -> int:
    """Attendees marked present whose role votes (not professionals, not guests)."""
    count = session.scalar(
        select(func.count())
        .select_from(Attendee)
        .where(
            col(Attendee.meeting_id) == meeting_id,
            col(Attendee.presence) == Presence.AANWEZIG.value,
            col(Attendee.role).not_in([r.value for r in NON_VOTING_ROLES]),
        )
    )
    return int(count or 0)


def _add_poll(session: Session, poll: Poll, labels: Sequence[str]) -> None:
    """Store the poll, its options and a zero count per option and channel."""
    session.add(poll)
    session.flush()
    assert poll.id is not None  # given by the flush
    for position, text in enumerate(labels):
        option = PollOption(poll_id=poll.id, position=position, label=text)
        session.add(option)
        session.flush()
        assert option.id is not None
        for channel in Channel:
            session.add(
                VoteCount(poll_id=poll.id, option_id=option.id, channel=channel.value, count=0)
            )
    session.flush()


# -------------------------------------------------------------------------- reading


def _options(session: Session, poll_ids: Sequence[int]) -> list[PollOption]:
    return list(
        session.scalars(
            select(PollOption)
            .where(col(PollOption.poll_id).in_(poll_ids))
            .order_by(col(PollOption.poll_id), col(PollOption.position))
        ).all()
    )


def poll_infos(session: Session, polls: Sequence[Poll]) -> list[PollInfo]:
    """The records of ``polls`` as read in this transaction (for the other parts)."""
    return _poll_infos(session, polls)


def _poll_infos(session: Session, polls: Sequence[Poll]) -> list[PollInfo]:
    """The views of ``polls`` with three more queries in all (options, counts, decisions)."""
    ids = [p.id for p in polls if p.id is not None]
    if not ids:
        return []
    options: dict[int, list[PollOption]] = {i: [] for i in ids}
    for option in _options(session, ids):
        options[option.poll_id].append(option)
    counts: dict[tuple[int, str], int] = {
        (c.option_id, c.channel): c.count
        for c in session.scalars(select(VoteCount).where(col(VoteCount.poll_id).in_(ids))).all()
    }
    decisions: dict[int, Decision] = {}
    for decision in session.scalars(
        select(Decision).where(col(Decision.poll_id).in_(ids)).order_by(col(Decision.id))
    ).all():
        assert decision.poll_id is not None
        decisions.setdefault(decision.poll_id, decision)
    return [_poll_info(p, options[p.id or 0], counts, decisions.get(p.id or 0)) for p in polls]


def _poll_info(
    poll: Poll,
    options: list[PollOption],
    counts: dict[tuple[int, str], int],
    decision: Decision | None,
) -> PollInfo:
    option_infos = tuple(
        PollOptionInfo(
            id=o.id or 0,
            position=o.position,
            label=o.label,
            room=counts.get((o.id or 0, Channel.ZAAL.value), 0),
            digital=counts.get((o.id or 0, Channel.DIGITAAL.value), 0),
            phone=counts.get((o.id or 0, Channel.TELEFOON.value), 0),
        )
        for o in options
    )
    quorum = (
        (poll.quorum_numerator, poll.quorum_denominator)
        if poll.quorum_numerator is not None and poll.quorum_denominator is not None
        else None
    )
    base, threshold = VoteBase(poll.base), Threshold(poll.threshold)
    status = PollStatus(poll.status)
    labels = [o.label for o in option_infos]
    # Declared: the result as it was declared (its facts), worded in the language of now;
    # declared by a BaZ before the facts were kept: recounted, and its sentence as stored.
    kept = (
        result_from_facts(poll.result_facts or "", labels)
        if status == PollStatus.VASTGESTELD
        else None
    )
    result = kept or poll_result(
        PollMethod(poll.method),
        {
            Channel.ZAAL: [o.room for o in option_infos],
            Channel.DIGITAAL: [o.digital for o in option_infos],
            Channel.TELEFOON: [o.phone for o in option_infos],
        },
        labels=labels,
        base=base,
        threshold=threshold,
        percent=poll.threshold_percent,
        present_count=poll.present_count,
        eligible_count=poll.eligible_count,
        quorum=quorum,
        dots_per_participant=poll.dots_per_participant,
    )
    assert poll.id is not None and poll.opened_at is not None  # a stored poll
    return PollInfo(
        id=poll.id,
        agenda_item_id=poll.agenda_item_id,
        question=poll.question,
        method=PollMethod(poll.method),
        profile=profile_of(base, threshold, poll.threshold_percent),
        base=base,
        threshold=threshold,
        threshold_percent=poll.threshold_percent,
        quorum_numerator=poll.quorum_numerator,
        quorum_denominator=poll.quorum_denominator,
        eligible_count=poll.eligible_count,
        present_count=poll.present_count,
        dots_per_participant=poll.dots_per_participant,
        status=status,
        options=option_infos,
        rule_text=rule_text(result),
        result_text=(
            poll.result_text
            if status == PollStatus.VASTGESTELD and kept is None
            else result_text(result)
        ),
        suggested_decision=decision_text(poll.question, result),
        result=result,
        previous_poll_id=poll.previous_poll_id,
        source_card_id=poll.source_card_id,
        digital_source=poll.digital_source,
        opened_at=poll.opened_at,
        declared_at=poll.declared_at,
        decision_id=decision.id if decision is not None else None,
        decision_label=decision_label(decision.year, decision.number)
        if decision is not None
        else None,
        facts_kept=kept is not None,
        ballot=Ballot(getattr(poll, "ballot", None) or Ballot.OPEN.value),
    )
