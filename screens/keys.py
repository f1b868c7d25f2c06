"""Keys as BaZ names them: as the key bar shows them ("Ctrl+S", "Del"), as people write them
in their keymap file, and as the user's keymap (``baz_tui.keymap``) has moved them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from models.i18n import _

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import Binding, BindingsMap
    from textual.dom import DOMNode

#: The key of the app's help, which lists every key (unless the user's keymap moved it).
HELP_KEY = "f1"
#: The action of that key, by which it is known whatever key it is on.
HELP_ACTIONS = frozenset({"help", "app.help"})

_KEY_NAMES = {
    "delete": "Del",
    "escape": "Esc",
    "enter": "Enter",
    "backspace": "⌫",
    "slash": "/",
    "question_mark": "?",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "comma": ",",
    "full_stop": ".",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "tab": "Tab",
    "shift": "Shift",
    "ctrl": "Ctrl",
    "home": "Home",
    "end": "End",
    "alt": "Alt",
}


def key_label(key: str) -> str:
    """A key as printed on the keyboard: "f1" → "F1", "ctrl+s" → "Ctrl+S", "n" → "N", and a
    capital (Textual's name for Shift with a letter) "N" → "Shift+N"."""
    names = {**_KEY_NAMES, "space": _("Space")}
    parts = []
    for part in key.split("+"):
        label = names.get(part)
        if label is None:
            if len(part) == 1 and part.isupper():
                label = "Shift+" + part  # "N" alone would read as the N key
            elif len(part) <= 3:
                label = part.upper()  # letters and F-keys as printed on the keys ("N", "F1")
            else:
                # A character named in words ("question_mark") as the character.
                character = _character_of(part)
                printable = character is not None and character.isprintable()
                label = character if printable and character else part.capitalize()
        parts.append(label)
    return "+".join(parts)


#: Textual's modifier names, in the order Textual puts them in a key ("ctrl+shift+up").
MODIFIERS = ("alt", "ctrl", "hyper", "meta", "shift", "super")
#: Keys as people write them, and as the bar shows them, to Textual's names.
_WRITTEN_NAMES = {
    **{label.lower(): name for name, label in _KEY_NAMES.items() if name not in MODIFIERS},
    "return": "enter",
    "⏎": "enter",
    "space": "space",
}


def key_from_text(text: str) -> str | None:
    """Textual's name of a key written as a person writes it, or None when it names no key.

    "n" and "N" are the N key (the bar shows keys in capitals); "shift+n" is the capital.
    Names are case-blind and may be the bar's own: "Ctrl+S", "F5", "Del", "Esc", "PgDn",
    "Shift+↑", "Spatie"; a character may be itself or Textual's name: "?" or "question_mark".
    """
    text = text.strip()
    # "+" is a key of its own: "+", "ctrl++".
    if text == "+":
        written, base = [], "+"
    elif text.endswith("++"):
        written, base = text[:-2].split("+"), "+"
    else:
        *written, base = text.split("+")
    modifiers = [m.strip().lower() for m in written]
    if any(m not in MODIFIERS for m in modifiers) or len(set(modifiers)) < len(modifiers):
        return None
    name = _key_name(base.strip())
    if name is None:
        return None
    if len(name) == 1 and name.isalpha():
        if modifiers == ["shift"]:
            return name.upper()  # Textual's name for Shift with a letter: the capital
        name = name.lower()
    return "+".join([*sorted(modifiers), name])


def _key_name(written: str) -> str | None:
    """Textual's name of one key without modifiers ("Del" → "delete", "?" →
    "question_mark"), or None."""
    from textual.keys import _character_to_key

    if not written:
        return None
    lowered = written.lower()
    spoken = {_("Space").lower(): "space"}
    name = _WRITTEN_NAMES.get(lowered) or spoken.get(lowered)
    if name is not None:
        return name
    if len(written) == 1:
        if not written.isprintable() or written.isspace():
            return None
        return written if written.isalnum() else _character_to_key(written)
    if lowered in _named_keys():
        return lowered
    character = _character_of(lowered)
    if character is None or len(character) != 1 or not character.isprintable():
        return None
    return character if character.isalnum() else _character_to_key(character)


def _character_of(name: str) -> str | None:
    """The character Textual's key name stands for ("plus" → "+"), or None."""
    from textual.keys import REPLACED_KEYS, key_to_character

    return key_to_character(REPLACED_KEYS.get(name, name))


@lru_cache(maxsize=1)
def _named_keys() -> frozenset[str]:
    """The keys Textual names that are no character: "f5", "pagedown", "escape" …"""
    from textual.keys import Keys

    return frozenset(
        name
        for key in Keys
        if len(name := key.value.rpartition("+")[2]) > 1 and name.isidentifier()
    )


def keymap_of(app: App[Any]) -> Mapping[str, str]:
    """The user's keymap the app runs with (binding id → keys, as Textual names them)."""
    # Textual (8.2.8, pinned) keeps it in ``App._keymap`` and has no public way to read it.
    return getattr(app, "_keymap", None) or {}


def keys_now(app: App[Any], binding: Binding) -> list[str]:
    """The keys of ``binding`` as the app runs: the user's keymap's, else its own."""
    keys = keymap_of(app).get(binding.id or "") or binding.key
    return [key.strip() for key in keys.split(",")]


def key_now_label(app: App[Any], bindings: Iterable[object], binding_id: str) -> str:
    """The first key now of the binding ``binding_id`` among ``bindings`` (a class's
    ``BINDINGS``), as the bar shows it: "F1", or the key the user's keymap gives it."""
    from textual.binding import Binding

    binding = next(b for b in bindings if isinstance(b, Binding) and b.id == binding_id)
    return key_label(keys_now(app, binding)[0])


def help_key(app: App[Any]) -> str:
    """The app's help key now (F1, unless the user's keymap moved it)."""
    for _key, binding in app._bindings:
        if binding.action in HELP_ACTIONS:
            return keys_now(app, binding)[0]
    return HELP_KEY


def bindings_now(node: DOMNode) -> BindingsMap:
    """``node``'s own bindings with the user's keymap applied, as Textual applies it to the
    keys of a screen when a key comes."""
    keymap = keymap_of(node.app)
    if not keymap:
        return node._bindings
    bindings = node._bindings.copy()
    bindings.apply_keymap(keymap)
    return bindings
