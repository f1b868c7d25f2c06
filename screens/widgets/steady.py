"""Widgets of a fixed size whose changes never need a new layout of the screen.

A layout of a whole screen costs several milliseconds, and Textual asks for one after every
``Static.update``, every new value of an ``Input`` (every typed character) and a ``Digits``
value of another width. On a screen that answers each key within a frame, these widgets only
repaint what changed. Their CSS must keep their size fixed. (``KeyBar`` in ``key_bar`` does the
same for the Footer.)
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.reactive import Reactive
from textual.strip import Strip
from textual.widget import _RenderCache
from textual.widgets import Digits, Input, Static


def show_steady(widget: Static, content: Text | str) -> None:
    """Put ``content`` in a fixed-size ``widget`` unless it shows exactly that already."""
    if getattr(widget, "_baz_shown", None) == content:
        return
    widget._baz_shown = content  # type: ignore[attr-defined]
    widget.update(content, layout=False)


class SteadyDigits(Digits):
    """Big digits in a box of fixed width (set in CSS): a new value is only repainted.

    A countdown shows the same values for every speaker, so the drawn lines of each value are
    kept: drawing big digits through Rich costs about a millisecond a time.
    """

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(value, id=id)
        self._drawn: dict[tuple[object, ...], list[Strip]] = {}

    def update(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError("value must be a str")
        if value != self._value:
            self._value = value
            self.refresh()

    def _render_content(self) -> None:
        # Widget._render_content (Textual 8.2.8) with the lines looked up first.
        key = (self._value, self.size, self.rich_style, self.text_selection)
        lines = self._drawn.get(key)
        if lines is None:
            super()._render_content()
            if len(self._drawn) > 600:
                self._drawn.clear()
            self._drawn[key] = self._render_cache.lines
        else:
            self._render_cache = _RenderCache(self.size, lines)
            self._dirty_regions.clear()


class SteadyInput(Input):
    """A one-line Input of fixed width: typing in it, or clearing it, repaints it only.

    Input keeps the width of its text as its virtual size, which asks for a layout of the whole
    screen after every character. Its own box does not depend on it; it scrolls within it.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
