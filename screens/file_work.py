"""The file work behind the file dialogs of the screens, run in a thread by ``PathDialog``.

Each function reads or writes one file and calls the Store; none touches a widget, so they are
safe in a worker thread. A refusal is a :class:`~models.errors.BazError`, shown in the dialog.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.errors import BazError
from models.i18n import _

if TYPE_CHECKING:
    from models.domain import PollMethod
    from models.files.csv_import import AttendeeImport, VoteImport
    from models.files.meeting_file import LoadedMeeting
    from models.store import Store


def write_meeting_file(
    store: Store, meeting_id: int, path: Path, *, replace_read_only: bool = False
) -> Path:
    """Write the meeting to ``path`` (a folder gets the usual file name); where it went. A
    write-protected file there is replaced only with ``replace_read_only`` (the user agreed)."""
    from models.files import write_whole
    from models.files.meeting_file import encode, file_target

    meeting = store.get_meeting(meeting_id)
    target = file_target(path, meeting.title, meeting.date)
    return write_whole(
        target, encode(store.dump_meeting(meeting_id)), replace_read_only=replace_read_only
    )


@dataclass(frozen=True)
class LoadOutcome:
    """A meeting file read: loaded, or already here (then the checked content, to load a copy)."""

    loaded: LoadedMeeting | None = None
    duplicate: str = ""
    data: dict[str, Any] = field(default_factory=dict)


def load_meeting_file(store: Store, path: Path) -> LoadOutcome:
    """Read, check and load a meeting file; a meeting already here is not loaded but returned
    with the question to ask."""
    from models.files import read_file
    from models.files.meeting_file import SIZE_LIMIT, DuplicateMeetingError, parse_meeting_file

    data = parse_meeting_file(read_file(path, limit=SIZE_LIMIT))
    try:
        return LoadOutcome(loaded=store.load_meeting(data))
    except DuplicateMeetingError as error:
        return LoadOutcome(duplicate=error.message, data=data)


def read_attendees(path: Path, known_names: Iterable[str]) -> AttendeeImport:
    """The people of a CSV list that can be added (those already on the list left out)."""
    from models.files import read_file
    from models.files.csv_import import SIZE_LIMIT, parse_attendees, problem_text, without_known

    parsed = without_known(parse_attendees(read_file(path, limit=SIZE_LIMIT)), known_names)
    parsed = replace(parsed, file_name=path.name)
    if not parsed.rows:
        raise BazError(
            _("No line of this file can be added:") + "\n" + problem_text(parsed.problems)
        )
    return parsed


def read_votes(path: Path, labels: Sequence[str], method: PollMethod) -> VoteImport:
    """The digital votes per option in a CSV file; refused when it holds none."""
    from models.files import read_file
    from models.files.csv_import import SIZE_LIMIT, parse_votes, problem_text

    parsed = replace(
        parse_votes(read_file(path, limit=SIZE_LIMIT), labels, method), file_name=path.name
    )
    if not parsed.total:
        message = _("No line of this file holds a vote.")
        if parsed.problems:
            message += "\n" + problem_text(parsed.problems)
        raise BazError(message)
    return parsed
