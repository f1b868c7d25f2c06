"""Who has the floor, with a big clock, and the balance of speaking time: one widget.

This panel changes with nearly every key of the speaker list (a new speaker, a new clock
value, a new balance). Textual draws every widget of the screen again when a frame reaches
from the top of the screen to the bottom, as the frames of that list do, even the widgets
that did not change: each costs about a tenth of a millisecond. As twelve widgets (titles,
labels, digits and their containers) the panel cost more than a millisecond per key before
anything in it changed. As one widget that draws its own lines (Textual's line API) and
keeps every half line it drew, it costs about one widget, and a new value repaints only its
own lines.

The left half: a title, the speaker's name, the clock in big digits (three lines) and a note.
The right half, on a wide screen: the balance of residents and professionals, on this item
and in the whole meeting.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.geometry import Region
from textual.renderables.digits import Digits
from textual.strip import Strip
from textual.widget import Widget

from screens.widgets.line_text import Looks, text_strip

#: The lines of the panel: what the left and the right half show on each.
_LEFT = ("floor-title", "name", "clock", "clock", "clock", "note")
_RIGHT = ("item-title", "on-item", "meeting-title", "in-meeting", "", "")


class FloorPanel(Widget):
    """The current speaker and the balance; ``show_floor`` and ``show_balance`` change it."""

    COMPONENT_CLASSES = {"floor-panel--title", "floor-panel--name", "floor-panel--overtime"}

    DEFAULT_CSS = """
    FloorPanel {
        height: 6;
        padding: 0 1;
        & > .floor-panel--title {
            text-style: bold underline;
        }
        & > .floor-panel--name {
            text-style: bold;
        }
        & > .floor-panel--overtime {
            color: $warning;
            text-style: bold;
        }
    }
    """

    #: From this width of its content (a screen of 110 columns, the speaker screen's "wide")
    #: the panel shows the balance beside the speaker; below it the speaker has all of it.
    TWO_HALVES_FROM = 108

    def __init__(
        self, floor_title: str, item_title: str, meeting_title: str, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._parts: dict[str, Text | str] = {
            "floor-title": floor_title,
            "item-title": item_title,
            "meeting-title": meeting_title,
            "name": "",
            "note": "",
            "on-item": "",
            "in-meeting": "",
            "": "",
        }
        self._clock = ""
        self._overtime = False
        #: Drawn half lines: (side, line) → strip, dropped when what they show changes.
        self._drawn: dict[tuple[int, int], Strip] = {}
        #: The clock's three lines per value: a countdown shows the same values each turn.
        self._clocks: dict[tuple[str, bool, int], list[Strip]] = {}
        self._looks = Looks(self)

    @property
    def clock(self) -> str:
        """What the big digits show ("2:41", "+0:27", or "" when nobody speaks)."""
        return self._clock

    @property
    def overtime(self) -> bool:
        return self._overtime

    def part(self, name: str) -> str:
        """The plain text of one part ("name", "note", "on-item", "in-meeting")."""
        return str(self._parts[name])

    # ---------------------------------------------------------------- changing

    def show_floor(self, name: Text | str, clock: str, overtime: bool, note: Text | str) -> None:
        """The speaker's name, the clock and the note under it; only what changed repaints."""
        self._set("name", name)
        self._set("note", note)
        if (clock, overtime) != (self._clock, self._overtime):
            self._clock, self._overtime = clock, overtime
            self._repaint(0, [2, 3, 4])

    def show_balance(self, on_item: Text | str, in_meeting: Text | str) -> None:
        """The balance bars (drawn on a wide screen only)."""
        self._set("on-item", on_item)
        self._set("in-meeting", in_meeting)

    def _set(self, part: str, content: Text | str) -> None:
        if self._parts[part] == content:
            return
        self._parts[part] = content
        side, lines = (0, _LEFT) if part in _LEFT else (1, _RIGHT)
        self._repaint(side, [y for y, shown in enumerate(lines) if shown == part])

    def _repaint(self, side: int, lines: list[int]) -> None:
        for y in lines:
            self._drawn.pop((side, y), None)
        if side == 1 and not self._two_halves():
            return  # not on the screen
        self.refresh(Region(0, lines[0], self.size.width, lines[-1] - lines[0] + 1))

    # ---------------------------------------------------------------- drawing

    def _two_halves(self) -> bool:
        return self.content_size.width >= self.TWO_HALVES_FROM

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._looks.clear()
        self._drawn.clear()
        self._clocks.clear()

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        if not self._two_halves():
            return self._half(0, y, width)
        left = (width + 1) // 2
        return Strip.join([self._half(0, y, left), self._half(1, y, width - left)])

    def _half(self, side: int, y: int, width: int) -> Strip:
        # A half drawn for another width (the screen was resized) is drawn again.
        strip = self._drawn.get((side, y))
        if strip is None or strip.cell_length != width:
            strip = self._drawn[(side, y)] = self._draw(side, y, width)
        return strip

    def _draw(self, side: int, y: int, width: int) -> Strip:
        base = self._looks()
        part = (_LEFT if side == 0 else _RIGHT)[y] if y < len(_LEFT) else ""
        if part == "clock":
            return self._clock_lines(width)[y - 2]
        if part.endswith("title"):
            base = self._looks("floor-panel--title")
        elif part == "name":
            base = self._looks("floor-panel--name")
        return text_strip(self._parts[part], width, base, self.app.console)

    def _clock_lines(self, width: int) -> list[Strip]:
        key = (self._clock, self._overtime, width)
        lines = self._clocks.get(key)
        if lines is None:
            style = self._looks("floor-panel--overtime" if self._overtime else "")
            rows = [
                segment.text
                for segment in Digits(self._clock, style).render(style)
                if isinstance(segment, Segment) and segment.text != "\n"
            ]
            console = self.app.console
            lines = [text_strip(Text(row, style=style), width, style, console) for row in rows]
            if len(self._clocks) > 600:
                self._clocks.clear()
            self._clocks[key] = lines
        return lines
