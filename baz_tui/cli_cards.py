"""``baz stemkaarten ID --aantal N -o FILE``: one-time voting cards for a meeting's decisions
(DESIGN §5a), printed before the meeting and handed out at the door, one per eligible person
present, linked to no name.

The cards are issued through the Store (only their codes' hashes are kept) and written as a
Word document (``baz_tui.export.voting_cards``). Every error — an unknown or closed meeting, a
number outside 1–500, a file that cannot be written — is one line, and nothing is written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from baz_tui.cli_common import EXIT_OK, Args, SubcommandAdder, Subcommands
from baz_tui.cli_database import open_store
from models.errors import BazError
from models.i18n import _


def add_cards(subcommands: Subcommands) -> None:
    cards = subcommands.add_parser(
        "stemkaarten",
        help=_("print one-time voting cards for a meeting (a Word file)"),
        description=_(
            "Issue one-time voting cards for a meeting and write them to a Word file: eight "
            "to an A4, each with its number, its code and QR code, and cut lines. Hand one to "
            "each eligible person present; a card votes once per vote with a voting card."
        ),
    )
    cards.add_argument(
        "meeting", metavar="ID", help=_("the number of the meeting (see “baz list”)")
    )
    cards.add_argument("--aantal", required=True, metavar="N", help=_("how many cards (1 to 500)"))
    cards.add_argument(
        "-o", "--output", required=True, metavar=_("FILE"), help=_("the Word file (.docx)")
    )
    cards.add_argument(
        "--adres",
        metavar="URL",
        help=_(
            "the room's address, e.g. http://192.168.1.10:8765: the QR codes then open the "
            "room's page with the card filled in (default: they hold the code alone)"
        ),
    )
    cards.set_defaults(handler=run_cards)


CARD_SUBCOMMANDS: tuple[SubcommandAdder, ...] = (add_cards,)


def run_cards(args: Args) -> int:
    """Issue the cards and write them; say where they went."""
    from baz_tui.export.voting_cards import write_voting_cards
    from models.rules.formatting import format_date
    from models.rules.validation import whole_number
    from models.store.room import MAX_VOTING_CARDS

    meeting_id = whole_number(args.meeting, _("The meeting number"), low=1)
    count = whole_number(args.aantal, _("The number of voting cards"), low=1, high=MAX_VOTING_CARDS)
    address = _address(args.adres)
    target = Path(args.output)
    if target.suffix.lower() != ".docx":
        target = target.with_name(target.name + ".docx")
    _check_writable(target)
    store = open_store(args)
    try:
        meeting = store.get_meeting(meeting_id)
        first = store.voting_card_count(meeting_id) + 1
        codes = store.issue_voting_cards(meeting_id, count)
    finally:
        store.close()
    partial = target.with_name(f".{target.name}.part")
    try:
        write_voting_cards(
            partial,
            meeting.title,
            format_date(meeting.date),
            codes,
            first_number=first,
            address=address,
        )
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BazError(
            _("Cannot write {path}: {reason}").format(path=target, reason=error.strerror or error)
        ) from error
    print(
        _("{n} voting cards (no. {first} to {last}) written to {path}").format(
            n=count, first=first, last=first + count - 1, path=target
        )
    )
    return EXIT_OK


def _address(typed: str | None) -> str | None:
    if typed is None:
        return None
    address = typed.strip().rstrip("/")
    if not address.startswith(("http://", "https://")) or len(address) > 200 or " " in address:
        raise BazError(
            _("The address must look like http://192.168.1.10:8765 (got “{typed}”).").format(
                typed=typed[:60]
            )
        )
    return address


def _check_writable(target: Path) -> None:
    """Refuse, before any card is issued, a file that cannot be written."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise BazError(_("The folder {folder} does not exist.").format(folder=folder))
    if target.is_dir():
        raise BazError(_("{path} is a folder, not a file.").format(path=target))
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".baz-", delete=True):
            pass
    except OSError as error:
        raise BazError(
            _("Cannot write {path}: {reason}").format(path=target, reason=error.strerror or error)
        ) from error
    if target.exists() and not os.access(target, os.W_OK):
        raise BazError(_("Cannot write {path}: it is write-protected.").format(path=target))
