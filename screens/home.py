"""The meeting list: where the app opens, and where meetings are created, copied and removed."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from models.i18n import _
from screens.acting import ActingScreen
from screens.widgets.key_bar import KeyBar
from screens.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from models.database import Database
    from models.files.meeting_file import LoadedMeeting
    from models.records.meeting import MeetingInfo, MeetingSummary
    from models.store import Store
    from screens.file_work import LoadOutcome
    from screens.widgets.form_dialog import FormDialog

# Dialogs, the domain enumerations and Babel are imported where they are first used: the
# home screen is the first frame of the app, and every import before it delays that frame.

#: The meetings of the list, newest first, and their rows as the table shows them.
MeetingList = tuple[list["MeetingSummary"], list[tuple[Text, ...]]]


def read_meeting_list(database: Database) -> MeetingList:
    """Read the list and lay out its rows (SQLAlchemy Core and Babel, no ORM): work for a
    thread, so it touches no widget."""
    meetings = database.list_meetings()
    return meetings, [_row(m) for m in meetings]


class MeetingTable(DataTable[Text]):
    """The meeting list; its Enter is shown in the Footer as "Open"."""

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        Binding(
            "enter",
            "select_cursor",
            _("Open"),
            show=True,
            tooltip=_("Open the selected meeting"),
            id="home.open_meeting",
        ),
    ]


class HomeScreen(ActingScreen[None]):
    """Meetings, newest first. The app opens the database after the first frame is drawn, and
    hands this screen the list (:meth:`show_meetings`), then the Store (:meth:`store_ready`)."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    HELP_TITLE = _("Meetings")
    HELP_INTRO = _(
        "The list of meetings in this database, newest first. Choose one with the arrow keys "
        "and press Enter to open it, or press N to prepare a new meeting."
    )

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        Binding(
            "n",
            "new_meeting",
            _("New"),
            show=True,
            tooltip=_("Prepare a new meeting"),
            id="home.new_meeting",
        ),
        Binding(
            "c",
            "copy_meeting",
            _("Copy"),
            show=True,
            tooltip=_("A new meeting with the agenda and attendees of the selected one"),
            id="home.copy_meeting",
        ),
        Binding(
            "e",
            "edit_meeting",
            _("Edit"),
            show=True,
            tooltip=_("Change title, date, place"),
            id="home.edit_meeting",
        ),
        Binding(
            "delete,d",
            "delete_meeting",
            _("Delete"),
            show=True,
            tooltip=_("Remove the selected meeting after confirmation"),
            id="home.delete_meeting",
        ),
        Binding(
            "x",
            "export_file",
            _("To file"),
            show=True,
            tooltip=_("Write the selected meeting to a meeting file, to take to another laptop"),
            id="home.write_meeting_file",
        ),
        Binding(
            "i",
            "import_file",
            _("From file"),
            show=True,
            tooltip=_("Load a meeting file (made with X or “baz dump”) into this database"),
            id="home.load_meeting_file",
        ),
    ]

    def __init__(self, start_meeting: int | None = None) -> None:
        super().__init__()
        self._start_meeting = start_meeting
        #: A meeting chosen before the Store was ready; opened as soon as it is.
        self._open_when_ready: int | None = None
        self.store: Store | None = None
        self.meetings: list[MeetingSummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("Opening the database…"), id="home-intro")
        yield MeetingTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield StatusLine(id="status")
        yield KeyBar()  # issue #23 part B: every key visible (was Textual's Footer)

    def on_mount(self) -> None:
        self.title = _("BaZ — Residents in charge")
        self.sub_title = _("Meetings")
        table = self.query_one("#meetings", DataTable)
        table.add_column(_("Date"), key="date")
        table.add_column(_("Time"), key="time")
        table.add_column(_("Title"), key="title")
        # Status before process: at 80 columns the last column is the one that gets cut.
        table.add_column(_("Status"), key="status")
        table.add_column(_("Process"), key="process")

    def show_meetings(self, listed: MeetingList) -> None:
        """The list, read before the Store is ready (Enter on a meeting waits for it)."""
        self.meetings, rows = listed
        self._fill(rows)
        self.query_one("#meetings", DataTable).focus()

    def store_ready(self, store: Store) -> None:
        """The app's Store is loaded: every key works now."""
        self.store = store
        self.refresh_bindings()
        ids = [m.id for m in self.meetings]
        if self._start_meeting in ids:
            self.query_one("#meetings", DataTable).move_cursor(row=ids.index(self._start_meeting))
            self._start_meeting = None
            self.action_open_meeting()
        elif self._open_when_ready is not None:
            # Enter was pressed while the Store was still loading: do what was asked.
            self._open_meeting(self._open_when_ready)
            self._open_when_ready = None

    def _fill(self, rows: list[tuple[Text, ...]], select_id: int | None = None) -> None:
        table = self.query_one("#meetings", DataTable)
        table.clear()
        for meeting, row in zip(self.meetings, rows, strict=True):
            table.add_row(*row, key=str(meeting.id))
        intro = self.query_one("#home-intro", Static)
        if self.meetings:
            intro.update(_("Choose a meeting and press Enter, or press N for a new one."))
        else:
            intro.update(_("No meetings yet. Press N to prepare the first one."))
        if select_id is not None:
            ids = [m.id for m in self.meetings]
            if select_id in ids:
                table.move_cursor(row=ids.index(select_id))

    def reload(self, select_id: int | None = None) -> None:
        """Read the list again after a change (one query; the list is small)."""
        assert self.store is not None
        self.meetings = self.store.list_meetings()
        self._fill([_row(m) for m in self.meetings], select_id)
        self.refresh_bindings()

    def on_screen_resume(self) -> None:
        if self.store is not None:
            selected = self.selected
            self.reload(selected.id if selected else None)

    @property
    def selected(self) -> MeetingSummary | None:
        table = self.query_one("#meetings", DataTable)
        if not self.meetings or table.cursor_row < 0 or table.cursor_row >= len(self.meetings):
            return None
        return self.meetings[table.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys stay dimmed for the moment between the list appearing and the Store being ready.
        if action == "open_meeting":
            return True if self.selected is not None else None
        if action in ("copy_meeting", "edit_meeting", "delete_meeting"):
            return True if self.selected is not None and self.store is not None else None
        if action in ("new_meeting", "import_file"):
            return True if self.store is not None else None
        if action == "export_file":
            return True if self.selected is not None and self.store is not None else None
        return True

    @on(DataTable.RowSelected, "#meetings")
    def _row_chosen(self) -> None:
        self.action_open_meeting()

    def action_open_meeting(self) -> None:
        meeting = self.selected
        if meeting is None:
            return
        if self.store is None:
            self._open_when_ready = meeting.id
            return
        self._open_meeting(meeting.id)

    def _open_meeting(self, meeting_id: int) -> None:
        """A running meeting opens on its agenda, where the chair left it; one still to come
        (or over) at the door, on the attendance list."""
        from models.domain import MeetingStatus
        from screens.meeting_screens import MeetingScreens

        assert self.store is not None
        store = self.store
        # Read now, not from the list: another laptop may have started it meanwhile.
        meeting = self.read(lambda: store.get_meeting(meeting_id))
        if meeting is None:
            return
        status = meeting.status
        first = "agenda" if status is MeetingStatus.LOPEND else "attendance"
        self.app.push_screen(MeetingScreens(self.app, self.store, meeting_id).screen(first))

    def action_new_meeting(self) -> None:
        if self.store is None:
            return
        from screens.meeting_form import meeting_fields, save_new_meeting
        from screens.widgets.form_dialog import FormDialog

        store = self.store
        dialog: FormDialog[MeetingInfo] = FormDialog(
            _("New meeting"),
            meeting_fields(store.list_processes(), None),
            lambda values: save_new_meeting(store, values),
        )
        self.app.push_screen(dialog, self._after_change)

    def action_edit_meeting(self) -> None:
        selected = self.selected
        if selected is None or self.store is None:
            return
        from screens.meeting_form import meeting_fields, save_meeting_changes
        from screens.widgets.form_dialog import FormDialog

        store = self.store
        meeting = self.read(lambda: store.get_meeting(selected.id))
        if meeting is None:
            return
        dialog: FormDialog[MeetingInfo] = FormDialog(
            _("Edit meeting"),
            meeting_fields(store.list_processes(), meeting),
            lambda values: save_meeting_changes(store, meeting.id, values),
        )
        self.app.push_screen(dialog, self._after_change)

    def action_copy_meeting(self) -> None:
        selected = self.selected
        if selected is None or self.store is None:
            return
        from screens.meeting_form import copy_fields, save_copy
        from screens.widgets.form_dialog import FormDialog

        store = self.store
        dialog: FormDialog[MeetingInfo] = FormDialog(
            _("Copy “{title}” into a new meeting").format(title=selected.title),
            copy_fields(selected),
            lambda values: save_copy(store, selected.id, values),
        )
        self.app.push_screen(dialog, self._after_change)

    def _after_change(self, meeting: MeetingInfo | None) -> None:
        if meeting is None:
            return
        self.reload(meeting.id)
        self.status_line.show_info(_("Saved: {title}.").format(title=meeting.title))

    def action_delete_meeting(self) -> None:
        selected = self.selected
        if selected is None:
            return
        from screens.widgets.confirm import ConfirmDialog

        question = _(
            "Delete the meeting “{title}” of {date}? Everything recorded in it — attendance, "
            "agenda, notes, votes — is removed for good."
        ).format(title=selected.title, date=_row(selected)[0].plain)

        def answer(yes: bool | None) -> None:
            if yes:
                self._delete(selected)

        self.app.push_screen(ConfirmDialog(question, _("Yes, delete")), answer)

    def _delete(self, meeting: MeetingSummary) -> None:
        store = self.store
        assert store is not None
        self.act(
            lambda: store.delete_meeting(meeting.id),
            _("Deleted: {title}.").format(title=meeting.title),
            show=lambda _none: self.reload(),
        )

    # ------------------------------------------------------------ meeting files

    def action_export_file(self) -> None:
        selected = self.selected
        if selected is None or self.store is None:
            return
        from models.files import documents_folder
        from models.files.meeting_file import SUFFIX, default_file_name
        from screens.file_work import write_meeting_file
        from screens.widgets.path_dialog import PathDialog

        store = self.store
        default = documents_folder() / default_file_name(selected.title, selected.date)
        dialog: PathDialog[Path] = PathDialog(
            _("Write “{title}” to a meeting file").format(title=selected.title),
            str(default),
            lambda path: write_meeting_file(store, selected.id, path),
            suffixes=(SUFFIX,),
            hint=_(
                "Everything recorded in the meeting goes into the file. Load it on another "
                "laptop with I on this screen, or with “baz load”."
            ),
            busy=_("Writing the meeting file…"),
            ok_label=_("Write"),
            replace=lambda path: write_meeting_file(
                store, selected.id, path, replace_read_only=True
            ),
        )

        def written(path: Path | None) -> None:
            if path is not None:
                self.status_line.show_info(_("Meeting file written: {path}").format(path=path))

        self.app.push_screen(dialog, written)

    def action_import_file(self) -> None:
        if self.store is None:
            return
        from models.files import documents_folder, newest_file
        from models.files.meeting_file import SUFFIX
        from screens.file_work import load_meeting_file
        from screens.widgets.path_dialog import PathDialog

        store = self.store
        folder = documents_folder()
        newest = newest_file(folder, (SUFFIX,))
        dialog: PathDialog[LoadOutcome] = PathDialog(
            _("Load a meeting file into this database"),
            str(newest) if newest else str(folder) + os.sep,
            lambda path: load_meeting_file(store, path),
            suffixes=(SUFFIX,),
            hint=_(
                "The meeting gets a new number here. A file with a problem is refused whole, "
                "and nothing is loaded."
            ),
            busy=_("Reading the meeting file…"),
            ok_label=_("Load"),
        )
        self.app.push_screen(dialog, self._after_load)

    def _after_load(self, outcome: LoadOutcome | None) -> None:
        if outcome is None:
            return
        if outcome.loaded is not None:
            self._loaded(outcome.loaded)
            return
        from screens.widgets.confirm import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                self.status_line.show_hint("⏳ " + _("Loading the meeting file…"))
                self._load_copy(outcome)

        question = outcome.duplicate + "\n\n" + _("Load it as a copy, next to the one here?")
        self.app.push_screen(ConfirmDialog(question, _("Yes, load a copy")), answer)

    @work(exclusive=True, group="meeting-file")
    async def _load_copy(self, outcome: LoadOutcome) -> None:
        # The Store writes in a thread; a refusal is shown by the app's one handler.
        assert self.store is not None
        loaded = await asyncio.to_thread(self.store.load_meeting, outcome.data, as_copy=True)
        self._loaded(loaded)

    def _loaded(self, loaded: LoadedMeeting) -> None:
        self.reload(loaded.meeting_id)
        self.status_line.show_info(
            _("Loaded: {title} (number {id}).").format(title=loaded.title, id=loaded.meeting_id)
        )
        if loaded.notes:
            # About the process it joined: longer than the status line, and worth reading.
            # Not markup: the notes name the process as someone typed it ("[/bold]" is text).
            self.notify(" ".join(loaded.notes), timeout=12, markup=False)


def _row(meeting: MeetingSummary) -> tuple[Text, ...]:
    from models.domain import label
    from models.rules.formatting import format_date, format_time

    return (
        Text(format_date(meeting.date)),
        Text(format_time(meeting.start_time)),
        Text(meeting.title),
        Text(label(meeting.status)),
        Text(meeting.process_title or "—"),
    )
