"""All options of a vote in one widget: name, big total, counts per channel and a bar each.

Display only: the votes screen feeds it what the Store returned. One widget drawing its own
lines (Textual's line API) instead of a row of widgets per option: a count changes every
option's bar and percentage, and each widget in the changed area costs time in every frame.
Lines are kept per option and drawn again only when that option's numbers change.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.renderables.digits import Digits as DigitsFont
from textual.scroll_view import ScrollView
from textual.strip import Strip

from models.domain import Channel
from models.i18n import _

BAR_WIDTH = 24
LABEL_WIDTH = 24
LABEL_WIDTH_NARROW = 16
DIGITS_WIDTH = 10
#: Room for "[room 123] · digital 45" before the bar.
DETAIL_WIDTH = 28
#: The narrowest bar drawn beside a whole name (its percentage comes in the margin).
MIN_BAR = 8
#: More options than this are drawn one line each, without big digits, so they fit.
BIG_DIGITS_UP_TO = 4


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


@dataclass(frozen=True, slots=True)
class OptionCounts:
    """What one option shows."""

    label: str
    room: int
    digital: int
    #: Votes from phones in the room (DESIGN §5a); shown once any option of the vote has one.
    phone: int = 0

    @property
    def total(self) -> int:
        return self.room + self.digital + self.phone


class TallyView(ScrollView):
    """ "▶ Voor   [12]   [zaal 9] · digitaal 3   ██████░░░░  60%" for every option."""

    COMPONENT_CLASSES = {"tally--selected"}
    DEFAULT_CSS = """
    TallyView {
        height: 1fr;
        & > .tally--selected { background: $primary 25%; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options: tuple[OptionCounts, ...] = ()
        self.selected = -1
        self.channel = Channel.ZAAL
        self._lines: dict[int, tuple[object, list[Strip]]] = {}
        #: The longest option name with "▶ " and a space: changes only with the names.
        self._longest_name = 0

    @property
    def compact(self) -> bool:
        return len(self.options) > BIG_DIGITS_UP_TO

    @property
    def _width(self) -> int:
        """The width to draw in: without the scrollbar, when many options bring one (at 80
        columns it took the last cell: "100" instead of "100%")."""
        return self.scrollable_content_region.width

    @property
    def option_height(self) -> int:
        return 1 if self.compact else 3

    def show(self, options: tuple[OptionCounts, ...], selected: int, channel: Channel) -> None:
        """Draw these counts; only the options whose lines change are repainted."""
        if [o.label for o in options] != [o.label for o in self.options]:
            self._lines.clear()
            self.options = options
            self._longest_name = max((cell_len(o.label) for o in options), default=0) + 3
            self.virtual_size = Size(self._width, len(options) * self.option_height)
            self.selected, self.channel = selected, channel
            self.refresh()
            return
        changed = [
            index
            for index, option in enumerate(options)
            if self._key(index, option, selected, channel, self._total(options), _phones(options))
            != self._lines.get(index, (None, []))[0]
        ]
        self.options, self.selected, self.channel = options, selected, channel
        height = self.option_height
        for index in changed:
            y = index * height - self.scroll_offset.y
            self.refresh(Region(0, y, self._width, height))

    def scroll_to_option(self, index: int) -> None:
        height = self.option_height
        self.scroll_to_region(Region(0, index * height, 1, height), animate=False)

    @staticmethod
    def _total(options: tuple[OptionCounts, ...]) -> int:
        return sum(o.total for o in options)

    def _key(
        self,
        index: int,
        option: OptionCounts,
        selected: int,
        channel: Channel,
        total: int,
        phones: bool,
    ) -> object:
        # The names' width follows from the width and the names (a change of names draws all).
        return (option, index == selected, channel, total, phones, self._width)

    def _label_width(self, width: int) -> int:
        """The room for the options' names: as long as the longest (with "▶ "), taken from the
        bar when the screen is narrow — a short bar still reads, a cut name does not."""
        room = width - DIGITS_WIDTH - DETAIL_WIDTH - 6 - MIN_BAR
        return min(max(self._longest_name, 8), LABEL_WIDTH, max(room, LABEL_WIDTH_NARROW))

    def on_resize(self) -> None:
        self.virtual_size = Size(self._width, len(self.options) * self.option_height)
        self._lines.clear()

    def render_line(self, y: int) -> Strip:
        width = self._width
        height = self.option_height
        index, row = divmod(y + self.scroll_offset.y, height)
        if index >= len(self.options):
            return Strip.blank(width, self.rich_style)
        option = self.options[index]
        key = self._key(
            index,
            option,
            self.selected,
            self.channel,
            self._total(self.options),
            _phones(self.options),
        )
        cached = self._lines.get(index)
        if cached is None or cached[0] != key:
            cached = (key, self._draw(index, option, width))
            self._lines[index] = cached
        return cached[1][row]

    def _draw(self, index: int, option: OptionCounts, width: int) -> list[Strip]:
        selected = index == self.selected
        base = self.get_component_rich_style("tally--selected") if selected else self.rich_style
        total = option.total
        label_width = self._label_width(width)
        name = Text("▶ " if selected else "  ", style="bold")
        name.append(option.label, style="bold" if selected else "")
        name.truncate(label_width, overflow="ellipsis", pad=True)
        detail = Text()
        parts = [
            (_("room {n}").format(n=option.room), self.channel == Channel.ZAAL),
            (_("digital {n}").format(n=option.digital), self.channel == Channel.DIGITAAL),
        ]
        if _phones(self.options):
            # Counted by the phones themselves: never the channel that + and - change.
            parts.append((_("phone {n}").format(n=option.phone), False))
        for words, active in parts:
            if detail:
                detail.append(" · ")
            if selected and active:
                # The count that + and - change is in brackets: the active channel.
                detail.append(f"[{words}]", style="bold reverse")
            else:
                detail.append(words)
        detail.append(" " * max(2, DETAIL_WIDTH - detail.cell_len))
        room_for_bar = width - label_width - DIGITS_WIDTH - detail.cell_len - 6
        detail.append_text(
            bar(total, self._total(self.options), max(4, min(BAR_WIDTH, room_for_bar)))
        )
        console = self.app.console
        if self.compact:
            line = name.copy()
            line.append(f"{total:>{DIGITS_WIDTH - 2}}  ", style="bold")
            line.append_text(detail)
            rows = [line]
        else:
            digits = [
                Text.assemble(*(Text(s.text, style=s.style or "") for s in segments))
                for segments in _digit_lines(str(total))
            ]
            rows = []
            for row in range(3):
                line = name.copy() if row == 1 else Text(" " * label_width)
                cell = digits[row] if row < len(digits) else Text()
                cell.truncate(DIGITS_WIDTH, pad=True)
                line.append_text(cell)
                line.append_text(detail if row == 1 else Text())
                rows.append(line)
        return [
            Strip(Segment.adjust_line_length(list(line.render(console)), width)).apply_style(base)
            for line in rows
        ]


def _phones(options: tuple[OptionCounts, ...]) -> bool:
    """Whether any option has votes from phones: then every line shows the phone count."""
    return any(o.phone for o in options)


def _digit_lines(value: str) -> list[list[Segment]]:
    """The three lines of big digits for ``value``."""
    # Textual types render() as any renderable; the digit font yields segments only.
    segments = [s for s in DigitsFont(value).render(Style()) if isinstance(s, Segment)]
    return [list(line) for line in Segment.split_lines(segments)][:3]
