"""The vote results, besluitenlijst and actiepuntenlijst as CSV for a Dutch Excel."""

from __future__ import annotations

import codecs
import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from models.demo import ATTENDEES, DESIGN_OPTIONS, create_demo
from models.domain import Consent, Role
from models.files import FileError
from models.files.csv_export import (
    action_rows,
    csv_files,
    decision_rows,
    to_csv,
    vote_rows,
    write_csv_files,
)
from models.minutes import build_minutes
from models.store import Store


@pytest.fixture(scope="module")
def demo_minutes() -> Any:
    from tests.conftest import Clock

    store = Store.in_memory(clock=Clock())
    demo = create_demo(store, date(2026, 11, 28))
    store.add_action(demo.id, '=HYPERLINK("http://x")', who="Gemeente", due="15-01-2027")
    internal = build_minutes(store, demo.id, public=False)
    public = build_minutes(store, demo.id, public=True)
    store.close()
    return internal, public


def read_back(data: bytes) -> list[list[str]]:
    assert data.startswith(codecs.BOM_UTF8)
    text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_semicolons_bom_and_crlf() -> None:
    assert to_csv([("a", 1), ("b;c", 2), ('zei "ja"', 3)]) == (
        codecs.BOM_UTF8 + b'a;1\r\n"b;c";2\r\n"zei ""ja""";3\r\n'
    )


def test_vote_results_per_option_and_channel(demo_minutes: Any) -> None:
    internal, _public = demo_minutes
    rows = read_back(to_csv(vote_rows(internal)))
    header, *body = rows
    assert len(header) == 12
    choice = [r for r in body if r[4] in {o[0] for o in DESIGN_OPTIONS}]
    assert [(r[4], int(r[5]), int(r[6]), int(r[7])) for r in choice] == [
        (label, room, digital, room + digital) for label, room, digital in DESIGN_OPTIONS
    ]
    assert choice[0][0] == "9" and choice[0][11].startswith("enquete-speelplein.csv")
    assert len(body) == len(DESIGN_OPTIONS) + 3  # and the for/against/abstain vote


def test_decisions_and_actions(demo_minutes: Any) -> None:
    internal, _public = demo_minutes
    decisions = read_back(to_csv(decision_rows(internal)))
    assert decisions[2][:4] == ["B-2026-02", "17-11-2026", "9", "Keuze ontwerprichting"]
    actions = read_back(to_csv(action_rows(internal)))
    # Numbered as in the minutes; a formula typed as an action point stays text.
    assert [row[0] for row in actions[1:]] == [f"A-2026-{n:02d}" for n in range(1, 6)]
    assert actions[-1][1] == '\'=HYPERLINK("http://x")'
    assert actions[-1][2:4] == ["Gemeente", "15-01-2027"]


def test_the_public_version_names_no_one_without_consent(demo_minutes: Any) -> None:
    _internal, public = demo_minutes
    hidden = [
        n for n, role, consent, _p in ATTENDEES if consent != Consent.NAAM and role == Role.BEWONER
    ]
    for name, data in csv_files(public):
        text = data.decode("utf-8-sig")
        assert not any(person in text for person in hidden), name
        assert name.endswith(".csv")


def test_write_makes_the_last_folder_and_refuses_a_missing_parent(
    demo_minutes: Any, tmp_path: Path
) -> None:
    internal, _public = demo_minutes
    paths = write_csv_files(internal, tmp_path / "lijsten")
    assert len(paths) == 3 and all(p.read_bytes().startswith(codecs.BOM_UTF8) for p in paths)
    assert len({p.name for p in paths}) == 3
    with pytest.raises(FileError):
        write_csv_files(internal, tmp_path / "nergens" / "lijsten")
    with pytest.raises(FileError):
        write_csv_files(internal, paths[0])
