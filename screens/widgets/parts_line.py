"""A line of parts that wraps between its parts, never inside one.

An item line reads "Punt 6. Actielijst ▶ lopend │ volgorde: eerst nieuwe sprekers │ □ lijst
open │ spreektijd 2:00". Wrapped by words at 80 columns it broke "□ lijst / open" and
"spreektijd / 3:00"; a no-break space does not help (Rich wraps at every Unicode space). This
line puts the break itself, at the width it has, between two parts.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from screens.widgets.quiet import show

SEPARATOR = "  │  "


def join_parts(parts: Sequence[Text], width: int) -> Text:
    """``parts`` joined by the separator, with a line break before a part that would not fit
    on the line (a part longer than a line is wrapped by words as usual)."""
    joined = Text()
    used = 0
    for n, part in enumerate(parts):
        if n:
            if width and used + len(SEPARATOR) + part.cell_len > width:
                joined.append("\n")
                used = 0
            else:
                joined.append(SEPARATOR)
                used += len(SEPARATOR)
        joined.append_text(part)
        used += part.cell_len
    return joined


class PartsLine(Static):
    """A :class:`Static` shown with :meth:`show_parts`; laid out again when its width changes."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._parts: tuple[Text, ...] = ()

    def show_parts(self, parts: Sequence[Text | str]) -> None:
        self._parts = tuple(Text(p) if isinstance(p, str) else p for p in parts)
        self._lay_out()

    def on_resize(self) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        # Before the first layout the width is 0: one line now, laid out again on resize.
        show(self, join_parts(self._parts, self.content_region.width))
