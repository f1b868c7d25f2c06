"""Minutes (F6): decisions, action points, the live preview, approval and the Word export.

The preview is the minutes exactly as exported (``models.minutes``), refreshed after each
change; the list beside it holds what the note-taker edits: this meeting's decisions and the
actielijst, with the open action points of earlier meetings of the process.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label, Static

from models.domain import ActionStatus, MinutesStatus, label
from models.errors import BazError
from models.i18n import _
from screens.acting import UndoStep
from screens.meeting_base import NAVIGATION_BINDINGS, MeetingScreen
from screens.minutes_forms import RECORD_BINDINGS
from screens.widgets.key_bar import KeyBar
from screens.widgets.quiet import show
from screens.widgets.rendered_text import RenderedText, render_strips
from screens.widgets.row_list import RowList
from screens.widgets.status_line import StatusLine
from screens.widgets.steady import show_steady

if TYPE_CHECKING:
    from textual import events
    from textual.strip import Strip
    from textual.timer import Timer

    from models.records.meeting import MeetingInfo
    from models.records.minutes import ActionInfo, DecisionInfo
    from models.store import Store

    #: A line of the list: a decision or an action point, its kind said first.
    Record = tuple[Literal["decision"], DecisionInfo] | tuple[Literal["action"], ActionInfo]

#: Waiting this long after a change before the preview is rebuilt keeps keys instant.
PREVIEW_DELAY = 0.3

#: A sign per action status, so the state never depends on colour alone.
ACTION_SIGNS = {ActionStatus.OPEN: "○", ActionStatus.GEDAAN: "✔", ActionStatus.VERVALLEN: "✗"}


def detail_text(row: Record | None) -> Text:
    """A line of the list in full: the decision with its item, or the action point with who
    does it, when, and its state (what the columns may have cut or left out)."""
    from models.rules.formatting import format_date

    if row is None:
        return Text()
    text = Text()
    if row[0] == "decision":
        decision = row[1]
        text.append(decision.label, style="bold")
        if decision.item_number:
            text.append(
                " · "
                + _("item {number}").format(number=decision.item_number)
                + f" {decision.item_title}"
            )
        text.append("\n" + decision.text)
        return text
    action = row[1]
    text.append(action.label or "A", style="bold")
    parts = [action.who or "—"]
    if action.due:
        parts.append(format_date(action.due))
    parts.append(f"{ACTION_SIGNS[action.status]} {label(action.status)}")
    text.append(" · " + " · ".join(parts))
    text.append("\n" + action.what)
    return text


class MinutesScreen(MeetingScreen):
    """What was decided and who does what, with the minutes as they will be sent."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    SCREEN_NAME = "minutes"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    HELP_TITLE = _("Minutes")
    HELP_INTRO = _(
        "D records a decision and T an action point (also on the agenda screen). The list holds "
        "this meeting's decisions and the actielijst, with the open action points of earlier "
        "meetings of the process: G marks the selected one done, X dropped (again: open). "
        "The preview shows the minutes as they will be exported. W writes the Word document "
        "(internal with names, or public with names only as people agreed: the public one "
        "shows first what it replaces and what it doubts, to accept or change); it asks where "
        "(the folder of last time, at first Documents/BaZ) and uses the house style of the "
        "process (F8) or the default one. A approves the minutes of the previous meeting with "
        "a date."
    )

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        *RECORD_BINDINGS,
        Binding(
            "e,enter",
            "edit",
            _("Edit"),
            show=True,
            tooltip=_("Change the selected line"),
            id="minutes.edit",
        ),
        Binding(
            "g",
            "set_status('gedaan')",
            _("Done"),
            show=True,
            tooltip=_("Mark the selected action point done (again: open)"),
            id="minutes.mark_done",
        ),
        Binding(
            "x",
            "set_status('vervallen')",
            _("Dropped"),
            show=False,
            tooltip=_("Mark the selected action point dropped (again: open)"),
            id="minutes.mark_dropped",
        ),
        Binding(
            "delete",
            "delete",
            _("Delete"),
            show=True,
            tooltip=_("Delete the selected line"),
            id="minutes.delete",
        ),
        Binding(
            "u,ctrl+z",
            "undo",
            _("Undo"),
            show=True,
            tooltip=_("Bring back what was deleted"),
            id="minutes.undo",
        ),
        Binding(
            "w",
            "export",
            _("Word"),
            show=True,
            tooltip=_("Write the minutes as a Word file"),
            id="minutes.write_word",
        ),
        Binding(
            "tab",
            "read_preview",
            _("Preview"),
            show=True,
            tooltip=_("Read the minutes as they will be sent (Tab or Esc: back to the list)"),
            id="minutes.read_preview",
        ),
        Binding(
            "a",
            "approve_previous",
            _("Approve previous"),
            show=False,
            tooltip=_("Approve the minutes of the previous meeting of this process"),
            id="minutes.approve_previous",
        ),
        *NAVIGATION_BINDINGS,
    ]

    def __init__(self, store: Store, meeting_id: int) -> None:
        super().__init__(store, meeting_id)
        #: The rows of the list, in order: ("decision", info) or ("action", info).
        self.rows: list[Record] = []
        self._preview_timer: Timer | None = None
        #: The text and width the preview shows (laid out again only when one changes).
        self._preview_shown: tuple[str, int] | None = None

    def compose(self) -> ComposeResult:
        # The decisions and action points get the width: "What" takes the room the list has,
        # "When" and then "Who" are left out before it is cut, the selected line is shown in
        # full below the list, and the preview gives way (narrower beside the list; below it,
        # on a narrow screen, only while it is read: Tab).
        self._records: RowList[Record] = RowList(
            [
                (_("No."), 11),
                (_("What"), 30),
                (_("Who"), 14),
                (_("When"), 10),
                (_("Status"), 11),
            ],
            self._cells,
            shrink=(1,),
            grow=1,
            optional=(2, 3),
            id="records",
        )
        self._detail = Static(id="record-detail")
        yield from self.compose_top()
        yield Static(id="minutes-line")
        with Horizontal(id="body"):
            with Vertical(id="records-pane"):
                yield Label(_("Decisions and action points"), id="records-title")
                yield self._records
                yield self._detail
            yield RenderedText(id="preview")
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = _("Minutes")
        table = self._records
        meeting = self.load_meeting()
        if meeting is None:
            return
        self.show_meeting(meeting)
        self._reload()
        self._refresh_preview()
        table.focus()

    # --------------------------------------------------------------- reading

    def follow_changes(self) -> None:
        self._reload()

    def reopened(self) -> None:
        # Shown again: decisions may have been recorded on the agenda, notes typed there.
        super().reopened()
        self._refresh_preview()

    def _reload(self, select: tuple[str, int] | None = None) -> None:
        """Read the decisions and the actielijst; keep the cursor on ``select`` or the row."""
        table = self._records
        keep = select or self._selected_key()
        try:
            decisions = self.store.list_decisions(self.meeting_id)
            actions = self.store.action_list(self.meeting_id)
            meeting = self.store.get_meeting(self.meeting_id)
            previous = self.store.previous_meeting(self.meeting_id)
        except BazError as error:
            self.status_line.show_error(error.message)
            return
        self.meeting = meeting
        self._show_minutes_line(previous)
        self.rows = [("decision", d) for d in decisions] + [("action", a) for a in actions]
        table.show_items(self.rows)
        keys = [(kind, info.id) for kind, info in self.rows]
        if keep in keys:
            table.move_cursor(keys.index(keep))
        self._show_detail()
        self.update_keys()

    def _cells(self, index: int, row: Record) -> tuple[str, ...]:
        from models.rules.formatting import format_date

        if row[0] == "decision":
            decision = row[1]
            text = decision.text
            if decision.item_number:
                text = _("item {number}").format(number=decision.item_number) + " · " + text
            return (decision.label, text, "—", "—", "✔ " + _("decision"))
        action = row[1]
        # The number the action point keeps through the process (A-2026-03); ↪ marks one
        # that came from an earlier meeting.
        number = ("↪ " if action.carried_over else "") + (action.label or "A")
        return (
            number,
            action.what,
            action.who,
            format_date(action.due, "short") if action.due else "—",
            f"{ACTION_SIGNS[action.status]} {label(action.status)}",
        )

    def _show_detail(self) -> None:
        """The selected line in full under the list (a decision is a sentence or three)."""
        show_steady(self._detail, detail_text(self.selected))

    def _show_minutes_line(self, previous: MeetingInfo | None) -> None:
        from models.rules.formatting import format_date

        assert self.meeting is not None
        text = Text()
        text.append(_("These minutes: "), style="bold")
        if self.meeting.minutes_status is MinutesStatus.VASTGESTELD and (
            self.meeting.minutes_approved_on is not None
        ):
            text.append(
                "■ "
                + _("approved on {date}").format(date=format_date(self.meeting.minutes_approved_on))
            )
        else:
            text.append("□ " + _("DRAFT"))
        if previous is not None:
            text.append(
                "   │   " + _("Previous meeting ({date}): ").format(date=format_date(previous.date))
            )
            if previous.minutes_status is MinutesStatus.VASTGESTELD:
                text.append("■ " + _("approved"))
            else:
                text.append("□ " + _("draft — A approves"), style="bold")
        show(self.query_one("#minutes-line", Static), text)

    @on(events.ScreenSuspend)
    def _stop_preview(self) -> None:
        """Another screen is shown: a preview still to be built waits for this one's return
        (laid out meanwhile, it took the chair's next screen half a second of the machine)."""
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None

    def _refresh_preview(self) -> None:
        """Rebuild the preview soon (once, however many changes come in meanwhile)."""
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY, self._build_preview)

    def _build_preview(self) -> None:
        if not self.is_current:
            return  # left meanwhile: shown again, it is rebuilt (never laid out for nobody)
        preview = self.query_one("#preview", RenderedText)
        self._render_preview(max(preview.scrollable_content_region.width - 1, 20))

    @work(exclusive=True, group="preview")
    async def _render_preview(self, width: int) -> None:
        """Gather and lay out the minutes off the UI thread; only the result is shown (here, on
        the UI thread; a newer preview cancels this one). A refusal is shown by the app's one
        handler."""
        laid_out = await asyncio.to_thread(self._lay_out_preview, width)
        if laid_out is None:
            return  # the minutes read as they are shown
        text, strips = laid_out
        self.query_one("#preview", RenderedText).show_strips(strips, text)
        self._preview_shown = (text, width)

    def _lay_out_preview(self, width: int) -> tuple[str, list[Strip]] | None:
        """The minutes as text and as lines ``width`` wide, None when that is what the preview
        shows already: work for a thread (no widget). Laying the text out is most of the work
        (Rich's Markdown: 0.6 s for the big meeting, 2.4 s at 4×), and a screen shown again
        usually shows the same minutes."""
        from rich.markdown import Markdown

        from models.minutes import build_minutes, minutes_markdown

        text = minutes_markdown(build_minutes(self.store, self.meeting_id, public=False))
        if (text, width) == self._preview_shown:
            return None
        return text, render_strips(Markdown(text), width)

    def on_resize(self) -> None:
        # The preview is laid out for its width: again after the terminal changed size.
        if self.meeting is not None:
            self._refresh_preview()

    def _selected_key(self) -> tuple[str, int] | None:
        selected = self.selected
        return (selected[0], selected[1].id) if selected else None

    @property
    def selected(self) -> Record | None:
        row = self._records.cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    @on(RowList.Moved, "#records")
    def _highlighted(self) -> None:
        self._show_detail()
        self.update_keys()

    def action_read_preview(self) -> None:
        """Tab: to the preview, to scroll through it (on a narrow screen it opens below the
        list while it is read); Tab again, or Esc, back to the list."""
        preview = self.query_one("#preview", RenderedText)
        if preview.has_focus:
            self._records.focus()
            return
        self.add_class("-reading")
        self.set_focus(preview)  # at once: the keys typed next scroll it

    def on_descendant_focus(self) -> None:
        self.set_class(self.query_one("#preview", RenderedText).has_focus, "-reading")

    def on_descendant_blur(self) -> None:
        if not self.query_one("#preview", RenderedText).has_focus:
            self.remove_class("-reading")

    def on_key(self, event: events.Key) -> None:
        # Esc in the preview goes back to the list; it does not leave the meeting.
        if event.key == "escape" and self.query_one("#preview", RenderedText).has_focus:
            self._records.focus()
            event.stop()
            event.prevent_default()

    # ---------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        selected = self.selected
        if action in ("edit", "delete"):
            return True if selected is not None else None
        if action == "set_status":
            return True if selected is not None and selected[0] == "action" else None
        return super().check_action(action, parameters)

    def _changed(self, kind: str, info: DecisionInfo | ActionInfo | None, done: str) -> None:
        """After a form saved a decision or action point (None: the form was left)."""
        if info is None:
            return
        self._show_record(kind, info)
        self.status_line.show_info(done)

    def _show_record(self, kind: str, info: DecisionInfo | ActionInfo | None) -> None:
        """Show the list and the preview again, the cursor on ``info`` (None: where it was)."""
        self._reload(select=(kind, info.id) if info is not None else None)
        self._refresh_preview()

    def action_new_decision(self) -> None:
        from screens.minutes_forms import open_decision_form

        open_decision_form(
            self,
            self.store,
            self.meeting_id,
            lambda info: self._changed(
                "decision",
                info,
                _("Decision {label} recorded.").format(label=info.label) if info else "",
            ),
            item_id=self._running_item_id(),
        )

    def action_new_action(self) -> None:
        from screens.minutes_forms import open_action_form

        open_action_form(
            self,
            self.store,
            self.meeting_id,
            lambda info: self._changed(
                "action",
                info,
                _("Action point {label} recorded.").format(label=info.label) if info else "",
            ),
            item_id=self._running_item_id(),
        )

    def _running_item_id(self) -> int | None:
        try:
            return self.store.agenda_state(self.meeting_id).running_item_id
        except BazError:
            return None

    def action_edit(self) -> None:
        selected = self.selected
        if selected is None:
            return
        from screens.minutes_forms import open_action_form, open_decision_form

        if selected[0] == "decision":
            open_decision_form(
                self,
                self.store,
                self.meeting_id,
                lambda new: self._changed("decision", new, _("Saved.")),
                decision=selected[1],
            )
        else:
            open_action_form(
                self,
                self.store,
                self.meeting_id,
                lambda new: self._changed("action", new, _("Saved.")),
                action=selected[1],
            )

    def action_set_status(self, status: str) -> None:
        selected = self.selected
        if selected is None or selected[0] != "action":
            return
        action = selected[1]
        wanted = ActionStatus(status)
        new_status = ActionStatus.OPEN if action.status == wanted else wanted
        self.act(
            lambda: self.store.set_action_status(action.id, new_status, self.meeting_id),
            _("Action point: {status}.").format(status=label(new_status)),
            show=lambda info: self._show_record("action", info),
        )

    def action_delete(self) -> None:
        selected = self.selected
        if selected is None:
            return
        from screens.widgets.confirm import ConfirmDialog

        what = (
            _("decision {label}").format(label=selected[1].label)
            if selected[0] == "decision"
            else _("action point “{what}”").format(what=selected[1].what)
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            kind, record = selected

            def delete() -> Record:
                if kind == "decision":
                    return "decision", self.store.delete_decision(record.id)
                return "action", self.store.delete_action(record.id)

            self.act(
                delete,
                _("Deleted (U brings it back)."),
                show=lambda _gone: self._show_record(kind, None),
                undo=self._bring_back,
            )

        self.app.push_screen(
            ConfirmDialog(_("Delete {what}?").format(what=what), _("Delete")), answered
        )

    def _bring_back(self, gone: Record) -> UndoStep[DecisionInfo | ActionInfo]:
        """U brings a deleted decision or action point back, as it was."""

        def restore() -> DecisionInfo | ActionInfo:
            if gone[0] == "decision":
                return self.store.restore_decision(gone[1])
            return self.store.restore_action(gone[1])

        return UndoStep(restore, lambda back: self._show_record(gone[0], back))

    def action_approve_previous(self) -> None:
        try:
            previous = self.store.previous_meeting(self.meeting_id)
        except BazError as error:
            self.status_line.show_error(error.message)
            return
        if previous is None:
            self.status_line.show_error(_("There is no earlier meeting of this process."))
            return
        from models.rules.formatting import format_date
        from screens.widgets.form_dialog import FormDialog, FormField

        def save(values: dict[str, str]) -> object:
            return self.store.approve_minutes(previous.id, values["date"])

        def done(result: object) -> None:
            if result is not None:
                self._reload()
                self.status_line.show_info(
                    _("The minutes of {date} are approved.").format(date=format_date(previous.date))
                )

        today = self.meeting.date if self.meeting else previous.date
        self.app.push_screen(
            FormDialog(
                _("Approve the minutes of {title} ({date})").format(
                    title=previous.title, date=format_date(previous.date)
                ),
                [FormField("date", _("Approved on (dd-mm-yyyy)"), f"{today:%d-%m-%Y}")],
                save,
            ),
            done,
        )

    # ----------------------------------------------------------------- export

    def action_export(self) -> None:
        from screens.widgets.choice import ChoiceDialog

        def chosen(answer: str | None) -> None:
            if answer == "internal":
                self._start_export(public=False)
            elif answer == "public":
                self._review_public()

        self.app.push_screen(
            ChoiceDialog(
                _("Which version of the minutes?"),
                [
                    ("internal", "i", _("internal: with names (for the organisers)")),
                    ("public", "o", _("public: names only as people agreed")),
                ],
            ),
            chosen,
        )

    def _start_export(self, *, public: bool) -> None:
        self._export(public=public)

    def _review_public(self) -> None:
        """The public version is reviewed first: what it replaces and what it doubts."""
        from screens.public_review import PublicReviewScreen

        def reviewed(write: bool | None) -> None:
            if write:
                self._start_export(public=True)
            else:
                self.status_line.show_hint(_("The public version was not written."))

        self.app.push_screen(PublicReviewScreen(self.store, self.meeting_id), reviewed)

    class ExportRequested(Message):
        """The user asked for the Word file; the App asks where it goes and writes it (the
        export is not a screen's business: screens do not import ``baz_tui``), then calls
        ``export_finished``."""

        def __init__(self, screen: MinutesScreen, meeting_id: int, public: bool) -> None:
            super().__init__()
            self.screen = screen
            self.meeting_id = meeting_id
            self.public = public

    def _export(self, public: bool) -> None:
        self.post_message(self.ExportRequested(self, self.meeting_id, public))

    def export_finished(self, path: str | None, error: str | None) -> None:
        """Called by the App when the file is written (its path), could not be (the message
        why), or the user cancelled (neither)."""
        if not self.is_attached:
            return  # the chair went elsewhere meanwhile: the App's notification says it
        status = self.status_line
        if error is not None:
            status.show_error(error)
        elif path is None:
            status.show_hint(_("The minutes were not written."))
        else:
            status.show_info(_("Minutes written: {path}").format(path=path))
