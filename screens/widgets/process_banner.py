"""The one-line banner with the participation level and frames of the process."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from models.domain import label
from models.i18n import _
from models.records.meeting import ProcessInfo
from models.rules.formatting import format_date, format_euros
from screens.widgets.quiet import show


def banner_text(process: ProcessInfo | None) -> Text:
    """The banner as one line of text: process, level, budget and decision deadline."""
    if process is None:
        return Text(_("No process linked — press F8 to set the participation level and frames."))
    parts = [process.title, _("level: {level}").format(level=label(process.participation_level))]
    if process.budget_euro_cents is not None:
        parts.append(_("budget {amount}").format(amount=format_euros(process.budget_euro_cents)))
    if process.decision_deadline is not None:
        parts.append(_("decision by {date}").format(date=format_date(process.decision_deadline)))
    return Text(" · ".join(parts))


class ProcessBanner(Static):
    """Shown at the top of every meeting screen, so the frames stay in view."""

    DEFAULT_CSS = """
    ProcessBanner {
        height: 1;
        padding: 0 1;
        background: $primary;
        color: $background;
        text-style: bold;
    }
    """

    def show(self, process: ProcessInfo | None) -> None:
        """Show the frames of ``process``; nothing is redrawn when they did not change."""
        show(self, banner_text(process))
