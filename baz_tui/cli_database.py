"""The database of a ``baz`` command: checked cheaply before it is opened, remembered once it is.

The checks read a SQLite file's header without SQLAlchemy, so a wrong ``--db`` is one line on
stderr before anything heavy is imported — for the app, before Textual takes over the terminal.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from baz_tui.cli_common import Args
from baz_tui.config import database_target, last_used, remember_database
from models.errors import DatabaseError
from models.i18n import _

if TYPE_CHECKING:
    from models.database import Database
    from models.store import Store

SQLITE_HEADER = b"SQLite format 3\x00"
#: The database header of a SQLite file: its page size and page count are in there.
SQLITE_HEADER_SIZE = 100


def open_store(args: Args) -> Store:
    """The Store for a subcommand; a SQLite file is checked first, for the clearer message."""
    target = database_target(args.db)
    problem = preflight(target) or gone_database(target, getattr(args, "new_database", False))
    if problem:
        raise DatabaseError(problem)
    from models.store import Store

    store = Store.open(target)
    remember(store.database)
    return store


def gone_database(target: str, new_database: bool) -> str | None:
    """Why BaZ does not make a new database at ``target``: one was there (BaZ opened it
    before) and is gone. A new, empty one in its place would look like every meeting lost."""
    if "://" in target or new_database:
        return None
    from models.files import FileError, exists, user_path

    try:
        path = user_path(target).resolve()
        if exists(path):
            return None
    except (FileError, OSError):
        return None
    day = last_used(path)
    if day is None:
        return None
    return _(
        "The database {path} is gone: BaZ last opened it on {day}. Put it back (from the bin "
        "or a backup), or give its new place with --db; to start a new, empty database there, "
        "add --new-database."
    ).format(path=path, day=day)


def remember(database: Database) -> None:
    """Keep an opened SQLite file in the list of known databases (``baz_tui.config``)."""
    if database.sqlite_path is not None:
        remember_database(database.sqlite_path.resolve())


def preflight(target: str, *, writable: bool = True) -> str | None:
    """Why ``target`` cannot be opened as a SQLite file, in one line; ``None`` if it looks fine.

    Cheap on purpose (no SQLAlchemy): it runs before the app starts. URLs are left to the Store.
    The messages are the Store's own, so they read (and translate) the same. ``writable=False``
    is for a reader (the beamer), which needs the file readable only.
    """
    if "://" in target:
        return None
    from models.files import FileError

    try:
        return _preflight_file(target, writable)
    except FileError as error:
        return error.message


def _preflight_file(target: str, writable: bool) -> str | None:
    import stat

    from models.files import exists, is_folder, user_path

    path = user_path(target).resolve()
    folder = path.parent
    if not is_folder(folder):
        return _("The folder {folder} does not exist.").format(folder=folder)
    if is_folder(path):
        return _("{path} is a folder, not a database file.").format(path=path)
    if not exists(path):
        if not os.access(folder, os.W_OK):
            return _("Cannot create a database in {folder}: no permission to write there.").format(
                folder=folder
            )
        return None
    if not stat.S_ISREG(os.stat(path).st_mode):
        # A device or a pipe: reading its "header" could wait forever, or never end.
        return _("{path} is not a BaZ database (the file is damaged or of another kind).").format(
            path=path
        )
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            header = os.read(handle, SQLITE_HEADER_SIZE)
        finally:
            os.close(handle)
    except OSError:
        return _("Cannot open {path}: no permission to read or write it.").format(path=path)
    if writable and not os.access(path, os.W_OK):
        return _("Cannot open {path}: no permission to read or write it.").format(path=path)
    if writable and not os.access(folder, os.W_OK):
        # SQLite keeps its journal (-wal, -shm) beside the file: a writable file in a folder
        # BaZ may not write in still cannot be opened, and "no permission" would puzzle.
        return _(
            "Cannot open {path}: BaZ also writes files next to it, and it may not write in "
            "the folder {folder}."
        ).format(path=path, folder=folder)
    # An empty file is fine: SQLite treats it as a new database.
    if header and (header[: len(SQLITE_HEADER)] != SQLITE_HEADER or _cut_short(path, header)):
        return _("{path} is not a BaZ database (the file is damaged or of another kind).").format(
            path=path
        )
    return None


def _cut_short(path: Path, header: bytes) -> bool:
    """Whether a SQLite file is shorter than its own header says (a copy cut off half-way).

    SQLite may read such a file without complaint until it reaches a missing page, and then
    write into it. The header's page count is trusted only when it is marked valid, and only
    when no journal beside the file still holds pages of the database.
    """
    if len(header) < SQLITE_HEADER_SIZE:
        return True
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]
    if not valid or pages == 0 or page_size < 512:
        return False
    for journal in ("-wal", "-journal"):
        try:
            if path.with_name(path.name + journal).stat().st_size > 0:
                return False
        except OSError:
            pass
    try:
        return path.stat().st_size < pages * page_size
    except OSError:
        return False
