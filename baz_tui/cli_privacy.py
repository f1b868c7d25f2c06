"""The ``baz`` subcommands for privacy: ``baz purge`` and ``baz person``.

``baz purge --before DATE`` anonymises the people of older meetings; ``baz person NAME`` answers
an access request (every meeting and record where somebody appears) and ``--erase`` anonymises
that person. Both say what they will do and ask first (``--yes`` skips the question; without a
terminal and without ``--yes`` nothing changes). The rules are in :mod:`models.rules.privacy`, the
work in :mod:`models.store.privacy`. A refusal is one line on stderr and exit code 2; a name
that appears nowhere is one line and exit code 1 (nothing to do, but the answer is "no").
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from baz_tui.cli_common import EXIT_OK, Args, SubcommandAdder, Subcommands
from baz_tui.cli_database import open_store
from baz_tui.cli_prompt import confirm
from models.errors import BazError
from models.i18n import _, ngettext

if TYPE_CHECKING:
    from datetime import date

    from models.rules.privacy import AnonymisedSummary, PersonReport

#: ``baz person`` with a name that appears nowhere.
EXIT_NOT_FOUND = 1


# ------------------------------------------------------------------------------ parsers


def add_purge(subcommands: Subcommands) -> None:
    purge = subcommands.add_parser(
        "purge",
        help=_("anonymise the people of meetings before a date"),
        description=_(
            "Anonymise the personal data of the attendees of every meeting before a date: "
            "names become “Resident 1”, “Resident 2” … (the numbers of the public minutes), "
            "arrival and departure times are removed, consents are kept only as counts, and "
            "names are replaced in the notes, cards, votes, decisions and action points. "
            "Decisions and action points are kept. Asks first."
        ),
    )
    purge.add_argument(
        "--before",
        required=True,
        metavar=_("DATE"),
        help=_("meetings dated before this day (dd-mm-yyyy or yyyy-mm-dd)"),
    )
    purge.add_argument("--yes", action="store_true", help=_("anonymise without asking"))
    purge.set_defaults(handler=run_purge)


def add_person(subcommands: Subcommands) -> None:
    person = subcommands.add_parser(
        "person",
        help=_("list every meeting and record where a person appears (or erase them)"),
        description=_(
            "List every meeting and record where a person appears: on the attendee list, the "
            "speaker list, as author of a card, as owner of an action point, or named in a "
            "text (an access request). With --erase the person is anonymised everywhere, "
            "after you confirm."
        ),
    )
    person.add_argument("name", metavar=_("NAME"), help=_("the name (or part of it)"))
    person.add_argument(
        "--erase",
        action="store_true",
        help=_("anonymise the person in every meeting (the records stay, without the name)"),
    )
    person.add_argument("--yes", action="store_true", help=_("erase without asking"))
    person.set_defaults(handler=run_person)


PRIVACY_SUBCOMMANDS: tuple[SubcommandAdder, ...] = (add_purge, add_person)


# ----------------------------------------------------------------------------- commands


def run_purge(args: Args) -> int:
    """Say what will be anonymised, ask, and do it in one transaction."""
    from models.rules.formatting import format_date
    from models.rules.validation import parse_date

    day = parse_date(args.before)  # a bad date: one line, exit 2, before the database opens
    store = open_store(args)
    try:
        plan = store.purge_plan(day)
        if not plan.people:
            print(
                _("No meeting before {date} has names to anonymise; nothing to do.").format(
                    date=format_date(day)
                )
            )
            return EXIT_OK
        print(_summary_text(plan, day))
        if not _confirm(_("Anonymise them now? This cannot be undone."), args.yes):
            print(_("Nothing was changed."))
            return EXIT_OK
        done = store.purge_before(day)
    finally:
        store.close()
    print(
        ngettext(
            "Done: {people} person in {meetings} meeting(s) anonymised.",
            "Done: {people} people in {meetings} meeting(s) anonymised.",
            done.people,
        ).format(people=done.people, meetings=done.meetings)
    )
    return EXIT_OK


def run_person(args: Args) -> int:
    """Print where a person appears; with ``--erase`` anonymise them after confirmation."""
    from models.store.privacy import unknown_person_text

    store = open_store(args)
    try:
        report = store.find_person(args.name)
        if not report.found:
            print(unknown_person_text(args.name), file=sys.stderr)
            return EXIT_NOT_FOUND
        print(report_text(report))
        if not args.erase:
            return EXIT_OK
        if len(report.names) > 1:
            raise BazError(
                _("“{name}” matches several people: {names}. Give the whole name.").format(
                    name=args.name, names=", ".join(report.names)
                )
            )
        who = report.names[0] if report.names else report.query
        if not _confirm(
            _("Erase “{name}” from these meetings? This cannot be undone.").format(name=who),
            args.yes,
        ):
            print(_("Nothing was changed."))
            return EXIT_OK
        done = store.erase_person(who)
    finally:
        store.close()
    print(
        ngettext(
            "Done: “{name}” erased from {meetings} meeting ({texts} text(s) changed).",
            "Done: “{name}” erased from {meetings} meetings ({texts} text(s) changed).",
            done.meetings,
        ).format(name=who, meetings=done.meetings, texts=done.texts)
    )
    return EXIT_OK


# ------------------------------------------------------------------------------ texts


def report_text(report: PersonReport) -> str:
    """The answer to an access request, grouped per meeting."""
    from models.rules.formatting import format_date
    from models.rules.privacy import RecordKind, record_label

    lines = []
    if report.names:
        lines.append(_("People found: {names}").format(names=", ".join(report.names)))
    else:
        lines.append(
            _("“{name}” is on no attendee list; texts that name them:").format(name=report.query)
        )
    lines.append(
        ngettext(
            "{n} record in {m} meeting(s):",
            "{n} records in {m} meeting(s):",
            report.record_count,
        ).format(n=report.record_count, m=len(report.meetings))
    )
    for meeting in report.meetings:
        lines.append("")
        lines.append(f"#{meeting.meeting_id} {meeting.title} ({format_date(meeting.date)})")
        for record in meeting.records:
            kind = record_label(record.kind)
            if record.where:
                joint = " " if record.kind is RecordKind.MENTION else ", "
                kind = f"{kind}{joint}{record.where}"
            lines.append(f"  - {kind}: {record.text}")
    return "\n".join(lines)


def _summary_text(plan: AnonymisedSummary, day: date) -> str:
    from models.domain import Consent, label
    from models.rules.formatting import format_date

    lines = [
        ngettext(
            "{people} person in {meetings} meeting(s) before {date} will be anonymised:",
            "{people} people in {meetings} meeting(s) before {date} will be anonymised:",
            plan.people,
        ).format(people=plan.people, meetings=plan.meetings, date=format_date(day)),
        "  - "
        + _("names become “{label}”; arrival and departure times are removed").format(
            label=_("Resident {number}").format(number="N")
        ),
        "  - "
        + ngettext(
            "names are replaced in {n} text (notes, cards, votes, decisions, action points)",
            "names are replaced in {n} texts (notes, cards, votes, decisions, action points)",
            plan.texts,
        ).format(n=plan.texts),
        "  - "
        + _("consents are kept only as counts: {counts}").format(
            counts=", ".join(f"{n}× {label(Consent(c))}" for c, n in plan.consents.items())
        ),
        "  - " + _("decisions and action points are kept"),
    ]
    return "\n".join(lines)


# ------------------------------------------------------------------------------ helpers


def _confirm(question: str, assume_yes: bool) -> bool:
    return confirm(
        question,
        assume_yes,
        _("{question} — nothing was changed: add {option} to do it without asking.").format(
            question=question, option="--yes"
        ),
    )
