"""The log of unexpected errors: the one place a traceback goes, for the command line and the app.

A user sees one line ("Unexpected error: …; details in …"); whoever helps them reads the log,
``baz-errors.log`` in the user data folder (or the temporary folder when that cannot be written).
"""

from __future__ import annotations

import datetime
import tempfile
import traceback
from pathlib import Path

from baz_tui.config import data_dir

LOG_NAME = "baz-errors.log"


def write_log(exc: BaseException, context: str) -> Path:
    """Append the traceback of ``exc`` to the log, headed by the moment and ``context`` (the
    command line, or what the app was doing); return the log's path."""
    entry = "".join(
        [
            f"--- {datetime.datetime.now().isoformat(timespec='seconds')} {context}\n",
            *traceback.format_exception(exc),
        ]
    )
    log = data_dir() / LOG_NAME
    for folder in (data_dir(), Path(tempfile.gettempdir())):
        log = folder / LOG_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as file:
                file.write(entry)
            return log
        except OSError:
            continue
    return log
