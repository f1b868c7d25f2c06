"""The process (traject): participation level and frames, edited in place (F8).

Also who residents can ask about it (a line at the end of the minutes) and the house style
its minutes are written on (a Word document; W and ``baz export`` use it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Select, TextArea

from models.domain import ParticipationLevel, label
from models.errors import BazError
from models.i18n import _
from models.records.meeting import MeetingInfo, ProcessInfo
from models.rules import validation as check
from screens.meeting_base import NAVIGATION_BINDINGS, MeetingScreen
from screens.meeting_form import example
from screens.widgets.clean_text_area import CleanTextArea
from screens.widgets.key_bar import KeyBar
from screens.widgets.path_dialog import PathSuggester
from screens.widgets.process_banner import ProcessBanner
from screens.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from models.store import Store

TEXT_FIELDS = ("fixed_text", "open_text", "feedback_text")
#: One-line fields besides the title (saved as they are typed).
LINE_FIELDS = ("neighbourhood", "budget", "deadline", "contact", "template")


def _money(cents: int | None) -> str:
    if cents is None:
        return ""
    euros, rest = divmod(cents, 100)
    whole = f"{euros:,}".replace(",", ".")
    return f"{whole},{rest:02d}" if rest else whole


class ProcessScreen(MeetingScreen):
    """Edit the process of the meeting; saved with Ctrl+S and whenever you leave the screen."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    SCREEN_NAME = "process"
    HELP_TITLE = _("Process and frames")
    HELP_INTRO = _(
        "The frames are said at the start of the meeting: how much say residents have "
        "(participation level), the budget, when the decision is taken, what is fixed, what is "
        "still open, and when and how residents hear back. They are shown as a banner on every "
        "meeting screen. The contact is printed at the end of the minutes (the public version "
        "leaves e-mail addresses and phone numbers out: give a website or a place); the house "
        "style is a "
        "Word document (.docx or .dotx) the minutes are written on (empty: the default house "
        "style, else BaZ's own layout). Ctrl+O makes it the default for every process without "
        "one. Ctrl+S saves; leaving the screen saves too."
    )

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        Binding(
            "ctrl+s", "save", _("Save"), show=True, tooltip=_("Save the process"), id="process.save"
        ),
        Binding(
            "ctrl+o",
            "default_template",
            _("Default style"),
            show=False,
            tooltip=_("Use this house style for every process without one of its own"),
            id="process.default_template",
        ),
        *NAVIGATION_BINDINGS,
    ]

    class DefaultTemplateChosen(Message):
        """The house style typed here should be the default of the settings (the App keeps
        settings; screens do not import ``baz_tui``)."""

        def __init__(self, screen: ProcessScreen, path: str) -> None:
            super().__init__()
            self.screen = screen
            self.path = path

    def __init__(self, store: Store, meeting_id: int) -> None:
        super().__init__(store, meeting_id)
        #: The form as last saved; leaving with other values saves first.
        self._saved: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        with VerticalScroll(id="process-form"):
            yield Label(_("Title of the process"))
            yield Input(id="title", placeholder=_("e.g. Redesign of the playground"), compact=True)
            yield Label(_("Neighbourhood"))
            yield Input(id="neighbourhood", compact=True)
            yield Label(_("Participation level"))
            yield Select(
                [(label(level), level.value) for level in ParticipationLevel],
                id="participation_level",
                allow_blank=False,
                value=ParticipationLevel.RAADPLEGEN.value,
                compact=True,
            )
            yield Label(_("Budget in euros (optional)"))
            yield Input(id="budget", placeholder=example("85.000"), compact=True)
            yield Label(_("Decision deadline, dd-mm-yyyy (optional)"))
            yield Input(id="deadline", placeholder=example("1-3-2027"), compact=True)
            yield Label(_("What is fixed"))
            yield CleanTextArea(id="fixed_text", soft_wrap=True)
            yield Label(_("What is open"))
            yield CleanTextArea(id="open_text", soft_wrap=True)
            yield Label(_("When and how residents hear back"))
            yield CleanTextArea(id="feedback_text", soft_wrap=True)
            yield Label(_("Contact for questions, at the end of the minutes"))
            yield Input(
                id="contact",
                placeholder=_("e.g. Sanne de Wit, municipality: www.dordrecht.nl/playground"),
                compact=True,
            )
            yield Label(_("House style: Word document (.docx or .dotx) for the minutes"))
            yield Input(
                id="template",
                placeholder=_("empty: the default house style, else BaZ's own layout"),
                suggester=PathSuggester((".docx", ".dotx")),
                compact=True,
            )
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = _("Process and frames")
        meeting = self.load_meeting()
        if meeting is None:
            return
        self._show(meeting)
        self.query_one("#title", Input).focus()
        self._saved = self._form_values()

    def reopened(self) -> None:
        """Shown again: the form as the process is now (changed elsewhere, or saved here)."""
        meeting = self.load_meeting()
        if meeting is None:
            return
        self._show(meeting)
        self._saved = self._form_values()

    def _show(self, meeting: MeetingInfo) -> None:
        self.show_meeting(meeting)
        process = meeting.process
        if process is None:
            self.status_line.show_hint(
                _("This meeting has no process yet: fill in a title and press Ctrl+S.")
            )
            return
        self.query_one("#title", Input).value = process.title
        self.query_one("#neighbourhood", Input).value = process.neighbourhood
        self.query_one("#participation_level", Select).value = process.participation_level.value
        self.query_one("#budget", Input).value = _money(process.budget_euro_cents)
        self.query_one("#deadline", Input).value = (
            process.decision_deadline.strftime("%d-%m-%Y") if process.decision_deadline else ""
        )
        for name in TEXT_FIELDS:
            self.query_one(f"#{name}", TextArea).text = getattr(process, name)
        self.query_one("#contact", Input).value = process.contact
        self.query_one("#template", Input).value = process.template

    def _form_values(self) -> dict[str, str]:
        values = {name: self.query_one(f"#{name}", Input).value for name in ("title", *LINE_FIELDS)}
        values["participation_level"] = str(self.query_one("#participation_level", Select).value)
        for name in TEXT_FIELDS:
            values[name] = self.query_one(f"#{name}", TextArea).text
        return values

    def _save(self) -> ProcessInfo | None:
        """Validate and store the form; show the result. None when refused."""
        values = self._form_values()

        def save() -> ProcessInfo:
            deadline = check.parse_date(values["deadline"]) if values["deadline"].strip() else None
            fields = {
                "neighbourhood": values["neighbourhood"],
                "participation_level": ParticipationLevel(values["participation_level"]),
                "budget_euro_cents": check.parse_euros(values["budget"]),
                "decision_deadline": deadline,
                **{name: values[name] for name in TEXT_FIELDS},
                "contact": values["contact"],
                "template": values["template"],
            }
            assert self.meeting is not None
            if self.meeting.process is None:
                self.meeting = self.store.create_process_for_meeting(
                    self.meeting_id, values["title"], **fields
                )
                created = self.meeting.process
                assert created is not None  # the meeting now has its process
                return created
            process = self.store.update_process(
                self.meeting.process.id, title=values["title"], **fields
            )
            self.meeting = self.store.get_meeting(self.meeting_id)
            return process

        def show(process: ProcessInfo) -> None:
            saved = values
            if process.template != values["template"]:
                # Kept as the full path of the file: show it so.
                self.query_one("#template", Input).value = process.template
                saved = self._form_values()
            self._saved = saved
            self.query_one(ProcessBanner).show(process)

        return self.act(save, _("Process saved."), show=show)

    def action_save(self) -> None:
        self._save()

    def action_default_template(self) -> None:
        """Ctrl+O: the house style typed here becomes the default of the settings."""
        from models.store.processes import template_path

        status = self.status_line
        try:
            path = template_path(self.query_one("#template", Input).value)
        except BazError as error:
            status.show_error(error.message)
            return
        if not path:
            status.show_error(_("Type the house style (a .docx or .dotx file) first."))
            return
        self.post_message(self.DefaultTemplateChosen(self, path))

    def default_template_saved(self, path: str) -> None:
        """Called by the App once the default is kept."""
        self.status_line.show_info(_("Default house style: {path}").format(path=path))

    def before_leaving(self) -> bool:
        if self.meeting is None or self._form_values() == self._saved:
            return True
        return self._save() is not None

    def on_screen_suspend(self) -> None:
        # Help or another modal on top: keep what was typed safe already.
        if self.meeting is not None and self._form_values() != self._saved:
            self._save()
