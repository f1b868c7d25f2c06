"""One option of a vote on screen: its name, the big total, and a bar with both channels.

Display only: the votes screen (and the beamer) feed it counts; it never calls the Store. It
updates its parts only when their text changes, so counting a hand redraws one line, not the
screen.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static

from models.domain import Channel
from models.i18n import _
from screens.widgets.steady import SteadyDigits, show_steady

BAR_WIDTH = 24
#: Room for "[room 123] · digital 45" before the bar.
DETAIL_WIDTH = 28


def percent_of(count: int, total: int) -> int:
    """A whole percentage for display (half rounds up); decisions never use it."""
    if total <= 0:
        return 0
    return (200 * count + total) // (2 * total)


def bar(count: int, total: int, width: int = BAR_WIDTH) -> Text:
    """A bar with its percentage in words beside it: never colour alone."""
    filled = (width * count + total // 2) // total if total else 0
    text = Text()
    text.append("█" * filled, style="bold")
    text.append("░" * (width - filled))
    text.append(f" {percent_of(count, total):>3}%")
    return text


class TallyDetail(Widget):
    """The counts per channel and the bar; the bar fills the width the line has when drawn."""

    DEFAULT_CSS = """
    TallyDetail { height: 1; }
    """

    def __init__(self, *, classes: str = "") -> None:
        super().__init__(classes=classes)
        self.counts = Text()
        self.share = (0, 0)

    def show(self, counts: Text, count: int, total_all: int) -> None:
        if (counts, (count, total_all)) != (self.counts, self.share):
            self.counts, self.share = counts, (count, total_all)
            self.refresh()

    def render(self) -> Text:
        line = self.counts.copy()
        # " 100%" takes five cells after the bar.
        room_for_bar = self.size.width - line.cell_len - 5
        line.append_text(bar(*self.share, width=max(4, min(BAR_WIDTH, room_for_bar))))
        return line


class TallyRow(Horizontal):
    """ "▶ Voor   [12]   zaal 9 · digitaal 3   ██████░░░░  60%" for one option."""

    DEFAULT_CSS = """
    TallyRow {
        height: auto;
        & .tally-label { width: 24; height: 3; padding-top: 1; }
        & SteadyDigits { width: 10; height: 3; }
        & .tally-detail { width: 1fr; height: 3; padding-top: 1; }
        &.-compact .tally-label, &.-compact .tally-detail { padding-top: 0; height: 1; }
        /* Many options: one line each, long names cut with an ellipsis. */
        &.-compact .tally-label { text-wrap: nowrap; text-overflow: ellipsis; }
        &.-compact SteadyDigits { display: none; }
        &.-compact .tally-total { display: block; }
        & .tally-total { display: none; width: 6; height: 1; }
        &.-selected { background: $primary 25%; }
    }
    """

    def __init__(self, label: str, *, compact: bool, id: str | None = None) -> None:
        super().__init__(id=id, classes="-compact" if compact else "")
        self.label = label
        #: The last counts given; drawn as soon as the parts exist (a new row mounts later).
        self._counts: dict[str, object] | None = None

    def compose(self) -> ComposeResult:
        yield Static(classes="tally-label")
        yield SteadyDigits("0")
        yield Static(classes="tally-total")
        yield TallyDetail(classes="tally-detail")

    def on_mount(self) -> None:
        # Looked up once: a count redraws every row, and a CSS query per part adds up.
        self._parts = (
            self.query_one(".tally-label", Static),
            self.query_one(SteadyDigits),
            self.query_one(".tally-total", Static),
            self.query_one(TallyDetail),
        )
        if self._counts is not None:
            self._draw(**self._counts)  # type: ignore[arg-type]

    def show_counts(
        self, *, room: int, digital: int, total_all: int, selected: bool, channel: Channel
    ) -> None:
        """Draw the counts; ``total_all`` is the sum over all options (for the percentage)."""
        self._counts = dict(
            room=room,
            digital=digital,
            total_all=total_all,
            selected=selected,
            channel=channel,
        )
        if self.is_mounted:
            self._draw(room, digital, total_all, selected, channel)

    def _draw(
        self, room: int, digital: int, total_all: int, selected: bool, channel: Channel
    ) -> None:
        total = room + digital
        name = Text("▶ " if selected else "  ", style="bold")
        name.append(self.label, style="bold" if selected else "")
        # Every part has a fixed size (CSS above): a new count repaints, it needs no layout.
        label, digits, small_total, detail_line = self._parts
        show_steady(label, name)
        digits.update(str(total))
        show_steady(small_total, Text(f"{total:>5}", style="bold"))
        # The count that + and - change is in brackets: the active channel of the selection.
        detail = Text()
        for words, active in (
            (_("room {n}").format(n=room), channel == Channel.ZAAL),
            (_("digital {n}").format(n=digital), channel == Channel.DIGITAAL),
        ):
            if detail:
                detail.append(" · ")
            if selected and active:
                detail.append(f"[{words}]", style="bold reverse")
            else:
                detail.append(words)
        # Padded, so the bars of all options start in one column.
        detail.append(" " * max(2, DETAIL_WIDTH - detail.cell_len))
        detail_line.show(detail, total, total_all)
        self.set_class(selected, "-selected")
