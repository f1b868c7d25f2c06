"""The benchmark suite keeps working: it runs once at a tiny size (no timing is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_the_benchmark_suite_reports_every_figure_with_its_goal(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--tiny", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert set(figures["startup"]) == {
        "floor A: bare Textual",
        "floor B: Textual+SQLModel list",
        "BaZ first paint",
        "BaZ list visible",
    }
    assert list(figures["scales"]) == ["0.05", "0.1"]
    for scale in figures["scales"].values():
        assert set(scale["keys"]) == {
            "no-op key",
            "redraw key",
            "mark present",
            "add speaker",
            "next speaker",
            "count a vote",
            "add a card",
            "next agenda item",
        }
        assert set(scale["open"]) == {
            "agenda",
            "speakers",
            "analysis",
            "votes",
            "minutes",
            "attendance",
            "process",
        }
        assert all(k["median"] > 0 for k in scale["keys"].values())
        assert set(scale["export"]) == {"internal", "public"}
        assert all(e["bytes"] > 10_000 and e["rss_mb"] > 0 for e in scale["export"].values())
    goals = {row["what"].split(" (")[0]: row for row in figures["goals"]}
    assert "start-up first paint / floor A" in goals and "export public MB" in goals
    assert any(what.startswith("growth 0.1×") for what in goals)
    assert all(isinstance(row["met"], bool) for row in figures["goals"])
    # The table says each goal and whether it is met.
    assert "== goals" in result.stdout and ("NOT met" in result.stdout or " met" in result.stdout)
