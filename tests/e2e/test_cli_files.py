"""``baz dump``, ``baz load``, ``baz attendees import``, ``baz votes import``, ``baz export --csv``.

Run in the process (``cli.main``) on SQLite files in a temporary folder, as a user would type
them; one test runs the whole way a new user would: demo, dump, load elsewhere, Word from both.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from baz_tui import cli
from baz_tui.i18n import current_language, install_language
from tests.conftest import DATA
from tests.conftest import run_baz as baz


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    before = current_language()
    yield
    install_language(before)


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo meeting made once with ``baz demo`` (it takes a second)."""
    path = tmp_path_factory.mktemp("demo") / "thuis.db"
    assert cli.main(["--db", str(path), "demo"]) == 0
    assert not path.with_name("thuis.db-wal").exists()  # all in the one file, to copy
    return path


@pytest.fixture
def home(tmp_path: Path, demo_database: Path) -> Path:
    """A folder with a database holding the demo meeting (number 1)."""
    shutil.copyfile(demo_database, tmp_path / "thuis.db")
    return tmp_path


def meetings(db: Path) -> list[str]:
    from models.store import Store

    store = Store.open(db)
    try:
        return [m.title for m in store.list_meetings()]
    finally:
        store.close()


def docx_text(path: Path) -> list[str]:
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return lines


def test_dump_load_and_the_word_minutes_are_the_same(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    here, there = str(home / "thuis.db"), str(home / "buurthuis.db")
    code, out, _err = baz(capsys, "--db", here, "dump", "1", "-o", str(home / "vergadering"))
    assert code == 0 and "vergadering.baz.json" in out
    code, out, _err = baz(capsys, "--db", there, "load", str(home / "vergadering.baz.json"))
    assert code == 0 and "#1" in out
    # The minutes announce the next meeting of the process: that one goes along too.
    code, out, _err = baz(capsys, "--db", here, "dump", "2", "-o", str(home / "volgende"))
    assert baz(capsys, "--db", there, "load", str(home / "volgende.baz.json"))[0] == 0
    for db, name in ((here, "a.docx"), (there, "b.docx")):
        assert baz(capsys, "--db", db, "export", "1", "-o", str(home / name))[0] == 0
    assert docx_text(home / "a.docx") == docx_text(home / "b.docx")
    # And the meeting file written from the other laptop is the same, but for its moment.
    baz(capsys, "--db", there, "dump", "1", "-o", str(home / "terug.baz.json"))
    first, second = (
        json.loads((home / n).read_text("utf-8"))
        for n in ("vergadering.baz.json", "terug.baz.json")
    )
    first.pop("exported_at"), second.pop("exported_at")
    assert first == second


def test_dump_into_a_folder_uses_the_meeting_title(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = baz(capsys, "--db", str(home / "thuis.db"), "dump", "1", "-o", str(home))
    (written,) = home.glob("*.baz.json")
    assert code == 0 and str(written) in out
    assert written.name.startswith("Meeting Bewonersavond speelplein Wielwijk ")


def test_a_duplicate_is_refused_in_one_line_then_loaded_as_a_copy(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(home / "thuis.db")
    baz(capsys, "--db", db, "dump", "1", "-o", str(home / "v.baz.json"))
    code, out, err = baz(capsys, "--db", db, "load", str(home / "v.baz.json"))
    assert code == 2 and out == "" and err.count("\n") == 1 and "--as-copy" in err
    assert len(meetings(home / "thuis.db")) == 2  # the demo's two evenings
    code, out, _err = baz(capsys, "--db", db, "load", str(home / "v.baz.json"), "--as-copy")
    assert code == 0 and "#3" in out
    assert len(meetings(home / "thuis.db")) == 3


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format": "baz-meeting", "version": 1, "meeting": {', "line 1"),
        (b'{"format": "baz-meeting", "version": 7, "meeting": {}}', "version 7"),
        (None, "does not exist"),
    ],
    ids=["broken JSON", "newer version", "missing file"],
)
def test_a_bad_file_is_one_line_exit_two_and_nothing_loaded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, expected: str
) -> None:
    path = tmp_path / "kapot.baz.json"
    if content is not None:
        path.write_bytes(content)
    db = tmp_path / "leeg.db"
    code, out, err = baz(capsys, "--db", str(db), "load", str(path))
    assert code == 2 and out == "" and err.count("\n") == 1 and expected in err
    assert "Traceback" not in err
    assert not db.exists() or meetings(db) == []


def test_attendees_import_asks_and_adds_the_good_lines(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(home / "thuis.db")
    before = meetings(home / "thuis.db")
    file = str(DATA / "deelnemers-nl-puntkomma-cp1252.csv")
    # No terminal and no --yes: the problems are shown, and nothing is added.
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, err = baz(capsys, "--db", db, "attendees", "import", "1", file)
    assert code == 2 and "Line 4" in out and "burgemeester" in out and "--yes" in err
    # On a terminal the question is asked; "n" adds nothing, "j" adds the four good lines.
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert baz(capsys, "--db", db, "attendees", "import", "1", file)[0] == 0
    monkeypatch.setattr("builtins.input", lambda prompt: "j")
    code, out, _err = baz(capsys, "--db", db, "attendees", "import", "1", file)
    assert code == 0 and "4 people added" in out and "Windows-1252" in out
    # Again: all of them are on the list now, so nothing is added twice.
    code, out, err = baz(capsys, "--db", db, "attendees", "import", "1", file, "--yes")
    assert code == 2 and "already on the list" in out
    assert meetings(home / "thuis.db") == before
    from models.store import Store

    store = Store.open(home / "thuis.db")
    names = [a.name for a in store.list_attendees(1)]
    store.close()
    assert names.count("José Ëlberg") == 1 and "Gert-Jan Müller" not in names


def test_attendees_import_without_problems_needs_no_question(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    file = home / "lijst.csv"
    file.write_text("naam,rol\nNieuwe Buurvrouw,bewoner\n", encoding="utf-8")
    code, out, _err = baz(
        capsys, "--db", str(home / "thuis.db"), "attendees", "import", "1", str(file)
    )
    assert code == 0 and "1 person added" in out


def test_votes_list_and_import(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from models.demo import find_next_evening
    from models.store import Store

    db = str(home / "thuis.db")
    code, out, _err = baz(capsys, "--db", db, "votes", "list", "1")
    assert code == 0 and len(out.splitlines()) == 2
    declared = out.splitlines()[0].split()[0]
    # A vote prepared for the coming evening takes the digital votes cast before it.
    store = Store.open(home / "thuis.db")
    coming = find_next_evening(store)
    assert coming is not None
    open_ = str(store.create_poll(store.list_agenda(coming.id)[8].id, "Lampen tot 22.00?").id)
    store.close()
    file = str(DATA / "votes-for-against.csv")
    code, _out, err = baz(capsys, "--db", db, "votes", "import", declared, file)
    assert code == 2 and err.count("\n") == 1
    code, out, _err = baz(capsys, "--db", db, "votes", "import", open_, file, "--yes")
    assert code == 0 and "5 digital votes" in out and "votes-for-against.csv" in out
    store = Store.open(home / "thuis.db")
    poll = store.get_poll(int(open_))
    store.close()
    assert [o.digital for o in poll.options] == [3, 1, 1]
    assert poll.digital_source.startswith("votes-for-against.csv (")


def test_export_csv_writes_three_files_and_no_word(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = home / "lijsten"
    code, out, _err = baz(
        capsys, "--db", str(home / "thuis.db"), "export", "1", "--csv", str(folder)
    )
    assert code == 0 and out.count("\n") == 3
    assert sorted(p.suffix for p in folder.iterdir()) == [".csv"] * 3
    assert not list(home.glob("*.docx")) and not list(Path.cwd().glob("Notulen *.docx"))
    code, out, _err = baz(
        capsys,
        "--db",
        str(home / "thuis.db"),
        "export",
        "1",
        "--csv",
        str(folder),
        "-o",
        str(home / "notulen.docx"),
    )
    assert code == 0 and (home / "notulen.docx").exists()


def test_export_csv_to_a_folder_that_cannot_be_made(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = baz(
        capsys, "--db", str(home / "thuis.db"), "export", "1", "--csv", str(home / "a" / "b")
    )
    assert code == 2 and err.count("\n") == 1
