"""``baz stemkaarten`` (run in English, as ``run_baz`` does): voting cards issued through the Store and written to a Word file that
is opened again; every refusal is one line, a non-zero exit and no file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import select

from baz_tui.i18n import current_language, install_language
from models.rules.room import digest, normalise_code
from models.store import Store
from tests.conftest import run_baz

CODE = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    """``run_baz`` speaks English; the tests after this file speak Dutch again."""
    before = current_language()
    yield
    install_language(before)


@pytest.fixture
def database(tmp_path: Path) -> tuple[str, int]:
    path = tmp_path / "baz.db"
    store = Store.open(path)
    meeting = store.create_meeting("Bewonersavond speelplein", date(2026, 12, 1), time(19, 30))
    store.close()
    return str(path), meeting.id


def _card_texts(path: Path) -> list[str]:
    from docx import Document

    document = Document(str(path))
    return [
        cell.text
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        if cell.text.strip()
    ]


def test_cards_are_written_and_valid_in_the_store(capsys, database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db, meeting_id = database
    out = tmp_path / "kaarten.docx"
    code, printed, err = run_baz(
        capsys, "--db", db, "stemkaarten", str(meeting_id), "--aantal", "10", "-o", str(out)
    )
    assert code == 0 and not err and "10" in printed
    cards = _card_texts(out)
    assert len(cards) == 10
    assert "Voting card no. 1\n" in cards[0] and "Voting card no. 10" in cards[-1]
    assert "Bewonersavond speelplein" in cards[0] and "1 December 2026" in cards[0]
    assert "Nobody sees what you vote." in cards[0]
    codes = [CODE.search(text).group(0) for text in cards]  # type: ignore[union-attr]
    assert len(set(codes)) == 10
    from docx import Document

    pictures = Document(str(out)).inline_shapes
    assert len(pictures) == 10
    store = Store.open(db)
    try:
        from models.database.tables import VotingCard

        with store.database.engine.connect() as connection:
            kept = set(
                connection.scalars(
                    select(VotingCard.code_hash).where(VotingCard.meeting_id == meeting_id)  # type: ignore[arg-type]
                )
            )
        assert {digest(normalise_code(c, 16) or "") for c in codes} == kept
        # Cards issued later go on numbering.
        more = tmp_path / "meer.docx"
        assert (
            run_baz(
                capsys, "--db", db, "stemkaarten", str(meeting_id), "--aantal", "2", "-o", str(more)
            )[0]
            == 0
        )
        assert "Voting card no. 11" in _card_texts(more)[0]
    finally:
        store.close()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["99", "--aantal", "5"], "99"),
        (["{id}", "--aantal", "0"], "1"),
        (["{id}", "--aantal", "501"], "500"),
        (["{id}", "--aantal", "5", "--adres", "192.168.1.10"], "http://"),
    ],
)
def test_refusals_are_one_line_and_write_nothing(capsys, database, tmp_path, args, said) -> None:  # type: ignore[no-untyped-def]
    db, meeting_id = database
    out = tmp_path / "kaarten.docx"
    args = [a.format(id=meeting_id) for a in args]
    code, _out, err = run_baz(capsys, "--db", db, "stemkaarten", *args, "-o", str(out))
    assert code != 0 and said in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_an_unwritable_place_and_a_closed_meeting(capsys, database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db, meeting_id = database
    code, _out, err = run_baz(
        capsys, "--db", db, "stemkaarten", str(meeting_id), "--aantal", "3",
        "-o", str(tmp_path / "nergens" / "kaarten.docx"),
    )  # fmt: skip
    assert code != 0 and len(err.strip().splitlines()) == 1
    store = Store.open(db)
    assert store.voting_card_count(meeting_id) == 0  # nothing issued either
    store.start_meeting(meeting_id)
    store.close_meeting(meeting_id)
    store.close()
    out = tmp_path / "kaarten.docx"
    code, _out, err = run_baz(
        capsys, "--db", db, "stemkaarten", str(meeting_id), "--aantal", "3", "-o", str(out)
    )
    assert code != 0 and len(err.strip().splitlines()) == 1 and not out.exists()
