"""``python -m bench.zaal``: 200 phones vote at once on the big meeting (issue #25).

The real room server runs as its own process on 127.0.0.1, on the big meeting's database
(``bench.big_meeting``). The phones are another process: one asyncio task per phone, each starting
at its own moment within the window (10 s), joins with the meeting code (``/?c=``), reads
``/nu``, taps an option and reads ``/nu`` again, which must say "Uw stem is geteld". Every
request is timed from the phone's side.

Meanwhile the chair's app (the real app under Pilot, in this process, on the same database)
shows the votes screen of the running item, follows what the phones do, and its key → frame
time is measured with :class:`bench.harness.KeyTimer` (up and down through the options: a key
that redraws the tally without counting, so the room's count leaves room for every phone).

Goals: every vote counted exactly once (the "telefoon" total in ``votecount`` equals the phones
told "counted", one ``pollvoter`` row each, the room and the phones together never above the
eligible voters present); p95 response ≤ 200 ms; the chair's key → frame median ≤ 16 ms during
the burst.

**Rate limits.** The server limits requests per client address; here one address (127.0.0.1)
plays every phone, so the bench starts the server with the join, post and page limits raised
to what 200 phones need (``--rate-limit``, printed below). The defaults stay as strict as ever:
a room is never served with these.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.harness import KeyTimer, bench_app, wait_loaded

PHONES, WINDOW_S = 200, 10.0
P95_GOAL_MS, KEY_GOAL_MS = 200.0, 16.0
SIZE = (120, 36)


def raised_limits(phones: int) -> dict[str, Any]:
    """The limits per address for one address that plays ``phones`` phones (see the text)."""
    from baz_tui.room.security import Bucket

    return {
        "join": Bucket(capacity=phones * 2, per_second=phones),
        "post": Bucket(capacity=phones * 4, per_second=phones * 2),
        "page": Bucket(capacity=phones * 8, per_second=phones * 4),
    }


# ------------------------------------------------------------------ the phones (own process)


async def _one_phone(base: str, code: str, index: int, start_at: float) -> dict[str, Any]:
    """One phone: join, read /nu, vote, read /nu; every request timed from here."""
    import httpx

    times: list[tuple[str, float, int]] = []
    record: dict[str, Any] = {"phone": index, "counted": False, "error": None, "times": times}
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))

    async def timed(what: str, request: Any) -> Any:
        begin = time.perf_counter()
        response = await request
        times.append((what, (time.perf_counter() - begin) * 1000, response.status_code))
        return response

    try:
        # Plain HTTP, as in the room: verify=False only spares loading a CA bundle per phone
        # (24 ms of this process's time each, which would slow the other phones' clocks).
        async with httpx.AsyncClient(
            base_url=base, follow_redirects=False, timeout=30.0, verify=False
        ) as client:
            joined = await timed("join", client.get(f"/?c={code}"))
            if joined.status_code != 303:
                raise RuntimeError(f"join answered {joined.status_code}")
            page = (await timed("page", client.get("/nu"))).text
            csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
            poll = re.search(r'name="poll_id" value="([0-9]+)"', page)
            options = re.findall(r'name="option_id" value="([0-9]+)"', page)
            if not (csrf and poll and options):
                raise RuntimeError("no open vote on /nu")
            form = {
                "csrf": csrf.group(1),
                "poll_id": poll.group(1),
                "option_id": options[index % len(options)],
            }
            voted = await timed("vote", client.post("/stem", data=form))
            if voted.status_code != 303:
                raise RuntimeError(f"vote answered {voted.status_code}")
            after = (await timed("page", client.get("/nu"))).text
            record["counted"] = "Uw stem is geteld." in after
            if not record["counted"]:
                said = re.search(r'role="alert">([^<]*)<', after)
                record["error"] = said.group(1) if said else "no confirmation"
    except Exception as error:  # a phone that failed is a figure, not a crash of the bench
        record["error"] = f"{type(error).__name__}: {error}"
    return record


def phone_burst(base: str, code: str, phones: int, window: float, result_file: str) -> None:
    """Run ``phones`` phones (asyncio tasks, each its own client and connection), spread over
    ``window`` seconds; write what each saw as JSON."""

    async def run() -> tuple[list[dict[str, Any]], float]:
        begin = time.monotonic() + 0.2
        # The last phone starts at 80 % of the window: its four requests end within it.
        spread = window * 0.8
        tasks = [_one_phone(base, code, k, begin + spread * k / phones) for k in range(phones)]
        out = await asyncio.gather(*tasks)
        return list(out), time.monotonic() - begin

    out, elapsed = asyncio.run(run())
    Path(result_file).write_text(json.dumps({"phones": out, "elapsed_s": elapsed}))


# ------------------------------------------------------------------ the chair (this process)


class Burst:
    """The phones as a process of their own (``python -m bench.zaal --burst …``)."""

    def __init__(self, command: list[str]) -> None:
        self.command = command
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        root = str(Path(__file__).resolve().parents[1])
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, (root, os.environ.get("PYTHONPATH")))),
        }
        self.process = subprocess.Popen(self.command, env=env, stdin=subprocess.DEVNULL)

    def is_alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def join(self) -> int:
        return self.process.wait() if self.process is not None else -1


async def chair_keys(
    big: Any, poll_id: int, burst: Burst, quiet_rounds: int
) -> dict[str, list[float]]:
    """Key → frame on the votes screen: ``quiet_rounds`` before the burst, then during it."""
    app, frames, handled = bench_app(big.store.database, SIZE, follow=True)
    quiet: list[float] = []
    during: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        timer = KeyTimer(app, frames, handled)
        await wait_loaded(pilot)
        await pilot.press("enter")  # the newest meeting: the big one
        await pilot.pause()
        await pilot.press("f5")
        await timer.settle()
        screen = app.screen
        for _turn in range(10):  # the open vote of the running item
            if getattr(screen, "poll", None) is not None and screen.poll.id == poll_id:
                break
            await pilot.press("right_square_bracket")
            await timer.settle()
        assert screen.poll is not None and screen.poll.id == poll_id, "not on the open vote"
        keys = ("down", "up")
        for n in range(quiet_rounds):
            quiet.append((await timer.time_key(keys[n % 2]))[0])
        burst.start()
        n = 0
        while burst.is_alive():
            during.append((await timer.time_key(keys[n % 2]))[0])
            n += 1
        # What the screen shows at the end: the phones' votes, once the look has come.
        await asyncio.sleep(1.5)
        await timer.settle()
        shown = sum(o.phone for o in screen.poll.options) if screen.poll else -1
    return {"quiet": quiet, "during": during, "shown_phone_total": [float(shown)]}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(0, min(len(ordered) - 1, round(len(ordered) * share) - 1))]


def _tables(db: Path, poll_id: int) -> dict[str, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:

        def one(sql: str) -> int:
            return int(con.execute(sql, (poll_id,)).fetchone()[0] or 0)

        return {
            "telefoon": one(
                "SELECT sum(count) FROM votecount WHERE poll_id = ? AND channel = 'telefoon'"
            ),
            "zaal": one("SELECT sum(count) FROM votecount WHERE poll_id = ? AND channel = 'zaal'"),
            "voters": one("SELECT count(*) FROM pollvoter WHERE poll_id = ?"),
            "present": one("SELECT present_count FROM poll WHERE id = ?"),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.zaal", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--phones", type=int, default=PHONES)
    parser.add_argument("--window", type=float, default=WINDOW_S, help="seconds (default 10)")
    parser.add_argument("--scale", type=float, default=1.0, help="the big meeting's scale")
    parser.add_argument("--quiet-keys", type=int, default=20, help="keys timed before the burst")
    parser.add_argument("--json", default="bench-zaal.json", help="where the figures go")
    parser.add_argument(
        "--burst", nargs=3, metavar=("URL", "CODE", "RESULT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.burst:  # the phones' own process
        phone_burst(args.burst[0], args.burst[1], args.phones, args.window, args.burst[2])
        return 0

    from baz_tui.i18n import install_language

    install_language("nl")
    from baz_tui.room.server import start_room_server
    from bench.big_meeting import build_big_meeting
    from models.domain import PollStatus

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="baz-bench-zaal-") as folder:
        db = Path(folder) / "big.db"
        print(f"Building the big meeting (scale {args.scale:g}) …", flush=True)
        big = build_big_meeting(db, args.scale)
        polls = big.store.list_polls(big.live_item_id)
        poll = next(p for p in polls if p.status is PollStatus.OPEN)
        limits = raised_limits(args.phones)
        print(
            "Rate limits per address raised for this bench only (127.0.0.1 plays every phone): "
            + ", ".join(
                f"{k} {b.capacity:g} at once, {b.per_second:g}/s" for k, b in limits.items()
            )
            + "; a room is always served with the strict defaults.",
            flush=True,
        )
        server = start_room_server(
            f"sqlite:///{db}", big.meeting_id, "127.0.0.1", 0, rate_limits=limits
        )
        result_file = str(Path(folder) / "phones.json")
        try:
            burst = Burst(
                [
                    sys.executable,
                    "-m",
                    "bench.zaal",
                    "--burst",
                    server.url,
                    server.code,
                    result_file,
                    "--phones",
                    str(args.phones),
                    "--window",
                    str(args.window),
                ]
            )
            print(
                f"{args.phones} phones vote within {args.window:g} s on “{poll.question}” "
                f"({poll.present_count} eligible voters present) …",
                flush=True,
            )
            keys = asyncio.run(chair_keys(big, poll.id, burst, args.quiet_keys))
            burst.join()
        finally:
            server.stop()
        load_after = os.getloadavg()
        phones = json.loads(Path(result_file).read_text())
        tables = _tables(db, poll.id)
        big.store.close()

    records = phones["phones"]
    counted = sum(1 for r in records if r["counted"])
    errors = [r["error"] for r in records if r["error"]]
    times = [t[1] for r in records for t in r["times"]]
    votes = [t[1] for r in records for t in r["times"] if t[0] == "vote"]
    statuses: dict[str, int] = {}
    for r in records:
        for _what, _ms, status in r["times"]:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
    during = keys["during"]
    figures = {
        "phones": args.phones,
        "counted": counted,
        "errors": errors[:10],
        "error_count": len(errors),
        "burst_s": round(phones["elapsed_s"], 2),
        "requests": len(times),
        "statuses": statuses,
        "response_ms": {"p50": _percentile(times, 0.5), "p95": _percentile(times, 0.95)},
        "vote_ms": {"p50": _percentile(votes, 0.5), "p95": _percentile(votes, 0.95)},
        "tables": tables,
        "chair_shows_phone_total": int(keys["shown_phone_total"][0]),
        "key_ms": {
            "quiet_median": statistics.median(keys["quiet"]) if keys["quiet"] else float("nan"),
            "during_median": statistics.median(during) if during else float("nan"),
            "during_p95": _percentile(during, 0.95),
            "during_keys": len(during),
        },
        "load_average": {"before": load_before, "after": load_after},
        "cpus": os.cpu_count(),
    }
    exactly_once = (
        tables["telefoon"] == counted == tables["voters"]
        and tables["zaal"] + tables["telefoon"] <= tables["present"]
        and figures["chair_shows_phone_total"] == counted
    )
    goals = [
        (
            "every vote counted exactly once",
            f"{counted}/{args.phones} told counted; votecount telefoon {tables['telefoon']}, "
            f"pollvoter {tables['voters']}, chair's screen {figures['chair_shows_phone_total']}, "
            f"present {tables['present']}",
            exactly_once and counted == args.phones,
        ),
        (
            "p95 response ≤ 200 ms",
            f"p50 {figures['response_ms']['p50']:.1f} ms, p95 {figures['response_ms']['p95']:.1f} "
            f"ms over {len(times)} requests (vote p95 {figures['vote_ms']['p95']:.1f} ms)",
            figures["response_ms"]["p95"] <= P95_GOAL_MS,
        ),
        (
            "chair's key → frame median ≤ 16 ms during the burst",
            f"median {figures['key_ms']['during_median']:.1f} ms over {len(during)} keys "
            f"(p95 {figures['key_ms']['during_p95']:.1f} ms; before the burst "
            f"{figures['key_ms']['quiet_median']:.1f} ms)",
            bool(during) and figures["key_ms"]["during_median"] <= KEY_GOAL_MS,
        ),
    ]
    figures["goals"] = [{"what": w, "figure": f, "met": m} for w, f, m in goals]
    print()
    print(f"Burst: {args.phones} phones in {figures['burst_s']} s; answers {statuses}")
    if errors:
        print(f"Phones that failed ({len(errors)}): {'; '.join(errors[:5])}")
    print(
        "Load average before/after: "
        + " ".join(f"{x:.2f}" for x in load_before)
        + " / "
        + " ".join(f"{x:.2f}" for x in load_after)
        + f" ({os.cpu_count()} cores)"
    )
    width = max(len(w) for w, _f, _m in goals)
    for what, figure, met in goals:
        print(f"{what:<{width}}  {'met' if met else 'NOT met':<7}  {figure}")
    Path(args.json).write_text(json.dumps(figures, indent=2, default=str))
    print(f"Figures in {args.json}")
    return 0 if all(m for _w, _f, m in goals) else 1


if __name__ == "__main__":
    sys.exit(main())
