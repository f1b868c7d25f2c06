"""The guards around Textual (``baz_tui.textual_guards``) are installed and still fit Textual.

They wrap two of Textual's own methods; these tests fail when a Textual release moves them, so
an upgrade cannot silently drop the sanitiser of drawn lines or the error handler.
"""

from __future__ import annotations

import importlib.metadata

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.message_pump import MessagePump
from textual.strip import Strip

from baz_tui import textual_guards


def test_textual_is_the_version_the_guards_were_written_for() -> None:
    assert importlib.metadata.version("textual") == "8.2.8"


def test_every_drawn_line_loses_its_controls_and_keeps_its_width() -> None:
    textual_guards.install()
    hostile = "Jan\x1b]0;titel\x07 \u202eBos\u202c\x9b2J"
    strip = Strip([Segment(hostile, Style(bold=True)), Segment(" en Piet")])
    drawn = strip.render(Console(force_terminal=True, color_system="truecolor"))
    assert "\x1b]0;" not in drawn and "\x07" not in drawn and "\u202e" not in drawn
    assert "\x9b" not in drawn
    assert "Jan]0;titel Bos2J en Piet" in drawn.replace("\x1b[1m", "").replace("\x1b[0m", "")
    # Text without anything to remove is drawn exactly as Textual draws it.
    plain = Strip([Segment("Ria van Dongen", Style(italic=True))])
    assert plain.render(Console(force_terminal=True)) == "\x1b[3mRia van Dongen\x1b[0m"


def test_the_guards_are_in_place_once() -> None:
    textual_guards.install()
    render, dispatch = Strip.render, MessagePump._dispatch_message
    textual_guards.install()
    assert Strip.render is render and MessagePump._dispatch_message is dispatch
    assert render.__module__ == dispatch.__module__ == "baz_tui.textual_guards"
