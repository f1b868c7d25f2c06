"""Updating text only when it changed.

``Static.update`` always asks for a new layout of the screen, which costs more than anything
else a key press does; a clock that ticks every second, or a screen that redraws its panels
after each action, should only pay for what really changed.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Digits, Static


def show(widget: Static, content: Text | str) -> None:
    """Put ``content`` in ``widget`` unless it already shows exactly that."""
    if getattr(widget, "_baz_shown", None) == content:
        return
    widget._baz_shown = content  # type: ignore[attr-defined]
    widget.update(content)


def show_digits(widget: Digits, value: str) -> None:
    """The same for big digits."""
    if widget.value != value:
        widget.update(value)
