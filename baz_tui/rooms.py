"""The room servers of the chair's app: started with Z on a meeting screen, stopped with X in
the room's dialog or when the app ends — however it ends (DESIGN §5a).

Each is a process of its own (``baz_tui.room.server.start_room_server``), so a burst of phones
never takes time from the chair's keys. It binds where ``baz zaal`` binds by default: the
laptop's address on the local network, else only the laptop itself (and the dialog then says
how to make a hotspot) — never every network without the chair asking.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from models.errors import BazError
from models.i18n import _
from screens.room import OpenRoom

#: The port of the room, as ``baz zaal`` serves it by default (``baz_tui.cli_room``).
ROOM_PORT = 8765


class ServedRoom(Protocol):
    """What starting a room's server gives back (``RoomServer``)."""

    @property
    def url(self) -> str: ...

    @property
    def join_url(self) -> str: ...

    @property
    def code(self) -> str: ...

    @property
    def running(self) -> bool: ...

    def stop(self, timeout: float = 5.0) -> None: ...


#: Starts a server: (database, meeting id, host, port) → the running server; raises BazError.
RoomStarter = Callable[[str, int, str, int], ServedRoom]


def _start_server(db_url: str, meeting_id: int, host: str, port: int) -> ServedRoom:
    from baz_tui.room.server import start_room_server

    return start_room_server(db_url, meeting_id, host, port)


class RoomServers:
    """The servers this app runs, one per meeting at most."""

    def __init__(
        self, start: RoomStarter | None = None, host: str | None = None, port: int = ROOM_PORT
    ) -> None:
        self._start = start or _start_server
        #: Where to bind; None: the laptop's address on the local network (as ``baz zaal``).
        self._host = host
        self._port = port
        self._servers: dict[int, tuple[ServedRoom, OpenRoom]] = {}
        self._lock = threading.Lock()
        self._ended = False

    def served(self, meeting_id: int) -> OpenRoom | None:
        """The room of ``meeting_id`` while its server runs (one that died is forgotten)."""
        with self._lock:
            entry = self._servers.get(meeting_id)
            if entry is None:
                return None
            if not entry[0].running:
                del self._servers[meeting_id]
                return None
            return entry[1]

    def start(self, db_url: str, meeting_id: int) -> OpenRoom:
        """Start the room of ``meeting_id`` (blocking: run it in a thread); the room as the
        dialog shows it. Raises :class:`BazError` with one sentence when it cannot start."""
        from baz_tui.room.network import LOOPBACK, hotspot_help, local_address
        from models.rules.qr import qr_lines

        served = self.served(meeting_id)
        if served is not None:
            return served
        help_text = ""
        host = self._host
        if host is None:
            host = local_address()
            if host is None:
                host = LOOPBACK
                help_text = (
                    _(
                        "This laptop is on no local network, so only this laptop itself can "
                        "open the page."
                    )
                    + "\n"
                    + hotspot_help()
                )
        server = self._start(db_url, meeting_id, host, self._port)
        room = OpenRoom(
            meeting_id=meeting_id,
            url=server.url,
            code=server.code,
            qr=tuple(qr_lines(server.join_url)),
            no_network_help=help_text,
        )
        with self._lock:
            if not self._ended:
                self._servers[meeting_id] = (server, room)
                return room
        server.stop()  # the app ended while it started: nobody serves it
        raise BazError(_("BaZ was closed while the room started."))

    def stop(self, meeting_id: int, *, wait: bool = False) -> None:
        """Stop the server of ``meeting_id`` (it closes the room as it ends); in the
        background unless ``wait``."""
        with self._lock:
            entry = self._servers.pop(meeting_id, None)
        if entry is None:
            return
        if wait:
            entry[0].stop()
        else:
            threading.Thread(target=entry[0].stop, name="baz-room-stop", daemon=True).start()

    def stop_all(self) -> None:
        """The app ends: stop every server and wait for them; later starts stop at once."""
        with self._lock:
            self._ended = True
            entries, self._servers = list(self._servers.values()), {}
        for server, _room in entries:
            try:
                server.stop()
            except OSError:
                pass  # gone already


def database_target(store_database: object) -> str:
    """The database of the app as the server process opens it: the SQLite file, or the URL
    of a database server. A private in-memory database cannot be shared: refused."""
    sqlite_path = getattr(store_database, "sqlite_path", None)
    if sqlite_path is not None:
        return str(sqlite_path)
    engine = getattr(store_database, "engine", None)
    if engine is None or engine.dialect.name == "sqlite":
        raise BazError(_("This database lives only in this app; the room cannot share it."))
    return str(engine.url.render_as_string(hide_password=False))
