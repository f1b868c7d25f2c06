"""Crash safety (issue #10, part 1): the scripted meeting of ``bench.crash``, killed 20 times.

The runner is started as the documented command, in its own process (it forks the children
it kills; the test process itself is never forked). Every property is asserted on what the
runner checked after each kill: ``PRAGMA integrity_check`` is ok, the database holds exactly
the acknowledged actions (or one more, committed in flight), the app's reads of the meeting
work, and the real app opens the last crashed meeting on every screen. ``python -m
bench.crash --kills 200`` is the long version.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from bench.crash import meeting_script
from tests.conftest import ROOT

KILLS = 20


def test_twenty_sigkills_lose_no_acknowledged_action(tmp_path: Path) -> None:
    figures = tmp_path / "crash.json"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.crash",
            "--kills",
            str(KILLS),
            "--seed",
            "10",
            "--quiet",
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
    assert result["failures"] == []
    assert result["kills"] == KILLS
    assert result["integrity_ok"] == KILLS
    per_kill = result["per_kill"]
    assert all(kill["integrity"] == "ok" for kill in per_kill)
    # Each kill was checked against the state after its acknowledged actions; over 20 kills
    # the children got far into the meeting, and the app read it every time it existed.
    assert result["acknowledged_actions_checked"] == sum(k["acknowledged"] for k in per_kill)
    assert max(k["acknowledged"] for k in per_kill) > len(meeting_script()) // 2
    assert result["meeting_opened"] == sum(
        k["acknowledged"] + k["in_flight_committed"] >= 1 for k in per_kill
    )
    # A resumed child starts where the database was: at the acknowledged step or one later.
    for earlier, later in zip(per_kill, per_kill[1:], strict=False):
        if later["round"] == earlier["round"]:
            assert later["started_at_step"] == (
                earlier["acknowledged"] + 1 + earlier["in_flight_committed"]
            )
    assert result["pilot"]["screens"] == [
        "AttendanceScreen",
        "AgendaScreen",
        "SpeakersScreen",
        "AnalysisScreen",
        "VotesScreen",
        "MinutesScreen",
        "ProcessScreen",
    ]


def test_the_check_finds_a_lost_action_and_a_damaged_file(tmp_path: Path) -> None:
    """The checks of the runner are not vacuous: a database that lacks an acknowledged
    action, or whose file is damaged, is reported; one more action (in flight) is not."""
    from bench.crash import check_state, play, reference

    expected, _opening, _step = reference(tmp_path, stop=33)
    steps = meeting_script()
    at_30 = tmp_path / "at-30.db"
    play(at_30, 1, lambda _line: None, stop=30)
    check = tmp_path / "check.db"

    # Acknowledged 30, or 29 with the 30th in flight: right. Acknowledged 32: two lost.
    assert check_state(at_30, check, expected, 30, True)[0] == 30
    assert check_state(at_30, check, expected, 29, True)[0] == 30
    matched, integrity, problems = check_state(at_30, check, expected, 32, True)
    assert matched is None and integrity == "ok"
    assert problems == [
        "acknowledged actions lost: the database is at step 30, acknowledged was 32; "
        f"the first lost is step 31 “{steps[30].name}”"
    ]

    # The header of the attendee table's page overwritten: integrity_check says so.
    with sqlite3.connect(at_30) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'attendee'"
        ).fetchone()[0]
    connection.close()
    data = bytearray(at_30.read_bytes())
    data[(root - 1) * page_size : (root - 1) * page_size + 8] = bytes(8)
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(bytes(data))
    matched, integrity, problems = check_state(damaged, check, expected, 30, True)
    assert integrity != "ok"
    assert problems and problems[0].startswith("integrity_check:")


def test_the_real_app_killed_with_random_keys_loses_no_acknowledged_action(tmp_path: Path) -> None:
    """``python -m bench.crash --app``: the real app in a pty, notes typed without a pause and
    random keys on every screen, killed six times; every acknowledged commit is in the file,
    and of the notes everything typed more than two seconds before the kill."""
    figures = tmp_path / "crash-app.json"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.crash",
            "--app",
            "--kills",
            "6",
            "--seed",
            "3",
            "--quiet",
            "--json",
            str(figures),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads(figures.read_text())
    assert result["failures"] == []
    assert result["kills"] == 6 and result["integrity_ok"] == 6
    assert result["acknowledged_actions"] > 20 and result["keys_sent"] > 200
    # Killed while typing the notes, long enough after the first letter that some were due.
    typing = [k for k in result["per_kill"] if k["during_notes"] and k["notes_due"]]
    assert typing, "no kill came while notes were typed"
    assert all(k["notes_saved"] >= k["notes_due"] for k in typing)
