"""``baz zaal``: the room's web page on the local network, for the residents' phones.

It opens the meeting's room through the Store, prints the address, the meeting code and the QR
code, and serves until Ctrl+C (then the room is closed again). The server binds to the laptop's
address on the local network by default — never to every network unless asked — and says how
to make a hotspot when there is no network at all.
"""

from __future__ import annotations

import argparse

from baz_tui.cli_common import EXIT_OK, Args, SubcommandAdder, Subcommands
from baz_tui.cli_database import open_store
from baz_tui.config import database_target
from models.errors import BazError
from models.i18n import _

DEFAULT_PORT = 8765


def add_room(subcommands: Subcommands) -> None:
    from baz_tui.room.network import hotspot_help

    room = subcommands.add_parser(
        "zaal",
        help=_("serve the room's web page on the local network: residents vote from their phones"),
        description=_(
            "Serve a small web page on the local network: residents scan the QR code (or type "
            "the address and the meeting code) and vote, place dots and hand in cards from "
            "their phones. It runs until Ctrl+C, which closes the room again."
        ),
        epilog=hotspot_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    room.add_argument(
        "meeting",
        metavar="ID",
        nargs="?",
        help=_("the number of the meeting (see “baz list”); without it, the meeting that is on"),
    )
    room.add_argument(
        "--host",
        metavar=_("ADDRESS"),
        help=_(
            "the address to serve on (default: this laptop's address on the local network; "
            "0.0.0.0 serves every network)"
        ),
    )
    room.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        metavar="N",
        help=_("the port (default: {port}; 0 takes a free one)").format(port=DEFAULT_PORT),
    )
    room.set_defaults(handler=run_room)


ROOM_SUBCOMMANDS: tuple[SubcommandAdder, ...] = (add_room,)


def run_room(args: Args) -> int:
    """Open the room and serve it until Ctrl+C."""
    from baz_tui.room.network import LOOPBACK, WILDCARDS, hotspot_help, local_address, shown_host
    from baz_tui.room.server import RoomStarted, serve
    from models.rules.qr import qr_lines
    from models.rules.validation import whole_number

    if not 0 <= args.port <= 65535:
        raise BazError(_("The port must be a number from 0 to 65535."))
    store = open_store(args)
    try:
        if args.meeting is not None:
            meeting_id = whole_number(args.meeting, _("The meeting number"), low=1)
            store.get_meeting(meeting_id)  # an unknown number: one line
        else:
            target = store.beamer_target()
            if target is None:
                raise BazError(
                    _("No meeting is on now: give the number of the meeting (see “baz list”).")
                )
            meeting_id = target.meeting_id
    finally:
        store.close()

    host = args.host
    if host is None:
        host = local_address()
        if host is None:
            host = LOOPBACK
            print(
                _(
                    "This laptop is on no local network, so only this laptop itself can open "
                    "the page."
                )
            )
            print(hotspot_help())
            print()
    elif host in WILDCARDS:
        print(_("Serving on every network of this laptop (--host {host}).").format(host=host))

    def ready(started: RoomStarted) -> None:
        url = RoomStarted(shown_host(host), started.port, started.code)
        print(_("The room is open: {url}").format(url=url.url))
        print(_("Meeting code: {code}").format(code=started.code))
        print(_("Scan to join:"))
        print("\n".join(qr_lines(url.join_url)), flush=True)
        print(_("Ctrl+C closes the room."), flush=True)

    try:
        serve(database_target(args.db), meeting_id, host, args.port, ready=ready)
    except KeyboardInterrupt:
        pass
    print(_("The room is closed."))
    return EXIT_OK
