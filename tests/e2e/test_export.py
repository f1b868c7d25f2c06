"""The Word export: the document reopened, privacy of the public file, hostile text, house
style, the ``baz export`` command and its errors, and import hygiene.

Texts that come from the message catalogue are compared through ``_()``, so the assertions
hold in whichever language the tests run.
"""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from baz_tui import cli
from baz_tui.export import (
    ExportError,
    default_export_folder,
    default_file_name,
    export_minutes,
)
from baz_tui.export.docx_writer import build_document, clean_xml_text
from baz_tui.i18n import current_language, install_language
from models.domain import CardKind, Consent, Presence, Role
from models.i18n import _
from models.minutes import build_minutes
from models.records.meeting import MeetingInfo
from models.rules.naming import fold
from models.store import Store
from tests.conftest import DROP_OVERRIDE, ROOT, Clock, privileges_can_be_dropped
from tests.store.test_minutes import HIDDEN, Filled, fill_meeting

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: A 1×1 transparent PNG: the "logo" of the house-style template.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@pytest.fixture
def filled(store: Store, meeting: MeetingInfo, clock: Clock) -> Filled:
    return fill_meeting(store, meeting, clock)


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    before = current_language()
    yield
    install_language(before)


def reopen(path: Path):  # type: ignore[no-untyped-def]
    import docx

    return docx.Document(str(path))


def body_text(document) -> str:  # type: ignore[no-untyped-def]
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def xml_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as package:
        return {
            name: package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }


def table_after(document, heading: str):  # type: ignore[no-untyped-def]
    """The first table after the paragraph with text ``heading``."""
    body = document.element.body
    seen = False
    for child in body.iterchildren():
        if child.tag == f"{W}p" and "".join(child.xpath(".//w:t/text()")) == heading:
            seen = True
        elif seen and child.tag == f"{W}tbl":
            from docx.table import Table

            return Table(child, document)
    raise AssertionError(f"no table after {heading!r}")


def rows_of(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[cell.text for cell in row.cells] for row in table.rows]


def fields_of(document) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The label ⇥ value lines of the document (the particulars, frames and attendance)."""
    found = {}
    for paragraph in document.paragraphs:
        name, tab, value = paragraph.text.partition("\t")
        if tab and paragraph.paragraph_format.left_indent:
            found[name] = value.replace("\u00a0", " ")
    return found


# ----------------------------------------------------------------------- the document


def test_the_document_reads_as_minutes(store: Store, filled: Filled, tmp_path: Path) -> None:
    path = export_minutes(store, filled.meeting.id, tmp_path / "notulen.docx")
    document = reopen(path)
    paragraphs = document.paragraphs
    styles = {p.style.name for p in paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "List Bullet 2"} <= styles
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == _("Minutes of {title}").format(title=filled.meeting.title)
    # Every agenda item is a Heading 1, in agenda order, between the front and the lists.
    items = [f"{i.number}. {i.title}" for i in store.list_agenda(filled.meeting.id)]
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    start = headings.index(items[0])
    assert headings[start : start + len(items)] == items
    assert headings[start + len(items) :] == [
        _("List of decisions"),
        _("List of action points"),
        _("Speaking time"),
        _("Next meeting"),  # the second evening of the process
    ]
    # The particulars with the Dutch date and the draft status: label ⇥ value lines.
    header = fields_of(document)
    assert header[_("Date")] == "dinsdag 1 december 2026"
    assert header[_("Status")] == _("DRAFT")
    assert all(t.style.name == "Table Grid" for t in document.tables)
    # The problem analysis: nested causes, ideas ranked by dots.
    text = [p.text for p in paragraphs]
    assert "Geen schaduw (Fatima Ouali)" in text
    sub = paragraphs[text.index("Bomen gekapt")]
    assert sub.style.name == "List Bullet 2"
    ideas = rows_of(table_after(document, _("Ideas, ranked by dots")))
    assert ideas[1:] == [["1", "Schaduwdoeken", "5"], ["2", "Bankjes (idee van Sanne Visser)", "2"]]
    # The vote: channels and total per option, the rule in words and the result.
    vote = rows_of(
        table_after(document, _("Vote: {question}").format(question=filled.vote_question))
    )
    assert vote == [
        ["", _("for"), _("against"), _("abstain")],
        [_("in the room"), "5", "2", "1"],
        [_("digital in advance"), "3", "1", "0"],
        [_("total"), "8", "3", "1"],
    ]
    # The result in one sentence, with the rule and the number that was needed.
    result = (
        "Aangenomen met 8 stemmen voor, 3 tegen en 1 onthouding "
        "(meer dan de helft van voor+tegen was nodig: 6)."
    )
    assert f"{_('Result:')} {result}" in text
    # The besluitenlijst (the decision, then its vote's result) and the actiepuntenlijst.
    decisions = rows_of(table_after(document, _("List of decisions")))
    assert [r[0] for r in decisions] == [_("No."), "B-2026-01", "B-2026-02"]
    assert decisions[1][1] == "8. Keuze ontwerp"
    assert decisions[1][2] == f"Ontwerp B, zoals Anna Bakker voorstelde. {result}"
    actions = rows_of(table_after(document, _("List of action points")))
    assert actions[1][:5] == [
        "A-2026-01",
        "Offerte schaduwdoeken opvragen bij Kees Dekker",
        "Piet Jansen",
        "15-01-2027",
        _("open"),
    ]


def test_the_demos_speaking_time_adds_up_in_the_word_file(store: Store, tmp_path: Path) -> None:
    """The demo's held evening: the table per person sums to the sentence's total and turns,
    and the turns are those the evening gave (S10: none counted on after the close)."""
    from models.demo import SPEAKER_HISTORY, create_demo
    from models.rules.timing import format_duration

    demo = create_demo(store, date(2026, 11, 28))
    document = reopen(export_minutes(store, demo.id, tmp_path / "demo.docx"))
    speaking = next(t for t in document.tables if t.rows[0].cells[0].text == _("Name"))
    rows = rows_of(speaking)[1:]
    seconds = [int(m) * 60 + int(s) for m, s in (row[3].split(":") for row in rows)]
    turns = [int(row[2]) for row in rows]
    given = [t[2] for _start, history in SPEAKER_HISTORY.values() for t in history]
    assert sum(seconds) == sum(given) and sum(turns) == len(given)
    sentence = next(p.text for p in document.paragraphs if p.text.startswith("Bewoners spraken"))
    assert sentence.endswith(f"(totaal {format_duration(sum(given))} in {len(given)} beurten).")


def test_page_numbers_header_language_and_properties(
    store: Store, filled: Filled, tmp_path: Path
) -> None:
    path = export_minutes(store, filled.meeting.id, tmp_path / "notulen.docx")
    parts = xml_parts(path)
    footers = "".join(v for k, v in parts.items() if k.startswith("word/footer"))
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footers)
    assert "NUMPAGES" in footers
    headers = "".join(v for k, v in parts.items() if k.startswith("word/header"))
    assert "Bewonersavond speelplein — 1 december 2026" in headers
    assert _("Internal — contains personal data") in headers
    assert re.search(r'<w:rPrDefault><w:rPr>.*<w:lang w:val="nl-NL"', parts["word/styles.xml"])
    document = reopen(path)
    props = document.core_properties
    assert props.title == _("Minutes of {title}").format(title=filled.meeting.title)
    assert props.author == props.last_modified_by == "BaZ"
    assert "Herinrichting speelplein Wielwijk" in props.subject
    assert props.comments == ""
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0  # A4


def test_english_minutes_with_lang_en(store: Store, filled: Filled, tmp_path: Path) -> None:
    install_language("en")
    path = export_minutes(store, filled.meeting.id, tmp_path / "minutes.docx")
    parts = xml_parts(path)
    assert '<w:lang w:val="en-GB"' in parts["word/styles.xml"]
    document = reopen(path)
    assert fields_of(document)["Date"] == "Tuesday 1 December 2026"
    assert document.paragraphs[0].text == "Minutes of Bewonersavond speelplein"
    # The vote was declared in Dutch; its result and options are worded in English.
    text = [p.text for p in document.paragraphs]
    assert (
        "Result: Adopted with 8 votes for, 3 against and 1 abstention "
        "(more than half of for+against was needed: 6)." in text
    )
    vote = rows_of(table_after(document, "Vote: Kiezen we voor ontwerp B?"))
    assert vote[0] == ["", "for", "against", "abstain"]


def test_approved_minutes_say_when(store: Store, filled: Filled, tmp_path: Path) -> None:
    store.approve_minutes(filled.meeting.id, date(2026, 12, 22))
    document = reopen(export_minutes(store, filled.meeting.id, tmp_path / "n.docx"))
    status = fields_of(document)[_("Status")]
    assert status == _("approved on {date}").format(date="22 december 2026")
    assert _("Approved in the meeting of {date}.").format(date="22 december 2026") in [
        p.text for p in document.paragraphs
    ]


# ----------------------------------------------------------------------------- privacy


def _names_found(parts: dict[str, str], names: tuple[str, ...]) -> list[tuple[str, str]]:
    found = []
    for part, xml in parts.items():
        # Text is compared without tags too, in case a name were split over runs.
        plain = fold(re.sub(r"<[^>]+>", "", xml))
        folded = fold(xml)
        for name in names:
            for word in (name, *name.split()):
                pattern = rf"(?<!\w){re.escape(fold(word))}(?!\w)"
                if re.search(pattern, folded) or re.search(pattern, plain):
                    found.append((part, word))
    return found


def test_the_public_file_holds_no_name_without_consent(
    store: Store, filled: Filled, tmp_path: Path
) -> None:
    public = export_minutes(store, filled.meeting.id, tmp_path / "openbaar.docx", public=True)
    internal = export_minutes(store, filled.meeting.id, tmp_path / "intern.docx")
    public_parts = xml_parts(public)
    assert {"word/document.xml", "docProps/core.xml"} <= set(public_parts)
    assert any(k.startswith("word/header") for k in public_parts)
    assert _names_found(public_parts, HIDDEN) == []
    with zipfile.ZipFile(public) as package:  # no preview picture of the template either
        assert not [n for n in package.namelist() if "thumbnail" in n]
    # The internal version does hold them, so the search above can find them.
    found = {word for _part, word in _names_found(xml_parts(internal), HIDDEN)}
    assert {"Fatima Ouali", "Piet Jansen", "Anna Bakker", "Sanne Visser"} <= found
    text = body_text(reopen(public))
    assert "Bewoner 1" in text and "P.J." in text
    assert "Jan de Vries" in text  # consent given
    headers = "".join(v for k, v in public_parts.items() if k.startswith("word/header"))
    assert _("Public version") in headers


def test_the_public_file_name_holds_no_hidden_name(store: Store, meeting: MeetingInfo) -> None:
    store.update_meeting(meeting.id, title="Avond bij Fatima Ouali")
    from baz_tui.export import default_export_path

    assert "Fatima" not in default_export_path(store, meeting.id, public=True).name
    assert "Fatima" in default_export_path(store, meeting.id).name


# ------------------------------------------------------------------------- hostile text

HOSTILE = (
    "NUL\x00 bel\x07 esc\x1b[31m del\x7f c1\x85 nonchars\ufffe\uffff lone\ud800surrogate"
    " tab\there\r\nwindows line\rold mac"
)


def test_control_characters_are_dropped_and_the_rest_kept() -> None:
    assert clean_xml_text(HOSTILE) == (
        "NUL bel esc[31m del c1 nonchars lonesurrogate tab\there\nwindows line\nold mac"
    )
    kept = "Café ñ ß — 🎉👩🏽‍🚀 مرحبا بالعالم שלום 漢字 \u200f\u200e"
    assert clean_xml_text(kept) == kept


def test_a_hostile_meeting_exports_and_keeps_every_printable_character(
    store: Store, meeting: MeetingInfo, tmp_path: Path
) -> None:
    items = store.list_agenda(meeting.id)
    long_notes = ("Lange notulen met émoji 🎉 en عربي. " * 300)[:10_000]
    rtl = "مرحبا بالجميع — שלום לכולם"
    store.save_notes(items[0].id, long_notes)
    store.save_notes(items[1].id, f'- {rtl}\n- 👩🏽‍🚀 ruimtevaart\n\ttab en <xml> & "quotes"')
    store.add_card(items[2].id, CardKind.KERNPROBLEEM, "Kaart met 🚸 en ‮omgekeerd‬")
    store.add_decision(meeting.id, "Besluit ]]> <w:p/> &amp; 💡", item_id=items[2].id)
    store.add_action(meeting.id, "Actie " + "x" * 5000, who="🙂 iemand")
    path = export_minutes(store, meeting.id, tmp_path / "vijandig.docx")
    text = body_text(reopen(path))
    for expected in (long_notes.strip(), rtl, "👩🏽‍🚀 ruimtevaart", "<xml> & \"quotes\"",
                     "Kaart met 🚸 en ‮omgekeerd‬", "Besluit ]]> <w:p/> &amp; 💡", "x" * 5000):  # fmt: skip
        assert expected in text, expected[:40]
    # Straight into the writer, past the Store's own cleaning: nothing may crash.
    minutes = build_minutes(store, meeting.id, public=False)
    dirty = replace(minutes, title=HOSTILE, location=HOSTILE, chair="\ud800\udc00\x00")
    document = build_document(dirty)
    written = "\n".join(p.text for p in document.paragraphs)
    assert clean_xml_text(HOSTILE) in written
    document.save(str(tmp_path / "vies.docx"))
    assert document.core_properties.title  # the title survived, cleaned


# ------------------------------------------------------------------------- house style


def make_house_style(path: Path, *, dotx: bool = False) -> None:
    """A small organisation template: own style, own Heading 1, header with logo, margins,
    sample body text, and without "List Bullet" (as many templates made in Word)."""
    import io

    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm, Pt, RGBColor

    document = docx.Document()
    section = document.sections[0]
    section.left_margin = Cm(3.3)
    heading = document.styles["Heading 1"]
    heading.font.color.rgb = RGBColor(0xC0, 0x00, 0x30)
    heading.font.name = "Georgia"
    own = document.styles.add_style("Huisstijl Kader", WD_STYLE_TYPE.PARAGRAPH)
    own.font.size = Pt(9)
    header = section.header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = "Gemeente Dordrecht — Wijkzaken"
    header.paragraphs[0].add_run().add_picture(io.BytesIO(PNG), width=Cm(1))
    document.add_paragraph("Voorbeeldtekst die weg moet.", style="Huisstijl Kader")
    for name in ("List Bullet", "List Bullet 2", "List Bullet 3"):
        document.styles[name].element.getparent().remove(document.styles[name].element)
    document.save(str(path))
    if dotx:
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w") as target:
            for entry in source.infolist():
                content = source.read(entry.filename)
                if entry.filename == "[Content_Types].xml":
                    content = content.replace(
                        b"wordprocessingml.document.main+xml",
                        b"wordprocessingml.template.main+xml",
                    )
                target.writestr(entry, content)


@pytest.mark.parametrize("dotx", [False, True])
def test_the_house_style_survives(store: Store, filled: Filled, tmp_path: Path, dotx: bool) -> None:
    template = tmp_path / ("huisstijl.dotx" if dotx else "huisstijl.docx")
    make_house_style(template, dotx=dotx)
    path = export_minutes(store, filled.meeting.id, tmp_path / "n.docx", template=template)
    document = reopen(path)
    heading = document.styles["Heading 1"]
    assert str(heading.font.color.rgb) == "C00030" and heading.font.name == "Georgia"
    assert "Huisstijl Kader" in [s.name for s in document.styles]
    assert round(document.sections[0].left_margin.cm, 1) == 3.3
    header = document.sections[0].header
    assert header.paragraphs[0].text.startswith("Gemeente Dordrecht — Wijkzaken")
    assert header._element.xpath(".//w:drawing")  # the logo
    assert any(filled.meeting.title in p.text for p in header.paragraphs)
    text = body_text(document)
    assert "Voorbeeldtekst" not in text
    # The missing list styles were added, with working bullets.
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets and bullets[0]._p.xpath("./w:pPr") is not None
    style = document.styles["List Bullet"].element
    num_id = style.xpath("./w:pPr/w:numPr/w:numId/@w:val")[0]
    numbering = document.part.numbering_part.element
    assert numbering.xpath(f"./w:num[@w:numId='{num_id}']")


def test_a_missing_or_broken_template_is_refused_without_a_file(
    store: Store, filled: Filled, tmp_path: Path
) -> None:
    target = tmp_path / "n.docx"
    with pytest.raises(ExportError):
        export_minutes(store, filled.meeting.id, target, template=tmp_path / "weg.docx")
    broken = tmp_path / "kapot.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ExportError):
        export_minutes(store, filled.meeting.id, target, template=broken)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kapot.docx"]


# ------------------------------------------------------------------------ file and folder


def test_default_file_name() -> None:
    assert (
        default_file_name("Bewonersavond speelplein", date(2026, 12, 1))
        == _("Minutes {title} {date}").format(
            title="Bewonersavond speelplein", date="1 december 2026"
        )
        + ".docx"
    )
    assert "/" not in default_file_name("Avond a/b: c?", date(2026, 12, 1))
    public = default_file_name("X", date(2026, 12, 1), public=True)
    assert public.endswith(".docx") and public != default_file_name("X", date(2026, 12, 1))


def test_default_folder_follows_the_setting(tmp_path: Path) -> None:
    from baz_tui.config import save_setting

    # At first BaZ's own folder in Documents (made when the app writes there).
    assert default_export_folder() == Path.home() / "Documents" / "BaZ"
    save_setting("export_folder", str(tmp_path))
    assert default_export_folder() == tmp_path
    save_setting("export_folder", str(tmp_path / "weg"))  # gone: back to the default
    assert default_export_folder() == Path.home() / "Documents" / "BaZ"


def test_a_folder_as_target_gets_the_default_name(
    store: Store, filled: Filled, tmp_path: Path
) -> None:
    path = export_minutes(store, filled.meeting.id, tmp_path)
    assert path.parent == tmp_path and path.name.endswith(".docx")
    assert export_minutes(store, filled.meeting.id, tmp_path / "zonder").name == "zonder.docx"


def test_a_failed_save_leaves_no_file_and_keeps_the_old_one(
    store: Store, filled: Filled, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "n.docx"
    target.write_bytes(b"old")

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError):
        export_minutes(store, filled.meeting.id, target)
    assert [p.name for p in tmp_path.iterdir()] == ["n.docx"]
    assert target.read_bytes() == b"old"


# ------------------------------------------------------------------------------- the CLI


@pytest.fixture
def demo_db(tmp_path: Path) -> str:
    db = str(tmp_path / "baz.db")
    assert cli.main(["--db", db, "demo"]) == 0
    return db


def test_cli_export_writes_the_file(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "notulen.docx"
    out.parent.mkdir()
    capsys.readouterr()
    assert cli.main(["--db", demo_db, "export", "1", "-o", str(out), "--public", "--yes"]) == 0
    assert str(out) in capsys.readouterr().out
    assert reopen(out).paragraphs[0].style.name == "Title"
    assert cli.main(["--db", demo_db, "export", "1", "-o", str(out), "--lang", "en"]) == 0
    assert reopen(out).paragraphs[0].text.startswith("Minutes of ")


def test_cli_export_uses_the_house_style_of_the_process_unless_told(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``baz export`` writes on the house style chosen on F8, else the settings' default;
    --template wins; a chosen one that is gone is one line saying where it was chosen."""
    from baz_tui.config import save_setting

    process_style = tmp_path / "traject.docx"
    make_house_style(process_style)
    default_style = tmp_path / "standaard.docx"
    make_house_style(default_style)
    import docx

    document = docx.Document(str(default_style))
    document.sections[0].header.paragraphs[0].text = "Standaardhuisstijl"
    document.save(str(default_style))
    out = tmp_path / "n.docx"

    def header() -> str:
        return reopen(out).sections[0].header.paragraphs[0].text

    assert cli.main(["--db", demo_db, "export", "1", "-o", str(out)]) == 0
    assert "Intern" in header()  # BaZ's own layout: only the meeting line
    save_setting("template", str(default_style))
    assert cli.main(["--db", demo_db, "export", "1", "-o", str(out)]) == 0
    assert header() == "Standaardhuisstijl"
    store = Store.open(demo_db)
    try:
        process = store.get_meeting(1).process
        assert process is not None
        store.update_process(process.id, template=str(process_style))
    finally:
        store.close()
    assert cli.main(["--db", demo_db, "export", "1", "-o", str(out)]) == 0
    assert header().startswith("Gemeente Dordrecht — Wijkzaken")
    args = ["--db", demo_db, "export", "1", "-o", str(out), "--template", str(default_style)]
    assert cli.main(args) == 0
    assert header() == "Standaardhuisstijl"
    process_style.unlink()
    out.unlink()
    capsys.readouterr()
    assert cli.main(["--db", demo_db, "export", "1", "-o", str(out), "--public", "--yes"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "traject.docx" in err and "F8" in err
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["export", "99"],
        ["export", "een"],
        ["export", "1", "-o", "{tmp}/geen/map/n.docx"],
        ["export", "1", "--template", "{tmp}/weg.docx"],
        ["export", "1", "--template", "{tmp}/kapot.docx"],
    ],
)
def test_cli_export_errors_are_one_line_and_leave_no_file(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    (tmp_path / "kapot.docx").write_text("geen Word")
    out = tmp_path / "uit"
    out.mkdir()
    args = [a.format(tmp=tmp_path) for a in args]
    if "-o" not in args:
        args += ["-o", str(out / "n.docx")]
    capsys.readouterr()
    assert cli.main(["--db", demo_db, *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1, captured.err
    assert "Traceback" not in captured.err
    assert list(out.iterdir()) == []


def test_cli_export_to_a_read_only_folder(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    folder.chmod(0o500)
    args = ["--db", demo_db, "export", "1", "-o", str(folder / "n.docx")]
    try:
        if os.geteuid() != 0:
            assert cli.main(args) == 2
            err = capsys.readouterr().err
        else:
            # Root ignores folder permissions: run as root without that power (as in CI).
            if not privileges_can_be_dropped():
                pytest.fail("running as root, and setpriv cannot drop the permission override")
            result = subprocess.run(
                [*DROP_OVERRIDE, sys.executable, "-m", "baz_tui", *args],
                cwd=ROOT,
                env=dict(os.environ),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert result.returncode == 2
            err = result.stderr
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_cli_export_to_an_unwritable_place_in_a_fresh_process(demo_db: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "baz_tui", "--db", demo_db, "export", "1", "-o", "/proc/n.docx"],
        cwd=ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not Path("/proc/n.docx").exists()


# ----------------------------------------------------------------------- layers and speed


def test_the_export_package_loads_docx_only_when_writing() -> None:
    code = (
        "import sys, baz_tui.export, baz_tui.export.docx_writer, models.minutes\n"
        "print('docx' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_writing_a_big_meeting_is_fast(store: Store, meeting: MeetingInfo) -> None:
    """100 items, 300 attendees, 50 votes, 500 cards: the writer alone, on a shared CPU."""
    minutes = big_minutes(store, meeting)
    started = time.perf_counter()
    document = build_document(minutes)
    elapsed = time.perf_counter() - started
    assert len(document.paragraphs) > 1000
    assert elapsed < 2.0, f"{elapsed:.2f} s"


def big_minutes(store: Store, meeting: MeetingInfo):  # type: ignore[no-untyped-def]
    """Minutes of a big meeting, made from a small stored one (the writer's input only)."""
    from models.records.minutes import (
        AnalysisMinutes,
        CardNode,
        PersonLine,
        PollMinutes,
        RankedIdeaLine,
        VoteRow,
    )

    base = build_minutes(store, meeting.id, public=False)
    people = tuple(
        PersonLine(n, f"Bewoner Nummer {n}", Role.BEWONER, Presence.AANWEZIG) for n in range(300)
    )
    card = CardNode(CardKind.OORZAAK, "Een oorzaak met wat tekst erbij", "", 2, ())
    analysis = AnalysisMinutes(
        core=CardNode(CardKind.KERNPROBLEEM, "Kern", "", 0, ()),
        causes=(replace(card, children=(card,)), card),
        effects=(card,),
        ideas=(RankedIdeaLine(1, "Idee", "", 3),),
    )  # five cards per item: 500 in all
    poll = PollMinutes(
        question="Stemmen we in?",
        method="voor/tegen",
        options=("voor", "tegen", "onthouding"),
        rows=(VoteRow("in de zaal", (5, 3, 1)), VoteRow("totaal", (5, 3, 1))),
        rule_text="nodig: meer dan de helft van voor+tegen (5 van 8)",
        result_text="aangenomen",
        declared=True,
        declared_at=None,
        digital_source="",
    )
    item = replace(
        base.items[0],
        notes="Een alinea notulen.\n- punt een\n- punt twee",
        analysis=analysis,
        polls=(),
    )
    items = tuple(
        replace(item, number=n + 1, title=f"Agendapunt {n + 1}", polls=(poll,) if n % 2 else ())
        for n in range(100)
    )
    attendance = replace(base.attendance, present=people)
    return replace(base, items=items, attendance=attendance)


def test_consent_of_a_resident_changes_the_public_file(
    store: Store, filled: Filled, tmp_path: Path
) -> None:
    person = next(a for a in store.list_attendees(filled.meeting.id) if a.name == "Fatima Ouali")
    store.update_attendee(person.id, consent=Consent.NAAM)
    path = export_minutes(store, filled.meeting.id, tmp_path / "p.docx", public=True)
    assert "Fatima Ouali" in body_text(reopen(path))
