"""A question with a few answers, each with its own key."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key, Resize
from textual.widgets import Button, Static

from models.i18n import _
from screens.keys import key_now_label
from screens.widgets.dialog import Dialog, shown


def _answer_label(key: str, text: str) -> str:
    return f"{key.upper()}  {text}"


class ChoiceDialog(Dialog[str | None]):
    """Answers are (value, key, label); pressing the key or the button picks it, Esc cancels."""

    DEFAULT_CSS = """
    ChoiceDialog {
        align: center middle;
        & > Vertical {
            /* As wide as the answers need (at least 70), so none is cut off. */
            width: auto;
            min-width: 70;
            max-width: 100%;
            height: auto;
            border: thick $primary;
            background: $surface;
            padding: 1 2;
        }
        & #question { margin-bottom: 1; }
        & Horizontal { width: auto; height: auto; align-horizontal: right; }
        & Button { margin-left: 1; }
        /* Answers that do not fit side by side go one under the other, never cut. */
        &.-stacked Horizontal { layout: vertical; align-horizontal: left; }
        &.-stacked Button { margin-left: 0; }
    }
    """

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [Binding("escape", "cancel", _("Cancel"), show=True, id="choice.cancel")]

    def __init__(self, question: str, answers: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(shown(self.question), id="question")
            with Horizontal():
                for value, key, text in self.answers:
                    yield Button(
                        shown(_answer_label(key, text)), id=f"answer-{value}", compact=True
                    )
                yield Button(self._cancel_label(), id="cancel", compact=True)

    def on_resize(self, event: Resize) -> None:
        # Each answer as wide as its label, with the margins of the dialog and its buttons.
        labels = [_answer_label(key, text) for _value, key, text in self.answers]
        needed = sum(cell_len(label) + 3 for label in labels) + cell_len(self._cancel_label()) + 10
        self.set_class(needed > event.size.width, "-stacked")

    def _cancel_label(self) -> str:
        """ "Esc  Cancel" (or the key the user's keymap gives it)."""
        key = key_now_label(self.app, self.BINDINGS, "choice.cancel")
        return _("{key}  Cancel").format(key=key)

    def on_key(self, event: Key) -> None:
        if self.answered:
            event.stop()
            return
        for value, key, _text in self.answers:
            if event.key == key:
                event.stop()
                self.dismiss(value)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        self.dismiss(button_id.removeprefix("answer-") if button_id != "cancel" else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
