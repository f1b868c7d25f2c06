"""Time a key press inside the real app: from the key event to the last frame it caused.

Each key is a real key event, sent the way the terminal driver sends it. The clock starts just
before it is sent and stops when the last frame it caused has been written: the compositor's
update turned into the bytes a terminal would get (headless runs skip that step, so it is done
here). A key that draws nothing stops the clock when the app has handled it. Do not time
``pilot.press``: it sleeps by design.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

#: A key bound to "repaint the unchanged screen": a key press that does nothing but still
#: writes a whole frame. A key that changes something cannot cost less than a frame.
REDRAW_KEY = "ctrl+l"


class KeyTimer:
    """Sends keys to a running app and measures each one (see the module's text)."""

    def __init__(self, app: Any, frames: list[float], handled: list[float]) -> None:
        self.app = app
        self.frames = frames
        self.handled = handled

    async def settle(self, quiet: float = 0.06) -> None:
        """Until nothing is drawn and the process is idle for ``quiet`` seconds."""
        count, since = len(self.frames), time.perf_counter()
        while True:
            cpu = time.process_time()
            await asyncio.sleep(0.01)
            busy = time.process_time() - cpu > 0.002
            now = time.perf_counter()
            screen = self.app.screen
            pending = screen._dirty_widgets or screen._layout_required
            if busy or pending or len(self.frames) != count:
                count, since = len(self.frames), now
            elif now - since >= quiet:
                return

    async def time_key(self, key: str, character: str | None = None) -> tuple[float, int]:
        """Milliseconds from sending ``key`` to its last frame, and the number of frames."""
        from textual import events

        await self.settle()
        self.frames.clear()
        self.handled.clear()
        event = events.Key(key, character)
        event.set_sender(self.app)
        start = time.perf_counter()
        self.app._driver.send_message(event)
        await self.settle()
        end = max(self.frames[-1:] + self.handled[-1:])
        return (end - start) * 1000, len(self.frames)

    async def time_call(self, call: Callable[[], None]) -> float:
        """Milliseconds from ``call()`` (in the app's task) to its last frame."""
        await self.settle()
        self.frames.clear()
        start = time.perf_counter()
        call()
        await self.settle()
        return ((self.frames[-1] if self.frames else start) - start) * 1000


def bench_app(
    database: Any, size: tuple[int, int], follow: bool | None = None
) -> tuple[Any, list[float], list[float]]:
    """BazApp on ``database`` that writes its frames as a terminal would and marks each key
    handled; ``REDRAW_KEY`` repaints the screen. Returns the app and its two time lists."""
    from rich.console import Console
    from textual import events
    from textual._compositor import CompositorUpdate
    from textual.binding import Binding

    from baz_tui.app import BazApp

    frames: list[float] = []
    handled: list[float] = []
    terminal = Console(width=size[0], height=size[1], force_terminal=True, color_system="truecolor")

    class BenchApp(BazApp):
        BINDINGS = [*BazApp.BINDINGS, Binding(REDRAW_KEY, "bench_redraw", show=False)]

        def action_bench_redraw(self) -> None:
            self.screen.refresh()

        async def _on_key(self, event: events.Key) -> None:
            await super()._on_key(event)
            event.prevent_default()  # App._on_key is in the MRO too: handle the key once
            handled.append(time.perf_counter())  # the key went all the way to the app

        def _display(self, screen, renderable) -> None:  # type: ignore[no-untyped-def]
            super()._display(screen, renderable)
            if isinstance(renderable, CompositorUpdate):
                # What the terminal driver writes; headless runs skip it.
                renderable.render_segments(terminal)
                frames.append(time.perf_counter())

    # As the command line starts it (one app in this process).
    app = BenchApp(lambda: database, freeze_when_loaded=True, follow_changes=follow)
    return app, frames, handled


async def wait_loaded(pilot: Any) -> None:
    """Wait until the home screen has drawn the list and loaded the Store behind it: where
    the benchmarks and the tests that run the app start."""
    from screens.home import HomeScreen

    for _attempt in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        if not isinstance(screen, HomeScreen) or screen.store is not None:
            # A table sizes its columns for new rows when it is next idle (on a loaded machine
            # that can be well after the Store came, and a snapshot then shows each column as
            # wide as its title): wait until every table on the screen has done so.
            from textual.widgets import DataTable

            for _idle in range(100):
                await pilot.pause()
                tables = pilot.app.screen.query(DataTable)
                if not any(table._require_update_dimensions for table in tables):
                    break
            return
    raise AssertionError("the home screen never got its Store")
