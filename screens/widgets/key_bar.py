"""The keys of a screen at the bottom, every one visible: on one line, or two, or the keys of
the moment followed by "F1 more" — drawn as a compact Footer draws them, without widgets.

Textual's Footer is a row of widgets that it removes and mounts again whenever the keys may
have changed (after each focus change, after each action that enables or disables a key): a
layout of the screen and a second frame after the one that showed the action. ``KeyBar`` is
text; a change of the keys repaints it, and only a change in the number of its lines (another
set of keys, another width) lays the screen out again.

The Footer cuts a line wider than the screen anywhere ("… f1 He"): the keys at the end, often
Help and Back, were the ones a new user could not see. Here a key is never cut. When the keys
do not fit on one line they go on a second; when they do not fit on two, the keys that cannot
act now go first, then Quit, then the ones at the end, and the bar ends in "F1 more" — F1 lists
every key of the screen with what it does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.strip import Strip
from textual.widget import Widget

from models.i18n import _
from screens.keys import HELP_ACTIONS, HELP_KEY, help_key, key_label

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen

#: The most lines the bar takes; beyond that, keys make way for "F1 more".
MAX_LINES = 2
#: Keys that make way before other keys that can act (Quit is one press away in F1 and the
#: palette, and everything is saved anyway).
YIELDING_ACTIONS = frozenset({"quit", "app.quit"})


@dataclass(frozen=True, slots=True)
class _Key:
    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    action: str = ""

    @property
    def width(self) -> int:
        return cell_len(self.display) + (1 + cell_len(self.description) if self.description else 0)


@dataclass(frozen=True, slots=True)
class _Placed:
    """A key on the bar: its line and its first and end cell."""

    key: _Key
    line: int
    start: int
    end: int


def arrange(
    keys: tuple[_Key, ...], width: int, more: str, help_key: str = HELP_KEY
) -> tuple[_Placed, ...]:
    """Where each shown key goes on at most ``MAX_LINES`` lines of ``width`` cells.

    All keys in their order when they fit; else the help key becomes "F1 ``more``" at the end
    and keys make way, in this order, until the rest fits: the ones that cannot act now (last
    first), the yielding ones (Quit), then the others from the end. A key is never cut.
    ``help_key``: the key of help when it is not among ``keys``.
    """
    placed = _wrap(keys, width)
    if placed is not None:
        return placed
    shown_help = next((k for k in keys if k.action in HELP_ACTIONS), None)
    closing = _Key(
        shown_help.key if shown_help else help_key,
        shown_help.display if shown_help else key_label(help_key),
        more,
        True,
        shown_help.tooltip if shown_help else "",
        shown_help.action if shown_help else "help",
    )
    rest = [k for k in keys if k is not shown_help]
    order = (
        [k for k in reversed(rest) if not k.enabled]
        + [k for k in reversed(rest) if k.enabled and k.action in YIELDING_ACTIONS]
        + [k for k in reversed(rest) if k.enabled and k.action not in YIELDING_ACTIONS]
    )
    dropped: set[int] = set()
    for key in order:
        dropped.add(id(key))
        shown = tuple(k for k in rest if id(k) not in dropped) + (closing,)
        placed = _wrap(shown, width)
        if placed is not None:
            return placed
    return _wrap((closing,), max(width, closing.width)) or ()


def _wrap(keys: tuple[_Key, ...], width: int) -> tuple[_Placed, ...] | None:
    """The keys on lines of ``width`` cells, breaking between keys; None when they need more
    than ``MAX_LINES`` lines."""
    placed = []
    line = x = 0
    for key in keys:
        end = x + key.width
        if x and end > width:
            line += 1
            x, end = 0, key.width
            if line >= MAX_LINES:
                return None
        if end > width:
            return None
        placed.append(_Placed(key, line, x, end))
        x = end + 1  # one cell between two keys
    return tuple(placed)


class KeyBar(Widget, can_focus=False):
    """The keys of the screen, one per action, dimmed when they do not apply now, a tooltip
    on hover, a click presses the key. Groups of keys are shown as keys side by side with one
    description ("A K W present · notice · absent")."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "keybar--item",
        "keybar--key",
        "keybar--description",
        "keybar--hover",
    }
    # The colours of the compact Footer and its keys.
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .keybar--item {
            background: $footer-item-background;
        }
        & > .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keybar--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._keys: tuple[_Key, ...] = ()
        #: The keys as shown: on which line, from which cell to which.
        self._placed: tuple[_Placed, ...] = ()
        self._placed_width = -1
        self._lines_kept = 1
        self._hover = -1
        self._lines: dict[int, Strip] = {}
        self._style_cache: dict[tuple[bool, bool], tuple[Style, Style, Style]] = {}

    @property
    def shown_keys(self) -> tuple[str, ...]:
        """The keys on the bar now, as their labels ("N", "Esc", "F1"), in order (tests)."""
        return tuple(p.key.display for p in self._placed)

    def text_lines(self) -> list[str]:
        """The bar as plain text, a string per line (tests, and reading it aloud)."""
        lines = [""] * (max((p.line for p in self._placed), default=0) + 1)
        for placed in self._placed:
            text = placed.key.display + (
                " " + placed.key.description if placed.key.description else ""
            )
            lines[placed.line] = (lines[placed.line] + " " + text).lstrip()
        return lines

    def on_mount(self) -> None:
        # At once, not posted: the keys are then in the same frame as what changed them.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed, immediate=True)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        # As the Footer: the keys follow the focus only while the terminal has it.
        if not screen.app.app_focus or screen is not self.screen:
            return
        keys = self._read(screen)
        if keys != self._keys:
            self._keys = keys
            self._hover = -1
            self._arrange()

    def _read(self, screen: Screen[Any]) -> tuple[_Key, ...]:
        """The keys the Footer would show: bindings with ``show``, one per action.

        The keys of a ``Binding.Group`` stand side by side with the group's description after
        the last of them ("a k w present · notice · absent"), each its own key to click.
        """
        seen: set[str] = set()
        shown: list[tuple[Binding, bool, str]] = []
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            shown.append((binding, enabled, tooltip))
        keys = []
        for index, (binding, enabled, tooltip) in enumerate(shown):
            group = binding.group
            description = binding.description
            if group is not None:
                following = shown[index + 1][0].group if index + 1 < len(shown) else None
                description = "" if following == group else group.description
            keys.append(
                _Key(
                    binding.key,
                    binding.key_display or key_label(binding.key),
                    description,
                    bool(enabled),
                    # A key of a group shows no description of its own: its tooltip does.
                    tooltip or (binding.description if group is not None else ""),
                    binding.action,
                )
            )
        return tuple(keys)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._placed_width:
            self._arrange()

    def _arrange(self) -> None:
        width = self.size.width
        if width <= 0:
            return
        self._placed = arrange(self._keys, width, _("more"), help_key(self.app))
        needed = max((p.line for p in self._placed), default=0) + 1
        # The bar keeps the most lines it needed at this width: a bar that shrank while a
        # name is typed and grew after Enter would lay the whole screen out twice, a second
        # frame after the one that showed the key (on the big meeting 40 ms instead of 7).
        lines = needed if width != self._placed_width else max(needed, self._lines_kept)
        self._placed_width = width
        self._lines_kept = lines
        self._lines.clear()
        if self.styles.height is None or self.styles.height.value != lines:
            # Only a change in the number of lines lays the screen out again.
            self.styles.height = lines
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()
        self._style_cache.clear()

    def _styles(self, enabled: bool, hover: bool) -> tuple[Style, Style, Style]:
        """Key, description and margin styles, composed as FooterKey composes them."""
        base = self._blank_style()
        item = self.get_component_styles("keybar--item")
        background = self.background_colors[1] + item.background
        if hover:
            background += self.get_component_styles("keybar--hover").background
        parts = []
        for name in ("keybar--key", "keybar--description"):
            component = self.get_component_styles(name)
            part_background = background + component.background
            style = Style.from_color(
                (part_background + component.color).rich_color, part_background.rich_color
            )
            style += component.text_style
            if not enabled:
                style += Style(dim=True)
            parts.append(style)
        return parts[0], parts[1], base

    def _blank_style(self) -> Style:
        """The background between and after the keys (the Footer's own)."""
        return Style(bgcolor=self.rich_style.bgcolor)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        line = self._lines.get(y)
        if line is None:
            segments: list[Segment] = []
            x = 0
            for index, placed in enumerate(self._placed):
                if placed.line != y:
                    continue
                key = placed.key
                state = (key.enabled, index == self._hover)
                styles = self._style_cache.get(state)
                if styles is None:
                    styles = self._style_cache[state] = self._styles(*state)
                key_style, description_style, margin = styles
                if placed.start > x:
                    segments.append(Segment(" " * (placed.start - x), margin))
                segments.append(Segment(key.display, key_style))
                if key.description:
                    segments.append(Segment(" " + key.description, description_style))
                x = placed.end
            line = self._lines[y] = Strip(segments)
        return line.crop_extend(0, width, self._blank_style())

    # ------------------------------------------------------------------ mouse

    def _key_at(self, event: events.MouseEvent) -> int:
        offset = event.get_content_offset(self)
        if offset is None:
            return -1
        return next(
            (
                i
                for i, p in enumerate(self._placed)
                if p.line == offset.y and p.start <= offset.x < p.end
            ),
            -1,
        )

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._key_at(event)
        if index != self._hover:
            self._hover = index
            self._lines.clear()
            self.tooltip = self._placed[index].key.tooltip or None if index >= 0 else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover != -1:
            self._hover = -1
            self._lines.clear()
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._key_at(event)
        if index < 0:
            return
        # Also a key that cannot act now: the screen says why (``MeetingScreen``).
        self.app.simulate_key(self._placed[index].key.key)
