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
from typing import Any, ClassVar, Generic, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from models.i18n import _
from screens.widgets.line_text import Looks

Item = TypeVar("Item", bound=Hashable)
Cell = str | Text

#: Rendered lines kept per widget; enough for a few screens of rows in both stripe colours.
_CACHE_SIZE = 400

#: A column that shrinks to fit keeps at least this many cells.
_NARROWEST = 8


class RowList(ScrollView, Generic[Item], can_focus=True):
    """Rows of ``items``; ``format_row(index, item)`` gives the cells of one row.

    Items must be hashable and compare equal when their row would look the same (frozen
    dataclasses do): equal items at the same index are not drawn again.

    When the rows do not fit, the last cell of each row line shows where the view is: a block
    for the part of the list in view, a thin line for the rest (a sign, not a colour). It is
    drawn with the rows, which are drawn again anyway when the list changes; Textual's own
    scrollbar is a widget of its own that costs more than a millisecond to draw each time
    the list grows by a row, as "Has spoken" does on every "next speaker". A click on it
    scrolls there, the wheel scrolls as always.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "rowlist--title",
        "rowlist--header",
        "rowlist--cursor",
        "rowlist--hover",
        "rowlist--scrollbar",
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
        overflow-y: hidden;  /* the list shows its own scroll position (see above) */
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
        /* A title over the table looks like a Label on the screen, as the lists' titles. */
        & > .rowlist--title {
            background: $background;
            color: $foreground;
            text-style: bold underline;
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
        & > .rowlist--scrollbar {
            color: $scrollbar;
            background: $scrollbar-background;
        }
    }
    """

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", _("Cursor up"), show=False, id="list.cursor_up"),
        Binding("down", "cursor_down", _("Cursor down"), show=False, id="list.cursor_down"),
        Binding("pageup", "page_up", _("Page up"), show=False, id="list.page_up"),
        Binding("pagedown", "page_down", _("Page down"), show=False, id="list.page_down"),
        Binding("home,ctrl+home", "first", _("First"), show=False, id="list.first"),
        Binding("end,ctrl+end", "last", _("Last"), show=False, id="list.last"),
        Binding("left", "scroll_left", _("Scroll left"), show=False, id="list.scroll_left"),
        Binding("right", "scroll_right", _("Scroll right"), show=False, id="list.scroll_right"),
    ]

    def __init__(
        self,
        columns: Sequence[tuple[str, int]],
        format_row: Callable[[int, Item], Sequence[Cell]],
        *,
        zebra_stripes: bool = True,
        cell_padding: int = 1,
        title: str | None = None,
        shrink: Sequence[int] = (),
        grow: int | None = None,
        optional: Sequence[int] = (),
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``columns`` are (header label, width in cells); ``title`` is a line above them.

        ``shrink``: the columns (by index) that give up cells, down to a few, when the list is
        narrower than the table (at 80 columns), so that no row needs scrolling sideways.
        ``optional``: columns left out, the last first, when the list is narrower than the
        table, before any column shrinks. ``grow``: the column (by index) that takes the
        room the list has beyond the table (an agenda item's title, a person's name).

        A title drawn by the list itself, not a ``Label`` in a container with it: each widget
        on a screen costs in every frame that crosses it, and a key on the speaker list
        draws a frame across its lists."""
        super().__init__(name=name, id=id, classes=classes)
        self._columns = list(columns)
        self._format_row = format_row
        self._zebra = zebra_stripes
        self._padding = cell_padding
        self._title = title
        #: The lines above the rows that do not scroll: the title (if any) and the header.
        self._top = 2 if title is not None else 1
        self._shrink = tuple(shrink)
        self._grow = grow
        self._optional = tuple(optional)
        #: The width of each column as drawn: as asked, or less to fit (``_fit``).
        self._widths = [width for _label, width in self._columns]
        #: The columns drawn, by index (``optional`` ones may be left out to fit).
        self._shown = tuple(range(len(self._columns)))
        self._table_width = sum(width + 2 * cell_padding for width in self._widths)
        self._items: Sequence[Item] = ()
        self._cursor = 0
        self._hover = -1
        self._lines: dict[tuple[object, ...], Strip] = {}
        self._looks = Looks(self)
        #: Per row style: the style of each column's segments (see ``_strip``).
        self._marked: dict[tuple[Style, Style], list[Style]] = {}
        #: (scroll x, scroll y, width, scroll sign) while a frame is drawn (see ``render_lines``).
        self._view: tuple[int, int, int, tuple[int, int] | None] | None = None
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
        thumb_before = self._thumb(len(old))
        if len(old) != len(items):
            self._set_virtual_height(len(items) + self._top)
            self._refresh_thumb(thumb_before, self._thumb(len(items)))
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
            self.refresh_lines(changed[0] + self._top, changed[-1] - changed[0] + 1)

    class Moved(Message):
        """The user moved the cursor (a key, a click) to ``row``; not sent when the screen
        moves it (``move_cursor``), which knows that already."""

        def __init__(self, row_list: RowList[Any], row: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.row = row

        @property
        def control(self) -> RowList[Any]:
            return self.row_list

    def move_cursor(self, row: int, *, lead: int = 0) -> None:
        """Put the cursor on ``row`` (clamped) and scroll it into view; ``lead``: when the
        list scrolls down to it, as many rows after it come into view too (where they are)."""
        row = max(0, min(row, len(self._items) - 1))
        if row != self._cursor:
            self.refresh_line(self._cursor + self._top)
            self._cursor = row
            self.refresh_line(row + self._top)
        self._scroll_to_cursor(lead)

    def refresh_row(self, index: int) -> None:
        """Draw row ``index`` again (what it shows changed without its item changing)."""
        self.refresh_line(index + self._top)

    def _user_moves(self, row: int) -> None:
        before = self._cursor
        self.move_cursor(row)
        if self._cursor != before:
            self.post_message(self.Moved(self, self._cursor))

    def _rows_visible(self) -> int:
        return max(0, self.scrollable_content_region.height - self._top)

    def _set_virtual_height(self, height: int) -> None:
        """The new size without a layout of the screen (the list's box does not change with
        its rows); the scroll limits are brought up to date when the rows do not fit."""
        before = self.virtual_size.height
        size = Size(self._table_width, height)
        self.set_reactive(Widget.virtual_size, size)
        if not (self.is_mounted and self.container_size):
            return
        # While the rows fit, before and after, there is no scrollbar and nothing to scroll:
        # the usual case on every key of a short list, which then skips the scroll update.
        if max(before, height) > self.scrollable_content_region.height:
            self._scroll_update(size)

    def _scroll_to_cursor(self, lead: int = 0) -> None:
        visible = self._rows_visible()
        if not visible:
            return
        top = round(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False)
        elif self._cursor >= top + visible:
            # The lead never puts the cursor's row out of view, nor the view past the end.
            lead = min(lead, visible - 1, len(self._items) - 1 - self._cursor)
            self.scroll_to(y=self._cursor - visible + 1 + lead, animate=False)

    # ------------------------------------------------------------- rendering

    def on_resize(self) -> None:
        self._fit(self.size.width - 1)  # a cell for the scroll sign

    def _fit(self, room: int) -> None:
        """Column widths for ``room`` cells: the optional columns go (the last first), then
        the shrinkable columns give up cells, the widest first, down to ``_NARROWEST``; the
        rest of the table keeps its widths. Room to spare goes to the growing column."""
        widths = [width for _label, width in self._columns]
        shown = list(range(len(widths)))

        def over() -> int:
            return sum(widths[n] + 2 * self._padding for n in shown) - room

        for column in reversed(self._optional):
            if over() <= 0:
                break
            shown.remove(column)
        excess = over()
        shrink = [column for column in self._shrink if column in shown]
        while excess > 0 and shrink:
            widest = max(shrink, key=lambda column: widths[column])
            if widths[widest] <= _NARROWEST:
                break
            widths[widest] -= 1
            excess -= 1
        if excess < 0 and self._grow is not None and self._grow in shown:
            widths[self._grow] -= excess
        if widths == self._widths and tuple(shown) == self._shown:
            return
        self._widths = widths
        self._shown = tuple(shown)
        self._table_width = sum(widths[n] + 2 * self._padding for n in shown)
        self._lines.clear()
        size = Size(self._table_width, self.virtual_size.height)
        self.set_reactive(Widget.virtual_size, size)
        self._scroll_update(size)  # a sideways scrollbar may go (or come)
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()
        self._looks.clear()
        self._marked.clear()

    # ------------------------------------------------------------ scroll sign

    @property
    def allow_vertical_scroll(self) -> bool:
        # Textual allows it only with its scrollbar shown; this list draws its own.
        return self.max_scroll_y > 0 and not self.disabled

    def _thumb(self, count: int) -> tuple[int, int] | None:
        """(first line, lines) of the scroll sign's block for ``count`` rows, from the top of
        the rows; None when they all fit."""
        rows = self._rows_visible()
        if rows <= 0 or count <= rows:
            return None
        size = max(1, round(rows * rows / count))
        top = min(round(self.scroll_y), count - rows)
        return round((rows - size) * top / (count - rows)), size

    def _refresh_thumb(self, before: tuple[int, int] | None, after: tuple[int, int] | None) -> None:
        """Repaint the row lines whose scroll sign changed (all of them when it comes or goes:
        the rows lose or gain their last cell)."""
        if before == after:
            return
        if before is None or after is None:
            self.refresh_lines(self._top + round(self.scroll_y), self._rows_visible())
            return
        lines = set(range(before[0], sum(before))) ^ set(range(after[0], sum(after)))
        if lines:
            first, last = min(lines), max(lines)
            self.refresh_lines(self._top + round(self.scroll_y) + first, last - first + 1)

    def _sign(self, line: int, thumb: tuple[int, int]) -> Segment:
        """The scroll sign on row line ``line`` (from the top of the rows)."""
        inside = thumb[0] <= line < thumb[0] + thumb[1]
        return Segment("█" if inside else "│", self._looks("rowlist--scrollbar"))

    # ------------------------------------------------------------- rendering

    def render_lines(self, crop: Region) -> list[Strip]:
        # The view is read once per frame, not once per line (each read works out regions).
        self._view = (*self.scroll_offset, self.size.width, self._thumb(len(self._items)))
        try:
            return super().render_lines(crop)
        finally:
            self._view = None

    def render_line(self, y: int) -> Strip:
        if self._view is None:
            scroll_x, scroll_y = self.scroll_offset
            width = self.size.width
            thumb = self._thumb(len(self._items))
        else:
            scroll_x, scroll_y, width, thumb = self._view
        full = max(self._table_width, width)
        if y < self._top:
            if y == 0 and self._title is not None:
                strip = self._line(("title", self._title, full), self._title_strip)
            else:
                strip = self._line(("header", full), self._header_strip)
        else:
            index = y - self._top + scroll_y
            if thumb is not None:
                # The row without its last cell, and the scroll sign there.
                row = self._row_line(index, scroll_x, width - 1, full)
                return Strip.join([row, Strip([self._sign(y - self._top, thumb)], 1)])
            return self._row_line(index, scroll_x, width, full)
        if scroll_x == 0 and strip.cell_length == width:
            return strip
        return strip.crop_extend(scroll_x, scroll_x + width, self._looks(""))

    def _row_line(self, index: int, scroll_x: int, width: int, full: int) -> Strip:
        """Row ``index`` as ``width`` cells from ``scroll_x`` (blank below the last row);
        ``full`` is the width the rows are drawn at (the table's, or the widget's if wider)."""
        if index >= len(self._items):
            return Strip.blank(width, self._looks(""))
        item = self._items[index]
        cells = tuple(self._format_row(index, item))
        # Keyed by what the line shows, not by its index: when a row is inserted at the
        # top (a finished speaker), the rows below come back from the cache after two
        # such shifts (the stripes alternate), instead of all being drawn again.
        look = (index % 2, index == self._cursor, index == self._hover, full)
        key = (cells, *look) if all(type(c) is str for c in cells) else (index, item, *look)
        strip = self._line(key, lambda: self._row_strip(index, cells))
        if scroll_x == 0 and strip.cell_length == width:
            return strip  # the usual case: the table fills the width, nothing scrolled
        return strip.crop_extend(scroll_x, scroll_x + width, self._looks(""))

    def _line(self, key: tuple[object, ...], render: Callable[[], Strip]) -> Strip:
        """A rendered line from the cache, or rendered now (the key says all it depends on)."""
        strip = self._lines.get(key)
        if strip is None:
            if len(self._lines) >= _CACHE_SIZE:
                self._lines.clear()
            strip = self._lines[key] = render()
        return strip

    def _title_strip(self) -> Strip:
        style = self._looks("rowlist--title")
        full = max(self._table_width, self.size.width)
        return Strip([Segment(set_cell_size(self._title or "", full), style)], full)

    def set_title(self, title: str) -> None:
        """Another title (a list with a title only)."""
        if self._title is not None and title != self._title:
            self._title = title
            self.refresh_line(self.scroll_offset.y)  # the first line of the view

    def _header_strip(self) -> Strip:
        style = self._looks("rowlist--header")
        return self._strip([label for label, _width in self._columns], style, Style.null())

    def column_width(self, column: int) -> int:
        """How many cells column ``column`` (by index) has as drawn now."""
        return self._widths[column]

    @property
    def shown_columns(self) -> tuple[int, ...]:
        """The columns drawn now, by index (``optional`` ones may be left out)."""
        return self._shown

    def _row_strip(self, index: int, cells: Sequence[Cell]) -> Strip:
        if self._zebra:
            style = self._looks("rowlist--odd-row" if index % 2 else "rowlist--even-row")
        else:
            style = self._looks("")
        post = Style.null()
        if index == self._hover:
            style += self._looks("rowlist--hover")
        if index == self._cursor:
            cursor = self._looks("rowlist--cursor")
            style += cursor
            # As DataTable: the cursor's text colour wins over the cell's own.
            post = Style.from_color(color=cursor.color)
        return self._strip(cells, style, post)

    def _strip(self, cells: Sequence[Cell], style: Style, post: Style) -> Strip:
        """One line: each cell padded and cut to its column, then the rest of the width.

        Each cell stays a segment of its own, marked with its column as DataTable marks its
        cells, so nothing joins them: a terminal (or an SVG of the screen) that draws a
        character wider than one cell gets back in step at the next column.
        """
        pad = " " * self._padding
        marked = self._marked.get((style, post))
        if marked is None:
            # The style of each column's segments: the row's, the post style, the mark.
            plain = style + post
            marked = self._marked[(style, post)] = [plain + mark for mark in self._marks]
        segments: list[Segment] = []
        widths = self._widths
        for column in self._shown:
            cell, width = cells[column], widths[column]
            if isinstance(cell, str):
                # Plain text (the usual case) without a Text and a Rich render: cut or
                # padded to the column in cells, so wide characters count double.
                if cell_len(cell) > width:
                    cell = set_cell_size(cell, width - 1) + "…"  # cut, and says so
                text = pad + set_cell_size(cell, width) + pad
                segments.append(Segment(text, marked[column]))
                continue
            mark = self._marks[column]
            rich_text = Text(pad, end="", no_wrap=True)
            rich_text.append_text(cell)
            rich_text.truncate(width + self._padding, pad=True)
            rich_text.append(pad)
            rendered = rich_text.render(self.app.console)
            segments.extend(Segment.apply_style(rendered, style + mark, post))
        full = max(self._table_width, self.size.width)
        rest = " " * (full - self._table_width)
        segments.append(Segment(rest, marked[-1]))
        return Strip(segments, full)

    # ------------------------------------------------------------------ input

    def action_cursor_up(self) -> None:
        self._keyboard()
        self._user_moves(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self._keyboard()
        self._user_moves(self._cursor + 1)

    def action_page_up(self) -> None:
        self._keyboard()
        self._user_moves(self._cursor - max(1, self._rows_visible()))

    def action_page_down(self) -> None:
        self._keyboard()
        self._user_moves(self._cursor + max(1, self._rows_visible()))

    def action_first(self) -> None:
        self._keyboard()
        self._user_moves(0)

    def action_last(self) -> None:
        self._keyboard()
        self._user_moves(len(self._items) - 1)

    def _keyboard(self) -> None:
        """Keys move the cursor: the mouse highlight goes, as in DataTable."""
        self._set_hover(-1)

    def _row_at(self, event: events.MouseEvent) -> int:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self._top:
            return -1
        index = offset.y - self._top + round(self.scroll_y)
        return index if index < len(self._items) else -1

    def _set_hover(self, index: int) -> None:
        if index != self._hover:
            if self._hover >= 0:
                self.refresh_line(self._hover + self._top)
            self._hover = index
            if index >= 0:
                self.refresh_line(index + self._top)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._row_at(event))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(-1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        thumb = self._thumb(len(self._items))
        if offset is not None and thumb is not None and offset.x == self.size.width - 1:
            # On the scroll sign: that part of the list comes into view.
            rows = self._rows_visible()
            share = max(0, min(offset.y - self._top, rows - 1)) / max(1, rows - 1)
            self.scroll_to(y=round(share * (len(self._items) - rows)), animate=False)
            return
        index = self._row_at(event)
        if index >= 0:
            self._user_moves(index)


#: Stands for "no row here" when comparing the old and new items.
_GONE = object()
