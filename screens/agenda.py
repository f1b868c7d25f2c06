"""The agenda (F2): prepare it, adopt it, and run the meeting against the clock.

Every timer on this screen is computed from stored timestamps and the clock (``models.timing``):
the once-a-second tick only redraws, so a restart shows exactly what the clock says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label, Static, TextArea

from models import timing
from models import validation as check
from models.domain import MeetingStatus, Purpose, label
from models.errors import BazError, ChangedMeanwhileError
from models.i18n import _
from models.views import AgendaItemInfo, AgendaState
from screens.meeting_base import NAVIGATION_BINDINGS, MeetingScreen
from screens.minutes_forms import RECORD_BINDINGS
from screens.widgets.autosave import AutoSave
from screens.widgets.form_dialog import FormDialog, FormField
from screens.widgets.key_bar import KeyBar
from screens.widgets.quiet import show
from screens.widgets.status_line import StatusLine
from screens.widgets.table_rows import sync_rows

if TYPE_CHECKING:
    from models.store import Store

#: Seconds of quiet after the last key before notes are saved (the issue allows one second).
NOTES_SAVE_DELAY = 0.8
#: While someone keeps typing, notes are saved at least this often: a crash loses at most the
#: last two seconds of typing, however long nobody paused.
NOTES_SAVE_CEILING = 2.0


@dataclass(frozen=True, slots=True)
class _Undo:
    """How to take back one preparing step: ``kind`` and the item as it was."""

    kind: str  # "add", "edit", "delete", "move"
    before: AgendaItemInfo
    delta: int = 0
    #: For "edit": the item as the edit left it; undo puts ``before`` back only while it is
    #: still so (another laptop's change since is never overwritten).
    after: AgendaItemInfo | None = None


#: The agenda table's columns, as ``_row`` gives the cells.
COLUMNS = ("number", "title", "state", "elapsed", "planned", "purpose")


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

    BINDINGS = [
        Binding("s", "start_meeting", _("Start"), show=True, tooltip=_("Start the meeting now")),
        Binding(
            "v",
            "next_item",
            _("Next item"),
            show=True,
            tooltip=_("End the running item and start the next one"),
        ),
        Binding(
            "b",
            "start_selected",
            _("This item"),
            show=True,
            tooltip=_("Start the selected item (also to go back)"),
        ),
        Binding("p", "toggle_break", _("Break"), show=True, tooltip=_("Start or end a break")),
        Binding(
            "a",
            "adopt_agenda",
            _("Adopted"),
            show=True,
            tooltip=_("Record that the agenda was adopted"),
        ),
        Binding(
            "h",
            "hamer",
            _("Hamer"),
            show=True,
            tooltip=_("Record that this formality was agreed without discussion"),
        ),
        Binding("n", "add_item", _("New"), show=True, tooltip=_("Add an agenda item")),
        Binding("e", "edit_item", _("Edit"), show=True, tooltip=_("Change the selected item")),
        Binding(
            "delete",
            "delete_item",
            _("Delete"),
            show=True,
            tooltip=_("Delete the selected item after confirmation"),
        ),
        Binding("shift+up", "move(-1)", _("Up"), show=False, tooltip=_("Move the item up")),
        Binding("shift+down", "move(1)", _("Down"), show=False, tooltip=_("Move the item down")),
        Binding("u,ctrl+z", "undo", _("Undo"), show=True, tooltip=_("Take back the last change")),
        *RECORD_BINDINGS,
        Binding(
            "x",
            "close_meeting",
            _("Close"),
            show=True,
            tooltip=_("Close the meeting after confirmation"),
        ),
        *NAVIGATION_BINDINGS,
    ]

    def __init__(self, store: Store, meeting_id: int) -> None:
        super().__init__(store, meeting_id)
        self.state: AgendaState | None = None
        self.undo_stack: list[_Undo] = []
        #: The item whose notes are in the editor, and the text last saved for it.
        self._notes_item: int | None = None
        self._notes_saved = ""
        self._notes_autosave = AutoSave(
            self, self._save_notes, delay=NOTES_SAVE_DELAY, ceiling=NOTES_SAVE_CEILING
        )

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        yield Static(id="clock-line")
        with Horizontal(id="agenda-body"):
            yield DataTable(id="items", cursor_type="row", zebra_stripes=True)
            with Vertical(id="notes-pane"):
                yield Label(_("Notes"), id="notes-title")
                yield TextArea(id="notes", soft_wrap=True)
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = _("Agenda")
        table = self.query_one("#items", DataTable)
        # Widths chosen so table and notes fit 120 columns side by side; the state columns
        # come right after the title, so at 80 columns the running item's sign and time show.
        # The keys are COLUMNS, in that order.
        table.add_column("#", key="number", width=2)
        table.add_column(_("Item"), key="title", width=22)
        table.add_column(_("State"), key="state", width=17)
        table.add_column(_("Elapsed"), key="elapsed", width=10)
        table.add_column(_("Planned"), key="planned", width=7)
        table.add_column(_("Purpose"), key="purpose", width=max(len(label(p)) for p in Purpose))
        if self.load_meeting() is None:
            return
        self._reload()
        table.focus()
        # Redraw the clock every second; the times come from the stored timestamps.
        self.set_interval(1.0, self._tick)

    # --------------------------------------------------------------- reading

    def follow_changes(self) -> None:
        self._reload()

    def _reload(self, select_id: int | None = None) -> None:
        try:
            state = self.store.agenda_state(self.meeting_id)
        except BazError as error:
            self.query_one(StatusLine).show_error(error.message)
            return
        self._show_state(state, select_id)

    def _show_state(self, state: AgendaState, select_id: int | None = None) -> None:
        """Draw a state the Store returned (after a read or an action)."""
        self.state = state
        self.meeting = self.state.meeting
        self.show_meeting(self.state.meeting)
        self._fill(select_id)
        self._tick()
        self.update_keys()

    def _fill(self, select_id: int | None) -> None:
        assert self.state is not None
        table = self.query_one("#items", DataTable)
        keep = select_id if select_id is not None else self._selected_id()
        rows = [(str(item.id), self._row(item)) for item in self.state.items]
        rebuilt = sync_rows(table, COLUMNS, rows)
        ids = [i.id for i in self.state.items]
        if keep in ids:
            if rebuilt or select_id is not None:
                table.move_cursor(row=ids.index(keep))
        elif self.state.running_item_id in ids:
            table.move_cursor(row=ids.index(self.state.running_item_id))
        self._show_notes()

    def _now(self) -> datetime:
        return self.store.now()

    def _elapsed(self, item: AgendaItemInfo) -> int:
        assert self.state is not None
        return self.state.elapsed_seconds(item, self._now())

    def _row(self, item: AgendaItemInfo) -> tuple[Text, ...]:
        assert self.state is not None
        running = item.id == self.state.running_item_id
        elapsed = self._elapsed(item)
        overrun = timing.overrun_seconds(item.planned_minutes, elapsed)
        elapsed_text = Text(timing.format_duration(elapsed) if (running or item.started_at) else "")
        if running:
            state = Text("▶ " + (_("BREAK") if self.state.on_break else _("RUNNING")), style="bold")
        elif item.hamered_at is not None:
            state = Text("⚒ " + _("agreed"))
        elif item.ended_at is not None:
            state = Text("✔ " + _("done"))
        elif item.hamerstuk:
            state = Text("⚒ " + _("formality"))
        else:
            state = Text("")
        if overrun:
            # Over time: a sign and the minutes, in the warning style — never colour alone.
            elapsed_text.stylize("bold reverse")
            state.append(" ⚠ " + timing.format_overrun(overrun), style="bold")
        title = Text(item.title, style="bold" if running else "")
        return (
            Text(str(item.number), style="bold" if running else ""),
            title,
            state,
            elapsed_text,
            Text(_("{n} min").format(n=item.planned_minutes)),
            Text(label(item.purpose)),
        )

    def _tick(self) -> None:
        """Once a second: the running item's time and the meeting's clock line."""
        if self.state is None:
            return
        table = self.query_one("#items", DataTable)
        running = self.state.running_item if self.state else None
        if running is not None:
            cells = self._row(running)
            table.update_cell(str(running.id), "state", cells[2])
            table.update_cell(str(running.id), "elapsed", cells[3])
        show(self.query_one("#clock-line", Static), self._clock_text())

    def _clock_text(self) -> Text:
        from models.formatting import format_time

        assert self.state is not None
        meeting = self.state.meeting
        now = self._now()
        total = self.state.planned_minutes_total
        planned_end = timing.planned_end(meeting.date, meeting.start_time, total)
        text = Text()
        text.append(
            _("Planned {total}, until {time}").format(
                total=_duration(total), time=format_time(planned_end)
            )
        )
        if meeting.scheduled_end_time is not None and timing.runs_past_scheduled_end(
            planned_end, meeting.date, meeting.start_time, meeting.scheduled_end_time
        ):
            text.append(
                "  ⚠ "
                + _("later than the scheduled end {time}").format(
                    time=format_time(meeting.scheduled_end_time)
                ),
                style="bold reverse",
            )
        text.append("  │  ")
        if meeting.status is MeetingStatus.LOPEND:
            projected = timing.projected_end(now, self.state.timings(now), self.state.on_break)
            text.append(
                _("now {now} · expected end {time}").format(
                    now=format_time(now), time=format_time(projected)
                ),
                style="bold",
            )
            if self.state.on_break:
                text.append("  ☕ " + _("break"), style="bold reverse")
        elif meeting.status is MeetingStatus.GESLOTEN:
            text.append("■ " + _("closed"))
            if meeting.actual_end is not None:
                text.append(" " + format_time(meeting.actual_end))
        else:
            text.append(_("not started (S starts)"))
        text.append("  │  ")
        if meeting.agenda_adopted_at is not None:
            text.append(
                "✔ "
                + _("agenda adopted {time}").format(time=format_time(meeting.agenda_adopted_at))
            )
        else:
            text.append("· " + _("agenda not yet adopted"))
        return text

    def _selected_id(self) -> int | None:
        table = self.query_one("#items", DataTable)
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
        area = self.query_one("#notes", TextArea)
        title = self.query_one("#notes-title", Label)
        if item is None:
            self._notes_item = None
            area.load_text("")
            area.disabled = True
            title.update(_("Notes"))
            return
        area.disabled = False
        self._notes_item = item.id
        self._notes_saved = item.notes
        if area.text != item.notes:
            area.load_text(item.notes)
            # Continue where the notes end, like a note-taker picking up the pen.
            area.move_cursor(area.document.end)
        # Text, not markup: the title is what a person typed ("[/bold]" must not be a tag).
        title.update(
            Text(_("Notes — {number}. {title}").format(number=item.number, title=item.title))
        )

    def _save_notes(self) -> None:
        """Store the notes in the editor if they changed; errors go to the status line."""
        self._notes_autosave.cancel()  # saved now, whoever asked
        if self._notes_item is None:
            return
        text = self.query_one("#notes", TextArea).text
        if text == self._notes_saved:
            return
        try:
            saved = self.store.save_notes(self._notes_item, text)
        except BazError as error:
            self.query_one(StatusLine).show_error(error.message)
            return
        self._notes_saved = saved.notes
        if self.state is not None:
            self.state = self.state.with_item(saved)

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self) -> None:
        # Saved NOTES_SAVE_DELAY after the last key, and at least every NOTES_SAVE_CEILING
        # seconds while the typing goes on (a crash loses at most the last two seconds).
        self._notes_autosave.changed()

    @on(DataTable.RowHighlighted, "#items")
    def _row_moved(self) -> None:
        if self._notes_item != self._selected_id():
            self._show_notes()
        self.update_keys()

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        # Escape in the notes goes back to the agenda; it must not leave the meeting while
        # someone is typing.
        if event.key == "escape" and self.query_one("#notes", TextArea).has_focus:
            self.query_one("#items", DataTable).focus()
            event.stop()
            event.prevent_default()

    def on_descendant_blur(self) -> None:
        self._save_notes()

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
            return True if self.undo_stack else False
        return super().check_action(action, parameters)

    def _act(self, call, done: str | None = None) -> bool:  # type: ignore[no-untyped-def]
        """Run one Store action; show its refusal or ``done``; show the agenda after it (the
        state the action returned, or read again). True when it worked."""
        self._save_notes()
        status = self.query_one(StatusLine)
        try:
            result = call()
        except ChangedMeanwhileError as error:
            self._reload()  # another laptop changed the agenda: show it as it is now
            status.show_error(error.message)
            return False
        except BazError as error:
            status.show_error(error.message)
            return False
        if isinstance(result, AgendaState):
            self._show_state(result)
        else:
            self._reload()
        if done:
            status.show_info(done)
        return True

    def action_start_meeting(self) -> None:
        self._act(lambda: self.store.start_meeting(self.meeting_id), _("The meeting has started."))

    def action_next_item(self) -> None:
        # What the chair sees running is what V ends: refused when another laptop moved on.
        seen = self.state.running_item_id if self.state is not None else None
        if self._act(lambda: self.store.next_item(self.meeting_id, seen_running=seen)):
            running = self.state.running_item if self.state else None
            if running is not None:
                self._select(running.id)
                self.query_one(StatusLine).show_info(
                    _("Now: {number}. {title}").format(number=running.number, title=running.title)
                )

    def action_start_selected(self) -> None:
        item = self.selected
        if item is None:
            return
        if self._act(lambda: self.store.start_item(item.id)):
            self.query_one(StatusLine).show_info(
                _("Now: {number}. {title}").format(number=item.number, title=item.title)
            )

    def action_toggle_break(self) -> None:
        assert self.state is not None
        if self.state.on_break:
            self._act(lambda: self.store.end_break(self.meeting_id), _("The break is over."))
        else:
            self._act(
                lambda: self.store.start_break(self.meeting_id),
                _("Break — the clock of the item stands still. P ends the break."),
            )

    def action_adopt_agenda(self) -> None:
        self._act(lambda: self.store.adopt_agenda(self.meeting_id), _("Agenda adopted."))

    def action_hamer(self) -> None:
        item = self.selected
        if item is not None:
            self._act(
                lambda: self.store.hamer_item(item.id),
                _("Agreed without discussion: {title}.").format(title=item.title),
            )

    def action_close_meeting(self) -> None:
        from screens.widgets.confirm import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                self._act(lambda: self.store.close_meeting(self.meeting_id), _("Meeting closed."))

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

    def _select(self, item_id: int) -> None:
        assert self.state is not None
        ids = [i.id for i in self.state.items]
        if item_id in ids:
            self.query_one("#items", DataTable).move_cursor(row=ids.index(item_id))

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

    def _parsed(self, values: dict[str, str]) -> dict[str, object]:
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
                purpose=fields["purpose"],  # type: ignore[arg-type]
                planned_minutes=int(fields["planned_minutes"]),  # type: ignore[call-overload]
                position=position,
            )
            return self.store.update_agenda_item(
                added.id,
                hamerstuk=bool(fields["hamerstuk"]),
                speaking_limit_seconds=int(fields["speaking_limit_seconds"]),  # type: ignore[call-overload]
            )

        def after(item: AgendaItemInfo | None) -> None:
            if item is not None:
                self.undo_stack.append(_Undo("add", item))
                self._reload(item.id)
                self.query_one(StatusLine).show_info(
                    _("Added: {number}. {title}").format(number=item.number, title=item.title)
                )

        self.app.push_screen(FormDialog(_("New agenda item"), self._item_fields(None), save), after)

    def action_edit_item(self) -> None:
        item = self.selected
        if item is None:
            return

        def save(values: dict[str, str]) -> AgendaItemInfo:
            return self.store.update_agenda_item(item.id, **self._parsed(values))  # type: ignore[arg-type]

        def after(updated: AgendaItemInfo | None) -> None:
            if updated is not None:
                self.undo_stack.append(_Undo("edit", item, after=updated))
                self._reload(updated.id)
                self.query_one(StatusLine).show_info(
                    _("Saved: {title}.").format(title=updated.title)
                )

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
            if yes and self._act(lambda: self.store.delete_agenda_item(item.id)):
                self.undo_stack.append(_Undo("delete", item))
                self.query_one(StatusLine).show_info(
                    _("Deleted: {title} (U takes it back).").format(title=item.title)
                )

        question = _("Delete agenda item {number}. {title}, with its notes?").format(
            number=item.number, title=item.title
        )
        self.app.push_screen(ConfirmDialog(question, _("Yes, delete")), answer)

    def action_move(self, delta: int) -> None:
        item = self.selected
        if item is None:
            return
        if self._act(lambda: self.store.move_agenda_item(item.id, delta)):
            self.undo_stack.append(_Undo("move", item, delta))
            self._select(item.id)

    def action_undo(self) -> None:
        if not self.undo_stack:
            return
        step = self.undo_stack.pop()
        before = step.before

        def undo() -> None:
            if step.kind == "add":
                self.store.delete_agenda_item(before.id, if_untouched=True)
            elif step.kind == "edit":
                self.store.update_agenda_item(
                    before.id,
                    title=before.title,
                    purpose=before.purpose,
                    planned_minutes=before.planned_minutes,
                    speaking_limit_seconds=before.speaking_limit_seconds,
                    hamerstuk=before.hamerstuk,
                    expected=step.after,
                )
            elif step.kind == "move":
                self.store.move_agenda_item(before.id, -step.delta)
            else:  # "delete": the item comes back in its place, with its notes
                restored = self.store.add_agenda_item(
                    self.meeting_id,
                    before.title,
                    purpose=before.purpose,
                    planned_minutes=before.planned_minutes,
                    position=before.position,
                    notes=before.notes,
                )
                self.store.update_agenda_item(
                    restored.id,
                    hamerstuk=before.hamerstuk,
                    speaking_limit_seconds=before.speaking_limit_seconds,
                )

        if self._act(undo, _("Undone.")):
            self._select_position(before.position)

    def _select_position(self, position: int) -> None:
        if self.state is not None and 0 <= position < len(self.state.items):
            self.query_one("#items", DataTable).move_cursor(row=position)

    def action_new_decision(self) -> None:
        from screens.minutes_forms import open_decision_form

        item = self.selected

        def done(info) -> None:  # type: ignore[no-untyped-def]
            if info is not None:
                self.query_one(StatusLine).show_info(
                    _("Decision {label} recorded.").format(label=info.label)
                )

        open_decision_form(
            self, self.store, self.meeting_id, done, item_id=item.id if item else None
        )

    def action_new_action(self) -> None:
        from screens.minutes_forms import open_action_form

        item = self.selected

        def done(info) -> None:  # type: ignore[no-untyped-def]
            if info is not None:
                self.query_one(StatusLine).show_info(
                    _("Action point {label} recorded.").format(label=info.label)
                )

        open_action_form(self, self.store, self.meeting_id, done, item_id=item.id if item else None)
