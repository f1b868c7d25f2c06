"""A yes/no question before something that cannot be taken back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from models.i18n import _
from screens.keys import key_label, keys_now
from screens.widgets.dialog import Dialog, shown


def yes_key() -> str:
    """The letter that says yes in the UI language: J in Dutch, Y in English (both work)."""
    # TRANSLATORS: the key that answers "yes" in a confirmation (Dutch: J of "ja").
    return _("Y")


class ConfirmDialog(Dialog[bool]):
    """Asks once; "No" has the focus, so a stray Enter never deletes anything. Each answer
    shows its key: "N  No" and "Y  Yes, delete" ("J" in Dutch; Y and J both say yes)."""

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

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        Binding("escape,n", "answer(False)", _("No"), show=True, id="confirm.no"),
        Binding("y,j", "answer(True)", _("Yes"), show=True, id="confirm.yes"),
    ]

    def __init__(self, question: str, yes_label: str, no_label: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes_label
        self.no_label = no_label if no_label is not None else _("No")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(shown(self.question), id="question")
            with Horizontal():
                no = self._answer_key("confirm.no", "N")
                yes = self._answer_key("confirm.yes", yes_key())
                yield Button(shown(f"{no}  {self.no_label}"), id="no", variant="primary")
                yield Button(shown(f"{yes}  {self.yes_label}"), id="yes", variant="error")

    def _answer_key(self, binding_id: str, letter: str) -> str:
        """The key a button shows: its letter (N, J), unless the user's keymap moved it."""
        binding = next(b for b in self.BINDINGS if isinstance(b, Binding) and b.id == binding_id)
        keys = keys_now(self.app, binding)
        if letter.lower() in keys:
            return letter
        # Esc says no as well, but it is not what the button's letter stands for.
        return key_label(next((k for k in keys if k != "escape"), keys[0]))

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
