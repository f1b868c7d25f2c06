"""A modal form: labelled fields, saved through a callback that may refuse with a message.

The screen that opens the form passes ``save``: it turns the typed values into one Store call
and returns the result, or raises ``BazError``. A refusal is shown inside the form, which stays
open with everything that was typed, so nothing is lost to a typo. A refusal about one field
(:class:`FieldError`, or any ``BazError`` raised inside :func:`about_field`) stands under that
field, which gets the focus and is scrolled into view.

What a new user needs to fill in a form, at 80×24 too:

- the title and the keys (Ctrl+S saves, Esc cancels) stay at the top, above the fields that
  scroll, so saving never needs a key that is off the screen;
- a field shows only when it applies (``FormField.shown_when``, asked again when a choice
  changes): a plain for/against vote does not ask for options or dots;
- Esc on a form with something typed asks before throwing it away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from models.errors import BazError
from models.i18n import _
from screens.keys import key_now_label
from screens.widgets.clean_text_area import CleanTextArea
from screens.widgets.dialog import Dialog, shown

T = TypeVar("T")


@dataclass(frozen=True)
class FormField:
    """One field of a form; ``options`` makes it a choice, ``multiline`` a text area.

    ``shown_when``: the field only shows while this says yes of the form's values (as
    ``FormDialog.values`` gives them); a hidden field keeps its value.
    """

    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    options: Sequence[tuple[str, str]] = field(default_factory=tuple)
    multiline: bool = False
    shown_when: Callable[[Mapping[str, str]], bool] | None = None


class FieldError(BazError):
    """A refusal about one field of a form: shown under that field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


@contextmanager
def about_field(name: str) -> Iterator[None]:
    """A refusal raised inside is about the field ``name`` (for a form's ``save``)."""
    try:
        yield
    except FieldError:
        raise
    except BazError as error:
        raise FieldError(name, error.message) from error


def form_keys(save: str = "Ctrl+S", cancel: str = "Esc") -> Text:
    """ "Ctrl+S save · Esc cancel" for the top line of a form (or the keys the user's keymap
    gives them)."""
    text = Text(no_wrap=True, end="")
    text.append(save, style="bold")
    text.append(" " + _("save") + "  ")
    text.append(cancel, style="bold")
    text.append(" " + _("cancel"))
    return text


class FormDialog(Dialog[T], Generic[T]):
    """A titled form in a modal; Ctrl+S or the Save button saves, Escape cancels."""

    DEFAULT_CSS = """
    FormDialog {
        align: center middle;
        & > Vertical {
            width: 76;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: thick $primary;
            background: $surface;
            padding: 0 2;
        }
        /* The title, the keys and a refusal of the whole form stay in view: docked above the
           fields, which scroll below them within the screen's height. */
        & #form-head { dock: top; height: auto; }
        & #form-title-row { height: auto; margin-top: 1; }
        & #form-title { width: 1fr; text-style: bold; }
        & #form-keys { width: auto; margin-left: 2; }
        & #form-fields { height: auto; max-height: 100%; }
        & Label { margin-top: 1; text-style: bold; }
        /* Compact fields (one line each) keep a whole form on an 80×24 screen; the field
           background and the focus colour show where to type. */
        & Input, & Select > SelectCurrent { width: 100%; background: $panel; }
        & Input:focus, & Select:focus > SelectCurrent { background: $primary 30%; }
        & Input > .input--placeholder { color: $text-muted; text-style: italic; }
        & TextArea { height: 4; }
        & #form-error { margin-top: 1; color: $error; text-style: bold; }
        & .field-error { color: $error; text-style: bold; }
        & #form-buttons { height: auto; align-horizontal: right; margin: 1 0; }
        & Button { margin-left: 2; }
    }
    """

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), show=True, id="form.save"),
        Binding("escape", "cancel", _("Cancel"), show=True, id="form.cancel"),
    ]

    def __init__(
        self, title: str, fields: Sequence[FormField], save: Callable[[dict[str, str]], T]
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.save = save
        #: The values as the form opened, to see whether Esc would throw anything away.
        self._opened_with: dict[str, str] | None = None

    def compose(self) -> ComposeResult:
        save = key_now_label(self.app, self.BINDINGS, "form.save")
        cancel = key_now_label(self.app, self.BINDINGS, "form.cancel")
        with Vertical(id="form-box"):
            with Vertical(id="form-head"):
                with Horizontal(id="form-title-row"):
                    yield Static(shown(self.form_title), id="form-title")
                    yield Static(form_keys(save, cancel), id="form-keys")
                yield Static("", id="form-error")
            with VerticalScroll(id="form-fields"):
                for spec in self.fields:
                    yield Label(spec.label, id=f"label-{spec.name}")
                    yield self._widget_for(spec)
                    yield Static("", id=f"error-{spec.name}", classes="field-error")
                with Horizontal(id="form-buttons"):
                    yield Button(_("Cancel"), id="cancel", compact=True)
                    yield Button(
                        _("Save ({key})").format(key=save),
                        id="save",
                        variant="primary",
                        compact=True,
                    )

    def on_mount(self) -> None:
        self.query_one("#form-error").display = False
        for spec in self.fields:
            self.query_one(f"#error-{spec.name}").display = False
        self._show_fields_that_apply()
        self._opened_with = self.values()
        # The scroll container would take the focus otherwise; the first field should.
        first = next((w for w in self._field_widgets() if w.display), None)
        if first is not None:
            first.focus()

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
            return CleanTextArea(spec.value, id=widget_id, soft_wrap=True, show_line_numbers=False)
        return Input(spec.value, placeholder=spec.placeholder, id=widget_id, compact=True)

    def _field_widgets(self) -> list[Widget]:
        return [self.query_one(f"#field-{spec.name}") for spec in self.fields]

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

    @property
    def changed(self) -> bool:
        """Whether anything was typed or chosen since the form opened."""
        return self._opened_with is not None and self.values() != self._opened_with

    # ------------------------------------------------------------ fields that apply

    def _show_fields_that_apply(self) -> None:
        values = self.values()
        for spec in self.fields:
            if spec.shown_when is None:
                continue
            applies = bool(spec.shown_when(values))
            for part in (f"#label-{spec.name}", f"#field-{spec.name}"):
                self.query_one(part).display = applies
            if not applies:
                self.query_one(f"#error-{spec.name}").display = False

    @on(Select.Changed)
    @on(Input.Changed)
    def _choice_changed(self) -> None:
        # A quorum typed asks for the number of all voters too: typing may show a field.
        if self._opened_with is not None and any(f.shown_when for f in self.fields):
            self._show_fields_that_apply()

    # ------------------------------------------------------------------- refusals

    def show_error(self, message: str, field_name: str | None = None) -> None:
        """Show a refusal: under the field ``field_name`` (focused and scrolled into view),
        or above the fields when it is about the whole form."""
        self._clear_errors()
        spec = next((f for f in self.fields if f.name == field_name), None)
        if spec is not None and self.query_one(f"#field-{spec.name}").display:
            line = self.query_one(f"#error-{spec.name}", Static)
            line.update(shown("⚠ " + message))
            line.display = True
            widget = self.query_one(f"#field-{spec.name}")
            widget.focus(scroll_visible=False)
            # The label, the field and its error in view (after the error line is laid out).
            self.call_after_refresh(self._scroll_to_field, spec.name)
            return
        general = self.query_one("#form-error", Static)
        general.update(shown("⚠ " + message))
        general.display = True

    def _scroll_to_field(self, name: str, tries: int = 3) -> None:
        """The field's label, the field and its error line in view, in one scroll."""
        scroll = self.query_one("#form-fields", VerticalScroll)
        label, error = self.query_one(f"#label-{name}"), self.query_one(f"#error-{name}")
        if not error.virtual_region.height and tries:
            # On a busy machine the error line may not be laid out at the first refresh.
            self.call_after_refresh(self._scroll_to_field, name, tries - 1)
            return
        scroll.scroll_to_region(
            label.virtual_region.union(error.virtual_region), animate=False, immediate=True
        )

    def error_text(self) -> str:
        """The refusal the form shows now (of a field or of the whole form), or ""."""
        lines = [self.query_one("#form-error", Static)] + [
            self.query_one(f"#error-{spec.name}", Static) for spec in self.fields
        ]
        return "\n".join(str(line.render()) for line in lines if line.display)

    def _clear_errors(self) -> None:
        self.query_one("#form-error").display = False
        for spec in self.fields:
            self.query_one(f"#error-{spec.name}").display = False

    # -------------------------------------------------------------------- actions

    def action_save(self) -> None:
        if self.answered:
            return  # a second Ctrl+S of a burst must not save twice
        try:
            result = self.save(self.values())
        except FieldError as error:
            self.show_error(error.message, error.field)
            return
        except BazError as error:
            self.show_error(error.message)
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        if self.answered or not self.is_current:
            return
        if not self.changed:
            self.dismiss(None)
            return
        from screens.widgets.confirm import ConfirmDialog

        def answered(throw_away: bool | None) -> None:
            if throw_away:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                _("Close this form without saving? What you typed is lost."),
                _("Yes, close"),
                _("No, go on"),
            ),
            answered,
        )

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _enter_in_field(self, event: Input.Submitted) -> None:
        # Enter moves on like a paper form; on the last field it saves.
        inputs = [i for i in self.query(Input) if i.display]
        if inputs and event.input is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()
