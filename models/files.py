"""Reading and writing the files a user hands BaZ or gets from it, with messages a user reads.

Meeting files and CSV files are read whole (they are small) and written whole: the bytes go to
a temporary file beside the target, which is then moved into place in one step, so a failure
never leaves half a file and an existing file is only replaced by a complete one.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from models.errors import BazError
from models.i18n import _

#: Characters that Windows, macOS or Linux do not allow in a file name.
_NOT_IN_FILE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
#: Longest file name stem BaZ makes (file systems allow 255 bytes; accents take two).
NAME_MAX = 150


class FileError(BazError):
    """A file that cannot be read or written: missing, a folder, no permission, too large."""


def safe_file_name(name: str, suffix: str, *, fallback: str) -> str:
    """``name`` as a file name that every system accepts, with ``suffix`` added."""
    cleaned = " ".join(_NOT_IN_FILE_NAME.sub(" ", name).split()).strip(". ")
    return (cleaned[:NAME_MAX] or fallback) + suffix


def documents_folder() -> Path:
    """The user's Documents folder, or the home folder when there is none."""
    from platformdirs import user_documents_path

    documents = user_documents_path()
    return documents if documents.is_dir() else Path.home()


def newest_file(folder: Path, suffixes: Iterable[str]) -> Path | None:
    """The most recently changed file in ``folder`` ending in one of ``suffixes``, if any.

    The app offers it as the file to read: usually the one just downloaded or saved.
    """
    endings = tuple(s.casefold() for s in suffixes)
    try:
        candidates = [
            p for p in folder.iterdir() if p.name.casefold().endswith(endings) and p.is_file()
        ]
    except OSError:
        return None
    return max(candidates, key=_changed, default=None)


def _changed(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def read_file(path: str | Path, *, limit: int) -> bytes:
    """The bytes of a file, refused with one clear line when it cannot be read or is too big."""
    target = Path(path).expanduser()
    if not str(path).strip():
        raise FileError(_("Type the name of a file."))
    if target.is_dir():
        raise FileError(_("{path} is a folder, not a file.").format(path=target))
    if not target.exists():
        raise FileError(_("The file {path} does not exist.").format(path=target))
    try:
        size = target.stat().st_size
        if size > limit:
            raise FileError(
                _("{path} is too large ({size} MB; at most {limit} MB).").format(
                    path=target, size=_megabytes(size), limit=_megabytes(limit)
                )
            )
        return target.read_bytes()
    except OSError as exc:
        raise FileError(
            _("Cannot read {path}: {reason}").format(path=target, reason=reason_of(exc))
        ) from exc


def write_whole(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` completely or not at all; return where it went."""
    folder = target.parent
    if not folder.is_dir():
        raise FileError(_("The folder {folder} does not exist.").format(folder=folder))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".~baz-", suffix=target.suffix, dir=folder)
    except OSError as exc:
        raise FileError(
            _("Cannot write in {folder}: {reason}").format(folder=folder, reason=reason_of(exc))
        ) from exc
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        # mkstemp makes the file private; these files are meant to be passed on.
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as exc:
        _remove(temporary)
        raise FileError(
            _("Cannot write {path}: {reason}").format(path=target, reason=reason_of(exc))
        ) from exc
    except BaseException:
        _remove(temporary)
        raise
    return target


def reason_of(exc: OSError) -> str:
    """Why a file operation failed, in words."""
    if isinstance(exc, PermissionError):
        return _("no permission (or the file is open in another program)")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("the disk is full")
    if exc.errno == errno.EROFS:
        return _("the disk can only be read")
    return exc.strerror or str(exc)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".rstrip("0").rstrip(".")


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
