"""Hostile files and paths (issue #21): devices and pipes, long and odd names, write-protected
targets, broken encodings, meeting files that pass a naive check and break the meeting later.

Each defect of the issue has a test here that failed before the fix: the command line answers
with one line and exit code 2 (never "Unexpected error", never a hang), the database is left
as it was, and what is loaded can be shown and exported afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from baz_tui import cli
from baz_tui.cli_database import preflight
from baz_tui.i18n import current_language, install_language
from models import files
from models.errors import BazError
from models.files.csv_import import CsvError, decode, parse_attendees
from models.files.meeting_file import MeetingFileError, encode, parse_meeting_file
from tests.conftest import DROP_OVERRIDE, ROOT, privileges_can_be_dropped
from tests.conftest import run_baz as baz


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The messages are checked in English (``run_baz`` passes ``--lang en`` too)."""
    before = current_language()
    install_language("en")
    yield
    install_language(before)


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "thuis.db"
    assert cli.main(["--db", str(path), "demo"]) == 0
    return path


@pytest.fixture
def home(tmp_path: Path, demo_database: Path) -> Path:
    shutil.copyfile(demo_database, tmp_path / "thuis.db")
    return tmp_path


def one_line_exit_2(result: tuple[int, str, str]) -> str:
    code, _out, err = result
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert "Unexpected error" not in err and "Traceback" not in err
    return err.strip()


def meeting_count(db: Path) -> int:
    from models.store import Store

    store = Store.open(db)
    try:
        return len(store.list_meetings())
    finally:
        store.close()


# --------------------------------------------------------------- devices and pipes (#7)


def baz_process(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``baz ARGS`` in a process of its own, its memory bounded (a reader that never stops must
    fail the test, not take the machine down)."""
    import resource

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return subprocess.run(
        [sys.executable, "-m", "baz_tui", "--lang", "en", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=timeout,
        preexec_fn=bounded,
    )


def test_a_link_to_a_device_is_refused_without_reading_it(home: Path) -> None:
    link = home / "vergadering.baz.json"
    link.symlink_to("/dev/zero")
    run = baz_process("--db", str(home / "thuis.db"), "load", str(link))
    assert run.returncode == 2, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert "not an ordinary file" in run.stderr
    with pytest.raises(files.FileError):
        files.read_file(link, limit=1_000)


def test_a_named_pipe_is_refused_and_nothing_waits_for_a_writer(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = home / "leden.csv"
    os.mkfifo(pipe)
    outcome: list[tuple[int, str, str]] = []
    # In a thread: before the fix this open() waited for a writer forever.
    runner = threading.Thread(
        target=lambda: outcome.append(
            baz(capsys, "--db", str(home / "thuis.db"), "attendees", "import", "1", str(pipe))
        ),
        daemon=True,
    )
    runner.start()
    runner.join(10)
    if runner.is_alive():  # let the stuck open() go, so the test process can end
        with open(pipe, "wb"):
            pass
        pytest.fail("reading a named pipe hung")
    assert "not an ordinary file" in one_line_exit_2(outcome[0])


def test_a_database_that_is_a_pipe_is_refused_before_the_app_starts(tmp_path: Path) -> None:
    pipe = tmp_path / "baz.db"
    os.mkfifo(pipe)
    found: list[str | None] = []
    checker = threading.Thread(target=lambda: found.append(preflight(str(pipe))), daemon=True)
    checker.start()
    checker.join(10)
    if checker.is_alive():
        with open(pipe, "wb"):
            pass
        pytest.fail("the check of the database file hung on a named pipe")
    assert found[0] is not None and "not a BaZ database" in found[0]


def test_never_more_than_the_limit_is_read(tmp_path: Path) -> None:
    big = tmp_path / "groot.csv"
    big.write_bytes(b"x" * 5_000_001)
    with pytest.raises(files.FileError) as refused:
        files.read_file(big, limit=5_000_000)
    # The small one of the issue: "too large (5 MB; at most 5 MB)".
    assert "(5.1 MB; at most 5 MB)" in refused.value.message
    big.write_bytes(b"x" * 5_600_000)
    with pytest.raises(files.FileError) as refused:
        files.read_file(big, limit=5_000_000)
    assert "(5.6 MB; at most 5 MB)" in refused.value.message


# ------------------------------------------------------------------ names and paths (#8)


ARABIC_TITLE = "اجتماع سكان الحي حول إعادة تصميم الملعب والحديقة العامة وممرات المشاة " * 2


def test_a_long_title_in_a_script_of_two_bytes_a_letter_still_gives_a_file_name(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from models.store import Store

    title = ARABIC_TITLE[:130]
    assert len(title) == 130 and len(title.encode()) > 230
    store = Store.open(home / "thuis.db")
    store.update_meeting(1, title=title)
    store.close()
    db = str(home / "thuis.db")
    out_folder = home / "uit"
    out_folder.mkdir()
    for args in (
        ("export", "1", "-o", str(out_folder)),
        ("export", "1", "--public", "-o", str(out_folder), "--yes"),
        ("export", "1", "--csv", str(out_folder)),
        ("dump", "1", "-o", str(out_folder)),
    ):
        code, _out, err = baz(capsys, "--db", db, *args)
        assert code == 0, (args, err)
    names = [p.name for p in out_folder.iterdir()]
    assert len(names) == 6
    for name in names:
        assert len(name.encode()) <= files.NAME_MAX_BYTES
        assert "اجتماع" in name


def test_a_file_name_is_cut_at_a_character_not_in_the_middle_of_one() -> None:
    name = files.safe_file_name("é" * 300, ".docx", fallback="x")
    assert name.endswith(".docx") and name[:-5] == "é" * len(name[:-5])
    assert len(name.encode()) <= files.NAME_MAX_BYTES
    emoji = files.safe_file_name("👨\u200d👩\u200d👧" * 100, ".csv", fallback="x")
    assert not emoji[:-4].endswith("\u200d")


@pytest.mark.parametrize(
    "where",
    [
        "~geen_gebruiker_zo/notulen.docx",
        "x" * 300 + ".docx",
        "map/" + "y" * 300 + "/notulen.docx",
    ],
)
def test_an_impossible_path_is_one_line_and_exit_2(
    home: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    db = str(home / "thuis.db")
    (home / "map").mkdir()
    target = where if where.startswith("~") else str(home / where)
    for args in (
        ("export", "1", "-o", target),
        ("export", "1", "--csv", target),
        ("dump", "1", "-o", target),
        ("load", target),
        ("attendees", "import", "1", target),
    ):
        one_line_exit_2(baz(capsys, "--db", db, *args))


@pytest.mark.skipif(not privileges_can_be_dropped(), reason="needs root and setpriv")
def test_a_folder_without_permission_is_one_line_and_exit_2(home: Path) -> None:
    db = home / "thuis.db"
    closed = home / "dicht"
    closed.mkdir()
    (closed / "binnen").mkdir()
    closed.chmod(0)
    os.chmod(home, 0o777)
    db.chmod(0o666)
    try:
        for args in (
            ["export", "1", "-o", str(closed / "binnen" / "n.docx")],
            ["dump", "1", "-o", str(closed / "binnen")],
            ["load", str(closed / "binnen" / "v.baz.json")],
        ):
            run = subprocess.run(
                [*DROP_OVERRIDE, sys.executable, "-m", "baz_tui", "--lang", "en", "--db", str(db)]
                + args,
                capture_output=True,
                text=True,
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                timeout=60,
            )
            assert run.returncode == 2, (args, run.stderr)
            assert len(run.stderr.strip().splitlines()) == 1, run.stderr
            assert "Unexpected error" not in run.stderr
            assert "permission" in run.stderr
    finally:
        closed.chmod(0o755)


def test_a_write_protected_file_is_replaced_only_when_the_user_says_so(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(home / "thuis.db")
    target = home / "notulen.docx"
    target.write_bytes(b"the old minutes")
    target.chmod(0o444)
    if hasattr(os, "chown"):
        os.chown(target, 4321, 4321)  # someone else's file (the tests run as root)
    message = one_line_exit_2(baz(capsys, "--db", db, "export", "1", "-o", str(target)))
    assert "write-protected" in message and "--yes" in message
    assert target.read_bytes() == b"the old minutes"
    code, _out, err = baz(capsys, "--db", db, "export", "1", "-o", str(target), "--yes")
    assert code == 0, err
    after = target.stat()
    assert target.read_bytes()[:2] == b"PK"  # a Word document now
    assert stat.S_IMODE(after.st_mode) == 0o444
    if hasattr(os, "chown"):
        assert (after.st_uid, after.st_gid) == (4321, 4321)
    # The same for a meeting file and the CSV lists.
    dumped = home / "v.baz.json"
    dumped.write_text("{}")
    dumped.chmod(0o400)
    assert "write-protected" in one_line_exit_2(
        baz(capsys, "--db", db, "dump", "1", "-o", str(dumped))
    )
    assert dumped.read_text() == "{}"


def test_the_csv_lists_are_written_all_three_or_none(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A nearly full disk: the third file fails; the first two must not be left behind."""
    import errno

    real = files._write_beside
    written: list[int] = []

    def nearly_full(target: Path, data: bytes, existing: os.stat_result | None) -> str:
        written.append(1)
        if len(written) == 3:
            raise files.FileError(files.reason_of(OSError(errno.ENOSPC, "No space left on device")))
        return real(target, data, existing)

    monkeypatch.setattr(files, "_write_beside", nearly_full)
    out = home / "lijsten"
    code, _out, err = baz(capsys, "--db", str(home / "thuis.db"), "export", "1", "--csv", str(out))
    assert code == 2 and "full" in err
    assert sorted(p.name for p in out.iterdir()) == []


# ---------------------------------------------------------------------- encodings (#9)


def test_a_utf8_list_with_one_broken_byte_is_refused_with_its_line(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = "naam;rol\nJosé Müller;bewoner\nAnna Bakker;bewoner\n".encode()
    data = data.replace(b"Anna", b"Ann\xe9")  # one byte of Windows-1252 in a UTF-8 file
    with pytest.raises(CsvError) as refused:
        parse_attendees(data)
    assert "line 3" in refused.value.message
    csv = home / "leden.csv"
    csv.write_bytes(data)
    message = one_line_exit_2(
        baz(capsys, "--db", str(home / "thuis.db"), "attendees", "import", "1", str(csv), "--yes")
    )
    assert "line 3" in message
    from models.store import Store

    store = Store.open(home / "thuis.db")
    names = [a.name for a in store.list_attendees(1)]
    store.close()
    assert not any("Ã" in name for name in names)


def test_a_real_windows_list_is_still_read_as_windows_1252() -> None:
    text, encoding = decode("naam;rol\nJosé Müller;bewoner\n".encode("cp1252"))
    assert encoding == "Windows-1252" and "José Müller" in text


def test_the_command_line_names_twenty_problem_lines_and_counts_the_rest(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["naam;rol"] + [f"Persoon {n};burgemeester" for n in range(5_000)] + ["Jan;bewoner"]
    csv = home / "leden.csv"
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _err = baz(
        capsys, "--db", str(home / "thuis.db"), "attendees", "import", "1", str(csv), "--yes"
    )
    assert code == 0
    assert out.count("burgemeester") == 20
    assert "4980 more lines with problems" in out


# ---------------------------------------------------------------- meeting files (#6)


@pytest.fixture(scope="module")
def demo_file(demo_database: Path) -> dict:
    from models.store import Store

    store = Store.open(demo_database)
    try:
        return store.dump_meeting(1)
    finally:
        store.close()


def refusal(data: dict) -> str:
    with pytest.raises(MeetingFileError) as refused:
        parse_meeting_file(encode(data))
    return refused.value.message


def chain_of_cards(depth: int) -> list[dict]:
    first = 100_000  # ids of cards are unique in the whole file
    cards = [{"id": first, "kind": "kernprobleem", "text": "Kern", "parent": None}]
    for n in range(first + 1, first + depth):
        cards.append({"id": n, "kind": "oorzaak", "text": f"Oorzaak {n}", "parent": n - 1})
    return cards


def test_a_card_tree_deeper_than_the_limit_is_refused_with_where(demo_file: dict) -> None:
    data = json.loads(json.dumps(demo_file))
    item = data["agenda"][0]
    assert not item["cards"]
    item["cards"] = chain_of_cards(500)
    message = refusal(data)
    assert "agenda[0].cards[50].parent" in message and "50" in message
    item["cards"] = chain_of_cards(50)
    parse_meeting_file(encode(data))  # the limit itself is fine


@pytest.mark.parametrize("number", [2**63, 2**63 - 1, 10**40])
def test_numbers_beyond_what_the_database_holds_are_refused(
    demo_file: dict, number: int, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(json.dumps(demo_file))
    data["agenda"][0]["spent_seconds"] = number
    assert "agenda[0].spent_seconds: must be at most 604800" in refusal(data)
    data = json.loads(json.dumps(demo_file))
    data["agenda"][0]["polls"] = []
    data["process"]["budget_euro_cents"] = number
    assert "process.budget_euro_cents: must be at most" in refusal(data)
    path = home / "groot.baz.json"
    path.write_bytes(encode(data))
    before = meeting_count(home / "thuis.db")
    one_line_exit_2(baz(capsys, "--db", str(home / "thuis.db"), "load", str(path)))
    assert meeting_count(home / "thuis.db") == before


def test_every_whole_number_of_the_schema_has_an_upper_bound() -> None:
    from models.files.meeting_file import schema

    def nodes(node: object, path: str) -> Iterator[tuple[str, dict]]:
        if isinstance(node, dict):
            yield path, node
            for key, value in node.items():
                yield from nodes(value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from nodes(value, f"{path}[{index}]")

    for path, node in nodes(schema(), ""):
        kinds = node.get("type")
        if kinds == "integer" or (isinstance(kinds, list) and "integer" in kinds):
            assert "maximum" in node, path
        if kinds == "array" and "/properties/" in path:
            assert "maxItems" in node, path


def test_too_many_attendees_are_refused_before_anything_is_loaded(demo_file: dict) -> None:
    from models.files.meeting_file import ATTENDEES_MAX

    data = json.loads(json.dumps(demo_file))
    data["agenda"] = []
    data["decisions"], data["actions"] = [], []
    data["attendees"] = [{"id": n, "name": f"Bewoner {n}"} for n in range(1, ATTENDEES_MAX + 2)]
    started = time.perf_counter()
    assert "attendees: has 5001 entries; a meeting file holds at most 5000" in refusal(data)
    assert time.perf_counter() - started < 5


def test_an_import_of_attendees_stops_at_the_limit(store, meeting) -> None:  # type: ignore[no-untyped-def]
    from models.domain import Consent, Role
    from models.files.csv_import import AttendeeRow
    from models.files.meeting_file import ATTENDEES_MAX

    rows = [
        AttendeeRow(n, f"Persoon {n}", Role.BEWONER, Consent.ANONIEM) for n in range(ATTENDEES_MAX)
    ]
    before = len(store.list_attendees(meeting.id))
    with pytest.raises(BazError):
        store.import_attendees(meeting.id, rows)
    assert len(store.list_attendees(meeting.id)) == before


def test_a_field_twice_in_one_group_is_refused(demo_file: dict) -> None:
    text = encode(demo_file).decode()
    twice = text.replace('"title": ', '"title": "Eerste", "title": ', 1)
    with pytest.raises(MeetingFileError) as refused:
        parse_meeting_file(twice.encode())
    assert "“title” appears twice" in refused.value.message


def test_a_vote_linked_to_itself_says_so(demo_file: dict) -> None:
    data = json.loads(json.dumps(demo_file))
    [(i, poll)] = [(i, p) for i, item in enumerate(data["agenda"]) for p in item.get("polls", [])][
        :1
    ]
    poll["previous_poll"] = poll["id"]
    message = refusal(data)
    assert f"vote {poll['id']} cannot be a new vote of itself" in message
    assert "does not exist" not in message


def test_the_version_of_a_meeting_file_is_never_printed_raw(
    home: Path, capsys: pytest.CaptureFixture[str], demo_file: dict
) -> None:
    data = dict(demo_file, version="\x1b]0;owned\x07\x1b[2J")
    path = home / "raar.baz.json"
    path.write_bytes(encode(data))
    message = one_line_exit_2(baz(capsys, "--db", str(home / "thuis.db"), "load", str(path)))
    assert "\x1b" not in message and "\x07" not in message


def test_a_tree_thousands_deep_in_the_database_can_be_shown_and_exported(
    tmp_path: Path,
) -> None:
    """Depth comes from data (an older file, a database edited by hand): the analysis, the
    minutes, the beamer and the Word export walk trees without recursion."""
    from sqlalchemy import text as sql

    from baz_tui.export import export_minutes
    from models.minutes import build_minutes, minutes_markdown
    from models.store import Store

    store = Store.open(tmp_path / "baz.db")
    meeting = store.create_meeting(
        "Diep", __import__("datetime").date(2026, 12, 1), __import__("datetime").time(19, 30)
    )
    item = store.list_agenda(meeting.id)[0]
    core = store.add_card(item.id, "kernprobleem", "Kern")
    depth = 3_000
    with store.engine.begin() as db:
        parent = core.touched_card_id
        for n in range(depth):
            parent = db.execute(
                sql(
                    "INSERT INTO card (agenda_item_id, kind, text, parent_id, dots, position, "
                    "created_at) VALUES (:item, 'oorzaak', :text, :parent, 0, 0, "
                    "'2026-12-01 18:00:00') RETURNING id"
                ),
                {"item": item.id, "text": f"Oorzaak {n}", "parent": parent},
            ).scalar_one()
    state = store.analysis_state(item.id)
    assert len(state.flat()) == depth + 1
    assert sum(1 for _card in state.causes[0].walk()) == depth
    minutes = build_minutes(store, meeting.id, public=False)
    assert "Oorzaak 2999" in minutes_markdown(minutes)
    path = export_minutes(store, meeting.id, tmp_path / "diep.docx")
    assert path.stat().st_size > 0
    store.close()
