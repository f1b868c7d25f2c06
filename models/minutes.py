"""The minutes of a meeting: gathered from the Store, named per version, and written as text.

:func:`build_minutes` reads everything through public Store methods (so it works on every
backend and from a worker thread) and names people the way the version asks: real names in the
internal version, names per consent in the public one (``models.rules.naming``). The phrases the
minutes use ("vastgesteld op 28 november 2026", the header rows, the attendance line) are made
here once, for the live preview (:func:`minutes_markdown`) and the Word document alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from models.domain import (
    PROFESSIONAL_ROLES,
    CardKind,
    Channel,
    Consent,
    MeetingStatus,
    MinutesStatus,
    PollMethod,
    Presence,
    Role,
    is_professional,
    label,
)
from models.i18n import _, ngettext
from models.records.analysis import AnalysisState, CardInfo
from models.records.meeting import AgendaItemInfo, AttendeeInfo, ProcessInfo
from models.records.minutes import (
    ActionInfo,
    AnalysisMinutes,
    AttendanceMinutes,
    CardNode,
    DecisionInfo,
    ItemMinutes,
    Minutes,
    NextMeeting,
    PersonLine,
    PollMinutes,
    RankedIdeaLine,
    SpeakerLine,
    SpeakingMinutes,
    VoteRow,
)
from models.rules.analysis import build_up, walk_down
from models.rules.formatting import (
    format_date,
    format_euros,
    format_time,
    format_weekday_date,
    to_local,
)
from models.rules.naming import Namer, Person, Spot
from models.rules.timing import format_duration
from models.rules.votes import VOTE_LABELS, result_sentence, with_labels
from models.shown_process import named_process

if TYPE_CHECKING:
    from models.records.polls import PollInfo
    from models.store import Store

# ------------------------------------------------------------------------ gathering


def minutes_namer(store: Store, meeting_id: int, *, public: bool) -> Namer:
    """The Namer of a meeting's minutes: the attendees by name inside; in the public version
    everyone of the process with their consent, and the choices of the review."""
    if not public:
        people = (Person(a.id, a.name, a.consent) for a in store.list_attendees(meeting_id))
        return Namer(people, public=False)
    naming = store.public_naming(meeting_id)
    return Namer(naming.people, public=True, choices=naming.choices)


def build_minutes(
    store: Store,
    meeting_id: int,
    *,
    public: bool,
    speaking_time: bool = True,
    spots: list[Spot] | None = None,
) -> Minutes:
    """Everything the minutes of ``meeting_id`` show, named for the chosen version.

    In the public version no name of a person without consent is left in any text: people
    are named by :class:`~models.rules.naming.Namer` and every free text goes through it. Give
    ``spots`` (a list) to have every replacement and doubtful spot recorded in it, with where
    it is (the review).
    """
    meeting = store.get_meeting(meeting_id)
    attendees = store.list_attendees(meeting_id)
    namer = minutes_namer(store, meeting_id, public=public)
    agenda = store.list_agenda(meeting_id)
    stored_decisions = store.list_decisions(meeting_id)
    stored_actions = store.action_list(meeting_id)
    stored_polls = store.meeting_polls(meeting_id)
    analyses = store.meeting_analyses(meeting_id)
    following = store.next_meeting(meeting_id)
    # Named in the order of the document, so that the review lists its spots in that order
    # (a sentence shown twice is listed where it comes first).
    namer.spots = spots
    title = namer.text(meeting.title, _("the title of the meeting"))
    location = namer.text(meeting.location, _("the place of the meeting"))
    chair = namer.person(meeting.chair, _("the chair of the meeting"))
    note_taker = namer.person(meeting.note_taker, _("the note-taker of the meeting"))
    process = named_process(meeting.process, namer) if meeting.process else None
    where = {item.id: _item_where(item) for item in agenda}
    decisions: dict[int, DecisionInfo] = {}
    actions: dict[int, ActionInfo] = {}
    #: The declared results by poll, their options named: a decision adds its vote's result.
    results: dict[int, str] = {}
    items = []
    for item in agenda:
        here = where[item.id]
        item_title = namer.text(item.title, _("{item}: its title").format(item=here))
        notes = namer.text(item.notes, _("{item}: the notes").format(item=here))
        analysis = (
            _analysis_minutes(analyses[item.id], namer, here) if item.id in analyses else None
        )
        polls = []
        for stored_poll in stored_polls:
            # A vote only prepared was never put to the meeting: it is not in the minutes.
            if stored_poll.agenda_item_id == item.id and not stored_poll.is_prepared:
                poll = _poll_minutes(stored_poll, namer, here)
                polls.append(poll)
                if poll.result is not None:
                    # The decision names what was chosen: its result need not say it again.
                    results[stored_poll.id] = result_sentence(poll.result, with_option=False)
        for decision in stored_decisions:
            if decision.agenda_item_id == item.id:
                decisions[decision.id] = _named_decision(decision, namer, here, results)
        for action in stored_actions:
            if action.agenda_item_id == item.id and not action.carried_over:
                actions[action.id] = _named_action(action, namer)
        items.append(
            _item_minutes(
                item,
                item_title,
                notes,
                analysis,
                polls,
                [
                    decisions[d.id]
                    for d in stored_decisions
                    if d.id in decisions and d.agenda_item_id == item.id
                ],
                [
                    actions[a.id]
                    for a in stored_actions
                    if a.id in actions and a.agenda_item_id == item.id
                ],
            )  # fmt: skip
        )
    # The besluitenlijst and the actielijst: what no item showed yet.
    all_decisions = [
        decisions.get(d.id)
        or _named_decision(d, namer, where.get(d.agenda_item_id or 0, ""), results)
        for d in stored_decisions
    ]
    all_actions = [actions.get(a.id) or _named_action(a, namer) for a in stored_actions]
    start = meeting.start_time
    opened = closed = None
    if meeting.actual_start is not None:
        start = opened = to_local(meeting.actual_start).time().replace(second=0, microsecond=0)
    end = meeting.scheduled_end_time
    if meeting.status == MeetingStatus.GESLOTEN and meeting.actual_end is not None:
        end = closed = to_local(meeting.actual_end).time().replace(second=0, microsecond=0)
    # The opening and the closing item say when the chair opened and closed the meeting.
    if items and opened is not None:
        items[0] = replace(items[0], meeting_opened=opened)
    if items and closed is not None:
        items[-1] = replace(items[-1], meeting_closed=closed)
        # Closed before it came: an item the agenda never reached while the clock ran on
        # others (the opening and the closing item say when the meeting opened and closed).
        if any(item.started_at is not None for item in agenda):
            for n, item in enumerate(agenda):
                said = items[n]
                if (
                    item.started_at is None
                    and item.hamered_at is None
                    and said.meeting_opened is None
                    and said.meeting_closed is None
                ):
                    items[n] = replace(said, not_dealt_with=True)
    contact = ""
    if process is not None:
        contact = process.contact
    next_meeting = None
    if following is not None:
        what = _("the next meeting")
        next_meeting = NextMeeting(
            title=namer.text(following.title, what),
            date=following.date,
            start_time=following.start_time,
            location=namer.text(following.location, what),
        )
    return Minutes(
        meeting_id=meeting.id,
        public=public,
        title=title,
        date=meeting.date,
        start_time=start.replace(second=0, microsecond=0),
        end_time=end.replace(second=0, microsecond=0) if end is not None else None,
        location=location,
        chair=chair,
        note_taker=note_taker,
        minutes_status=meeting.minutes_status,
        minutes_approved_on=meeting.minutes_approved_on,
        process=process,
        attendance=_attendance(store, meeting_id, attendees, namer),
        items=tuple(items),
        decisions=tuple(all_decisions),
        actions=tuple(all_actions),
        speaking=_speaking_for(store, agenda, namer) if speaking_time and agenda else None,
        next_meeting=next_meeting,
        contact=contact,
    )


def _item_where(item: AgendaItemInfo) -> str:
    """An agenda item in words, for the review: "item 3 “Speelplein”"."""
    title = " ".join(item.title.split())
    if len(title) > 60:
        title = title[:59] + "…"
    return _("item {number} “{title}”").format(number=item.number, title=title)


def _named_decision(
    decision: DecisionInfo, namer: Namer, item: str, results: dict[int, str]
) -> DecisionInfo:
    return replace(
        decision,
        text=namer.text(decision_words(decision.text), _("a decision")),
        item_title=namer.text(decision.item_title, _("{item}: its title").format(item=item)),
        result=results.get(decision.poll_id, "") if decision.poll_id is not None else "",
    )


#: What a decision text of an older BaZ began with: the column says it already.
_DECISION_PREFIX = re.compile(r"^\s*(besluit|decision)\s*:\s*", re.IGNORECASE)


def decision_words(text: str) -> str:
    """A decision as the minutes write it: without the "Besluit:" an older BaZ put before the
    texts it suggested (the heading and the column say it), the rest as typed."""
    rest = _DECISION_PREFIX.sub("", text, count=1)
    if rest == text or not rest:
        return text
    return rest[0].upper() + rest[1:]


def _named_action(action: ActionInfo, namer: Namer) -> ActionInfo:
    """An action point named for this version. One carried over from an earlier meeting may
    name people of that meeting: the Namer knows everyone of the process, with their consent.
    """
    what = _("the action point “{what}”").format(what=_short(action.what))
    return replace(
        action,
        what=namer.text(action.what, _("an action point")),
        who=namer.person(action.who, what),
        item_title=namer.text(action.item_title, what),
        meeting_title=namer.text(action.meeting_title, what),
    )


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _attendance(
    store: Store, meeting_id: int, attendees: list[AttendeeInfo], namer: Namer
) -> AttendanceMinutes:
    def line(a: AttendeeInfo) -> PersonLine:
        return PersonLine(a.id, namer.name(a.id, a.name), a.role, a.presence)

    def order(a: AttendeeInfo) -> tuple[int, str]:
        # The public list goes by what it shows: names, initials, then Bewoner 1, 2, … 10.
        if not namer.public:
            return (0, "")
        rank = {Consent.NAAM: 0, Consent.INITIALEN: 1}.get(a.consent, 2)
        return (rank, _natural(namer.name(a.id, a.name)))

    present = sorted((a for a in attendees if a.presence == Presence.AANWEZIG), key=order)
    notice = sorted(
        (a for a in attendees if a.presence == Presence.AFWEZIG_MET_KENNISGEVING), key=order
    )
    return AttendanceMinutes(
        counts=store.attendance_counts(meeting_id),
        present=tuple(line(a) for a in present),
        absent_with_notice=tuple(line(a) for a in notice),
    )


def _natural(text: str) -> str:
    return re.sub(r"\d+", lambda m: m.group().zfill(6), text.casefold())


def _item_minutes(
    item: AgendaItemInfo,
    title: str,
    notes: str,
    analysis: AnalysisMinutes | None,
    polls: Iterable[PollMinutes],
    decisions: list[DecisionInfo],
    actions: list[ActionInfo],
) -> ItemMinutes:
    return ItemMinutes(
        id=item.id,
        number=item.number,
        title=title,
        purpose=item.purpose,
        hamerstuk=item.hamerstuk,
        hamered=item.hamered_at is not None,
        notes=notes,
        analysis=analysis,
        polls=tuple(polls),
        decisions=tuple(decisions),
        actions=tuple(actions),
    )


def _analysis_minutes(state: AnalysisState, namer: Namer, item: str) -> AnalysisMinutes | None:
    where = _("{item}: a card of the problem analysis").format(item=item)

    def author(card: CardInfo) -> str:
        return namer.name(card.author_attendee_id, card.author_name, where)

    def made(card: CardInfo, children: tuple[CardNode, ...]) -> CardNode:
        return CardNode(
            kind=card.kind,
            text=namer.text(card.text, where),
            author=author(card),
            dots=card.dots,
            children=children,
        )

    def nodes(cards: Iterable[CardInfo]) -> tuple[CardNode, ...]:
        # Sub-causes under causes, further effects under effects; ideas are ranked apart.
        return tuple(build_up(cards, lambda c: c.children_of_kind(c.kind), made))

    analysis = AnalysisMinutes(
        core=made(state.core, ()) if state.core is not None else None,
        causes=nodes(state.causes),
        effects=nodes(state.effects),
        ideas=tuple(
            RankedIdeaLine(r.rank, namer.text(r.card.text, where), author(r.card), r.card.dots)
            for r in state.ranked_ideas
        ),
    )
    return None if analysis.empty else analysis


def _poll_minutes(poll: PollInfo, namer: Namer, item: str) -> PollMinutes:
    where = _("{item}: the vote “{question}”").format(item=item, question=_short(poll.question))

    def text(value: str) -> str:
        return namer.text(value, where)

    options = poll.options
    rows = [VoteRow(label(Channel.ZAAL), tuple(o.room for o in options))]
    if poll.digital_total or poll.digital_source:
        rows.append(VoteRow(label(Channel.DIGITAAL), tuple(o.digital for o in options)))
    if poll.phone_total:
        rows.append(VoteRow(label(Channel.TELEFOON), tuple(o.phone for o in options)))
    rows.append(VoteRow(_("total"), tuple(o.total for o in options)))
    if poll.method == PollMethod.VOOR_TEGEN:
        # BaZ's own words (stored in the language of the evening): in the language of now.
        labels = tuple(_(word) for word in VOTE_LABELS)
    else:
        labels = tuple(text(o.label) for o in options)
    declared = poll.is_declared
    return PollMinutes(
        question=text(poll.question),
        method=label(poll.method),
        options=labels,
        rows=tuple(rows),
        rule_text=text(poll.rule_text),
        result_text=text(poll.result_text),
        declared=declared,
        declared_at=poll.declared_at,
        digital_source=text(poll.digital_source),
        result=with_labels(poll.result, labels) if declared and poll.facts_kept else None,
        channels_text=channels_text(poll),
    )


def channels_text(poll: PollInfo) -> str:
    """The votes per channel with the channels named, when phones voted: "Votes per channel:
    in the room 12, digital in advance 3, by phone 9" ("" without phone votes)."""
    if not poll.phone_total:
        return ""
    parts = [(Channel.ZAAL, poll.room_total)]
    if poll.digital_total or poll.digital_source:
        parts.append((Channel.DIGITAAL, poll.digital_total))
    parts.append((Channel.TELEFOON, poll.phone_total))
    return _("Votes per channel: {channels}").format(
        channels=", ".join(f"{label(channel)} {n}" for channel, n in parts)
    )


def _speaking_for(
    store: Store, agenda: list[AgendaItemInfo], namer: Namer
) -> SpeakingMinutes | None:
    """The speaking-time table of this version (the public one sums who is not named)."""
    speaking = _speaking(store, agenda, namer)
    if speaking is None or not namer.public:
        return speaking
    return public_speaking(speaking)


def public_speaking(speaking: SpeakingMinutes) -> SpeakingMinutes:
    """The public table: a line for each person who agreed to be named, the others summed
    ("Andere bewoners: 6 beurten, 14:20", and the professionals apart). The turns, the total
    and the balance stay as they are."""
    named = [line for line in speaking.people if line.named]
    others: dict[bool, list[SpeakerLine]] = {}
    for line in speaking.people:
        if not line.named:
            professional = line.role is not None and is_professional(line.role)
            others.setdefault(professional, []).append(line)
    summed = [
        SpeakerLine(
            _("Other professionals") if professional else _("Other residents"),
            None,
            sum(line.turns for line in lines),
            sum(line.seconds for line in lines),
            named=False,
            summed=True,
        )
        for professional, lines in sorted(others.items())
    ]
    return replace(speaking, people=(*named, *summed))


def _speaking(store: Store, agenda: list[AgendaItemInfo], namer: Namer) -> SpeakingMinutes | None:
    stats = store.meeting_speaking(agenda[0].meeting_id).stats()
    if not stats.turns:
        return None
    return SpeakingMinutes(
        people=tuple(
            SpeakerLine(
                namer.name(p.attendee_id, p.name),
                p.role,
                p.turns,
                p.seconds,
                named=p.attendee_id is not None and not namer.hidden(p.attendee_id),
            )
            for p in stats.people
        ),
        turns=stats.turns,
        total_seconds=stats.total_seconds,
        resident_percent=stats.resident_percent,
        professional_percent=stats.professional_percent,
    )


# ------------------------------------------------------------------------ phrases


def document_title(minutes: Minutes) -> str:
    return _("Minutes of {title}").format(title=minutes.title)


def status_text(minutes: Minutes) -> str:
    """ "CONCEPT", or "vastgesteld op 28 november 2026"."""
    if (
        minutes.minutes_status == MinutesStatus.VASTGESTELD
        and minutes.minutes_approved_on is not None
    ):
        return _("approved on {date}").format(date=format_date(minutes.minutes_approved_on))
    return _("DRAFT")


def version_text(minutes: Minutes) -> str:
    """The marking on every page: which version this is."""
    if minutes.public:
        return _("Public version")
    return _("Internal — contains personal data")


def time_text(minutes: Minutes) -> str:
    start = format_time(minutes.start_time)
    if minutes.end_time is None:
        return start
    return f"{start}–{format_time(minutes.end_time)}"


def header_rows(minutes: Minutes) -> list[tuple[str, str]]:
    """The header block: date, time, place, chair, note-taker, status."""
    return [
        (_("Date"), format_weekday_date(minutes.date)),
        (_("Time"), time_text(minutes)),
        (_("Place"), minutes.location or "—"),
        (_("Chair"), minutes.chair or "—"),
        (_("Note-taker"), minutes.note_taker or "—"),
        (_("Status"), status_text(minutes)),
    ]


def process_rows(process: ProcessInfo) -> list[tuple[str, str]]:
    """The process and its frames, as (label, text); empty frames are left out."""
    rows = [
        (_("Process"), process.title),
        (_("Neighbourhood"), process.neighbourhood),
        (_("Participation level"), label(process.participation_level)),
        (
            _("Budget"),
            format_euros(process.budget_euro_cents)
            if process.budget_euro_cents is not None
            else "",
        ),
        (
            _("Decision by"),
            format_date(process.decision_deadline) if process.decision_deadline else "",
        ),
        (_("Fixed"), process.fixed_text),
        (_("Open to residents"), process.open_text),
        (_("Feedback to residents"), process.feedback_text),
    ]
    return [(name, value) for name, value in rows if value.strip()]


def attendance_summary(attendance: AttendanceMinutes) -> str:
    """ "13 aanwezig: 7 bewoners, 4 professionals, de voorzitter en de notulist"."""
    present = attendance.present
    residents = sum(1 for p in present if p.role == Role.BEWONER)
    professionals = sum(1 for p in present if is_professional(p.role))
    guests = sum(1 for p in present if p.role == Role.GAST)
    parts = []
    if residents:
        parts.append(ngettext("{n} resident", "{n} residents", residents).format(n=residents))
    if professionals:
        parts.append(
            ngettext("{n} professional", "{n} professionals", professionals).format(n=professionals)
        )
    if any(p.role == Role.VOORZITTER for p in present):
        parts.append(_("the chair"))
    if any(p.role == Role.NOTULIST for p in present):
        parts.append(_("the note-taker"))
    if guests:
        parts.append(ngettext("{n} guest", "{n} guests", guests).format(n=guests))
    if not parts:
        return _("Nobody was marked present.")
    return _("{n} present: {parts}.").format(n=len(present), parts=enumeration(parts))


def enumeration(parts: list[str]) -> str:
    """ "a, b en c": a list in words."""
    if len(parts) <= 1:
        return "".join(parts)
    return _("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


def _role_group(role: Role, n: int) -> str:
    """The label of a group of attendees with one role, for the attendance list."""
    if role == Role.BEWONER:
        return ngettext("Resident ({n})", "Residents ({n})", n).format(n=n)
    if role == Role.GAST:
        return ngettext("Guest ({n})", "Guests ({n})", n).format(n=n)
    if role == Role.VOORZITTER:
        return _("Chair")
    if role == Role.NOTULIST:
        return _("Note-taker")
    return label(role).capitalize()


#: The order of the groups of the attendance list.
_GROUPS = (
    Role.VOORZITTER,
    Role.NOTULIST,
    Role.BEWONER,
    *sorted(PROFESSIONAL_ROLES, key=list(Role).index),
    Role.GAST,
)


def attendance_rows(attendance: AttendanceMinutes) -> list[tuple[str, str]]:
    """The attendance as short lists: chair and note-taker, the residents, the professionals
    per organisation, guests, and who sent notice (with their role when not a resident)."""
    rows = []
    for role in _GROUPS:
        names = [p.name for p in attendance.present if p.role == role]
        if names:
            rows.append((_role_group(role, len(names)), ", ".join(names)))
    if attendance.absent_with_notice:
        rows.append(
            (
                _("Absent with notice"),
                ", ".join(person_text(p) for p in attendance.absent_with_notice),
            )
        )
    return rows


def person_text(person: PersonLine) -> str:
    """A name with the role for everyone who is not a resident: "Sanne de Wit (gemeente)"."""
    if person.role == Role.BEWONER:
        return person.name
    return f"{person.name} ({label(person.role)})"


def item_heading(item: ItemMinutes) -> str:
    return f"{item.number}. {item.title}"


def item_mark(item: ItemMinutes) -> str | None:
    """The line in italics under an item's heading: not dealt with, or a hamerstuk."""
    if item.not_dealt_with:
        return _("Not dealt with: the meeting closed before this item.")
    if not item.hamerstuk:
        return None
    if item.hamered:
        return _("Hamerstuk: agreed without discussion.")
    return _("Hamerstuk.")


def meeting_time_texts(item: ItemMinutes) -> list[str]:
    """When nothing was typed on the opening or the closing item: when the chair opened or
    closed the meeting ("De voorzitter opent de vergadering om 19:32.")."""
    if item.notes.strip():
        return []
    texts = []
    if item.meeting_opened is not None:
        texts.append(
            _("The chair opens the meeting at {time}.").format(
                time=format_time(item.meeting_opened)
            )
        )
    if item.meeting_closed is not None:
        texts.append(
            _("The chair closes the meeting at {time}.").format(
                time=format_time(item.meeting_closed)
            )
        )
    return texts


def nothing_to_report(item: ItemMinutes) -> bool:
    """Whether the item says "Geen bijzonderheden": nothing recorded, no mark, no time."""
    return item.empty and item_mark(item) is None and not meeting_time_texts(item)


def note_blocks(notes: str) -> list[tuple[int, str]]:
    """The notes as blocks: (0, paragraph) or (level ≥ 1, bullet) for "- " lines.

    Indented bullets ("  - ") are one level deeper; empty lines separate paragraphs.
    """
    blocks: list[tuple[int, str]] = []
    for raw in notes.splitlines():
        line = raw.rstrip()
        stripped = line.lstrip()
        if not stripped:
            continue
        bullet = re.match(r"^[-*•]\s+", stripped)
        if bullet:
            indent = len(line) - len(stripped)
            blocks.append((1 + min(indent // 2, 2), stripped[bullet.end() :]))
        else:
            blocks.append((0, stripped))
    return blocks


def dots_text(dots: int) -> str:
    return ngettext("{n} dot", "{n} dots", dots).format(n=dots)


def card_text(card: CardNode) -> str:
    """A card as a line: its text, its dots, its author (when not anonymous)."""
    extra = []
    if card.dots:
        extra.append(dots_text(card.dots))
    if card.author:
        extra.append(card.author)
    return f"{card.text} ({', '.join(extra)})" if extra else card.text


# Dates: in running text the long form ("15 januari 2027"), in tables the short one
# ("15-01-2027"), so each column stays narrow; every date of the document is one of the two.


def table_date(day: date) -> str:
    """A date in a table: "15-01-2027" (Babel's short form of the language)."""
    return format_date(day, "short")


def decision_columns() -> tuple[str, str, str]:
    return (_("No."), _("Agenda item"), _("Decision"))


def decision_sentence(decision: DecisionInfo) -> str:
    """The decision, then the result of the vote it came from, if any."""
    if not decision.result:
        return decision.text
    text = decision.text.rstrip()
    if text and text[-1] not in ".!?”\"'":
        text += "."
    return f"{text} {decision.result}"


def decision_row(decision: DecisionInfo) -> tuple[str, str, str]:
    item = (
        f"{decision.item_number}. {decision.item_title}" if decision.item_number is not None else ""
    )
    return (decision.label, item, decision_sentence(decision))


def action_columns(actions: Iterable[ActionInfo] = ()) -> tuple[str, ...]:
    """The columns of the actielijst; "Uit" only when some came from an earlier meeting."""
    columns = (_("No."), _("What"), _("Who"), _("When"), _("Status"))
    if any(a.carried_over for a in actions):
        return (*columns, _("From"))
    return columns


def action_row(action: ActionInfo, *, with_origin: bool = False) -> tuple[str, ...]:
    row = (
        action.label,
        action.what,
        action.who,
        table_date(action.due) if action.due is not None else "",
        label(action.status),
    )
    if with_origin:
        return (*row, table_date(action.meeting_date))
    return row


def action_rows(actions: Iterable[ActionInfo]) -> list[tuple[str, ...]]:
    actions = list(actions)
    origin = any(a.carried_over for a in actions)
    return [action_row(a, with_origin=origin) for a in actions]


def action_line(action: ActionInfo) -> str:
    """An action point as one sentence-like line, for the item it belongs to."""
    parts = [action.what]
    if action.who:
        parts.append(_("who: {who}").format(who=action.who))
    if action.due is not None:
        parts.append(_("by {date}").format(date=format_date(action.due)))
    return " — ".join(parts)


def provisional_text() -> str:
    """What an open vote says in the minutes instead of a result."""
    return _("Provisional count, not declared.")


def poll_outcome(poll: PollMinutes) -> tuple[str, str]:
    """The rule in words and the result, for a declared vote; ("", "") while it is open.

    A vote declared by this BaZ says its result in one sentence with the rule in it
    (:func:`models.rules.votes.result_sentence`); one declared before BaZ kept the facts of a result
    shows the sentence it stored (which often starts with the rule: then not said twice).
    """
    if not poll.declared:
        return "", ""
    if poll.result is not None:
        return "", result_sentence(poll.result)
    rule = poll.rule_text
    if rule and poll.result_text.startswith(rule):
        rule = ""
    return rule, poll.result_text


def vote_table(poll: PollMinutes) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """A vote as a table. For/against/abstain: the options across, a row per channel and the
    total; a choice or dot vote (options as typed, often long): a row per option."""
    if poll.options == tuple(_(word) for word in VOTE_LABELS):
        header = ("", *poll.options)
        return header, [(r.label, *map(str, r.counts)) for r in poll.rows]
    header = (_("Option"), *(r.label for r in poll.rows))
    rows = [
        (option, *(str(r.counts[n]) for r in poll.rows)) for n, option in enumerate(poll.options)
    ]
    return header, rows


def digital_source_text(poll: PollMinutes) -> str:
    return _("Digital votes: {source}").format(source=poll.digital_source)


def speaking_columns() -> tuple[str, str, str, str]:
    return (_("Name"), _("Role"), _("Turns"), _("Speaking time"))


def speaking_row(line: SpeakerLine) -> tuple[str, str, str, str]:
    if line.summed:
        return (line.name, "", str(line.turns), format_duration(line.seconds))
    role = label(line.role) if line.role is not None else label(Role.BEWONER)
    return (line.name, role, str(line.turns), format_duration(line.seconds))


def balance_text(speaking: SpeakingMinutes) -> str:
    """The speaking-time balance in one sentence, for the minutes."""
    return ngettext(
        "Residents spoke {r}% of the time, professionals {p}% (total {time} in {turns} turn).",
        "Residents spoke {r}% of the time, professionals {p}% (total {time} in {turns} turns).",
        speaking.turns,
    ).format(
        r=speaking.resident_percent,
        p=speaking.professional_percent,
        time=format_duration(speaking.total_seconds),
        turns=speaking.turns,
    )


def next_meeting_text(following: NextMeeting) -> str:
    """ "Tweede bewonersavond: dinsdag 8 december 2026 om 19:30, Wijkcentrum De Wielslag."."""
    when = _("{date} at {time}").format(
        date=format_weekday_date(following.date), time=format_time(following.start_time)
    )
    if following.location.strip():
        when = f"{when}, {following.location.strip()}"
    return _("{title}: {when}.").format(title=following.title, when=when)


def contact_text(minutes: Minutes) -> str:
    """Who residents can ask; "" when the process names nobody."""
    contact = minutes.contact.strip()
    if not contact:
        return ""
    if contact[-1] not in ".!?":
        contact += "."
    return _("Questions about these minutes or the process: {contact}").format(contact=contact)


def approval_text(minutes: Minutes) -> str:
    """The last line: approved in which meeting, or that the draft will be approved next time."""
    if (
        minutes.minutes_status == MinutesStatus.VASTGESTELD
        and minutes.minutes_approved_on is not None
    ):
        return _("Approved in the meeting of {date}.").format(
            date=format_date(minutes.minutes_approved_on)
        )
    if minutes.next_meeting is not None:
        return _("These minutes are a draft; they will be approved in the next meeting.")
    return _("These minutes are a draft.")


# ------------------------------------------------------------------------ markdown

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&=:\"'$^%@])")


def escape_markdown(text: str) -> str:
    """User text as literal Markdown: every character that could be markup is escaped.

    CommonMark allows a backslash before any ASCII punctuation, so escaping generously is
    safe; newlines become spaces (the caller decides where lines break).
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def minutes_markdown(minutes: Minutes) -> str:
    """The minutes as Markdown, for the live preview (the same content as the Word file)."""
    md = escape_markdown
    out: list[str] = [f"# {md(document_title(minutes))}", ""]
    out += [f"*{md(version_text(minutes))}* · **{md(status_text(minutes))}**", ""]
    out += [f"- **{md(name)}:** {md(value)}" for name, value in header_rows(minutes)]
    out.append("")
    if minutes.process is not None:
        out += [f"## {md(_('Process and frames'))}", ""]
        out += [f"- **{md(name)}:** {md(value)}" for name, value in process_rows(minutes.process)]
        out.append("")
    out += _markdown_attendance(minutes)
    for item in minutes.items:
        out += _markdown_item(item)
    out += [f"## {md(_('List of decisions'))}", ""]
    if minutes.decisions:
        out += _markdown_table(decision_columns(), [decision_row(d) for d in minutes.decisions])
    else:
        out += [md(_("No decisions were taken.")), ""]
    out += [f"## {md(_('List of action points'))}", ""]
    if minutes.actions:
        out += _markdown_table(action_columns(minutes.actions), action_rows(minutes.actions))
    else:
        out += [md(_("No action points.")), ""]
    if minutes.speaking is not None:
        out += [f"## {md(_('Speaking time'))}", "", md(balance_text(minutes.speaking)), ""]
        out += _markdown_table(
            speaking_columns(), [speaking_row(p) for p in minutes.speaking.people]
        )
    out += _markdown_closing(minutes)
    return "\n".join(out).rstrip() + "\n"


def _markdown_closing(minutes: Minutes) -> list[str]:
    md = escape_markdown
    out: list[str] = []
    if minutes.next_meeting is not None:
        out += [f"## {md(_('Next meeting'))}", "", md(next_meeting_text(minutes.next_meeting)), ""]
    contact = contact_text(minutes)
    if contact:
        out += [f"## {md(_('Contact'))}", "", md(contact), ""]
    out += [f"*{md(approval_text(minutes))}*", ""]
    return out


def _markdown_attendance(minutes: Minutes) -> list[str]:
    md = escape_markdown
    attendance = minutes.attendance
    out = [f"## {md(_('Attendance'))}", "", md(attendance_summary(attendance)), ""]
    out += [f"- **{md(name)}:** {md(names)}" for name, names in attendance_rows(attendance)]
    out.append("")
    return out


def _markdown_item(item: ItemMinutes) -> list[str]:
    md = escape_markdown
    out = [f"## {md(item_heading(item))}", ""]
    mark = item_mark(item)
    if mark is not None:
        out += [f"*{md(mark)}*", ""]
    for text in meeting_time_texts(item):
        out += [md(text), ""]
    out += _markdown_notes(item.notes)
    if item.analysis is not None:
        out += _markdown_analysis(item.analysis)
    for poll in item.polls:
        out += [f"### {md(_('Vote: {question}').format(question=poll.question))}", ""]
        if not poll.declared:
            out += [f"*{md(provisional_text())}*", ""]
        out += _markdown_table(*vote_table(poll))
        if poll.channels_text:
            out += [f"*{md(poll.channels_text)}*", ""]
        if poll.digital_source:
            out += [f"*{md(digital_source_text(poll))}*", ""]
        rule, result = poll_outcome(poll)
        if rule:
            out += [md(rule), ""]
        if result:
            out += [f"**{md(_('Result:'))}** {md(result)}", ""]
    if item.decisions:
        out += [f"### {md(_('Decisions'))}", ""]
        out += [f"- **{md(d.label)}** {md(d.text)}" for d in item.decisions]
        out.append("")
    if item.actions:
        out += [f"### {md(_('Action points'))}", ""]
        out += [f"- **{md(a.label)}** {md(action_line(a))}" for a in item.actions]
        out.append("")
    if nothing_to_report(item):
        out += [f"*{md(_('Nothing to report.'))}*", ""]
    return out


def _markdown_notes(notes: str) -> list[str]:
    out: list[str] = []
    for level, text in note_blocks(notes):
        if level:
            out.append(f"{'  ' * (level - 1)}- {escape_markdown(text)}")
        else:
            # A blank line before and after: otherwise it would join the list above it.
            if out and out[-1]:
                out.append("")
            out += [escape_markdown(text), ""]
    if out and out[-1]:
        out.append("")
    return out


#: The deepest indent of a card in the Markdown preview.
MARKDOWN_DEPTH = 8


def _markdown_analysis(analysis: AnalysisMinutes) -> list[str]:
    md = escape_markdown
    out = [f"### {md(_('Problem analysis'))}", ""]
    if analysis.core is not None:
        core = label(CardKind.KERNPROBLEEM).capitalize()
        out += [f"**{md(core)}:** {md(card_text(analysis.core))}", ""]

    for title, cards in ((_("Causes"), analysis.causes), (_("Effects"), analysis.effects)):
        if cards:
            out += [f"**{md(title)}**", ""]
            # Markdown lists nest only so deep before a renderer gives up: deeper cards stay
            # at the deepest indent, their level written out.
            out += [
                f"{'  ' * min(depth, MARKDOWN_DEPTH)}- "
                + (f"({depth + 1}) " if depth > MARKDOWN_DEPTH else "")
                + md(card_text(card))
                for depth, card in walk_down(cards, lambda c: c.children)
            ]
            out.append("")
    if analysis.ideas:
        out += [f"**{md(_('Ideas, ranked by dots'))}**", ""]
        out += _markdown_table(idea_columns(), [idea_row(i) for i in analysis.ideas])
    return out


def idea_columns() -> tuple[str, str, str]:
    return (_("Rank"), _("Idea"), _("Dots"))


def idea_row(idea: RankedIdeaLine) -> tuple[str, str, str]:
    text = f"{idea.text} ({idea.author})" if idea.author else idea.text
    return (str(idea.rank), text, str(idea.dots))


def _markdown_table(header: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> list[str]:
    md = escape_markdown
    lines = [
        "| " + " | ".join(md(h) for h in header) + " |",
        "|" + "|".join("---" for _h in header) + "|",
    ]
    lines += ["| " + " | ".join(md(str(c)) for c in row) + " |" for row in rows]
    return [*lines, ""]
