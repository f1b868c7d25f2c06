"""A one-line field that a screen types into while the focus stays where it is.

Moving the focus into an ``Input`` and back restyles both widgets and redraws the list that
had the focus: on the speaker list that cost more than adding the speaker. Here the screen
keeps the focus on its list and hands the keys to this line while the user types a name
(``type_key``); the line shows what was typed, a cursor and the rest of the first name that
starts with it (Tab or → completes it), like ``Input`` with a ``SuggestFromList``.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from screens.widgets.line_text import Looks, text_strip


class RequestLine(Widget):
    """What is being typed, with a suggestion; ``typing`` tells whether keys come here."""

    # Typing or not is a component style the line paints itself, not a CSS class: a class
    # change restyles the widget, which costs more than the line (it happens on every add).
    COMPONENT_CLASSES = {"request-line--idle", "request-line--typing"}

    DEFAULT_CSS = """
    RequestLine {
        height: 1;
        background: $panel;
        & > .request-line--idle {
            background: $panel;
            color: $text-muted;
        }
        & > .request-line--typing {
            background: $primary 30%;
            color: $foreground;
        }
    }
    """

    class Clicked(Message):
        """The line was clicked: the screen starts typing into it."""

    def __init__(self, placeholder: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.placeholder = placeholder
        self.value = ""
        self.typing = False
        self._names: list[str] = []
        self._looks = Looks(self)

    def set_names(self, names: Iterable[str]) -> None:
        """The names to suggest, in the order to prefer them."""
        self._names = list(names)

    @property
    def suggestion(self) -> str:
        """The first name that starts with what was typed (any case), or ""."""
        if not self.value:
            return ""
        folded = self.value.casefold()
        return next((n for n in self._names if n.casefold().startswith(folded)), "")

    def start(self, placeholder: str) -> None:
        """Keys come here from now on; ``placeholder`` says what to type."""
        self.placeholder = placeholder
        self.value = ""
        self.typing = True
        self.refresh()

    def stop(self, placeholder: str) -> None:
        """Keys go to the screen again; what was typed is cleared."""
        self.placeholder = placeholder
        self.value = ""
        self.typing = False
        self.refresh()

    def type_key(self, event: events.Key) -> bool:
        """Edit the text with a key; False when the key is not for the line (Enter, Esc, F-keys)."""
        if event.key == "backspace":
            self.value = self.value[:-1]
        elif event.key in ("ctrl+u", "ctrl+w"):
            self.value = ""
        elif event.key in ("tab", "right", "end"):
            self.value = self.suggestion or self.value
        elif event.is_printable and event.character:
            self.value += event.character
        else:
            return False
        self.refresh()
        return True

    def paste(self, text: str) -> None:
        self.value += " ".join(text.split())
        self.refresh()

    def render_line(self, y: int) -> Strip:
        # Drawn as one line of segments (``line_text``): it changes with every typed key.
        width = self.size.width
        if y != 0:
            return Strip.blank(width, self._look(self.typing))
        if not self.typing:
            text = Text(self.placeholder)
        else:
            text = Text(self.value)
            rest = self.suggestion[len(self.value) :]
            # The cursor: a reversed cell on the first suggested letter, or on a space.
            text.append(rest[:1] or " ", style="reverse")
            text.append(rest[1:], style="dim")
            if not self.value:
                text.append("  " + self.placeholder, style="dim")
        # One cell of margin each side, and the line's own colours over its whole width.
        line = Text(" ")
        line.append_text(text)
        return text_strip(line, width, self._look(self.typing), self.app.console)

    def _look(self, typing: bool) -> Style:
        """The line's colours (kept: the line is drawn again on every typed key)."""
        return self._looks("request-line--typing" if typing else "request-line--idle")

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._looks.clear()

    def on_click(self) -> None:
        self.post_message(self.Clicked())
