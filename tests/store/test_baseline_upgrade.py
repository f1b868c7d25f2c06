"""A real database of the first release (``tests/data/baseline-0001.sqlite``) upgraded to head.

The fixture is committed and never changed by a test: each test works on a copy. It was made
by ``tests/data/make_baseline.py`` (the migrations up to 0001, rows in plain SQL), so it does
not follow today's models. tests/store/test_migrations.py builds older databases on the fly; these
tests check the file a user of the first release actually has, through ``Store.open`` and
through the ``baz`` command.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from types import ModuleType

import pytest

from baz_tui import cli
from baz_tui.i18n import current_language, install_language
from models.database import migrate
from models.domain import (
    ActionStatus,
    CardKind,
    Consent,
    MeetingStatus,
    ParticipationLevel,
    PollStatus,
    Presence,
    Role,
)
from models.store import Store
from tests.conftest import DATA

FIXTURE = DATA / "baseline-0001.sqlite"
BASELINE = "0001_baseline"
BACKUP_NAME = f"baz.db.bak-{BASELINE}"
#: The speaker entry the first release left open after its item ended (the last one).
OPEN_TURN = 5


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    before = current_language()
    yield
    install_language(before)


@pytest.fixture(scope="module")
def fixture_sha() -> str:
    return _sha256(FIXTURE)


@pytest.fixture
def copy(tmp_path: Path, fixture_sha: str) -> Iterator[Path]:
    """A copy of the committed baseline as ``baz.db``; the fixture itself must stay as it is."""
    target = tmp_path / "baz.db"
    shutil.copyfile(FIXTURE, target)
    yield target
    assert _sha256(FIXTURE) == fixture_sha


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def _revisions(path: Path) -> list[str]:
    with _read_only(path) as conn:
        return [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]


def _tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every BaZ table, in the columns the file has, ordered by id."""
    with _read_only(path) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY name"
            )
        ]
        columns = {n: [c[1] for c in conn.execute(f"PRAGMA table_info({n})")] for n in names}
    return {name: _rows(path, name, cols) for name, cols in columns.items()}


def _rows(path: Path, table: str, columns: list[str]) -> list[tuple[object, ...]]:
    with _read_only(path) as conn:
        listed = ", ".join(columns)
        return conn.execute(f"SELECT {listed} FROM {table} ORDER BY id").fetchall()


def _assert_upgraded_with_everything(db: Path) -> None:
    """Head revision, a byte-identical backup, and every baseline row still there, unchanged."""
    backup = db.with_name(BACKUP_NAME)
    assert backup.read_bytes() == FIXTURE.read_bytes()
    assert _revisions(db) == [migrate.HEAD_REVISION]
    assert not list(db.parent.glob("*.partial"))
    before = _tables(FIXTURE)
    assert sum(len(rows) for rows in before.values()) > 30  # a realistic meeting, not an empty file
    with _read_only(db) as conn:
        columns = {
            table: [c[1] for c in conn.execute(f"PRAGMA table_info({table})")] for table in before
        }
    for table, rows in before.items():
        baseline_columns = [
            c[1] for c in _read_only(FIXTURE).execute(f"PRAGMA table_info({table})")
        ]
        assert set(baseline_columns) <= set(columns[table]), table
        upgraded = _rows(db, table, baseline_columns)
        if table == "speakerentry":  # the turn left open is ended (0003), the rest as it was
            upgraded, rows = upgraded[: OPEN_TURN - 1], rows[: OPEN_TURN - 1]
        assert upgraded == rows, table


# ------------------------------------------------------------------ the fixture itself


def test_the_fixture_is_a_first_release_database_as_make_baseline_makes_it(tmp_path: Path) -> None:
    assert _revisions(FIXTURE) == [BASELINE]
    assert not FIXTURE.with_name(FIXTURE.name + "-wal").exists()
    with _read_only(FIXTURE) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # The columns of 0002 are not there: this really is the old schema.
        assert "spent_seconds" not in [c[1] for c in conn.execute("PRAGMA table_info(agendaitem)")]
    spec = importlib.util.spec_from_file_location("make_baseline", DATA / "make_baseline.py")
    assert spec is not None and spec.loader is not None
    maker: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    again = tmp_path / "again.sqlite"
    assert maker.main([str(again)]) == 0
    # The same schema and the same rows (the bytes may differ between SQLite versions).
    with _read_only(FIXTURE) as committed, _read_only(again) as made:
        assert list(committed.iterdump()) == list(made.iterdump())


# ------------------------------------------------------------------ opening it


def test_store_open_upgrades_the_baseline_and_keeps_every_value(copy: Path) -> None:
    store = Store.open(copy)
    try:
        _assert_upgraded_with_everything(copy)
        meeting = store.get_meeting(1)
        assert (meeting.title, meeting.date, meeting.start_time, meeting.scheduled_end_time) == (
            "Bewonersavond speelplein",
            date(2025, 1, 14),
            time(19, 30),
            time(21, 30),
        )
        assert (meeting.location, meeting.chair, meeting.note_taker, meeting.status) == (
            "Wijkcentrum De Wielslag",
            "Jan de Vries",
            "Els Verbeek",
            MeetingStatus.GESLOTEN,
        )
        assert meeting.actual_start == datetime(2025, 1, 14, 18, 32, tzinfo=UTC)
        assert meeting.agenda_adopted_at == datetime(2025, 1, 14, 18, 35, tzinfo=UTC)
        process = meeting.process
        assert process is not None
        assert (process.title, process.participation_level, process.budget_euro_cents) == (
            "Herinrichting speelplein Wielwijk",
            ParticipationLevel.MEEBESLISSEN,
            8_500_000,
        )
        assert process.decision_deadline == date(2025, 3, 1)
        assert [(m.id, m.title, m.status) for m in store.list_meetings()] == [
            (2, "Tweede bewonersavond speelplein", MeetingStatus.GEPLAND),
            (1, "Bewonersavond speelplein", MeetingStatus.GESLOTEN),
        ]

        people = {a.name: (a.role, a.presence, a.consent) for a in store.list_attendees(1)}
        assert len(people) == 7
        assert people["Fatima Ouali"] == (Role.BEWONER, Presence.AANWEZIG, Consent.ANONIEM)
        assert people["Mohammed El Amrani"] == (Role.GEMEENTE, Presence.AANWEZIG, Consent.NAAM)
        assert people["Anna Bakker"][1] == Presence.AFWEZIG_MET_KENNISGEVING

        state = store.agenda_state(1)
        assert [i.title for i in state.items] == [
            "Opening",
            "Vaststellen agenda",
            "Speelplein: wat willen we?",
            "Rondvraag",
            "Sluiting",
        ]
        speelplein = state.items[2]
        assert speelplein.notes == (
            "Veel kinderen uit de flats.\n- Toestellen zijn kapot\n- Te weinig bankjes"
        )
        assert speelplein.started_at == datetime(2025, 1, 14, 18, 36, tzinfo=UTC)
        assert speelplein.ended_at == datetime(2025, 1, 14, 20, 10, tzinfo=UTC)
        assert state.items[1].hamered_at is not None
        assert state.running_item_id is None and state.breaks == []

        speakers = store.speaker_state(speelplein.id)
        assert speakers.current is None and speakers.waiting == []
        # Newest first; the removed point of order stays out of the list. The turn left open
        # when the chair moved on (0003) ended with its item, at 20:10: 210 s, less the 10 s
        # paused before and the 60 s of the pause still going on, 20 s over the 2 minutes.
        assert [(d.attendee_id, d.spoken_seconds, d.overtime_seconds) for d in speakers.done] == [
            (5, 140, 20),
            (None, 60, 0),
            (5, 80, 0),
            (2, 150, 30),
        ]
        ended = speakers.done[0]
        assert ended.ended_at == speelplein.ended_at and ended.paused_at is None
        assert ended.paused_seconds == 70
        # The minutes sum the recorded turns: nothing counts on after the meeting.
        whole = store.meeting_speaking(1).stats()
        assert (whole.turns, whole.total_seconds) == (4, 430)
        assert (whole.resident_seconds, whole.professional_seconds) == (210, 220)

        analysis = store.analysis_state(speelplein.id)
        assert analysis.core is not None
        assert analysis.core.text == "Kinderen kunnen nergens veilig spelen"
        assert [(c.text, c.dots) for c in analysis.causes] == [
            ("De toestellen zijn kapot", 4),
            ("Auto's rijden te hard langs het plein", 2),
        ]
        assert [(r.rank, r.card.text, r.card.dots) for r in analysis.ranked_ideas] == [
            (1, "Nieuwe toestellen en een hek", 5)
        ]
        assert [c.kind for c in analysis.effects] == [CardKind.GEVOLG]

        (poll,) = store.list_polls(speelplein.id)
        assert poll.status == PollStatus.VASTGESTELD
        # Declared before the facts of a result were stored: its sentence stays what it shows,
        # in every language.
        assert poll.result_text == "Aangenomen: 3 voor, 1 tegen, 0 onthouding (nodig: 3 van 4)."
        install_language("en")
        assert store.get_poll(poll.id).result_text == poll.result_text
        install_language("nl")
        assert [(o.label, o.room, o.digital) for o in poll.options] == [
            ("voor", 2, 1),
            ("tegen", 1, 0),
            ("onthouding", 0, 0),
        ]
        assert poll.decision_label == "B-2025-01" and poll.source_card_id == 5

        (decision,) = store.list_decisions(1)
        assert decision.text == "Het speelplein krijgt nieuwe toestellen en een hek."
        actions = {a.what: (a.label, a.who, a.due, a.status) for a in store.action_list(1)}
        # Numbered by the upgrade in the order they were made, as decisions are numbered.
        assert actions == {
            "Offertes voor toestellen opvragen": (
                "A-2025-01",
                "Mohammed El Amrani",
                date(2025, 2, 10),
                ActionStatus.OPEN,
            ),
            "Verslag in de nieuwsbrief": ("A-2025-02", "Els Verbeek", None, ActionStatus.GEDAAN),
        }
        assert meeting.process.contact == "" and meeting.process.template == ""
        # The upgraded database takes new work: the planned meeting can start.
        store.start_meeting(2)
        assert store.get_meeting(2).status == MeetingStatus.LOPEND
    finally:
        store.close()
    # A second opening is the fast path: no second backup.
    Store.open(copy).close()
    assert sorted(p.name for p in copy.parent.glob("*.bak-*")) == [BACKUP_NAME]


def test_baz_list_upgrades_the_baseline_then_export_reads_it(
    copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--lang", "nl", "--db", str(copy), "list"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    lines = captured.out.splitlines()
    assert len(lines) == 2
    assert lines[0].split() == [
        "2",
        "11-02-2025",
        "Tweede",
        "bewonersavond",
        "speelplein",
        "gepland",
    ]
    assert lines[1].split() == ["1", "14-01-2025", "Bewonersavond", "speelplein", "gesloten"]
    _assert_upgraded_with_everything(copy)

    from docx import Document

    target = tmp_path / "notulen.docx"
    assert cli.main(["--lang", "nl", "--db", str(copy), "export", "1", "-o", str(target)]) == 0
    assert capsys.readouterr().err == ""
    document = Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    for expected in (
        # The speaking time of the four recorded turns, the one left open ended at 20:10.
        "Bewoners spraken 49% van de tijd, professionals 51% (totaal 7:10 in 4 beurten).",
        "Bewonersavond speelplein",
        "Speelplein: wat willen we?",
        "Kinderen kunnen nergens veilig spelen",
        "Het speelplein krijgt nieuwe toestellen en een hek.",
        "Offertes voor toestellen opvragen",
        "Mohammed El Amrani",
    ):
        assert expected in text, expected


def test_the_beamer_refuses_the_baseline_untouched(
    copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The beamer never writes, so it does not upgrade either: one line, nothing changed."""
    assert cli.main(["--lang", "en", "--db", str(copy), "beamer"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"This database has an older schema ({BASELINE}): open it once")
    assert len(captured.err.splitlines()) == 1
    assert copy.read_bytes() == FIXTURE.read_bytes()
    assert not list(copy.parent.glob("*.bak-*"))
    assert sorted(p.name for p in copy.parent.iterdir()) == ["baz.db"]


def test_a_failed_backup_leaves_the_baseline_as_it_was(
    copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No room for the copy: the upgrade is not attempted, and the user is told why."""
    import errno

    def full(_source: object, destination: object) -> None:
        Path(str(destination)).write_bytes(b"SQLite format 3\x00 half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(migrate.shutil, "copyfile", full)
    assert cli.main(["--lang", "en", "--db", str(copy), "list"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"Could not copy {copy} before upgrading it: [Errno 28] No space left on device. "
        "The database was not changed.\n"
    )
    assert copy.read_bytes() == FIXTURE.read_bytes()
    assert sorted(p.name for p in copy.parent.iterdir()) == ["baz.db"]
