"""The command palette (Ctrl+P) with Textual's own words in the UI language.

Textual's palette writes "No matches found" in English, fixed in a private method; this
subclass is that method of Textual 8.2.8 (pinned) with the sentence through our catalogue. The
placeholder is given when the palette is made (``BazApp.action_command_palette``).
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from models.i18n import _


class BazCommandPalette(CommandPalette):
    """Textual's palette, saying "no matches" in the UI language."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Add "No matches found" a moment after a search without hits (as Textual does)."""
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                command_list = self.query_one(CommandList)
                command_list.add_option(
                    Option(
                        Align.center(Text(no_matches(), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                # An empty search shows what can be discovered: nothing to say "no" to.
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)


def no_matches() -> str:
    return _("No matches found")
