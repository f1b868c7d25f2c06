"""Guards around Textual (pinned at 8.2.8) that one subclass cannot give.

**Every drawn line goes through the sanitiser.** Textual turns a line of a widget into the bytes
for the terminal in one place, ``Strip.render``; it removes only bell, backspace, vertical tab,
form feed and carriage return from text, and lets ESC, the other C0 and the C1 controls and bidi
overrides through. A name, a file name or a CSV cell with "ESC ] 0 ;" in it would set the
window title from inside the app, "ESC [ 2 J" clear it. The app already shows such text
visibly where it builds it from a file or an error (``models.terminal_text.printable``: ␛ …);
this is the last line of defence for everything else a widget draws. It *removes* (the width
of the line was counted already, and what it removes has no width), and costs one C call
(``str.isprintable``) per piece of a line, only when a line is drawn anew.

**An unexpected error does not stop the app.** Textual ends the whole app on an exception in
any handler, and even before that the message pump that ran the handler stops taking messages
(a screen whose handler failed no longer answers keys). ``MessagePump._dispatch_message`` is
wrapped so that, in an app that asks for it (``keeps_running``), the failed message is reported
to the app's handler and the pump goes on with the next one; every other app behaves as
Textual does.

Both are installed once per process by :func:`install` (``BazApp`` and ``BeamerApp`` call it),
and ``tests/rules/test_textual_guards.py`` checks that the methods they wrap still exist and behave.
"""

from __future__ import annotations

from asyncio import CancelledError
from typing import Any

from models.terminal_text import printable

_installed = False


def install() -> None:
    """Install the guards (once per process)."""
    global _installed
    if _installed:
        return
    _installed = True
    _guard_drawn_lines()
    _guard_dispatch()


def _guard_drawn_lines() -> None:
    from rich.color import ColorSystem
    from textual.strip import Strip

    def render(self: Strip, console: Any) -> str:
        """``Strip.render`` of Textual 8.2.8, with the text of each piece made printable."""
        if self._render_cache is None:
            color_system = console._color_system or ColorSystem.TRUECOLOR
            render_style = self.render_style
            self._render_cache = "".join(
                [
                    render_style(style, _safe(text), color_system=color_system)
                    if style is not None
                    else _safe(text)
                    for text, style, _control in self._segments
                ]
            )
        return self._render_cache

    Strip.render = render  # type: ignore[method-assign]


def _safe(text: str) -> str:
    return text if text.isprintable() else printable(text, visible=False)


def _guard_dispatch() -> None:
    from textual._context import active_app
    from textual.message_pump import MessagePump

    original = MessagePump._dispatch_message

    async def dispatch(self: MessagePump, message: Any) -> None:
        try:
            await original(self, message)
        except CancelledError:
            raise
        except Exception as error:
            survive = getattr(active_app.get(None), "survive_error", None)
            if survive is None or not survive(error):
                raise
            # Reported; this pump goes on with its next message.

    MessagePump._dispatch_message = dispatch  # type: ignore[method-assign]
