"""The ``baz`` command line and the demo it creates.

Assertions on Dutch texts that come from the message catalogue (not from Babel) are marked
``# catalogue``: they need baz_tui/locale/nl/LC_MESSAGES/baz.mo to hold the translation.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from baz_tui import cli
from baz_tui.cli_database import preflight
from baz_tui.config import data_dir
from baz_tui.i18n import current_language, install_language
from models.demo import (
    ATTENDEES,
    CONTENT_ITEMS,
    HELD_BEFORE,
    MEETING_TITLE,
    NEXT_TITLE,
    create_demo,
    find_next_evening,
    next_tuesday,
)
from models.domain import Consent, ParticipationLevel, Presence, Purpose, Role
from models.errors import NotFoundError
from models.rules.agenda_template import standard_agenda
from tests.conftest import ROOT

if TYPE_CHECKING:
    from models.store import Store

LIST_LINE = re.compile(r"^\s*(\d+)  (\d\d-\d\d-\d{4})  (.+?)\s*  (\S.*)$")


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    """``main(["--lang", ...])`` installs a language for the whole process: put it back."""
    before = current_language()
    yield
    install_language(before)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "baz.db")


@pytest.fixture
def random_file(tmp_path: Path) -> Path:
    path = tmp_path / "random.db"
    path.write_bytes(random.Random(7).randbytes(8192))
    return path


def run_baz(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m baz_tui ARGS`` in a fresh interpreter (no terminal, no stdin)."""
    return subprocess.run(
        [sys.executable, "-m", "baz_tui", *args],
        cwd=ROOT,
        env=dict(os.environ),  # the private XDG folders of the autouse fixture
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def list_lines(capsys: pytest.CaptureFixture[str], db: str, lang: str = "en") -> list[str]:
    capsys.readouterr()
    assert cli.main(["--lang", lang, "--db", db, "list"]) == 0
    return capsys.readouterr().out.splitlines()


# ----------------------------------------------------------------------- demo and list


def test_demo_then_list_shows_the_demo_meeting(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--lang", "en", "--db", db, "demo"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Demo created: #1 {MEETING_TITLE} (")
    assert f"held; #2 {NEXT_TITLE} (" in out and out.endswith("still to come.\n")
    assert len(out.splitlines()) == 1

    lines = list_lines(capsys, db)
    assert len(lines) == 2
    rows = []
    for line in lines:
        match = LIST_LINE.match(line)
        assert match, line
        rows.append(match.groups())
    coming = next_tuesday(date.today())
    # Newest first: the evening to come, then the one held two weeks before.
    assert rows == [
        ("2", coming.strftime("%d-%m-%Y"), NEXT_TITLE, "planned"),
        ("1", (coming - HELD_BEFORE).strftime("%d-%m-%Y"), MEETING_TITLE, "closed"),
    ]


def test_demo_twice_does_not_duplicate(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--lang", "en", "--db", db, "demo"]) == 0
    capsys.readouterr()
    assert cli.main(["--lang", "en", "--db", db, "demo"]) == 0
    captured = capsys.readouterr()
    assert "already exists" in captured.out and "baz demo --reset" in captured.out
    assert captured.err == ""
    assert len(list_lines(capsys, db)) == 2


def test_demo_reset_replaces_only_the_demo_meeting(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from models.store import Store

    assert cli.main(["--lang", "en", "--db", db, "demo"]) == 0
    store = Store.open(db)
    store.create_meeting("Buurtoverleg", date(2026, 1, 13), time(20, 0))
    store.close()
    assert len(list_lines(capsys, db)) == 3

    assert cli.main(["--lang", "en", "--db", db, "demo", "--reset"]) == 0
    assert capsys.readouterr().out.startswith("Demo created: #")
    lines = list_lines(capsys, db)
    assert len(lines) == 3
    assert sum(f"  {MEETING_TITLE}  " in line for line in lines) == 1
    assert sum(NEXT_TITLE in line for line in lines) == 1
    assert any("Buurtoverleg" in line for line in lines)
    store = Store.open(db)
    assert len(store.list_processes()) == 1  # the demo process is reused, not duplicated
    store.close()


def test_list_is_newest_first_in_aligned_columns(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from models.store import Store

    store = Store.open(db)
    for n in range(11):  # ids 1..11: the id column needs two characters
        store.create_meeting("Overleg " + "x" * n, date(2026, 1, 1 + n), time(19, 30))
    store.close()

    lines = list_lines(capsys, db)
    assert [LIST_LINE.match(line).group(1) for line in lines] == [str(i) for i in range(11, 0, -1)]  # type: ignore[union-attr]
    assert lines[0].startswith("11  11-01-2026  Overleg xxxxxxxxxx  planned")
    assert lines[-1].startswith(" 1  01-01-2026  Overleg ")
    assert len({line.index("planned") for line in lines}) == 1


def test_list_of_an_empty_database(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert list_lines(capsys, db, "en") == ["No meetings."]
    assert list_lines(capsys, db, "nl") == ["Geen vergaderingen."]  # catalogue


def test_lang_changes_the_output_language(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--lang", "nl", "--db", db, "demo"]) == 0
    dutch_line = capsys.readouterr().out
    # Month names come from Babel, not from the catalogue: lower case in Dutch.
    assert re.search(r"\(\d{1,2} [a-z]+ \d{4}\), ", dutch_line.strip()), dutch_line
    assert dutch_line.startswith("Demo gemaakt: #1 ")  # catalogue

    assert list_lines(capsys, db, "en")[0].endswith("  planned")
    assert list_lines(capsys, db, "nl")[0].endswith("  gepland")  # catalogue

    capsys.readouterr()
    assert cli.main(["--lang", "en", "--db", db, "demo"]) == 0
    english_line = capsys.readouterr().out
    assert re.search(r"\(\d{1,2} [A-Z][a-z]+ \d{4}\)\.", english_line), english_line


def test_help_exits_zero_and_usage_errors_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--lang", "en", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: baz") and "demo" in out and "list" in out
    assert cli.main(["--lang", "nl", "--help"]) == 0
    assert capsys.readouterr().out.startswith("gebruik: baz")  # catalogue
    assert cli.main(["--lang", "en", "no-such-command"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice" in err and "Traceback" not in err


# ---------------------------------------------------------------------- failing cleanly


def test_a_refusal_is_one_line_and_exit_two(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from models.store import Store

    def refuse(self):  # type: ignore[no-untyped-def]
        raise NotFoundError("There is no meeting with number 99.")

    monkeypatch.setattr(Store, "list_meetings", refuse)
    assert cli.main(["--lang", "en", "--db", db, "list"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "There is no meeting with number 99.\n"
    assert captured.out == ""


def test_an_unexpected_error_is_one_line_and_a_logged_traceback(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from models.store import Store

    def explode(self):  # type: ignore[no-untyped-def]
        raise RuntimeError("kaboom")

    monkeypatch.setattr(Store, "list_meetings", explode)
    assert cli.main(["--lang", "en", "--db", db, "list"]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("Unexpected error: RuntimeError: kaboom; details in ")
    log = Path(err.strip().rsplit(" ", 1)[1])
    assert log.parent == data_dir()
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "kaboom" in text


def test_ctrl_c_exits_130_quietly(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from models.store import Store

    def interrupt(self):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "list_meetings", interrupt)
    assert cli.main(["--lang", "en", "--db", db, "list"]) == 130
    assert capsys.readouterr() == ("", "")


#: --db values (and a command) that must end in one line; {random} is a file of random bytes.
BAD_TARGETS = {
    "missing folder": ("--db", "/no/such/dir/x.db", "list"),
    "random bytes": ("--db", "{random}", "list"),
    "random bytes, demo": ("--db", "{random}", "demo"),
    "random bytes, app": ("--db", "{random}"),  # preflight: exits before Textual starts
    "missing folder, app": ("--db", "/no/such/dir/x.db"),
    "a folder, app": ("--db", "{folder}"),
    "unknown dialect": ("--db", "foo://x", "list"),
    "postgresql without driver": ("--db", "postgresql://", "list"),
    "sqlite url, missing folder": ("--db", "sqlite:////no/such/dir/x.db", "list"),
}


@pytest.mark.parametrize("case", list(BAD_TARGETS))
def test_bad_database_is_one_line_on_stderr(case: str, random_file: Path) -> None:
    places = {"random": str(random_file), "folder": str(random_file.parent)}
    result = run_baz("--lang", "en", *(a.format(**places) for a in BAD_TARGETS[case]))
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stdout == ""  # the app never drew anything
    assert "\x1b" not in result.stderr


def test_failed_preflight_loads_neither_the_orm_nor_textual(random_file: Path) -> None:
    code = textwrap.dedent(
        f"""
        import sys
        from baz_tui.cli import main
        code = main(["--lang", "en", "--db", {str(random_file)!r}])
        heavy = sorted({{"sqlalchemy", "sqlmodel", "textual"}} & set(sys.modules))
        print(code, heavy)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "2 []", result
    assert result.stderr.strip().endswith(
        "is not a BaZ database (the file is damaged or of another kind)."
    )


def test_preflight_accepts_new_empty_and_real_databases(tmp_path: Path) -> None:
    from models.store import Store

    assert preflight(str(tmp_path / "new.db")) is None
    (tmp_path / "empty.db").touch()
    assert preflight(str(tmp_path / "empty.db")) is None  # SQLite treats it as new
    Store.open(tmp_path / "real.db").close()
    assert preflight(str(tmp_path / "real.db")) is None
    assert preflight("postgresql+psycopg://localhost/baz") is None  # left to the Store
    short = tmp_path / "short.db"
    short.write_bytes(b"SQLite")
    assert preflight(str(short))


def test_app_is_started_with_a_lazy_database_opener(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import baz_tui.app

    started: dict[str, object] = {}

    class FakeApp:
        return_code = 3

        def __init__(self, open_database, **options):  # type: ignore[no-untyped-def]
            started["open_database"] = open_database
            started["options"] = options

        def run(self) -> None:
            started["ran"] = True

    monkeypatch.setattr(baz_tui.app, "BazApp", FakeApp)
    assert cli.main(["--lang", "en", "--db", db]) == 3
    assert started["ran"] is True
    assert not Path(db).exists()  # nothing opened before the app asks for it
    database = started["open_database"]()  # type: ignore[operator]
    assert database.list_meetings() == []
    database.close()


# ------------------------------------------------------------------------------- the demo


def test_demo_meeting_is_on_the_next_tuesday(store: Store) -> None:
    saturday = date(2026, 11, 28)
    held = create_demo(store, today=saturday)
    coming = find_next_evening(store)
    assert coming is not None and coming.date == date(2026, 12, 1)
    assert held.date == date(2026, 11, 17)  # two weeks before
    meeting = store.get_meeting(coming.id)
    assert meeting.title == NEXT_TITLE
    assert next_tuesday(date(2026, 12, 1)) == date(2026, 12, 1)
    assert next_tuesday(date(2026, 12, 2)) == date(2026, 12, 8)
    assert (meeting.start_time, meeting.scheduled_end_time) == (time(19, 30), time(21, 30))
    assert meeting.location == "Wijkcentrum De Wielslag, Dordrecht"
    assert meeting.chair and meeting.note_taker and held.title == MEETING_TITLE
    assert held.process == meeting.process


def test_demo_process_has_its_frames(store: Store) -> None:
    meeting = create_demo(store, today=date(2026, 11, 28))
    process = meeting.process
    assert process is not None
    assert process.title == "Herinrichting speelplein Wielwijk"
    assert process.neighbourhood == "Wielwijk"
    assert process.participation_level is ParticipationLevel.MEEBESLISSEN
    assert process.budget_euro_cents == 8_500_000
    assert process.decision_deadline is not None
    assert 30 < (process.decision_deadline - meeting.date).days < 200
    assert "€ 85.000" in process.fixed_text
    assert process.open_text and process.feedback_text


def test_demo_attendees_are_mixed(store: Store) -> None:
    meeting = create_demo(store, today=date(2026, 11, 28))
    people = store.list_attendees(meeting.id)
    assert 20 <= len(people) <= 30
    assert len({p.name for p in people}) == len(people)
    roles = Counter(p.role for p in people)
    assert set(roles) == set(Role)
    assert roles[Role.GEMEENTE] == 2 and roles[Role.BEWONER] > len(people) / 2
    assert {p.consent for p in people} == set(Consent)
    residents = [p for p in people if p.role is Role.BEWONER]
    anonymous = sum(p.consent is Consent.ANONIEM for p in residents)
    assert anonymous > len(residents) / 2
    presence = Counter(p.presence for p in people)
    assert 1 <= presence[Presence.AFWEZIG_MET_KENNISGEVING] <= 5
    # Enough voters came for the demo votes and dots; everyone's presence is known.
    assert presence[Presence.AANWEZIG] >= 7 and presence[Presence.AFWEZIG] >= 5
    assert presence[Presence.ONBEKEND] == 0
    assert sum(presence.values()) == len(people)
    # On the evening to come only the notices are marked; the rest is marked at the door.
    coming = find_next_evening(store)
    assert coming is not None
    later = Counter(p.presence for p in store.list_attendees(coming.id))
    assert later[Presence.ONBEKEND] == len(people) - later[Presence.AFWEZIG_MET_KENNISGEVING]
    chair = next(p for p in people if p.role is Role.VOORZITTER)
    assert chair.name == meeting.chair
    assert len(ATTENDEES) == len(people)


def test_demo_agenda_is_the_standard_one_with_three_content_items(store: Store) -> None:
    meeting = create_demo(store, today=date(2026, 11, 28))
    agenda = store.list_agenda(meeting.id)
    assert len(agenda) == 11
    assert [i.position for i in agenda] == list(range(11))
    assert [i.title for i in agenda] == [t.title for t in standard_agenda(CONTENT_ITEMS)]
    assert [i.title for i in agenda[6:9]] == [
        "Terugkoppeling enquête speelplein",
        "Probleemanalyse: gebruik van het speelplein",
        "Keuze ontwerprichting",
    ]
    assert agenda[8].purpose is Purpose.BESLUITVORMING
    assert (agenda[0].title, agenda[-2].title, agenda[-1].title) == (
        "Opening",
        "Rondvraag",  # catalogue
        "Sluiting",  # catalogue
    )


# ---------------------------------------------------------------------------- durability

MARKER = textwrap.dedent(
    """
    import sys
    from models.domain import Presence
    from models.store import Store

    store = Store.open(sys.argv[1])
    ids = [int(n) for n in sys.argv[2].split(",")]
    while True:  # keep committing until killed, so the kill lands in the middle of writes
        for attendee_id in ids:
            store.set_presence(attendee_id, Presence.AANWEZIG)
            print(attendee_id, flush=True)
    """
)


def test_every_acknowledged_presence_survives_sigkill(tmp_path: Path) -> None:
    from models.store import Store

    path = tmp_path / "durable.db"
    store = Store.open(path)
    meeting = store.create_meeting("Bewonersavond", date(2026, 12, 1), time(19, 30))
    ids = [store.add_attendee(meeting.id, f"Bewoner {n}").id for n in range(120)]
    store.close()

    wanted = 80
    child = subprocess.Popen(
        [sys.executable, "-c", MARKER, str(path), ",".join(map(str, ids))],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    acked: list[int] = []
    try:
        assert child.stdout is not None
        for line in child.stdout:
            acked.append(int(line))
            if len(acked) == wanted:
                child.send_signal(signal.SIGKILL)
                break
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
    assert len(acked) == wanted, child.stderr.read() if child.stderr else ""
    assert child.returncode == -signal.SIGKILL

    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store = Store.open(path)
    present = {p.id for p in store.list_attendees(meeting.id) if p.presence is Presence.AANWEZIG}
    store.close()
    assert set(acked) <= present
