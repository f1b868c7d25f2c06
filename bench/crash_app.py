"""Crash safety of the real app: random keys on every screen, killed with SIGKILL, many times.

``bench.crash`` kills a scripted meeting written straight through the Store. This runs the
real app (``baz``, the Textual app as a user starts it) in a real pseudo-terminal and types
into it: first the note-taker's notes on the agenda (typed without a pause, a letter every
40 ms), then bursts of random keys on random screens — the keys the screens bind, letters and
digits for whatever field is open, Enter, Escape, Tab, arrows, Delete, undo, the F-keys. At a
random moment the app is killed with SIGKILL, and the files it left are checked:

- **no acknowledged action is lost.** The child process is the real app with two hooks (here,
  not in BaZ): just before each transaction commits, it writes ``pending <digest>`` — a digest
  of every row of every table as that transaction sees it — to a pipe; when the Store call
  returns, ``ack``. An action whose Store call returned is acknowledged: the screen shows it
  as done right after. The database after the kill must hold exactly the state of the last
  acknowledged commit, or of a commit after it (in flight: committed, not yet acknowledged) —
  never an earlier one;
- **notes included.** Of the notes typed without a pause, everything typed more than
  ``NOTES_SAVE_CEILING`` (and a margin for the terminal) before the kill is in the database;
- ``PRAGMA integrity_check`` is ok, and the next run of the app starts on the files as the
  kill left them (hot WAL and all) and goes on: the same evening, crashed again and again. When
  the meeting is gone (random keys on the list of meetings can delete it), a new round starts
  from the evening of ``bench.evening``.

    python -m bench.crash --app --kills 20          # or: python -m bench.crash_app --kills 20
    python -m bench.crash --app --kills 50 --seed 3 --json crash-app.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import select
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.terminal import PtySession

ROOT = Path(__file__).resolve().parents[1]

#: The terminal's bytes for the keys the random phase presses.
KEYS: dict[str, str] = {
    **{ch: ch for ch in "abdeghiklmnoprstuvwxy+-,.0123456789/"},
    "space": " ",
    "enter": "\r",
    "escape": "\x1b",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "shift+up": "\x1b[1;2A",
    "shift+down": "\x1b[1;2B",
    "delete": "\x1b[3~",
    "ctrl+z": "\x1a",
    "ctrl+s": "\x13",
    "f2": "\x1bOQ",
    "f3": "\x1bOR",
    "f4": "\x1bOS",
    "f5": "\x1b[15~",
    "f6": "\x1b[17~",
    "f7": "\x1b[18~",
    "f8": "\x1b[19~",
}
SCREEN_KEYS = ("f2", "f3", "f4", "f5", "f6", "f7", "f8")
#: Not Tab: it would put the agenda's notes in reach of the random keys, whose edits (and an
#: item deleted on purpose) must not count as notes lost. Not Ctrl+Q: the app would end.
NOTES = (
    "De bewoners willen meer schaduw op het plein en bankjes bij de zandbak. "
    "De gemeente kijkt of de toestellen dit voorjaar vervangen kunnen worden. "
)
#: A letter of the notes every so many seconds: a fast typist who never pauses.
TYPING_INTERVAL = 0.04
#: What the terminal and a loaded machine may add to the two seconds of the notes' ceiling.
NOTES_MARGIN = 1.0


# ------------------------------------------------------------------------------ digests


def digest(connection: sqlite3.Connection) -> str:
    """Every row of every table, in rowid order, as one hash (the same for the same content)."""
    hashed = hashlib.sha1()
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    for name in names:
        hashed.update(name.encode())
        for row in connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
            hashed.update(repr(row).encode())
    return hashed.hexdigest()[:16]


def file_digest(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return digest(connection)
    finally:
        connection.close()


# ---------------------------------------------------------------------------- the child


def child_main(database: Path, fd: int) -> None:
    """The real app with the two acknowledgement hooks; run in the pty by the parent."""
    import threading
    from contextlib import contextmanager

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from models.store import base as store_base

    def say(line: str) -> None:
        os.write(fd, (line + "\n").encode())

    say("# started")

    def before_commit(connection: Any) -> None:
        raw = connection.connection.driver_connection
        say(f"pending {threading.get_ident()} {digest(raw)}")

    event.listen(Engine, "commit", before_commit)

    def acknowledged(original: Any) -> Any:
        @contextmanager
        def transaction(self: Any) -> Iterator[Any]:
            with original(self) as unit:
                yield unit
            say(f"ack {threading.get_ident()}")  # committed, and the Store call returns now

        return transaction

    for name in ("_transaction", "_core_transaction"):
        method = getattr(store_base.StoreBase, name)
        setattr(store_base.StoreBase, name, acknowledged(method))
    from baz_tui import cli

    sys.exit(cli.main(["--lang", "nl", "--db", str(database)]))


# --------------------------------------------------------------------------- the parent


@dataclass
class Run:
    """What one child said: its commits (thread, digest) in commit order, and its acks."""

    lines: list[str] = field(default_factory=list)

    def feed(self, data: bytes, partial: list[bytes]) -> None:
        partial.append(data)
        joined = b"".join(partial)
        *complete, rest = joined.split(b"\n")
        partial[:] = [rest]
        self.lines.extend(line.decode() for line in complete)

    def allowed(self, before: str) -> tuple[set[str], int, str]:
        """The digests the database may have after a kill, the number of acknowledged
        commits, and the acknowledged digest (``before``: the state when the child began)."""
        pendings: list[tuple[str, str]] = []
        acked_index = -1
        open_by_thread: dict[str, int] = {}
        acks = 0
        for line in self.lines:
            parts = line.split()
            if parts[:1] == ["pending"]:
                pendings.append((parts[1], parts[2]))
                open_by_thread[parts[1]] = len(pendings) - 1
            elif parts[:1] == ["ack"] and parts[1] in open_by_thread:
                acked_index = max(acked_index, open_by_thread.pop(parts[1]))
                acks += 1
        acked = pendings[acked_index][1] if acked_index >= 0 else before
        return {acked, *(d for _t, d in pendings[acked_index + 1 :])}, acks, acked


@dataclass
class Kill:
    round: int
    child: int
    seconds: float
    commits: int
    acknowledged: int
    in_flight_committed: bool
    integrity: str
    #: Killed while the notes were typed: then the notes are checked.
    during_notes: bool
    notes_typed: int
    notes_due: int
    notes_saved: int


@dataclass
class Outcome:
    kills: list[Kill] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    rounds: int = 1
    keys_sent: int = 0


def base_database(folder: Path) -> Path:
    """An evening, everyone present, the meeting started (made once, copied per round)."""
    from baz_tui.i18n import install_language
    from bench.evening import make_evening
    from models.store import Store

    install_language("nl")
    path = folder / "base.db"
    store = Store.open(path)
    make_evening(store, present=True, started=True)
    store.close()
    return path


def copy_files(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
    finally:
        connection.close()


def meeting_there(path: Path) -> bool:
    """Whether the evening is still there to open (random keys can delete it)."""
    connection = sqlite3.connect(path)
    try:
        return bool(
            connection.execute(
                "SELECT count(*) FROM meeting WHERE title LIKE '%Wielwijk%'"
            ).fetchone()[0]
        )
    finally:
        connection.close()


def notes_of(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT notes FROM agendaitem")]
    finally:
        connection.close()


def one_child(
    path: Path, home: Path, rng: random.Random, marker: str, outcome: Outcome
) -> tuple[Run, list[tuple[float, int]], float, bool, str]:
    """Start the app on ``path``, type notes then random keys, kill it at a random moment.
    Returns what it said, when how much of the notes was sent, when it was killed, and
    whether it was killed while typing the notes, and when it was meant to be killed."""
    read_end, write_end = os.pipe()
    env = {
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "HOME": str(home),
        "PYTHONPATH": str(ROOT),
    }
    session = PtySession(
        [sys.executable, "-m", "bench.crash_app", "--child", str(path), "--fd", str(write_end)],
        env=env,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    run, partial = Run(), [b""]
    sent: list[tuple[float, int]] = []
    typed_notes = False
    # When the kill comes, counted from the moment the app is ready (so that a slow start on a
    # busy machine does not move kills from one phase to another): during the start itself
    # (also the recovery of the crash before), while the notes are typed (in their first six
    # seconds), or later, mostly in the bursts of random keys.
    mode = rng.choices(("start", "typing", "later"), weights=(0.15, 0.45, 0.4))[0]
    kill_at = [time.perf_counter() + rng.uniform(0.3, 2.5) if mode == "start" else float("inf")]

    def pump(seconds: float) -> bool:
        """Read the app's screen and its acknowledgements for ``seconds``; False once the
        moment to kill has come."""
        deadline = time.perf_counter() + seconds
        while True:
            left = deadline - time.perf_counter()
            if time.perf_counter() >= kill_at[0]:
                return False
            if left <= 0:
                return True
            ready, _w, _x = select.select([read_end, session.master], [], [], min(left, 0.02))
            if read_end in ready:
                data = os.read(read_end, 65536)
                if data:
                    run.feed(data, partial)
            if session.master in ready:
                session.drain(0)

    try:
        if mode == "start":
            pump(60.0)  # reading what it writes until the kill
        else:
            try:
                session.wait_for("Wielwijk", timeout=30)
                session.send("\r")
                # A meeting still to come opens at the door, a running one on its agenda.
                session.wait_for("F8 Traject", timeout=20)
                session.send(KEYS["f2"])
                session.wait_for("Notities —", timeout=20)
                session.send("\t")
                typed_notes = True
            except TimeoutError:
                pass  # no meeting to open (deleted by an earlier burst): random keys only
            if mode == "later" or not typed_notes:
                kill_at[0] = time.perf_counter() + rng.uniform(1.0, 8.0)
        count = 0
        text = marker + NOTES * 10
        if typed_notes:
            typing_for = rng.uniform(1.0, 3.0)
            typing_started = time.perf_counter()
            if mode == "typing":
                typing_for = 60.0
                kill_at[0] = typing_started + rng.uniform(0.5, 6.0)
            while time.perf_counter() - typing_started < typing_for and count < len(text):
                session.send(text[count])
                count += 1
                sent.append((time.perf_counter(), count))
                outcome.keys_sent += 1
                if not pump(TYPING_INTERVAL):
                    break
            else:
                # Out of the notes: the random keys begin. The notes are checked only for a
                # kill while typing (later keys may edit them, or delete their item).
                typed_notes = False
                session.send(KEYS["escape"])
                pump(0.06)
        while pump(rng.uniform(0.0, 0.3)):
            screen = rng.choice(SCREEN_KEYS)
            burst = [screen] + [rng.choice(list(KEYS)) for _ in range(rng.randint(1, 12))]
            for key in burst:
                session.send(KEYS[key])
                outcome.keys_sent += 1
                if key == "escape":
                    pump(0.06)  # a lone ESC, not the start of a sequence
    finally:
        killed_at = time.perf_counter()
        session.kill()
        # What was written before the kill, and is still in the pipe.
        while True:
            ready, _w, _x = select.select([read_end], [], [], 0.2)
            if not ready:
                break
            data = os.read(read_end, 65536)
            if not data:
                break
            run.feed(data, partial)
        os.close(read_end)
    return run, sent, killed_at, typed_notes, mode


def run(kills: int, seed: int, folder: Path, log: Any = None) -> Outcome:
    rng = random.Random(seed)
    base = base_database(folder)
    outcome = Outcome()
    path = folder / "evening.db"
    check = folder / "check.db"
    copy_files(base, path)
    child = 0
    while len(outcome.kills) < kills and len(outcome.failures) < 5:
        child += 1
        marker = f"«notulen {child}» "
        before = file_digest(path)
        said, sent, killed_at, typed, mode = one_child(path, folder, rng, marker, outcome)
        copy_files(path, check)
        result = integrity(check)
        found = file_digest(check)
        allowed, acks, acked = said.allowed(before)
        commits = sum(1 for line in said.lines if line.startswith("pending"))
        problems = []
        if result != "ok":
            problems.append(f"integrity_check: {result}")
        if mode != "start" and not any(line == "# started" for line in said.lines):
            problems.append("the app did not start")  # (a kill during the start may be first)
        if found not in allowed:
            problems.append(
                f"acknowledged actions lost: the database is at {found}, acknowledged {acked} "
                f"({acks} acks, {commits} commits)"
            )
        # The notes: what was sent more than the ceiling (and a margin) before the kill.
        from screens.agenda import NOTES_SAVE_CEILING

        due = max(
            (n for moment, n in sent if moment <= killed_at - NOTES_SAVE_CEILING - NOTES_MARGIN),
            default=0,
        )
        saved = 0
        text = (marker + NOTES * 10)[: max((n for _m, n in sent), default=0)] if typed else ""
        due = due if typed else 0
        if typed:  # killed while typing the notes
            for notes in notes_of(check):
                at = notes.find(marker)
                if at >= 0:
                    saved = len(notes) - at
                    if not text.startswith(notes[at:]):
                        problems.append("the saved notes are not what was typed")
            if saved < due:
                problems.append(f"notes lost: {due} characters were due, {saved} saved")
        outcome.kills.append(
            Kill(
                outcome.rounds,
                child,
                round(killed_at - (sent[0][0] if sent else killed_at), 2),
                commits,
                acks,
                found != acked,
                result,
                typed,
                len(text),
                due,
                saved,
            )
        )
        if log is not None:
            notes = (
                f", killed while typing notes: {saved} of {len(text)} characters saved ({due} due)"
                if typed
                else ""
            )
            log(
                f"kill {len(outcome.kills):3}: {commits:3} commits, {acks:3} acknowledged"
                f"{' (+ one in flight)' if found != acked and not problems else ''}{notes}, "
                f"integrity {result}" + (f" — {'; '.join(problems)}" if problems else "")
            )
        outcome.failures.extend(f"child {child}: {p}" for p in problems)
        if problems or not meeting_there(check):
            # A new evening: after a finding (kept for the report), or the meeting is gone.
            outcome.rounds += 1
            copy_files(base, path)
    return outcome


def summary(outcome: Outcome, seconds: float, seed: int) -> dict[str, Any]:
    kills = outcome.kills
    return {
        "seed": seed,
        "seconds": round(seconds, 1),
        "kills": len(kills),
        "rounds": outcome.rounds,
        "keys_sent": outcome.keys_sent,
        "commits": sum(k.commits for k in kills),
        "acknowledged_actions": sum(k.acknowledged for k in kills),
        "in_flight_commits": sum(k.in_flight_committed for k in kills),
        "integrity_ok": sum(k.integrity == "ok" for k in kills),
        "kills_while_typing_notes": sum(k.during_notes for k in kills),
        "notes_characters_typed": sum(k.notes_typed for k in kills),
        "notes_characters_due": sum(k.notes_due for k in kills),
        "notes_characters_saved": sum(k.notes_saved for k in kills),
        "failures": outcome.failures,
        "per_kill": [asdict(k) for k in kills],
    }


def report(result: dict[str, Any]) -> Iterator[str]:
    yield (
        f"{result['kills']} kills of the real app (seed {result['seed']}) in "
        f"{result['seconds']} s; {result['keys_sent']} keys sent, {result['rounds']} evening(s)"
    )
    yield (
        f"{result['commits']} commits, {result['acknowledged_actions']} acknowledged, all "
        f"present after every kill; {result['in_flight_commits']} times a commit in flight too"
    )
    yield (
        f"{result['kills_while_typing_notes']} kills while notes were typed without a pause: "
        f"{result['notes_characters_saved']} of {result['notes_characters_typed']} characters "
        f"saved, {result['notes_characters_due']} were due (typed more than 2 s + margin before "
        f"the kill); integrity ok after {result['integrity_ok']} of {result['kills']} kills"
    )
    yield "failures: " + ("none" if not result["failures"] else str(len(result["failures"])))
    for failure in result["failures"][:20]:
        yield f"  {failure}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.crash_app", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--kills", type=int, default=20, help="how many SIGKILLs (20)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (1)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--quiet", action="store_true", help="no line per kill")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the files")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--fd", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        child_main(args.child, args.fd)
        return 0
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        folder = args.keep
    else:
        folder = Path(tempfile.mkdtemp(prefix="baz-crash-app-"))
    started = time.perf_counter()
    try:
        outcome = run(
            args.kills,
            args.seed,
            folder,
            log=None if args.quiet else lambda line: print(line, flush=True),
        )
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    result = summary(outcome, time.perf_counter() - started, args.seed)
    for line in report(result):
        print(line)
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    raise SystemExit(main())
