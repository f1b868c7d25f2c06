"""The one yes/no question of the command line (imports, purge, erasing a person)."""

from __future__ import annotations

import sys

from models.errors import BazError
from models.i18n import _
from models.rules.terminal_text import printable


def confirm(question: str, assume_yes: bool, refusal: str) -> bool:
    """Ask ``question`` on the terminal (Enter is no); ``--yes`` answers it beforehand.

    Without a terminal to ask on, nothing is done: ``refusal`` (which names ``--yes``) is the
    error. Dutch and English answers both count: j, ja, y, yes.
    """
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        raise BazError(refusal)
    # Outside the f-string: gettext's extractor does not look inside one.
    hint = _("(y/N)")
    # input() may write its prompt straight to the terminal: the question names files and
    # meetings, so it is made printable here.
    answer = input(printable(f"{question} {hint} "))
    return answer.strip().casefold() in {"y", "yes", "j", "ja"}
