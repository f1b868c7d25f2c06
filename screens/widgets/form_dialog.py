"""A modal form: labelled fields, saved through a callback that may refuse with a message.

The screen that opens the form passes ``save``: it turns the typed values into one Store call
and returns the result, or raises ``BazError``. A refusal is shown inside the form, which stays
open with everything that was typed, so nothing is lost to a typo.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from models.errors import BazError
from models.i18n import _
from screens.widgets.dialog import Dialog, shown

T = TypeVar("T")


@dataclass(frozen=True)
class FormField:
    """One field of a form; ``options`` makes it a choice, ``multiline`` a text area."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    options: Sequence[tuple[str, str]] = field(default_factory=tuple)
    multiline: bool = False


class FormDialog(Dialog[T], Generic[T]):
    """A titled form in a modal; Ctrl+S or the Save button saves, Escape cancels."""

    DEFAULT_CSS = """
    FormDialog {
        align: center middle;
        & > VerticalScroll {
            width: 76;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: thick $primary;
            background: $surface;
            padding: 0 2;
        }
        & #form-title { text-style: bold; margin-top: 1; }
        & Label { margin-top: 1; text-style: bold; }
        /* Compact fields (one line each) keep a whole form on an 80×24 screen; the field
           background and the focus colour show where to type. */
        & Input, & Select > SelectCurrent { width: 100%; background: $panel; }
        & Input:focus, & Select:focus > SelectCurrent { background: $primary 30%; }
        & TextArea { height: 4; }
        & #form-error { margin-top: 1; color: $error; text-style: bold; }
        & #form-buttons { height: auto; align-horizontal: right; margin: 1 0; }
        & Button { margin-left: 2; }
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), show=True),
        Binding("escape", "cancel", _("Cancel"), show=True),
    ]

    def __init__(
        self, title: str, fields: Sequence[FormField], save: Callable[[dict[str, str]], T]
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.save = save

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(shown(self.form_title), id="form-title")
            for spec in self.fields:
                yield Label(spec.label, id=f"label-{spec.name}")
                yield self._widget_for(spec)
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button(_("Cancel"), id="cancel", compact=True)
                yield Button(_("Save (Ctrl+S)"), id="save", variant="primary", compact=True)

    def on_mount(self) -> None:
        # The scroll container would take the focus otherwise; the first field should.
        if self.fields:
            self.query_one(f"#field-{self.fields[0].name}").focus()

    def _widget_for(self, spec: FormField) -> Any:
        widget_id = f"field-{spec.name}"
        if spec.options:
            return Select(
                # Text, not markup: the choices may be names or card texts people typed.
                [(Text(text), value) for value, text in spec.options],
                value=spec.value if spec.value else Select.NULL,
                allow_blank=not spec.value,
                prompt=_("(choose)"),
                id=widget_id,
                compact=True,
            )
        if spec.multiline:
            return TextArea(spec.value, id=widget_id, soft_wrap=True, show_line_numbers=False)
        return Input(spec.value, placeholder=spec.placeholder, id=widget_id, compact=True)

    def values(self) -> dict[str, str]:
        """What is in the form now, as text (choices give their value; none gives "")."""
        result: dict[str, str] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Select):
                result[spec.name] = "" if widget.is_blank() else str(widget.value)
            elif isinstance(widget, TextArea):
                result[spec.name] = widget.text
            else:
                assert isinstance(widget, Input)
                result[spec.name] = widget.value
        return result

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(shown("⚠ " + message))

    def action_save(self) -> None:
        if self.answered:
            return  # a second Ctrl+S of a burst must not save twice
        try:
            result = self.save(self.values())
        except BazError as error:
            self.show_error(error.message)
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _enter_in_field(self, event: Input.Submitted) -> None:
        # Enter moves on like a paper form; on the last field it saves.
        inputs = list(self.query(Input))
        if event.input is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()
