"""A yes/no question before something that cannot be taken back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from models.i18n import _
from screens.widgets.dialog import Dialog, shown


class ConfirmDialog(Dialog[bool]):
    """Asks once; "No" has the focus, so a stray Enter never deletes anything."""

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
        & > Vertical {
            width: 64;
            max-width: 100%;
            height: auto;
            border: thick $error;
            background: $surface;
            padding: 1 2;
        }
        & #question { margin-bottom: 1; }
        & Horizontal { height: auto; align-horizontal: right; }
        & Button { margin-left: 2; }
    }
    """

    BINDINGS = [
        Binding("escape,n", "answer(False)", _("No"), show=True),
        Binding("y,j", "answer(True)", _("Yes"), show=True),
    ]

    def __init__(self, question: str, yes_label: str, no_label: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes_label
        self.no_label = no_label if no_label is not None else _("No, keep it")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(shown(self.question), id="question")
            with Horizontal():
                yield Button(self.no_label, id="no", variant="primary")
                yield Button(self.yes_label, id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
