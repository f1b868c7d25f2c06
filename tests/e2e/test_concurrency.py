"""Concurrency (issue #10, part 4): the chair, the beamer and exports on one SQLite file.

``python -m bench.concurrency`` runs briefly, as documented, in its own process: the chair's
Store calls at a scripted rate (with a restart of the app), the headless beamer app and a
timed beamer feed following the file, and ``baz export`` run as a real subprocess over and
over. Not one "database is locked" anywhere; every export written; the beamer kept up.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_chair_beamer_and_exports_share_the_file_without_locks(tmp_path: Path) -> None:
    figures = tmp_path / "concurrency.json"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.concurrency",
            "--seconds",
            "5",
            "--rate",
            "25",
            "--restart",
            "2",
            "--json",
            str(figures),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads(figures.read_text())
    assert result["lock_errors_total"] == 0, result["lock_errors"]
    assert result["failures"] == 0
    chair, exports = result["chair"], result["exports"]
    assert chair["other_errors"] == []
    assert chair["commits"] > 0 and chair["restarts"] >= 1
    assert exports["runs"] >= 1 and exports["ok"] == exports["runs"], exports["failed"]
    # The beamer read the meeting again after changes, as the chair made them.
    assert result["beamer_feed"]["re_reads"] >= 2
    assert result["beamer_app"]["re_reads"] >= 1
