"""The form behind "new", "edit" and "copy" meeting on the home screen.

Turning typed text into Store calls lives here so the home screen stays about the list.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from models.i18n import _
from models.records.meeting import MeetingInfo, MeetingSummary, ProcessInfo
from models.rules import validation as check
from screens.widgets.form_dialog import FormField, about_field

if TYPE_CHECKING:
    from models.store import Store

NO_PROCESS = "none"


def _short_date(value: date) -> str:  # "28-11-2026", the way it is typed back
    return value.strftime("%d-%m-%Y")


def example(text: str) -> str:
    """A placeholder that reads as an example, never as a value: "e.g. 8-12-2026"."""
    return _("e.g. {example}").format(example=text)


def meeting_fields(processes: list[ProcessInfo], meeting: MeetingInfo | None) -> list[FormField]:
    """The fields of the meeting form, filled from ``meeting`` when editing."""
    options = [(NO_PROCESS, _("(no process)"))] + [(str(p.id), p.title) for p in processes]
    current_process = (
        str(meeting.process.id) if meeting is not None and meeting.process else NO_PROCESS
    )
    return [
        FormField(
            "title",
            _("Title"),
            meeting.title if meeting else "",
            placeholder=example(_("Residents' evening playground")),
        ),
        FormField(
            "date",
            _("Date (day-month-year)"),
            _short_date(meeting.date) if meeting else "",
            placeholder=example("8-12-2026"),
        ),
        FormField(
            "start",
            _("Start time (hh:mm)"),
            meeting.start_time.strftime("%H:%M") if meeting else "19:30",
        ),
        FormField(
            "end",
            _("Planned end (hh:mm, optional)"),
            meeting.scheduled_end_time.strftime("%H:%M")
            if meeting and meeting.scheduled_end_time
            else "21:30",
        ),
        FormField(
            "location",
            _("Location"),
            meeting.location if meeting else "",
            placeholder=example(_("Community centre De Wielslag")),
        ),
        FormField("chair", _("Chair"), meeting.chair if meeting else ""),
        FormField("note_taker", _("Note-taker"), meeting.note_taker if meeting else ""),
        FormField("process", _("Process"), current_process, options=options),
        FormField(
            "new_process",
            _("…or a new process (title)"),
            "",
            placeholder=_("(leave empty to keep the choice above)"),
        ),
    ]


def _times(values: dict[str, str]) -> tuple[time, time | None]:
    with about_field("start"):
        start = check.parse_time(values["start"])
    with about_field("end"):
        end = check.parse_time(values["end"]) if values.get("end", "").strip() else None
    return start, end


def _title(values: dict[str, str]) -> str:
    with about_field("title"):
        return check.clean_line(values["title"], _("The title of the meeting"))


def _date(values: dict[str, str]) -> date:
    with about_field("date"):
        return check.parse_date(values["date"])


def _process_id(values: dict[str, str]) -> int | None:
    chosen = values.get("process", "")
    return int(chosen) if chosen and chosen != NO_PROCESS else None


def save_new_meeting(store: Store, values: dict[str, str]) -> MeetingInfo:
    """Create the meeting the form describes (standard agenda, existing or new process)."""
    title, meeting_date = _title(values), _date(values)
    start, end = _times(values)
    return store.create_meeting(
        title,
        meeting_date,
        start,
        scheduled_end_time=end,
        location=values["location"],
        chair=values["chair"],
        note_taker=values["note_taker"],
        process_id=_process_id(values),
        new_process_title=values.get("new_process", ""),
    )


def save_meeting_changes(store: Store, meeting_id: int, values: dict[str, str]) -> MeetingInfo:
    """Store the edited header fields of a meeting."""
    title, meeting_date = _title(values), _date(values)
    start, end = _times(values)
    new_process = values.get("new_process", "")
    # A new process title wins over the choice in the list; both go in one transaction.
    process_change: dict[str, object] = (
        {"new_process_title": new_process}
        if new_process.strip()
        else {"process_id": _process_id(values)}
    )
    return store.update_meeting(
        meeting_id,
        title=title,
        date=meeting_date,
        start_time=start,
        scheduled_end_time=end,
        location=values["location"],
        chair=values["chair"],
        note_taker=values["note_taker"],
        **process_change,
    )


def copy_fields(source: MeetingSummary) -> list[FormField]:
    return [
        FormField("title", _("Title of the new meeting"), source.title),
        FormField(
            "date",
            _("Date (day-month-year)"),
            "",
            placeholder=example(_short_date(source.date + timedelta(days=14))),
        ),
        FormField("start", _("Start time (hh:mm)"), source.start_time.strftime("%H:%M")),
    ]


def save_copy(store: Store, source_id: int, values: dict[str, str]) -> MeetingInfo:
    """A new meeting with the agenda and attendees of the source meeting."""
    title, meeting_date = _title(values), _date(values)
    with about_field("start"):
        start = check.parse_time(values["start"])
    return store.copy_meeting(source_id, title, meeting_date, start)
