"""The guards around Textual (``baz_tui.textual_guards``) are installed and still fit Textual.

They replace three of Textual's own methods; these tests fail when a Textual release moves
them, so an upgrade cannot silently drop the sanitiser of drawn lines, the error handler or the
keymap that leaves other keys alone.
"""

from __future__ import annotations

import importlib.metadata

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingsMap
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
    apply_keymap = BindingsMap.apply_keymap
    textual_guards.install()
    assert Strip.render is render and MessagePump._dispatch_message is dispatch
    assert BindingsMap.apply_keymap is apply_keymap
    assert render.__module__ == dispatch.__module__ == apply_keymap.__module__
    assert render.__module__ == "baz_tui.textual_guards"


def _keys(bindings: BindingsMap) -> list[tuple[str, str]]:
    return [(key, binding.action) for key, binding in bindings]


def test_a_remapped_key_leaves_the_other_keys_where_they_were() -> None:
    textual_guards.install()
    bindings = BindingsMap(
        [
            Binding("n", "add", id="s.add"),
            Binding("escape", "leave", id="s.back"),
            Binding("escape", "stop_typing", id="s.stop"),  # Esc also stops typing a name
            Binding("u,ctrl+z", "undo", id="s.undo"),
            Binding("x", "close", id="s.close"),
        ]
    )
    result = bindings.apply_keymap({"s.back": "q", "s.undo": "ctrl+y"})
    assert result.clashed_bindings == set()
    # Esc still stops the typing; each moved key stands where its old one stood; the two keys
    # of undo became one.
    assert _keys(bindings) == [
        ("n", "add"),
        ("q", "leave"),
        ("escape", "stop_typing"),
        ("ctrl+y", "undo"),
        ("x", "close"),
    ]


def test_a_remapped_key_takes_a_key_from_another_binding_as_in_textual() -> None:
    textual_guards.install()
    bindings = BindingsMap([Binding("n", "add", id="s.add"), Binding("v", "next", id="s.next")])
    result = bindings.apply_keymap({"s.next": "n"})
    assert {b.action for b in result.clashed_bindings} == {"add"}
    assert _keys(bindings) == [("n", "next")]
    # Keeping a key it shares with another binding takes nothing.
    shared = BindingsMap(
        [Binding("escape", "leave", id="s.back"), Binding("escape", "stop", id="s.stop")]
    )
    assert shared.apply_keymap({"s.back": "escape,q"}).clashed_bindings == set()
    assert sorted(_keys(shared)) == [("escape", "leave"), ("escape", "stop"), ("q", "leave")]
