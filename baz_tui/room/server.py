"""The room's server as a process: ``baz zaal`` runs it in the foreground, the chair's app
starts it beside itself with :func:`start_room_server` and stops it when it exits.

The server is always a process of its own (``python -m baz_tui.room.server``), with its own
Store on the chair's database: a burst of phones never takes time from the chair's keys, and
the chair's screens follow what phones did through the database's change signal, as they
follow a second laptop. On start it opens the meeting's room (its code for the phones); when
it stops — Ctrl+C, :meth:`RoomServer.stop`, or the chair's app gone (its end of the pipe to
this process closes) — it closes the room again, so no phone acts on a room nobody serves.

This module imports nothing heavy at the top: the chair's app imports it to start the server.
"""

from __future__ import annotations

import argparse
import os
import queue
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from baz_tui.room.network import LOOPBACK, WILDCARDS, shown_host, url_host
from models.errors import BazError
from models.i18n import _

if TYPE_CHECKING:
    import uvicorn

    from baz_tui.room.security import Bucket, RateLimiter
    from models.store import Store

READY = "BAZ-ROOM READY"
FAILED = "BAZ-ROOM ERROR"
#: How long :func:`start_room_server` waits for the server to take connections.
START_TIMEOUT = 20.0


@dataclass(frozen=True, slots=True)
class RoomStarted:
    """A server that takes connections: where the phones go, and the meeting code."""

    host: str
    port: int
    code: str

    @property
    def url(self) -> str:
        return f"http://{url_host(self.host)}:{self.port}"

    @property
    def join_url(self) -> str:
        """The address in the QR code: it carries the meeting code, so a scan joins."""
        return f"{self.url}/?c={self.code}"


def allowed_hosts(host: str) -> set[str] | None:
    """The Host headers a phone may send to a server bound to ``host`` (None: any)."""
    if host in WILDCARDS:
        return None
    hosts = {host.lower()}
    if host == LOOPBACK:
        hosts.add("localhost")
    return hosts


def serve(
    target: str,
    meeting_id: int,
    host: str,
    port: int,
    *,
    ready: Callable[[RoomStarted], None] | None = None,
    watch_stdin: bool = False,
    rate_limits: dict[str, Bucket] | None = None,
) -> None:
    """Open the room of ``meeting_id`` and serve it on ``host:port`` until stopped; the room
    keeps the address phones type (for every network: the laptop's on the local one), which
    the beamer shows.

        ``target`` is the database (a path or SQLAlchemy URL, as ``--db``). ``port`` 0 takes a
        free port. ``ready`` is called once the socket listens. ``watch_stdin``: stop when standard
        input ends (the parent process went away). ``rate_limits`` replaces some of the buckets per
    client address (:func:`rate_limiter`); the defaults are the strict ones. Raises :class:`BazError` when the address
        cannot be used or the room cannot be opened.
    """
    import uvicorn

    from baz_tui.room.app import create_app

    store = _open_store(target)
    try:
        listener = _listen(host, port)
        try:
            port = listener.getsockname()[1]
            address = RoomStarted(shown_host(host), port, "").url
            info = store.open_room(meeting_id, address)
            try:
                app = create_app(
                    store,
                    meeting_id,
                    allowed_hosts=allowed_hosts(host),
                    limiter=rate_limiter(rate_limits),
                )
                config = uvicorn.Config(
                    app,
                    log_level="warning",
                    access_log=False,
                    lifespan="off",
                    proxy_headers=False,
                    server_header=False,
                    timeout_keep_alive=5,
                    timeout_graceful_shutdown=3,
                    limit_concurrency=400,
                    h11_max_incomplete_event_size=16 * 1024,
                )
                server = uvicorn.Server(config)
                if watch_stdin:
                    _stop_when_stdin_ends(server)
                if ready is not None:
                    ready(RoomStarted(host, port, info.code))
                server.run(sockets=[listener])
            finally:
                try:
                    store.close_room(meeting_id)
                except BazError:
                    pass  # the database went away: nothing left to close
        finally:
            listener.close()
    finally:
        store.close()


def rate_limiter(changes: dict[str, Bucket] | None = None) -> RateLimiter:
    """The limits per client address: the strict defaults, with ``changes`` in their place.

    Only a load test on 127.0.0.1 raises them (``python -m bench.zaal``: one address plays
    200 phones, and says so); a room is always served with the defaults."""
    from baz_tui.room import security

    buckets = {"post": security.POSTS, "join": security.JOINS, "page": security.PAGES}
    unknown = set(changes or {}) - set(buckets)
    if unknown:
        raise ValueError(f"no rate limit called {', '.join(sorted(unknown))}")
    return security.RateLimiter({**buckets, **(changes or {})})


def parse_rate_limit(text: str) -> tuple[str, Bucket]:
    """``KIND=CAPACITY/PER_SECOND`` (``join=400/40``) as given to ``--rate-limit``."""
    from baz_tui.room.security import Bucket

    kind, _is, shape = text.partition("=")
    capacity, _slash, per_second = shape.partition("/")
    try:
        bucket = Bucket(float(capacity), float(per_second))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not KIND=CAPACITY/PER_SECOND: {text!r}") from None
    if kind not in ("post", "join", "page") or bucket.capacity < 1 or bucket.per_second < 0:
        raise argparse.ArgumentTypeError(f"not KIND=CAPACITY/PER_SECOND: {text!r}")
    return kind, bucket


def _open_store(target: str) -> Store:
    from models.store import Store

    return Store.open(target)


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    try:
        if os.name != "nt":  # on Windows this would let two servers share the port
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(128)
    except OSError as error:
        listener.close()
        raise BazError(
            _("Cannot serve the room on {host}:{port}: {reason}").format(
                host=host, port=port, reason=error.strerror or error
            )
        ) from error
    listener.set_inheritable(True)
    return listener


def _stop_when_stdin_ends(server: uvicorn.Server) -> None:
    def watch() -> None:
        try:
            while sys.stdin.buffer.read(1024):
                pass
        except (OSError, ValueError):
            pass
        server.should_exit = True

    threading.Thread(target=watch, name="baz-room-parent", daemon=True).start()


# ----------------------------------------------------------------------------- the subprocess


@dataclass
class RoomServer:
    """A room server running as a child process; :meth:`stop` ends it (and closes the room)."""

    process: subprocess.Popen[bytes]
    started: RoomStarted
    log: IO[bytes] = field(repr=False)

    @property
    def url(self) -> str:
        return self.started.url

    @property
    def join_url(self) -> str:
        return self.started.join_url

    @property
    def code(self) -> str:
        return self.started.code

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 5.0) -> None:
        """End the server: gently (its stdin closes; it closes the room), else by force."""
        try:
            if self.process.poll() is None:
                _close(self.process.stdin)
                try:
                    self.process.wait(timeout)
                except subprocess.TimeoutExpired:
                    self.process.terminate()
                    try:
                        self.process.wait(2)
                    except subprocess.TimeoutExpired:
                        self.process.kill()
                        self.process.wait()
        finally:
            _close(self.process.stdin)
            _close(self.process.stdout)
            self.log.close()

    def __enter__(self) -> RoomServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_room_server(
    db_url: str,
    meeting_id: int,
    host: str = LOOPBACK,
    port: int = 0,
    *,
    rate_limits: dict[str, Bucket] | None = None,
) -> RoomServer:
    """Start the room of ``meeting_id`` in its own process; return once it takes connections.

    ``rate_limits``: limits per client address other than the strict defaults — for a load
    test from one address only (:func:`rate_limiter`).

    Raises :class:`BazError` with the server's own sentence when it cannot start (the address
    is taken, the meeting does not exist, …).
    """
    from models.i18n import current_language

    root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    log = tempfile.TemporaryFile(prefix="baz-room-")
    command = [
        sys.executable,
        "-m",
        "baz_tui.room.server",
        "--db",
        db_url,
        "--meeting",
        str(meeting_id),
        "--host",
        host,
        "--port",
        str(port),
        "--lang",
        current_language(),
        "--watch-stdin",
    ]
    for kind, bucket in (rate_limits or {}).items():
        command += ["--rate-limit", f"{kind}={bucket.capacity:g}/{bucket.per_second:g}"]
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=env
    )
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for raw in process.stdout:
            lines.put(raw.decode("utf-8", "replace").strip())
        lines.put("")

    threading.Thread(target=read, name="baz-room-start", daemon=True).start()
    try:
        line = lines.get(timeout=START_TIMEOUT)
    except queue.Empty:
        line = ""
    if line.startswith(READY + " "):
        _word, _ready, port_text, code = line.split(" ", 3)
        return RoomServer(process, RoomStarted(host, int(port_text), code), log)
    server = RoomServer(process, RoomStarted(host, port, ""), log)
    server.stop(timeout=1)
    reason = line.removeprefix(FAILED).strip() if line.startswith(FAILED) else ""
    raise BazError(reason or _("The room's server did not start."))


def _close(stream: IO[bytes] | None) -> None:
    if stream is not None:
        try:
            stream.close()
        except OSError:
            pass


# ----------------------------------------------------------------------------- the child's main


def main(argv: list[str] | None = None) -> int:
    """``python -m baz_tui.room.server``: what :func:`start_room_server` runs."""
    from baz_tui.i18n import SUPPORTED, install_language

    parser = argparse.ArgumentParser(prog="baz_tui.room.server")
    parser.add_argument("--db", required=True)
    parser.add_argument("--meeting", type=int, required=True)
    parser.add_argument("--host", default=LOOPBACK)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--lang", choices=SUPPORTED, default="nl")
    parser.add_argument("--watch-stdin", action="store_true")
    parser.add_argument(
        "--rate-limit",
        action="append",
        type=parse_rate_limit,
        default=[],
        metavar="KIND=CAPACITY/PER_SECOND",
        help="replace a limit per client address (post, join, page): load tests only",
    )
    args = parser.parse_args(argv)
    install_language(args.lang)

    def ready(started: RoomStarted) -> None:
        print(f"{READY} {started.port} {started.code}", flush=True)

    try:
        serve(
            args.db,
            args.meeting,
            args.host,
            args.port,
            ready=ready,
            watch_stdin=args.watch_stdin,
            rate_limits=dict(args.rate_limit) or None,
        )
    except BazError as error:
        print(f"{FAILED} {' '.join(error.message.split())}", flush=True)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
