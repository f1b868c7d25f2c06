"""What every module of the ``baz`` command shares: the exit codes, the parsed arguments, how a
subcommand is added, the parser whose usage error is one line, and one line on stderr.

:mod:`baz_tui.cli` only assembles: it builds the parser from the subcommands of
:mod:`baz_tui.cli_meetings`, :mod:`baz_tui.cli_files` and :mod:`baz_tui.cli_privacy`, which
import this module (and :mod:`baz_tui.cli_database` to open the database), never ``cli``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import NoReturn, TypeAlias

from models.i18n import _

PROG = "baz"
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2  # also: a database or input the user has to fix
EXIT_INTERRUPTED = 130

Args = argparse.Namespace
Handler = Callable[[Args], int]


class CommandParser(argparse.ArgumentParser):
    """An argparse parser whose usage error is one line (plus argparse's usage line)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        hint = _("(see “{command} --help”)").format(command=self.prog)
        self.exit(EXIT_USAGE, f"{self.prog}: {message} {hint}\n")


#: Adding a subcommand is one function that adds its parser and sets ``handler``.
Subcommands: TypeAlias = "argparse._SubParsersAction[CommandParser]"
SubcommandAdder = Callable[[Subcommands], None]


def say(message: str) -> None:
    """One line on stderr, whatever the message holds."""
    lines = (line.strip() for line in str(message).splitlines())
    print(" ".join(line for line in lines if line), file=sys.stderr)
