"""Soak test of the beamer: a whole evening written fast while the beamer follows it.

A writer process plays a two-hour residents' meeting against a clock that runs ``--speed``
times faster than real time: attendance at the door, the agenda item by item, speakers asking
for the floor and getting it (pauses too), the note-taker's notes saved as they type, a problem
analysis with cards and dots, votes counted by a teller one hand at a time and declared, a
break, the chair switching screens (which records what the beamer shows), and once the chair's
app restarting. Every write is one Store call, as in the app.

A reader process follows the same SQLite file exactly as ``baz beamer`` does: a read-only Store
and :class:`models.beamer.BeamerFeed`, asked every ``--interval`` seconds. With ``--app`` a
third process runs the real :class:`baz_tui.beamer.BeamerApp` headless beside it.

Reported: "database is locked" errors on either side (the goal is 0), how many commits and
re-reads there were, the follow latency (from a commit to the beamer holding a picture read
after it: median, p95, max), what one poll costs when nothing changed and what one re-read
costs, and the size of the WAL file.

    python -m bench.soak_beamer --minutes 12 --speed 10     # the two-hour evening in 12 minutes
    python -m bench.soak_beamer --minutes 2 --speed 60      # a quick look
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

#: Room for the moment of every commit, shared with the reader (a two-hour evening at the
#: rates below is a few thousand).
MAX_COMMITS = 200_000
#: The evening starts here (local 19:22 on 1 December 2026): doors open, the meeting at 19:30.
EVENING = datetime(2026, 12, 1, 18, 22, tzinfo=UTC)


@dataclass
class Shared:
    """What the writer tells the readers while it runs."""

    commits: Any  # mp.Value("i"): how many commits so far
    moments: Any  # mp.Array("d"): time.time() of each commit
    done: Any  # mp.Value("b"): the writer has finished


# ------------------------------------------------------------------------------ writer


@dataclass
class Tally:
    calls: int = 0
    locked: int = 0
    refused: int = 0
    other: list[str] = field(default_factory=list)


class Chair:
    """The chair's and note-taker's actions at meeting time, each one committed Store call."""

    def __init__(self, path: Path, speed: float, shared: Shared, seed: int) -> None:
        from models.store import Store

        self.path, self.speed, self.shared = path, speed, shared
        self.random = random.Random(seed)
        self.start = time.monotonic()
        self.store = Store.open(path, clock=self.now)
        self.tally = Tally()

    def now(self) -> datetime:
        return EVENING + timedelta(seconds=(time.monotonic() - self.start) * self.speed)

    def at(self, meeting_seconds: float) -> None:
        """Wait until the meeting clock shows ``meeting_seconds`` after the doors opened."""
        delay = self.start + meeting_seconds / self.speed - time.monotonic()
        if delay > 0:
            time.sleep(delay)

    def do(self, action: Callable[[], Any]) -> Any:
        from models.errors import BazError, DatabaseError

        self.tally.calls += 1
        try:
            result = action()
        except DatabaseError as error:
            if "locked" in error.message or "busy" in error.message:
                self.tally.locked += 1
            else:
                self.tally.other.append(error.message)
            return None
        except BazError:
            self.tally.refused += 1  # a rule said no (a full queue, a count too high): fine
            return None
        with self.shared.commits.get_lock():
            n = self.shared.commits.value
            if n < MAX_COMMITS:
                self.shared.moments[n] = time.time()
                self.shared.commits.value = n + 1
        return result

    def restart(self) -> None:
        """The chair's app is closed and opened again (its last connection goes away)."""
        from models.store import Store

        self.store.close()
        self.store = Store.open(self.path, clock=self.now)


def play_evening(path: Path, minutes: float, speed: float, shared: Shared, out: Any) -> None:
    """The writer process: two hours of meeting (or ``minutes × speed``) at ``speed``."""
    from models.records.beamer import BeamerChoice, Showing

    chair = Chair(path, speed, shared, seed=7)
    meeting_id = _prepare(chair)
    length = minutes * 60 * speed  # meeting seconds
    people = [a.id for a in chair.store.list_attendees(meeting_id)]
    rnd = chair.random

    # The door: everyone comes in during the first eight minutes.
    for n, person in enumerate(people):
        chair.at(n * 8 * 60 / len(people))
        chair.do(lambda p=person: chair.store.set_presence(p, _present()))
    chair.at(8 * 60)
    chair.do(lambda: chair.store.start_meeting(meeting_id))
    chair.do(lambda: chair.store.show_on_beamer(meeting_id, BeamerChoice(Showing.AGENDA)))
    items = chair.store.list_agenda(meeting_id)
    # Each item gets its share of the evening after the door, a break of ten minutes included.
    per_item = (length - 8 * 60 - 10 * 60) / len(items)
    moment = 8 * 60.0
    restarted = on_break = False
    for index, item in enumerate(items):
        chair.do(lambda i=item: chair.store.start_item(i.id))
        end = moment + per_item
        kind = "analysis" if index == len(items) - 4 else "votes" if index == len(items) - 3 else ""
        showing = Showing.ANALYSIS if kind == "analysis" else Showing.SPEAKERS
        chair.do(lambda s=showing: chair.store.show_on_beamer(meeting_id, BeamerChoice(s)))
        notes = ""
        next_turn = moment + 30
        cards: list[int] = []
        poll = None
        counted = 0
        while moment < end:
            moment += rnd.uniform(1, 5)
            chair.at(moment)
            roll = rnd.random()
            if not restarted and moment > length * 0.4:
                chair.restart()
                restarted = True
            elif not on_break and moment > length * 0.5:
                chair.do(lambda: chair.store.start_break(meeting_id))
                chair.at(moment + 10 * 60)
                moment += 10 * 60
                end += 10 * 60
                chair.do(lambda: chair.store.end_break(meeting_id))
                on_break = True
            elif kind == "votes" and moment > end - per_item * 0.6:
                if poll is None:
                    chair.do(
                        lambda: chair.store.show_on_beamer(meeting_id, BeamerChoice(Showing.VOTES))
                    )
                    poll = chair.do(
                        lambda i=item: chair.store.create_poll(i.id, "Kiezen we ontwerp B?")
                    )
                elif counted < poll.present_count - 1:
                    option = poll.options[rnd.choice((0, 0, 0, 1, 2))]
                    chair.do(
                        lambda o=option, p=poll: chair.store.add_to_count(p.id, o.id, _room(), 1)
                    )
                    counted += 1
                    moment -= rnd.uniform(1, 8)  # a teller calls hands fast
                else:
                    chair.do(lambda p=poll: chair.store.declare_poll(p.id))
                    kind = ""
                    chair.do(
                        lambda: chair.store.show_on_beamer(
                            meeting_id, BeamerChoice(Showing.SPEAKERS)
                        )
                    )
            elif kind == "analysis" and roll < 0.45:
                if len(cards) < 12:
                    state = chair.do(lambda i=item, c=cards: _add_card(chair.store, i.id, c, rnd))
                    if state is not None and state.touched_card_id is not None:
                        cards.append(state.touched_card_id)
                elif cards:
                    card = rnd.choice(cards)
                    chair.do(lambda c=card: chair.store.add_dots(c, 1))
            elif roll < 0.35:
                notes += rnd.choice(NOTE_WORDS) + (" " if rnd.random() < 0.85 else "\n")
                chair.do(lambda i=item, t=notes: chair.store.save_notes(i.id, t))
            elif roll < 0.6:
                person = rnd.choice(people)
                chair.do(lambda i=item, p=person: chair.store.add_speaker(i.id, p))
            elif moment >= next_turn:
                chair.do(lambda i=item: chair.store.next_speaker(i.id))
                next_turn = moment + rnd.uniform(60, 180)
            elif roll < 0.66:
                chair.do(lambda i=item: chair.store.pause_speaker(i.id))
                chair.at(moment + 20)
                moment += 20
                chair.do(lambda i=item: chair.store.resume_speaker(i.id))
        moment = end
    chair.do(lambda: chair.store.close_meeting(meeting_id))
    chair.store.close()
    shared.done.value = 1
    out.put(("writer", chair.tally.__dict__))


def _prepare(chair: Chair) -> int:
    from models.demo import ATTENDEES, CONTENT_ITEMS

    store = chair.store
    meeting = store.create_meeting(
        "Bewonersavond speelplein Wielwijk",
        date(2026, 12, 1),
        clock_time(19, 30),
        location="Wijkcentrum De Wielslag",
        new_process_title="Herinrichting speelplein Wielwijk",
        scheduled_end_time=clock_time(21, 30),
        content_items=CONTENT_ITEMS,
    )
    for name, role, consent, _presence in ATTENDEES:
        store.add_attendee(meeting.id, name, role, consent)
    return meeting.id


def _present() -> Any:
    from models.domain import Presence

    return Presence.AANWEZIG


def _room() -> Any:
    from models.domain import Channel

    return Channel.ZAAL


def _add_card(store: Any, item_id: int, cards: list[int], rnd: random.Random) -> Any:
    from models.domain import CardKind

    if not cards:
        return store.add_card(
            item_id, CardKind.KERNPROBLEEM, "Het speelplein wordt weinig gebruikt"
        )
    kind = rnd.choice((CardKind.OORZAAK, CardKind.GEVOLG, CardKind.OPLOSSING))
    return store.add_card(item_id, kind, rnd.choice(CARD_TEXTS), parent_id=cards[0])


NOTE_WORDS = ("bewoners", "willen", "meer", "schaduw", "bankjes", "de", "gemeente", "kijkt", "naar")
CARD_TEXTS = ("Toestellen kapot", "Geen schaduw", "Kinderen op straat", "Bomen planten", "Bankjes")


# ------------------------------------------------------------------------------ reader


def follow(path: Path, interval: float, shared: Shared, out: Any) -> None:
    """The beamer as ``baz beamer`` runs it, timed: a poll every ``interval`` seconds."""
    from models.beamer import BeamerFeed
    from models.database import Database
    from models.store import Store

    store = Store(Database.open_read_only(path))
    feed = BeamerFeed(store)
    idle: list[float] = []
    reading: list[float] = []
    latency: list[float] = []
    problems = 0
    seen = 0
    wal = Path(f"{path}-wal")
    wal_max = 0
    next_wal = 0.0
    while True:
        finished = bool(shared.done.value)
        committed = shared.commits.value  # every commit up to here is in a read after it
        reads = feed.reads
        started = time.perf_counter()
        view = feed.poll()
        took = time.perf_counter() - started
        if feed.reads != reads:
            reading.append(took)
            now = time.time()
            latency.extend(now - shared.moments[i] for i in range(seen, committed))
            seen = committed
        else:
            idle.append(took)
        if view is not None and view.problem:
            problems += 1
        if time.monotonic() >= next_wal:
            wal_max = max(wal_max, wal.stat().st_size if wal.exists() else 0)
            next_wal = time.monotonic() + 1
        if finished and seen == committed:
            break
        time.sleep(interval)
    feed.close()
    store.close()
    out.put(
        (
            "reader",
            {
                "polls": len(idle) + len(reading),
                "reads": len(reading),
                "problems": problems,
                "idle_us": [t * 1e6 for t in idle],
                "read_ms": [t * 1e3 for t in reading],
                "latency_ms": [t * 1e3 for t in latency],
                "wal_max": wal_max,
            },
        )
    )


def run_app(path: Path, seconds: float, out: Any) -> None:
    """The real beamer app, headless, for the whole evening; what it saw of problems."""
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
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                await pilot.pause(0.5)
                view = app.feed.view
                if view is not None and view.problem:
                    problems.append(view.problem)

    asyncio.run(main())
    store.close()
    out.put(("app", {"reads": app.feed.reads, "problems": len(problems)}))


# ----------------------------------------------------------------------------- report


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")


def report(results: dict[str, dict[str, Any]], path: Path, real_seconds: float) -> Iterator[str]:
    writer, reader = results["writer"], results["reader"]
    yield f"evening: {real_seconds:.0f} s real time; database {path}"
    yield (
        f"writer:  {writer['calls']} Store calls, {writer['locked']} locked, "
        f"{writer['refused']} refused by a rule, {len(writer['other'])} other errors"
    )
    for message in writer["other"][:5]:
        yield f"         {message}"
    lat = reader["latency_ms"]
    yield (
        f"beamer:  {reader['polls']} polls, {reader['reads']} re-reads, "
        f"{reader['problems']} pictures with a problem (locked reads)"
    )
    yield (
        f"follow latency (commit → picture read after it), {len(lat)} commits: "
        f"median {statistics.median(lat):.0f} ms, p95 {_percentile(lat, 0.95):.0f} ms, "
        f"max {max(lat):.0f} ms"
    )
    idle, read = reader["idle_us"], reader["read_ms"]
    yield (
        f"poll without change: median {statistics.median(idle):.1f} µs, "
        f"p95 {_percentile(idle, 0.95):.1f} µs; re-read: median {statistics.median(read):.1f} ms, "
        f"p95 {_percentile(read, 0.95):.1f} ms"
    )
    size = path.stat().st_size
    yield f"WAL: largest {reader['wal_max'] / 1024:.0f} KiB; database {size / 1024:.0f} KiB"
    if "app" in results:
        app = results["app"]
        yield f"BeamerApp (headless): {app['reads']} re-reads, {app['problems']} problems seen"
    locked = writer["locked"] + reader["problems"] + results.get("app", {}).get("problems", 0)
    yield "lock errors: " + ("0 — good" if locked == 0 else f"{locked} — NOT GOOD")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak_beamer", description=__doc__)
    parser.add_argument("--minutes", type=float, default=12, help="real minutes (default 12)")
    parser.add_argument("--speed", type=float, default=10, help="meeting clock speed (10)")
    parser.add_argument("--interval", type=float, default=0.25, help="beamer poll (0.25 s)")
    parser.add_argument("--db", type=Path, help="the SQLite file (default: a new temporary one)")
    parser.add_argument("--app", action="store_true", help="also run the real BeamerApp")
    args = parser.parse_args(argv)

    folder = tempfile.mkdtemp(prefix="baz-soak-")
    path = (args.db or Path(folder) / "soak.db").resolve()
    # The schema first, so that the readers can open the file read-only from the start.
    from models.store import Store

    Store.open(path).close()
    context = mp.get_context("spawn")
    shared = Shared(
        context.Value("i", 0), context.Array("d", MAX_COMMITS, lock=False), context.Value("b", 0)
    )
    out = context.Queue()
    processes = [
        context.Process(target=play_evening, args=(path, args.minutes, args.speed, shared, out)),
        context.Process(target=follow, args=(path, args.interval, shared, out)),
    ]
    if args.app:
        processes.append(context.Process(target=run_app, args=(path, args.minutes * 60 + 5, out)))
    started = time.monotonic()
    for process in processes:
        process.start()
    results = dict(out.get() for _process in processes)
    for process in processes:
        process.join()
    for line in report(results, path, time.monotonic() - started):
        print(line)
    if args.db is None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.rmdir(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
