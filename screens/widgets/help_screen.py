"""F1: the keys that work on the screen underneath, with a short explanation."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from models.i18n import _
from screens.widgets.dialog import Dialog
from screens.widgets.key_bar import key_label


class HelpScreen(Dialog[None]):
    """Lists every key of the screen below and of the app, with the screen's own explanation."""

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
        & DataTable { height: auto; }
    }
    """

    BINDINGS = [Binding("escape,f1,q", "dismiss_help", _("Close help"), show=True)]

    def __init__(self, target: Screen) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        title = getattr(self.target, "HELP_TITLE", "") or _("Help")
        intro = getattr(self.target, "HELP_INTRO", "")
        with VerticalScroll():
            yield Static(Text(_("Help — {screen}").format(screen=title)), id="help-title")
            if intro:
                yield Static(Text(intro), id="help-intro")
            yield DataTable(id="help-keys", cursor_type="none", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Key"), _("What it does"), _("Now"))
        # The same bindings the Footer shows for the screen below (focused widget, screen, app),
        # grouped so that "escape,n" appears as one row with both keys.
        rows: dict[tuple[str, str], tuple[list[str], bool, str]] = {}
        for key, active in self.target.active_bindings.items():
            binding = active.binding
            # Every BaZ key has a tooltip; Textual's own widget keys (cursor moves, focus)
            # have none and would only bury the keys that matter here.
            if not binding.description or not binding.tooltip:
                continue
            keys, enabled, tooltip = rows.setdefault(
                (binding.action, binding.description), ([], active.enabled, binding.tooltip)
            )
            keys.append(key_label(key))
        for (_action, description), (keys, enabled, tooltip) in rows.items():
            table.add_row(
                Text(" / ".join(keys)),
                Text(f"{description} — {tooltip}" if tooltip else description),
                Text(_("yes") if enabled else _("not now")),
            )

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
