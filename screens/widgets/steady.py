"""Text in a widget of a fixed size whose changes never need a new layout of the screen.

A layout of a whole screen costs several milliseconds, and Textual asks for one after every
``Static.update``. On a screen that answers each key within a frame, a fixed-size line is only
repainted when what it shows changed. Its CSS must keep its size fixed. (``KeyBar`` in
``key_bar`` does the same for the Footer; ``line_text`` draws lines without ``Static``.)
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def show_steady(widget: Static, content: Text | str) -> None:
    """Put ``content`` in a fixed-size ``widget`` unless it shows exactly that already."""
    if getattr(widget, "_baz_shown", None) == content:
        return
    widget._baz_shown = content  # type: ignore[attr-defined]
    widget.update(content, layout=False)
