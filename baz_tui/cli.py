"""The ``baz`` command: open the app, or run one of the small subcommands.

Order matters here, for speed and for correctness:

1. the language is chosen and installed first (``--lang`` is found by a simple scan of argv),
   because the help texts of the parser, and later the binding descriptions of the screens, are
   translated when they are built;
2. only then is the parser built and the command line parsed;
3. heavy modules (SQLModel/SQLAlchemy, Textual) are imported inside the command that needs them
   (:mod:`baz_tui.cli_meetings`).

User mistakes end in one line on stderr and exit code 2; an unexpected failure ends in one line
too, and its traceback goes to a log file in the user data folder.

This module only assembles: the commands live in ``cli_meetings``, ``cli_files`` and
``cli_privacy``; what they share (exit codes, argument types, the parser, opening the database)
in ``cli_common`` and ``cli_database``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from baz_tui.cli_cards import CARD_SUBCOMMANDS
from baz_tui.cli_common import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    CommandParser,
    Handler,
    SubcommandAdder,
    say,
)
from baz_tui.cli_files import FILE_SUBCOMMANDS
from baz_tui.cli_keys import KEYS_SUBCOMMANDS
from baz_tui.cli_meetings import MEETING_SUBCOMMANDS, run_app
from baz_tui.cli_privacy import PRIVACY_SUBCOMMANDS
from baz_tui.cli_room import ROOM_SUBCOMMANDS
from baz_tui.config import load_settings
from baz_tui.i18n import SUPPORTED, choose_language, install_language
from models.errors import BazError
from models.i18n import N_, _

#: argparse's own messages that a user can see; routed through our catalogue while parsing
#: (see :func:`_argparse_in_our_language`), marked here so they are extracted for translation.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def main(argv: list[str] | None = None) -> int:
    """Run ``baz`` with ``argv`` (default: the process arguments) and return the exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    with _printable_output():
        return _main(arguments)


def _main(arguments: list[str]) -> int:
    try:
        install_language(choose_language(_scan_language(arguments), _saved_language()))
        with _argparse_in_our_language():
            parser = build_parser()
            try:
                args = parser.parse_args(arguments)
            except SystemExit as stop:  # --help, or a usage error already printed by argparse
                return _exit_code(stop)
        handler: Handler = args.handler
        return handler(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `baz list | head`: the reader went away; nothing to say to anyone.
        _silence_stdout()
        return EXIT_ERROR
    except BazError as exc:
        say(exc.message)
        return EXIT_USAGE
    except OSError as exc:
        # A path the user gave that the checks before did not foresee: still their input.
        from models.files import reason_of

        where = exc.filename if exc.filename is not None else ""
        say(_("Cannot use {path}: {reason}").format(path=where, reason=reason_of(exc)))
        return EXIT_USAGE
    except Exception as exc:  # the one place that turns any other failure into a line
        say(
            _("Unexpected error: {error}; details in {log}").format(
                error=_describe(exc), log=_write_log(exc, arguments)
            )
        )
        return EXIT_ERROR


def run() -> None:
    """Entry point for ``python -m baz_tui``: exit the process with the code of :func:`main`."""
    sys.exit(main())


# ------------------------------------------------------------------------------ the parser


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``baz``, its texts in the active language."""
    parser = CommandParser(
        prog=PROG,
        description=_("Bewoners aan Zet: run a residents' meeting and write its minutes."),
        epilog=_("Without a command, BaZ opens the app."),
    )
    parser.add_argument(
        "--db",
        metavar="URL|PATH",
        help=_(
            "the database: a SQLite file or a SQLAlchemy URL (default: $BAZ_DB, "
            "or baz.db in the user data folder)"
        ),
    )
    parser.add_argument(
        "--lang", choices=SUPPORTED, help=_("the language of BaZ (default: the saved choice)")
    )
    parser.add_argument(
        "--new-database",
        action="store_true",
        help=_(
            "start a new, empty database where one was before and is gone (without this, "
            "BaZ says it is gone and stops)"
        ),
    )
    parser.set_defaults(handler=run_app)
    subcommands = parser.add_subparsers(title=_("commands"), metavar=_("COMMAND"))
    for add in SUBCOMMANDS:
        add(subcommands)
    return parser


SUBCOMMANDS: tuple[SubcommandAdder, ...] = (
    *MEETING_SUBCOMMANDS,
    *FILE_SUBCOMMANDS,
    *PRIVACY_SUBCOMMANDS,
    *KEYS_SUBCOMMANDS,
    *ROOM_SUBCOMMANDS,
    *CARD_SUBCOMMANDS,
)


@contextmanager
def _argparse_in_our_language() -> Iterator[None]:
    """Let argparse's own texts ("usage:", "options", errors) go through our catalogue.

    argparse looks its ``_`` up at call time, so swapping it for the duration of building and
    parsing is enough; it is put back so nothing else in the process is affected.
    """
    original = argparse._  # type: ignore[attr-defined]
    argparse._ = _  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


# ------------------------------------------------------------------------------- helpers


def _scan_language(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` before the parser exists (its help must already be translated)."""
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--lang="):
            return argument.partition("=")[2]
    return None


def _saved_language() -> str | None:
    value = load_settings().get("language")
    return value if isinstance(value, str) else None


class _PrintableStream:
    """A text stream that passes everything written through the sanitiser
    (``models.terminal_text.printable``): a file name, a CSV cell, a meeting file's version or an
    argument printed back by argparse can hold escape sequences, and none of them may reach the
    terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from models.rules.terminal_text import printable

        self._stream.write(printable(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def _printable_output() -> Iterator[None]:
    """Everything the command prints (stdout and stderr) goes through the sanitiser."""
    original = sys.stdout, sys.stderr
    sys.stdout = _PrintableStream(sys.stdout)
    sys.stderr = _PrintableStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = original


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _write_log(exc: BaseException, arguments: Sequence[str]) -> Path:
    """Append the traceback to the log file; the one place a traceback goes."""
    from baz_tui.error_log import write_log

    return write_log(exc, " ".join([PROG, *arguments]))


def _exit_code(stop: SystemExit) -> int:
    code = stop.code
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    return EXIT_ERROR


def _silence_stdout() -> None:
    # Python would complain again when flushing stdout at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    run()
