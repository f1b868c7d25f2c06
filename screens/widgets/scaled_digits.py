"""Big digits that can be drawn twice as large, for a clock read from the back of a room.

Textual's ``Digits`` draws each digit in 3×3 cells with box-drawing strokes. Doubled, each
cell becomes 2×2: a stroke that goes on to the right is continued to the right, one that goes on
downwards is continued downwards, so the lines stay whole ("┏━┓" becomes "┏━━━┓").
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.reactive import reactive
from textual.renderables.digits import Digits as DigitsFont
from textual.widgets import Digits

#: Strokes that go on to the right, and those that go on downwards (heavy and light font).
_RIGHT = {c: "━" for c in "━┏┗┣┳┻╋╺"} | {c: "─" for c in "─╭╰├┌└┬┴┼╶"}
_DOWN = {c: "┃" for c in "┃┏┓┣┫┳╋╻"} | {c: "│" for c in "│╭╮┌┐├┤┬┼╷"}


def doubled(lines: list[str]) -> list[str]:
    """The glyph lines twice as wide and twice as high, strokes continued."""
    out: list[str] = []
    for line in lines:
        out.append("".join(c + _RIGHT.get(c, " ") for c in line))
        out.append("".join(_DOWN.get(c, " ") + " " for c in line))
    return out


def glyph_lines(value: str, style: Style) -> list[str]:
    """The three lines of ``value`` in Textual's digit font (heavy when ``style`` is bold)."""
    # Textual types render() as any renderable; the digit font yields segments only.
    segments = [s for s in DigitsFont(value).render(style) if isinstance(s, Segment)]
    return ["".join(s.text for s in line) for line in Segment.split_lines(segments)][:3]


class ScaledDigits(Digits):
    """``Digits`` at ``scale`` 1 (3 lines) or 2 (6 lines); set the scale from the room's size."""

    scale: reactive[int] = reactive(1, layout=True)

    def render(self) -> RenderResult:
        if self.scale == 1:
            return super().render()
        style = self.rich_style
        return Text("\n".join(doubled(glyph_lines(self.value, style))), style=style, end="")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return super().get_content_width(container, viewport) * self.scale

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 3 * self.scale
