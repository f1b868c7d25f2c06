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

from models import validation as check
from models.agenda_template import TemplateItem, standard_agenda
from models.attendance import attendance_counts_of
from models.database import Database, database_url
from models.domain import (
    Consent,
    MeetingStatus,
    MinutesStatus,
    ParticipationLevel,
    Presence,
    Purpose,
    Role,
    default_consent,
)
from models.errors import ChangedMeanwhileError, InvalidInputError, NotFoundError
from models.i18n import _
from models.row_views import agenda_item_info
from models.store_analysis import AnalysisActions
from models.store_base import UNSET, hold, text_order
from models.store_beamer import BeamerActions
from models.store_checks import refuse_people_in_use
from models.store_files import FileActions
from models.store_minutes import MinutesActions
from models.store_polls import PollActions
from models.store_privacy import PrivacyActions
from models.store_review import ReviewActions
from models.store_speakers import (
    SpeakerActions,
    end_open_turns,
    pause_turns_for_break,
    resume_turns_after_break,
)
from models.tables import AgendaItem, Attendee, Meeting, MeetingBreak, Process
from models.timing import Break, period_seconds
from models.views import (
    AgendaItemInfo,
    AgendaState,
    AttendanceCounts,
    AttendeeInfo,
    MeetingInfo,
    MeetingSummary,
    ProcessInfo,
)


class Store(
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
                _process_info(p) for p in sorted(rows, key=lambda p: (text_order(p.title), p.id))
            ]

    def get_process(self, process_id: int) -> ProcessInfo:
        with self._transaction() as session:
            return _process_info(self._get(session, Process, process_id, _("process")))

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
            return _process_info(process)

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
            return _process_info(process)

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
            return _meeting_info(meeting, process)

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
                raise NotFoundError(
                    _("There is no {what} with number {id}.").format(
                        what=_("agenda item"), id=item_id
                    )
                )
            return agenda_item_info(item)

    # ------------------------------------------------------------ running the meeting

    def agenda_state(self, meeting_id: int) -> AgendaState:
        """The meeting, its items, the running item and the breaks, in one read."""
        with self._transaction() as session:
            return self._state(session, self._get(session, Meeting, meeting_id, _("meeting")))

    def adopt_agenda(self, meeting_id: int) -> MeetingInfo:
        """Record "agenda vastgesteld" (the first moment counts; a second call keeps it)."""
        with self._transaction() as session:
            hold(session, Meeting, meeting_id)  # which item runs, which break is on
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            if meeting.agenda_adopted_at is None:
                meeting.agenda_adopted_at = self.now()
                session.add(meeting)
                session.flush()
            return _meeting_view(session, meeting)

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

    def start_meeting(self, meeting_id: int) -> AgendaState:
        """Open the meeting: records the actual start (nothing changes if it already runs)."""
        with self._transaction() as session:
            hold(session, Meeting, meeting_id)  # which item runs, which break is on
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            self._refuse_closed(meeting)
            self._start(session, meeting, self.now())
            return self._state(session, meeting)

    def start_item(self, item_id: int) -> AgendaState:
        """Run this item, stopping the one that runs; also how to go back to an earlier item."""
        with self._transaction() as session:
            _hold_meeting_of(session, item_id)
            item = self._get(session, AgendaItem, item_id, _("agenda item"))
            meeting = self._get(session, Meeting, item.meeting_id, _("meeting"))
            self._refuse_closed(meeting)
            if item.resumed_at is None:
                self._run(session, meeting, item, self.now())
            return self._state(session, meeting)

    def next_item(self, meeting_id: int, *, seen_running: int | None = UNSET) -> AgendaState:
        """Run the item after the running one (or the first item not done when none runs).

        ``seen_running`` is the running item the chair saw (None: none ran); when another
        laptop started another item since, nothing happens (:class:`ChangedMeanwhileError`):
        V must not skip an item the chair never saw running.
        """
        with self._transaction() as session:
            hold(session, Meeting, meeting_id)  # which item runs, which break is on
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            self._refuse_closed(meeting)
            items = _item_rows(session, meeting_id)
            if not items:
                raise InvalidInputError(_("The agenda has no items yet."))
            running = next((n for n, i in enumerate(items) if i.resumed_at is not None), None)
            if seen_running is not UNSET and seen_running != (
                items[running].id if running is not None else None
            ):
                raise ChangedMeanwhileError(
                    _("Another item was started elsewhere meanwhile; press V again if needed.")
                )
            if running is None:
                following = next((i for i in items if i.ended_at is None), None)
                if following is None:
                    raise InvalidInputError(
                        _("All items have been dealt with; close the meeting when it is done.")
                    )
            elif running == len(items) - 1:
                raise InvalidInputError(
                    _("This is the last item; close the meeting when it is done.")
                )
            else:
                following = items[running + 1]
            item = self._get(session, AgendaItem, following.id, _("agenda item"))
            self._run(session, meeting, item, self.now())
            return self._state(session, meeting)

    def close_meeting(self, meeting_id: int) -> AgendaState:
        """Close the meeting: the running item and a running break stop, the end is recorded."""
        with self._transaction() as session:
            hold(session, Meeting, meeting_id)  # which item runs, which break is on
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            if meeting.status == MeetingStatus.GESLOTEN.value:
                return self._state(session, meeting)  # closed already: keep the first end
            if meeting.status != MeetingStatus.LOPEND.value:
                raise InvalidInputError(_("This meeting has not started yet."))
            now = self.now()
            self._stop_running(session, meeting.id, now)
            running_break = _running_break(session, meeting.id)
            if running_break is not None:
                running_break.ended_at = now
                session.add(running_break)
            meeting.actual_end = now
            meeting.status = MeetingStatus.GESLOTEN.value
            session.add(meeting)
            session.flush()
            return self._state(session, meeting)

    def start_break(self, meeting_id: int) -> AgendaState:
        """Pause the meeting: item timers stand still until the break ends."""
        with self._transaction() as session:
            hold(session, Meeting, meeting_id)  # which item runs, which break is on
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            self._refuse_closed(meeting)
            if meeting.status != MeetingStatus.LOPEND.value:
                raise InvalidInputError(_("This meeting has not started yet."))
            if _running_break(session, meeting_id) is not None:
                raise InvalidInputError(_("There is already a break going on."))
            _hold_running_item(session, meeting_id)  # its speaker list: the clock stops
            now = self.now()
            session.add(MeetingBreak(meeting_id=meeting_id, started_at=now))
            session.flush()
            pause_turns_for_break(session.connection(), meeting_id, now)
            return self._state(session, meeting)

    def end_break(self, meeting_id: int) -> AgendaState:
        """End the break: the running item's timer goes on."""
        with self._transaction() as session:
            hold(session, Meeting, meeting_id)  # which item runs, which break is on
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            running_break = _running_break(session, meeting_id)
            if running_break is None:
                raise InvalidInputError(_("There is no break going on."))
            _hold_running_item(session, meeting_id)  # its speaker list: the clock runs on
            assert running_break.started_at is not None  # NOT NULL in the table
            now = self.now()
            running_break.ended_at = now
            session.add(running_break)
            session.flush()
            resume_turns_after_break(
                session.connection(), meeting_id, running_break.started_at, now
            )
            return self._state(session, meeting)

    @staticmethod
    def _refuse_closed(meeting: Meeting) -> None:
        if meeting.status == MeetingStatus.GESLOTEN.value:
            raise InvalidInputError(_("This meeting is closed; its agenda can no longer run."))

    @staticmethod
    def _start(session: Session, meeting: Meeting, now: datetime) -> None:
        if meeting.status == MeetingStatus.GEPLAND.value:
            meeting.status = MeetingStatus.LOPEND.value
            meeting.actual_start = now
            session.add(meeting)
            session.flush()

    def _run(self, session: Session, meeting: Meeting, item: AgendaItem, now: datetime) -> None:
        """Stop the running item of the meeting and run ``item`` from ``now``."""
        assert meeting.id is not None
        self._start(session, meeting, now)
        self._stop_running(session, meeting.id, now)
        if item.started_at is None:
            item.started_at = now
        item.resumed_at = now
        item.ended_at = None
        session.add(item)
        session.flush()

    @staticmethod
    def _stop_running(session: Session, meeting_id: int, now: datetime) -> None:
        """End the current period of the running item: its time (minus breaks) is kept, and
        the turn going on ends at the same moment (S10).

        Every path that ends the running item comes here: another item started (V, B) and
        the meeting closed. The item's row is written first: on a server that waits for a
        speaker key holding the item, whose new turn is then ended as well.
        """
        breaks = _breaks(session, meeting_id)
        running = session.scalars(
            select(AgendaItem).where(
                col(AgendaItem.meeting_id) == meeting_id, col(AgendaItem.resumed_at).is_not(None)
            )
        ).all()
        for item in running:
            assert item.resumed_at is not None
            item.spent_seconds += period_seconds(item.resumed_at, now, breaks)
            item.resumed_at = None
            item.ended_at = now
            session.add(item)
        session.flush()
        end_open_turns(session.connection(), meeting_id, now)

    @staticmethod
    def _state(session: Session, meeting: Meeting) -> AgendaState:
        assert meeting.id is not None
        items = [agenda_item_info(i) for i in _item_rows(session, meeting.id)]
        breaks = _breaks(session, meeting.id)
        return AgendaState(
            meeting=_meeting_view(session, meeting),
            items=items,
            running_item_id=next((i.id for i in items if i.resumed_at is not None), None),
            breaks=breaks,
            on_break=bool(breaks) and breaks[-1].ended_at is None,
        )


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
    from models.tables import ActionItem, Card, Decision, Poll, SpeakerEntry

    return any(
        session.scalar(select(col(table.id)).where(col(table.agenda_item_id) == item_id).limit(1))
        is not None
        for table in (SpeakerEntry, Card, Poll, Decision, ActionItem)
    )


def _hold_running_item(session: Session, meeting_id: int) -> None:
    """:func:`hold` the running item of a meeting: a break changes its speaker's clock, which
    the speaker keys (holding the item) change too."""
    running = session.scalar(
        select(col(AgendaItem.id)).where(
            col(AgendaItem.meeting_id) == meeting_id, col(AgendaItem.resumed_at).is_not(None)
        )
    )
    if running is not None:
        hold(session, AgendaItem, running)


def _items(session: Session, meeting_id: int) -> list[AgendaItem]:
    """The agenda items of a meeting in their order."""
    return list(
        session.scalars(
            select(AgendaItem)
            .where(col(AgendaItem.meeting_id) == meeting_id)
            .order_by(col(AgendaItem.position), col(AgendaItem.id))
        ).all()
    )


def _item_rows(session: Session, meeting_id: int) -> list[Any]:
    """The agenda items of a meeting in their order, as rows (SQLAlchemy Core): what is
    read to show the agenda and to decide, not to change. A hundred items as ORM objects took
    most of the time of V (next item)."""
    table = AgendaItem.__table__  # type: ignore[attr-defined]
    return list(
        session.execute(
            select(table)
            .where(table.c.meeting_id == meeting_id)
            .order_by(table.c.position, table.c.id)
        ).all()
    )


def _breaks(session: Session, meeting_id: int) -> list[Break]:
    rows = session.scalars(
        select(MeetingBreak)
        .where(col(MeetingBreak.meeting_id) == meeting_id)
        .order_by(col(MeetingBreak.started_at), col(MeetingBreak.id))
    ).all()
    return [Break(b.started_at, b.ended_at) for b in rows if b.started_at is not None]


def _running_break(session: Session, meeting_id: int) -> MeetingBreak | None:
    return session.scalars(
        select(MeetingBreak).where(
            col(MeetingBreak.meeting_id) == meeting_id, col(MeetingBreak.ended_at).is_(None)
        )
    ).first()


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


def _process_info(p: Process) -> ProcessInfo:
    assert p.id is not None
    return ProcessInfo(
        id=p.id,
        title=p.title,
        neighbourhood=p.neighbourhood,
        participation_level=ParticipationLevel(p.participation_level),
        budget_euro_cents=p.budget_euro_cents,
        decision_deadline=p.decision_deadline,
        fixed_text=p.fixed_text,
        open_text=p.open_text,
        feedback_text=p.feedback_text,
        contact=p.contact,
        template=p.template,
    )


def _meeting_view(session: Session, meeting: Meeting) -> MeetingInfo:
    """A meeting with its process, as the screens get it."""
    process = session.get(Process, meeting.process_id) if meeting.process_id else None
    return _meeting_info(meeting, process)


def _meeting_info(m: Meeting, process: Process | None) -> MeetingInfo:
    assert m.id is not None
    return MeetingInfo(
        id=m.id,
        title=m.title,
        date=m.date,
        start_time=m.start_time,
        scheduled_end_time=m.scheduled_end_time,
        location=m.location,
        chair=m.chair,
        note_taker=m.note_taker,
        status=MeetingStatus(m.status),
        actual_start=m.actual_start,
        actual_end=m.actual_end,
        agenda_adopted_at=m.agenda_adopted_at,
        minutes_status=MinutesStatus(m.minutes_status),
        minutes_approved_on=m.minutes_approved_on,
        process=_process_info(process) if process is not None else None,
    )


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
