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

**A remapped key leaves the other keys alone.** A user's keymap (``baz_tui.keymap``) gives a
binding other keys; Textual applies it with ``BindingsMap.apply_keymap`` each time it builds the
keys of a screen. That method drops *every* binding of the remapped binding's old key, not just
that binding: Esc leaves the meeting screen and also stops typing a name on the speakers screen,
so moving "Back" off Esc took Esc from the name line too. It also moves a remapped key to the
end of the map, which is the order the key bar and F1 show. The replacement keeps the other
bindings of the old key and every key in its place. Without a keymap Textual does not call it.

All are installed once per process by :func:`install` (``BazApp`` and ``BeamerApp`` call it),
and ``tests/rules/test_textual_guards.py`` checks that the methods they wrap still exist and behave.
"""

from __future__ import annotations

from asyncio import CancelledError
from typing import Any

from models.rules.terminal_text import printable

_installed = False


def install() -> None:
    """Install the guards (once per process)."""
    global _installed
    if _installed:
        return
    _installed = True
    _guard_drawn_lines()
    _guard_dispatch()
    _guard_keymap()


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


def _guard_keymap() -> None:
    from textual.binding import Binding, BindingsMap, Keymap, KeymapApplyResult

    def apply_keymap(self: BindingsMap, keymap: Keymap) -> KeymapApplyResult:
        """``BindingsMap.apply_keymap`` of Textual 8.2.8: the bindings whose id the keymap
        names move to its keys; a key one moves to that another binding had is taken from
        that one ("clashed", as in Textual) — unless the moved one had it too: two bindings
        of one key stay together, as before. Every other binding stays, in its place."""
        #: The keys each binding the keymap moves is on now.
        had: dict[str, set[str]] = {}
        for key, bindings in self.key_to_bindings.items():
            for binding in bindings:
                if binding.id and binding.id in keymap:
                    had.setdefault(binding.id, set()).add(key)
        if not had:
            return KeymapApplyResult(set())  # most maps: a widget's, none of it moved
        #: Per key its bindings, each with whether it moved there, and took the key.
        placed: dict[str, list[tuple[Binding, bool, bool]]] = {}
        for key, bindings in self.key_to_bindings.items():
            for binding in bindings:
                binding_id = binding.id
                new_keys = keymap.get(binding_id) if binding_id else None
                if not binding_id or not new_keys:
                    placed.setdefault(key, []).append((binding, False, False))
                    continue
                for new_key in (k.strip() for k in new_keys.split(",")):
                    at = placed.setdefault(new_key, [])
                    # "u,ctrl+z" is two bindings of one id: moved, they are one.
                    if not any(moved and b.id == binding_id for b, moved, _took in at):
                        took = new_key not in had[binding_id]
                        at.append((binding.with_key(new_key, key_display=None), True, took))
        clashed: set[Binding] = set()
        result: dict[str, list[Binding]] = {}
        for key, entries in placed.items():
            if any(took for _binding, _moved, took in entries):
                clashed.update(b for b, moved, _took in entries if not moved)
                entries = [entry for entry in entries if entry[1]]
            result[key] = [b for b, _moved, _took in entries]
        self.key_to_bindings = result
        return KeymapApplyResult(clashed)

    BindingsMap.apply_keymap = apply_keymap  # type: ignore[method-assign]
