"""The Word document as a facilitator sends it (#22): read from its XML, point by point.

The page header that never collides, columns as wide as their content, tables that stay with
what introduces them, numbered action points, decisions written as decisions, an open vote as a
provisional count, the closing part of a verslag, attendance as short lists, one date format,
BaZ's own look and clean metadata; in Dutch and in English.

The demo's held evening is exported once per module (internal and public, Dutch and English)
and every test reads those files; tests that need other data make their own.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from baz_tui.export import export_minutes
from baz_tui.export.measure import longest_word_points, text_points
from baz_tui.i18n import current_language, install_language
from models.domain import ActionStatus, Channel, PollMethod
from models.records.meeting import MeetingInfo
from models.store import Store
from tests.e2e.test_export import make_house_style

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NS = {"w": W_NS}
#: The held evening of the demo is made on this day; the next one is two weeks later.
TODAY = date(2026, 12, 1)
MONTHS_NL = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
)
MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
LONG_DATE = re.compile(rf"\b\d{{1,2}} ({MONTHS_NL}|{MONTHS_EN}) \d{{4}}\b")
SHORT_DATE = re.compile(r"\b\d{2}[-/]\d{2}[-/]\d{4}\b")
#: Table text is 9.5 pt (the body 10.5 pt, one point less); cells have 100 twips each side.
TABLE_SIZE = 9.5
CELL_PADDING = 200


@dataclass
class Exported:
    """One exported file, opened: its parts and its body."""

    path: Path
    parts: dict[str, bytes]

    @property
    def body(self) -> Any:
        return etree.fromstring(self.parts["word/document.xml"]).find(f"{W}body")

    def xml(self, part: str) -> Any:
        return etree.fromstring(self.parts[part])

    def headers(self) -> list[Any]:
        return [self.xml(n) for n in sorted(self.parts) if re.match(r"word/header\d+\.xml", n)]

    def footers(self) -> list[Any]:
        return [self.xml(n) for n in sorted(self.parts) if re.match(r"word/footer\d+\.xml", n)]

    def paragraphs(self) -> list[str]:
        """The text of every body paragraph outside tables."""
        return [text_of(p) for p in self.body.iterchildren(f"{W}p")]

    def tables(self) -> list[Any]:
        return list(self.body.iterchildren(f"{W}tbl"))

    def table_after(self, heading: str) -> Any:
        seen = False
        for child in self.body.iterchildren():
            if child.tag == f"{W}p" and text_of(child) == heading:
                seen = True
            elif seen and child.tag == f"{W}tbl":
                return child
        raise AssertionError(f"no table after {heading!r}")

    def after(self, heading: str, count: int = 1) -> list[str]:
        """The texts of the ``count`` body paragraphs after the paragraph ``heading``."""
        texts = self.paragraphs()
        start = texts.index(heading) + 1
        return texts[start : start + count]

    def fields(self) -> dict[str, str]:
        """The label-value lines ("Datum ⇥ dinsdag 1 december 2026")."""
        found = {}
        for p in self.body.iterchildren(f"{W}p"):
            if p.find(f"{W}r/{W}tab") is not None and p.find(f"{W}pPr/{W}ind") is not None:
                name, _tab, value = text_of(p, tabs=True).partition("\t")
                found[name] = value
        return found

    def text(self) -> str:
        return "\n".join(
            [*self.paragraphs(), *(text_of(c) for t in self.tables() for c in cells_of(t))]
        )


def text_of(element: Any, *, tabs: bool = False) -> str:
    parts = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab" and tabs and node.getparent().tag == f"{W}r":
            parts.append("\t")
        elif node.tag == f"{W}br":
            parts.append("\n")
    return "".join(parts).replace("\u00a0", " ")


def cells_of(table: Any) -> list[Any]:
    return table.findall(f"{W}tr/{W}tc")


def rows_of(table: Any) -> list[list[str]]:
    return [[text_of(c) for c in row.findall(f"{W}tc")] for row in table.findall(f"{W}tr")]


def grid_of(table: Any) -> list[int]:
    return [int(col.get(f"{W}w")) for col in table.findall(f"{W}tblGrid/{W}gridCol")]


def opened(path: Path) -> Exported:
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    return Exported(path, parts)


def keeps_next(paragraph: Any) -> bool:
    return paragraph.find(f"{W}pPr/{W}keepNext") is not None


# ------------------------------------------------------------------------------ the demo


@dataclass
class Demo:
    db: Path
    held: int
    coming: int
    internal: Exported
    public: Exported
    english: Exported
    english_public: Exported


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """The demo's held evening, exported in the four versions (once for the module)."""
    from models.demo import create_demo, find_next_evening

    folder = tmp_path_factory.mktemp("demo")
    before = current_language()
    with pytest.MonkeyPatch.context() as patch:
        # No settings of whoever runs the tests (a default house style) may reach the files.
        patch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
        patch.setenv("HOME", str(folder))
        install_language("nl")
        store = Store.open(folder / "baz.db")
        try:
            held = create_demo(store, TODAY)
            coming = find_next_evening(store)
            assert coming is not None
            files = {}
            for language, public, name in (
                ("nl", False, "intern"),
                ("nl", True, "openbaar"),
                ("en", False, "internal"),
                ("en", True, "public"),
            ):
                install_language(language)
                files[name] = opened(
                    export_minutes(store, held.id, folder / f"{name}.docx", public=public)
                )
        finally:
            store.close()
            install_language(before)
    yield Demo(
        folder / "baz.db",
        held.id,
        coming.id,
        files["intern"],
        files["openbaar"],
        files["internal"],
        files["public"],
    )


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    before = current_language()
    yield
    install_language(before)


# ------------------------------------------------------------------------- the page header


def _marker_paragraphs(headers: list[Any], marker: str) -> list[Any]:
    return [p for h in headers for p in h.iter(f"{W}p") if marker in text_of(p)]


def _tabs(paragraph: Any) -> list[tuple[str, int]]:
    return [
        (tab.get(f"{W}val"), int(tab.get(f"{W}pos")))
        for tab in paragraph.findall(f"{W}pPr/{W}tabs/{W}tab")
    ]


def test_the_header_has_the_meeting_left_and_the_version_at_the_right_margin(demo: Demo) -> None:
    """BaZ sets the tab stop: one right tab at the text width (16 cm, 9072 twips: A4 less 2 ×
    2.5 cm),
    nothing that would put the version mid-page."""
    for exported, marker in (
        (demo.internal, "Intern — bevat persoonsgegevens"),
        (demo.public, "Openbare versie"),
        (demo.english, "Internal — contains personal data"),
    ):
        (line,) = _marker_paragraphs(exported.headers(), marker)
        assert [t for t in _tabs(line) if t[0] != "clear"] == [("right", 9072)]
        meeting, tab, version = text_of(line, tabs=True).partition("\t")
        assert tab and version == marker
        assert meeting.startswith("Bewonersavond speelplein Wielwijk — ")
        assert LONG_DATE.search(meeting)


@pytest.mark.parametrize("length", [5, 18, 30, 200])
def test_a_title_of_any_length_fits_beside_the_version(
    store: Store, meeting: MeetingInfo, tmp_path: Path, length: int
) -> None:
    """Short, the 15–30 characters that ran together, and a title that wrapped over three
    lines: the meeting part always leaves room for the version (shortened with "…")."""
    title = ("Bewonersavond over het nieuwe speelplein in de Wielwijk " * 5)[:length].strip()
    store.update_meeting(meeting.id, title=title)
    exported = opened(export_minutes(store, meeting.id, tmp_path / "n.docx"))
    marker = "Intern — bevat persoonsgegevens"
    (line,) = _marker_paragraphs(exported.headers(), marker)
    meeting_part = text_of(line, tabs=True).partition("\t")[0]
    room = 9072 / 20 - text_points(marker, 9, bold=True) - 12
    assert text_points(meeting_part, 9) <= room
    assert meeting_part.endswith("1 december 2026")
    if length < 40:
        assert meeting_part.startswith(title)
    else:
        assert "…" in meeting_part and len(meeting_part) < len(title)


def _letterhead(path: Path, *, first_page: bool = True) -> None:
    """A letterhead template: its own Header style with Word's centre and right tabs (in the
    Dutch positions), a logo and address on the first page, the name on the others."""
    import docx
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Twips

    make_house_style(path)
    document = docx.Document(str(path))
    style = document.styles["Header"].paragraph_format.tab_stops
    for position in list(style):
        style._pPr.tabs.remove(position._tab)  # type: ignore[attr-defined]
    style.add_tab_stop(Twips(4536), WD_TAB_ALIGNMENT.CENTER)
    style.add_tab_stop(Twips(9072), WD_TAB_ALIGNMENT.RIGHT)
    section = document.sections[0]
    section.right_margin = Cm(2)
    if first_page:
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = "Briefhoofd gemeente Dordrecht"
        section.first_page_footer.paragraphs[0].text = "Spuiboulevard 300, Dordrecht"
    document.settings.element.append(
        etree.fromstring(f'<w:attachedTemplate xmlns:w="{W_NS}" r:id="rId99" '
                         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                         'relationships"/>')
    )  # fmt: skip
    document.core_properties.keywords = "sjabloon, intern"
    document.save(str(path))


def test_a_letterhead_keeps_its_first_page_and_still_gets_the_marker_and_page_number(
    store: Store, meeting: MeetingInfo, tmp_path: Path
) -> None:
    template = tmp_path / "briefpapier.docx"
    _letterhead(template)
    path = export_minutes(store, meeting.id, tmp_path / "n.docx", template=template)
    import docx

    section = docx.Document(str(path)).sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_header.paragraphs
    assert first[0].text == "Briefhoofd gemeente Dordrecht"
    assert first[-1].text.endswith("Intern — bevat persoonsgegevens")
    footer = section.first_page_footer._element
    assert "Spuiboulevard 300, Dordrecht" in "".join(footer.itertext())
    assert footer.xpath(".//w:instrText[contains(., 'PAGE')]")
    assert section.footer._element.xpath(".//w:instrText[contains(., 'NUMPAGES')]")
    # The template's Header style has a centre tab at 4536 and a right one at 9072: cleared,
    # and the version at this template's text width (its page less 3.3 cm and 2 cm).
    width = round((section.page_width - section.left_margin - section.right_margin) / 635)
    exported = opened(path)
    lines = _marker_paragraphs(exported.headers(), "Intern — bevat persoonsgegevens")
    assert len(lines) == 2  # the usual pages and the first page
    for line in lines:
        tabs = _tabs(line)
        assert ("clear", 4536) in tabs and ("clear", 9072) in tabs
        assert [t for t in tabs if t[0] != "clear"] == [("right", width)]


# ------------------------------------------------------------------------------- tables


def _column_words(table: Any) -> list[tuple[float, str]]:
    """Per column: the width its longest word needs (points, in the cell's weight) and the word."""
    rows = table.findall(f"{W}tr")
    columns = len(grid_of(table))
    needs: list[tuple[float, str]] = [(0.0, "")] * columns
    for row in rows:
        for c, cell in enumerate(row.findall(f"{W}tc")):
            bold = cell.find(f".//{W}rPr/{W}b") is not None
            text = text_of(cell)
            for word in text.split():
                width = longest_word_points(word, TABLE_SIZE, bold=bold)
                if width > needs[c][0]:
                    needs[c] = (width, word)
    return needs


def test_no_column_is_narrower_than_its_longest_word(
    demo: Demo, store: Store, tmp_path: Path
) -> None:
    """Every table of the demo (both versions, both languages): each column holds its longest
    word on one line, the table fills the text width, its layout is fixed so Word keeps it."""
    for exported in (demo.internal, demo.public, demo.english, demo.english_public):
        for table in exported.tables():
            grid = grid_of(table)
            assert 9000 < sum(grid) <= 9072
            assert table.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
            for width, (needed, word) in zip(grid, _column_words(table), strict=True):
                assert width >= needed * 20 + CELL_PADDING, (word, width)


def test_status_words_and_dates_stay_whole_in_the_action_list(
    store: Store, meeting: MeetingInfo, tmp_path: Path
) -> None:
    """The actielijst: "vervallen" whole, dates as 15-01-2027, "Wat" the widest column."""
    for what, status in (
        ("Offerte voor schaduwdoeken en bomen bij de zandbak opvragen bij de leverancier", None),
        ("Kapotte toestellen afzetten", ActionStatus.VERVALLEN),
        ("Bankjes bestellen", ActionStatus.GEDAAN),
    ):
        action = store.add_action(meeting.id, what, who="Sanne de Wit", due=date(2027, 1, 15))
        if status is not None:
            store.set_action_status(action.id, status, meeting.id)
    exported = opened(export_minutes(store, meeting.id, tmp_path / "n.docx"))
    table = exported.table_after("Actiepuntenlijst")
    rows = rows_of(table)
    assert rows[0] == ["Nr.", "Wat", "Wie", "Wanneer", "Status"]
    assert [r[3] for r in rows[1:]] == ["15-01-2027"] * 3
    grid = grid_of(table)
    assert grid[1] == max(grid)
    status_width = grid[4]
    assert status_width >= text_points("vervallen", TABLE_SIZE) * 20 + CELL_PADDING
    assert grid[2] >= text_points("Sanne de Wit", TABLE_SIZE) * 20 + CELL_PADDING  # one line


def test_one_date_format_per_place(demo: Demo) -> None:
    """Dates in tables are 24-11-2026; in running text (and the particulars) the long form."""
    for exported in (demo.internal, demo.english):
        for table in exported.tables():
            for cell in cells_of(table):
                assert not LONG_DATE.search(text_of(cell)), text_of(cell)
        for text in exported.paragraphs():
            assert not SHORT_DATE.search(text), text
        dates = [SHORT_DATE.search(text_of(c)) for t in exported.tables() for c in cells_of(t)]
        assert any(dates)
    assert demo.internal.fields()["Datum"] == "dinsdag 17 november 2026"
    assert any(LONG_DATE.search(t) for t in demo.internal.paragraphs())


def test_numbers_are_right_aligned(demo: Demo) -> None:
    table = demo.internal.table_after(
        "Stemming: De verlichting op het speelplein blijft aan tot 22.00 uur"
    )
    rows = table.findall(f"{W}tr")
    for row in rows:
        cells = row.findall(f"{W}tc")
        aligns = [c.find(f"{W}p/{W}pPr/{W}jc") for c in cells]
        assert aligns[0] is None  # the channel, text
        assert all(a is not None and a.get(f"{W}val") == "right" for a in aligns[1:])
    speaking = demo.internal.table_after("Spreektijd")
    header = [c.find(f"{W}p/{W}pPr/{W}jc") for c in speaking.find(f"{W}tr").findall(f"{W}tc")]
    assert [a is not None for a in header] == [False, False, True, True]


def test_tables_stay_with_what_introduces_them_and_what_follows(demo: Demo) -> None:
    """Keep-with-next: the paragraph before every table keeps with it (a heading, a label, a
    lead sentence); a short table stays on one page; a vote stays with its result; no row
    breaks across pages; the header row repeats."""
    body = list(demo.internal.body)
    tables = [n for n, child in enumerate(body) if child.tag == f"{W}tbl"]
    assert len(tables) >= 5
    for n in tables:
        before = body[n - 1]
        assert before.tag == f"{W}p" and keeps_next(before), text_of(before)
        rows = body[n].findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        paragraphs = [r.find(f"{W}tc/{W}p") for r in rows]
        assert all(keeps_next(p) for p in paragraphs[:-1])
    vote = demo.internal.table_after(
        "Stemming: De verlichting op het speelplein blijft aan tot 22.00 uur"
    )
    last = vote.findall(f"{W}tr")[-1].find(f"{W}tc/{W}p")
    assert keeps_next(last)  # with the result below it
    # Headings keep with what follows, also in a house style whose headings do not.
    headings = [
        p
        for p in demo.internal.body.iterchildren(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle") is not None
        and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val").startswith("Heading")
    ]
    assert len(headings) > 20 and all(keeps_next(p) for p in headings)


def test_a_long_table_keeps_its_first_rows_with_its_header(
    store: Store, meeting: MeetingInfo, tmp_path: Path
) -> None:
    for n in range(30):
        store.add_action(meeting.id, f"Actie nummer {n}")
    exported = opened(export_minutes(store, meeting.id, tmp_path / "n.docx"))
    rows = exported.table_after("Actiepuntenlijst").findall(f"{W}tr")
    kept = [keeps_next(r.find(f"{W}tc/{W}p")) for r in rows]
    assert kept[:2] == [True, True] and not any(kept[2:])  # the header with two rows


# ------------------------------------------------------------------------ action points


def test_action_points_are_numbered_per_process_and_keep_their_number(
    demo: Demo, tmp_path: Path
) -> None:
    """A-2026-01 … in the item, in the actielijst, in the app's list; the next meeting of the
    process shows the same numbers and numbers its own on from there; notes refer to them."""
    text = demo.internal.paragraphs()
    assert any(t.startswith("A-2026-01 Kapotte speeltoestellen laten keuren") for t in text)
    rows = rows_of(demo.internal.table_after("Actiepuntenlijst"))
    assert [r[0] for r in rows[1:]] == ["A-2026-01", "A-2026-02", "A-2026-03", "A-2026-04"]
    store = Store.open(demo.db)
    try:
        carried = store.action_list(demo.coming)
        assert [a.label for a in carried] == ["A-2026-01", "A-2026-02", "A-2026-03", "A-2026-04"]
        assert all(a.carried_over for a in carried)
        # The second evening's notes go through them by number.
        notes = store.list_agenda(demo.coming)[5].notes
        assert all(a.label in notes for a in carried)
        new = store.add_action(demo.coming, "Hek om de zandbak")
        assert new.label == "A-2026-05"
        gone = store.delete_action(new.id)
        assert store.restore_action(gone).label == "A-2026-05"
        exported = opened(export_minutes(store, demo.coming, tmp_path / "tweede.docx"))
        table = rows_of(exported.table_after("Actiepuntenlijst"))
        assert table[0][-1] == "Uit"  # where the carried ones came from
        assert [r[0] for r in table[1:]] == [a.label for a in store.action_list(demo.coming)]
        assert table[1][-1] == "17-11-2026" and table[-1][-1] == "01-12-2026"
    finally:
        store.close()


# ---------------------------------------------------------------------------- decisions


def test_decisions_read_as_decisions_with_the_result_in_a_sentence(demo: Demo) -> None:
    rows = rows_of(demo.internal.table_after("Besluitenlijst"))
    assert rows[0] == ["Nr.", "Agendapunt", "Besluit"]
    decisions = {r[0]: r[2] for r in rows[1:]}
    assert not any(t.startswith("Besluit") for t in decisions.values())
    assert decisions["B-2026-02"] == (
        "Op de vraag “Welke ontwerprichting werken we uit tot een definitief ontwerp?” kiest "
        "de vergadering “Natuurlijk spelen: groen, boomstammen en een waterpomp”. Gekozen met "
        "de meeste stemmen: 35 van 77, geen volstrekte meerderheid."
    )
    assert decisions["B-2026-03"] == (
        "De verlichting op het speelplein blijft aan tot 22.00 uur. Aangenomen met 5 stemmen "
        "voor, 1 tegen en 0 onthoudingen (twee derde van voor+tegen was nodig: 4)."
    )
    # Under the vote itself: the result once, in one sentence, after "Uitslag:".
    results = [t for t in demo.internal.paragraphs() if t.startswith("Uitslag: ")]
    assert results == [
        "Uitslag: “Natuurlijk spelen: groen, boomstammen en een waterpomp” is gekozen met de "
        "meeste stemmen: 35 van 77, geen volstrekte meerderheid.",
        "Uitslag: Aangenomen met 5 stemmen voor, 1 tegen en 0 onthoudingen (twee derde van "
        "voor+tegen was nodig: 4).",
    ]


def test_a_decision_an_older_baz_suggested_loses_its_label(
    store: Store, meeting: MeetingInfo, tmp_path: Path
) -> None:
    store.add_decision(meeting.id, "Besluit: ontwerp B wordt uitgewerkt")
    exported = opened(export_minutes(store, meeting.id, tmp_path / "n.docx"))
    rows = rows_of(exported.table_after("Besluitenlijst"))
    assert rows[1][2] == "Ontwerp B wordt uitgewerkt"


def test_an_open_vote_is_a_provisional_count_without_a_result(
    store: Store, meeting: MeetingInfo, tmp_path: Path
) -> None:
    item = store.list_agenda(meeting.id)[2]
    poll = store.create_poll(item.id, "Komt er een hek om de zandbak?", present_count=9)
    for option, count in zip(poll.options, (5, 1, 0), strict=True):
        store.set_count(poll.id, option.id, Channel.ZAAL, count)
    exported = opened(export_minutes(store, meeting.id, tmp_path / "n.docx"))
    body = list(exported.body)
    start = next(n for n, p in enumerate(body) if text_of(p).startswith("Stemming: Komt er"))
    end = next(
        n for n in range(start + 1, len(body)) if "Heading" in etree.tostring(body[n]).decode()
    )
    section = body[start + 1 : end]
    texts = [text_of(p) for p in section if p.tag == f"{W}p"]
    assert texts[0] == "Voorlopige telling, niet vastgesteld."
    assert section[0].find(f".//{W}i") is not None  # in italics, not as a result
    assert not any("aangenomen" in t.casefold() or "Uitslag" in t for t in texts)
    # No bold anywhere but the table's own header row and first column.
    bold = [p for p in section if p.tag == f"{W}p" and p.find(f".//{W}b") is not None]
    assert bold == []


# ------------------------------------------------------------------- the end of a verslag


def test_the_closing_part_next_meeting_contact_and_approval(demo: Demo, tmp_path: Path) -> None:
    paragraphs = demo.internal.paragraphs()
    assert demo.internal.after("Volgende bijeenkomst") == [
        "Tweede bewonersavond speelplein Wielwijk: dinsdag 1 december 2026 om 19:30, "
        "Wijkcentrum De Wielslag, Dordrecht."
    ]
    (contact,) = demo.internal.after("Contact")
    assert contact.startswith(
        "Met vragen over deze notulen of over het traject kunt u terecht bij: Sanne de Wit"
    )
    assert contact.endswith(".")
    # The approval line ends the document: no empty line after the last table that could
    # spill onto a blank last page.
    assert paragraphs[-1] == (
        "Deze notulen zijn een concept; ze worden vastgesteld in de volgende bijeenkomst."
    )
    assert demo.internal.body[-2].tag == f"{W}p" and text_of(demo.internal.body[-2])
    store = Store.open(demo.db)
    try:
        store.approve_minutes(demo.held, date(2026, 12, 1))
        exported = opened(export_minutes(store, demo.held, tmp_path / "vastgesteld.docx"))
    finally:
        store.reopen_minutes(demo.held)
        store.close()
    assert "Vastgesteld in de vergadering van 1 december 2026." in exported.paragraphs()
    assert exported.fields()["Status"] == "vastgesteld op 1 december 2026"


def test_opening_and_closing_state_the_real_times(demo: Demo) -> None:
    assert demo.internal.after("1. Opening") == ["De voorzitter opent de vergadering om 19:32."]
    assert demo.internal.after("11. Sluiting", 2) == [
        "De voorzitter sluit de vergadering om 21:22.",
        "Besluitenlijst",
    ]
    assert demo.english.after("1. Opening") == ["The chair opens the meeting at 19:32."]


def test_attendance_as_short_lists(demo: Demo) -> None:
    fields = demo.internal.fields()
    assert fields["Voorzitter"] == "Ria van Dongen" and fields["Notulist"] == "Kees Verhoeven"
    assert fields["Bewoners (5)"].split(", ") == [
        "Annie de Graaf", "Bram de Jong", "Fatima Ouali", "Henk Jansen", "Yusuf Demir"
    ]  # fmt: skip
    assert (fields["Gemeente"], fields["Corporatie"]) == ("Sanne de Wit", "Ingrid Bakker")
    assert (fields["Wijkagent"], fields["Deskundige"]) == ("Erik Schouten", "Lotte Hendriks")
    assert fields["Afwezig met kennisgeving"] == (
        "Marieke Visser, Mohamed el Amrani (gemeente), Wilma Kok"
    )
    summary = demo.internal.after("Aanwezigheid")[0]
    assert summary == "11 aanwezig: 5 bewoners, 4 professionals, de voorzitter en de notulist."
    assert "overig" not in demo.internal.text()


def test_the_public_numbers_run_from_1_without_gaps(demo: Demo) -> None:
    for exported, word in ((demo.public, "Bewoner"), (demo.english_public, "Resident")):
        numbers = {int(n) for n in re.findall(rf"\b{word} (\d+)\b", exported.text())}
        assert numbers == set(range(1, max(numbers) + 1)), numbers
    fields = demo.public.fields()
    assert fields["Bewoners (5)"].endswith("Bewoner 1")
    assert fields["Afwezig met kennisgeving"].endswith("Bewoner 2, Bewoner 3")
    # "Bewoner 1" never breaks between the word and its number.
    raw = demo.public.parts["word/document.xml"].decode()
    assert "Bewoner\u00a01" in raw


# --------------------------------------------------------------------- look and metadata


def test_bazs_own_look_without_a_template(demo: Demo) -> None:
    styles = demo.internal.xml("word/styles.xml")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}rFonts").get(f"{W}ascii") == "Arial"
    assert defaults.find(f"{W}sz").get(f"{W}val") == "21"
    raw = demo.internal.parts["word/styles.xml"].decode()
    assert "asciiTheme" not in raw and "Cambria" not in raw
    for style_id in ("Heading1", "Heading2", "Title"):
        style = styles.find(f"{W}style[@{W}styleId='{style_id}']")
        assert style.find(f"{W}rPr/{W}b") is not None
        assert style.find(f"{W}rPr/{W}color").get(f"{W}val") == "1F3A5F"
        assert style.find(f"{W}rPr/{W}i") is None
    theme = demo.internal.parts["word/theme/theme1.xml"].decode()
    assert re.findall(r'<a:(?:major|minor)Font>\s*<a:latin typeface="([^"]*)"', theme) == [
        "Arial",
        "Arial",
    ]
    section = demo.internal.body.find(f"{W}sectPr")
    size = section.find(f"{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")  # A4


def test_the_metadata_is_bazs_and_nothing_of_a_base_document_is_left(
    demo: Demo, store: Store, meeting: MeetingInfo, tmp_path: Path
) -> None:
    template = tmp_path / "briefpapier.docx"
    _letterhead(template, first_page=False)
    with_template = opened(
        export_minutes(store, meeting.id, tmp_path / "n.docx", template=template)
    )
    for exported in (demo.internal, demo.public, with_template):
        app = exported.parts["docProps/app.xml"].decode()
        assert "<Application>BaZ</Application>" in app
        for leftover in ("Microsoft", "Template", "Company", "Manager", "TotalTime"):
            assert leftover not in app
        names = set(exported.parts)
        assert not [n for n in names if "thumbnail" in n or n.startswith("customXml")]
        assert "docProps/custom.xml" not in names
        relations = b"".join(v for n, v in exported.parts.items() if n.endswith(".rels"))
        assert b"stylesWithEffects" not in relations and b"customXml" not in relations
        settings = exported.parts["word/settings.xml"].decode()
        for leftover in ("attachedTemplate", "w:rsids", "docId", "proofState", "docVars"):
            assert leftover not in settings
        assert '<w:decimalSymbol w:val=","/>' in settings
        core = exported.parts["docProps/core.xml"].decode()
        assert "<dc:creator>BaZ</dc:creator>" in core and "sjabloon" not in core
        assert "<cp:lastModifiedBy>BaZ</cp:lastModifiedBy>" in core


# ------------------------------------------------------------------------------ English


def test_an_english_export_writes_every_generated_sentence_in_english(demo: Demo) -> None:
    """The demo was run and declared in Dutch; the English export words it all in English:
    the results of the votes, the options of a for/against vote, the closing part, the page
    marks. The typed texts (titles, notes, decision texts) stay as typed."""
    text = demo.english.text()
    results = [t for t in demo.english.paragraphs() if t.startswith("Result: ")]
    assert results == [
        "Result: “Natuurlijk spelen: groen, boomstammen en een waterpomp” is chosen with the "
        "most votes: 35 of 77, not a majority.",
        "Result: Adopted with 5 votes for, 1 against and 0 abstentions (two thirds of "
        "for+against was needed: 4).",
    ]
    vote = rows_of(
        demo.english.table_after("Vote: De verlichting op het speelplein blijft aan tot 22.00 uur")
    )
    assert vote[0] == ["", "for", "against", "abstain"]
    assert vote[1][0] == "in the room" and vote[-1][0] == "total"
    decisions = {r[0]: r[2] for r in rows_of(demo.english.table_after("List of decisions"))[1:]}
    assert decisions["B-2026-02"].endswith("Chosen with the most votes: 35 of 77, not a majority.")
    for phrase in (
        "Attendance",
        "11 present: 5 residents, 4 professionals, the chair and the note-taker.",
        "Next meeting",
        "Questions about these minutes or the process:",
        "These minutes are a draft; they will be approved in the next meeting.",
        "Speaking time",
    ):
        assert phrase in text, phrase
    for dutch in (
        "Aangenomen", "Uitslag", "Gekozen", "stemmen voor", "Voorlopige", "aanwezig:",
        "Volgende bijeenkomst", "Besluitenlijst", "Bewoners (", "De voorzitter",
        "in de zaal", "digitaal vooraf", "onthouding", "Geen bijzonderheden",
    ):  # fmt: skip
        assert dutch not in text, dutch
    footer = "".join("".join(f.itertext()) for f in demo.english.footers())
    assert "Page" in footer and "Pagina" not in footer
    assert demo.english.fields()["Date"] == "Tuesday 17 November 2026"
    assert '<w:lang w:val="en-GB"' in demo.english.parts["word/styles.xml"].decode()


def test_a_vote_declared_in_dutch_reads_in_english(
    store: Store, meeting: MeetingInfo, tmp_path: Path
) -> None:
    item = store.list_agenda(meeting.id)[2]
    poll = store.create_poll(
        item.id, "Welke kleur?", method=PollMethod.KEUZE, options=["Groen", "Blauw"],
        present_count=9,
    )  # fmt: skip
    for option, count in zip(poll.options, (6, 3), strict=True):
        store.set_count(poll.id, option.id, Channel.ZAAL, count)
    store.declare_poll(poll.id, decision_text=store.get_poll(poll.id).suggested_decision)
    install_language("en")
    exported = opened(export_minutes(store, meeting.id, tmp_path / "en.docx"))
    assert "Result: “Groen” is chosen with a majority: 6 of 9 votes." in exported.paragraphs()
    rows = rows_of(exported.table_after("List of decisions"))
    assert rows[1][2] == (
        "Op de vraag “Welke kleur?” kiest de vergadering “Groen”. "
        "Chosen with a majority: 6 of 9 votes."
    )


def test_english_attendance_and_the_public_version(demo: Demo) -> None:
    fields = demo.english_public.fields()
    assert fields["Chair"] == "Ria van Dongen"
    assert fields["Residents (5)"].endswith("Resident 1")
    assert fields["Absent with notice"].endswith("Resident 2, Resident 3")
    headers = "".join("".join(h.itertext()) for h in demo.english_public.headers())
    assert "Public version" in headers


def test_items_never_reached_read_not_dealt_with_in_word(store: Store, tmp_path: Path) -> None:
    """Closed after its second item: the Word file says the items after it were not dealt
    with (both versions), where it said "Geen bijzonderheden" and "Hamerstuk"."""
    from datetime import time

    info = store.create_meeting("Kort", date(2026, 3, 3), time(20, 0))
    items = store.list_agenda(info.id)
    store.update_agenda_item(items[3].id, hamerstuk=True)
    store.next_item(info.id)
    store.next_item(info.id)
    store.close_meeting(info.id)
    mark = "Niet behandeld: de vergadering werd eerder gesloten."
    for public in (False, True):
        document = opened(
            export_minutes(store, info.id, tmp_path / f"{public}.docx", public=public)
        )
        for item in items[2:-1]:
            assert document.after(f"{item.number}. {item.title}") == [mark]
        assert document.after(f"{items[1].number}. {items[1].title}") == ["Geen bijzonderheden."]
