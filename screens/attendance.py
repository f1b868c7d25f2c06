"""Attendance at the door: who is here, in one key per person, with the counts in view."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from models.domain import Consent, Presence, Role, default_consent, label
from models.i18n import _, ngettext
from models.records.meeting import AttendeeInfo
from models.rules.attendance import attendance_counts_of
from screens.acting import UndoStep
from screens.meeting_base import NAVIGATION_BINDINGS, MeetingScreen
from screens.widgets.confirm import ConfirmDialog
from screens.widgets.form_dialog import FormDialog, FormField
from screens.widgets.key_bar import KeyBar
from screens.widgets.row_list import RowList
from screens.widgets.status_line import StatusLine
from screens.widgets.steady import show_steady

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from enum import StrEnum

    from textual import events

    from models.files.csv_import import AttendeeImport
    from models.store import Store

#: A sign per presence, so the state never depends on colour alone.
PRESENCE_SIGNS = {
    Presence.AANWEZIG: "✔",
    Presence.AFWEZIG_MET_KENNISGEVING: "✉",
    Presence.AFWEZIG: "✘",
    Presence.ONBEKEND: "·",
}


PRESENCE_KEYS = Binding.Group(_("present · notice · absent"))

#: The consent choice "as usual for the role" in the add form.
AUTO_CONSENT = "auto"


def presence_cell(presence: Presence) -> str:
    return f"{PRESENCE_SIGNS[presence]} {label(presence)}"


def attendee_row(index: int, person: AttendeeInfo) -> tuple[str, str, str, str, str]:
    """A row of the list: name, role, presence (with its sign), consent, arrival time."""
    from models.rules.formatting import format_time

    return (
        person.name,
        label(person.role),
        presence_cell(person.presence),
        label(person.consent),
        format_time(person.arrived_at) if person.arrived_at else "",
    )


def counts_text(attendees: list[AttendeeInfo]) -> Text:
    """The always-visible counts line of the attendance screen."""
    counts = attendance_counts_of((a.role, a.presence, 1) for a in attendees)
    text = Text()
    text.append(_("Present: {n}").format(n=counts.present), style="bold")
    text.append(
        "  ("
        + _("residents {r} · professionals {p} · others {o}").format(
            r=counts.residents_present, p=counts.professionals_present, o=counts.others_present
        )
        + ")"
    )
    text.append("  │  " + _("absent with notice {n}").format(n=counts.absent_with_notice))
    text.append("  │  " + _("absent {n}").format(n=counts.absent))
    text.append("  │  " + _("not yet marked {n}").format(n=counts.unmarked))
    return text


def marked_text(person: AttendeeInfo) -> str:
    """The status line after a mark: who, what, since when, and how to take it back."""
    from models.rules.formatting import format_time

    if person.presence is Presence.AANWEZIG and person.arrived_at is not None:
        return _("{name}: {presence} (arrived {time}). U takes it back.").format(
            name=person.name, presence=label(person.presence), time=format_time(person.arrived_at)
        )
    return _("{name}: {presence}. U takes it back.").format(
        name=person.name, presence=label(person.presence)
    )


class AttendanceScreen(MeetingScreen):
    """The attendance list of one meeting (F7)."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    SCREEN_NAME = "attendance"
    HELP_TITLE = _("Attendance")
    HELP_INTRO = _(
        "Mark people as they come in: A present, K absent with notice, W absent. The cursor "
        "stays on the person you marked, and the line at the bottom names them: the next key "
        "never marks someone else by surprise. Type / and part of a name to jump to a person; "
        "Enter goes back to the list. N adds someone who is not on the list; the naming "
        "consent says how they appear in the public minutes."
    )

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        # One group in the Footer: "a k w present · notice · absent" fits 80 columns.
        Binding(
            "a",
            "mark('aanwezig')",
            _("Present"),
            show=True,
            id="attendance.present",
            tooltip=_("Mark the selected person present"),
            group=PRESENCE_KEYS,
        ),
        Binding(
            "k",
            "mark('afwezig_met_kennisgeving')",
            _("Notice"),
            show=True,
            id="attendance.notice",
            tooltip=_("Absent with notice"),
            group=PRESENCE_KEYS,
        ),
        Binding(
            "w",
            "mark('afwezig')",
            _("Absent"),
            show=True,
            id="attendance.absent",
            tooltip=_("Absent without notice"),
            group=PRESENCE_KEYS,
        ),
        Binding(
            "n",
            "add_attendee",
            _("Add"),
            show=True,
            tooltip=_("Add a person"),
            id="attendance.add_attendee",
        ),
        Binding(
            "i",
            "import_attendees",
            _("Import"),
            show=True,
            tooltip=_("Add the people of a CSV file (a list saved from a spreadsheet)"),
            id="attendance.import_attendees",
        ),
        Binding(
            "slash", "find", _("Find"), show=True, tooltip=_("Find a name"), id="attendance.find"
        ),
        Binding(
            "u,ctrl+z",
            "undo",
            _("Undo"),
            show=True,
            tooltip=_("Take back the last change"),
            id="attendance.undo",
        ),
        Binding(
            "e",
            "edit_attendee",
            _("Edit"),
            show=True,
            tooltip=_("Change name, role or naming consent"),
            id="attendance.edit_attendee",
        ),
        Binding(
            "delete",
            "remove_attendee",
            _("Remove"),
            show=True,
            tooltip=_("Remove the selected person after confirmation"),
            id="attendance.remove_attendee",
        ),
        *NAVIGATION_BINDINGS,
    ]

    def __init__(self, store: Store, meeting_id: int) -> None:
        super().__init__(store, meeting_id)
        self.attendees: dict[int, AttendeeInfo] = {}
        self.shown_ids: list[int] = []

    def compose(self) -> ComposeResult:
        # Fixed widths from the longest label in the UI language: a presence changed later
        # must not be cut off, and nothing wider than needed. The name takes the room there
        # is beyond that; at 80 columns the consent (set when someone is added, not at the
        # door) is left out before a name is cut.
        def widest(values: Iterable[StrEnum]) -> int:
            return max(len(label(v)) for v in values)

        # A list that draws its own lines (``RowList``): marking someone repaints their row,
        # where a DataTable rendered every visible row again.
        self._list: RowList[AttendeeInfo] = RowList(
            [
                (_("Name"), 24),
                (_("Role"), widest(Role)),
                (_("Presence"), widest(Presence) + 2),
                (_("In the minutes as"), widest(Consent)),
                (_("Arrived"), 6),
            ],
            attendee_row,
            shrink=(0,),
            grow=0,
            optional=(3,),
            id="attendees",
        )
        yield from self.compose_top()
        yield Static(id="counts")
        yield Input(placeholder=_("Find a name (/)"), id="find", compact=True)
        yield self._list
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = _("Attendance")
        table = self._list
        meeting = self.load_meeting()
        if meeting is None:
            return
        self.show_meeting(meeting)
        people = self.read(lambda: self.store.list_attendees(self.meeting_id))
        if people is None:
            return
        self.attendees = {a.id: a for a in people}
        self._rebuild()
        table.focus()
        if not people:
            self.status_line.show_hint(_("Nobody on the list yet: press N to add a person."))

    # ----------------------------------------------------------------- drawing

    def follow_changes(self) -> None:
        people = self.read(lambda: self.store.list_attendees(self.meeting_id))
        if people is None:
            return
        self.attendees = {a.id: a for a in people}
        selected = self.selected
        self._rebuild(selected.id if selected is not None else None)

    def _rebuild(self, select_id: int | None = None) -> None:
        """Fill the list from ``self.attendees``, alphabetically (after add, remove, undo, or
        a change on another laptop); only the visible rows that changed are drawn again.

        The cursor stays with its person, not with its row: when someone is added above
        (here or on another laptop), the next key still goes to the person selected."""
        if select_id is None and self.selected is not None:
            select_id = self.selected.id
        people = sorted(self.attendees.values(), key=lambda a: (a.name.casefold(), a.id))
        self.shown_ids = [a.id for a in people]
        self._list.show_items(people)
        if select_id is not None and select_id in self.shown_ids:
            self._list.move_cursor(self.shown_ids.index(select_id))
        self._show_counts()
        self.update_keys()

    def _show_counts(self) -> None:
        # One line (CSS): new counts are repainted without a layout of the screen.
        show_steady(self.query_one("#counts", Static), counts_text(list(self.attendees.values())))

    def _redraw_person(self, person: AttendeeInfo) -> None:
        """The row of ``person`` (who stays in place: the name did not change)."""
        index = self.shown_ids.index(person.id)
        items = list(self._list.items)
        items[index] = person
        self._list.show_items(items)
        self._show_counts()

    @property
    def selected(self) -> AttendeeInfo | None:
        row = self._list.cursor_row
        if not self.shown_ids or row < 0 or row >= len(self.shown_ids):
            return None
        return self.attendees.get(self.shown_ids[row])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("mark", "edit_attendee", "remove_attendee"):
            return True if self.selected is not None else None
        return super().check_action(action, parameters)

    # ----------------------------------------------------------------- actions

    def action_mark(self, presence: str) -> None:
        """Mark the selected person. The cursor stays on them: people come in in any order,
        so the next row is rarely the next person, and a cursor that moved on by itself made
        a second key mark someone else. The status line names who was marked."""
        person = self.selected
        if person is None:
            return

        def marked(updated: AttendeeInfo) -> None:
            self.attendees[updated.id] = updated
            self._redraw_person(updated)
            self.update_keys()

        def take_back(updated: AttendeeInfo) -> UndoStep[AttendeeInfo]:
            return self._put_back(
                lambda: self.store.set_presence(
                    person.id,
                    person.presence,
                    expected=updated.presence,
                    arrived_at=person.arrived_at,
                )
            )

        self.act(
            lambda: self.store.set_presence(person.id, Presence(presence)),
            marked_text,
            show=marked,
            undo=take_back,
        )

    def action_add_attendee(self) -> None:
        dialog: FormDialog[AttendeeInfo] = FormDialog(
            _("Add a person"), _attendee_fields(None), self._save_new
        )
        self.app.push_screen(dialog, self._after_add)

    def _save_new(self, values: dict[str, str]) -> AttendeeInfo:
        role = Role(values["role"] or Role.BEWONER)
        chosen = values["consent"]
        consent = default_consent(role) if chosen in ("", AUTO_CONSENT) else Consent(chosen)
        # Someone added during the meeting is usually standing in front of the note-taker.
        presence = Presence.AANWEZIG if values.get("present", "yes") == "yes" else Presence.ONBEKEND
        return self.store.add_attendee(self.meeting_id, values["name"], role, consent, presence)

    def _after_add(self, person: AttendeeInfo | None) -> None:
        if person is None:
            return
        self.attendees[person.id] = person
        self.remember(
            UndoStep(
                lambda: self.store.remove_attendee(person.id, if_unused=True),
                lambda _none: self._gone((person,)),
                _("Undone: {name} added.").format(name=person.name),
            )
        )
        self.query_one("#find", Input).value = ""
        self._rebuild(person.id)
        self.status_line.show_info(_("Added: {name}.").format(name=person.name))

    def action_import_attendees(self) -> None:
        from models.files import documents_folder, newest_file
        from models.files.csv_import import SUFFIXES
        from screens.file_work import read_attendees
        from screens.widgets.path_dialog import PathDialog

        names = [a.name for a in self.attendees.values()]
        folder = documents_folder()
        newest = newest_file(folder, SUFFIXES)
        dialog: PathDialog[AttendeeImport] = PathDialog(
            _("Add people from a CSV file"),
            str(newest) if newest else str(folder) + os.sep,
            lambda path: read_attendees(path, names),
            suffixes=SUFFIXES,
            hint=_(
                "The first line names the columns: naam, rol, toestemming (or name, role, "
                "consent). Separated by commas or semicolons, as a spreadsheet saves it."
            ),
            busy=_("Reading the list…"),
            ok_label=_("Read"),
        )

        def read(parsed: AttendeeImport | None) -> None:
            if parsed is None:
                return
            if not parsed.problems:
                self._import(parsed)
                return
            from models.files.csv_import import problem_text, read_text

            question = "\n".join(
                (
                    read_text(parsed.file_name, parsed.table),
                    "",
                    problem_text(parsed.problems),
                    "",
                    ngettext(
                        "Add the {n} other person?",
                        "Add the {n} other people?",
                        len(parsed.rows),
                    ).format(n=len(parsed.rows)),
                )
            )
            self.app.push_screen(
                ConfirmDialog(question, _("Yes, add {n}").format(n=len(parsed.rows))),
                lambda yes: self._import(parsed) if yes else None,
            )

        self.app.push_screen(dialog, read)

    def _import(self, parsed: AttendeeImport) -> None:

        def show(added: list[AttendeeInfo]) -> None:
            for person in added:
                self.attendees[person.id] = person
            self._rebuild(added[0].id if added else None)

        def take_back(added: list[AttendeeInfo]) -> UndoStep[None]:
            return UndoStep(
                lambda: self.store.remove_attendees(p.id for p in added),
                lambda _none: self._gone(added),
                ngettext(
                    "Undone: {n} person imported.", "Undone: {n} people imported.", len(added)
                ).format(n=len(added)),
            )

        self.act(
            lambda: self.store.import_attendees(self.meeting_id, parsed.rows),
            lambda added: ngettext(
                "{n} person added (U takes it back).",
                "{n} people added (U takes them back).",
                len(added),
            ).format(n=len(added)),
            show=show,
            undo=take_back,
        )

    def action_edit_attendee(self) -> None:
        person = self.selected
        if person is None:
            return

        def save(values: dict[str, str]) -> AttendeeInfo:
            return self.store.update_attendee(
                person.id,
                name=values["name"],
                role=Role(values["role"]),
                consent=Consent(values["consent"]),
            )

        def after(updated: AttendeeInfo | None) -> None:
            if updated is None:
                return
            self.attendees[updated.id] = updated
            self.remember(
                self._put_back(
                    lambda: self.store.update_attendee(
                        person.id,
                        name=person.name,
                        role=person.role,
                        consent=person.consent,
                        expected=updated,
                    )
                )
            )
            self._rebuild(updated.id)
            self.status_line.show_info(_("Saved: {name}.").format(name=updated.name))

        dialog: FormDialog[AttendeeInfo] = FormDialog(
            _("Edit {name}").format(name=person.name), _attendee_fields(person), save
        )
        self.app.push_screen(dialog, after)

    def action_remove_attendee(self) -> None:
        person = self.selected
        if person is None:
            return

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            # Undo brings the person back as a new row, with the same details.
            self.act(
                lambda: self.store.remove_attendee(person.id),
                _("Removed: {name} (U takes it back).").format(name=person.name),
                show=lambda _none: self._gone((person,)),
                undo=lambda _none: self._put_back(
                    lambda: self.store.add_attendee(
                        self.meeting_id, person.name, person.role, person.consent, person.presence
                    )
                ),
            )

        question = _("Remove {name} from the attendance list of this meeting?").format(
            name=person.name
        )
        self.app.push_screen(ConfirmDialog(question, _("Yes, remove")), answer)

    # ------------------------------------------------------------- taking back (U)

    def _put_back(self, take_back: Callable[[], AttendeeInfo]) -> UndoStep[AttendeeInfo]:
        """A step U takes back by putting a person back as they were (the Store refuses it
        when another laptop changed them since: they are never overwritten)."""

        def show(restored: AttendeeInfo) -> None:
            self.attendees[restored.id] = restored
            self._rebuild(restored.id)

        return UndoStep(
            take_back, show, lambda restored: _("Undone: {name}.").format(name=restored.name)
        )

    def _gone(self, people: Iterable[AttendeeInfo]) -> None:
        """People taken off the list: show it without them."""
        for person in people:
            self.attendees.pop(person.id, None)
        self._rebuild()

    def action_find(self) -> None:
        self.query_one("#find", Input).focus()

    @on(Input.Changed, "#find")
    def _find_changed(self, event: Input.Changed) -> None:
        # Find jumps to the first matching name instead of filtering: moving the cursor costs
        # a few milliseconds on 300 people, rebuilding the table a few hundred, and at the
        # door the neighbours in the list stay in view.
        needle = event.value.strip().casefold()
        if not needle:
            return
        match = next(
            (
                row
                for row, attendee_id in enumerate(self.shown_ids)
                if needle in self.attendees[attendee_id].name.casefold()
            ),
            None,
        )
        status = self.status_line
        if match is None:
            status.show_error(_("Nobody on the list matches “{typed}”.").format(typed=event.value))
            return
        self._list.move_cursor(match)
        # Who the next A, K or W marks, in words: the one found, before the key is pressed.
        found = self.attendees[self.shown_ids[match]]
        status.show_hint(
            _("Found: {name} ({presence}). Enter, then A present, K notice, W absent.").format(
                name=found.name, presence=label(found.presence)
            )
        )

    @on(Input.Submitted, "#find")
    def _find_done(self) -> None:
        self._list.focus()

    def on_key(self, event: events.Key) -> None:
        find = self.query_one("#find", Input)
        if find.has_focus and event.key in ("escape", "down"):
            # Escape in the search box clears it; it does not leave the meeting.
            if event.key == "escape":
                find.value = ""
            self._list.focus()
            event.stop()
            event.prevent_default()


def _attendee_fields(person: AttendeeInfo | None) -> list[FormField]:
    roles = [(r.value, label(r)) for r in Role]
    consents = [(c.value, label(c)) for c in Consent]
    if person is None:
        consents.insert(0, (AUTO_CONSENT, _("as usual for the role (residents anonymous)")))
    fields = [
        FormField("name", _("Name"), person.name if person else ""),
        FormField(
            "role", _("Role"), (person.role if person else Role.BEWONER).value, options=roles
        ),
        FormField(
            "consent",
            _("In the public minutes as"),
            person.consent.value if person else AUTO_CONSENT,
            options=consents,
        ),
    ]
    if person is None:
        fields.append(
            FormField(
                "present",
                _("Present now?"),
                "yes",
                options=[("yes", _("yes, mark present")), ("no", _("no, not yet"))],
            )
        )
    return fields
