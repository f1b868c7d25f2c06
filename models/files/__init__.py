"""Reading and writing the files a user hands BaZ or gets from it, with messages a user reads.

Meeting files and CSV files are read whole (they are small) and written whole: the bytes go to
a temporary file beside the target, which is then moved into place in one step, so a failure
never leaves half a file and an existing file is only replaced by a complete one.

What a user types as a path can be anything: ``~nobody/x``, a name longer than the file system
allows, a folder BaZ may not look into, a symlink to ``/dev/zero``, a named pipe. Every such
problem is one :class:`FileError` with a sentence (never an ``OSError`` that ends as
"Unexpected error"):

- only regular files are read (a device, a pipe or a socket is refused before it is opened, and
  opened without waiting, so one swapped in meanwhile cannot hang the reader), and never more
  than the stated limit is read, whatever the file system says its size is;
- a file name BaZ makes is cut to the file system's limit in *bytes* (255 on nearly all of
  them), at a character boundary, so a long Arabic or emoji title still gives a name;
- an existing file that is write-protected is not replaced unless the caller says the user
  agreed (:class:`ReadOnlyFileError` asks); a replaced file keeps its mode and its owner.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from models.errors import BazError
from models.i18n import _

#: Characters that Windows, macOS or Linux do not allow in a file name.
_NOT_IN_FILE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
#: The longest file name in bytes on nearly every file system (ext4, NTFS in UTF-16 units, APFS).
NAME_MAX_BYTES = 255
#: Room BaZ keeps in a name for what other programs add ("(1)", "~$" of an open Word file).
_NAME_SPARE_BYTES = 8


class FileError(BazError):
    """A file that cannot be read or written: missing, a folder, no permission, too large."""


class ReadOnlyFileError(FileError):
    """The target exists and is write-protected: replace it only when the user says so."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


# ------------------------------------------------------------------------------- names


def name_limit(folder: Path | None = None) -> int:
    """The longest file name (in bytes) the file system of ``folder`` takes."""
    if folder is not None:
        try:
            return min(NAME_MAX_BYTES, os.pathconf(folder, "PC_NAME_MAX"))
        except (OSError, ValueError, AttributeError):
            pass
    return NAME_MAX_BYTES


def safe_file_name(
    name: str, suffix: str, *, fallback: str, folder: Path | None = None, title: str = ""
) -> str:
    """``name`` as a file name that every system accepts, with ``suffix`` added: forbidden
    characters become spaces, and it is cut to what the file system takes, counted in bytes.

    ``title`` is the part of ``name`` that may be shortened (ending in "…"), so that what comes
    around it — the date, "(public version)" — stays, and two names never become one.
    """
    room = name_limit(folder) - _NAME_SPARE_BYTES - len(suffix.encode("utf-8"))
    cleaned = _clean_name(name)
    excess = len(cleaned.encode("utf-8", errors="surrogatepass")) - room
    if excess > 0 and title and title in name:
        size = len(title.encode("utf-8", errors="surrogatepass")) - excess - len("…".encode())
        cleaned = _clean_name(name.replace(title, _cut_to_bytes(title, size) + "…", 1))
    return (_cut_to_bytes(cleaned, room) or fallback) + suffix


def _clean_name(name: str) -> str:
    return " ".join(_NOT_IN_FILE_NAME.sub(" ", name).split()).strip(". ")


def _cut_to_bytes(text: str, size: int) -> str:
    """``text`` cut to at most ``size`` bytes of UTF-8, at a character boundary, without a
    dangling joiner or accent at the end."""
    encoded = text.encode("utf-8", errors="surrogatepass")
    if len(encoded) <= size:
        return text
    cut = encoded[: max(size, 0)].decode("utf-8", errors="ignore")
    while cut and (unicodedata.combining(cut[-1]) or unicodedata.category(cut[-1]) == "Cf"):
        cut = cut[:-1]
    return cut.rstrip(". ")


# ------------------------------------------------------------------------------- paths


def user_path(text: str | Path) -> Path:
    """A path as a person typed it, with ``~`` and ``~name`` expanded; refused in one sentence
    when it cannot be a path at all."""
    raw = str(text)
    if not raw.strip():
        raise FileError(_("Type the name of a file."))
    if "\x00" in raw:
        raise FileError(_("“{path}” cannot be the name of a file.").format(path=_shown(raw)))
    try:
        return Path(raw).expanduser()
    except RuntimeError:
        user = raw[1:].split(os.sep, 1)[0]
        raise FileError(
            _("“{path}”: there is no user “{user}” on this computer.").format(
                path=_shown(raw), user=_shown(user)
            )
        ) from None


def _stat(path: Path) -> os.stat_result | None:
    """The file's status (following links), None when there is nothing there; any other
    problem (no permission to look, a name too long) as a sentence."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise FileError(
            _("Cannot use {path}: {reason}").format(path=path, reason=reason_of(exc))
        ) from exc
    except ValueError:  # an embedded NUL
        raise FileError(_("“{path}” cannot be the name of a file.").format(path=path)) from None


def exists(path: Path) -> bool:
    """Whether something is at ``path`` (a sentence instead of an error when it cannot be told)."""
    return _stat(path) is not None


def is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder (a sentence instead of an error when it cannot be told)."""
    found = _stat(path)
    return found is not None and stat.S_ISDIR(found.st_mode)


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


# ----------------------------------------------------------------------------- reading


def read_file(path: str | Path, *, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, refused with one clear line
    when it cannot be read, is not a file, or is too big."""
    target = user_path(path)
    found = _stat(target)
    if found is None:
        raise FileError(_("The file {path} does not exist.").format(path=target))
    if stat.S_ISDIR(found.st_mode):
        raise FileError(_("{path} is a folder, not a file.").format(path=target))
    if not stat.S_ISREG(found.st_mode):
        raise FileError(_not_a_file(target))
    if found.st_size > limit:
        raise FileError(_too_large(target, found.st_size, limit))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        handle = os.open(target, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileError(
            _("Cannot read {path}: {reason}").format(path=target, reason=reason_of(exc))
        ) from exc
    try:
        # Checked again on what was opened: the name may point elsewhere by now.
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise FileError(_not_a_file(target))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise FileError(
            _("Cannot read {path}: {reason}").format(path=target, reason=reason_of(exc))
        ) from exc
    finally:
        os.close(handle)
    if size > limit:
        # Grown since it was measured, or a file system that does not know its sizes.
        raise FileError(_too_large(target, size, limit))
    return b"".join(chunks)


def _not_a_file(path: Path) -> str:
    return _(
        "{path} is not an ordinary file (a device, a pipe or a socket): BaZ only reads files."
    ).format(path=path)


def _too_large(path: Path, size: int, limit: int) -> str:
    return _("{path} is too large ({size} MB; at most {limit} MB).").format(
        path=path, size=_megabytes(size, limit), limit=_megabytes(limit)
    )


# ----------------------------------------------------------------------------- writing


def write_whole(target: Path, data: bytes, *, replace_read_only: bool = False) -> Path:
    """Write ``data`` to ``target`` completely or not at all; return where it went.

    A write-protected ``target`` raises :class:`ReadOnlyFileError` unless
    ``replace_read_only`` (the user agreed); a replaced file keeps its mode and owner.
    """
    return write_all([(target, data)], replace_read_only=replace_read_only)[0]


def write_all(
    files: Sequence[tuple[Path, bytes]], *, replace_read_only: bool = False
) -> list[Path]:
    """Write several files all or none: every one is written beside its target first, and
    only when all are complete are they moved into place (a full disk leaves none of them)."""
    plans = [_plan(target, replace_read_only) for target, _data in files]
    written: list[tuple[str, Path, os.stat_result | None]] = []
    try:
        for (target, existing), (_target, data) in zip(plans, files, strict=True):
            written.append((_write_beside(target, data, existing), target, existing))
        for temporary, target, existing in written:
            _put_in_place(temporary, target, existing)
    except BaseException:
        for temporary, _target, _existing in written:
            _remove(temporary)
        raise
    return [target for target, _existing in plans]


def _plan(target: Path, replace_read_only: bool) -> tuple[Path, os.stat_result | None]:
    """Where to write (a link is followed to its file) and what is there now."""
    folder = target.parent
    if not is_folder(folder):
        raise FileError(_("The folder {folder} does not exist.").format(folder=folder))
    existing = _stat(target)
    if existing is None:
        return target, None
    if stat.S_ISDIR(existing.st_mode):
        raise FileError(_("{path} is a folder, not a file.").format(path=target))
    if not stat.S_ISREG(existing.st_mode):
        raise FileError(
            _("{path} is not an ordinary file (a device, a pipe or a socket).").format(path=target)
        )
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    read_only = not existing.st_mode & 0o222 or not os.access(target, os.W_OK)
    if read_only and not replace_read_only:
        raise ReadOnlyFileError(
            _("{path} is write-protected: BaZ does not replace it unless you say so.").format(
                path=target
            ),
            target,
        )
    return target, existing


def _write_beside(target: Path, data: bytes, existing: os.stat_result | None) -> str:
    folder = target.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=".~baz-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileError(
            _("Cannot write in {folder}: {reason}").format(folder=folder, reason=reason_of(exc))
        ) from exc
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
        # mkstemp makes the file private; these files are meant to be passed on. A file that
        # was there keeps its mode (also when it was write-protected) and its owner.
        os.chmod(temporary, stat.S_IMODE(existing.st_mode) if existing else 0o644)
        if existing is not None and hasattr(os, "chown"):
            mine = os.stat(temporary)
            if (mine.st_uid, mine.st_gid) != (existing.st_uid, existing.st_gid):
                try:
                    os.chown(temporary, existing.st_uid, existing.st_gid)
                except PermissionError:
                    pass  # not ours to give away: see _put_in_place
    except OSError as exc:
        _remove(temporary)
        raise FileError(
            _("Cannot write {path}: {reason}").format(path=target, reason=reason_of(exc))
        ) from exc
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def _put_in_place(temporary: str, target: Path, existing: os.stat_result | None) -> None:
    try:
        if existing is not None and _owner(Path(temporary)) != (existing.st_uid, existing.st_gid):
            # The owner could not be kept by replacing the file: write into it instead (it is
            # complete beside it, so the disk has room), which keeps owner, mode and links.
            try:
                with open(target, "r+b") as file, open(temporary, "rb") as source:
                    file.truncate(0)
                    while chunk := source.read(1 << 20):
                        file.write(chunk)
            except PermissionError:
                pass  # not writable in place either: replaced, as the user agreed
            else:
                _remove(temporary)
                return
        os.replace(temporary, target)
    except OSError as exc:
        _remove(temporary)
        raise FileError(
            _("Cannot write {path}: {reason}").format(path=target, reason=reason_of(exc))
        ) from exc


def _owner(path: Path) -> tuple[int, int]:
    found = os.stat(path)
    return found.st_uid, found.st_gid


def reason_of(exc: OSError) -> str:
    """Why a file operation failed, in words."""
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return _("no permission (or the file is open in another program)")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("the disk is full")
    if exc.errno == errno.EROFS:
        return _("the disk can only be read")
    if exc.errno == errno.ENAMETOOLONG:
        return _("the name is longer than the file system allows")
    if exc.errno == errno.ENOTDIR:
        return _("a part of the path is a file, not a folder")
    if exc.errno == errno.ENOENT:
        return _("it does not exist")
    if exc.errno == errno.EISDIR:
        return _("it is a folder")
    if exc.errno == errno.ELOOP:
        return _("the links in the path go round in a circle")
    return exc.strerror or str(exc)


def _megabytes(size: int, limit: int | None = None) -> str:
    """Megabytes with one decimal; a size above ``limit`` is rounded up, and shown with more
    decimals where one would make it look equal to the limit ("5.000001 MB; at most 5 MB")."""
    if limit is None or size <= limit:
        return f"{size / 1_000_000:.1f}".rstrip("0").rstrip(".")
    for decimals in range(1, 7):
        factor = 10**decimals
        shown = math.ceil(size * factor / 1_000_000) / factor
        text = f"{shown:.{decimals}f}".rstrip("0").rstrip(".")
        if text != _megabytes(limit):
            return text
    return f"{size / 1_000_000:.6f}"


def _shown(text: str) -> str:
    from models.rules.terminal_text import printable

    shown = printable(text)
    return shown if len(shown) <= 80 else shown[:79] + "…"


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
