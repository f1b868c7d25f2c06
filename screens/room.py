"""The room on their phones, as the chair's screens see it (DESIGN §5a): what the App tells
them of the room's server, and the dialog with the QR code, the address and the meeting code.

The server is a process the App owns (``baz_tui.app``), as it owns the Store; a screen never
imports ``baz_tui``. It asks the App through :class:`RoomHost`, a small protocol: is the room
of this meeting served, start it (in a thread: the server takes a moment to listen), close it.
What the App answers is an :class:`OpenRoom`, with the QR code already drawn as text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from models.i18n import _
from screens.keys import key_now_label
from screens.widgets.dialog import Dialog, shown
from screens.widgets.qr_code import QrCode


@dataclass(frozen=True, slots=True)
class OpenRoom:
    """A room served now: where phones go, its meeting code, and its QR code as text."""

    meeting_id: int
    #: ``http://<address>:<port>``: what a resident types.
    url: str
    code: str
    #: The QR code (of the address with the meeting code), drawn with half blocks.
    qr: tuple[str, ...]
    #: How to make a hotspot, when the laptop is on no network (only the laptop itself can
    #: reach the page then); empty when it is.
    no_network_help: str = ""


#: What the App calls back with once a room started: the room, or why it did not start.
RoomStarted = Callable[[OpenRoom | None, str | None], None]


@runtime_checkable
class RoomHost(Protocol):
    """What a meeting screen asks of the App about the room's server."""

    def served_room(self, meeting_id: int) -> OpenRoom | None:
        """The room of the meeting as this app serves it now; None when it does not."""
        ...

    def start_room(self, meeting_id: int, done: RoomStarted) -> None:
        """Start the room's server (in the background); ``done`` is called on the app's
        thread with the room, or with the sentence that says why it did not start."""
        ...

    def stop_room(self, meeting_id: int) -> None:
        """Close the room and stop its server."""
        ...


def open_question() -> str:
    """What the chair is asked before the room opens: what it does."""
    return _(
        "Open the room for phones? BaZ then serves a small web page on this laptop's network: "
        "with the QR code and the meeting code, people in the room vote, place dots and hand "
        "in cards from their phones. Nothing leaves this laptop; cards from phones wait for "
        "the note-taker. The room closes when you close it or leave BaZ."
    )


def room_state_text(code: str) -> str:
    """The title bar's words for an open room (never colour alone)."""
    return _("Room: open · code {code}").format(code=code)


class RoomDialog(Dialog[bool]):
    """The QR code, the address and the meeting code of the open room; answers True when the
    chair closes the room (X), False when the dialog is only closed (Esc, Enter)."""

    DEFAULT_CSS = """
    RoomDialog {
        align: center middle;
        & > Vertical {
            width: auto;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: thick $primary;
            background: $surface;
            padding: 0 1;
        }
        & Horizontal { width: auto; height: auto; }
        & #room-text { width: 40; height: auto; padding: 0 0 0 2; }
    }
    """

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        Binding("escape,enter", "answer(False)", _("Close"), show=True, id="room.close_dialog"),
        Binding("x", "answer(True)", _("Close the room"), show=True, id="room.close_room"),
    ]

    def __init__(self, room: OpenRoom) -> None:
        super().__init__()
        self.room = room

    def compose(self) -> ComposeResult:
        room = self.room
        with Vertical():
            with Horizontal():
                yield QrCode(room.qr, id="room-qr")
                yield Static(self._words(), id="room-text")

    def _words(self) -> Text:
        room = self.room
        text = Text()
        text.append(_("The room is open") + "\n\n", style="bold")
        text.append(_("Scan the code, or go to") + "\n")
        text.append(room.url + "\n\n", style="bold")
        text.append(_("Meeting code") + "\n")
        text.append(room.code + "\n\n", style="bold")
        if room.no_network_help:
            text.append_text(shown(room.no_network_help))
            text.append("\n\n")
        close = key_now_label(self.app, self.BINDINGS, "room.close_dialog")
        stop = key_now_label(self.app, self.BINDINGS, "room.close_room")
        text.append(_("{key}  back to the meeting").format(key=close) + "\n")
        text.append(_("{key}  close the room for phones").format(key=stop))
        return text

    def action_answer(self, close_room: bool) -> None:
        self.dismiss(close_room)
