"""The hostile input corpus in the Word minutes: every stored text is written faithfully.

One meeting holds every text case of the corpus that the Store keeps (as an attendee, an agenda
item with its notes, a card, a decision, an action point and a vote), exported once internal
and once public, reopened with python-docx. The header fields (title, place, chair, process and
its frames, and the file name made from the title) take one meeting each, for one case of each
group. Word cannot hold control characters: the Store already dropped or refused them, and the
export must never crash on what is left.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from baz_tui.export import export_minutes
from models.domain import CardKind, Consent, PollMethod, Presence, Role
from models.store import Store
from tests.conftest import Clock
from tests.rules.test_hostile_corpus import cases, text_expectation, value

#: One case per group for the header fields, each its own meeting (a document each).
HEADER_CASES = (
    "padded-name",
    "exactly-200",
    "arabic",
    "emoji-family-zwj",
    "right-to-left-override",
    "zalgo",
    "sql-drop-table",
    "rich-closing-tag-only",
    "rich-click-action",
    "markdown-heading",
    "html-and-xml",
    "path-traversal",
    "windows-reserved-name",
    "soft-hyphen-and-tag",
)


def _stored(case: dict[str, Any], field_name: str) -> str | None:
    expected = text_expectation(case, field_name)
    return value(expected["stored"]) if "stored" in expected else None


def _note_paragraphs(case: dict[str, Any]) -> list[str]:
    """What the notes become in Word: the corpus's ``export``, else the notes as one paragraph."""
    notes = _stored(case, "agenda.notes")
    if notes is None:
        return []
    if "export" in case["expect"]:
        return list(case["expect"]["export"])
    return [notes.strip()] if notes.strip() else []


def document_text(path: Path) -> str:
    """Every piece of text of a .docx: body, tables (also nested), headers, footers, properties."""
    import docx

    document = docx.Document(str(path))
    pieces: list[str] = []

    def cells(tables: Any) -> None:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    pieces.extend(p.text for p in cell.paragraphs)
                    cells(cell.tables)

    pieces.extend(p.text for p in document.paragraphs)
    cells(document.tables)
    for section in document.sections:
        pieces.extend(p.text for p in section.header.paragraphs)
        pieces.extend(p.text for p in section.footer.paragraphs)
    properties = document.core_properties
    pieces += [properties.title or "", properties.subject or ""]
    return "\n".join(pieces)


def assert_valid_docx(path: Path) -> None:
    """A whole zip whose XML parts hold only characters XML allows."""
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                assert not any(ord(ch) < 0x20 and ch not in "\t\n\r" for ch in xml), name


@dataclass
class Exported:
    internal: str
    public: str
    #: Per case id: the texts that must appear in both versions.
    expected: dict[str, list[str]] = field(default_factory=dict)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile-export")


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    s = Store.in_memory(clock=Clock())
    yield s
    s.close()


@pytest.fixture(scope="module")
def exported(store: Store, folder: Path) -> Exported:
    meeting = store.create_meeting(
        "Alle vijandige invoer", date(2026, 12, 1), time(19, 30), new_process_title="Traject"
    )
    wanted: dict[str, list[str]] = {}
    for case in cases("text"):
        texts: list[str] = []
        name = _stored(case, "attendee.name")
        if name is not None:
            store.add_attendee(meeting.id, name, Role.BEWONER, Consent.NAAM, Presence.AANWEZIG)
            texts.append(name)
        title = _stored(case, "agenda.title")
        item = store.add_agenda_item(meeting.id, title if title is not None else case["id"])
        # A refused title leaves the item named after the case: every case has its item.
        texts.append(title if title is not None else case["id"])
        notes = _stored(case, "agenda.notes")
        if notes is not None:
            store.save_notes(item.id, notes)
            texts += _note_paragraphs(case)
        card = _stored(case, "card.text")
        if card is not None:
            store.add_card(item.id, CardKind.KERNPROBLEEM, card)
            texts.append(card)
        decision = _stored(case, "decision.text")
        if decision is not None:
            store.add_decision(meeting.id, decision, item_id=item.id)
            texts.append(decision)
        who = _stored(case, "action.who")
        store.add_action(meeting.id, decision or "Actie", who=who or "", item_id=item.id)
        texts += [who] if who else []
        question = _stored(case, "poll.question")
        option = _stored(case, "poll.option")
        if question is not None and option is not None:
            poll = store.create_poll(
                item.id,
                question,
                method=PollMethod.KEUZE,
                options=[option, "\u2013"],
                present_count="0",
            )
            source = _stored(case, "poll.digital_source")
            if source:
                store.set_digital_source(poll.id, source)
                texts.append(source)
            texts += [question, option]
        wanted[case["id"]] = texts
    internal = export_minutes(store, meeting.id, folder / "intern.docx")
    public = export_minutes(store, meeting.id, folder / "openbaar.docx", public=True)
    for path in (internal, public):
        assert_valid_docx(path)
    return Exported(document_text(internal), document_text(public), wanted)


@pytest.mark.parametrize("case", cases("text"), ids=lambda c: c["id"])
def test_every_stored_text_is_in_both_versions_as_stored(
    exported: Exported, case: dict[str, Any]
) -> None:
    missing = [
        (version, text[:80])
        for text in exported.expected[case["id"]]
        for version, document in (("internal", exported.internal), ("public", exported.public))
        if text not in document
    ]
    assert missing == []


def test_markup_in_user_text_is_written_as_text_not_as_formatting(exported: Exported) -> None:
    # Rich, Markdown and XML look-alikes come out with their brackets, stars and entities.
    for literal in ("[bold]vet[/bold]", "**vet** en *schuin*", "<b>vet</b> & &amp;", "{ PAGE }"):
        assert literal in exported.internal


HEADER_FIELDS = (
    "meeting.title",
    "meeting.location",
    "meeting.chair",
    "meeting.note_taker",
    "process.title",
    "process.neighbourhood",
    "process.fixed_text",
)


@pytest.mark.parametrize("case_id", HEADER_CASES)
def test_header_fields_and_the_file_name_take_hostile_text(
    store: Store, folder: Path, case_id: str
) -> None:
    [case] = [c for c in cases("text") if c["id"] == case_id]
    stored = {name: _stored(case, name) for name in HEADER_FIELDS}
    assert all(text is not None for text in stored.values()), case_id
    meeting = store.create_meeting(
        str(stored["meeting.title"]),
        date(2026, 12, 2),
        time(19, 30),
        location=str(stored["meeting.location"]),
        chair=str(stored["meeting.chair"]),
        note_taker=str(stored["meeting.note_taker"]),
        new_process_title=str(stored["process.title"]),
    )
    assert meeting.process is not None
    store.update_process(
        meeting.process.id,
        neighbourhood=str(stored["process.neighbourhood"]),
        fixed_text=str(stored["process.fixed_text"]),
    )
    own = folder / case_id
    own.mkdir()
    # To a folder: the file is named after the hostile title, and stays in that folder.
    path = export_minutes(store, meeting.id, own)
    assert path.parent == own and path.suffix == ".docx"
    assert [p.name for p in own.iterdir()] == [path.name]
    assert_valid_docx(path)
    text = document_text(path)
    missing = [name for name, value_ in stored.items() if str(value_).strip() not in text]
    assert missing == []


def test_a_public_version_names_no_hostile_resident_who_did_not_consent(
    store: Store, folder: Path
) -> None:
    meeting = store.create_meeting("Privacy", date(2026, 12, 3), time(19, 30))
    names = [
        "Jan de Vries",
        "\u202eFatima Ouali\u202c",
        "Ve\u0301ronique Bakker",
        "[bold]Piet[/bold] Jansen",
        "\U0001d409\U0001d41a\U0001d427 Smit",
        "-",
    ]
    for name in names:
        store.add_attendee(meeting.id, name, Role.BEWONER, Consent.ANONIEM, Presence.AANWEZIG)
    item = store.list_agenda(meeting.id)[0]
    sentence = "De buurt wil een speeltuin - en snel."
    store.save_notes(item.id, sentence + "\n" + " en ".join(names) + " spraken.")
    path = export_minutes(store, meeting.id, folder / "privacy.docx", public=True)
    assert_valid_docx(path)
    text = document_text(path)
    # The sentence without names is kept as typed (a name "-" does not match everywhere).
    assert sentence in text
    for name in names[:-1]:
        assert name not in text
        for part in ("Vries", "Fatima", "Ouali", "Bakker", "Piet", "Jansen", "Smit"):
            assert part not in text
