"""A scrollable view of lines rendered elsewhere (in a worker thread).

Textual's Markdown widget builds a widget per block: about a second for the minutes of one
evening, on the UI thread. The minutes preview instead renders its Markdown with Rich in the
worker that builds it, and this view only copies the visible lines to the screen.
"""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.segment import Segment
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


def render_strips(renderable: RenderableType, width: int) -> list[Strip]:
    """Lay ``renderable`` out at ``width`` cells (safe to call from a thread)."""
    console = Console(width=width, force_terminal=True, color_system="truecolor")
    lines = console.render_lines(renderable, console.options.update_width(width), pad=False)
    return [Strip(Segment.simplify(line)) for line in lines]


class RenderedText(ScrollView, can_focus=True):
    """Shows pre-rendered lines; scrolls with the keys and the mouse wheel."""

    DEFAULT_CSS = """
    RenderedText { height: 1fr; overflow-x: hidden; scrollbar-gutter: stable; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._strips: list[Strip] = []
        #: The text the lines were rendered from (what tests and screen readers can read).
        self.source = ""

    def show_strips(self, strips: list[Strip], source: str) -> None:
        # The widget's own style (theme background) goes under the lines as they are drawn,
        # the visible ones only: applied here to all of them, the minutes of the big meeting
        # (thousands of lines) took a fifth of a second of the UI thread each time they came.
        self._strips = strips
        self.source = source
        width = max((strip.cell_length for strip in strips), default=0)
        self.virtual_size = Size(width, len(strips))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.scrollable_content_region.width
        if index >= len(self._strips):
            return Strip.blank(width, self.rich_style)
        base = self.rich_style
        return self._strips[index].apply_style(base).crop_extend(scroll_x, scroll_x + width, base)
