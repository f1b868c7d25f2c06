"""The user's own keys: a keymap file in the config folder gives BaZ's keys other keys.

``~/.config/baz/keymap.toml`` (``XDG_CONFIG_HOME`` honoured; :func:`baz_tui.config.keymap_path`)
names a key binding by its id and gives it its keys, as a person writes them::

    # The next agenda item on N instead of V; adding a speaker also on Ctrl+N.
    "agenda.next_item" = "n"
    "speakers.add_speaker" = "+, ctrl+n"

A table per screen says the same (``[agenda]`` then ``next_item = "n"``), and a list of keys
may be a TOML list. The ids are the bindings' own (``Binding.id``, ``<where>.<action>``):
``baz keys`` lists them with their keys. They are a contract with the people who wrote such a
file — a renamed id would drop their key without a word — so an id is never renamed.

The keymap is applied to the whole app with Textual's own ``App.set_keymap``: the key bar, F1
and the command palette show the new key, and the old key no longer does it. What cannot be
used — a file that is no TOML, an unknown id, a key that is not a key, an empty one, control
characters, a key another key of the same screen already has — keeps BaZ's own key and is
said in one message, in the user's language; BaZ always starts.

To know every id and which keys work together, every screen is imported: longer than drawing
the first frame, so the app applies the keymap just after it (and only when the file exists).
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from baz_tui.config import keymap_path
from models.i18n import _
from models.rules.terminal_text import printable

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import Binding
    from textual.dom import DOMNode

#: A key file is a few lines; a bigger one is not one (and is not read whole into memory).
MAX_FILE_SIZE = 64 * 1024
#: The most problems the message lists one by one; the rest are counted.
MAX_PROBLEMS_SHOWN = 8

#: Keys of the line a name or a card is typed in. While one types, the line itself takes
#: Enter, Esc and Tab (``SpeakersScreen.on_key``, ``AnalysisScreen.on_key``), whatever the
#: keymap says: another key would be shown while the old one went on working, so these stay.
TYPING_LINE_KEYS = frozenset(
    {
        "speakers.request_submit",
        "speakers.request_complete",
        "speakers.request_cancel",
        "analysis.card_submit",
        "analysis.card_cancel",
    }
)


@dataclass
class KeymapReading:
    """What a keymap file comes to: the keys BaZ uses (binding id → Textual's key names,
    comma-separated) and, one sentence each, what it could not use — or, for a file that
    cannot be read at all, why not."""

    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    unreadable: str | None = None


# ------------------------------------------------------------------------ the known keys


@dataclass(frozen=True)
class KnownKeys:
    """Every key binding of BaZ by its id, and the bindings that work together: one group
    per screen (its own keys, the app's, and those of the lists and tables on it)."""

    bindings: dict[str, Binding]
    #: Per screen: its bindings, one per key they are on (a binding with two keys twice).
    screens: tuple[tuple[Binding, ...], ...]


def binding_classes() -> list[type[DOMNode]]:
    """The classes of BaZ that can have keys: the two apps and every screen, dialog and
    widget in ``screens`` (importing each of them)."""
    from textual.dom import DOMNode

    import screens
    from baz_tui.app import BazApp
    from baz_tui.beamer import BeamerApp

    classes: list[type[DOMNode]] = [BazApp]
    for module_info in pkgutil.walk_packages(screens.__path__, "screens."):
        module = importlib.import_module(module_info.name)
        classes.extend(
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, DOMNode)
            and value.__module__ == module.__name__
        )
    classes.append(BeamerApp)
    return classes


@lru_cache(maxsize=1)
def known_keys() -> KnownKeys:
    """Every binding of BaZ by id, and which of them share a screen."""
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Input, TextArea

    from baz_tui.app import BazApp
    from baz_tui.beamer import BeamerApp
    from screens.beamer import BeamerScreen

    classes = binding_classes()
    bindings: dict[str, Binding] = {}
    for cls in classes:
        for binding in _own_bindings(cls):
            if binding.id is not None:
                bindings.setdefault(binding.id, binding)
    # A text field's own keys (Ctrl+A, Backspace …) act only while one types in it, where a
    # screen's letters do not either: they do not count.
    widgets = [c for c in classes if not issubclass(c, (App, Screen, Input, TextArea))]
    groups = []
    for screen in (c for c in classes if issubclass(c, Screen)):
        # The beamer is a program of its own (``baz beamer``) with one screen; every other
        # screen is the chair's app's. Which list or table a screen holds is known only once
        # it is built: the keys of every one of them count on every screen of the app.
        together: list[type[DOMNode]] = (
            [BeamerApp, screen] if issubclass(screen, BeamerScreen) else [BazApp, screen, *widgets]
        )
        groups.append(tuple(b for cls in together for _key, b in cls._merged_bindings or ()))
    return KnownKeys(bindings, tuple(groups))


def _own_bindings(cls: type[DOMNode]) -> Iterator[Binding]:
    """The bindings ``cls`` itself lists in ``BINDINGS`` (not those it inherits)."""
    from textual.binding import Binding

    for binding in cls.__dict__.get("BINDINGS", ()):
        if isinstance(binding, Binding):
            yield binding


# ------------------------------------------------------------------------ reading the file


def read_keymap(path: Path) -> KeymapReading | None:
    """The keymap in the file at ``path``, checked; None when there is no such file."""
    try:
        if path.stat().st_size > MAX_FILE_SIZE:
            return _unreadable(path, _("larger than {size} kB").format(size=MAX_FILE_SIZE // 1024))
        text = path.read_text(encoding="utf-8-sig")  # Notepad's byte order mark is fine too
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        return _unreadable(path, _("not UTF-8 text"))
    except OSError as error:
        from models.files import reason_of

        return _unreadable(path, reason_of(error))
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        reason = _("line {line} is not TOML").format(line=line.group(1)) if line else _("not TOML")
        return _unreadable(path, reason)
    return check_keymap(_flattened(data), known_keys())


def _unreadable(path: Path, reason: str) -> KeymapReading:
    return KeymapReading(
        unreadable=_(
            "{path} cannot be read as a key file ({reason}); BaZ uses its own keys."
        ).format(path=printable(str(path)), reason=reason)
    )


def _flattened(data: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """(id, value) pairs: ``agenda.next_item = "n"`` without quotes is a table in TOML, as
    is ``[agenda]``; both name the id "agenda.next_item"."""
    pairs: list[tuple[str, Any]] = []
    for name, value in data.items():
        if isinstance(value, dict):
            pairs.extend(_flattened(value, f"{prefix}{name}."))
        else:
            pairs.append((prefix + name, value))
    return pairs


def check_keymap(entries: list[tuple[str, Any]], known: KnownKeys) -> KeymapReading:
    """The keys of ``entries`` (id, keys as written) that BaZ can use, and why not the rest."""
    from screens.keys import key_from_text

    reading = KeymapReading()
    wanted: dict[str, list[str]] = {}
    for binding_id, value in entries:
        shown = printable(binding_id)
        written = value if isinstance(value, list) else [value]
        if not all(isinstance(piece, str) for piece in written):
            reading.problems.append(
                _('“{id}”: the key goes between quotes, like "n".').format(id=shown)
            )
            continue
        # Keys are separated by commas, as in Textual's keymaps; a comma alone is the key.
        pieces = [
            piece.strip()
            for text in written
            for piece in (["comma"] if text.strip() == "," else text.split(","))
        ]
        if not binding_id.isprintable() or not all(piece.isprintable() for piece in pieces):
            reading.problems.append(_("“{id}”: control characters are no keys.").format(id=shown))
        elif binding_id not in known.bindings:
            reading.problems.append(_unknown(shown, known))
        elif binding_id in TYPING_LINE_KEYS:
            reading.problems.append(
                _("“{id}” stays {key}: the line you type in takes that key itself.").format(
                    id=shown, key=_labels(known.bindings[binding_id].key)
                )
            )
        elif not any(pieces):
            reading.problems.append(_("“{id}” has no key.").format(id=shown))
        else:
            keys = {piece: key_from_text(piece) for piece in pieces if piece}
            bad = next((piece for piece, key in keys.items() if key is None), None)
            if bad is None:
                wanted[binding_id] = list(dict.fromkeys(k for k in keys.values() if k))
            else:
                reading.problems.append(
                    _(
                        "“{id}”: “{key}” is not a key (keys are written like n, ctrl+n, f5, "
                        "shift+up, del)."
                    ).format(id=shown, key=bad)
                )
    reading.problems.extend(_drop_clashes(wanted, known))
    reading.keymap = {binding_id: ",".join(keys) for binding_id, keys in wanted.items()}
    return reading


def _unknown(binding_id: str, known: KnownKeys) -> str:
    # Close enough to be a typing error ("agenda.next_iten"), not just the same screen.
    close = difflib.get_close_matches(binding_id, list(known.bindings), n=1, cutoff=0.8)
    if close:
        return _("“{id}” is no key of BaZ; did you mean “{close}”?").format(
            id=binding_id, close=close[0]
        )
    return _("“{id}” is no key of BaZ (“baz keys” lists them).").format(id=binding_id)


def _drop_clashes(wanted: dict[str, list[str]], known: KnownKeys) -> list[str]:
    """Take out of ``wanted`` every binding that would get a key another binding of one of
    its screens has (its own key, or the key the keymap gives it), saying so; again, until
    none is left, for a binding that keeps its own key may take it from another."""
    problems = []
    while clashes := _clashes(wanted, known):
        for binding_id, key, other in clashes:
            keys = ", ".join(_labels(k) for k in wanted[binding_id])
            what = other.description or other.action
            if other.id is not None:
                problem = _(
                    "“{id}” = {keys}: on the same screen {key} already does “{other}” ({other_id})."
                ).format(id=binding_id, keys=keys, key=_labels(key), other=what, other_id=other.id)
            else:
                problem = _(
                    "“{id}” = {keys}: on the same screen {key} already does “{other}”."
                ).format(id=binding_id, keys=keys, key=_labels(key), other=what)
            problems.append(problem)
        for binding_id, _key, _other in clashes:
            del wanted[binding_id]
    return problems


def _clashes(wanted: dict[str, list[str]], known: KnownKeys) -> list[tuple[str, str, Binding]]:
    """(id, key, the other binding) for each wanted binding that gets a key it did not have,
    which another binding of a screen it is on has too; one per id. A key a binding had
    already may be shared as it was (Esc goes back, or stops the typing of a name)."""
    found: dict[str, tuple[str, Binding]] = {}
    for bindings in known.screens:
        if not any(b.id in wanted for b in bindings):
            continue
        on_key: dict[str, list[Binding]] = {}
        for binding in bindings:
            for key in wanted.get(binding.id or "") or [binding.key]:
                together = on_key.setdefault(key, [])
                if not any(_same(binding, other) for other in together):
                    together.append(binding)
        for key, together in on_key.items():
            for binding in together:
                if binding.id not in wanted or binding.id in found:
                    continue
                if key in _own_keys(known.bindings[binding.id]):
                    continue
                other = next((b for b in together if not _same(b, binding)), None)
                if other is not None:
                    found[binding.id] = (key, other)
    return [(binding_id, key, other) for binding_id, (key, other) in found.items()]


def _own_keys(binding: Binding) -> list[str]:
    return [key.strip() for key in binding.key.split(",")]


def _same(one: Binding, other: Binding) -> bool:
    """One binding (a binding with two keys is two Binding objects with one id)."""
    if one.id is not None:
        return one.id == other.id
    return one.action == other.action and one.key == other.key


def _labels(keys: str) -> str:
    from screens.keys import key_label

    return "/".join(key_label(key.strip()) for key in keys.split(","))


# ------------------------------------------------------------------------ the app


def use_user_keymap(app: App[Any]) -> None:
    """Give ``app`` the keys of the user's keymap file, saying in one message what of it
    could not be used. Nothing happens without the file."""
    path = keymap_path()
    reading = read_keymap(path)
    if reading is None:
        return
    if reading.keymap:
        app.set_keymap(reading.keymap)
    if reading.problems or reading.unreadable:
        app.notify(
            problems_message(path, reading),
            title=_("Your own keys"),
            severity="warning",
            timeout=30,
            markup=False,
        )


def problems_message(path: Path, reading: KeymapReading) -> str:
    """The one message about what a keymap file could not give: why it cannot be read, or
    its problems, one a line."""
    if reading.unreadable is not None:
        return reading.unreadable
    problems = reading.problems
    lines = [
        _("Not every key in {path} could be used; there BaZ keeps its own:").format(
            path=printable(str(path))
        )
    ]
    lines.extend(f"• {problem}" for problem in problems[:MAX_PROBLEMS_SHOWN])
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append(_("… and {count} more.").format(count=len(problems) - MAX_PROBLEMS_SHOWN))
    return "\n".join(lines)
