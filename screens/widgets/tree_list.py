"""The problem tree as a list of lines: cards to select, and headings between them.

A ``RowList`` (one column, its header the list's name), so a new card repaints only the lines
that changed and never lays out the screen: an ``OptionList`` measured every option again and
redrew all of them on each card key. Headings ("▼ Oorzaken") are rows the cursor passes over.
A card text wider than the list ends in "…"; the screen shows the whole text when that card is
selected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.text import Text
from textual.message import Message

from screens.widgets.row_list import RowList


@dataclass(frozen=True, slots=True, eq=False)
class TreeRow:
    """One line of the tree: a card (its id) or a heading (``card_id`` None)."""

    card_id: int | None
    text: Text
    #: What the line shows, to compare rows (a ``Text`` is not hashable).
    key: tuple[object, ...] = field(init=False)

    def __post_init__(self) -> None:
        spans = tuple((s.start, s.end, str(s.style)) for s in self.text.spans)
        object.__setattr__(
            self, "key", (self.card_id, self.text.plain, str(self.text.style), spans)
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TreeRow) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)


class TreeList(RowList[TreeRow]):
    """The lines of a problem tree; the cursor stays on cards."""

    class Highlighted(Message):
        """The cursor moved to another line (a key or a click)."""

    def __init__(self, title: str, *, id: str | None = None) -> None:
        # One wide column that gives up what does not fit (at 80 columns too).
        super().__init__([(title, 400)], self._cells, zebra_stripes=False, shrink=(0,), id=id)

    def _cells(self, index: int, row: TreeRow) -> tuple[Text]:
        width = self._widths[0]
        if row.text.cell_len <= width:
            return (row.text,)
        cut = row.text.copy()
        cut.truncate(width, overflow="ellipsis")
        return (cut,)

    def show_rows(self, rows: Sequence[TreeRow], select: int | None = None) -> None:
        """Show ``rows`` with the cursor on card ``select`` (or where it was, on a card)."""
        self.show_items(rows)
        ids = [row.card_id for row in rows]
        if select is not None and select in ids:
            self.move_cursor(ids.index(select))
        else:
            self.move_cursor(self.cursor_row)  # off a heading, if it landed on one

    @property
    def selected_card(self) -> int | None:
        items = self.items
        row = self.cursor_row
        return items[row].card_id if 0 <= row < len(items) else None

    def move_cursor(self, row: int, *, lead: int = 0) -> None:
        """As ``RowList.move_cursor``, passing over headings in the direction of the move."""
        items = self.items
        before = self.cursor_row
        if items:
            row = max(0, min(row, len(items) - 1))
            step = 1 if row >= before else -1
            for direction in (step, -step):
                found = row
                while 0 <= found < len(items) and items[found].card_id is None:
                    found += direction
                if 0 <= found < len(items):
                    row = found
                    break
        super().move_cursor(row, lead=lead)
        if self.cursor_row != before:
            self.post_message(self.Highlighted())
