"""A TextArea that takes a paste as it will be saved.

Text pasted from a terminal can hold colour codes and other control characters; the Store
drops them when it saves (``models.validation.clean_text``). Cleaned at the paste, what the
note-taker sees is what is saved — not "[31m" in the notes until the screen is read again.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from models.rules.validation import clean_text


class CleanTextArea(TextArea):
    async def _on_paste(self, event: events.Paste) -> None:
        # Textual calls the handler of each class in turn, this one first: TextArea's own then
        # inserts the cleaned text. (Length is the Store's to refuse, with its message, when
        # the text is saved.)
        event.text = clean_text(event.text, max_length=len(event.text) + 1)
