"""The Store's part for processes (trajecten): their title, participation level and frames."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models.database.tables import Meeting, Process
from models.domain import ParticipationLevel
from models.errors import InvalidInputError
from models.i18n import _
from models.records.meeting import MeetingInfo, ProcessInfo
from models.rules import validation as check
from models.store.base import StoreBase, text_order
from models.store.rows import meeting_info, process_info

#: The longest contact line of a process: a name, a role, a website or a place.
CONTACT_MAX = 500
#: The longest path of a house-style template (the column is that wide).
TEMPLATE_PATH_MAX = 1000
TEMPLATE_SUFFIXES = (".docx", ".dotx")


class ProcessActions(StoreBase):
    """Store methods for processes; combined into :class:`models.store.Store`."""

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
            process = Process(title=process_title(title))
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
                process.title = process_title(changes.pop("title"))
            _apply_process_fields(process, **changes)
            session.add(process)
            session.flush()
            return process_info(process)

    def create_process_for_meeting(self, meeting_id: int, title: str, **fields: Any) -> MeetingInfo:
        """Start a process with its frames and link the meeting to it, in one step."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            process = Process(title=process_title(title))
            _apply_process_fields(process, **fields)
            session.add(process)
            session.flush()
            meeting.process_id = process.id
            session.add(meeting)
            session.flush()
            return meeting_info(meeting, process)


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


def process_title(text: str) -> str:
    """The title of a process as it is kept (refused when empty or too long)."""
    return check.clean_line(text, _("The title of the process"))
