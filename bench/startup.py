"""Start-up in a real terminal (a pty), from process start to what the user sees.

Four variants run interleaved, so machine noise hits them alike:
floor A (bare Textual), floor B (Textual + SQLModel + one query), BaZ first paint (the home
screen drawn) and BaZ list visible (the meetings on screen). Goals: first paint ≤ 1.3× floor A,
list visible ≤ 1.2× floor B.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.terminal import PtySession

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Variant:
    name: str
    argv: list[str]
    marker: str


def time_to_marker(argv: list[str], marker: str) -> float:
    """Seconds from spawning ``argv`` in a 120×36 pty until ``marker`` is visible."""
    session = PtySession(argv)
    try:
        return session.wait_for(marker)
    finally:
        session.kill()


def prepare_database(path: Path, meetings: int = 20) -> str:
    """A database with some meetings; returns the title of the newest (the marker)."""
    from datetime import date, timedelta
    from datetime import time as clock_time

    from baz_tui.i18n import install_language

    install_language("en")
    from models.store import Store

    store = Store.open(path)
    title = ""
    for n in range(meetings):
        title = f"Benchmark meeting {n:03d}"
        store.create_meeting(title, date(2026, 1, 6) + timedelta(days=7 * n), clock_time(19, 30))
    store.close()
    return title


def run(rounds: int) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        newest = prepare_database(db)
        python = sys.executable
        home_env = ["env", f"XDG_DATA_HOME={folder}", f"XDG_CONFIG_HOME={folder}"]
        variants = [
            Variant(
                "floor A: bare Textual", [python, str(ROOT / "bench" / "floor_a.py")], "Hello floor"
            ),
            Variant(
                "floor B: Textual+SQLModel list",
                [python, str(ROOT / "bench" / "floor_b.py"), str(db)],
                newest,
            ),
            # The home screen's first frame says it is opening the database.
            Variant(
                "BaZ first paint",
                [*home_env, python, "-m", "baz_tui", "--lang", "en", "--db", str(db)],
                "Opening the database",
            ),
            Variant(
                "BaZ list visible",
                [*home_env, python, "-m", "baz_tui", "--lang", "en", "--db", str(db)],
                newest,
            ),
        ]
        times: dict[str, list[float]] = {v.name: [] for v in variants}
        for variant in variants:  # warm the file cache once; not counted
            time_to_marker(variant.argv, variant.marker)
        for _round in range(rounds):
            for variant in variants:
                times[variant.name].append(time_to_marker(variant.argv, variant.marker))
    return {
        name: {"min": min(values), "median": statistics.median(values), "runs": len(values)}
        for name, values in times.items()
    }


def report(results: dict[str, dict[str, float]]) -> list[str]:
    a = results["floor A: bare Textual"]
    b = results["floor B: Textual+SQLModel list"]
    paint = results["BaZ first paint"]
    listed = results["BaZ list visible"]
    lines = [f"{'variant':34} {'min ms':>8} {'median ms':>10}"]
    for name, figures in results.items():
        lines.append(f"{name:34} {figures['min'] * 1000:8.0f} {figures['median'] * 1000:10.0f}")
    for what, mine, floor, goal in (
        ("first paint / floor A", paint, a, 1.3),
        ("list visible / floor B", listed, b, 1.2),
    ):
        ratio_min = mine["min"] / floor["min"]
        ratio_median = mine["median"] / floor["median"]
        verdict = "met" if ratio_median <= goal else "NOT met"
        lines.append(
            f"{what:34} min {ratio_min:.2f}×  median {ratio_median:.2f}×  goal ≤ {goal}×: {verdict}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    results = run(args.rounds)
    print("\n".join(report(results)))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
