"""A modal that asks for a file and does the file work in a thread, showing why it failed.

Reading a meeting file or a CSV file, or writing one, is the ``work`` the opening screen passes:
it runs in a thread worker (a big meeting file takes a moment, and the screen keeps drawing),
and a refusal (:class:`~models.errors.BazError`) is shown inside the dialog, which stays open
with the path as typed, so a wrong name is fixed without starting over. The path field
completes folder and file names as you type (→ or End accepts the suggestion).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Generic, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, Static

from models.errors import BazError
from models.i18n import _
from screens.widgets.dialog import Dialog, shown

T = TypeVar("T")


class PathSuggester(Suggester):
    """Completes the last part of a path with a folder or a file of the wanted kind."""

    def __init__(self, suffixes: Sequence[str]) -> None:
        # No cache: the folder may change while the dialog is open (a file just saved).
        super().__init__(use_cache=False, case_sensitive=True)
        self.suffixes = tuple(s.casefold() for s in suffixes)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = Path(value).expanduser()
        folder, start = (typed, "") if value.endswith(os.sep) else (typed.parent, typed.name)
        try:
            names = sorted(folder.iterdir(), key=lambda p: p.name.casefold())
        except OSError:
            return None
        for entry in names:
            name = entry.name
            if not name.startswith(start) or name == start or name.startswith("."):
                continue
            if entry.is_dir():
                return value + name[len(start) :] + os.sep
            if name.casefold().endswith(self.suffixes):
                return value + name[len(start) :]
        return None


class PathDialog(Dialog[T], Generic[T]):
    """Asks for a path; Enter runs ``work(path)`` in a thread and closes with its result."""

    DEFAULT_CSS = """
    PathDialog {
        align: center middle;
        & > VerticalScroll {
            width: 90;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: thick $primary;
            background: $surface;
            padding: 0 2;
        }
        & #path-title { text-style: bold; margin-top: 1; }
        & #path-hint { color: $text-muted; }
        & Label { margin-top: 1; text-style: bold; }
        & Input { width: 100%; background: $panel; }
        & Input:focus { background: $primary 30%; }
        & #path-status { margin-top: 1; }
        & #path-status.-error { color: $error; text-style: bold; }
        & #path-buttons { height: auto; align-horizontal: right; margin: 1 0; }
        & Button { margin-left: 2; }
    }
    """

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [Binding("escape", "cancel", _("Cancel"), show=True, id="path.cancel")]

    def __init__(
        self,
        title: str,
        default: str,
        work: Callable[[Path], T],
        *,
        suffixes: Sequence[str],
        hint: str = "",
        busy: str = "",
        ok_label: str = "",
        replace: Callable[[Path], T] | None = None,
    ) -> None:
        super().__init__()
        #: The work again, replacing a write-protected file of that name (after asking).
        self.replace = replace
        self.dialog_title = title
        self.default = default
        self.work = work
        self.suffixes = suffixes
        self.hint = hint
        self.busy_text = busy or _("Working on it…")
        self.ok_label = ok_label or _("OK")
        self.running = False

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(shown(self.dialog_title), id="path-title")
            if self.hint:
                yield Static(shown(self.hint), id="path-hint")
            yield Label(_("File"))
            yield Input(
                id="path",
                suggester=PathSuggester(self.suffixes),
                select_on_focus=False,
                compact=True,
            )
            # What is going on, or why it failed: one place, so the dialog keeps its size.
            yield Static("", id="path-status")
            with Horizontal(id="path-buttons"):
                yield Button(_("Cancel"), id="cancel", compact=True)
                yield Button(f"{self.ok_label} (Enter)", id="ok", variant="primary", compact=True)

    def on_mount(self) -> None:
        field = self.query_one("#path", Input)
        field.focus()
        # The end of the path is what one changes: the file name, so it must be in view. An
        # Input does not scroll to a value it was built with; one set now, then a cursor
        # move after the first layout (when the field has a width), does.
        field.value = self.default
        field.cursor_position = 0
        self.call_after_refresh(field.action_end)

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#ok")
    def start(self) -> None:
        if self.running or self.answered:
            return
        typed = self.query_one("#path", Input).value.strip()
        if not typed:
            self.show_error(_("Type the name of a file."))
            return
        self.running = True
        status = self.query_one("#path-status", Static)
        status.remove_class("-error")
        status.update(Text("⏳ " + self.busy_text))
        self.query_one("#path", Input).disabled = True
        self._run(typed)

    @work(thread=True, exclusive=True, group="path-dialog")
    def _run(self, typed: str | Path, replacing: bool = False) -> None:
        from models.files import ReadOnlyFileError, user_path

        path = Path(typed)
        try:
            path = user_path(typed)  # "~name/…" of nobody: a sentence, not a crash
            result = (self.replace if replacing and self.replace else self.work)(path)
        except ReadOnlyFileError as error:
            if self.replace is None or replacing:
                self.app.call_from_thread(self._failed, error.message)
            else:
                self.app.call_from_thread(self._ask_replace, path, error.message)
            return
        except BazError as error:
            self.app.call_from_thread(self._failed, error.message)
            return
        except Exception as error:  # never a traceback for a file someone picked
            self.app.call_from_thread(
                self._failed, _("Something went wrong: {error}").format(error=error)
            )
            return
        self.app.call_from_thread(self.dismiss, result)

    def _ask_replace(self, path: Path, message: str) -> None:
        from screens.widgets.confirm import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                self._run(path, replacing=True)
            else:
                self._failed(message)

        self.app.push_screen(
            ConfirmDialog(message + "\n\n" + _("Replace it anyway?"), _("Yes, replace")), answer
        )

    def _failed(self, message: str) -> None:
        self.running = False
        field = self.query_one("#path", Input)
        field.disabled = False
        field.focus()
        self.show_error(message)

    def show_error(self, message: str) -> None:
        status = self.query_one("#path-status", Static)
        status.add_class("-error")
        status.update(shown("⚠ " + message))

    def action_cancel(self) -> None:
        if not self.running:
            self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
