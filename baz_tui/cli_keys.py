"""``baz keys``: every key of BaZ with the name a keymap file gives it, and a check of that file.

The list comes from the bindings themselves, so it is always the list of the BaZ that is
installed, in the user's language, with the keys the user's own file gives them; a mistake in
that file is said here as the app says it (one line each, exit code 2), readable at leisure
instead of in a message at start-up.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from baz_tui.cli_common import EXIT_OK, EXIT_USAGE
from models.i18n import _

if TYPE_CHECKING:
    from baz_tui.cli_common import Args, Subcommands


def add_keys(subcommands: Subcommands) -> None:
    keys = subcommands.add_parser(
        "keys",
        help=_("list every key with its name for your own keymap file, and check that file"),
        description=_(
            "List every key of BaZ: its name (for your own keymap file), its key and what it "
            "does. Your own keys are in keymap.toml in the settings folder, one line per "
            'key: "agenda.next_item" = "n". A mistake in that file is shown after the list.'
        ),
    )
    keys.set_defaults(handler=run_keys)


def run_keys(args: Args) -> int:
    """Print every binding id with its keys now and what it does; then the file's problems."""
    from baz_tui.config import keymap_path
    from baz_tui.keymap import known_keys, problems_message, read_keymap
    from screens.keys import key_label

    path = keymap_path()
    reading = read_keymap(path)
    keymap = reading.keymap if reading is not None else {}
    print(
        _("The keys of BaZ, with their names for your own keymap file ({path}):").format(path=path)
    )
    by_place: dict[str, list[tuple[str, str, str]]] = {}
    for binding_id, binding in known_keys().bindings.items():
        own = keymap.get(binding_id)
        keys = " ".join(key_label(key) for key in (own or binding.key).split(","))
        what = binding.description
        if binding.tooltip:
            what = f"{what} — {binding.tooltip}" if what else binding.tooltip
        if own:
            default = " ".join(key_label(key) for key in binding.key.split(","))
            what += " " + _("(your key; BaZ's: {keys})").format(keys=default)
        by_place.setdefault(binding_id.split(".")[0], []).append((binding_id, keys, what))
    rows = [row for place in sorted(by_place) for row in by_place[place]]
    id_width = max(len(binding_id) for binding_id, _keys, _what in rows)
    keys_width = max(len(keys) for _id, keys, _what in rows)
    for place in sorted(by_place):
        print()
        for binding_id, keys, what in by_place[place]:
            print(f"{binding_id.ljust(id_width)}  {keys.ljust(keys_width)}  {what}".rstrip())
    if reading is not None and (reading.problems or reading.unreadable):
        sys.stdout.flush()
        print(problems_message(path, reading), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


KEYS_SUBCOMMANDS = (add_keys,)
