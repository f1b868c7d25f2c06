"""The ``baz`` command: open the app, or run one of the small subcommands.

Order matters here, for speed and for correctness:

1. the language is chosen and installed first (``--lang`` is found by a simple scan of argv),
   because the help texts of the parser, and later the binding descriptions of the screens, are
   translated when they are built;
2. only then is the parser built and the command line parsed;
3. heavy modules (SQLModel/SQLAlchemy, Textual) are imported inside the command that needs them.
   Opening the app checks the database file without SQLAlchemy, so a wrong ``--db`` is reported
   in one line before Textual takes over the terminal, and the app can draw its first frame
   before the ORM is loaded.

User mistakes end in one line on stderr and exit code 2; an unexpected failure ends in one line
too, and its traceback goes to a log file in the user data folder.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeAlias

from baz_tui.cli_files import FILE_SUBCOMMANDS
from baz_tui.cli_keys import KEYS_SUBCOMMANDS
from baz_tui.cli_privacy import PRIVACY_SUBCOMMANDS
from baz_tui.config import database_target, load_settings, save_setting
from baz_tui.i18n import SUPPORTED, choose_language, install_language
from models.errors import BazError, DamagedDatabaseError, DatabaseError
from models.i18n import N_, _

if TYPE_CHECKING:
    from models.database import Database
    from models.store import Store

PROG = "baz"
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2  # also: a database or input the user has to fix
EXIT_INTERRUPTED = 130
SQLITE_HEADER = b"SQLite format 3\x00"
#: The database header of a SQLite file: its page size and page count are in there.
SQLITE_HEADER_SIZE = 100

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

Args = argparse.Namespace
Handler = Callable[[Args], int]


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
        _say(exc.message)
        return EXIT_USAGE
    except OSError as exc:
        # A path the user gave that the checks before did not foresee: still their input.
        from models.files import reason_of

        where = exc.filename if exc.filename is not None else ""
        _say(_("Cannot use {path}: {reason}").format(path=where, reason=reason_of(exc)))
        return EXIT_USAGE
    except Exception as exc:  # the one place that turns any other failure into a line
        _say(
            _("Unexpected error: {error}; details in {log}").format(
                error=_describe(exc), log=_write_log(exc, arguments)
            )
        )
        return EXIT_ERROR


def run() -> None:
    """Entry point for ``python -m baz_tui``: exit the process with the code of :func:`main`."""
    sys.exit(main())


# ------------------------------------------------------------------------------ the parser

#: Adding a subcommand is one function that adds its parser and sets ``handler``.
Subcommands: TypeAlias = "argparse._SubParsersAction[_Parser]"
SubcommandAdder = Callable[[Subcommands], None]


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``baz``, its texts in the active language."""
    parser = _Parser(
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


def _add_demo(subcommands: Subcommands) -> None:
    demo = subcommands.add_parser(
        "demo",
        help=_("fill the database with a realistic Dutch demo: an evening held, one to come"),
        description=_(
            "Fill the database with a realistic Dutch demo: a residents' evening that was held "
            "(with its speakers, problem tree, votes and minutes) and the next evening of the "
            "same process, prepared and still to come."
        ),
    )
    demo.add_argument(
        "--reset",
        action="store_true",
        help=_("replace the demo meetings by fresh ones (other meetings stay)"),
    )
    demo.add_argument(
        "--open",
        action="store_true",
        help=_("then open the app on the evening still to come"),
    )
    demo.set_defaults(handler=run_demo)


def _add_list(subcommands: Subcommands) -> None:
    listing = subcommands.add_parser(
        "list",
        help=_("list the meetings: number, date, title, status"),
        description=_("List the meetings, newest first."),
    )
    listing.set_defaults(handler=run_list)


def _add_export(subcommands: Subcommands) -> None:
    export = subcommands.add_parser(
        "export",
        help=_("write the minutes of a meeting as a Word document (.docx)"),
        description=_(
            "Write the minutes of a meeting as a Word document: the internal version with "
            "names, or the public version that names people as they agreed."
        ),
    )
    export.add_argument(
        "meeting", metavar="ID", help=_("the number of the meeting (see “baz list”)")
    )
    export.add_argument(
        "-o",
        "--output",
        metavar=_("FILE"),
        help=_("the file or folder to write to (default: “Minutes <title> <date>.docx” here)"),
    )
    export.add_argument(
        "--public",
        action="store_true",
        help=_(
            "the public version: residents named only as they agreed; it shows what it will "
            "replace and what it doubts, and asks before writing"
        ),
    )
    export.add_argument(
        "--yes",
        action="store_true",
        help=_(
            "write without asking: the public version (its review list is still printed), "
            "and over a write-protected file"
        ),
    )
    export.add_argument(
        "--review",
        metavar=_("FILE.csv"),
        help=_(
            "write the review list of the public version (every replacement and doubtful "
            "spot) as a CSV file for a spreadsheet; the Word file is then written only with "
            "--yes"
        ),
    )
    export.add_argument(
        "--template",
        metavar=_("FILE"),
        help=_(
            "a Word document (.docx or .dotx) in the house style to build on (default: the "
            "house style of the process, else of the settings)"
        ),
    )
    export.add_argument(
        "--without-speaking-time",
        action="store_true",
        help=_("leave the speaking-time statistics out"),
    )
    export.add_argument(
        "--csv",
        metavar=_("FOLDER"),
        help=_(
            "write the vote results, the decisions and the action points as CSV files into "
            "this folder (instead of the Word document, unless -o is given too)"
        ),
    )
    # Also accepted after the command; the language is installed before parsing (see main).
    export.add_argument(
        "--lang",
        choices=SUPPORTED,
        default=argparse.SUPPRESS,
        help=_("the language of the minutes"),
    )
    export.set_defaults(handler=run_export)


def _add_beamer(subcommands: Subcommands) -> None:
    beamer = subcommands.add_parser(
        "beamer",
        help=_("show the running meeting on a beamer (read-only, follows the chair)"),
        description=_(
            "Show a meeting on the beamer, large and readable from the back of the room: the "
            "item, who speaks, the votes. It follows the chair's app on the same database "
            "(a second terminal, or another laptop) and never changes anything. Q quits."
        ),
    )
    beamer.add_argument(
        "meeting",
        metavar="ID",
        nargs="?",
        help=_("the number of the meeting (see “baz list”); without it, the meeting that is on"),
    )
    beamer.set_defaults(handler=run_beamer)


SUBCOMMANDS: tuple[SubcommandAdder, ...] = (
    _add_demo,
    _add_list,
    _add_export,
    _add_beamer,
    *FILE_SUBCOMMANDS,
    *PRIVACY_SUBCOMMANDS,
    *KEYS_SUBCOMMANDS,
)


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose usage error is one line (plus argparse's usage line)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        hint = _("(see “{command} --help”)").format(command=self.prog)
        self.exit(EXIT_USAGE, f"{self.prog}: {message} {hint}\n")


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


# ---------------------------------------------------------------------------- the commands


def run_app(args: Args, start_meeting: int | None = None) -> int:
    """Open the Textual app on the database (checked cheaply first)."""
    target = database_target(args.db)
    problem = preflight(target) or gone_database(target, getattr(args, "new_database", False))
    if problem:
        _say(problem)
        return EXIT_USAGE

    def open_database() -> Database:
        # Imported here: the app calls this in a worker after its first frame is drawn.
        from models.database import Database

        database = Database.open(target)
        _remember(database)
        return database

    from baz_tui.app import BazApp

    if getattr(args, "lang", None):
        # Kept like the theme: the next "baz" speaks the language chosen here.
        save_setting("language", args.lang)
    saved_theme = load_settings().get("theme")
    app = BazApp(
        open_database,
        theme=saved_theme if isinstance(saved_theme, str) else None,
        remember_theme=lambda name: save_setting("theme", name),
        remember_language=lambda code: save_setting("language", code),
        start_meeting=start_meeting,
        freeze_when_loaded=True,
    )
    app.run()
    return app.return_code or EXIT_OK


def run_demo(args: Args) -> int:
    """Create the demo's two evenings (once; ``--reset`` replaces them); ``--open`` opens the
    one still to come."""
    from models.demo import create_demo, find_demo, find_next_evening
    from models.formatting import format_date

    store = _open_store(args)
    try:
        existing = [m for m in (find_demo(store), find_next_evening(store)) if m is not None]
        if existing and args.reset:
            for meeting in existing:
                store.delete_meeting(meeting.id)
            existing = []
        if existing:
            first = existing[0]
            print(
                _(
                    "The demo meeting already exists: #{id} {title} ({date}). "
                    "Use “{command}” to start again."
                ).format(
                    id=first.id,
                    title=first.title,
                    date=format_date(first.date),
                    command=f"{PROG} demo --reset",
                )
            )
            meeting_id = existing[-1].id
        else:
            held = create_demo(store)
            coming = find_next_evening(store)
            assert coming is not None  # made with the held one
            meeting_id = coming.id
            print(
                _(
                    "Demo created: #{id} {title} ({date}), held; #{next_id} {next_title} "
                    "({next_date}), still to come."
                ).format(
                    id=held.id,
                    title=held.title,
                    date=format_date(held.date),
                    next_id=coming.id,
                    next_title=coming.title,
                    next_date=format_date(coming.date),
                )
            )
    finally:
        store.close()
    return run_app(args, start_meeting=meeting_id) if args.open else EXIT_OK


def run_list(args: Args) -> int:
    """Print the meetings, newest first, in aligned columns."""
    from models.domain import label

    store = _open_store(args)
    try:
        meetings = store.list_meetings()
    finally:
        store.close()
    if not meetings:
        print(_("No meetings."))
        return EXIT_OK
    rows = [(str(m.id), m.date.strftime("%d-%m-%Y"), m.title, label(m.status)) for m in meetings]
    id_width = max(len(r[0]) for r in rows)
    title_width = max(len(r[2]) for r in rows)
    for number, day, title, status in rows:
        print(f"{number:>{id_width}}  {day}  {title:<{title_width}}  {status}")
    return EXIT_OK


def run_export(args: Args) -> int:
    """Write the minutes of one meeting as a .docx file and say where it went."""
    from baz_tui.export import chosen_template, export_minutes
    from models.validation import whole_number

    meeting_id = whole_number(args.meeting, _("The meeting number"), low=1)
    if args.review and not args.public:
        raise BazError(_("--review is for the public version: add --public."))
    store = _open_store(args)
    try:
        writes_word = bool(args.output or not args.csv)
        # --template, else the house style of the process (F8) or of the settings; a chosen
        # one that is gone is said before anything else (and before the public review).
        template = chosen_template(store, meeting_id, args.template) if writes_word else None
        if args.public:
            from baz_tui.cli_review import review_public_export

            store.get_meeting(meeting_id)  # an unknown number: one line, before the review
            if not review_public_export(store, meeting_id, args):
                return EXIT_OK
        tables: list[Path] = []
        from baz_tui.cli_files import export_csv, replacing_read_only

        if args.csv:
            tables = export_csv(
                store, meeting_id, args.csv, public=args.public, assume_yes=args.yes
            )
        path = None
        if writes_word:
            path = replacing_read_only(
                lambda replace: export_minutes(
                    store,
                    meeting_id,
                    args.output or Path.cwd(),
                    public=args.public,
                    template=template,
                    speaking_time=not args.without_speaking_time,
                    replace_read_only=replace,
                ),
                args.yes,
            )
    finally:
        store.close()
    for table in tables:
        print(_("CSV written to {path}").format(path=table))
    if path is not None:
        print(_("Minutes written to {path}").format(path=path))
    return EXIT_OK


def run_beamer(args: Args) -> int:
    """Show a meeting on the beamer: the database opened read-only, checked before Textual starts."""
    from models.validation import whole_number

    meeting_id = None
    if args.meeting is not None:
        meeting_id = whole_number(args.meeting, _("The meeting number"), low=1)
    target = database_target(args.db)
    from models.files import exists, user_path

    if "://" not in target and not exists(user_path(target)):
        raise DatabaseError(
            _(
                "There is no BaZ database at {path}: start BaZ on the chair's laptop first, "
                "or give the database with --db."
            ).format(path=user_path(target).resolve())
        )
    problem = preflight(target, writable=False)
    if problem:
        raise DatabaseError(problem)
    from models.beamer import BeamerFeed
    from models.database import Database
    from models.store import Store

    store = Store(Database.open_read_only(target))
    try:
        if meeting_id is not None:
            store.get_meeting(meeting_id)  # an unknown number: one line, before the screen
        feed = BeamerFeed(store, meeting_id)
        try:
            feed.read()
        except DamagedDatabaseError:
            raise  # a damaged file stays damaged: one line, before the screen
        except BazError:
            pass  # the screen shows it, and reads again a moment later
        from baz_tui.beamer import BeamerApp

        saved_theme = load_settings().get("theme")
        app = BeamerApp(
            feed,
            theme=saved_theme if isinstance(saved_theme, str) else None,
        )
        app.run()
    finally:
        store.close()
    return app.return_code or EXIT_OK


def _open_store(args: Args) -> Store:
    """The Store for a subcommand; a SQLite file is checked first, for the clearer message."""
    target = database_target(args.db)
    problem = preflight(target) or gone_database(target, getattr(args, "new_database", False))
    if problem:
        raise DatabaseError(problem)
    from models.store import Store

    store = Store.open(target)
    _remember(store.database)
    return store


def gone_database(target: str, new_database: bool) -> str | None:
    """Why BaZ does not make a new database at ``target``: one was there (BaZ opened it
    before) and is gone. A new, empty one in its place would look like every meeting lost."""
    if "://" in target or new_database:
        return None
    from baz_tui.config import last_used
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


def _remember(database: Database) -> None:
    from baz_tui.config import remember_database

    if database.sqlite_path is not None:
        remember_database(database.sqlite_path.resolve())


# ------------------------------------------------------------------------------- helpers


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
        from models.terminal_text import printable

        self._stream.write(printable(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def _printable_output() -> Iterator[None]:
    """Everything the command prints (stdout and stderr) goes through the sanitiser."""
    original = sys.stdout, sys.stderr
    sys.stdout = _PrintableStream(sys.stdout)  # type: ignore[assignment]
    sys.stderr = _PrintableStream(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = original


def _say(message: str) -> None:
    """One line on stderr, whatever the message holds."""
    lines = (line.strip() for line in str(message).splitlines())
    print(" ".join(line for line in lines if line), file=sys.stderr)


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
