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
from baz_tui.export.errors import ExportError
from models.i18n import _

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from models.store import Store

#: The setting (``settings.json``) that names the folder for exported minutes: the last
#: folder the app wrote minutes to.
EXPORT_FOLDER_SETTING = "export_folder"
#: The setting that names the house-style template of processes without one of their own.
TEMPLATE_SETTING = "template"
#: Where the app proposes to write minutes the first time: a folder of BaZ in Documents.
EXPORT_SUBFOLDER = "BaZ"
SUFFIX = ".docx"


def default_file_name(
    title: str, day: date, *, public: bool = False, folder: Path | None = None
) -> str:
    """ "Notulen <titel> <datum>.docx"; the public version says so in its name; as long as
    the file system of ``folder`` takes."""
    from models.files import safe_file_name
    from models.rules.formatting import format_date

    name = _("Minutes {title} {date}").format(title=title, date=format_date(day))
    if public:
        name = _("{name} (public version)").format(name=name)
    return safe_file_name(name, SUFFIX, fallback=_("Minutes"), folder=folder, title=title)


def default_export_folder() -> Path:
    """Where the app proposes to write minutes: the folder it wrote to last (when it is still
    there), else "BaZ" in the Documents folder (made when the minutes are written)."""
    from models.files import FileError, is_folder, user_path

    saved = load_settings().get(EXPORT_FOLDER_SETTING)
    if isinstance(saved, str) and saved.strip():
        try:
            folder = user_path(saved)
            if is_folder(folder):
                return folder
        except FileError:
            pass  # a setting that no longer fits this laptop: the proposed folder instead
    return proposed_export_folder()


def proposed_export_folder() -> Path:
    """Documents/BaZ; the Documents folder of the platform even when it does not exist yet."""
    from platformdirs import user_documents_path

    return user_documents_path() / EXPORT_SUBFOLDER


def default_template() -> Path | None:
    """The house style of the settings, for processes without one of their own."""
    saved = load_settings().get(TEMPLATE_SETTING)
    if isinstance(saved, str) and saved.strip():
        return Path(saved).expanduser()
    return None


def template_for(store: Store, meeting_id: int) -> tuple[Path | None, str]:
    """The house style the minutes of a meeting are written on, and where it was chosen: the
    process's own (F8), else the default of the settings, else none (BaZ's own look).

    The second value says where, for the user: "" without a template.
    """
    meeting = store.get_meeting(meeting_id)
    if meeting.process is not None and meeting.process.template.strip():
        return Path(meeting.process.template), _("chosen for the process on F8")
    default = default_template()
    if default is not None:
        return default, _("the default of the settings")
    return None, ""


def chosen_template(store: Store, meeting_id: int, given: str | Path | None = None) -> Path | None:
    """The template to write with: ``given`` (``--template``), else :func:`template_for`.

    A chosen template that is gone (moved, or chosen on another laptop) is refused with one
    line that says where it was chosen, rather than silently writing without the house style.
    """
    if given is not None and str(given).strip():
        return Path(given).expanduser()
    template, where = template_for(store, meeting_id)
    if template is not None and not template.is_file():
        raise ExportError(
            _("The template {path} does not exist ({where}).").format(path=template, where=where)
        )
    return template


def write_minutes(
    store: Store, meeting_id: int, path: Path, *, public: bool, replace_read_only: bool = False
) -> Path:
    """W in the app: write the minutes where the user said, on the meeting's house style.

    The proposed folder (Documents/BaZ) is made when it is missing; another folder that does
    not exist is refused (a typing mistake should not make folders). The folder is remembered
    for the next time. A write-protected file of that name is replaced only with
    ``replace_read_only`` (the user said yes).
    """
    from baz_tui.config import save_setting

    target = Path(path).expanduser()
    folder = target if target.is_dir() else target.parent
    if not folder.exists() and folder == proposed_export_folder():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            from models.files import reason_of

            raise ExportError(
                _("Cannot write in {folder}: {reason}").format(folder=folder, reason=reason_of(exc))
            ) from exc
    written = export_minutes(
        store,
        meeting_id,
        target,
        public=public,
        template=chosen_template(store, meeting_id),
        replace_read_only=replace_read_only,
    )
    save_setting(EXPORT_FOLDER_SETTING, str(written.parent))
    return written


def default_export_path(store: Store, meeting_id: int, *, public: bool = False) -> Path:
    """The full default path of the minutes of a meeting."""
    meeting = store.get_meeting(meeting_id)
    title = meeting.title
    if public:
        # The file name is shared with the file: it goes through the same naming.
        from models.minutes import minutes_namer

        title = minutes_namer(store, meeting_id, public=True).text(title)
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


def _save_whole(document: DocxDocument, target: Path, replace_read_only: bool = False) -> None:
    """Write the document completely or not at all (``models.files.write_whole``): a Word file
    of minutes is small, so it is made in memory and then written beside ``target`` and moved
    into place in one step."""
    from io import BytesIO

    from models.files import FileError, ReadOnlyFileError, reason_of, write_whole

    buffer = BytesIO()
    try:
        document.save(buffer)
        write_whole(target, buffer.getvalue(), replace_read_only=replace_read_only)
    except OSError as exc:
        raise ExportError(
            _("Cannot write {path}: {reason}").format(path=target, reason=reason_of(exc))
        ) from exc
    except ReadOnlyFileError:
        raise  # the caller may ask whether to replace it
    except FileError as error:
        raise ExportError(error.message) from error
