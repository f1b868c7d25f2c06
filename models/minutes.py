"""The minutes of a meeting: gathered from the Store, named per version, and written as text.

:func:`build_minutes` reads everything through public Store methods (so it works on every
backend and from a worker thread) and names people the way the version asks: real names in the
internal version, names per consent in the public one (``models.naming``). The phrases the
minutes use ("vastgesteld op 28 november 2026", the header rows, the attendance line) are made
here once, for the live preview (:func:`minutes_markdown`) and the Word document alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from models.analysis import build_up, walk_down
from models.analysis_views import AnalysisState, CardInfo
from models.domain import (
    CardKind,
    Channel,
    Consent,
    MeetingStatus,
    MinutesStatus,
    Presence,
    Role,
    label,
)
from models.formatting import (
    format_date,
    format_euros,
    format_time,
    format_weekday_date,
    to_local,
)
from models.i18n import _, ngettext
from models.minutes_views import (
    ActionInfo,
    AnalysisMinutes,
    AttendanceMinutes,
    CardNode,
    DecisionInfo,
    ItemMinutes,
    Minutes,
    PersonLine,
    PollMinutes,
    RankedIdeaLine,
    SpeakerLine,
    SpeakingMinutes,
    VoteRow,
)
from models.naming import Namer, Person, label_number, public_names
from models.timing import format_duration
from models.views import AgendaItemInfo, AttendeeInfo, ProcessInfo

if TYPE_CHECKING:
    from models.poll_views import PollInfo
    from models.store import Store

# ------------------------------------------------------------------------ gathering


def build_minutes(
    store: Store, meeting_id: int, *, public: bool, speaking_time: bool = True
) -> Minutes:
    """Everything the minutes of ``meeting_id`` show, named for the chosen version.

    In the public version no name of an attendee without consent is left in any text: people
    are named by :class:`~models.naming.Namer` and every free text goes through it.
    """
    meeting = store.get_meeting(meeting_id)
    attendees = store.list_attendees(meeting_id)
    namer = Namer((Person(a.id, a.name, a.consent) for a in attendees), public=public)
    text = namer.text
    agenda = store.list_agenda(meeting_id)
    decisions = [_named_decision(d, text) for d in store.list_decisions(meeting_id)]
    actions = _named_actions(store, meeting_id, namer)
    polls: dict[int, list[PollMinutes]] = {}
    for poll in store.meeting_polls(meeting_id):
        polls.setdefault(poll.agenda_item_id, []).append(_poll_minutes(poll, text))
    analyses = store.meeting_analyses(meeting_id)
    items = tuple(
        _item_minutes(
            item,
            namer,
            _analysis_minutes(analyses[item.id], namer) if item.id in analyses else None,
            polls.get(item.id, ()),
            [d for d in decisions if d.agenda_item_id == item.id],
            [a for a in actions if a.agenda_item_id == item.id and not a.carried_over],
        )
        for item in agenda
    )
    start = meeting.start_time
    if meeting.actual_start is not None:
        start = to_local(meeting.actual_start).time()
    end = meeting.scheduled_end_time
    if meeting.status == MeetingStatus.GESLOTEN and meeting.actual_end is not None:
        end = to_local(meeting.actual_end).time()
    return Minutes(
        meeting_id=meeting.id,
        public=public,
        title=text(meeting.title),
        date=meeting.date,
        start_time=start.replace(second=0, microsecond=0),
        end_time=end.replace(second=0, microsecond=0) if end is not None else None,
        location=text(meeting.location),
        chair=text(meeting.chair),
        note_taker=text(meeting.note_taker),
        minutes_status=meeting.minutes_status,
        minutes_approved_on=meeting.minutes_approved_on,
        process=_named_process(meeting.process, text) if meeting.process else None,
        attendance=_attendance(store, meeting_id, attendees, namer),
        items=items,
        decisions=tuple(decisions),
        actions=tuple(actions),
        speaking=_speaking(store, agenda, namer) if speaking_time and agenda else None,
    )


def _named_process(process: ProcessInfo, text: Callable[[str], str]) -> ProcessInfo:
    return replace(
        process,
        title=text(process.title),
        neighbourhood=text(process.neighbourhood),
        fixed_text=text(process.fixed_text),
        open_text=text(process.open_text),
        feedback_text=text(process.feedback_text),
    )


def _named_actions(store: Store, meeting_id: int, namer: Namer) -> list[ActionInfo]:
    """The actielijst named for this version. An action point carried over from an earlier
    meeting may name people of that meeting who are not at this one: in the public version
    their names are cleaned as that meeting's consents say, and a resident without consent is
    withheld (their number there is not a number here)."""
    actions = store.action_list(meeting_id)
    earlier: dict[int, Callable[[str], str]] = {}
    if namer.public:
        for origin in {a.meeting_id for a in actions if a.meeting_id != meeting_id}:
            earlier[origin] = _earlier_namer(store, origin).text

    def text_for(action: ActionInfo) -> Callable[[str], str]:
        other = earlier.get(action.meeting_id)
        if other is None:
            return namer.text
        return lambda value: other(namer.text(value))

    return [_named_action(a, text_for(a)) for a in actions]


def _earlier_namer(store: Store, meeting_id: int) -> Namer:
    people = [Person(a.id, a.name, a.consent) for a in store.list_attendees(meeting_id)]
    withheld = _("[name withheld]")
    hidden = {i: withheld for i, n in public_names(people).items() if label_number(n) is not None}
    return Namer(people, public=True, shown=hidden)


def _named_decision(decision: DecisionInfo, text: Callable[[str], str]) -> DecisionInfo:
    return replace(decision, text=text(decision.text), item_title=text(decision.item_title))


def _named_action(action: ActionInfo, text: Callable[[str], str]) -> ActionInfo:
    return replace(
        action,
        what=text(action.what),
        who=text(action.who),
        item_title=text(action.item_title),
        meeting_title=text(action.meeting_title),
    )


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
    namer: Namer,
    analysis: AnalysisMinutes | None,
    polls: Iterable[PollMinutes],
    decisions: list[DecisionInfo],
    actions: list[ActionInfo],
) -> ItemMinutes:
    return ItemMinutes(
        id=item.id,
        number=item.number,
        title=namer.text(item.title),
        purpose=item.purpose,
        hamerstuk=item.hamerstuk,
        hamered=item.hamered_at is not None,
        notes=namer.text(item.notes),
        analysis=analysis,
        polls=tuple(polls),
        decisions=tuple(decisions),
        actions=tuple(actions),
    )


def _analysis_minutes(state: AnalysisState, namer: Namer) -> AnalysisMinutes | None:
    def author(card: CardInfo) -> str:
        return namer.name(card.author_attendee_id, card.author_name)

    def made(card: CardInfo, children: tuple[CardNode, ...]) -> CardNode:
        return CardNode(
            kind=card.kind,
            text=namer.text(card.text),
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
            RankedIdeaLine(r.rank, namer.text(r.card.text), author(r.card), r.card.dots)
            for r in state.ranked_ideas
        ),
    )
    return None if analysis.empty else analysis


def _poll_minutes(poll: PollInfo, text: Callable[[str], str]) -> PollMinutes:
    options = poll.options
    rows = [VoteRow(label(Channel.ZAAL), tuple(o.room for o in options))]
    if poll.digital_total or poll.digital_source:
        rows.append(VoteRow(label(Channel.DIGITAAL), tuple(o.digital for o in options)))
    rows.append(VoteRow(_("total"), tuple(o.total for o in options)))
    return PollMinutes(
        question=text(poll.question),
        method=label(poll.method),
        options=tuple(text(o.label) for o in options),
        rows=tuple(rows),
        rule_text=text(poll.rule_text),
        result_text=text(poll.result_text),
        declared=not poll.is_open,
        declared_at=poll.declared_at,
        digital_source=text(poll.digital_source),
    )


def _speaking(store: Store, agenda: list[AgendaItemInfo], namer: Namer) -> SpeakingMinutes | None:
    stats = store.meeting_speaking(agenda[0].meeting_id).stats()
    if not stats.turns:
        return None
    return SpeakingMinutes(
        people=tuple(
            SpeakerLine(namer.name(p.attendee_id, p.name), p.role, p.turns, p.seconds)
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
    """ "23 present: 15 residents, 5 professionals, 3 others"."""
    counts = attendance.counts
    parts = [
        ngettext("{n} resident", "{n} residents", counts.residents_present).format(
            n=counts.residents_present
        ),
        ngettext("{n} professional", "{n} professionals", counts.professionals_present).format(
            n=counts.professionals_present
        ),
    ]
    if counts.others_present:
        parts.append(
            ngettext("{n} other", "{n} others", counts.others_present).format(
                n=counts.others_present
            )
        )
    return _("{n} present: {parts}").format(n=counts.present, parts=", ".join(parts))


def person_text(person: PersonLine) -> str:
    """A name with the role for everyone who is not a resident: "Sanne de Wit (gemeente)"."""
    if person.role == Role.BEWONER:
        return person.name
    return f"{person.name} ({label(person.role)})"


def item_heading(item: ItemMinutes) -> str:
    return f"{item.number}. {item.title}"


def hamerstuk_text(item: ItemMinutes) -> str:
    if item.hamered:
        return _("Hamerstuk: agreed without discussion.")
    return _("Hamerstuk.")


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


def decision_columns() -> tuple[str, str, str]:
    return (_("No."), _("Agenda item"), _("Decision"))


def decision_row(decision: DecisionInfo) -> tuple[str, str, str]:
    item = (
        f"{decision.item_number}. {decision.item_title}" if decision.item_number is not None else ""
    )
    return (decision.label, item, decision.text)


def action_columns() -> tuple[str, str, str, str, str]:
    return (_("What"), _("Who"), _("When"), _("Status"), _("From"))


def action_row(action: ActionInfo) -> tuple[str, str, str, str, str]:
    due = format_date(action.due) if action.due is not None else ""
    return (
        action.what,
        action.who,
        due,
        label(action.status),
        format_date(action.meeting_date, "short") if action.carried_over else _("this meeting"),
    )


def action_line(action: ActionInfo) -> str:
    """An action point as one sentence-like line, for the item it belongs to."""
    parts = [action.what]
    if action.who:
        parts.append(_("who: {who}").format(who=action.who))
    if action.due is not None:
        parts.append(_("by {date}").format(date=format_date(action.due)))
    return " — ".join(parts)


def poll_outcome(poll: PollMinutes) -> tuple[str, str, str]:
    """The rule in words, the result, and a note while the vote is not declared yet.

    The result sentence often starts with the rule ("nodig: … — 8 voor: aangenomen"); the
    rule is then not repeated above it.
    """
    rule = poll.rule_text
    if rule and poll.result_text.startswith(rule):
        rule = ""
    note = "" if poll.declared else _("Not declared yet: the counts may still change.")
    return rule, poll.result_text, note


def digital_source_text(poll: PollMinutes) -> str:
    return _("Digital votes: {source}").format(source=poll.digital_source)


def speaking_columns() -> tuple[str, str, str, str]:
    return (_("Name"), _("Role"), _("Turns"), _("Speaking time"))


def speaking_row(line: SpeakerLine) -> tuple[str, str, str, str]:
    role = label(line.role) if line.role is not None else label(Role.BEWONER)
    return (line.name, role, str(line.turns), format_duration(line.seconds))


def balance_text(speaking: SpeakingMinutes) -> str:
    return _(
        "Residents spoke {r}% of the time, professionals {p}% (total {time} in {turns} turns)."
    ).format(
        r=speaking.resident_percent,
        p=speaking.professional_percent,
        time=format_duration(speaking.total_seconds),
        turns=speaking.turns,
    )


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
        out += _markdown_table(action_columns(), [action_row(a) for a in minutes.actions])
    else:
        out += [md(_("No action points.")), ""]
    if minutes.speaking is not None:
        out += [f"## {md(_('Speaking time'))}", "", md(balance_text(minutes.speaking)), ""]
        out += _markdown_table(
            speaking_columns(), [speaking_row(p) for p in minutes.speaking.people]
        )
    return "\n".join(out).rstrip() + "\n"


def _markdown_attendance(minutes: Minutes) -> list[str]:
    md = escape_markdown
    attendance = minutes.attendance
    out = [f"## {md(_('Attendance'))}", "", md(attendance_summary(attendance)), ""]
    if attendance.present:
        names = ", ".join(person_text(p) for p in attendance.present)
        out += [f"**{md(_('Present'))}:** {md(names)}", ""]
    if attendance.absent_with_notice:
        names = ", ".join(person_text(p) for p in attendance.absent_with_notice)
        out += [f"**{md(_('Absent with notice'))}:** {md(names)}", ""]
    return out


def _markdown_item(item: ItemMinutes) -> list[str]:
    md = escape_markdown
    out = [f"## {md(item_heading(item))}", ""]
    if item.hamerstuk:
        out += [f"*{md(hamerstuk_text(item))}*", ""]
    out += _markdown_notes(item.notes)
    if item.analysis is not None:
        out += _markdown_analysis(item.analysis)
    for poll in item.polls:
        out += [f"### {md(_('Vote: {question}').format(question=poll.question))}", ""]
        out += _markdown_table(
            ("", *poll.options), [(r.label, *map(str, r.counts)) for r in poll.rows]
        )
        if poll.digital_source:
            out += [f"*{md(digital_source_text(poll))}*", ""]
        rule, result, note = poll_outcome(poll)
        if rule:
            out += [md(rule), ""]
        if result:
            out += [f"**{md(result)}**", ""]
        if note:
            out += [f"*{md(note)}*", ""]
    if item.decisions:
        out += [f"### {md(_('Decisions'))}", ""]
        out += [f"- **{md(d.label)}** {md(d.text)}" for d in item.decisions]
        out.append("")
    if item.actions:
        out += [f"### {md(_('Action points'))}", ""]
        out += [f"- {md(action_line(a))}" for a in item.actions]
        out.append("")
    if item.empty and not item.hamerstuk:
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
