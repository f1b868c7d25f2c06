"""The Store's privacy methods: purge older meetings, answer and erase for one person.

The rules (what is kept, what becomes anonymous, how labels are numbered) are in
:mod:`models.rules.privacy`; here they are applied to the tables, each action in one transaction.
A preview (``purge_plan``, ``find_person``) runs the very same code without writing, so what
the command announces is what it then does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select
from sqlmodel import Session, col

from models.database.tables import (
    ActionItem,
    AgendaItem,
    Attendee,
    Card,
    Decision,
    Meeting,
    Poll,
    PollOption,
    Process,
    PublicReviewChoice,
    SpeakerEntry,
)
from models.domain import Consent, Presence, Role, label
from models.errors import InvalidInputError
from models.i18n import _, ngettext
from models.rules.naming import Namer, Person, label_number, numbering_order
from models.rules.privacy import (
    AnonymisedSummary,
    PersonMeeting,
    PersonRecord,
    PersonReport,
    RecordKind,
    anonymised_person_field,
    anonymising_namer,
    anonymous_labels,
    consent_counts,
    fit,
    matches_person,
    name_key,
    whole_name_namer,
)
from models.store.base import StoreBase
from models.store.polls import OPTION_MAX
from models.store.processes import CONTACT_MAX

#: Column length of the short text fields (String(n)); a label may be longer than a name.
_LINE = 200
#: How much of a text an access request shows per record.
_EXCERPT = 160


class PrivacyActions(StoreBase):
    """Store methods for privacy; combined into :class:`models.store.Store`."""

    def purge_plan(self, before: date) -> AnonymisedSummary:
        """What :meth:`purge_before` would anonymise, without changing anything."""
        with self._transaction() as session:
            summary = _purge(session, before, write=False)
            session.rollback()
            return summary

    def purge_before(self, before: date) -> AnonymisedSummary:
        """Anonymise the attendees of every meeting dated before ``before`` (one transaction).

        Names become "Bewoner N", arrival and departure moments go, consents stay as counts,
        names in the meetings' free text are replaced; decisions and action points stay.
        Meetings already anonymous are left alone (purging twice changes nothing).
        """
        with self._transaction() as session:
            return _purge(session, before, write=True)

    def find_person(self, name: str) -> PersonReport:
        """Every meeting and record where a person appears: an access request."""
        with self._transaction() as session:
            report, _summary = _person(session, name, write=False)
            session.rollback()
            return report

    def erase_person(self, name: str) -> AnonymisedSummary:
        """Anonymise one person everywhere (see :mod:`models.rules.privacy`), in one transaction.

        Refused when ``name`` matches several different people, or nobody.
        """
        with self._transaction() as session:
            report, summary = _person(session, name, write=True)
            if not report.found:
                raise InvalidInputError(unknown_person_text(name))
            return summary


def unknown_person_text(name: str) -> str:
    return _("Nobody called “{name}” appears in any meeting.").format(name=name[:80])


# --------------------------------------------------------------------------- purge


def _purge(session: Session, before: date, *, write: bool) -> AnonymisedSummary:
    meetings = session.scalars(
        select(Meeting)
        .where(col(Meeting.date) < before)
        .order_by(col(Meeting.date), col(Meeting.id))
    ).all()
    count = people = texts = 0
    consents: list[str] = []
    #: The namers of each process's purged meetings, for the process's own free text.
    by_process: dict[int, list[Namer]] = {}
    for meeting in meetings:
        attendees = _attendees(session, meeting.id)
        targets = [a.id or 0 for a in attendees if label_number(a.name) is None]
        if not targets:
            continue
        everyone = _people(attendees)
        labels = anonymous_labels(everyone, targets)
        namer = anonymising_namer(everyone, labels, _marked_names(session, meeting.id))
        count += 1
        people += len(labels)
        consents += [a.consent for a in attendees if a.id in labels]
        texts += sum(1 for _field in _rewrite(session, meeting, namer, write, purge=True))
        if meeting.process_id is not None:
            by_process.setdefault(meeting.process_id, []).append(namer)
        if write:
            _anonymise_rows(session, attendees, labels)
            session.execute(
                delete(PublicReviewChoice).where(col(PublicReviewChoice.meeting_id) == meeting.id)
            )
    # The contact of a process is anonymised once the whole process lies before the date (a
    # process that goes on still needs someone to ask).
    for process_id, namers in by_process.items():
        later = session.scalar(
            select(func.count())
            .select_from(Meeting)
            .where(col(Meeting.process_id) == process_id, col(Meeting.date) >= before)
        )
        process = session.get(Process, process_id)
        if later or process is None:
            continue
        texts += sum(1 for _field in _rewrite_contact(process, namers, write))
    if write:
        session.flush()
    return AnonymisedSummary(count, people, texts, consent_counts(consents))


def _rewrite_contact(
    process: Process, namers: list[Namer] | list[Callable[[str], str]], write: bool
) -> Iterator[tuple[str, RecordKind, str, str]]:
    """The contact line of a process with the names of ``namers`` replaced (and, as in the
    public version, e-mail addresses and phone numbers), stored when ``write``."""
    before = process.contact or ""
    after = before
    for namer in namers:
        after = namer.text(after) if isinstance(namer, Namer) else namer(after)
    if after == before:
        return
    if write:
        process.contact = fit(after, CONTACT_MAX)
    yield _("the contact of the process"), RecordKind.MENTION, before, after


def _anonymise_rows(session: Session, attendees: list[Attendee], labels: dict[int, str]) -> None:
    for attendee in attendees:
        new = labels.get(attendee.id or 0)
        if new is None:
            continue
        attendee.name = new
        attendee.arrived_at = None
        attendee.left_at = None
        session.add(attendee)


# -------------------------------------------------------------------------- a person


def _person(session: Session, query: str, *, write: bool) -> tuple[PersonReport, AnonymisedSummary]:
    query = " ".join(query.split())
    if not query:
        raise InvalidInputError(_("Which person? Give a name."))
    matched = [a for a in session.scalars(select(Attendee)).all() if matches_person(query, a.name)]
    # The whole name given: that person, not also "Jan Smit-de Boer" for "Jan Smit".
    exact = [a for a in matched if name_key(a.name) == name_key(query)]
    matched = exact or matched
    names: dict[str, str] = {}
    for attendee in matched:
        names.setdefault(name_key(attendee.name), " ".join(attendee.name.split()))
    if write and len(names) > 1:
        raise InvalidInputError(
            _("“{name}” matches several people: {names}. Give the whole name.").format(
                name=query[:80], names=", ".join(sorted(names.values(), key=name_key))
            )
        )
    # Where the person is not on the list only the whole name counts: a first name alone
    # is probably somebody else.
    whole = [whole_name_namer(n) for n in (names.values() or [query])]
    by_meeting: dict[int, list[Attendee]] = {}
    for attendee in matched:
        by_meeting.setdefault(attendee.meeting_id, []).append(attendee)
    meetings = session.scalars(select(Meeting).order_by(col(Meeting.date), col(Meeting.id))).all()
    found: list[PersonMeeting] = []
    people = texts = 0
    consents: list[str] = []
    touched = 0
    processes_done: set[int] = set()
    for meeting in meetings:
        records: list[PersonRecord] = []
        mine = by_meeting.get(meeting.id or 0, [])
        if mine:
            attendees = _attendees(session, meeting.id)
            everyone = _people(attendees)
            labels = anonymous_labels(everyone, [a.id or 0 for a in mine])
            namers = [anonymising_namer(everyone, labels)]
            records += _own_records(session, mine)
        else:
            labels = {}
            namers = whole
        for where, kind, before, _after in _mentions(session, meeting, namers, write):
            records.append(PersonRecord(kind, where, _excerpt(before)))
            texts += 1
        # The contact of the process: once, with the first of its meetings; the whole name
        # (the contact may name them without their being at any meeting).
        process = session.get(Process, meeting.process_id) if meeting.process_id else None
        if process is not None and process.id not in processes_done:
            processes_done.add(process.id or 0)
            for where, kind, before, _after in _rewrite_contact(process, whole, write):
                records.append(PersonRecord(kind, where, _excerpt(before)))
                texts += 1
        records += _review_marks(session, meeting.id or 0, query, names.values(), write)
        if write and labels:
            _anonymise_rows(session, mine, labels)
            people += len(labels)
            consents += [a.consent for a in mine]
        if records:
            touched += 1
            found.append(
                PersonMeeting(meeting.id or 0, meeting.title, meeting.date, tuple(records))
            )
    if write:
        session.flush()
    report = PersonReport(query, tuple(sorted(names.values(), key=name_key)), tuple(found))
    return report, AnonymisedSummary(touched, people, texts, consent_counts(consents))


def _marked_names(session: Session, meeting_id: int | None) -> list[str]:
    """The names the review of a meeting marked as somebody on no list."""
    return [
        word
        for word in session.scalars(
            select(col(PublicReviewChoice.word)).where(
                col(PublicReviewChoice.meeting_id) == meeting_id
            )
        ).all()
        if word.strip()
    ]


def _review_marks(
    session: Session, meeting_id: int, query: str, names: Iterable[str], write: bool
) -> list[PersonRecord]:
    """The review's choices that mark this person's name as a name (removed when ``write``)."""
    wanted = [query, *names]
    rows = session.scalars(
        select(PublicReviewChoice)
        .where(col(PublicReviewChoice.meeting_id) == meeting_id)
        .where(col(PublicReviewChoice.word) != "")
        .order_by(col(PublicReviewChoice.id))
    ).all()
    found = [r for r in rows if any(matches_person(r.word, n) for n in wanted)]
    if write:
        for row in found:
            session.delete(row)
    return [PersonRecord(RecordKind.REVIEW, "", _excerpt(r.word)) for r in found]


def _own_records(session: Session, attendees: list[Attendee]) -> list[PersonRecord]:
    """The attendee rows themselves, their turns on the speaker lists and their cards."""
    records = []
    ids = [a.id for a in attendees]
    for a in attendees:
        details = ", ".join(
            label(v) for v in (Role(a.role), Presence(a.presence), Consent(a.consent))
        )
        records.append(PersonRecord(RecordKind.ATTENDEE, "", f"{a.name} ({details})"))
    turns = session.execute(
        select(col(AgendaItem.position), col(AgendaItem.title), col(SpeakerEntry.id))
        .join(AgendaItem, col(AgendaItem.id) == col(SpeakerEntry.agenda_item_id))
        .where(col(SpeakerEntry.attendee_id).in_(ids))
        .order_by(col(AgendaItem.position), col(SpeakerEntry.id))
    ).all()
    per_item: dict[tuple[int, str], int] = {}
    for position, title, _entry in turns:
        per_item[(position, title)] = per_item.get((position, title), 0) + 1
    for (position, title), n in per_item.items():
        text = ngettext("{n} request to speak", "{n} requests to speak", n).format(n=n)
        records.append(PersonRecord(RecordKind.SPEAKER, _item_where(position, title), text))
    cards = session.execute(
        select(col(AgendaItem.position), col(AgendaItem.title), col(Card.text))
        .join(AgendaItem, col(AgendaItem.id) == col(Card.agenda_item_id))
        .where(col(Card.author_attendee_id).in_(ids))
        .order_by(col(AgendaItem.position), col(Card.id))
    ).all()
    for position, title, text in cards:
        where = _item_where(position, title)
        records.append(PersonRecord(RecordKind.CARD_AUTHOR, where, _excerpt(text)))
    return records


def _mentions(
    session: Session, meeting: Meeting, namers: list[Namer], write: bool
) -> Iterator[tuple[str, RecordKind, str, str]]:
    """The fields of ``meeting`` that name the person, rewritten when ``write``."""

    def text(value: str) -> str:
        for namer in namers:
            value = namer.text(value)
        return value

    yield from _rewrite(session, meeting, text, write, purge=False)


# ------------------------------------------------------------------------ free text


@dataclass(frozen=True, slots=True)
class _Field:
    row: Any
    attribute: str
    where: str
    length: int | None = None
    kind: RecordKind = RecordKind.MENTION
    #: A field that holds a person (chair, note-taker).
    person: bool = False


def _rewrite(
    session: Session,
    meeting: Meeting,
    namer: Namer | Callable[[str], str],
    write: bool,
    *,
    purge: bool,
) -> Iterator[tuple[str, RecordKind, str, str]]:
    """Every free-text field of the meeting whose text the namer changes: (where, kind,
    before, after); the new text is stored when ``write``. In a purge the chair and
    note-taker fields are people: withheld even when the name is nobody on the list."""
    clean = namer.text if isinstance(namer, Namer) else namer
    for spot in _fields(session, meeting):
        before = getattr(spot.row, spot.attribute) or ""
        if spot.person and purge and isinstance(namer, Namer):
            after = anonymised_person_field(before, namer)
        else:
            after = clean(before)
        if after == before:
            continue
        if spot.length is not None:
            after = fit(after, spot.length)
        if write:
            setattr(spot.row, spot.attribute, after)
            session.add(spot.row)
        yield spot.where, spot.kind, before, after


def _fields(session: Session, meeting: Meeting) -> Iterator[_Field]:
    """Every free text of a meeting, where it is in words."""
    yield _Field(meeting, "title", _("the title of the meeting"), _LINE)
    yield _Field(meeting, "location", _("the place of the meeting"), _LINE)
    yield _Field(meeting, "chair", _("the chair of the meeting"), _LINE, person=True)
    yield _Field(meeting, "note_taker", _("the note-taker of the meeting"), _LINE, person=True)
    items = session.scalars(
        select(AgendaItem)
        .where(col(AgendaItem.meeting_id) == meeting.id)
        .order_by(col(AgendaItem.position))
    ).all()
    for item in items:
        where = _item_where(item.position, item.title)
        yield _Field(item, "title", _("{item}: its title").format(item=where), _LINE)
        yield _Field(item, "notes", _("{item}: the notes").format(item=where))
        cards = session.scalars(
            select(Card).where(col(Card.agenda_item_id) == item.id).order_by(col(Card.id))
        ).all()
        for card in cards:
            yield _Field(
                card, "text", _("{item}: a card of the problem analysis").format(item=where)
            )
        polls = session.scalars(
            select(Poll).where(col(Poll.agenda_item_id) == item.id).order_by(col(Poll.id))
        ).all()
        for poll in polls:
            vote = _("{item}: the vote “{question}”").format(item=where, question=poll.question)
            yield _Field(poll, "question", vote)
            yield _Field(poll, "result_text", vote)
            yield _Field(poll, "digital_source", vote)
            options = session.scalars(
                select(PollOption)
                .where(col(PollOption.poll_id) == poll.id)
                .order_by(col(PollOption.position))
            ).all()
            for option in options:
                yield _Field(option, "label", vote, OPTION_MAX)
    decisions = session.scalars(
        select(Decision).where(col(Decision.meeting_id) == meeting.id).order_by(col(Decision.id))
    ).all()
    for decision in decisions:
        yield _Field(decision, "text", _("a decision"))
    actions = session.scalars(
        select(ActionItem)
        .where(col(ActionItem.meeting_id) == meeting.id)
        .order_by(col(ActionItem.id))
    ).all()
    for action in actions:
        yield _Field(action, "what", _("an action point"))
        yield _Field(
            action,
            "who",
            _("the action point “{what}”").format(what=_excerpt(action.what, 60)),
            _LINE,
            kind=RecordKind.ACTION_OWNER,
        )


def _attendees(session: Session, meeting_id: int | None) -> list[Attendee]:
    return list(
        session.scalars(
            select(Attendee)
            .where(col(Attendee.meeting_id) == meeting_id)
            .order_by(col(Attendee.id))
        ).all()
    )


def _people(attendees: list[Attendee]) -> list[Person]:
    # Numbered as the public minutes number them: a resident keeps the number they had there.
    order = numbering_order((a.id or 0, a.presence, a.arrived_at) for a in attendees)
    return [
        Person(a.id or 0, a.name, Consent(a.consent), order=order[a.id or 0]) for a in attendees
    ]


def _item_where(position: int, title: str) -> str:
    return _("item {number} “{title}”").format(number=position + 1, title=_excerpt(title, 60))


def _excerpt(text: str, length: int = _EXCERPT) -> str:
    """A text on one line, shortened for a listing."""
    return fit(" ".join(text.split()), length)
