"""The base of BaZ's dialogs: a modal screen that answers once.

Textual's ``Screen.dismiss`` calls the answer's callback and then pops *whatever screen is on
top*: a second answer — two keys of a burst, "b b" on a choice, "i i" after W — popped the
screen under the dialog as well (the chair thrown out to the list of meetings), or the one
under that (``ScreenStackError``). Here the first answer is the only one: later ones, and any
once the dialog is no longer on top, do nothing.

Keys typed ahead are the app's business (``BazApp`` takes one key at a time and waits until a
dialog that a key opens is ready for the next), so they go to the dialog once it shows, or to
the screen below once it answered — never to the screen below while it is open.

Text a dialog shows from a file or an error goes through :func:`shown`, the sanitiser of
``models.rules.terminal_text`` (an escape sequence in a CSV header must not erase the dialog).
"""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

from models.rules.terminal_text import printable

T = TypeVar("T")


def shown(text: str) -> Text:
    """``text`` for a widget: literal (never markup) and printable."""
    return Text(printable(text))


class Dialog(ModalScreen[T]):
    """A modal that answers (``dismiss``) at most once, and only while it is on top."""

    def __init__(self) -> None:
        super().__init__()
        self.answered = False

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        if self.answered or not self.is_current:
            return AwaitComplete()
        self.answered = True
        # The key that answered is handled: the app may send the next one on.
        key_done = getattr(self.app, "dialog_answered", None)
        if key_done is not None:
            key_done(self)
        return super().dismiss(result)
