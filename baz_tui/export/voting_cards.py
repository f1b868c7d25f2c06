"""Voting cards as a Word document (DESIGN §5a): eight cards on an A4, two by four, with dashed
cut lines between them. Each card: the meeting's title and date, "Stemkaart nr. N", its code in
groups of four in a large monospace font, its QR code and a short instruction.

The QR code holds the address of the room with the card's code (``<adres>/?k=CODE``) when the
facilitator gives the address, else the code itself. python-docx and segno are imported here
only, when cards are written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from baz_tui.export.docx_writer import clean_xml_text
from models.i18n import _
from models.rules.room import grouped

#: Cards per row and rows per page: 2 × 4 fit an A4 with room to cut.
COLUMNS, ROWS = 2, 4


def card_qr_data(code: str, address: str | None) -> str:
    """What a card's QR code holds: the room's address with the code, or the code alone."""
    if address:
        return f"{address.rstrip('/')}/?k={code}"
    return code


def instruction() -> str:
    return _(
        "Scan the code or type it when you vote. The card votes once per vote. Nobody sees "
        "what you vote."
    )


def write_voting_cards(
    path: Path,
    title: str,
    date_text: str,
    codes: Sequence[str],
    *,
    first_number: int = 1,
    address: str | None = None,
) -> None:
    """Write the cards of ``codes`` (numbered from ``first_number``) to ``path`` (.docx)."""
    import segno
    from docx import Document
    from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.0))
    per_page = COLUMNS * ROWS
    pages = [codes[i : i + per_page] for i in range(0, len(codes), per_page)]
    heading = clean_xml_text(title)
    for page_index, page in enumerate(pages):
        if page_index:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif document.paragraphs:
            # The default template's empty first paragraph would push the cards down.
            first = document.paragraphs[0]._element
            first.getparent().remove(first)
        table = document.add_table(rows=ROWS, cols=COLUMNS)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _dashed_borders(table)
        for row in table.rows:
            # Exactly a quarter of the page less its margins: four rows always fit one A4.
            row.height = Cm(6.6)
            row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
            for cell in row.cells:
                cell.width = Cm(9.5)
        cells = [cell for row in table.rows for cell in row.cells]
        for index, code in enumerate(page):
            number = first_number + page_index * per_page + index
            cell = cells[index]
            top = cell.paragraphs[0]
            top.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = top.add_run(heading)
            run.bold = True
            run.font.size = Pt(10)
            top.add_run("\n" + date_text).font.size = Pt(9)
            name = cell.add_paragraph()
            name.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = name.add_run(_("Voting card no. {n}").format(n=number))
            run.bold = True
            run.font.size = Pt(13)
            shown = cell.add_paragraph()
            shown.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = shown.add_run(grouped(code))
            run.font.name = "Courier New"
            run.font.size = Pt(16)
            run.bold = True
            picture = io.BytesIO()
            segno.make(card_qr_data(code, address), error="m").save(
                picture, kind="png", scale=8, border=4
            )
            picture.seek(0)
            qr = cell.add_paragraph()
            qr.alignment = WD_ALIGN_PARAGRAPH.CENTER
            qr.add_run().add_picture(picture, width=Cm(3.0))
            note = cell.add_paragraph()
            note.alignment = WD_ALIGN_PARAGRAPH.CENTER
            note.add_run(instruction()).font.size = Pt(8)
    for paragraph in document.paragraphs:
        paragraph.paragraph_format.space_after = Pt(0)
    for table in document.tables:
        for cell in (c for row in table.rows for c in row.cells):
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_before = Pt(2)
                paragraph.paragraph_format.space_after = Pt(2)
    document.core_properties.title = heading
    document.save(str(path))


def _dashed_borders(table: Any) -> None:
    """Dashed lines around and between the cards: where to cut."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "dashed")
        line.set(qn("w:sz"), "6")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "808080")
        borders.append(line)
    properties.append(borders)
