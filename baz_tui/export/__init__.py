"""Exporting the minutes to Word: the file name, the folder, and the one entry point.

:func:`export_minutes` is what the app (from a thread worker) and ``baz export`` call. It only
calls Store methods and touches no screen, so it is safe in a worker. The document is written to
a temporary file in the target folder and then moved into place: a failure never leaves half a
file, and an existing file is only replaced by a complete one. python-docx is imported by
:mod:`baz_tui.export.docx_writer` when a document is built, not when this package is imported.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from baz_tui.config import load_settings
from models.errors import BazError
from models.i18n import _

if TYPE_CHECKING:
    from models.store import Store

#: The setting (``settings.json``) that names the folder for exported minutes.
EXPORT_FOLDER_SETTING = "export_folder"
SUFFIX = ".docx"


class ExportError(BazError):
    """The minutes could not be written (folder, permission, template)."""


def default_file_name(
    title: str, day: date, *, public: bool = False, folder: Path | None = None
) -> str:
    """ "Notulen <titel> <datum>.docx"; the public version says so in its name; as long as
    the file system of ``folder`` takes."""
    from models.files import safe_file_name
    from models.formatting import format_date

    name = _("Minutes {title} {date}").format(title=title, date=format_date(day))
    if public:
        name = _("{name} (public version)").format(name=name)
    return safe_file_name(name, SUFFIX, fallback=_("Minutes"), folder=folder, title=title)


def default_export_folder() -> Path:
    """Where exported minutes go: the saved folder, else Documents, else the home folder."""
    from models.files import FileError, documents_folder, is_folder, user_path

    saved = load_settings().get(EXPORT_FOLDER_SETTING)
    if isinstance(saved, str) and saved.strip():
        try:
            folder = user_path(saved)
            if is_folder(folder):
                return folder
        except FileError:
            pass  # a setting that no longer fits this laptop: Documents, as without it

    return documents_folder()


def default_export_path(store: Store, meeting_id: int, *, public: bool = False) -> Path:
    """The full default path of the minutes of a meeting."""
    meeting = store.get_meeting(meeting_id)
    title = meeting.title
    if public:
        # The file name is shared with the file: it goes through the same naming.
        from models.naming import Namer, Person

        people = (Person(a.id, a.name, a.consent) for a in store.list_attendees(meeting_id))
        title = Namer(people, public=True).text(title)
    folder = default_export_folder()
    return folder / default_file_name(title, meeting.date, public=public, folder=folder)


def export_minutes(
    store: Store,
    meeting_id: int,
    path: str | Path,
    *,
    public: bool = False,
    template: str | Path | None = None,
    speaking_time: bool = True,
    replace_read_only: bool = False,
) -> Path:
    """Write the minutes of ``meeting_id`` as a Word file at ``path``; return where it went.

    ``path`` may be a folder (the default file name is used) or a file name (".docx" is added
    when it has no suffix). Raises :class:`~models.errors.BazError` with one clear line for an
    unknown meeting, a missing or broken template, or a place that cannot be written.
    """
    from baz_tui.export.docx_writer import build_document
    from models.files import FileError, is_folder, user_path
    from models.minutes import build_minutes

    minutes = build_minutes(store, meeting_id, public=public, speaking_time=speaking_time)
    try:
        target = user_path(path)
        if is_folder(target):
            target = target / default_file_name(
                minutes.title, minutes.date, public=public, folder=target
            )
        elif not target.suffix:
            target = target.with_suffix(SUFFIX)
        folder = target.parent
        if not is_folder(folder):
            raise ExportError(_("The folder {folder} does not exist.").format(folder=folder))
    except FileError as error:
        raise ExportError(error.message) from error
    document = build_document(minutes, template=Path(template) if template else None)
    _save_whole(document, target, replace_read_only)
    return target


def _save_whole(document: object, target: Path, replace_read_only: bool = False) -> None:
    """Write the document completely or not at all (``models.files.write_whole``): a Word file
    of minutes is small, so it is made in memory and then written beside ``target`` and moved
    into place in one step."""
    from io import BytesIO

    from models.files import FileError, ReadOnlyFileError, reason_of, write_whole

    buffer = BytesIO()
    try:
        document.save(buffer)  # type: ignore[attr-defined]
        write_whole(target, buffer.getvalue(), replace_read_only=replace_read_only)
    except OSError as exc:
        raise ExportError(
            _("Cannot write {path}: {reason}").format(path=target, reason=reason_of(exc))
        ) from exc
    except ReadOnlyFileError:
        raise  # the caller may ask whether to replace it
    except FileError as error:
        raise ExportError(error.message) from error
