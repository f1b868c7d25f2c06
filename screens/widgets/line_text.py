"""One line of Rich ``Text`` as a Textual ``Strip``, for widgets that draw their own lines.

Textual draws a ``Static`` through its content pipeline (the text becomes ``Content``, is
wrapped, aligned and styled again): about a millisecond for a line that changes with each key.
The speaker list repaints several such lines per key. Widgets that render with ``render_line``
(Textual's line API, as ``DataTable`` and ``Log`` do) build the line here from Rich's own
segments instead: cut to the width with an ellipsis, padded, over the widget's style.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.visual import VisualType
    from textual.widget import Widget


def text_strip(text: Text | str, width: int, base: Style, console: Console) -> Strip:
    """``text`` on one line of exactly ``width`` cells over ``base`` (the text's own styles
    win); a text too long ends in "…", wide characters count as two cells."""
    line = Text(text, end="", no_wrap=True) if isinstance(text, str) else text.copy()
    line.end = ""
    line.no_wrap = True
    line.truncate(max(0, width), overflow="ellipsis", pad=True)
    return Strip(Segment.apply_style(line.render(console), base), max(0, width))


class Looks:
    """A widget's Rich styles, its own ("") and its components', kept until its styles change.

    Working a style out walks every ancestor of the widget; a widget that draws its lines
    on every key asks for a few per line. Call ``clear`` from ``notify_style_update``, which
    Textual calls on a new theme, class or pseudo-class (focus, hover).
    """

    def __init__(self, widget: Widget) -> None:
        self._widget = widget
        self._kept: dict[str, Style] = {}

    def __call__(self, component: str = "") -> Style:
        style = self._kept.get(component)
        if style is None:
            widget = self._widget
            style = (
                widget.rich_style if not component else widget.get_component_rich_style(component)
            )
            self._kept[component] = style
        return style

    def clear(self) -> None:
        self._kept.clear()


class DrawnLines(Static):
    """A ``Static`` of a few lines that a key changes, drawn from Rich's segments.

    Laid out as a ``Static`` (its height follows its text when its CSS says ``auto``), but
    each line is drawn with :func:`text_strip`, cut to the width with "…", instead of going
    through Textual's content pipeline: a tenth of the cost, and lines repainted on every key
    (the agenda's clock, the status line) add up. ``update(…, layout=False)`` (the default)
    repaints without a layout; pass ``layout=True`` when the number of lines changes.
    """

    def __init__(self, content: Text | str = "", *, id: str | None = None) -> None:
        super().__init__(content, id=id)
        self._lines = _split(content)
        self._looks = Looks(self)

    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        self._lines = _split(content if isinstance(content, Text) else str(content))
        super().update(content, layout=layout)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._looks.clear()  # a new theme or class: the lines' colours change

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        if y >= len(self._lines):
            return Strip.blank(width, self._looks())
        return text_strip(self._lines[y], width, self._looks(), self.app.console)


def _split(content: Text | str) -> list[Text]:
    text = content if isinstance(content, Text) else Text(content)
    return list(text.split("\n", allow_blank=True)) if "\n" in text.plain else [text]
