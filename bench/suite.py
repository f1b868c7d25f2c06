"""``python -m bench``: every figure of issue #9 against its goal, as a table and as JSON.

1. Start-up in a real terminal (a pty; ``bench.startup``): floors A and B against BaZ.
2. Key presses on the big meeting (``bench.big_meeting``), median and p95 from the key event
   to the written frame (``bench.harness``): mark present, add speaker, next speaker, count a
   vote, add a card, next agenda item, and a key that does nothing. Goal: median ≤ 16 ms and
   ≤ 1.5× the floor. The floor is a key that repaints the unchanged screen ("redraw"): a key
   that does nothing at all draws no frame, so no key that changes the screen can come near
   it; both ratios are printed. Each timed key is followed at once by a redraw on the same
   screen, and a key's ratio is against the median of its own redraws: on a shared machine
   the speed drifts within a run (a floor timed minutes earlier, on another screen, made the
   same code 0.9× in one run and 1.9× in the next).
3. Opening each screen of the big meeting (F-key to its frame): median ≤ 100 ms.
4. Export of the big meeting to .docx, internal and public, each in a fresh process: time
   ≤ 0.5 s and the whole process's peak memory ≤ 200 MB.
5. Growth: 2–4 again at 4× and 16× the size; the cost should grow at most linearly.

Ratios count, not absolute times: machines are noisy, so floors and BaZ run side by side in
one run. ``--tiny`` runs everything at a small size and a few rounds (CI keeps it working; it
asserts nothing about time). The JSON goes to ``--json`` (default ``bench-results.json``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench.harness import REDRAW_KEY, KeyTimer, bench_app, wait_loaded

ROOT = Path(__file__).resolve().parents[1]
#: A key nothing is bound to on any screen.
NO_OP_KEY = "f12"
KEY_GOAL_MS, KEY_GOAL_RATIO, OPEN_GOAL_MS = 16.0, 1.5, 100.0
EXPORT_GOAL_S, EXPORT_GOAL_MB = 0.5, 200.0
SCREENS = {
    "agenda": "f2",
    "speakers": "f3",
    "analysis": "f4",
    "votes": "f5",
    "minutes": "f6",
    "attendance": "f7",
    "process": "f8",
}


@dataclass(frozen=True)
class Plan:
    scales: tuple[float, ...]
    key_rounds: int
    open_rounds: int
    startup_rounds: int
    #: Fewer rounds at the larger scales, where each one takes long.
    growth_divisor: int = 1
    size: tuple[int, int] = (120, 36)

    def rounds(self, scale: float) -> tuple[int, int]:
        """Key rounds and screen-opening rounds at ``scale``."""
        if scale == self.scales[0]:
            return self.key_rounds, self.open_rounds
        divisor = self.growth_divisor
        # At least five openings: the growth is a ratio of medians, and a median of two
        # openings is one slow one (a garbage collection, the machine) away from doubling.
        opens = min(self.open_rounds, max(5, self.open_rounds // divisor))
        return max(1, self.key_rounds // divisor), opens


FULL = Plan(scales=(1, 4, 16), key_rounds=20, open_rounds=6, startup_rounds=10, growth_divisor=3)
TINY = Plan(scales=(0.05, 0.1), key_rounds=1, open_rounds=1, startup_rounds=1)


def _summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median": statistics.median(ordered),
        "p95": ordered[max(0, round(len(ordered) * 0.95) - 1)],
        "runs": len(ordered),
    }


def _floor(redraws: list[float] | None) -> dict[str, float]:
    """The median of a key's own redraws, when it has them."""
    return {"floor": statistics.median(redraws)} if redraws else {}


def _ratio(summary: dict[str, float], redraw: float) -> float:
    """A key's median against its own floor (else the run's redraw median)."""
    return summary["median"] / summary.get("floor", redraw)


# ------------------------------------------------------------------ in the app


async def _measure_app(big: Any, plan: Plan, scale: float) -> dict[str, Any]:
    """Key presses and screen openings on the big meeting, in one running app."""
    app, frames, handled = bench_app(big.store.database, plan.size)
    key_rounds, open_rounds = plan.rounds(scale)
    keys: dict[str, list[float]] = {}
    opens: dict[str, list[float]] = {name: [] for name in SCREENS}
    # People to put on the list, whose names the bench can type as keys (ASCII).
    names = {a.id: a.name for a in big.store.list_attendees(big.meeting_id) if a.name.isascii()}
    candidates = iter(list(names) * (2 + 4 * key_rounds // max(1, len(names))))

    #: Per key, the redraws timed right after each of its presses (see the module's text).
    paired: dict[str, list[float]] = {}

    def record(name: str, value: float) -> None:
        keys.setdefault(name, []).append(value)

    async def record_key(name: str, key: str, character: str | None = None) -> None:
        """Time ``key`` as ``name``, then a redraw on the same screen as its floor."""
        record(name, (await timer.time_key(key, character))[0])
        paired.setdefault(name, []).append((await timer.time_key(REDRAW_KEY))[0])

    async with app.run_test(size=plan.size) as pilot:
        timer = KeyTimer(app, frames, handled)
        await wait_loaded(pilot)
        await pilot.press("enter")  # the newest meeting: the big one
        await pilot.pause()
        opened = getattr(app.screen, "meeting_id", None)
        assert opened == big.meeting_id, f"meeting {opened} opened, not the big one"

        async def on(screen: str) -> Any:
            if getattr(app.screen, "SCREEN_NAME", None) != screen:
                await pilot.press(SCREENS[screen])
                await timer.settle()
            shown = getattr(app.screen, "SCREEN_NAME", type(app.screen).__name__)
            assert shown == screen, f"wanted the {screen} screen, {shown} is shown"
            return app.screen

        async def floors() -> None:
            record("no-op key", (await timer.time_key(NO_OP_KEY))[0])
            record("redraw key", (await timer.time_key(REDRAW_KEY))[0])

        async def typed(text: str) -> None:
            for char in text:
                await pilot.press("space" if char == " " else char)
            await timer.settle()

        async def mark_present() -> None:
            await on("attendance")
            # Absent first (not timed), so "present" changes something; the cursor stays on
            # the person marked.
            await pilot.press("w")
            await record_key("mark present", "a", "a")

        async def add_speaker() -> None:
            screen = await on("speakers")
            for _attempt in range(20):  # it loads in its mount; give a slow machine a moment
                if screen.state is not None:
                    break
                await pilot.pause(0.05)
            if screen.state is None:
                from screens.widgets.status_line import StatusLine

                said = screen.query_one(StatusLine).render()
                raise AssertionError(f"the speaker list did not load: {said}")
            busy = {e.attendee_id for e in screen.state.waiting}
            if screen.state.current is not None:
                busy.add(screen.state.current.attendee_id)
            attendee = next(a for a in candidates if a not in busy)
            await pilot.press("plus")
            await typed(names[attendee])
            await record_key("add speaker", "enter")

        async def next_speaker() -> None:
            await on("speakers")
            await record_key("next speaker", "space", " ")

        async def count_vote() -> None:
            await on("votes")
            await record_key("count a vote", "plus", "+")

        async def add_card() -> None:
            await on("analysis")
            await pilot.press("o")
            await timer.settle()
            cards = len(keys.get("add a card", []))
            await typed(f"Te weinig licht op het plein {cards + 1}")
            await record_key("add a card", "enter")
            assert getattr(app.screen, "SCREEN_NAME", None) == "analysis", "the card was refused"

        async def next_item() -> None:
            await on("agenda")
            await record_key("next agenda item", "v", "v")

        actions: list[Callable[[], Awaitable[None]]] = [
            mark_present,
            add_speaker,
            next_speaker,
            count_vote,
            add_card,
        ]
        for _round in range(key_rounds):
            for action in actions:
                await action()
                await floors()
        for _round in range(open_rounds):
            for name, key in SCREENS.items():
                await on("agenda" if name != "agenda" else "process")
                opens[name].append((await timer.time_key(key))[0])
        # Last: it moves the running item on.
        for _round in range(min(key_rounds, 60)):
            await next_item()
    return {
        "keys": {
            name: {**_summary(values), **_floor(paired.get(name))} for name, values in keys.items()
        },
        "open": {name: _summary(values) for name, values in opens.items()},
    }


# ---------------------------------------------------------------------- export


def _export(db: Path, meeting_id: int, public: bool, folder: Path) -> dict[str, float]:
    """Export in a fresh process: its time and the peak memory of that whole process."""
    out = folder / ("public.docx" if public else "internal.docx")
    code = (
        "import json, resource, sys, time\n"
        "from baz_tui.i18n import install_language\n"
        "install_language('nl')\n"
        "from models.store import Store\n"
        "from baz_tui.export import export_minutes\n"
        "store = Store.open(sys.argv[1])\n"
        "start = time.perf_counter()\n"
        "export_minutes(store, int(sys.argv[2]), sys.argv[3], public=sys.argv[4] == '1')\n"
        "took = time.perf_counter() - start\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(json.dumps({'seconds': took, 'rss_mb': rss}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(db), str(meeting_id), str(out), "1" if public else "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    figures["bytes"] = out.stat().st_size
    return figures


# ---------------------------------------------------------------------- a scale


def measure_scale(plan: Plan, scale: float) -> dict[str, Any]:
    from baz_tui.i18n import install_language
    from bench.big_meeting import build_big_meeting

    install_language("nl")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "big.db"
        started = time.perf_counter()
        big = build_big_meeting(db, scale)
        built = time.perf_counter() - started
        figures = asyncio.run(_measure_app(big, plan, scale))
        big.store.close()
        figures["export"] = {
            kind: _export(db, big.meeting_id, kind == "public", Path(folder))
            for kind in ("internal", "public")
        }
        figures["size"] = big.counts
        figures["built_seconds"] = built
    return figures


# ---------------------------------------------------------------------- report


def verdicts(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Every goal with its figure and whether it is met."""
    rows: list[dict[str, Any]] = []

    def add(what: str, figure: float, goal: str, met: bool) -> None:
        rows.append({"what": what, "figure": round(figure, 3), "goal": goal, "met": met})

    startup = results.get("startup")
    if startup:
        for what, mine, floor, goal in (
            ("first paint / floor A", "BaZ first paint", "floor A: bare Textual", 1.3),
            ("list visible / floor B", "BaZ list visible", "floor B: Textual+SQLModel list", 1.2),
        ):
            ratio = startup[mine]["median"] / startup[floor]["median"]
            add(f"start-up {what}", ratio, f"≤ {goal}×", ratio <= goal)
    scales = results["scales"]
    first = min(scales, key=float)
    base = scales[first]
    keys = base["keys"]
    redraw = keys["redraw key"]["median"]
    for name, figures in keys.items():
        if name in ("no-op key", "redraw key"):
            continue
        median = figures["median"]
        add(f"key {name} median ms ({first}×)", median, f"≤ {KEY_GOAL_MS:g} ms", median <= 16)
        ratio = _ratio(figures, redraw)
        add(f"key {name} / redraw ({first}×)", ratio, f"≤ {KEY_GOAL_RATIO}×", ratio <= 1.5)
    for name, figures in base["open"].items():
        median = figures["median"]
        add(f"open {name} median ms ({first}×)", median, "≤ 100 ms", median <= OPEN_GOAL_MS)
    for kind, figures in base["export"].items():
        add(f"export {kind} s ({first}×)", figures["seconds"], "≤ 0.5 s", figures["seconds"] <= 0.5)
        add(f"export {kind} MB ({first}×)", figures["rss_mb"], "≤ 200 MB", figures["rss_mb"] <= 200)
    for scale, figures in scales.items():
        if scale == first:
            continue
        factor = float(scale) / float(first)
        worst, where = 0.0, ""
        for part in ("keys", "open"):
            for name, summary in figures[part].items():
                ratio = summary["median"] / max(base[part][name]["median"], 1e-9)
                if ratio > worst:
                    worst, where = ratio, f"{part} {name}"
        for kind, export in figures["export"].items():
            ratio = export["seconds"] / base["export"][kind]["seconds"]
            if ratio > worst:
                worst, where = ratio, f"export {kind}"
        add(
            f"growth {scale}× vs {first}×: worst ({where})",
            worst,
            f"≤ {factor:g}× (linear)",
            worst <= factor,
        )
    return rows


def table(results: dict[str, Any]) -> list[str]:
    lines = []
    for scale, figures in results["scales"].items():
        size = ", ".join(f"{v} {k}" for k, v in figures["size"].items())
        lines.append(f"\n== {scale}× the big meeting: {size}")
        lines.append(f"{'key / screen':22} {'median ms':>9} {'p95 ms':>7} {'× redraw':>8}")
        redraw = figures["keys"]["redraw key"]["median"]
        for name, summary in figures["keys"].items():
            lines.append(
                f"{name:22} {summary['median']:9.1f} {summary['p95']:7.1f}"
                f" {_ratio(summary, redraw):8.2f}"
            )
        for name, summary in figures["open"].items():
            lines.append(f"{'open ' + name:22} {summary['median']:9.1f} {summary['p95']:7.1f}")
        for kind, export in figures["export"].items():
            lines.append(
                f"{'export ' + kind:22} {export['seconds'] * 1000:9.0f} ms,"
                f" peak {export['rss_mb']:.0f} MB, {export['bytes'] // 1024} KiB"
            )
    lines.append("\n== goals")
    for row in results["goals"]:
        verdict = "met" if row["met"] else "NOT met"
        lines.append(f"{row['what']:58} {row['figure']:9.2f}  {row['goal']:18} {verdict}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--tiny", action="store_true", help="small sizes, few rounds (CI)")
    parser.add_argument("--no-startup", action="store_true", help="skip the pty start-up part")
    parser.add_argument("--json", type=Path, default=Path("bench-results.json"))
    parser.add_argument(
        "--scales", type=float, nargs="+", help="sizes of the big meeting (default: 1 4 16)"
    )
    args = parser.parse_args(argv)
    plan = TINY if args.tiny else FULL
    if args.scales:
        plan = replace(plan, scales=tuple(args.scales))
    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "system": platform.platform(),
            "cpus": os.cpu_count(),
            "when": time.strftime("%Y-%m-%d %H:%M"),
        },
        "plan": {"scales": plan.scales, "key_rounds": plan.key_rounds, "tiny": args.tiny},
    }
    if not args.no_startup:
        from bench.startup import report, run

        results["startup"] = run(plan.startup_rounds)
        print("\n".join(report(results["startup"])))
    results["scales"] = {}
    for scale in plan.scales:
        results["scales"][f"{scale:g}"] = measure_scale(plan, scale)
    results["goals"] = verdicts(results)
    print("\n".join(table(results)))
    args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    print(f"\nfigures written to {args.json}")
    return 0
