"""A light table for lists that change on every key: fixed columns, one line per row.

``DataTable`` throws away every rendered row after any change, renders each cell again through
Rich, and asks for a layout of the whole screen whenever its number of rows changes. On the
speaker list that costs more than the action behind the key. ``RowList`` keeps the items the
screen gives it, formats only the rows that are visible, repaints only the visible lines whose
item changed, and needs a layout only when its scrollbar appears or disappears. It looks like
a ``DataTable`` with ``cursor_type="row"`` and zebra stripes (same theme colours).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import ClassVar, Generic, TypeVar

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

Item = TypeVar("Item", bound=Hashable)
Cell = str | Text

#: Rendered lines kept per widget; enough for a few screens of rows in both stripe colours.
_CACHE_SIZE = 400


class RowList(ScrollView, Generic[Item], can_focus=True):
    """Rows of ``items``; ``format_row(index, item)`` gives the cells of one row.

    Items must be hashable and compare equal when their row would look the same (frozen
    dataclasses do): equal items at the same index are not drawn again.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "rowlist--header",
        "rowlist--cursor",
        "rowlist--hover",
        "rowlist--even-row",
        "rowlist--odd-row",
    }

    # The colours of DataTable, so both kinds of table look alike.
    DEFAULT_CSS = """
    RowList {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .rowlist--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .rowlist--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .rowlist--even-row {
            background: $surface-darken-1 40%;
        }
        & > .rowlist--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .rowlist--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .rowlist--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .rowlist--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .rowlist--hover {
            background: $block-hover-background;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first", "First", show=False),
        Binding("end,ctrl+end", "last", "Last", show=False),
        Binding("left", "scroll_left", "Scroll left", show=False),
        Binding("right", "scroll_right", "Scroll right", show=False),
    ]

    def __init__(
        self,
        columns: Sequence[tuple[str, int]],
        format_row: Callable[[int, Item], Sequence[Cell]],
        *,
        zebra_stripes: bool = True,
        cell_padding: int = 1,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``columns`` are (header label, width in cells)."""
        super().__init__(name=name, id=id, classes=classes)
        self._columns = list(columns)
        self._format_row = format_row
        self._zebra = zebra_stripes
        self._padding = cell_padding
        self._table_width = sum(width + 2 * cell_padding for _label, width in self._columns)
        self._items: Sequence[Item] = ()
        self._cursor = 0
        self._hover = -1
        self._lines: dict[tuple[object, ...], Strip] = {}
        self._styles: dict[str, Style] = {}
        #: Per column (and the rest of the line): keeps the cells' segments apart.
        self._marks = [Style.from_meta({"column": n}) for n in range(len(self._columns) + 1)]
        self.set_reactive(Widget.virtual_size, Size(self._table_width, 1))

    # ------------------------------------------------------------------ data

    @property
    def items(self) -> Sequence[Item]:
        return self._items

    @property
    def row_count(self) -> int:
        return len(self._items)

    @property
    def cursor_row(self) -> int:
        return self._cursor

    def show_items(self, items: Sequence[Item]) -> None:
        """Show ``items``; only the visible rows that changed are drawn again."""
        old, self._items = self._items, items
        if len(old) != len(items):
            self._set_virtual_height(len(items) + 1)
        cursor = min(self._cursor, max(len(items) - 1, 0))
        if cursor != self._cursor:
            self.move_cursor(cursor)
        top = round(self.scroll_y)
        changed = [
            index
            for index in range(top, top + self._rows_visible())
            if (old[index] if index < len(old) else _GONE)
            != (items[index] if index < len(items) else _GONE)
        ]
        if changed:
            # One refresh for the lines from the first to the last change: each refresh call
            # of a widget costs, the lines in between are cheap (their rows are cached).
            self.refresh_lines(changed[0] + 1, changed[-1] - changed[0] + 1)

    def move_cursor(self, row: int) -> None:
        """Put the cursor on ``row`` (clamped) and scroll it into view."""
        row = max(0, min(row, len(self._items) - 1))
        if row != self._cursor:
            self.refresh_line(self._cursor + 1)
            self._cursor = row
            self.refresh_line(row + 1)
        self._scroll_to_cursor()

    def _rows_visible(self) -> int:
        return max(0, self.scrollable_content_region.height - 1)

    def _set_virtual_height(self, height: int) -> None:
        """The new size without a layout of the screen: one is needed only when a scrollbar
        appears or disappears, and that reactive asks for it itself."""
        size = Size(self._table_width, height)
        self.set_reactive(Widget.virtual_size, size)
        if self.is_mounted and self.container_size:
            self._scroll_update(size)

    def _scroll_to_cursor(self) -> None:
        visible = self._rows_visible()
        if not visible:
            return
        top = round(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False)
        elif self._cursor >= top + visible:
            self.scroll_to(y=self._cursor - visible + 1, animate=False)

    # ------------------------------------------------------------- rendering

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()
        self._styles.clear()

    def _style(self, name: str) -> Style:
        """A component's style ("" for the widget's own), kept until the styles change:
        working it out walks all the ancestors, and every line needs a few."""
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style if not name else self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        full = max(self._table_width, width)
        if y == 0:
            strip = self._line(("header", full), self._header_strip)
        else:
            index = y - 1 + scroll_y
            if index >= len(self._items):
                return Strip.blank(width, self._style(""))
            item = self._items[index]
            key = (index, item, index == self._cursor, index == self._hover, full)
            strip = self._line(key, lambda: self._row_strip(index, item))
        return strip.crop_extend(scroll_x, scroll_x + width, self._style(""))

    def _line(self, key: tuple[object, ...], render: Callable[[], Strip]) -> Strip:
        """A rendered line from the cache, or rendered now (the key says all it depends on)."""
        strip = self._lines.get(key)
        if strip is None:
            if len(self._lines) >= _CACHE_SIZE:
                self._lines.clear()
            strip = self._lines[key] = render()
        return strip

    def _header_strip(self) -> Strip:
        style = self._style("rowlist--header")
        return self._strip([label for label, _width in self._columns], style, Style.null())

    def _row_strip(self, index: int, item: Item) -> Strip:
        if self._zebra:
            style = self._style("rowlist--odd-row" if index % 2 else "rowlist--even-row")
        else:
            style = self._style("")
        post = Style.null()
        if index == self._hover:
            style += self._style("rowlist--hover")
        if index == self._cursor:
            cursor = self._style("rowlist--cursor")
            style += cursor
            # As DataTable: the cursor's text colour wins over the cell's own.
            post = Style.from_color(color=cursor.color)
        return self._strip(self._format_row(index, item), style, post)

    def _strip(self, cells: Sequence[Cell], style: Style, post: Style) -> Strip:
        """One line: each cell padded and cut to its column, then the rest of the width.

        Each cell stays a segment of its own, marked with its column as DataTable marks its
        cells, so nothing joins them: a terminal (or an SVG of the screen) that draws a
        character wider than one cell gets back in step at the next column.
        """
        pad = " " * self._padding
        plain = style + post
        segments: list[Segment] = []
        for column, (cell, (_label, width)) in enumerate(zip(cells, self._columns, strict=True)):
            mark = self._marks[column]
            if isinstance(cell, str):
                # Plain text (the usual case) without a Text and a Rich render: cut or
                # padded to the column in cells, so wide characters count double.
                text = pad + set_cell_size(cell, width) + pad
                segments.append(Segment(text, plain + mark))
                continue
            rich_text = Text(pad, end="", no_wrap=True)
            rich_text.append_text(cell)
            rich_text.truncate(width + self._padding, pad=True)
            rich_text.append(pad)
            rendered = rich_text.render(self.app.console)
            segments.extend(Segment.apply_style(rendered, style + mark, post))
        full = max(self._table_width, self.size.width)
        rest = " " * (full - self._table_width)
        segments.append(Segment(rest, plain + self._marks[-1]))
        return Strip(segments, full)

    # ------------------------------------------------------------------ input

    def action_cursor_up(self) -> None:
        self._keyboard()
        self.move_cursor(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self._keyboard()
        self.move_cursor(self._cursor + 1)

    def action_page_up(self) -> None:
        self._keyboard()
        self.move_cursor(self._cursor - max(1, self._rows_visible()))

    def action_page_down(self) -> None:
        self._keyboard()
        self.move_cursor(self._cursor + max(1, self._rows_visible()))

    def action_first(self) -> None:
        self._keyboard()
        self.move_cursor(0)

    def action_last(self) -> None:
        self._keyboard()
        self.move_cursor(len(self._items) - 1)

    def _keyboard(self) -> None:
        """Keys move the cursor: the mouse highlight goes, as in DataTable."""
        self._set_hover(-1)

    def _row_at(self, event: events.MouseEvent) -> int:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return -1
        index = offset.y - 1 + round(self.scroll_y)
        return index if index < len(self._items) else -1

    def _set_hover(self, index: int) -> None:
        if index != self._hover:
            if self._hover >= 0:
                self.refresh_line(self._hover + 1)
            self._hover = index
            if index >= 0:
                self.refresh_line(index + 1)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._row_at(event))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(-1)

    def on_click(self, event: events.Click) -> None:
        index = self._row_at(event)
        if index >= 0:
            self.move_cursor(index)


#: Stands for "no row here" when comparing the old and new items.
_GONE = object()
