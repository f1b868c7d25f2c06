"""What the room's web server asks of the Store: the phone's side of the room, nothing more.

The server holds a :class:`RoomBackend` (in the running server: the
:class:`models.store.Store`, opened on the chair's database). It never opens a session and
never writes but through these methods; there is no method here for anything the chair does,
so no route can do it either.

The records are described by their shape (the attributes the pages read), so the web layer
depends on what it shows, not on the classes in ``models/records/room.py``; mypy checks that
the Store's records have that shape where the server hands the Store in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class RoomInfoView(Protocol):
    @property
    def meeting_id(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def is_open(self) -> bool: ...


class RoomOptionView(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def label(self) -> str: ...


class RoomPollView(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def question(self) -> str: ...
    @property
    def options(self) -> Sequence[RoomOptionView]: ...
    @property
    def status(self) -> str: ...
    @property
    def ballot(self) -> str: ...
    @property
    def voted(self) -> bool: ...
    @property
    def result_text(self) -> str | None: ...


class RoomIdeaView(Protocol):
    @property
    def card_id(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def mine(self) -> int: ...


class RoomDotsView(Protocol):
    @property
    def item_id(self) -> int: ...
    @property
    def allowance(self) -> int: ...
    @property
    def used(self) -> int: ...
    @property
    def ideas(self) -> Sequence[RoomIdeaView]: ...


class RoomNowView(Protocol):
    @property
    def meeting_title(self) -> str: ...
    @property
    def is_open(self) -> bool: ...
    @property
    def item_title(self) -> str | None: ...
    @property
    def poll(self) -> RoomPollView | None: ...
    @property
    def dots(self) -> RoomDotsView | None: ...
    @property
    def cards_open(self) -> bool: ...
    @property
    def cards_item_id(self) -> int | None: ...


class RoomBackend(Protocol):
    """The Store's room methods that a phone may cause (``models/store/room.py``)."""

    def room_info(self, meeting_id: int) -> RoomInfoView | None: ...

    def room_by_code(self, code: str) -> RoomInfoView: ...

    def join_room(self, meeting_id: int) -> str: ...

    def phone_of(self, meeting_id: int, token: str) -> int: ...

    def room_now(self, meeting_id: int, phone_id: int) -> RoomNowView: ...

    def cast_phone_vote(
        self,
        meeting_id: int,
        phone_id: int,
        poll_id: int,
        option_id: int,
        card_code: str | None = None,
    ) -> object: ...

    def place_phone_dot(
        self, meeting_id: int, phone_id: int, card_id: int, delta: int
    ) -> object: ...

    def submit_phone_card(
        self, meeting_id: int, phone_id: int, item_id: int, kind: str, text: str
    ) -> int: ...


class RoomKeeper(RoomBackend, Protocol):
    """The server itself (not a phone) opens the room when it starts and closes it at the end."""

    def open_room(self, meeting_id: int) -> RoomInfoView: ...

    def close_room(self, meeting_id: int) -> object: ...

    def close(self) -> None: ...
