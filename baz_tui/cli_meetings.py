"""The ``baz`` commands about meetings: open the app (no command), ``demo``, ``list``,
``export`` and ``beamer``.

Heavy modules (SQLModel/SQLAlchemy, Textual, python-docx) are imported inside the command that
needs them. Opening the app checks the database file without SQLAlchemy
(:mod:`baz_tui.cli_database`), so a wrong ``--db`` is reported in one line before Textual takes
over the terminal, and the app can draw its first frame before the ORM is loaded.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from baz_tui.cli_common import EXIT_OK, EXIT_USAGE, PROG, Args, SubcommandAdder, Subcommands, say
from baz_tui.cli_database import gone_database, open_store, preflight, remember
from baz_tui.cli_files import export_csv, replacing_read_only
from baz_tui.cli_review import review_public_export
from baz_tui.config import database_target, load_settings, save_setting
from baz_tui.i18n import SUPPORTED
from baz_tui.keymap import use_user_keymap
from models.errors import BazError, DamagedDatabaseError, DatabaseError
from models.i18n import _

if TYPE_CHECKING:
    from models.database import Database


# ------------------------------------------------------------------------------ parsers


def add_demo(subcommands: Subcommands) -> None:
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


def add_list(subcommands: Subcommands) -> None:
    listing = subcommands.add_parser(
        "list",
        help=_("list the meetings: number, date, title, status"),
        description=_("List the meetings, newest first."),
    )
    listing.set_defaults(handler=run_list)


def add_export(subcommands: Subcommands) -> None:
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


def add_beamer(subcommands: Subcommands) -> None:
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


MEETING_SUBCOMMANDS: tuple[SubcommandAdder, ...] = (add_demo, add_list, add_export, add_beamer)


# ----------------------------------------------------------------------------- commands


def run_app(args: Args, start_meeting: int | None = None) -> int:
    """Open the Textual app on the database (checked cheaply first)."""
    target = database_target(args.db)
    problem = preflight(target) or gone_database(target, getattr(args, "new_database", False))
    if problem:
        say(problem)
        return EXIT_USAGE

    def open_database() -> Database:
        # Imported here: the app calls this in a worker after its first frame is drawn.
        from models.database import Database

        database = Database.open(target)
        remember(database)
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
        keymap=use_user_keymap,
    )
    app.run()
    return app.return_code or EXIT_OK


def run_demo(args: Args) -> int:
    """Create the demo's two evenings (once; ``--reset`` replaces them); ``--open`` opens the
    one still to come."""
    from models.demo import create_demo, find_demo, find_next_evening
    from models.rules.formatting import format_date

    store = open_store(args)
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

    store = open_store(args)
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
    from models.rules.validation import whole_number

    meeting_id = whole_number(args.meeting, _("The meeting number"), low=1)
    if args.review and not args.public:
        raise BazError(_("--review is for the public version: add --public."))
    store = open_store(args)
    try:
        writes_word = bool(args.output or not args.csv)
        # --template, else the house style of the process (F8) or of the settings; a chosen
        # one that is gone is said before anything else (and before the public review).
        template = chosen_template(store, meeting_id, args.template) if writes_word else None
        if args.public:
            store.get_meeting(meeting_id)  # an unknown number: one line, before the review
            if not review_public_export(store, meeting_id, args):
                return EXIT_OK
        tables: list[Path] = []
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
    from models.rules.validation import whole_number

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
            keymap=use_user_keymap,
        )
        app.run()
    finally:
        store.close()
    return app.return_code or EXIT_OK
