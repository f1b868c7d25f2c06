"""The Store's part for meetings: create, copy, change and delete, and their order in a process."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, time
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from models.database.tables import AgendaItem, Attendee, Meeting, Process
from models.i18n import _
from models.records.meeting import MeetingInfo, MeetingSummary
from models.rules import validation as check
from models.rules.agenda_template import TemplateItem, standard_agenda
from models.store.base import StoreBase
from models.store.processes import process_title
from models.store.rows import meeting_info_with_process


class MeetingActions(StoreBase):
    """Store methods for meetings; combined into :class:`models.store.Store`."""

    def list_meetings(self) -> list[MeetingSummary]:
        """All meetings, newest first."""
        return self.database.list_meetings()

    def get_meeting(self, meeting_id: int) -> MeetingInfo:
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            return meeting_info_with_process(session, meeting)

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
            return meeting_info_with_process(session, meeting)

    def update_meeting(self, meeting_id: int, **changes: Any) -> MeetingInfo:
        """Change the header fields of a meeting (title, date, times, location, chair, ...)."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            fields: dict[str, Callable[[Any], object]] = {
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
            return meeting_info_with_process(session, meeting)

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
            return meeting_info_with_process(session, meeting)

    def previous_meeting(self, meeting_id: int) -> MeetingInfo | None:
        """The meeting of the same process just before this one, whose minutes are approved now."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            if meeting.process_id is None:
                return None
            here = held_order(meeting)
            earlier = [
                m for m in process_meetings(session, meeting.process_id) if held_order(m) < here
            ]
            if not earlier:
                return None
            previous = self._get(session, Meeting, max(earlier, key=held_order).id, _("meeting"))
            return meeting_info_with_process(session, previous)

    def next_meeting(self, meeting_id: int) -> MeetingInfo | None:
        """The meeting of the same process just after this one (the one its minutes announce)."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            if meeting.process_id is None:
                return None
            here = held_order(meeting)
            later = [
                m for m in process_meetings(session, meeting.process_id) if held_order(m) > here
            ]
            if not later:
                return None
            following = self._get(session, Meeting, min(later, key=held_order).id, _("meeting"))
            return meeting_info_with_process(session, following)

    def _resolve_process(
        self, session: Session, process_id: int | None, new_title: str
    ) -> int | None:
        if new_title.strip():
            process = Process(title=process_title(new_title))
            session.add(process)
            session.flush()
            return process.id
        if process_id is not None:
            return self._get(session, Process, process_id, _("process")).id
        return None


# ------------------------------------------------ the meetings of a process, in order


def held_order(meeting: Any) -> tuple[date, time, int]:
    """Meetings of a process in the order they were held."""
    return (meeting.date, meeting.start_time, meeting.id)


def process_meetings(session: Session, process_id: int) -> list[Any]:
    """(id, date, start_time) of every meeting of a process: a few columns, not whole rows."""
    return list(
        session.execute(
            select(col(Meeting.id), col(Meeting.date), col(Meeting.start_time)).where(
                col(Meeting.process_id) == process_id
            )
        ).all()
    )


def in_held_order(session: Session, ids: Iterable[int]) -> list[int]:
    """The ids of these meetings in the order they were held."""
    rows = session.execute(
        select(col(Meeting.id), col(Meeting.date), col(Meeting.start_time)).where(
            col(Meeting.id).in_(list(ids))
        )
    ).all()
    return [r.id for r in sorted(rows, key=held_order)]


def meeting_headings(session: Session, ids: Iterable[int]) -> dict[int, Any]:
    """The date and title of these meetings, by id (what a decision or action point shows of
    the meeting it was made in)."""
    rows = session.execute(
        select(col(Meeting.id), col(Meeting.date), col(Meeting.title)).where(
            col(Meeting.id).in_(list(ids))
        )
    ).all()
    return {r.id: r for r in rows}
