"""The keys of a screen on one line, drawn as a compact Footer draws them, without widgets.

Textual's Footer is a row of widgets that it removes and mounts again whenever the keys may
have changed (after each focus change, after each action that enables or disables a key): a
layout of the screen and a second frame after the one that showed the action. ``KeyBar`` is one
line of text; a change of the keys repaints that line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True, slots=True)
class _Key:
    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


class KeyBar(ScrollView, can_focus=False):
    """The keys of the screen as ``Footer(compact=True, show_command_palette=False)`` shows
    them: one per action, dimmed when they do not apply now, a tooltip on hover, a click
    presses the key, the wheel scrolls a line wider than the screen. Groups of keys are shown as
    keys side by side with one description.
    """

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
        /* No scrollbars: a line of keys wider than the screen is cut, and the wheel scrolls it
           sideways. (With "auto", a scrollbar of no size would come and go with the keys.) */
        scrollbar-size: 0 0;
        overflow: hidden hidden;
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
        #: (first cell, end cell) of each key on the line.
        self._spans: tuple[tuple[int, int], ...] = ()
        self._hover = -1
        self._line: Strip | None = None
        self._style_cache: dict[tuple[bool, bool], tuple[Style, Style, Style]] = {}

    def on_mount(self) -> None:
        # At once, not posted: the keys are then in the same frame as what changed them.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed, immediate=True)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # As the Footer: the keys follow the focus only while the terminal has it.
        if not screen.app.app_focus or screen is not self.screen:
            return
        keys = self._read(screen)
        if keys != self._keys:
            self._keys = keys
            self._hover = -1
            self._layout_keys()

    def _read(self, screen: Screen) -> tuple[_Key, ...]:
        """The keys the Footer would show: bindings with ``show``, one per action.

        The keys of a ``Binding.Group`` stand side by side with the group's description after
        the last of them ("a k w present · notice · absent"), each its own key to click.
        """
        app = screen.app
        seen: set[str] = set()
        shown = []
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
                    app.get_key_display(binding),
                    description,
                    bool(enabled),
                    # A key of a group shows no description of its own: its tooltip does.
                    tooltip or (binding.description if group is not None else ""),
                )
            )
        return tuple(keys)

    def _layout_keys(self) -> None:
        spans = []
        x = 0
        for key in self._keys:
            width = cell_len(key.display)
            if key.description:
                width += 1 + cell_len(key.description)
            spans.append((x, x + width))
            x += width + 1  # the margin after each key
        self._spans = tuple(spans)
        self._line = None
        size = Size(x, 1)
        if size != self.virtual_size:
            # Not the reactive: its layout of the screen is not needed for a line of fixed size.
            self.set_reactive(Widget.virtual_size, size)
            if self.container_size:
                self._scroll_update(size)
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line = None
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
        if y != 0:
            return Strip.blank(width, self._blank_style())
        if self._line is None:
            segments: list[Segment] = []
            for index, key in enumerate(self._keys):
                state = (key.enabled, index == self._hover)
                styles = self._style_cache.get(state)
                if styles is None:
                    styles = self._style_cache[state] = self._styles(*state)
                key_style, description_style, margin = styles
                segments.append(Segment(key.display, key_style))
                if key.description:
                    segments.append(Segment(" " + key.description, description_style))
                segments.append(Segment(" ", margin))
            self._line = Strip(segments)
        scroll_x = self.scroll_offset.x
        return self._line.crop_extend(scroll_x, scroll_x + width, self._blank_style())

    # ------------------------------------------------------------------ mouse

    def _key_at(self, event: events.MouseEvent) -> int:
        offset = event.get_content_offset(self)
        if offset is None:
            return -1
        x = offset.x + self.scroll_offset.x
        return next((i for i, (start, end) in enumerate(self._spans) if start <= x < end), -1)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._key_at(event)
        if index != self._hover:
            self._hover = index
            self._line = None
            self.tooltip = self._keys[index].tooltip or None if index >= 0 else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover != -1:
            self._hover = -1
            self._line = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._key_at(event)
        if index < 0:
            return
        key = self._keys[index]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    # As the Footer: the wheel scrolls a line of keys wider than the screen sideways.
    def _scroll_keys(self, event: events.MouseEvent, cells: int) -> None:
        target = max(0, min(self.max_scroll_x, self.scroll_offset.x + cells))
        if target != self.scroll_offset.x:
            self.scroll_to(x=target, animate=False, force=True)
            event.stop()
            event.prevent_default()

    def _on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._scroll_keys(event, 4)

    def _on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._scroll_keys(event, -4)
