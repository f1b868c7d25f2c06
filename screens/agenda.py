"""The agenda (F2): prepare it, adopt it, and run the meeting against the clock.

Every timer on this screen is computed from stored timestamps and the clock (``models.rules.timing``):
the once-a-second tick only redraws, so a restart shows exactly what the clock says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import TextArea

from models.domain import MeetingStatus, Purpose, label
from models.i18n import _
from models.records.meeting import AgendaItemInfo, AgendaState
from models.rules import timing
from models.rules import validation as check
from screens.acting import UndoStep
from screens.meeting_base import NAVIGATION_BINDINGS, MeetingScreen
from screens.minutes_forms import RECORD_BINDINGS
from screens.widgets.autosave import AutoSave
from screens.widgets.clean_text_area import CleanTextArea
from screens.widgets.form_dialog import FormDialog, FormField
from screens.widgets.key_bar import KeyBar
from screens.widgets.line_text import DrawnLines
from screens.widgets.row_list import RowList
from screens.widgets.status_line import StatusLine
from screens.widgets.steady import show_steady

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual import events

    from models.records.minutes import ActionInfo, DecisionInfo
    from models.store import Store

#: Seconds of quiet after the last key before notes are saved (the issue allows one second).
NOTES_SAVE_DELAY = 0.8
#: While someone keeps typing, notes are saved at least this often: a crash loses at most the
#: last two seconds of typing, however long nobody paused.
NOTES_SAVE_CEILING = 2.0


@dataclass(frozen=True, slots=True)
class AgendaRow:
    """What one row of the agenda shows: the item, whether it runs (and the meeting is on a
    break), and for the running item its time so far (the row changes as it ticks)."""

    item: AgendaItemInfo
    running: bool = False
    on_break: bool = False
    elapsed: int = 0


class _ItemFields(TypedDict):
    """An agenda item's form, parsed: the fields ``Store.update_agenda_item`` takes."""

    title: str
    purpose: Purpose
    planned_minutes: int
    speaking_limit_seconds: int
    hamerstuk: bool


#: When the cursor goes below the agenda's view (V on the last item shown), this many items
#: after it come into view with it: the chair sees what comes next, and the list scrolls
#: once every few items instead of on every V.
READ_AHEAD = 6


#: The title's width as asked: the purpose column is shown only when the title keeps this
#: much beside it (it is left out first); the title takes whatever room there is beyond.
TITLE_WIDTH = 40


def _duration(minutes: int) -> str:
    """ "2 u 05" style total of planned minutes, language-neutral digits."""
    hours, rest = divmod(minutes, 60)
    return _("{h} h {m:02d} min").format(h=hours, m=rest) if hours else _("{m} min").format(m=rest)


def parse_speaking_limit(typed: str) -> int:
    """A speaking-time limit typed as minutes ("3") or minutes:seconds ("2:30"); 0 = no limit."""
    text = typed.strip() or "0"
    if ":" in text:
        minutes_text, _sep, seconds_text = text.partition(":")
        minutes = check.whole_number(minutes_text or "0", _("The speaking time"), low=0, high=60)
        seconds = check.whole_number(seconds_text, _("The speaking time"), low=0, high=59)
        return minutes * 60 + seconds
    return check.whole_number(text, _("The speaking time"), low=0, high=60) * 60


def _now_running(item: AgendaItemInfo | None) -> str:
    """What the status line says when an item starts."""
    if item is None:
        return ""
    return _("Now: {number}. {title}").format(number=item.number, title=item.title)


class AgendaScreen(MeetingScreen):
    """The agenda of one meeting: numbered items, times, notes; the running item marked."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    SCREEN_NAME = "agenda"
    # Below 110 columns the notes go under the agenda instead of beside it.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    HELP_TITLE = _("Agenda")
    HELP_INTRO = _(
        "Prepare the agenda with N (new), E (edit), Del (delete) and Shift+↑/↓ (move). "
        "S starts the meeting, V starts the next item, B starts the selected item (to go back). "
        "A records that the agenda was adopted, H that a formality (hamerstuk) was agreed "
        "without discussion. P starts and ends a break; X closes the meeting. Tab goes to the "
        "notes of the selected item; they are saved while you type. D records a decision and "
        "T an action point on the selected item (they are listed on the minutes screen, F6)."
    )

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        Binding(
            "s",
            "start_meeting",
            _("Start"),
            show=True,
            tooltip=_("Start the meeting now"),
            id="agenda.start_meeting",
        ),
        Binding(
            "v",
            "next_item",
            _("Next item"),
            show=True,
            tooltip=_("End the running item and start the next one"),
            id="agenda.next_item",
        ),
        Binding(
            "b",
            "start_selected",
            _("This item"),
            show=True,
            tooltip=_("Start the selected item (also to go back)"),
            id="agenda.start_selected",
        ),
        Binding(
            "p",
            "toggle_break",
            _("Break"),
            show=True,
            tooltip=_("Start or end a break"),
            id="agenda.toggle_break",
        ),
        Binding(
            "a",
            "adopt_agenda",
            _("Adopted"),
            show=True,
            tooltip=_("Record that the agenda was adopted"),
            id="agenda.adopt_agenda",
        ),
        Binding(
            "h",
            "hamer",
            _("Hamer"),
            show=True,
            tooltip=_("Record that this formality was agreed without discussion"),
            id="agenda.hamerstuk",
        ),
        Binding(
            "n",
            "add_item",
            _("New"),
            show=True,
            tooltip=_("Add an agenda item"),
            id="agenda.add_item",
        ),
        Binding(
            "e",
            "edit_item",
            _("Edit"),
            show=True,
            tooltip=_("Change the selected item"),
            id="agenda.edit_item",
        ),
        Binding(
            "delete",
            "delete_item",
            _("Delete"),
            show=True,
            tooltip=_("Delete the selected item after confirmation"),
            id="agenda.delete_item",
        ),
        Binding(
            "shift+up",
            "move(-1)",
            _("Up"),
            show=False,
            tooltip=_("Move the item up"),
            id="agenda.move_up",
        ),
        Binding(
            "shift+down",
            "move(1)",
            _("Down"),
            show=False,
            tooltip=_("Move the item down"),
            id="agenda.move_down",
        ),
        Binding(
            "u,ctrl+z",
            "undo",
            _("Undo"),
            show=True,
            tooltip=_("Take back the last change"),
            id="agenda.undo",
        ),
        Binding(
            "tab",
            "write_notes",
            _("Notes"),
            show=True,
            tooltip=_("Write the notes of the selected item (Tab or Esc: back to the agenda)"),
            id="agenda.write_notes",
        ),
        *RECORD_BINDINGS,
        Binding(
            "x",
            "close_meeting",
            _("Close"),
            show=True,
            tooltip=_("Close the meeting after confirmation"),
            id="agenda.close_meeting",
        ),
        *NAVIGATION_BINDINGS,
    ]

    def __init__(self, store: Store, meeting_id: int) -> None:
        super().__init__(store, meeting_id)
        self.state: AgendaState | None = None
        #: The item whose notes are in the editor, and the text last saved for it.
        self._notes_item: int | None = None
        self._notes_saved = ""
        self._notes_autosave = AutoSave(
            self, self._save_notes, delay=NOTES_SAVE_DELAY, ceiling=NOTES_SAVE_CEILING
        )

    def compose(self) -> ComposeResult:
        # The title gets the width: it grows into whatever room the list has, the purpose
        # is left out before the title is cut, and the notes give way (narrower beside the
        # agenda; below it, on a narrow screen, only while they are written). The state
        # columns come right after the title, so the running item's sign and time show.
        # A list that draws its own lines (``RowList``): V repaints the rows that changed,
        # where a DataTable rendered every visible row again.
        self._items: RowList[AgendaRow] = RowList(
            [
                ("#", 2),
                (_("Item"), TITLE_WIDTH),
                (_("State"), 17),
                (_("Elapsed"), 10),
                (_("Planned"), 7),
                (_("Purpose"), max(len(label(p)) for p in Purpose)),
            ],
            self._row,
            shrink=(1,),
            grow=1,
            optional=(5,),
            id="items",
        )
        self._notes_area = CleanTextArea(id="notes", soft_wrap=True)
        self._notes_title = DrawnLines(_("Notes"), id="notes-title")
        self._clock_line = DrawnLines(id="clock-line")
        yield from self.compose_top()
        yield self._clock_line
        with Horizontal(id="agenda-body"):
            yield self._items
            with Vertical(id="notes-pane"):
                yield self._notes_title
                yield self._notes_area
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = _("Agenda")
        if self.load_meeting() is None:
            return
        self._reload()
        self._items.focus()
        # Redraw the clock every second; the times come from the stored timestamps.
        self.set_interval(1.0, self._tick)

    # --------------------------------------------------------------- reading

    def follow_changes(self) -> None:
        self._reload()

    def _reload(self, select_id: int | None = None) -> None:
        state = self.read(lambda: self.store.agenda_state(self.meeting_id))
        if state is not None:
            self._show_state(state, select_id)

    def _show_state(self, state: AgendaState, select_id: int | None = None) -> None:
        """Draw a state the Store returned (after a read or an action)."""
        self.state = state
        self.meeting = self.state.meeting
        self.show_meeting(self.state.meeting)
        self._fill(select_id)
        self._show_clock()  # the rows have their times already
        self.update_keys()

    def _fill(self, select_id: int | None) -> None:
        """Show the items; the cursor stays on its item (or goes to ``select_id``)."""
        assert self.state is not None
        keep = select_id if select_id is not None else self._selected_id()
        self._items.show_items(self._rows())
        ids = [i.id for i in self.state.items]
        # Scrolled to, an item comes with the ones after it: after V, what comes next shows.
        if keep in ids:
            self._items.move_cursor(ids.index(keep), lead=READ_AHEAD)
        elif self.state.running_item_id in ids:
            self._items.move_cursor(ids.index(self.state.running_item_id), lead=READ_AHEAD)
        self._show_notes()

    def _rows(self) -> list[AgendaRow]:
        assert self.state is not None
        state = self.state
        running_id = state.running_item_id
        rows = []
        for item in state.items:
            if item.id == running_id:
                elapsed = state.elapsed_seconds(item, self._now())
                rows.append(AgendaRow(item, True, state.on_break, elapsed))
            else:
                rows.append(AgendaRow(item))
        return rows

    def _now(self) -> datetime:
        return self.store.now()

    def _elapsed(self, item: AgendaItemInfo) -> int:
        assert self.state is not None
        return self.state.elapsed_seconds(item, self._now())

    def _row(self, index: int, row: AgendaRow) -> tuple[str | Text, ...]:
        """The cells of one row: plain text, and for the running item bold (its time in the
        warning style when over its plan — a sign and the minutes too, never colour alone)."""
        item = row.item
        elapsed = row.elapsed if row.running else item.spent_seconds  # (not running)
        overrun = timing.overrun_seconds(item.planned_minutes, elapsed)
        elapsed_text = timing.format_duration(elapsed) if (row.running or item.started_at) else ""
        if row.running:
            state = "▶ " + (_("BREAK") if row.on_break else _("RUNNING"))
        elif item.hamered_at is not None:
            state = "⚒ " + _("agreed")
        elif item.ended_at is not None:
            state = "✔ " + _("done")
        elif item.hamerstuk:
            state = "⚒ " + _("formality")
        else:
            state = ""
        if overrun:
            state += " ⚠ " + timing.format_overrun(overrun)
        cells: tuple[str, ...] = (
            str(item.number),
            item.title,
            state,
            elapsed_text,
            _("{n} min").format(n=item.planned_minutes),
            label(item.purpose),
        )
        if not row.running:
            return cells
        bold = [Text(cell, style="bold") for cell in cells]
        if overrun:
            bold[3].stylize("reverse")
        return tuple(bold)

    def _tick(self) -> None:
        """Once a second: the running item's time and the meeting's clock line (not while
        another screen is shown: it is read again when it comes back)."""
        if self.state is None or not self.is_current:
            return
        running = self.state.running_item
        if running is not None:
            index = self.state.items.index(running)
            items = list(self._items.items)
            elapsed = self.state.elapsed_seconds(running, self._now())
            if index < len(items) and items[index].elapsed != elapsed:
                items[index] = AgendaRow(running, True, self.state.on_break, elapsed)
                self._items.show_items(items)
        self._show_clock()

    def _show_clock(self) -> None:
        """The clock line, on one line or, where the screen is too narrow for it (80
        columns), on two; it asks for a layout only when that number changes."""
        line = self._clock_line
        parts = self._clock_parts()
        separator = Text("  │  ")
        text = separator.join(parts)
        width = line.content_region.width
        if not width:
            # Not laid out yet (the screen's first frame): once it is, at its width.
            self.call_after_refresh(self._show_clock)
        lines = 1
        if width and text.cell_len > width:
            text = Text("\n").join([parts[0], separator.join(parts[1:])])
            lines = 2
        if getattr(line, "_baz_lines", None) == lines:
            show_steady(line, text)
        else:
            line._baz_lines = lines  # type: ignore[attr-defined]
            line._baz_shown = text  # type: ignore[attr-defined]
            line.update(text, layout=True)  # one line more or less: the screen is laid out again

    def on_resize(self) -> None:
        # Another width may need the clock line on one line more or less.
        if self.state is not None:
            self.call_after_refresh(self._show_clock)

    def _clock_parts(self) -> list[Text]:
        """The plan, where the meeting is now, and whether the agenda was adopted."""
        from models.rules.formatting import format_time

        assert self.state is not None
        meeting = self.state.meeting
        now = self._now()
        total = self.state.planned_minutes_total
        planned_end = timing.planned_end(meeting.date, meeting.start_time, total)
        plan = Text()
        plan.append(
            _("Planned {total}, until {time}").format(
                total=_duration(total), time=format_time(planned_end)
            )
        )
        if meeting.scheduled_end_time is not None and timing.runs_past_scheduled_end(
            planned_end, meeting.date, meeting.start_time, meeting.scheduled_end_time
        ):
            plan.append(
                "  ⚠ "
                + _("later than the scheduled end {time}").format(
                    time=format_time(meeting.scheduled_end_time)
                ),
                style="bold reverse",
            )
        where = Text()
        if meeting.status is MeetingStatus.LOPEND:
            projected = timing.projected_end(now, self.state.timings(now), self.state.on_break)
            where.append(
                _("now {now} · expected end {time}").format(
                    now=format_time(now), time=format_time(projected)
                ),
                style="bold",
            )
            if self.state.on_break:
                where.append("  ☕ " + _("break"), style="bold reverse")
        elif meeting.status is MeetingStatus.GESLOTEN:
            where.append("■ " + _("closed"))
            if meeting.actual_end is not None:
                where.append(" " + format_time(meeting.actual_end))
        else:
            where.append(_("not started (S starts)"))
        if meeting.agenda_adopted_at is not None:
            adopted = Text(
                "✔ "
                + _("agenda adopted {time}").format(time=format_time(meeting.agenda_adopted_at))
            )
        else:
            adopted = Text("· " + _("agenda not yet adopted"))
        return [plan, where, adopted]

    def _selected_id(self) -> int | None:
        table = self._items
        if self.state is None or not self.state.items or table.row_count == 0:
            return None
        row = table.cursor_row
        if row < 0 or row >= len(self.state.items):
            return None
        return self.state.items[row].id

    @property
    def selected(self) -> AgendaItemInfo | None:
        selected_id = self._selected_id()
        if self.state is None or selected_id is None:
            return None
        return next((i for i in self.state.items if i.id == selected_id), None)

    # ----------------------------------------------------------------- notes

    def _show_notes(self) -> None:
        """Put the selected item's notes in the editor (after saving the previous item's)."""
        self._save_notes()
        item = self.selected
        area = self._notes_area
        title = self._notes_title
        if item is None:
            self._notes_item = None
            area.load_text("")
            area.disabled = True
            show_steady(title, _("Notes"))
            return
        area.disabled = False
        self._notes_item = item.id
        self._notes_saved = item.notes
        if area.text != item.notes:
            area.load_text(item.notes)
            # Continue where the notes end, like a note-taker picking up the pen.
            area.move_cursor(area.document.end)
        # Text, not markup: the title is what a person typed ("[/bold]" must not be a tag).
        # One line, cut: a new item's title is repainted without a layout of the screen.
        show_steady(
            title, Text(_("Notes — {number}. {title}").format(number=item.number, title=item.title))
        )

    def _save_notes(self) -> None:
        """Store the notes in the editor if they changed; errors go to the status line."""
        self._notes_autosave.cancel()  # saved now, whoever asked
        if self._notes_item is None:
            return
        text = self._notes_area.text
        if text == self._notes_saved:
            return
        item_id = self._notes_item
        saved = self.read(lambda: self.store.save_notes(item_id, text))
        if saved is None:
            return
        self._notes_saved = saved.notes
        if self.state is not None:
            self.state = self.state.with_item(saved)

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self) -> None:
        # Saved NOTES_SAVE_DELAY after the last key, and at least every NOTES_SAVE_CEILING
        # seconds while the typing goes on (a crash loses at most the last two seconds).
        self._notes_autosave.changed()

    @on(RowList.Moved, "#items")
    def _row_moved(self) -> None:
        if self._notes_item != self._selected_id():
            self._show_notes()
        self.update_keys()
        item = self.selected
        if item is not None and cell_len(item.title) > self._items.column_width(1):
            # Cut in the list: the whole title where the eye goes next.
            self.status_line.show_hint(f"{item.number}. {item.title}")

    def on_key(self, event: events.Key) -> None:
        # Escape in the notes goes back to the agenda; it must not leave the meeting while
        # someone is typing.
        if event.key == "escape" and self._notes_area.has_focus:
            self._items.focus()
            event.stop()
            event.prevent_default()

    def action_write_notes(self) -> None:
        """Tab: to the notes of the selected item (on a narrow screen they open below the
        agenda while they are written); Tab again, or Esc, back to the agenda."""
        if self._notes_area.has_focus:
            self._items.focus()
            return
        if self._notes_item != self._selected_id():
            self._show_notes()
        if self._notes_area.disabled:
            return
        # At once, not after a frame: what is typed right after Tab goes into the notes (the
        # screen's set_focus, not the widget's focus(), which waits for the keys already in
        # the queue). On a narrow screen the pane is there all the time, with no height until
        # it is written.
        self.add_class("-writing")
        self.set_focus(self._notes_area)

    def on_descendant_focus(self) -> None:
        self.set_class(self._notes_area.has_focus, "-writing")

    def on_descendant_blur(self) -> None:
        self._save_notes()
        if not self._notes_area.has_focus:
            self.remove_class("-writing")

    def before_leaving(self) -> bool:
        self._save_notes()
        return True

    def on_screen_suspend(self) -> None:
        self._save_notes()

    # ---------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys of the meeting's phase only: False hides a key that has no meaning now (the
        Footer is full at 80 columns), None dims one that applies to another selection."""
        if self.state is None:
            return super().check_action(action, parameters)
        status = self.state.meeting.status
        running = status is MeetingStatus.LOPEND
        item = self.selected
        if action == "start_meeting":
            return status is MeetingStatus.GEPLAND
        if action in ("next_item", "toggle_break", "close_meeting"):
            return running
        if action == "start_selected":
            if not running:
                return False
            return True if item and item.id != self.state.running_item_id else None
        if action == "adopt_agenda":
            return self.state.meeting.agenda_adopted_at is None
        if action == "hamer":
            return True if item and item.hamerstuk and item.hamered_at is None else False
        if action in ("edit_item", "delete_item", "move"):
            return True if item is not None else None
        if action == "undo":
            # The agenda's key bar is full: U joins it once there is something to take back.
            return True if self.undo_steps else False
        return super().check_action(action, parameters)

    def before_action(self) -> None:
        self._save_notes()  # what is typed in the notes is stored before anything else

    def show_result(self, result: object) -> None:
        """Show the agenda after an action: the state it returned, or read again."""
        if isinstance(result, AgendaState):
            self._show_state(result)
        else:
            self._reload()

    def _show_running(self, state: AgendaState) -> None:
        """Show the agenda with the cursor on the item that runs now."""
        self._show_state(state, state.running_item_id)

    def action_start_meeting(self) -> None:
        self.act(lambda: self.store.start_meeting(self.meeting_id), _("The meeting has started."))

    def action_next_item(self) -> None:
        # What the chair sees running is what V ends: refused when another laptop moved on.
        seen = self.state.running_item_id if self.state is not None else None
        self.act(
            lambda: self.store.next_item(self.meeting_id, seen_running=seen),
            lambda state: _now_running(state.running_item),
            show=self._show_running,
        )

    def action_start_selected(self) -> None:
        item = self.selected
        if item is None:
            return
        self.act(lambda: self.store.start_item(item.id), _now_running(item))

    def action_toggle_break(self) -> None:
        assert self.state is not None
        if self.state.on_break:
            self.act(lambda: self.store.end_break(self.meeting_id), _("The break is over."))
        else:
            self.act(
                lambda: self.store.start_break(self.meeting_id),
                _("Break — the clock of the item stands still. P ends the break."),
            )

    def action_adopt_agenda(self) -> None:
        self.act(lambda: self.store.adopt_agenda(self.meeting_id), _("Agenda adopted."))

    def action_hamer(self) -> None:
        item = self.selected
        if item is not None:
            self.act(
                lambda: self.store.hamer_item(item.id),
                _("Agreed without discussion: {title}.").format(title=item.title),
            )

    def action_close_meeting(self) -> None:
        from screens.widgets.confirm import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                self.act(lambda: self.store.close_meeting(self.meeting_id), _("Meeting closed."))

        self.app.push_screen(
            ConfirmDialog(
                _("Close the meeting now? The running item ends and the end time is recorded."),
                _("Yes, close"),
            ),
            answer,
        )

    def item_to_hand_on(self) -> int | None:
        """While an item runs the item screens follow it; otherwise (before the start, after
        the close) they show the item selected here."""
        if self.state is None or self.state.running_item_id is not None:
            return None
        return self._selected_id()

    # ------------------------------------------------------------- preparing

    def _item_fields(self, item: AgendaItemInfo | None) -> list[FormField]:
        purposes = [(p.value, label(p)) for p in Purpose]
        limit = item.speaking_limit_seconds if item else 180
        return [
            FormField("title", _("Title"), item.title if item else ""),
            FormField(
                "purpose",
                _("Purpose"),
                (item.purpose if item else Purpose.BESPREKING).value,
                options=purposes,
            ),
            FormField(
                "planned", _("Planned minutes (0–600)"), str(item.planned_minutes) if item else "10"
            ),
            FormField(
                "limit",
                _("Speaking time per turn (minutes or m:ss; 0 = no limit)"),
                timing.format_duration(limit) if limit % 60 else str(limit // 60),
            ),
            FormField(
                "hamerstuk",
                _("Formality (hamerstuk)?"),
                "yes" if item and item.hamerstuk else "no",
                options=[("no", _("no")), ("yes", _("yes, agreed without discussion"))],
            ),
        ]

    def _parsed(self, values: dict[str, str]) -> _ItemFields:
        planned = check.whole_number(values["planned"], _("The planned minutes"), low=0, high=600)
        return {
            "title": values["title"],
            "purpose": Purpose(values["purpose"] or Purpose.BESPREKING),
            "planned_minutes": planned,
            "speaking_limit_seconds": parse_speaking_limit(values["limit"]),
            "hamerstuk": values["hamerstuk"] == "yes",
        }

    def action_add_item(self) -> None:
        selected = self.selected
        # A new item goes after the selected one; with nothing selected, at the end.
        position = selected.position + 1 if selected else None

        def save(values: dict[str, str]) -> AgendaItemInfo:
            fields = self._parsed(values)
            check.clean_line(str(fields["title"]), _("The title of the agenda item"))
            # Validate everything before the first write, so nothing is half-saved.
            added = self.store.add_agenda_item(
                self.meeting_id,
                str(fields["title"]),
                purpose=fields["purpose"],
                planned_minutes=int(fields["planned_minutes"]),
                position=position,
            )
            return self.store.update_agenda_item(
                added.id,
                hamerstuk=bool(fields["hamerstuk"]),
                speaking_limit_seconds=int(fields["speaking_limit_seconds"]),
            )

        def after(item: AgendaItemInfo | None) -> None:
            if item is not None:
                self.remember(
                    self._undo_step(
                        lambda: self.store.delete_agenda_item(item.id, if_untouched=True), item
                    )
                )
                self._reload(item.id)
                self.status_line.show_info(
                    _("Added: {number}. {title}").format(number=item.number, title=item.title)
                )

        self.app.push_screen(FormDialog(_("New agenda item"), self._item_fields(None), save), after)

    def action_edit_item(self) -> None:
        item = self.selected
        if item is None:
            return

        def save(values: dict[str, str]) -> AgendaItemInfo:
            return self.store.update_agenda_item(item.id, **self._parsed(values))

        def after(updated: AgendaItemInfo | None) -> None:
            if updated is not None:
                self.remember(self._undo_step(lambda: self._put_back(item, updated), item))
                self._reload(updated.id)
                self.status_line.show_info(_("Saved: {title}.").format(title=updated.title))

        dialog: FormDialog[AgendaItemInfo] = FormDialog(
            _("Edit agenda item {number}").format(number=item.number), self._item_fields(item), save
        )
        self.app.push_screen(dialog, after)

    def action_delete_item(self) -> None:
        from screens.widgets.confirm import ConfirmDialog

        item = self.selected
        if item is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.act(
                    lambda: self.store.delete_agenda_item(item.id),
                    _("Deleted: {title} (U takes it back).").format(title=item.title),
                    undo=lambda _gone: self._undo_step(lambda: self._restore(item), item),
                )

        question = _("Delete agenda item {number}. {title}, with its notes?").format(
            number=item.number, title=item.title
        )
        self.app.push_screen(ConfirmDialog(question, _("Yes, delete")), answer)

    def action_move(self, delta: int) -> None:
        item = self.selected
        if item is None:
            return
        self.act(
            lambda: self.store.move_agenda_item(item.id, delta),
            show=lambda _items: self._reload(item.id),
            undo=lambda _items: self._undo_step(
                lambda: self.store.move_agenda_item(item.id, -delta), item
            ),
        )

    # ------------------------------------------------------------- taking back (U)

    def _undo_step(
        self, take_back: Callable[[], object], before: AgendaItemInfo
    ) -> UndoStep[object]:
        """A step U takes back; after it the cursor is where the item was."""

        def show(_result: object) -> None:
            self._reload()
            self._select_position(before.position)

        return UndoStep(take_back, show)

    def _put_back(self, before: AgendaItemInfo, after: AgendaItemInfo) -> AgendaItemInfo:
        """Undo an edit: the item as it was, only while it is still as the edit left it
        (another laptop's change since is never overwritten)."""
        return self.store.update_agenda_item(
            before.id,
            title=before.title,
            purpose=before.purpose,
            planned_minutes=before.planned_minutes,
            speaking_limit_seconds=before.speaking_limit_seconds,
            hamerstuk=before.hamerstuk,
            expected=after,
        )

    def _restore(self, before: AgendaItemInfo) -> AgendaItemInfo:
        """Undo a delete: the item comes back in its place, with its notes."""
        restored = self.store.add_agenda_item(
            self.meeting_id,
            before.title,
            purpose=before.purpose,
            planned_minutes=before.planned_minutes,
            position=before.position,
            notes=before.notes,
        )
        return self.store.update_agenda_item(
            restored.id,
            hamerstuk=before.hamerstuk,
            speaking_limit_seconds=before.speaking_limit_seconds,
        )

    def _select_position(self, position: int) -> None:
        if self.state is not None and 0 <= position < len(self.state.items):
            self._items.move_cursor(position)
            if self._notes_item != self._selected_id():
                self._show_notes()

    def action_new_decision(self) -> None:
        from screens.minutes_forms import open_decision_form

        item = self.selected

        def done(info: DecisionInfo | None) -> None:
            if info is not None:
                self.status_line.show_info(_("Decision {label} recorded.").format(label=info.label))

        open_decision_form(
            self, self.store, self.meeting_id, done, item_id=item.id if item else None
        )

    def action_new_action(self) -> None:
        from screens.minutes_forms import open_action_form

        item = self.selected

        def done(info: ActionInfo | None) -> None:
            if info is not None:
                self.status_line.show_info(
                    _("Action point {label} recorded.").format(label=info.label)
                )

        open_action_form(self, self.store, self.meeting_id, done, item_id=item.id if item else None)
