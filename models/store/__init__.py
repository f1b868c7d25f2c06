"""The Store: the only place that reads and writes the database.

Every user action is one method, one transaction, committed before it returns; it returns plain
data (``models.views``) and refuses bad input with a :class:`~models.errors.BazError` whose
message is written for the user. Screens hold a Store, never a session.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlmodel import Session, col

from models.database import Database, database_url
from models.database.tables import AgendaItem, Attendee, Meeting, Process
from models.domain import (
    Consent,
    ParticipationLevel,
    Presence,
    Purpose,
    Role,
    default_consent,
)
from models.errors import ChangedMeanwhileError, InvalidInputError
from models.i18n import _
from models.records.meeting import (
    AgendaItemInfo,
    AttendanceCounts,
    AttendeeInfo,
    MeetingInfo,
    MeetingSummary,
    ProcessInfo,
)
from models.rules import validation as check
from models.rules.agenda_template import TemplateItem, standard_agenda
from models.rules.attendance import attendance_counts_of
from models.store.analysis import AnalysisActions
from models.store.base import UNSET, hold, not_found, text_order
from models.store.beamer import BeamerActions
from models.store.checks import refuse_people_in_use
from models.store.meeting_files import FileActions
from models.store.minutes import MinutesActions
from models.store.polls import PollActions
from models.store.privacy import PrivacyActions
from models.store.review import ReviewActions
from models.store.rows import agenda_item_info, meeting_info, process_info
from models.store.running import RunningActions
from models.store.speakers import (
    SpeakerActions,
)


class Store(
    RunningActions,
    SpeakerActions,
    PollActions,
    AnalysisActions,
    MinutesActions,
    BeamerActions,
    FileActions,
    PrivacyActions,
    ReviewActions,
):
    """All reading and writing of BaZ data, one committed transaction per user action."""

    # ---------------------------------------------------------------- processes

    def list_processes(self) -> list[ProcessInfo]:
        with self._transaction() as session:
            rows = session.scalars(select(Process)).all()
            # Sorted here, not by the database: the same order under every collation.
            return [
                process_info(p) for p in sorted(rows, key=lambda p: (text_order(p.title), p.id))
            ]

    def get_process(self, process_id: int) -> ProcessInfo:
        with self._transaction() as session:
            return process_info(self._get(session, Process, process_id, _("process")))

    def create_process(
        self,
        title: str,
        *,
        neighbourhood: str = "",
        participation_level: ParticipationLevel = ParticipationLevel.RAADPLEGEN,
        budget_euro_cents: int | None = None,
        decision_deadline: date | None = None,
        fixed_text: str = "",
        open_text: str = "",
        feedback_text: str = "",
        contact: str = "",
        template: str = "",
    ) -> ProcessInfo:
        with self._transaction() as session:
            process = Process(title=check.clean_line(title, _("The title of the process")))
            _apply_process_fields(
                process,
                neighbourhood=neighbourhood,
                participation_level=participation_level,
                budget_euro_cents=budget_euro_cents,
                decision_deadline=decision_deadline,
                fixed_text=fixed_text,
                open_text=open_text,
                feedback_text=feedback_text,
                contact=contact,
                template=template,
            )
            session.add(process)
            session.flush()
            return process_info(process)

    def update_process(self, process_id: int, **changes: Any) -> ProcessInfo:
        """Change some fields of a process: title, neighbourhood, level, frames, the contact
        for questions and the house-style template."""
        with self._transaction() as session:
            process = self._get(session, Process, process_id, _("process"))
            if "title" in changes:
                process.title = check.clean_line(
                    changes.pop("title"), _("The title of the process")
                )
            _apply_process_fields(process, **changes)
            session.add(process)
            session.flush()
            return process_info(process)

    def create_process_for_meeting(self, meeting_id: int, title: str, **fields: Any) -> MeetingInfo:
        """Start a process with its frames and link the meeting to it, in one step."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            process = Process(title=check.clean_line(title, _("The title of the process")))
            _apply_process_fields(process, **fields)
            session.add(process)
            session.flush()
            meeting.process_id = process.id
            session.add(meeting)
            session.flush()
            return meeting_info(meeting, process)

    # ----------------------------------------------------------------- meetings

    def list_meetings(self) -> list[MeetingSummary]:
        """All meetings, newest first."""
        return self.database.list_meetings()

    def get_meeting(self, meeting_id: int) -> MeetingInfo:
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            return _meeting_view(session, meeting)

    def create_meeting(
        self,
        title: str,
        meeting_date: date,
        start_time: time,
        *,
        location: str = "",
        process_id: int | None = None,
        new_process_title: str = "",
        scheduled_end_time: time | None = None,
        chair: str = "",
        note_taker: str = "",
        content_items: tuple[TemplateItem, ...] = (),
    ) -> MeetingInfo:
        """A new meeting on the standard agenda, in an existing or a new process."""
        with self._transaction() as session:
            meeting = Meeting(
                title=check.clean_line(title, _("The title of the meeting")),
                date=meeting_date,
                start_time=start_time,
                scheduled_end_time=scheduled_end_time,
                location=check.clean_line(location, _("The location"), required=False),
                chair=check.clean_line(chair, _("The chair"), required=False),
                note_taker=check.clean_line(note_taker, _("The note-taker"), required=False),
            )
            meeting.process_id = self._resolve_process(session, process_id, new_process_title)
            session.add(meeting)
            session.flush()
            assert meeting.id is not None  # given by the flush
            for position, item in enumerate(standard_agenda(content_items)):
                session.add(
                    AgendaItem(
                        meeting_id=meeting.id,
                        position=position,
                        title=item.title,
                        purpose=item.purpose.value,
                        planned_minutes=item.planned_minutes,
                    )
                )
            session.flush()
            return _meeting_view(session, meeting)

    def update_meeting(self, meeting_id: int, **changes: Any) -> MeetingInfo:
        """Change the header fields of a meeting (title, date, times, location, chair, ...)."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            fields = {
                "title": lambda v: check.clean_line(v, _("The title of the meeting")),
                "location": lambda v: check.clean_line(v, _("The location"), required=False),
                "chair": lambda v: check.clean_line(v, _("The chair"), required=False),
                "note_taker": lambda v: check.clean_line(v, _("The note-taker"), required=False),
                "date": lambda v: v,
                "start_time": lambda v: v,
                "scheduled_end_time": lambda v: v,
            }
            for name, value in changes.items():
                if name == "new_process_title":
                    if value.strip():
                        meeting.process_id = self._resolve_process(session, None, value)
                elif name == "process_id":
                    meeting.process_id = (
                        self._get(session, Process, value, _("process")).id if value else None
                    )
                elif name in fields:
                    setattr(meeting, name, fields[name](value))
                else:
                    raise TypeError(f"update_meeting() got an unknown field {name!r}")
            session.add(meeting)
            session.flush()
            return _meeting_view(session, meeting)

    def delete_meeting(self, meeting_id: int) -> None:
        """Remove a meeting with everything recorded in it."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            session.delete(meeting)

    def copy_meeting(
        self,
        source_id: int,
        title: str,
        meeting_date: date,
        start_time: time,
        *,
        location: str | None = None,
    ) -> MeetingInfo:
        """A new meeting with the agenda and attendees of an earlier one (presence reset)."""
        with self._transaction() as session:
            source = self._get(session, Meeting, source_id, _("meeting"))
            meeting = Meeting(
                title=check.clean_line(title, _("The title of the meeting")),
                date=meeting_date,
                start_time=start_time,
                scheduled_end_time=source.scheduled_end_time,
                location=source.location
                if location is None
                else check.clean_line(location, _("The location"), required=False),
                chair=source.chair,
                note_taker=source.note_taker,
                process_id=source.process_id,
            )
            session.add(meeting)
            session.flush()
            assert meeting.id is not None  # given by the flush
            items = session.scalars(
                select(AgendaItem)
                .where(col(AgendaItem.meeting_id) == source_id)
                .order_by(col(AgendaItem.position))
            ).all()
            for item in items:
                session.add(
                    AgendaItem(
                        meeting_id=meeting.id,
                        position=item.position,
                        title=item.title,
                        purpose=item.purpose,
                        hamerstuk=item.hamerstuk,
                        planned_minutes=item.planned_minutes,
                        speaking_limit_seconds=item.speaking_limit_seconds,
                        order_policy=item.order_policy,
                        dots_per_participant=item.dots_per_participant,
                    )
                )
            people = session.scalars(
                select(Attendee)
                .where(col(Attendee.meeting_id) == source_id)
                .order_by(col(Attendee.id))
            ).all()
            for person in people:
                session.add(
                    Attendee(
                        meeting_id=meeting.id,
                        name=person.name,
                        role=person.role,
                        consent=person.consent,
                    )
                )
            session.flush()
            return _meeting_view(session, meeting)

    @staticmethod
    def _resolve_process(session: Session, process_id: int | None, new_title: str) -> int | None:
        if new_title.strip():
            process = Process(title=check.clean_line(new_title, _("The title of the process")))
            session.add(process)
            session.flush()
            return process.id
        if process_id is not None:
            return Store._get(session, Process, process_id, _("process")).id
        return None

    # ---------------------------------------------------------------- attendees

    def list_attendees(self, meeting_id: int) -> list[AttendeeInfo]:
        """The attendees of a meeting in alphabetical order."""
        with self._transaction() as session:
            self._get(session, Meeting, meeting_id, _("meeting"))
            # Rows with SQLAlchemy Core, not ORM objects: 300 people in about a fifth of the
            # time, and the attendance screen and the speaker list read them when shown.
            table = Attendee.__table__  # type: ignore[attr-defined]
            rows = session.execute(select(table).where(table.c.meeting_id == meeting_id)).all()
            # Sorted here, not by the database: SQLite's lower() knows only ASCII and a
            # server sorts by its own collation; this is the same everywhere.
            ordered = sorted(rows, key=lambda a: (text_order(a.name), a.id))
            return [_attendee_info(a) for a in ordered]

    def add_attendee(
        self,
        meeting_id: int,
        name: str,
        role: Role = Role.BEWONER,
        consent: Consent | None = None,
        presence: Presence = Presence.ONBEKEND,
    ) -> AttendeeInfo:
        with self._transaction() as session:
            self._get(session, Meeting, meeting_id, _("meeting"))
            role = Role(role)
            attendee = Attendee(
                meeting_id=meeting_id,
                name=check.clean_line(name, _("The name")),
                role=role.value,
                consent=Consent(consent or default_consent(role)).value,
                presence=Presence(presence).value,
                arrived_at=self.now() if presence == Presence.AANWEZIG else None,
            )
            session.add(attendee)
            session.flush()
            return _attendee_info(attendee)

    def update_attendee(
        self,
        attendee_id: int,
        *,
        name: str | None = None,
        role: Role | None = None,
        consent: Consent | None = None,
        expected: AttendeeInfo | None = None,
    ) -> AttendeeInfo:
        """Change a person's name, role or consent.

        ``expected`` (for an undo): the person as the undone change left them; refused,
        changing nothing, when someone changed their name, role or consent since.
        """
        with self._transaction() as session:
            attendee = self._get(session, Attendee, attendee_id, _("attendee"))
            if expected is not None and (attendee.name, attendee.role, attendee.consent) != (
                expected.name,
                expected.role.value,
                expected.consent.value,
            ):
                raise _changed_since(attendee.name)
            if name is not None:
                attendee.name = check.clean_line(name, _("The name"))
            if role is not None:
                attendee.role = Role(role).value
            if consent is not None:
                attendee.consent = Consent(consent).value
            session.add(attendee)
            session.flush()
            return _attendee_info(attendee)

    def remove_attendee(self, attendee_id: int, *, if_unused: bool = False) -> None:
        """Take a person off the attendee list (their turns and cards stay, anonymous).

        ``if_unused`` (for undoing an add): refused when the person has been on a speaker list
        or wrote a card since — taking them off then would change someone's work.
        """
        with self._transaction() as session:
            attendee = self._get(session, Attendee, attendee_id, _("attendee"))
            if if_unused:
                refuse_people_in_use(session, [attendee])
            session.delete(attendee)

    def set_presence(
        self,
        attendee_id: int,
        presence: Presence,
        *,
        expected: Presence | None = None,
        arrived_at: datetime | None = UNSET,
    ) -> AttendeeInfo:
        """Mark someone present, absent with notice or absent; arrival time is recorded once.

        For an undo: ``expected`` is the presence the undone mark left (refused, changing
        nothing, when someone marked the person otherwise since) and ``arrived_at`` the
        arrival time as it was before it (a wrong "present" taken back leaves no arrival).
        """
        with self._transaction() as session:
            attendee = self._get(session, Attendee, attendee_id, _("attendee"))
            if expected is not None and attendee.presence != Presence(expected).value:
                raise _changed_since(attendee.name)
            presence = Presence(presence)
            attendee.presence = presence.value
            if arrived_at is not UNSET:
                attendee.arrived_at = arrived_at
            elif presence == Presence.AANWEZIG and attendee.arrived_at is None:
                attendee.arrived_at = self.now()
            session.add(attendee)
            session.flush()
            return _attendee_info(attendee)

    def attendance_counts(self, meeting_id: int) -> AttendanceCounts:
        with self._transaction() as session:
            rows = session.execute(
                select(col(Attendee.role), col(Attendee.presence), func.count())
                .where(col(Attendee.meeting_id) == meeting_id)
                .group_by(col(Attendee.role), col(Attendee.presence))
            ).all()
        return attendance_counts_of((Role(r), Presence(p), n) for r, p, n in rows)

    # ------------------------------------------------------------------- agenda

    def list_agenda(self, meeting_id: int) -> list[AgendaItemInfo]:
        with self._transaction() as session:
            self._get(session, Meeting, meeting_id, _("meeting"))
            rows = session.scalars(
                select(AgendaItem)
                .where(col(AgendaItem.meeting_id) == meeting_id)
                .order_by(col(AgendaItem.position))
            ).all()
            return [agenda_item_info(i) for i in rows]

    def add_agenda_item(
        self,
        meeting_id: int,
        title: str,
        *,
        purpose: Purpose = Purpose.BESPREKING,
        planned_minutes: int = 10,
        position: int | None = None,
        notes: str = "",
    ) -> AgendaItemInfo:
        """Insert an agenda item (default: before Rondvraag and Sluiting, i.e. at the end)."""
        with self._transaction() as session:
            hold(session, Meeting, meeting_id)  # the positions of its items
            self._get(session, Meeting, meeting_id, _("meeting"))
            items = session.scalars(
                select(AgendaItem)
                .where(col(AgendaItem.meeting_id) == meeting_id)
                .order_by(col(AgendaItem.position))
            ).all()
            at = len(items) if position is None else max(0, min(position, len(items)))
            for item in items[at:]:
                item.position += 1
                session.add(item)
            new = AgendaItem(
                meeting_id=meeting_id,
                position=at,
                title=check.clean_line(title, _("The title of the agenda item")),
                purpose=Purpose(purpose).value,
                planned_minutes=check.whole_number(
                    planned_minutes, _("The planned minutes"), low=0, high=600
                ),
                notes=check.clean_text(notes),
            )
            session.add(new)
            session.flush()
            return agenda_item_info(new)

    def update_agenda_item(
        self,
        item_id: int,
        *,
        title: str | None = None,
        purpose: Purpose | None = None,
        hamerstuk: bool | None = None,
        planned_minutes: int | str | None = None,
        speaking_limit_seconds: int | str | None = None,
        expected: AgendaItemInfo | None = None,
    ) -> AgendaItemInfo:
        """Change the given fields of an agenda item; any bad value refuses the whole change.

        ``expected`` (for an undo): the item as the undone change left it; refused, changing
        nothing, when someone changed its title, purpose, times or hamerstuk since.
        """
        with self._transaction() as session:
            item = self._get(session, AgendaItem, item_id, _("agenda item"))
            if expected is not None and _item_fields(agenda_item_info(item)) != _item_fields(
                expected
            ):
                raise _changed_since(item.title)
            # Everything is checked before anything is set, so a refusal leaves the item as it was.
            changes: dict[str, Any] = {}
            if title is not None:
                changes["title"] = check.clean_line(title, _("The title of the agenda item"))
            if purpose is not None:
                changes["purpose"] = Purpose(purpose).value
            if planned_minutes is not None:
                changes["planned_minutes"] = check.whole_number(
                    planned_minutes, _("The planned minutes"), low=0, high=600
                )
            if speaking_limit_seconds is not None:
                changes["speaking_limit_seconds"] = check.whole_number(
                    speaking_limit_seconds, _("The speaking time"), low=0, high=3600
                )
            if hamerstuk is not None:
                changes["hamerstuk"] = bool(hamerstuk)
                if not hamerstuk:
                    changes["hamered_at"] = None  # no longer a hamerstuk: nothing was agreed
            for name, value in changes.items():
                setattr(item, name, value)
            session.add(item)
            session.flush()
            return agenda_item_info(item)

    def delete_agenda_item(self, item_id: int, *, if_untouched: bool = False) -> None:
        """Remove an agenda item; the items after it move up.

        ``if_untouched`` (for undoing an add): refused when anything was recorded on the item
        since — notes, speakers, cards, votes, decisions or action points.
        """
        with self._transaction() as session:
            _hold_meeting_of(session, item_id)
            item = self._get(session, AgendaItem, item_id, _("agenda item"))
            if if_untouched and (item.notes.strip() or _item_has_records(session, item_id)):
                raise ChangedMeanwhileError(
                    _("Something was recorded on “{title}” since; it stays (Del deletes).").format(
                        title=item.title
                    )
                )
            if item.resumed_at is not None:
                raise InvalidInputError(
                    _("“{title}” is running now; start another item before removing it.").format(
                        title=item.title
                    )
                )
            meeting_id = item.meeting_id
            session.delete(item)
            session.flush()
            for position, other in enumerate(_items(session, meeting_id)):
                if other.position != position:
                    other.position = position
                    session.add(other)

    def move_agenda_item(self, item_id: int, delta: int) -> list[AgendaItemInfo]:
        """Move an item up (-1) or down (+1) one place; returns the agenda in its new order."""
        with self._transaction() as session:
            _hold_meeting_of(session, item_id)
            item = self._get(session, AgendaItem, item_id, _("agenda item"))
            items = _items(session, item.meeting_id)
            at = next(n for n, other in enumerate(items) if other.id == item.id)
            to = at + delta
            if delta < 0 and to < 0:
                raise InvalidInputError(_("This is already the first item."))
            if delta > 0 and to >= len(items):
                raise InvalidInputError(_("This is already the last item."))
            items[at], items[to] = items[to], items[at]
            for position, other in enumerate(items):
                if other.position != position:
                    other.position = position
                    session.add(other)
            session.flush()
            return [agenda_item_info(i) for i in items]

    def save_notes(self, item_id: int, text: str) -> AgendaItemInfo:
        """Store the notes of an item (plain paragraphs and "- " bullet lines); one UPDATE."""
        notes = check.clean_text(text)
        with self._transaction() as session:
            item = session.scalars(
                update(AgendaItem)
                .where(col(AgendaItem.id) == item_id)
                .values(notes=notes)
                .returning(AgendaItem)
            ).one_or_none()
            if item is None:
                raise not_found(_("agenda item"), item_id)
            return agenda_item_info(item)

    # ----------------------------------------------------------------- formalities

    def hamer_item(self, item_id: int) -> AgendaItemInfo:
        """Record that a hamerstuk was agreed without discussion ("afgehamerd"), once."""
        with self._transaction() as session:
            item = self._get(session, AgendaItem, item_id, _("agenda item"))
            if not item.hamerstuk:
                raise InvalidInputError(
                    _("“{title}” is not a hamerstuk, so it cannot be gavelled through.").format(
                        title=item.title
                    )
                )
            if item.hamered_at is None:
                item.hamered_at = self.now()
                session.add(item)
                session.flush()
            return agenda_item_info(item)


# ----------------------------------------------------------------- conversions


def _hold_meeting_of(session: Session, item_id: int) -> None:
    """:func:`hold` the meeting of an agenda item: it orders the items and which one runs."""
    meeting_id = session.scalar(
        select(col(AgendaItem.meeting_id)).where(col(AgendaItem.id) == item_id)
    )
    hold(session, Meeting, meeting_id)


def _changed_since(what: str) -> ChangedMeanwhileError:
    return ChangedMeanwhileError(
        _("“{what}” was changed elsewhere since; nothing was undone.").format(what=what)
    )


def _item_fields(item: AgendaItemInfo) -> tuple[object, ...]:
    """What an edit of an agenda item changes."""
    return (
        item.title,
        item.purpose,
        item.planned_minutes,
        item.speaking_limit_seconds,
        item.hamerstuk,
    )


def _item_has_records(session: Session, item_id: int) -> bool:
    """Whether anything was recorded on an agenda item: speakers, cards, votes, decisions,
    action points."""
    from models.database.tables import ActionItem, Card, Decision, Poll, SpeakerEntry

    return any(
        session.scalar(select(col(table.id)).where(col(table.agenda_item_id) == item_id).limit(1))
        is not None
        for table in (SpeakerEntry, Card, Poll, Decision, ActionItem)
    )


def _items(session: Session, meeting_id: int) -> list[AgendaItem]:
    """The agenda items of a meeting in their order."""
    return list(
        session.scalars(
            select(AgendaItem)
            .where(col(AgendaItem.meeting_id) == meeting_id)
            .order_by(col(AgendaItem.position), col(AgendaItem.id))
        ).all()
    )


#: The longest contact line of a process: a name, a role, a website or a place.
CONTACT_MAX = 500
#: The longest path of a house-style template (the column is that wide).
TEMPLATE_PATH_MAX = 1000
TEMPLATE_SUFFIXES = (".docx", ".dotx")


def template_path(value: str | Path) -> str:
    """A house-style template as the process keeps it: the full path of a Word document
    (.docx or .dotx) that exists on this laptop, or "" for none (the setting's default)."""
    text = check.clean_line(
        str(value or ""), _("The house style"), required=False, max_length=TEMPLATE_PATH_MAX
    )
    if not text:
        return ""
    path = Path(text).expanduser()
    if path.suffix.casefold() not in TEMPLATE_SUFFIXES:
        raise InvalidInputError(
            _("The house style must be a Word document (.docx or .dotx): {path}").format(path=path)
        )
    if not path.is_file():
        raise InvalidInputError(_("The template {path} does not exist.").format(path=path))
    full = str(path.resolve())
    if len(full) > TEMPLATE_PATH_MAX:
        raise InvalidInputError(
            _("{what} is too long (at most {n} characters).").format(
                what=_("The house style"), n=TEMPLATE_PATH_MAX
            )
        )
    return full


def _apply_process_fields(process: Process, **fields: Any) -> None:
    for name, value in fields.items():
        if name == "neighbourhood":
            process.neighbourhood = check.clean_line(value, _("The neighbourhood"), required=False)
        elif name == "participation_level":
            process.participation_level = ParticipationLevel(value).value
        elif name == "budget_euro_cents":
            process.budget_euro_cents = (
                None
                if value is None
                else check.whole_number(value, _("The budget"), low=0, high=check.EUROS_CENTS_MAX)
            )
        elif name == "decision_deadline":
            process.decision_deadline = value
        elif name in ("fixed_text", "open_text", "feedback_text"):
            setattr(process, name, check.clean_text(value, max_length=5000))
        elif name == "contact":
            process.contact = check.clean_line(
                value, _("The contact"), required=False, max_length=CONTACT_MAX
            )
        elif name == "template":
            process.template = template_path(value)
        else:
            raise TypeError(f"unknown process field {name!r}")


def _meeting_view(session: Session, meeting: Meeting) -> MeetingInfo:
    """A meeting with its process, as the screens get it."""
    process = session.get(Process, meeting.process_id) if meeting.process_id else None
    return meeting_info(meeting, process)


def _attendee_info(a: Any) -> AttendeeInfo:
    """An attendee as the screens see it, from an ORM object or a Core row alike."""
    assert a.id is not None
    return AttendeeInfo(
        id=a.id,
        meeting_id=a.meeting_id,
        name=a.name,
        role=Role(a.role),
        presence=Presence(a.presence),
        consent=Consent(a.consent),
        arrived_at=a.arrived_at,
        left_at=a.left_at,
    )


__all__ = ["Store", "Database", "database_url"]
