"""The ``baz`` subcommands for files: a meeting to and from a meeting file, CSV in and out.

``baz dump`` / ``baz load`` move one meeting between laptops; ``baz attendees import`` and
``baz votes import`` read CSV files from spreadsheets and online polls; ``baz export --csv``
(in :mod:`baz_tui.cli_meetings`) writes the lists as CSV with :func:`export_csv`. Like every
subcommand, a refusal is one line on stderr and exit code 2; the reading and writing itself is
done by ``models`` (checks, Store), so the app does exactly the same.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from baz_tui.cli_common import EXIT_OK, Args, SubcommandAdder, Subcommands
from baz_tui.cli_database import open_store
from baz_tui.cli_prompt import confirm
from models.errors import BazError
from models.i18n import _, ngettext

if TYPE_CHECKING:
    from models.files.csv_import import LineProblem
    from models.store import Store


# ------------------------------------------------------------------------------ parsers


def add_dump(subcommands: Subcommands) -> None:
    dump = subcommands.add_parser(
        "dump",
        help=_("write one meeting with everything in it to a meeting file (.baz.json)"),
        description=_(
            "Write one meeting with everything in it (process, attendees, agenda, speakers, "
            "problem analysis, votes, decisions, action points, notes, times) to a meeting "
            "file, to load it on another laptop with “baz load”."
        ),
    )
    dump.add_argument("meeting", metavar="ID", help=_("the number of the meeting (see “baz list”)"))
    dump.add_argument(
        "-o",
        "--output",
        metavar=_("FILE"),
        help=_("the file or folder to write to (default: “Meeting <title> <date>.baz.json” here)"),
    )
    dump.add_argument(
        "--yes", action="store_true", help=_("replace a write-protected file without asking")
    )
    dump.set_defaults(handler=run_dump)


def add_load(subcommands: Subcommands) -> None:
    load = subcommands.add_parser(
        "load",
        help=_("read a meeting file into this database (the meeting gets a new number)"),
        description=_(
            "Read a meeting file made by “baz dump” (or the app) into this database. A file "
            "with a problem is refused whole, naming the first problem; nothing is then loaded."
        ),
    )
    load.add_argument("file", metavar=_("FILE"), help=_("the meeting file (.baz.json)"))
    load.add_argument(
        "--as-copy",
        action="store_true",
        help=_("load it even when the meeting is already in this database (keeping both)"),
    )
    load.set_defaults(handler=run_load)


def add_attendees(subcommands: Subcommands) -> None:
    attendees = subcommands.add_parser(
        "attendees",
        help=_("import the attendee list of a meeting from a CSV file"),
        description=_("The attendee list of a meeting."),
    )
    actions = attendees.add_subparsers(title=_("commands"), metavar=_("COMMAND"), required=True)
    reading = actions.add_parser(
        "import",
        help=_("add the people of a CSV file to a meeting"),
        description=_(
            "Add the people of a CSV file (from a spreadsheet) to a meeting. The first line "
            "names the columns: name, role and naming consent, in Dutch or English (naam, rol, "
            "toestemming); commas or semicolons; UTF-8 or Windows-1252. Lines with a problem "
            "are shown; the other lines are added after you confirm."
        ),
    )
    reading.add_argument(
        "meeting", metavar="ID", help=_("the number of the meeting (see “baz list”)")
    )
    reading.add_argument("file", metavar=_("FILE"), help=_("the CSV file"))
    reading.add_argument(
        "--yes", action="store_true", help=_("import the valid lines without asking")
    )
    reading.set_defaults(handler=run_attendees_import)


def add_votes(subcommands: Subcommands) -> None:
    votes = subcommands.add_parser(
        "votes",
        help=_("list the votes of a meeting, or import digital pre-votes from a CSV file"),
        description=_("The votes of a meeting."),
    )
    actions = votes.add_subparsers(title=_("commands"), metavar=_("COMMAND"), required=True)
    listing = actions.add_parser(
        "list",
        help=_("list the votes of a meeting with their numbers"),
        description=_("List the votes of a meeting with their numbers, for “baz votes import”."),
    )
    listing.add_argument(
        "meeting", metavar="ID", help=_("the number of the meeting (see “baz list”)")
    )
    listing.set_defaults(handler=run_votes_list)
    reading = actions.add_parser(
        "import",
        help=_("load digital pre-votes from a CSV file into a vote"),
        description=_(
            "Load the digital votes cast in advance (an online poll) into the “digital in "
            "advance” count of an open vote; they replace what was counted there before. The "
            "file has a line per option with its count (columns option and count), or a line "
            "per vote cast. The file name and the time are recorded for the minutes."
        ),
    )
    reading.add_argument(
        "poll", metavar=_("VOTE"), help=_("the number of the vote (see “baz votes list ID”)")
    )
    reading.add_argument("file", metavar=_("FILE"), help=_("the CSV file"))
    reading.add_argument(
        "--yes", action="store_true", help=_("import without asking, also when lines have problems")
    )
    reading.set_defaults(handler=run_votes_import)


FILE_SUBCOMMANDS: tuple[SubcommandAdder, ...] = (add_dump, add_load, add_attendees, add_votes)


# ----------------------------------------------------------------------------- commands


def run_dump(args: Args) -> int:
    """Write a meeting file and say where it went."""
    from models.files import write_whole
    from models.files.meeting_file import encode, file_target

    meeting_id = _number(args.meeting, _("The meeting number"))
    store = open_store(args)
    try:
        meeting = store.get_meeting(meeting_id)
        data = store.dump_meeting(meeting_id)
    finally:
        store.close()
    target = file_target(args.output or Path.cwd(), meeting.title, meeting.date)
    path = replacing_read_only(
        lambda replace: write_whole(target, encode(data), replace_read_only=replace), args.yes
    )
    print(_("Meeting file written to {path}").format(path=path))
    return EXIT_OK


def run_load(args: Args) -> int:
    """Read a meeting file into the database and say what it became."""
    from models.files import read_file
    from models.files.meeting_file import SIZE_LIMIT, DuplicateMeetingError, parse_meeting_file
    from models.rules.formatting import format_date

    data = parse_meeting_file(read_file(args.file, limit=SIZE_LIMIT))
    store = open_store(args)
    try:
        loaded = store.load_meeting(data, as_copy=args.as_copy)
    except DuplicateMeetingError as error:
        raise BazError(
            _("{message} (use {option})").format(message=error.message, option="--as-copy")
        ) from None
    finally:
        store.close()
    print(
        _("Meeting loaded: #{id} {title} ({date})").format(
            id=loaded.meeting_id, title=loaded.title, date=format_date(loaded.day)
        )
    )
    for note in loaded.notes:
        print(note)
    return EXIT_OK


def run_attendees_import(args: Args) -> int:
    """Add the valid people of a CSV file, after showing the lines that cannot be added."""
    from models.files import read_file
    from models.files.csv_import import SIZE_LIMIT, parse_attendees, read_text, without_known

    meeting_id = _number(args.meeting, _("The meeting number"))
    raw = read_file(args.file, limit=SIZE_LIMIT)
    store = open_store(args)
    try:
        meeting = store.get_meeting(meeting_id)
        parsed = without_known(
            parse_attendees(raw), (a.name for a in store.list_attendees(meeting_id))
        )
        print(read_text(Path(args.file).name, parsed.table))
        if parsed.ignored_columns:
            print(_("Columns not used: {names}").format(names=", ".join(parsed.ignored_columns)))
        _show_problems(parsed.problems)
        if not parsed.rows:
            raise BazError(_("No line of the file can be added; nothing was imported."))
        count = len(parsed.rows)
        if parsed.problems and not _confirm(
            ngettext(
                "Add the {n} other person to “{title}”?",
                "Add the {n} other people to “{title}”?",
                count,
            ).format(n=count, title=meeting.title),
            args.yes,
        ):
            print(_("Nothing was imported."))
            return EXIT_OK
        added = store.import_attendees(meeting_id, parsed.rows)
    finally:
        store.close()
    print(
        ngettext(
            "{n} person added to #{id} {title}.",
            "{n} people added to #{id} {title}.",
            len(added),
        ).format(n=len(added), id=meeting_id, title=meeting.title)
    )
    return EXIT_OK


def run_votes_list(args: Args) -> int:
    """Print the votes of a meeting: number, agenda item, status, question."""
    from models.domain import label

    meeting_id = _number(args.meeting, _("The meeting number"))
    store = open_store(args)
    try:
        polls = store.meeting_polls(meeting_id)
        numbers = {i.id: i.position + 1 for i in store.list_agenda(meeting_id)}
    finally:
        store.close()
    if not polls:
        print(_("This meeting has no votes."))
        return EXIT_OK
    width = max(len(str(p.id)) for p in polls)
    for poll in polls:
        item = _("item {n}").format(n=numbers.get(poll.agenda_item_id, "?"))
        print(f"{poll.id:>{width}}  {item}  {label(poll.status)}  {poll.question}")
    return EXIT_OK


def run_votes_import(args: Args) -> int:
    """Load the digital pre-votes of a CSV file into an open vote."""
    from models.database.types import utcnow
    from models.files import read_file
    from models.files.csv_import import SIZE_LIMIT, digital_source_text, parse_votes, read_text

    poll_id = _number(args.poll, _("The number of the vote"))
    raw = read_file(args.file, limit=SIZE_LIMIT)
    store = open_store(args)
    try:
        poll = store.get_poll(poll_id)
        if poll.is_declared:
            raise BazError(_("This vote has been declared; its counts can no longer change."))
        parsed = parse_votes(raw, [o.label for o in poll.options], poll.method)
        print(read_text(Path(args.file).name, parsed.table))
        _show_problems(parsed.problems)
        if not parsed.total:
            raise BazError(_("No line of the file holds a vote; nothing was imported."))
        print(_("Digital votes for “{question}”:").format(question=poll.question))
        for option, count in zip(poll.options, parsed.counts, strict=True):
            print(f"  {option.label}: {count}")
        replacing = any(o.digital for o in poll.options)
        if (parsed.problems or replacing) and not _confirm(
            _("Replace the digital votes counted so far with these?")
            if replacing
            else _("Load these digital votes?"),
            args.yes,
        ):
            print(_("Nothing was imported."))
            return EXIT_OK
        source = digital_source_text(Path(args.file).name, utcnow())
        store.import_digital_votes(poll_id, parsed.counts, source)
    finally:
        store.close()
    print(
        ngettext(
            "{n} digital vote loaded; recorded as: {source}",
            "{n} digital votes loaded; recorded as: {source}",
            parsed.total,
        ).format(n=parsed.total, source=source)
    )
    return EXIT_OK


def export_csv(
    store: Store, meeting_id: int, folder: str | Path, *, public: bool, assume_yes: bool = False
) -> list[Path]:
    """``baz export --csv``: the vote results, decisions and action points as CSV files."""
    from models.files.csv_export import write_csv_files
    from models.minutes import build_minutes

    minutes = build_minutes(store, meeting_id, public=public)
    return replacing_read_only(
        lambda replace: write_csv_files(minutes, folder, replace_read_only=replace), assume_yes
    )


# ------------------------------------------------------------------------------ helpers


def _number(value: str, what: str) -> int:
    from models.rules.validation import whole_number

    return whole_number(value, what, low=1)


#: The lines with a problem the command line names; the rest is counted ("… and 4,996 more").
PROBLEM_LINES_SHOWN = 20


def _show_problems(problems: tuple[LineProblem, ...]) -> None:
    from models.files.csv_import import problem_text

    if problems:
        print(problem_text(problems, limit=PROBLEM_LINES_SHOWN))


T = TypeVar("T")


def replacing_read_only(write: Callable[[bool], T], assume_yes: bool) -> T:
    """``write(False)``; when its target is write-protected, ask (``--yes`` answers it) and
    then ``write(True)``, which replaces it keeping its mode and owner."""
    from models.files import ReadOnlyFileError

    try:
        return write(False)
    except ReadOnlyFileError as error:
        question = _("{path} is write-protected. Replace it anyway?").format(path=error.path)
        refusal = _("{message} Nothing was written; add {option} to replace it.").format(
            message=error.message, option="--yes"
        )
        if not confirm(question, assume_yes, refusal):
            raise BazError(_("Nothing was written.")) from None
        return write(True)


def _confirm(question: str, assume_yes: bool) -> bool:
    return confirm(
        question,
        assume_yes,
        _("{question} — nothing was imported: add {option} to import without asking.").format(
            question=question, option="--yes"
        ),
    )
