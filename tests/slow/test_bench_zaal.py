"""``python -m bench.zaal`` stays working: a few phones on a small big meeting, every vote
counted exactly once (the times are the bench's to judge, not a test's on a busy machine).

Run as its own process, as the bench is: its chair app freezes what it loaded (``gc.freeze``),
which must not stay behind in the test process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_the_room_bench_counts_every_phone_once(tmp_path: Path) -> None:
    figures_file = tmp_path / "zaal.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.zaal",
            "--phones",
            "12",
            "--window",
            "2",
            "--scale",
            "0.05",
            "--quiet-keys",
            "2",
            "--json",
            str(figures_file),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(figures_file.read_text())
    assert figures["counted"] == 12 and figures["error_count"] == 0
    assert figures["tables"]["telefoon"] == 12 == figures["tables"]["voters"]
    assert figures["chair_shows_phone_total"] == 12
    once = figures["goals"][0]
    assert once["what"] == "every vote counted exactly once" and once["met"]
    assert len(figures["goals"]) == 3 and figures["key_ms"]["during_keys"] >= 0
