"""Concurrency: the chair's app, the beamer and CLI exports on one SQLite file at the same time.

Three kinds of program share one database for ``--seconds``:

- **the chair** (one process): the actions of a chair and note-taker through the real Store at
  a scripted rate (``--rate`` per second, seeded): speakers asking for and getting the floor,
  notes saved as they are typed, hands counted on an open vote, cards and dots of the problem
  analysis, attendance changes, the agenda moving on and back, the beamer view switched, and
  every ``--restart`` seconds the app closed and opened again;
- **the beamer**: the headless :class:`baz_tui.beamer.BeamerApp` following the file, and beside
  it the same :class:`models.beamer.BeamerFeed` in a timed loop (``bench.soak_beamer.follow``),
  which measures how long after a commit the beamer holds a picture read after it;
- **exports**: ``baz --db FILE export ID -o …`` run again and again as a real subprocess
  (internal and public versions in turn), each a fresh process that opens the database.

Every "database is locked" (or "busy") is counted, wherever it shows: a Store call of the
chair, a picture of the beamer with a problem, an export's exit code, its stderr or its error
log. Reported: commits, refusals by a rule, exports, beamer re-reads, latencies (a Store call,
an export, commit → beamer picture), the largest WAL. The exit code is 1 when anything failed.

    python -m bench.concurrency --seconds 60
    python -m bench.concurrency --seconds 300 --rate 30 --json concurrency.json
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import queue
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench.soak_beamer import MAX_COMMITS, Shared, follow

ROOT = Path(__file__).resolve().parents[1]
LOCK_WORDS = ("database is locked", "database table is locked", "locked", "busy")


def is_lock_error(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in LOCK_WORDS)


# ------------------------------------------------------------------------ the meeting


def prepare(path: Path) -> tuple[int, datetime]:
    """The meeting of ``bench.crash`` up to its feedback item running: a process with frames,
    twelve attendees at the door, the agenda started. Returns its id and its clock."""
    from baz_tui.i18n import install_language
    from bench.crash import FEEDBACK, ScriptMeeting, meeting_script
    from models.domain import CardKind
    from models.store import Store

    install_language("nl")
    steps = meeting_script()
    until = next(n for n, step in enumerate(steps, start=1) if step.name == "next item (7)")
    meeting = ScriptMeeting()
    meeting.store = Store.open(path, clock=meeting.now)
    for number in range(1, until + 1):
        meeting.step = number
        steps[number - 1].run(meeting)
    meeting.step = until + 1
    store = meeting.store
    from bench.crash import ANALYSIS, CHOICE

    store.create_poll(meeting.item(CHOICE), "Kiezen we ontwerp B?")
    store.add_card(meeting.item(ANALYSIS), CardKind.KERNPROBLEEM, "Het plein wordt weinig gebruikt")
    store.save_notes(meeting.item(FEEDBACK), "")
    meeting_id = meeting.meeting_id
    moment = meeting.now()
    store.close()
    return meeting_id, moment


# -------------------------------------------------------------------------- the chair


@dataclass
class ChairTally:
    calls: int = 0
    commits: int = 0
    reads: int = 0
    refused: int = 0
    locked: int = 0
    restarts: int = 0
    seconds: float = 0.0
    other: list[str] = field(default_factory=list)
    latency_ms: list[float] = field(default_factory=list)
    open_ms: list[float] = field(default_factory=list)
    actions: dict[str, int] = field(default_factory=dict)


class Chair:
    """The chair's and note-taker's actions, each one Store call, as the screens make them."""

    def __init__(self, path: Path, meeting_id: int, start: datetime, shared: Shared, seed: int):
        from baz_tui.i18n import install_language

        install_language("nl")
        self.path, self.meeting_id, self.shared = path, meeting_id, shared
        self.random = random.Random(seed)
        self.began = time.monotonic()
        self.start = start
        self.tally = ChairTally()
        self.store: Any = None
        self.open()
        store = self.store
        self.people = [a.id for a in store.list_attendees(meeting_id)]
        self.items = [i.id for i in store.list_agenda(meeting_id)]
        from bench.crash import ANALYSIS, CHOICE, FEEDBACK, ROUND

        self.speaking_items = [self.items[FEEDBACK], self.items[ROUND]]
        self.analysis_item = self.items[ANALYSIS]
        self.poll = store.list_polls(self.items[CHOICE])[-1]
        self.counts = {option.id: 0 for option in self.poll.options}
        self.cards = [
            c.id for c in [store.analysis_state(self.analysis_item).core] if c is not None
        ]
        self.notes = ""

    def now(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.began)

    def open(self) -> None:
        """Open the database as the app does (timed: opening is where a lock would bite)."""
        from models.errors import DatabaseError
        from models.store import Store

        started = time.perf_counter()
        try:
            self.store = Store.open(self.path, clock=self.now)
        except DatabaseError as error:
            self._failed(f"opening: {error.message} ({error.__cause__!s:.200})")
            raise
        self.tally.open_ms.append((time.perf_counter() - started) * 1e3)

    def restart(self) -> None:
        self.store.close()
        self.tally.restarts += 1
        self.open()

    def _failed(self, message: str) -> None:
        if is_lock_error(message):
            self.tally.locked += 1
        else:
            self.tally.other.append(message)

    def do(self, name: str, action: Any, *, writes: bool = True) -> Any:
        from models.errors import BazError, DatabaseError

        self.tally.calls += 1
        self.tally.actions[name] = self.tally.actions.get(name, 0) + 1
        started = time.perf_counter()
        try:
            result = action()
        except DatabaseError as error:
            # The driver's own words too: the sentence for the user may not say "locked".
            self._failed(f"{name}: {error.message} ({error.__cause__!s:.200})")
            return None
        except BazError:
            self.tally.refused += 1  # a rule said no (nobody waiting, S4): the app shows why
            return None
        finally:
            self.tally.latency_ms.append((time.perf_counter() - started) * 1e3)
        if not writes:
            self.tally.reads += 1
            return result
        self.tally.commits += 1
        with self.shared.commits.get_lock():
            n = self.shared.commits.value
            if n < MAX_COMMITS:
                self.shared.moments[n] = time.time()
                self.shared.commits.value = n + 1
        return result

    def act(self) -> None:
        """One action of the evening, chosen as the room goes."""
        from models.domain import CardKind, Channel, Presence
        from models.records.beamer import BeamerChoice, Showing

        store, rnd = self.store, self.random
        roll = rnd.random()
        item = self.speaking_items[0]
        if roll < 0.22:
            self.notes = self.notes[-1500:] + rnd.choice(WORDS) + rnd.choice((" ", " ", "\n"))
            self.do("save notes", lambda: store.save_notes(item, self.notes))
        elif roll < 0.36:
            person = rnd.choice(self.people)
            self.do("add speaker", lambda: store.add_speaker(item, person))
        elif roll < 0.44:
            self.do("next speaker", lambda: store.next_speaker(item))
        elif roll < 0.58:
            option = rnd.choice(self.poll.options)
            room = sum(self.counts.values())
            delta = (
                -1
                if room >= self.poll.present_count or (self.counts[option.id] and roll < 0.47)
                else 1
            )
            if self.counts[option.id] + delta >= 0:
                if self.do(
                    "count a hand",
                    lambda: store.add_to_count(self.poll.id, option.id, Channel.ZAAL, delta),
                ):
                    self.counts[option.id] += delta
        elif roll < 0.68:
            if len(self.cards) < 40:
                kind = rnd.choice((CardKind.OORZAAK, CardKind.GEVOLG, CardKind.OPLOSSING))
                state = self.do(
                    "add card",
                    lambda: store.add_card(
                        self.analysis_item, kind, rnd.choice(CARDS), parent_id=self.cards[0]
                    ),
                )
                if state is not None and state.touched_card_id is not None:
                    self.cards.append(state.touched_card_id)
            else:
                card = rnd.choice(self.cards[1:])
                self.do("add dots", lambda: store.add_dots(card, rnd.choice((1, -1))))
        elif roll < 0.78:
            person = rnd.choice(self.people)
            presence = rnd.choice((Presence.AANWEZIG, Presence.AANWEZIG, Presence.AFWEZIG))
            self.do("set presence", lambda: store.set_presence(person, presence))
        elif roll < 0.90:
            showing = rnd.choice(list(Showing))
            self.do(
                "show on beamer",
                lambda: store.show_on_beamer(self.meeting_id, BeamerChoice(showing)),
            )
        elif roll < 0.95:
            self.speaking_items.reverse()  # the chair goes to another item (and back later)
            other = self.speaking_items[0]
            self.do("start item", lambda: store.start_item(other))
        else:
            # The screens read too, between the keys: the agenda line, the minutes preview.
            self.do("read agenda", lambda: store.agenda_state(self.meeting_id), writes=False)


WORDS = ("bewoners", "willen", "meer", "schaduw", "bankjes", "de", "gemeente", "kijkt", "naar")
CARDS = ("Toestellen kapot", "Geen schaduw", "Kinderen op straat", "Bomen planten", "Bankjes")


def chair(
    path: Path,
    meeting_id: int,
    start: datetime,
    seconds: float,
    rate: float,
    restart_every: float,
    seed: int,
    shared: Shared,
    exports: Any,
    min_exports: int,
    strict: bool,
    out: Any,
) -> None:
    """The chair's process: ``rate`` actions a second for ``seconds``, restarting now and then."""
    if strict:
        # No waiting for a lock at all: any moment the chair would have had to wait for
        # another program shows as an error instead of as latency.
        import models.database

        models.database.SQLITE_BUSY_TIMEOUT_MS = 0
    the_chair = Chair(path, meeting_id, start, shared, seed)
    began = time.monotonic()
    next_restart = began + restart_every
    n = 0
    while True:
        moment = began + n / rate
        # Until the time is up and some exports have run beside the chair from start to end;
        # a chair that falls behind the rate (a busy machine) does fewer actions, not longer.
        if time.monotonic() >= began + seconds and exports.value >= min_exports:
            break
        delay = moment - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        if restart_every and time.monotonic() >= next_restart:
            try:
                the_chair.restart()
            except Exception:  # noqa: BLE001 — counted in the tally; nothing more to do
                break
            next_restart += restart_every
        the_chair.act()
        n += 1
    the_chair.store.close()
    shared.done.value = 1
    the_chair.tally.seconds = time.monotonic() - began
    out.put(("chair", the_chair.tally.__dict__))


# -------------------------------------------------------------------------- the beamer


def beamer_app(path: Path, shared: Shared, out: Any) -> None:
    """The real beamer app, headless, following the file until the chair is done."""
    import asyncio

    from baz_tui.beamer import BeamerApp
    from baz_tui.i18n import install_language
    from models.beamer import BeamerFeed
    from models.database import Database
    from models.store import Store

    install_language("nl")
    store = Store(Database.open_read_only(path))
    app = BeamerApp(BeamerFeed(store))
    problems: list[str] = []

    async def main() -> None:
        async with app.run_test(size=(80, 25)) as pilot:
            while not shared.done.value:
                await pilot.pause(0.25)
                view = app.feed.view
                if view is not None and view.problem:
                    problems.append(view.problem)
            await pilot.pause(1.0)  # the last commit's picture

    asyncio.run(main())
    store.close()
    out.put(("app", {"reads": app.feed.reads, "problems": len(problems), "said": problems[:5]}))


# ------------------------------------------------------------------------- the exports


@dataclass
class ExportTally:
    runs: int = 0
    ok: int = 0
    locked: int = 0
    failed: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def export_loop(
    path: Path,
    meeting_id: int,
    folder: Path,
    stop: threading.Event,
    tally: ExportTally,
    finished: Any,
    number: int = 0,
) -> None:
    """``baz export`` again and again, each a fresh process, until ``stop``; an export still
    running then is ended and not counted (the chair is done: it would no longer overlap)."""
    folder = folder / f"exporter-{number}"
    folder.mkdir()
    home = folder / "export-home"
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        HOME=str(home),
    )
    env.pop("BAZ_DB", None)
    log = home / "data" / "baz" / "baz-errors.log"
    said_path = folder / "export-output.txt"
    n = 0
    while not stop.is_set():
        public = n % 2 == 1
        target = folder / f"export-{n % 4}.docx"
        target.unlink(missing_ok=True)
        command = [sys.executable, "-m", "baz_tui", "--lang", "nl", "--db", str(path)]
        command += ["export", str(meeting_id), "-o", str(target)] + (
            ["--public", "--yes"] if public else []
        )
        started = time.perf_counter()
        with said_path.open("w") as said_file:
            process = subprocess.Popen(
                command, stdout=said_file, stderr=subprocess.STDOUT, env=env, cwd=folder
            )
            while process.poll() is None:
                if stop.wait(0.05):
                    process.kill()
                    break
            code = process.wait()
        if stop.is_set() and code < 0:
            break
        took = time.perf_counter() - started
        n += 1
        said = said_path.read_text(errors="replace")
        if log.exists():
            said += log.read_text(errors="replace")
            log.unlink()
        written = code == 0 and target.is_file() and target.stat().st_size > 0
        with tally.lock:
            tally.seconds.append(took)
            tally.runs += 1
            if is_lock_error(said) or "OperationalError" in said:
                tally.locked += 1
            if written:
                tally.ok += 1
            else:
                tally.failed.append(f"exit {code}: {said.strip()[-300:]}")
        if written:
            with finished.get_lock():
                finished.value += 1


# ----------------------------------------------------------------------------- running


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")


def _spread(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "median": round(statistics.median(values), 2),
        "p95": round(_percentile(values, 0.95), 2),
        "max": round(max(values), 2),
    }


def run(
    seconds: float,
    folder: Path,
    *,
    rate: float = 20,
    restart_every: float = 10,
    seed: int = 1,
    interval: float = 0.25,
    min_exports: int = 1,
    strict: bool = False,
    exporters: int = 1,
) -> dict[str, Any]:
    """Everything at once for ``seconds``; the figures as a dict."""
    path = folder / "concurrency.db"
    meeting_id, start = prepare(path)
    context = mp.get_context("spawn")
    shared = Shared(
        context.Value("i", 0), context.Array("d", MAX_COMMITS, lock=False), context.Value("b", 0)
    )
    out = context.Queue()
    finished = context.Value("i", 0)  # exports written so far
    processes = [
        context.Process(
            target=chair,
            args=(
                path,
                meeting_id,
                start,
                seconds,
                rate,
                restart_every,
                seed,
                shared,
                finished,
                min_exports,
                strict,
                out,
            ),
        ),
        context.Process(target=beamer_app, args=(path, shared, out)),
    ]
    exports = ExportTally()
    stop = threading.Event()
    exporter_threads = [
        threading.Thread(
            target=export_loop,
            args=(path, meeting_id, folder, stop, exports, finished, number),
            daemon=True,
        )
        for number in range(exporters)
    ]
    # The timed feed runs in a thread here: its own read-only connections, in a process other
    # than the chair's, without a third interpreter importing SQLAlchemy.
    feed = threading.Thread(target=follow, args=(path, interval, shared, out), daemon=True)
    began = time.monotonic()
    for process in processes:
        process.start()
    for exporter in exporter_threads:
        exporter.start()
    feed.start()
    results: dict[str, dict[str, Any]] = {}
    names = dict(zip(("chair", "app"), processes, strict=True))
    crashed: list[str] = []
    while len(results) + len(crashed) < len(processes) + 1:
        try:
            name, figures = out.get(timeout=1)
        except queue.Empty:
            # A process that died without its figures would leave us waiting for ever.
            ended = {name: process.exitcode is not None for name, process in names.items()}
            ended["reader"] = not feed.is_alive()
            for name, gone in ended.items():
                if gone and name not in results and name not in crashed:
                    crashed.append(name)
                    stop.set()
                    shared.done.value = 1
            continue
        results[name] = figures
        if name == "chair":
            stop.set()  # no new export after the chair's last action
    for exporter in exporter_threads:
        exporter.join()
    feed.join()
    for process in processes:
        process.join()
    elapsed = time.monotonic() - began
    for name in crashed:
        results[name] = CRASHED[name]
    result = summary(results, exports, elapsed, seconds, rate)
    result["crashed"] = crashed
    result["failures"] += len(crashed)
    result["strict"] = strict
    result["exporters"] = exporters
    return result


#: The figures of a process that died before it could report (the run fails then).
CRASHED: dict[str, dict[str, Any]] = {
    "chair": {
        "calls": 0,
        "commits": 0,
        "reads": 0,
        "refused": 0,
        "locked": 0,
        "restarts": 0,
        "seconds": 0.0,
        "other": ["the chair's process died"],
        "latency_ms": [],
        "open_ms": [],
        "actions": {},
    },
    "app": {"reads": 0, "problems": 0, "said": ["the beamer app's process died"]},
    "reader": {
        "polls": 0,
        "reads": 0,
        "problems": 0,
        "idle_us": [],
        "read_ms": [],
        "latency_ms": [],
        "wal_max": 0,
    },
}


def summary(
    results: dict[str, dict[str, Any]],
    exports: ExportTally,
    elapsed: float,
    seconds: float,
    rate: float,
) -> dict[str, Any]:
    chair_figures, reader, app = results["chair"], results["reader"], results["app"]
    locked = {
        "chair": chair_figures["locked"],
        "beamer_feed": reader["problems"],
        "beamer_app": app["problems"],
        "exports": exports.locked,
    }
    return {
        "seconds": seconds,
        "elapsed": round(elapsed, 1),
        "rate": rate,
        "chair": {
            "seconds": round(chair_figures["seconds"], 1),
            "calls": chair_figures["calls"],
            "commits": chair_figures["commits"],
            "reads": chair_figures["reads"],
            "refused_by_a_rule": chair_figures["refused"],
            "restarts": chair_figures["restarts"],
            "other_errors": chair_figures["other"][:10],
            "latency_ms": _spread(chair_figures["latency_ms"]),
            "open_ms": _spread(chair_figures["open_ms"]),
            "actions": chair_figures["actions"],
        },
        "exports": {
            "runs": exports.runs,
            "ok": exports.ok,
            "failed": exports.failed[:10],
            "seconds": _spread(exports.seconds),
        },
        "beamer_feed": {
            "polls": reader["polls"],
            "re_reads": reader["reads"],
            "problems": reader["problems"],
            "follow_latency_ms": _spread(reader["latency_ms"]),
            "re_read_ms": _spread(reader["read_ms"]),
            "wal_max_kib": round(reader["wal_max"] / 1024),
        },
        "beamer_app": {"re_reads": app["reads"], "problems": app["problems"], "said": app["said"]},
        "lock_errors": locked,
        "lock_errors_total": sum(locked.values()),
        "failures": len(chair_figures["other"]) + len(exports.failed),
    }


def report(result: dict[str, Any]) -> list[str]:
    c, e, f, a = result["chair"], result["exports"], result["beamer_feed"], result["beamer_app"]
    lat, fol = c["latency_ms"], f["follow_latency_ms"]
    lines = [
        f"{result['elapsed']} s with the chair at {result['rate']:g} actions/s, the beamer "
        f"(app and feed) and exports on one SQLite file",
        f"chair:   {c['calls']} Store calls in {c['seconds']} s, {c['commits']} commits, {c['reads']} reads, "
        f"{c['refused_by_a_rule']} refused by a rule, {c['restarts']} restarts, {len(c['other_errors'])} other errors; "
        f"a call median {lat.get('median')} ms, p95 {lat.get('p95')} ms, max {lat.get('max')} ms; "
        f"opening max {c['open_ms'].get('max')} ms",
        f"exports: {e['runs']} runs of baz export, {e['ok']} written; median "
        f"{e['seconds'].get('median')} s, max {e['seconds'].get('max')} s",
        f"beamer:  feed {f['polls']} polls, {f['re_reads']} re-reads (median "
        f"{f['re_read_ms'].get('median')} ms, max {f['re_read_ms'].get('max')} ms); commit → "
        f"picture median {fol.get('median')} ms, p95 {fol.get('p95')} ms, max {fol.get('max')} ms;"
        f" app {a['re_reads']} re-reads; WAL at most {f['wal_max_kib']} KiB",
        "lock errors: "
        + ", ".join(f"{name} {count}" for name, count in result["lock_errors"].items())
        + f" — total {result['lock_errors_total']}",
    ]
    for message in c["other_errors"] + e["failed"]:
        lines.append(f"  failure: {message}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.concurrency", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seconds", type=float, default=60, help="how long (60)")
    parser.add_argument("--rate", type=float, default=20, help="chair actions per second (20)")
    parser.add_argument(
        "--restart", type=float, default=10, help="restart the chair's app every … s (10; 0: never)"
    )
    parser.add_argument("--seed", type=int, default=1, help="the random seed (1)")
    parser.add_argument(
        "--min-exports", type=int, default=1, help="go on until this many exports ran (1)"
    )
    parser.add_argument("--exporters", type=int, default=1, help="export loops side by side (1)")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="the chair never waits for a lock (busy timeout 0): every wait is an error",
    )
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="baz-concurrency-"))
    try:
        result = run(
            args.seconds,
            folder,
            rate=args.rate,
            restart_every=args.restart,
            seed=args.seed,
            min_exports=args.min_exports,
            strict=args.strict,
            exporters=args.exporters,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for line in report(result):
        print(line)
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    return 1 if result["lock_errors_total"] or result["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
