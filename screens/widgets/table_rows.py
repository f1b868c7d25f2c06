"""Bring a DataTable up to date with new rows, repainting only the cells that changed.

``DataTable.clear()`` and adding every row again costs a full rebuild of the table (its row
and column bookkeeping, the cached lines, a layout) — on an agenda of a hundred items that is
more than the action that caused it. Most actions change a few cells of rows that stay where
they are; only when rows come, go or move is the table rebuilt.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable


def sync_rows(
    table: DataTable[Text], columns: Sequence[str], rows: Sequence[tuple[str, Sequence[Text]]]
) -> bool:
    """Show ``rows`` (key, cells in the order of ``columns``); True when the table was rebuilt.

    A rebuilt table loses its cursor: the caller puts it back.
    """
    keys = [key for key, _cells in rows]
    if [row.key.value for row in table.ordered_rows] != keys:
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        return True
    for key, cells in rows:
        update_row(table, key, columns, cells)
    return False


def update_row(
    table: DataTable[Text], key: str, columns: Sequence[str], cells: Sequence[Text]
) -> None:
    """Repaint the cells of one row that differ from ``cells``."""
    for column, cell in zip(columns, cells, strict=True):
        if table.get_cell(key, column) != cell:
            table.update_cell(key, column, cell)
