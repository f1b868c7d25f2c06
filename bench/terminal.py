"""Drive a program in a real pseudo-terminal: start it, wait for text, type keys, kill it.

Used by the start-up benchmark and by the tests that kill the real app mid-meeting.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_ESCAPES = re.compile(
    rb"\x1b(\[[0-9;?<=>$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)"
)


def visible_text(output: bytes) -> str:
    """The printable part of terminal output: escape sequences removed."""
    return _ESCAPES.sub(b"", output).decode("utf-8", errors="replace")


class PtySession:
    """One program in a pty of a fixed size."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        columns: int = 120,
        lines: int = 36,
        env: Mapping[str, str] | None = None,
        pass_fds: Sequence[int] = (),
    ) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        environment = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
        environment["PYTHONPATH"] = str(ROOT)
        environment.update(env or {})
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            cwd=ROOT,
            start_new_session=True,
            close_fds=True,
            pass_fds=tuple(pass_fds),
        )
        os.close(slave)
        self.master = master
        self.output = b""

    def wait_for(self, text: str, timeout: float = 20.0, *, after: int = 0) -> float:
        """Seconds since start when ``text`` became visible (in output past byte ``after``)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if text in visible_text(self.output[after:]):
                return time.perf_counter() - self.started
            ready, _w, _x = select.select([self.master], [], [], 0.02)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    break
                self.output += chunk
        tail = visible_text(self.output)[-400:]
        raise TimeoutError(f"{text!r} did not appear; last output: {tail!r}")

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def drain(self, seconds: float = 0.0) -> None:
        """Read what the program wrote, for up to ``seconds``: a program whose output nobody
        reads blocks as soon as the terminal's buffer is full."""
        deadline = time.perf_counter() + seconds
        while True:
            ready, _w, _x = select.select(
                [self.master], [], [], max(0.0, deadline - time.perf_counter())
            )
            if not ready:
                return
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def kill(self) -> None:
        """SIGKILL: no clean-up, no atexit, no flush — the worst case for durability."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        os.close(self.master)
