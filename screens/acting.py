"""One way a screen acts through the Store: the call, its refusal, what is shown after it, and
the chair's steps back with U.

Every screen that changes data runs the Store call through ``ActingScreen.act``:

- a refusal (a ``BazError``: always a sentence for the user) is said in the status line and
  nothing else on the screen changes; when the refusal is that someone else changed the data
  first (``ChangedMeanwhileError``), the screen first shows the data as it is now;
- otherwise the step back is remembered (an ``UndoStep``: the Store call that takes it back),
  the result is shown, and what was done is said.

U pops the last step and runs its call through ``act`` again, so taking back is refused, shown
and said exactly as any other action. Reads whose failure the user must see go through ``read``.
A screen says how it shows a result (``show_result``) and what it runs before every action
(``before_action``: the agenda stores the notes being typed first).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from textual.screen import Screen, ScreenResultType

from models.errors import BazError, ChangedMeanwhileError
from models.i18n import _
from screens.widgets.status_line import StatusLine

R = TypeVar("R")

#: What the status line says after an action: a sentence, or one made from the result.
Said = str | Callable[[Any], str]


@dataclass(frozen=True, slots=True)
class UndoStep(Generic[R]):
    """One step the chair can take back with U.

    ``take_back`` is the Store call that takes it back; the Store refuses it, changing nothing,
    when someone changed the same thing since (it is never overwritten). ``show`` draws what the
    call returned (None: the screen's ``show_result``); ``said`` is what the status line says
    then ("" for "Undone."). ``about``: what the step changed (a vote's id), so the screen can
    forget it when that is gone or replaced (``forget``).
    """

    take_back: Callable[[], R]
    show: Callable[[R], object] | None = None
    said: Said = ""
    about: object = None


def _say(said: Said, result: object) -> str:
    return said(result) if callable(said) else said


class ActingScreen(Screen[ScreenResultType], Generic[ScreenResultType]):
    """A screen that changes data through the Store (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__()
        #: The steps U takes back, the last one last. A screen clears them when what they
        #: were about is no longer on it (another agenda item).
        self.undo_steps: list[UndoStep[Any]] = []
        self._status_line: StatusLine | None = None

    @property
    def status_line(self) -> StatusLine:
        """The screen's one status line (looked up once: a key answers in it every time)."""
        line = self._status_line
        if line is None:
            line = self._status_line = self.query_one(StatusLine)
        return line

    # ------------------------------------------------------------- what a screen says

    def show_result(self, result: Any) -> None:
        """Show what a Store action returned. By default: read what the screen shows again."""
        self.follow_changes()

    def follow_changes(self) -> None:
        """Read what this screen shows again (someone else may have changed it)."""

    def before_action(self) -> None:
        """Run before every action (and every step back)."""

    # ----------------------------------------------------------------- the one path

    def act(
        self,
        call: Callable[[], R],
        done: Said | None = None,
        *,
        show: Callable[[R], object] | None = None,
        undo: Callable[[R], UndoStep[Any] | None] | None = None,
    ) -> R | None:
        """Run one Store action (see the module's docstring); the result, None when refused.

        ``show`` draws the result (None: ``show_result``); ``undo`` makes the step back from
        the result (None: this action is not taken back by U); ``done`` is said after it.
        """
        self.before_action()
        try:
            result = call()
        except ChangedMeanwhileError as error:
            self.follow_changes()  # show the data as it is now, then why nothing happened
            self.status_line.show_error(error.message)
            return None
        except BazError as error:
            self.status_line.show_error(error.message)
            return None
        if undo is not None:
            self.remember(undo(result))
        if show is None:
            self.show_result(result)
        else:
            show(result)
        if done:
            message = _say(done, result)
            if message:
                self.status_line.show_info(message)
        return result

    def read(self, call: Callable[[], R]) -> R | None:
        """Read through the Store; a failure (deleted elsewhere, the server gone) is said in
        the status line, and None returned."""
        try:
            return call()
        except BazError as error:
            self.status_line.show_error(error.message)
            return None

    def remember(self, step: UndoStep[Any] | None) -> None:
        """Remember a step U can take back (the actions a dialog ran, which ``act`` did not)."""
        if step is not None:
            self.undo_steps.append(step)

    def forget(self, about: object) -> None:
        """Forget the steps about something that is gone, or that may not be taken back
        any more (a deleted vote; counts a file replaced)."""
        self.undo_steps = [step for step in self.undo_steps if step.about != about]

    def action_undo(self) -> None:
        """U: take the last step back, through the same path as any action."""
        if not self.undo_steps:
            return
        step = self.undo_steps.pop()
        self.act(step.take_back, step.said or _("Undone."), show=step.show)
