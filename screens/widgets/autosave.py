"""Saving free text while someone types: soon after the last key, and at least every so often.

A debounce alone (save 0.8 s after the last key) never saves a note-taker who types on without
a pause: the laptop that falls after thirty seconds of typing loses all of it. Here the text is
saved ``delay`` seconds after the last change *and* at the latest ``ceiling`` seconds after the
first change that was not saved yet. One timer at a time (not one per key): a key costs two
assignments.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

from textual.message_pump import MessagePump
from textual.timer import Timer


def save_in(
    now: float, first_change: float, last_change: float, delay: float, ceiling: float
) -> float:
    """Seconds until the pending change must be saved (0 or less: now)."""
    return min(last_change + delay, first_change + ceiling) - now


class AutoSave:
    """Calls ``save`` ``delay`` s after the last :meth:`changed`, and at least every
    ``ceiling`` s while changes keep coming; :meth:`flush` saves what is pending at once."""

    def __init__(
        self,
        owner: MessagePump,
        save: Callable[[], None],
        *,
        delay: float,
        ceiling: float,
        clock: Callable[[], float] = monotonic,
    ) -> None:
        self._owner = owner
        self._save = save
        self.delay = delay
        self.ceiling = ceiling
        self._clock = clock
        self._first: float | None = None
        self._last = 0.0
        self._timer: Timer | None = None

    @property
    def pending(self) -> bool:
        return self._first is not None

    def changed(self) -> None:
        """A key changed the text."""
        now = self._clock()
        if self._first is None:
            self._first = now
        self._last = now
        if self._timer is None:
            self._timer = self._owner.set_timer(self.delay, self._due)

    def flush(self) -> None:
        """Save now (leaving the field, another item, an action): nothing stays pending."""
        self._stop()
        if self._first is not None:
            self._first = None
            self._save()

    def cancel(self) -> None:
        """Forget what is pending (the text was saved another way)."""
        self._stop()
        self._first = None

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _due(self) -> None:
        self._timer = None
        if self._first is None:
            return
        wait = save_in(self._clock(), self._first, self._last, self.delay, self.ceiling)
        if wait > 0.01:
            self._timer = self._owner.set_timer(wait, self._due)
            return
        self._first = None
        self._save()
