"""The widgets that draw their own lines: RowList (title, columns that shrink to fit, rows kept
by what they show), FloorPanel and StatusLine. Each is driven in a small app and read back as
the lines it draws."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widget import Widget

from screens.widgets.floor_panel import FloorPanel
from screens.widgets.row_list import RowList
from screens.widgets.status_line import StatusLine


def lines(widget: Widget) -> list[str]:
    """What ``widget`` draws, line by line (its content area)."""
    return [widget.render_line(y).text for y in range(widget.content_size.height)]


def pair(index: int, item: tuple[str, str]) -> tuple[str, str]:
    return item


class ListApp(App[None]):
    def __init__(self, width: int) -> None:
        super().__init__()
        self.list_width = width

    def compose(self) -> ComposeResult:
        rows = RowList(
            [("Naam", 24), ("Waarom hier", 22)], pair, title="Wacht", shrink=(0, 1), id="rows"
        )
        rows.styles.width = self.list_width
        rows.styles.height = 8
        yield rows


async def test_a_list_narrower_than_its_table_shrinks_its_columns_and_marks_what_is_cut() -> None:
    app = ListApp(width=36)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = app.query_one(RowList)
        rows.show_items([("Mohammed El Amrani", "nog niet gesproken")])
        await pilot.pause()
        drawn = lines(rows)
        assert drawn[0].startswith("Wacht")  # the title, then the header
        assert "Naam" in drawn[1] and "Waarom" in drawn[1]
        # Nothing to scroll sideways: the table fits in the list (a scrollbar's room kept).
        assert rows.virtual_size.width <= rows.size.width
        assert rows.max_scroll_x == 0
        assert "…" in drawn[2], drawn[2]  # a cut cell says so
        assert all(len(line) == rows.content_size.width for line in drawn)


async def test_a_wide_list_keeps_its_columns_and_a_click_picks_the_row_under_it() -> None:
    app = ListApp(width=60)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = app.query_one(RowList)
        rows.show_items([("Jan de Vries", "nog niet gesproken"), ("Kees", "punt van orde")])
        await pilot.pause()
        drawn = lines(rows)
        assert "Jan de Vries" in drawn[2] and "nog niet gesproken" in drawn[2]
        assert "…" not in "".join(drawn)
        # Below the title and the header: the second row.
        await pilot.click(RowList, offset=(2, 3))
        assert rows.cursor_row == 1


async def test_rows_that_move_down_are_drawn_from_what_they_show_not_from_their_place() -> None:
    app = ListApp(width=60)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = app.query_one(RowList)
        first = [(f"Spreker {n}", f"{n}:00") for n in range(4)]
        rows.show_items(first)
        await pilot.pause()
        lines(rows)
        # A new turn on top (as "Has spoken" shows them), twice: the stripes come back.
        rows.show_items([("Nieuw 1", "0:10"), *first])
        await pilot.pause()
        rows.show_items([("Nieuw 2", "0:20"), ("Nieuw 1", "0:10"), *first])
        await pilot.pause()
        drawn = lines(rows)
        assert [line.split()[0:2] for line in drawn[2:8]] == [
            ["Nieuw", "2"],
            ["Nieuw", "1"],
            ["Spreker", "0"],
            ["Spreker", "1"],
            ["Spreker", "2"],
            ["Spreker", "3"],
        ]


class FloorApp(App[None]):
    def __init__(self, width: int) -> None:
        super().__init__()
        self.panel_width = width

    def compose(self) -> ComposeResult:
        panel = FloorPanel("Heeft het woord", "Spreektijd op dit punt", "Hele vergadering")
        panel.styles.width = self.panel_width
        yield panel
        yield StatusLine(id="status")


async def test_the_floor_panel_shows_speaker_clock_note_and_on_a_wide_screen_the_balance() -> None:
    app = FloorApp(width=120)
    async with app.run_test(size=(120, 36)) as pilot:
        panel = app.query_one(FloorPanel)
        panel.show_floor(Text("Jan de Vries  (bewoner)"), "2:41", False, Text("tijd over van 3:00"))
        panel.show_balance(Text("Bewoners 80%"), Text("Bewoners 64%"))
        await pilot.pause()
        drawn = lines(panel)
        assert drawn[0].startswith("Heeft het woord") and "Spreektijd op dit punt" in drawn[0]
        assert "Jan de Vries" in drawn[1] and "Bewoners 80%" in drawn[1]
        assert "Hele vergadering" in drawn[2] and "Bewoners 64%" in drawn[3]
        assert any(c in "".join(drawn[2:5]) for c in "╶─┐╷│")  # the big digits
        assert drawn[5].startswith("tijd over van 3:00")
        assert (panel.clock, panel.overtime) == ("2:41", False)

        panel.show_floor(Text("Jan de Vries"), "+0:27", True, Text("⚠ te lang"))
        await pilot.pause()
        assert (panel.clock, panel.overtime) == ("+0:27", True)
        assert "⚠ te lang" in lines(panel)[5]


async def test_on_a_narrow_screen_the_floor_panel_leaves_the_balance_out() -> None:
    app = FloorApp(width=80)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(FloorPanel)
        panel.show_floor("Jan de Vries", "1:00", False, "")
        panel.show_balance("Bewoners 80%", "Bewoners 64%")
        await pilot.pause()
        drawn = "\n".join(lines(panel))
        assert "Jan de Vries" in drawn and "Bewoners" not in drawn and "Spreektijd" not in drawn


async def test_a_status_message_longer_than_the_line_ends_in_an_ellipsis() -> None:
    app = FloorApp(width=80)
    async with app.run_test(size=(80, 24)) as pilot:
        status = app.query_one(StatusLine)
        status.show_error("Deze naam staat al op de lijst " * 5)
        await pilot.pause()
        line = lines(status)[0]
        assert line.startswith("⚠ Deze naam") and line.endswith("…")
        assert "⚠ Deze naam" in str(status.render())  # what tests and screens read back


async def test_a_list_longer_than_its_view_shows_where_the_view_is_and_scrolls_by_click() -> None:
    app = ListApp(width=60)  # 8 lines: title, header and 6 rows
    async with app.run_test(size=(80, 24)) as pilot:
        rows = app.query_one(RowList)
        rows.show_items([(f"Spreker {n:02d}", "0:30") for n in range(24)])
        await pilot.pause()
        signs = [line[-1] for line in lines(rows)[2:]]
        assert signs[0] == "█" and signs[-1] == "│"  # the view is at the top
        assert rows.allow_vertical_scroll  # the wheel scrolls without Textual's scrollbar

        rows.action_last()
        await pilot.pause()
        drawn = lines(rows)
        assert "Spreker 23" in drawn[-1]
        assert [line[-1] for line in drawn[2:]][-1] == "█" and drawn[2][-1] == "│"

        # A click on the sign near the top brings the top of the list back.
        await pilot.click(RowList, offset=(rows.size.width - 1, 2))
        await pilot.pause()
        assert rows.scroll_offset.y == 0 and "Spreker 00" in lines(rows)[2]

        # When all rows fit again, the sign goes and the rows have the whole width.
        rows.show_items([("Spreker 00", "0:30")])
        await pilot.pause()
        assert lines(rows)[2].rstrip().endswith("0:30") and "█" not in "".join(lines(rows))


class FitApp(App[None]):
    """A list with a growing title and a column left out before the title would be cut."""

    def __init__(self, width: int) -> None:
        super().__init__()
        self.list_width = width

    def compose(self) -> ComposeResult:
        rows = RowList(
            [("#", 2), ("Titel", 40), ("Stand", 10), ("Doel", 18)],
            lambda index, item: item,
            grow=1,
            optional=(3,),
            id="rows",
        )
        rows.styles.width = self.list_width
        rows.styles.height = 6
        yield rows


async def test_the_title_takes_the_room_and_an_optional_column_goes_first() -> None:
    title = "Probleemanalyse: gebruik van het speelplein"
    for width, doel_shown in ((100, True), (70, False)):
        app = FitApp(width=width)
        async with app.run_test(size=(120, 24)) as pilot:
            rows = app.query_one(RowList)
            rows.show_items([("8", title, "✔ gedaan", "ter bespreking")])
            await pilot.pause()
            drawn = lines(rows)
            assert ("ter bespreking" in drawn[1]) is doel_shown, drawn
            assert ("Doel" in drawn[0]) is doel_shown
            assert title in drawn[1], drawn[1]  # whole: the title grew, nothing cut
            assert all(len(line) == rows.content_size.width for line in drawn)
            assert rows.shown_columns == ((0, 1, 2, 3) if doel_shown else (0, 1, 2))


async def test_moving_the_cursor_by_key_says_so_and_by_the_screen_does_not() -> None:
    seen: list[RowList.Moved] = []

    class MovedApp(FitApp):
        def on_row_list_moved(self, message: RowList.Moved) -> None:
            seen.append(message)

    app = MovedApp(width=100)
    async with app.run_test(size=(120, 24)) as pilot:
        rows = app.query_one(RowList)
        rows.show_items([(str(n), f"Punt {n}", "", "") for n in range(3)])
        rows.focus()
        rows.move_cursor(1)  # the screen's own move: no message
        await pilot.pause()
        assert seen == []
        await pilot.press("down")
        await pilot.pause()
        assert [m.row for m in seen] == [2]
        await pilot.press("down")  # at the end already: nothing moved, nothing said
        await pilot.pause()
        assert [m.row for m in seen] == [2]
