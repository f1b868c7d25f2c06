"""F1: the keys that work on the screen underneath, with a short explanation."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from models.i18n import _
from screens.keys import key_label, key_now_label
from screens.widgets.dialog import Dialog


class HelpScreen(Dialog[None]):
    """Lists every key of the screen below and of the app, with the screen's own explanation.

    The list is a table that wraps its lines to the width (a key's explanation is never cut,
    also at 80 columns); the title line says how to close it.
    """

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 90;
            max-width: 100%;
            height: 90%;
            border: thick $primary;
            background: $surface;
            padding: 0 2;
        }
        & #help-title { text-style: bold; margin: 1 0; }
        & #help-intro { margin-bottom: 1; }
    }
    """

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [Binding("escape,f1,q", "dismiss_help", _("Close help"), show=True, id="help.close")]

    def __init__(self, target: Screen[Any]) -> None:
        super().__init__()
        self.target = target
        #: The rows of the list: (keys, what they do, whether they work now).
        self.rows: list[tuple[str, str, str]] = []

    def compose(self) -> ComposeResult:
        title = getattr(self.target, "HELP_TITLE", "") or _("Help")
        intro = getattr(self.target, "HELP_INTRO", "")
        with VerticalScroll():
            heading = Text(_("Help — {screen}").format(screen=title))
            closing = key_now_label(self.app, self.BINDINGS, "help.close")
            heading.append(f"   {closing}", style="bold").append(" " + _("close"), style="not bold")
            yield Static(heading, id="help-title")
            if intro:
                yield Static(Text(intro), id="help-intro")
            yield Static(id="help-keys")

    def on_mount(self) -> None:
        # The same bindings the Footer shows for the screen below (focused widget, screen, app),
        # grouped so that "escape,n" appears as one row with both keys.
        grouped: dict[tuple[str, str], tuple[list[str], bool, str]] = {}
        for key, active in self.target.active_bindings.items():
            binding = active.binding
            # Every BaZ key has a tooltip; Textual's own widget keys (cursor moves, focus)
            # have none and would only bury the keys that matter here.
            if not binding.description or not binding.tooltip:
                continue
            keys, enabled, tooltip = grouped.setdefault(
                (binding.action, binding.description), ([], active.enabled, binding.tooltip)
            )
            keys.append(key_label(key))
        self.rows = [
            (
                " / ".join(keys),
                f"{description} — {tooltip}" if tooltip else description,
                _("yes") if enabled else _("not now"),
            )
            for (_action, description), (keys, enabled, tooltip) in grouped.items()
        ]
        table = Table(box=None, expand=True, padding=(0, 1), show_edge=False)
        table.add_column(_("Key"), style="bold", no_wrap=True)
        table.add_column(_("What it does"), ratio=1)
        table.add_column(_("Now"), no_wrap=True)
        for keys_text, what, now in self.rows:
            table.add_row(Text(keys_text), Text(what), Text(now))
        self.query_one("#help-keys", Static).update(table)

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
