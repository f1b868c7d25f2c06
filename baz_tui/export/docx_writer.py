"""The minutes as a Word document (python-docx, imported only inside these functions).

The layout follows design §5: title, header table, process and frames, attendance, every
agenda item in order (notes, problem analysis, votes, decisions, action points), then the
besluitenlijst, the actiepuntenlijst and the speaking time. Real styles throughout (Title,
Heading 1/2, List Bullet, a table style), so the document is navigable and a house-style
template restyles it; the page header names the meeting, the footer numbers the pages.

Speed: python-docx's convenience calls look a style up by name on every paragraph and insert
each paragraph by scanning the body for the section properties. Here styles are resolved once
and elements are built directly and placed before the final ``w:sectPr``: a meeting of 100
items, 300 attendees and 50 votes writes in a fraction of a second.

Every string passes :func:`clean_xml_text` on its way in: Word cannot hold NUL, other control
characters, U+FFFE/U+FFFF or lone surrogates; python-docx would raise on them.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from baz_tui.export import ExportError
from models import i18n as catalogue
from models.domain import CardKind, label
from models.formatting import format_date
from models.i18n import _
from models.minutes import (
    action_columns,
    action_line,
    action_row,
    attendance_summary,
    balance_text,
    card_text,
    decision_columns,
    decision_row,
    digital_source_text,
    document_title,
    hamerstuk_text,
    header_rows,
    idea_columns,
    idea_row,
    item_heading,
    note_blocks,
    person_text,
    poll_outcome,
    process_rows,
    speaking_columns,
    speaking_row,
    status_text,
    version_text,
)
from models.minutes_views import CardNode, ItemMinutes, Minutes, PollMinutes

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

#: Word's language tags per UI language.
WORD_LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}
#: The styles the document uses; missing ones are copied into a house-style template.
PARAGRAPH_STYLES = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "List Bullet",
    "List Bullet 2",
    "List Bullet 3",
    "Header",
    "Footer",
)
TABLE_STYLE = "Table Grid"
#: A soft fill for the header row of every table (Word's "Blue, Accent 1, Lighter 80%").
HEADER_FILL = "DBE5F1"
#: The meeting line in the page header: 9 pt, so the version marking fits beside it.
HEADER_SIZE = 18
#: More options than this turn a vote table around: one row per option.
WIDE_VOTE = 6
CORE_PROPERTY_MAX = 255

_NOT_IN_XML = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


class TemplateError(ExportError):
    """A house-style template that cannot be used."""


def clean_xml_text(text: str) -> str:
    """``text`` as Word can hold it: control characters (except tab and newline), U+FFFE,
    U+FFFF and lone surrogates dropped; carriage returns become newlines; the rest as typed."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_IN_XML.sub("", text)


# ------------------------------------------------------------------------ the template


#: A house-style template is a small Word file; a larger one is not what the user meant.
TEMPLATE_SIZE_LIMIT = 50_000_000


def open_base(template: Path | None) -> DocxDocument:
    """The document to write into: python-docx's default, or the house style with its body cleared."""
    import docx

    if template is None:
        document = docx.Document()
        _a4(document)
        return document
    from models.files import FileError, exists, read_file, user_path

    try:
        path = user_path(template)
        if not exists(path):
            raise TemplateError(_("The template {path} does not exist.").format(path=path))
        # Read as any file a user names: a regular file only, and never more than the limit.
        data = read_file(path, limit=TEMPLATE_SIZE_LIMIT)
    except FileError as error:
        raise TemplateError(error.message) from error
    try:
        document = docx.Document(io.BytesIO(_as_document(data)))
    except Exception as exc:  # python-docx raises many kinds on a damaged or foreign file
        raise TemplateError(
            _(
                "The template {path} is not a Word document (.docx or .dotx) that can be opened."
            ).format(path=path)
        ) from exc
    _clear_body(document)
    return document


def _as_document(data: bytes) -> bytes:
    """A .dotx (Word template) opened as a document: only its declared content type differs."""
    template_type = b"wordprocessingml.template.main+xml"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            types = source.read("[Content_Types].xml")
            if template_type not in types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for entry in source.infolist():
                    content = source.read(entry.filename)
                    if entry.filename == "[Content_Types].xml":
                        content = content.replace(
                            template_type, b"wordprocessingml.document.main+xml"
                        )
                    target.writestr(entry, content)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError, OSError):
        return data  # python-docx gives the error


def _clear_body(document: DocxDocument) -> None:
    """Remove the template's content; its last section (margins, header, footer) stays."""
    from docx.oxml.ns import qn

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _a4(document: DocxDocument) -> None:
    from docx.shared import Cm

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2)
    section.header_distance = section.footer_distance = Cm(1.25)


def ensure_styles(document: DocxDocument) -> dict[str, str]:
    """The style id of every style the minutes use; missing ones come from python-docx's own
    template (a house style made in Word often lacks "List Bullet"), list numbering included."""
    import docx

    styles = document.styles
    missing = [n for n in (*PARAGRAPH_STYLES, TABLE_STYLE) if not _has_style(document, n)]
    if missing:
        default = docx.Document()
        for name in missing:
            _copy_style(default, document, name)
    return {n: styles[n].style_id for n in (*PARAGRAPH_STYLES, TABLE_STYLE)}


def _has_style(document: DocxDocument, name: str) -> bool:
    try:
        document.styles[name]
    except KeyError:
        return False
    return True


def _copy_style(source: DocxDocument, target: DocxDocument, name: str) -> None:
    from docx.oxml.ns import qn

    style = copy.deepcopy(source.styles[name].element)
    based_on = style.find(qn("w:basedOn"))
    if based_on is not None:
        parent = source.styles.element.get_by_id(based_on.get(qn("w:val")))
        if parent is not None and target.styles.element.get_by_id(parent.styleId) is None:
            _copy_style(source, target, parent.name_val)
    # The id may be taken by another style in the template's language ("Kop1"): keep ours apart.
    if target.styles.element.get_by_id(style.get(qn("w:styleId"))) is not None:
        style.set(qn("w:styleId"), "Baz" + style.get(qn("w:styleId")))
    for num_id in style.iter(qn("w:numId")):
        num_id.set(qn("w:val"), _copy_numbering(source, target, num_id.get(qn("w:val"))))
    for link in style.findall(qn("w:link")):
        style.remove(link)  # the linked character style is not copied
    target.styles.element.append(style)


def _copy_numbering(source: DocxDocument, target: DocxDocument, num_id: str) -> str:
    """Copy a list definition (w:num with its w:abstractNum); return its id in ``target``."""
    from docx.oxml.ns import qn

    w = qn
    source_numbering = source.part.numbering_part.element
    target_numbering = target.part.numbering_part.element
    num = next(n for n in source_numbering.findall(w("w:num")) if n.get(w("w:numId")) == num_id)
    abstract_id = num.find(w("w:abstractNumId")).get(w("w:val"))
    abstract = next(
        a
        for a in source_numbering.findall(w("w:abstractNum"))
        if a.get(w("w:abstractNumId")) == abstract_id
    )
    used_abstract = [
        int(a.get(w("w:abstractNumId"))) for a in target_numbering.findall(w("w:abstractNum"))
    ]
    used_num = [int(n.get(w("w:numId"))) for n in target_numbering.findall(w("w:num"))]
    new_abstract_id = str(max(used_abstract, default=-1) + 1)
    new_num_id = str(max(used_num, default=0) + 1)
    abstract = copy.deepcopy(abstract)
    abstract.set(w("w:abstractNumId"), new_abstract_id)
    for nsid in abstract.findall(w("w:nsid")):
        abstract.remove(nsid)  # a unique list id; Word makes a new one
    num = copy.deepcopy(num)
    num.set(w("w:numId"), new_num_id)
    num.find(w("w:abstractNumId")).set(w("w:val"), new_abstract_id)
    # Schema order: every w:abstractNum before the first w:num.
    first_num = target_numbering.find(w("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        target_numbering.append(abstract)
    target_numbering.append(num)
    return new_num_id


def set_language(document: DocxDocument, language: str) -> None:
    """Mark the text as Dutch (or English): spelling check and hyphenation follow it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tag = WORD_LANGUAGES.get(language, "nl-NL")
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    # Styles that name a language themselves would win over the default.
    for style_lang in styles.iter(qn("w:lang")):
        if style_lang is not lang and style_lang.get(qn("w:val")):
            style_lang.set(qn("w:val"), tag)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), tag)


def set_properties(document: DocxDocument, minutes: Minutes, language: str) -> None:
    """Title and subject of the file; no person's name anywhere in them."""

    def short(text: str) -> str:
        return clean_xml_text(text)[:CORE_PROPERTY_MAX]

    props = document.core_properties
    props.title = short(document_title(minutes))
    subject = _("Minutes of a residents' meeting")
    if minutes.process is not None:
        subject = f"{subject} — {minutes.process.title}"
    props.subject = short(subject)
    props.author = "BaZ"
    props.last_modified_by = "BaZ"
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.identifier = ""
    props.version = ""
    props.content_status = short(status_text(minutes))
    props.language = WORD_LANGUAGES.get(language, "nl-NL")
    props.revision = 1
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.created = now
    props.modified = now
    _drop_thumbnail(document)


def _drop_thumbnail(document: DocxDocument) -> None:
    """Leave out the preview picture of the base document: it shows the template, not these
    minutes (and a house style's preview may show whatever was last typed in it)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rels = document.part.package.rels
    for r_id, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del rels[r_id]
            rels._target_parts_by_rId.pop(r_id, None)


# ------------------------------------------------------------------------ writing


#: Where the written XML goes in the serialized document (an XML comment).
_BODY_MARK = "baz-written-body"


class _Writer:
    """Writes the body as WordprocessingML text, parsed once and put before the ``w:sectPr``.

    Building thousands of elements one by one through python-docx costs most of the export
    time; one string parsed by lxml is many times faster and gives the same XML.
    """

    def __init__(self, document: DocxDocument, style_ids: dict[str, str]) -> None:
        from docx.shared import Cm

        self.document = document
        self.ids = {name: escape(style_id, _QUOTE) for name, style_id in style_ids.items()}
        self.parts: list[str] = []
        section = document.sections[-1]
        # A template may leave sizes out; Word then uses A4 with 2.5 cm margins.
        page = section.page_width if section.page_width is not None else Cm(21)
        left = section.left_margin if section.left_margin is not None else Cm(2.5)
        right = section.right_margin if section.right_margin is not None else Cm(2.5)
        self.text_width = max(int(page - left - right), int(Cm(5)))

    def finish(self) -> None:
        """Put everything written into the document body, before its section properties.

        The whole document is parsed once with the written XML in place. Moving thousands of
        parsed paragraphs and tables into the template's tree one by one costs lxml a walk of
        every node per move — on a big meeting longer than all the rest of the export.
        """
        from docx.oxml import parse_xml
        from docx.oxml.ns import qn
        from lxml import etree

        root = self.document.element
        body = root.body
        anchor = body.find(qn("w:sectPr"))
        place = etree.Comment(_BODY_MARK)
        if anchor is None:
            body.append(place)
        else:
            anchor.addprevious(place)
        xml = etree.tostring(root, encoding="unicode")
        written = parse_xml(xml.replace(f"<!--{_BODY_MARK}-->", "".join(self.parts), 1))
        # The same Document object (the caller holds it) on the new tree: python-docx keeps
        # the tree in the part and in the Document, and caches the body's proxy.
        self.document.part._element = written
        self.document._element = written
        self.document._Document__body = None  # type: ignore[attr-defined]
        self.parts.clear()

    # -------------------------------------------------------------- paragraphs

    def paragraph(
        self,
        runs: Sequence[tuple[str, str]] | str,
        style: str | None = None,
        *,
        keep_with_next: bool = False,
    ) -> None:
        """A paragraph of ``runs`` ((text, "b"/"i"/"bi"/"") pairs, or one plain text).

        ``keep_with_next`` keeps a label on the page of the list or table it introduces.
        """
        if isinstance(runs, str):
            runs = [(runs, "")]
        properties = ""
        if style is not None and style != "Normal":
            properties += f'<w:pStyle w:val="{self.ids[style]}"/>'
        if keep_with_next:
            properties += "<w:keepNext/>"
        if properties:
            properties = f"<w:pPr>{properties}</w:pPr>"
        text = "".join(run_xml(t, look) for t, look in runs)
        self.parts.append(f"<w:p>{properties}{text}</w:p>")

    def label(self, text: str) -> None:
        """A bold line that introduces the list or table below it."""
        self.paragraph([(text, "b")], keep_with_next=True)

    def heading(self, text: str, level: int) -> None:
        self.paragraph(text, f"Heading {level}")

    def bullet(self, text: str | Sequence[tuple[str, str]], level: int = 1) -> None:
        self.paragraph(text, "List Bullet" if level <= 1 else f"List Bullet {min(level, 3)}")

    # ------------------------------------------------------------------ tables

    def table(
        self,
        header: Sequence[str] | None,
        rows: Iterable[Sequence[str]],
        widths: Sequence[float],
        *,
        bold_first_column: bool = False,
        bold_last_row: bool = False,
    ) -> None:
        """A table in the table style; ``widths`` are shares of the text width.

        The header row repeats on every page and is marked as such for screen readers.
        """
        total = sum(widths)
        twips = [int(self.text_width * share / total) // EMU_PER_TWIP for share in widths]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
        out = [
            "<w:tbl><w:tblPr>",
            f'<w:tblStyle w:val="{self.ids[TABLE_STYLE]}"/>',
            '<w:tblW w:w="0" w:type="auto"/>',
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1"'
            ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>',
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
        ]
        if header is not None:
            out.append(self._row(header, twips, look="b", header=True))
        rows = list(rows)
        last = len(rows) - 1
        for index, values in enumerate(rows):
            look = "b" if bold_last_row and index == last else ""
            out.append(self._row(values, twips, look=look, first_bold=bold_first_column))
        out.append("</w:tbl>")
        self.parts.append("".join(out))
        # A little air after a table: Word glues the next paragraph to it otherwise.
        self.paragraph("")

    def _row(
        self,
        values: Sequence[str],
        twips: Sequence[int],
        *,
        look: str = "",
        header: bool = False,
        first_bold: bool = False,
    ) -> str:
        row = ["<w:tr><w:trPr><w:tblHeader/></w:trPr>" if header else "<w:tr>"]
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>' if header else ""
        for column, (value, width) in enumerate(zip(values, twips, strict=True)):
            bold = "b" if first_bold and column == 0 else look
            row.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
                f"<w:p>{run_xml(str(value), bold)}</w:p></w:tc>"
            )
        row.append("</w:tr>")
        return "".join(row)


EMU_PER_TWIP = 635
_QUOTE = {'"': "&quot;"}
_BREAKS = re.compile(r"([\t\n])")


def run_xml(text: str, look: str = "", *, half_points: int | None = None) -> str:
    """A run of cleaned, escaped text; tabs and line breaks as Word elements.

    ``look``: "b" bold, "i" italic; ``half_points``: a font size (18 is 9 pt).
    """
    text = clean_xml_text(text)
    if not text:
        return ""
    properties = ""
    if look or half_points:
        properties = (
            "<w:rPr>"
            + ("<w:b/>" if "b" in look else "")
            + ("<w:i/>" if "i" in look else "")
            + (f'<w:sz w:val="{half_points}"/>' if half_points else "")
            + "</w:rPr>"
        )
    if "\t" not in text and "\n" not in text:
        return f'<w:r>{properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    pieces = []
    for piece in _BREAKS.split(text):
        if piece == "\t":
            pieces.append("<w:tab/>")
        elif piece == "\n":
            pieces.append("<w:br/>")
        elif piece:
            pieces.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{properties}{''.join(pieces)}</w:r>"


# ----------------------------------------------------------------- the document


def build_document(minutes: Minutes, *, template: Path | None = None) -> DocxDocument:
    """The Word document of ``minutes`` in the active language, on the template if given."""
    document = open_base(template)
    language = catalogue.current_language()
    style_ids = ensure_styles(document)
    set_language(document, language)
    set_properties(document, minutes, language)
    writer = _Writer(document, style_ids)
    _header_and_footer(writer, minutes)
    _front(writer, minutes)
    for item in minutes.items:
        _item(writer, item)
    _lists(writer, minutes)
    writer.finish()
    return document


def _header_and_footer(w: _Writer, minutes: Minutes) -> None:
    """The meeting and the version in the page header, page numbers in the footer.

    A house style's own header (logo, address) stays: the meeting line is added below it.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Emu

    section = w.document.sections[-1]
    header = section.header
    if header.is_linked_to_previous:
        header.is_linked_to_previous = False
    header_style = w.document.styles["Header"]
    paragraphs = header.paragraphs
    has_content = any(p.text.strip() for p in paragraphs) or bool(
        header._element.xpath(".//w:drawing | .//w:pict")
    )
    if paragraphs and not has_content:
        line = paragraphs[0]
        line.style = header_style
    else:
        line = header.add_paragraph(style=header_style)
    line.paragraph_format.tab_stops.add_tab_stop(Emu(w.text_width), WD_TAB_ALIGNMENT.RIGHT)
    _append_runs(
        line._p,
        run_xml(f"{minutes.title} — {format_date(minutes.date)}", half_points=HEADER_SIZE)
        + run_xml("\t", half_points=HEADER_SIZE)
        + run_xml(version_text(minutes), "b", half_points=HEADER_SIZE),
    )

    footer = section.footer
    if footer.is_linked_to_previous:
        footer.is_linked_to_previous = False
    if footer._element.xpath(".//w:instrText[contains(., 'PAGE')] | .//w:fldSimple"):
        return  # the house style numbers its pages already
    footer_style = w.document.styles["Footer"]
    fparagraphs = footer.paragraphs
    if fparagraphs and not any(p.text.strip() for p in fparagraphs):
        page = fparagraphs[0]
        page.style = footer_style
    else:
        page = footer.add_paragraph(style=footer_style)
    page.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # "Pagina 3 van 7": the numbers are fields that Word and LibreOffice fill in.
    before, _page, after = _("Page {page} of {pages}").partition("{page}")
    middle, _pages, end = after.partition("{pages}")
    _append_runs(
        page._p,
        run_xml(before) + _field("PAGE") + run_xml(middle) + _field("NUMPAGES") + run_xml(end),
    )


def _field(instruction: str) -> str:
    """A complex field (begin, instruction, separate, placeholder result, end)."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _append_runs(p: Any, runs: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    for run in list(parse_xml(f"<w:p {nsdecls('w')}>{runs}</w:p>")):
        p.append(run)


def _front(w: _Writer, minutes: Minutes) -> None:
    w.paragraph(document_title(minutes), "Title")
    w.paragraph(
        [(version_text(minutes), "i"), (" · ", ""), (status_text(minutes), "b")], "Subtitle"
    )
    w.table(None, header_rows(minutes), (3, 7), bold_first_column=True)
    if minutes.process is not None:
        w.heading(_("Process and frames"), 1)
        w.table(None, process_rows(minutes.process), (3, 7), bold_first_column=True)
    attendance = minutes.attendance
    w.heading(_("Attendance"), 1)
    w.paragraph(attendance_summary(attendance))
    if attendance.present:
        names = ", ".join(person_text(p) for p in attendance.present)
        w.paragraph([(_("Present") + ": ", "b"), (names, "")])
    if attendance.absent_with_notice:
        names = ", ".join(person_text(p) for p in attendance.absent_with_notice)
        w.paragraph([(_("Absent with notice") + ": ", "b"), (names, "")])


def _item(w: _Writer, item: ItemMinutes) -> None:
    w.heading(item_heading(item), 1)
    if item.hamerstuk:
        w.paragraph([(hamerstuk_text(item), "i")])
    for level, text in note_blocks(item.notes):
        if level:
            w.bullet(text, level)
        else:
            w.paragraph(text)
    if item.analysis is not None:
        analysis = item.analysis
        w.heading(_("Problem analysis"), 2)
        if analysis.core is not None:
            w.paragraph(
                [
                    (label(CardKind.KERNPROBLEEM).capitalize() + ": ", "b"),
                    (card_text(analysis.core), ""),
                ]
            )
        for title, cards in ((_("Causes"), analysis.causes), (_("Effects"), analysis.effects)):
            if cards:
                w.label(title)
                _tree(w, cards, 1)
        if analysis.ideas:
            w.label(_("Ideas, ranked by dots"))
            w.table(idea_columns(), [idea_row(i) for i in analysis.ideas], (1, 7, 1.2))
    for poll in item.polls:
        _poll(w, poll)
    if item.decisions:
        w.heading(_("Decisions"), 2)
        for decision in item.decisions:
            w.bullet([(decision.label + " ", "b"), (decision.text, "")])
    if item.actions:
        w.heading(_("Action points"), 2)
        for action in item.actions:
            w.bullet(action_line(action))
    if item.empty and not item.hamerstuk:
        w.paragraph([(_("Nothing to report."), "i")])


def _tree(w: _Writer, cards: Sequence[CardNode], level: int) -> None:
    # Depth-first with a stack of its own: the depth of a tree comes from the data (a meeting
    # file may hold a chain of hundreds), never from Python's recursion limit.
    stack = [(card, level) for card in reversed(cards)]
    while stack:
        card, depth = stack.pop()
        w.bullet(card_text(card), depth)
        stack.extend((child, depth + 1) for child in reversed(card.children))


def _poll(w: _Writer, poll: PollMinutes) -> None:
    w.heading(_("Vote: {question}").format(question=poll.question), 2)
    if len(poll.options) > WIDE_VOTE:
        header = [_("Option"), *(r.label for r in poll.rows)]
        rows = [
            [option, *(str(r.counts[n]) for r in poll.rows)]
            for n, option in enumerate(poll.options)
        ]
        w.table(header, rows, (4, *([1.5] * len(poll.rows))))
    else:
        header = ["", *poll.options]
        rows = [[r.label, *(str(c) for c in r.counts)] for r in poll.rows]
        w.table(
            header,
            rows,
            (2.2, *([1.3] * len(poll.options))),
            bold_first_column=True,
            bold_last_row=True,
        )
    if poll.digital_source:
        w.paragraph([(digital_source_text(poll), "i")])
    rule, result, note = poll_outcome(poll)
    if rule:
        w.paragraph(rule)
    if result:
        w.paragraph([(result, "b")])
    if note:
        w.paragraph([(note, "i")])


def _lists(w: _Writer, minutes: Minutes) -> None:
    w.heading(_("List of decisions"), 1)
    if minutes.decisions:
        w.table(decision_columns(), [decision_row(d) for d in minutes.decisions], (1.6, 3, 6))
    else:
        w.paragraph(_("No decisions were taken."))
    w.heading(_("List of action points"), 1)
    if minutes.actions:
        w.table(
            action_columns(), [action_row(a) for a in minutes.actions], (4.2, 2.4, 2.2, 1.6, 2.2)
        )
    else:
        w.paragraph(_("No action points."))
    if minutes.speaking is not None:
        w.heading(_("Speaking time"), 1)
        w.paragraph(balance_text(minutes.speaking))
        w.table(
            speaking_columns(),
            [speaking_row(p) for p in minutes.speaking.people],
            (4, 2.4, 1.6, 1.8),
        )
