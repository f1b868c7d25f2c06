"""The minutes as a Word document (python-docx, imported only inside these functions).

The layout follows design §5: title, the meeting's particulars, process and frames, attendance,
every agenda item in order (notes, problem analysis, votes, decisions, action points), then
the besluitenlijst, the actiepuntenlijst, the speaking time, the next meeting, who to ask and
the approval line. Real styles throughout (Title, Heading 1/2, List Bullet, a table style), so
the document is navigable and a house-style template restyles it.

Without a template BaZ gives the document a plain look of its own (Arial, restrained headings,
A4), one a municipality can send as it is. On every page the header names the meeting on the
left and the version on the right (at a tab stop BaZ sets, the title shortened with "…" when
it would run into it), the footer numbers the pages — also on the first page of a letterhead
template with a first page of its own. Tables get columns as wide as their content asks
(measured, :mod:`baz_tui.export.measure`: no word broken inside), numbers right-aligned, a
date in a table as 15-01-2027 (in running text 15 januari 2027), and stay with the sentence
that introduces them.

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
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from baz_tui.export.errors import TemplateError
from baz_tui.export.measure import (
    column_widths,
    font_scale,
    longest_line_points,
    longest_word_points,
    shorten_to,
    text_points,
)
from models import i18n as catalogue
from models.domain import CardKind, label
from models.i18n import _
from models.minutes import (
    action_columns,
    action_line,
    action_rows,
    approval_text,
    attendance_rows,
    attendance_summary,
    balance_text,
    card_text,
    contact_text,
    decision_columns,
    decision_row,
    digital_source_text,
    document_title,
    header_rows,
    idea_columns,
    idea_row,
    item_heading,
    item_mark,
    meeting_time_texts,
    next_meeting_text,
    note_blocks,
    nothing_to_report,
    poll_outcome,
    process_rows,
    provisional_text,
    speaking_columns,
    speaking_row,
    status_text,
    version_text,
    vote_table,
)
from models.records.minutes import CardNode, ItemMinutes, Minutes, PollMinutes
from models.rules.formatting import format_date
from models.rules.naming import resident_label

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
#: A soft grey behind the header row of every table: neutral beside any house style.
HEADER_FILL = "F2F2F2"
#: The meeting line in the page header: 9 pt, so the version marking fits beside it.
HEADER_SIZE = 18
#: Space between the meeting and the version in the page header, in points.
HEADER_GAP = 12
CORE_PROPERTY_MAX = 255
#: Cell margins of every table (twips): a little air above and below, 0.18 cm beside.
CELL_MARGIN_SIDE = 100
CELL_MARGIN_TOP = 30
#: A column is wider than its content by this share, for rounding and kerning.
WIDTH_SLACK = 1.06
#: Up to this many rows a table is kept on one page (with what introduces it); a longer one
#: keeps at least its header and first rows with it.
KEEP_WHOLE = 15
KEEP_FIRST = 2
EMU_PER_POINT = 12_700
EMU_PER_TWIP = 635
TWIPS_PER_POINT = 20

#: BaZ's own look when there is no house style.
BAZ_FONT = "Arial"
#: Body text 10.5 pt; headings in a dark blue-grey; grey for the page header and footer.
BAZ_BODY_SIZE = 21
HEADING_COLOUR = "1F3A5F"
QUIET_COLOUR = "595959"
GRID_COLOUR = "A6A6A6"

_NOT_IN_XML = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
#: A cell that holds a number, a count, a percentage or a duration: aligned right.
_NUMBER = re.compile(r"^[+-]?\d[\d.,]*%?$|^\d+:\d{2}(:\d{2})?$")


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


# ------------------------------------------------------------------------- BaZ's own look


def _style_xml(style_id: str, name: str, ppr: str, rpr: str, *, default: bool = False) -> str:
    flags = ' w:default="1"' if default else ""
    based = "" if style_id == "Normal" else '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
    return (
        f'<w:style xmlns:w="{_W}" w:type="paragraph"{flags} w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>{based}<w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_COLOUR = f'<w:color w:val="{HEADING_COLOUR}"/>'
_QUIET = f'<w:color w:val="{QUIET_COLOUR}"/>'


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


#: (style id, name, paragraph properties, run properties) of the styles BaZ restyles.
_BAZ_STYLES = (
    ("Normal", "Normal", "", ""),
    (
        "Title",
        "Title",
        '<w:keepNext/><w:spacing w:before="0" w:after="80" w:line="240" w:lineRule="auto"/>',
        f'<w:b/><w:bCs/>{_COLOUR}<w:kern w:val="28"/>{_size(36)}',
    ),
    (
        "Subtitle",
        "Subtitle",
        '<w:keepNext/><w:spacing w:before="0" w:after="240"/>',
        f"{_QUIET}{_size(21)}",
    ),
    (
        "Heading1",
        "heading 1",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="320" w:after="100"/>'
        '<w:outlineLvl w:val="0"/>',
        f"<w:b/><w:bCs/>{_COLOUR}{_size(26)}",
    ),
    (
        "Heading2",
        "heading 2",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="220" w:after="80"/>'
        '<w:outlineLvl w:val="1"/>',
        f"<w:b/><w:bCs/>{_COLOUR}{_size(22)}",
    ),
    (
        "Header",
        "header",
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
        f"{_QUIET}{_size(HEADER_SIZE)}",
    ),
    (
        "Footer",
        "footer",
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
        f"{_QUIET}{_size(HEADER_SIZE)}",
    ),
)


def _baz_look(document: DocxDocument) -> None:
    """The plain look of minutes without a house style: Arial 10.5 pt, headings bold in a dark
    blue-grey, a quiet grey page header and footer, a light grid; no theme colours or fonts
    from python-docx's 2010 template (Cambria body, blue Calibri headings)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    styles.insert(
        0,
        parse_xml(
            f'<w:docDefaults xmlns:w="{_W}"><w:rPrDefault><w:rPr>'
            f'<w:rFonts w:ascii="{BAZ_FONT}" w:hAnsi="{BAZ_FONT}" w:eastAsia="{BAZ_FONT}"'
            f' w:cs="{BAZ_FONT}"/>{_size(BAZ_BODY_SIZE)}<w:lang w:val="nl-NL"/>'
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
            '<w:spacing w:after="120" w:line="264" w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )
    for style_id, name, ppr, rpr in _BAZ_STYLES:
        new = parse_xml(_style_xml(style_id, name, ppr, rpr, default=style_id == "Normal"))
        old = styles.get_by_id(style_id)
        if old is not None:
            old.addprevious(new)
            styles.remove(old)
        else:
            styles.append(new)
    # Theme fonts are what a style without a font of its own falls back to: Arial too.
    for element in styles.iter(qn("w:rFonts")):
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            element.attrib.pop(qn(attribute), None)
        if element.get(qn("w:ascii")) is None:
            for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                element.set(qn(attribute), BAZ_FONT)
    grid = styles.get_by_id("TableGrid")
    if grid is not None:
        for border in grid.iter():
            if border.get(qn("w:val")) == "single" and border.get(qn("w:color")) is not None:
                border.set(qn("w:color"), GRID_COLOUR)
    for part in document.part.package.iter_parts():
        if str(part.partname).startswith("/word/theme/"):
            part._blob = re.sub(
                rb'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*"',
                rb"\1" + BAZ_FONT.encode() + b'"',
                part.blob,
            )


def body_font(document: DocxDocument) -> tuple[str | None, float]:
    """The font and size (points) of the body text: of the Normal style, else the defaults,
    else the theme's minor font; 10 pt when nothing says (Word's own default)."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    places = []
    normal = styles.get_by_id("Normal") if hasattr(styles, "get_by_id") else None
    if normal is not None:
        places.append(normal.find(qn("w:rPr")))
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    places.append(defaults)
    font: str | None = None
    size = 10.0
    themed = False
    for rpr in reversed([p for p in places if p is not None]):  # the defaults first
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:
            if fonts.get(qn("w:ascii")):
                font, themed = fonts.get(qn("w:ascii")), False
            elif fonts.get(qn("w:asciiTheme")):
                themed = True
        sz = rpr.find(qn("w:sz"))
        if sz is not None and (sz.get(qn("w:val")) or "").isdigit():
            size = int(sz.get(qn("w:val"))) / 2
    if themed or font is None:
        for part in document.part.package.iter_parts():
            if str(part.partname).startswith("/word/theme/"):
                found = re.search(rb'<a:minorFont>\s*<a:latin typeface="([^"]*)"', part.blob)
                if found:
                    font = found.group(1).decode("utf-8", "replace")
                break
    return font, size


# ------------------------------------------------------------------------ the metadata


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
    from docx.oxml.ns import qn

    printed = props._element.find(qn("cp:lastPrinted"))
    if printed is not None:
        props._element.remove(printed)
    _clean_package(document, language)


#: The application properties of every file BaZ writes (docProps/app.xml).
_APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
    b'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>BaZ</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    b"<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)
#: Parts of the base document that describe it, not these minutes: its preview picture, its
#: own custom properties and custom XML, comments left in a template, a Word 2010 copy of
#: the styles.
_LEFTOVER_TYPES = (
    "/metadata/thumbnail",
    "/custom-properties",
    "/customXml",
    "/comments",
    "/commentsExtended",
    "/commentsIds",
    "/commentsExtensible",
    "/people",
    "/stylesWithEffects",
)
#: Settings that belong to the base document: the template it was made from (a path on the
#: designer's laptop), its revision ids and document id, its variables, a spelling check
#: that was of other text.
_LEFTOVER_SETTINGS = (
    "w:attachedTemplate",
    "w:rsids",
    "w:docVars",
    "w:proofState",
    "w:savePreviewPicture",
    "w14:docId",
    "w15:docId",
)
_NAMESPACES = {
    "w": _W,
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w15": "http://schemas.microsoft.com/office/word/2012/wordml",
}
#: How numbers are written in fields, per language.
_NUMBER_SIGNS = {"nl": (",", ";"), "en": (".", ",")}


def _clean_package(document: DocxDocument, language: str) -> None:
    """Metadata of BaZ's own: application "BaZ", and nothing left of the base document."""
    from docx.oxml.ns import qn

    package = document.part.package
    for owner in (package, document.part):
        rels = owner.rels
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith(_LEFTOVER_TYPES):
                del rels[r_id]
                rels._target_parts_by_rId.pop(r_id, None)
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = _APP_XML
    settings = document.settings.element
    for name in _LEFTOVER_SETTINGS:
        prefix, local = name.split(":")
        for element in settings.findall(f"{{{_NAMESPACES[prefix]}}}{local}"):
            settings.remove(element)
    decimal, separator = _NUMBER_SIGNS.get(language, _NUMBER_SIGNS["nl"])
    for name, value in (("w:decimalSymbol", decimal), ("w:listSeparator", separator)):
        element = settings.find(qn(name))
        if element is not None:
            element.set(qn("w:val"), value)


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
_QUOTE = {'"': "&quot;"}
_BREAKS = re.compile(r"([\t\n])")
#: Table cells: single line spacing, no space before or after (the cell margins give air).
_CELL_SPACING = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
#: After a table: a thin empty line, so the next paragraph does not stick to the grid and two
#: tables in a row do not merge, without the gap of a whole empty line.
_AFTER_TABLE = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="160" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="8"/></w:rPr></w:pPr></w:p>'
)


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
        font, self.body_size = body_font(document)
        #: How much wider than Arial the body font runs: columns are measured with it.
        self.scale = font_scale(font)
        #: Table text one point smaller than the body, in half-points.
        self.table_half_points = round(2 * max(8.0, self.body_size - 1))

    @property
    def width_points(self) -> float:
        return self.text_width / EMU_PER_POINT

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

        ``keep_with_next`` keeps a label or lead sentence on the page of what it introduces.
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
        # keepNext also when a house style's heading lacks it: never alone at a page's foot.
        self.paragraph(text, f"Heading {level}", keep_with_next=True)

    def bullet(self, text: str | Sequence[tuple[str, str]], level: int = 1) -> None:
        self.paragraph(text, "List Bullet" if level <= 1 else f"List Bullet {min(level, 3)}")

    def field_indent(self, labels: Sequence[str]) -> int:
        """Where the values of label-value lines start (twips): after the longest label,
        3 cm at least, at most 45% of the line."""
        longest = max(
            (text_points(name, self.body_size, bold=True, scale=self.scale) for name in labels),
            default=0.0,
        )
        indent = round(min(longest + 14, 0.45 * self.width_points) * TWIPS_PER_POINT)
        return max(indent, 1700)

    def fields(self, rows: Sequence[tuple[str, str]], indent: int | None = None) -> None:
        """Label and value on a line each ("Datum ⇥ dinsdag 1 december 2026"): the values
        start at one tab stop (``indent``, else after the longest label) and wrap under each
        other; the lines stay together."""
        if not rows:
            return
        if indent is None:
            indent = self.field_indent([name for name, _value in rows])
        ppr = (
            f'<w:pPr><w:keepNext/><w:tabs><w:tab w:val="left" w:pos="{indent}"/></w:tabs>'
            f'<w:spacing w:before="0" w:after="40"/>'
            f'<w:ind w:left="{indent}" w:hanging="{indent}"/></w:pPr>'
        )
        last = len(rows) - 1
        for n, (name, value) in enumerate(rows):
            properties = ppr if n < last else ppr.replace("<w:keepNext/>", "")
            self.parts.append(
                f"<w:p>{properties}{run_xml(name, 'b')}<w:r><w:tab/></w:r>{run_xml(value)}</w:p>"
            )
        self.parts.append(_AFTER_TABLE)

    # ------------------------------------------------------------------ tables

    def table(
        self,
        header: Sequence[str] | None,
        rows: Sequence[Sequence[str]],
        *,
        bold_first_column: bool = False,
        bold_last_row: bool = False,
        keep_with_next: bool = False,
    ) -> None:
        """A table in the table style, each column as wide as its content asks.

        No column is narrower than its longest word; what is left goes to the columns that
        would like more (the text columns). Columns of numbers are right-aligned. The header
        row repeats on every page and is marked as such for screen readers; no row breaks
        across pages; a table of up to ``KEEP_WHOLE`` rows stays on one page, a longer one
        keeps its first rows with its header. ``keep_with_next``: the table stays with the
        paragraph after it (a vote and its result).
        """
        rows = [list(r) for r in rows]
        twips = self.column_twips(header, rows, bold_first_column=bold_first_column)
        numeric = _numeric_columns(rows, len(twips))
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
        out = [
            "<w:tbl><w:tblPr>",
            f'<w:tblStyle w:val="{self.ids[TABLE_STYLE]}"/>',
            f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/>',
            '<w:tblLayout w:type="fixed"/>',
            f'<w:tblCellMar><w:top w:w="{CELL_MARGIN_TOP}" w:type="dxa"/>'
            f'<w:left w:w="{CELL_MARGIN_SIDE}" w:type="dxa"/>'
            f'<w:bottom w:w="{CELL_MARGIN_TOP}" w:type="dxa"/>'
            f'<w:right w:w="{CELL_MARGIN_SIDE}" w:type="dxa"/></w:tblCellMar>',
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1"'
            ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>',
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
        ]
        count = len(rows) + (header is not None)
        kept = count if count <= KEEP_WHOLE else 1 + KEEP_FIRST
        index = 0
        if header is not None:
            out.append(self._row(header, twips, numeric, look="b", header=True, keep=kept > 1))
            index = 1
        last = len(rows) - 1
        for n, values in enumerate(rows):
            look = "b" if bold_last_row and n == last else ""
            keep = index + 1 < kept or (keep_with_next and count <= KEEP_WHOLE)
            out.append(
                self._row(values, twips, numeric, look=look, first_bold=bold_first_column,
                          keep=keep)
            )  # fmt: skip
            index += 1
        out.append("</w:tbl>")
        self.parts.append("".join(out))
        self.parts.append(_AFTER_TABLE)

    def column_twips(
        self, header: Sequence[str] | None, rows: Sequence[Sequence[str]], *,
        bold_first_column: bool = False,
    ) -> list[int]:  # fmt: skip
        """The width of each column in twips: at least its longest word, filling the page."""
        size = self.table_half_points / 2
        columns = len(header) if header is not None else len(rows[0]) if rows else 1
        padding = 2 * CELL_MARGIN_SIDE / TWIPS_PER_POINT
        minimum = [0.0] * columns
        natural = [0.0] * columns
        lines = [(list(header), True)] if header is not None else []
        lines += [(list(r), False) for r in rows]
        for values, bold in lines:
            for c, value in enumerate(values[:columns]):
                strong = bold or (bold_first_column and c == 0)
                text = clean_xml_text(str(value))
                word = longest_word_points(text, size, bold=strong, scale=self.scale)
                line = longest_line_points(text, size, bold=strong, scale=self.scale)
                minimum[c] = max(minimum[c], word * WIDTH_SLACK + padding)
                natural[c] = max(natural[c], line * WIDTH_SLACK + padding)
        widths = column_widths(minimum, natural, self.width_points)
        return [int(w * TWIPS_PER_POINT) for w in widths]

    def _row(
        self,
        values: Sequence[str],
        twips: Sequence[int],
        numeric: set[int],
        *,
        look: str = "",
        header: bool = False,
        first_bold: bool = False,
        keep: bool = False,
    ) -> str:
        properties = "<w:cantSplit/><w:tblHeader/>" if header else "<w:cantSplit/>"
        row = [f"<w:tr><w:trPr>{properties}</w:trPr>"]
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>' if header else ""
        keep_next = "<w:keepNext/>" if keep else ""
        for column, (value, width) in enumerate(zip(values, twips, strict=True)):
            bold = "b" if first_bold and column == 0 else look
            align = '<w:jc w:val="right"/>' if column in numeric else ""
            row.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
                f"<w:p><w:pPr>{keep_next}{_CELL_SPACING}{align}</w:pPr>"
                f"{run_xml(str(value), bold, half_points=self.table_half_points)}</w:p></w:tc>"
            )
        row.append("</w:tr>")
        return "".join(row)


def _numeric_columns(rows: Sequence[Sequence[str]], columns: int) -> set[int]:
    """The columns whose every filled cell is a number, a count or a duration."""
    found = set()
    for c in range(columns):
        cells = [str(r[c]).strip() for r in rows if c < len(r) and str(r[c]).strip()]
        if cells and all(_NUMBER.match(cell) for cell in cells):
            found.add(c)
    return found


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
    if template is None:
        _baz_look(document)
    set_language(document, language)
    set_properties(document, minutes, language)
    writer = _Writer(document, style_ids)
    _page_marks(writer, minutes)
    _front(writer, minutes)
    for item in minutes.items:
        _item(writer, item)
    _lists(writer, minutes)
    writer.finish()
    return document


def _page_marks(w: _Writer, minutes: Minutes) -> None:
    """The meeting and the version in every page header, page numbers in every footer: the
    usual pages, and the first page (and even pages) when the house style has its own."""
    document = w.document
    section = document.sections[-1]
    headers = [section.header]
    footers = [section.footer]
    if section.different_first_page_header_footer:
        headers.append(section.first_page_header)
        footers.append(section.first_page_footer)
    if document.settings.odd_and_even_pages_header_footer:
        headers.append(section.even_page_header)
        footers.append(section.even_page_footer)
    line = _header_line(w, minutes)
    for header in headers:
        _add_to(header, line)
    page = _page_number_line(w)
    for footer in footers:
        if footer.is_linked_to_previous:
            footer.is_linked_to_previous = False
        # A house style that numbers its pages already keeps its own numbers.
        if not footer._element.xpath(".//w:instrText[contains(., 'PAGE')] | .//w:fldSimple"):
            _add_to(footer, page)


def _header_line(w: _Writer, minutes: Minutes) -> str:
    """The page header's line: the meeting at the left, the version at the right margin.

    The tab stops are BaZ's (the style's own are cleared: Word's Header style has a centre tab
    that put the version mid-page); a title too long for the space left is shortened with "…".
    """
    size = HEADER_SIZE / 2
    marker = version_text(minutes)
    right = round(w.text_width / EMU_PER_TWIP)
    room = w.width_points - text_points(marker, size, bold=True, scale=w.scale) - HEADER_GAP
    date = format_date(minutes.date)
    title_room = room - text_points(f" — {date}", size, scale=w.scale)
    meeting = (
        f"{shorten_to(clean_xml_text(minutes.title), title_room, size, scale=w.scale)} — {date}"
    )
    clears = "".join(
        f'<w:tab w:val="clear" w:pos="{pos}"/>'
        for pos in _style_tabs(w.document, "Header")
        if pos != right
    )
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{w.ids["Header"]}"/>'
        f'<w:tabs>{clears}<w:tab w:val="right" w:pos="{right}"/></w:tabs></w:pPr>'
        + run_xml(meeting, half_points=HEADER_SIZE)
        + run_xml("\t", half_points=HEADER_SIZE)
        + run_xml(marker, "b", half_points=HEADER_SIZE)
        + "</w:p>"
    )


def _style_tabs(document: DocxDocument, name: str) -> list[int]:
    """The tab stops (twips) a paragraph style sets, with those of the styles it is based on."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    try:
        style = document.styles[name].element
    except KeyError:
        return []
    found: list[int] = []
    seen = set()
    while style is not None and style.get(qn("w:styleId")) not in seen:
        seen.add(style.get(qn("w:styleId")))
        for tab in style.findall(f"{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}"):
            position = tab.get(qn("w:pos"))
            if tab.get(qn("w:val")) != "clear" and position and position.lstrip("-").isdigit():
                found.append(int(position))
        based = style.find(qn("w:basedOn"))
        style = styles.get_by_id(based.get(qn("w:val"))) if based is not None else None
    return sorted(set(found))


def _page_number_line(w: _Writer) -> str:
    """ "Pagina 3 van 7": the numbers are fields that Word and LibreOffice fill in."""
    before, _page, after = _("Page {page} of {pages}").partition("{page}")
    middle, _pages, end = after.partition("{pages}")
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{w.ids["Footer"]}"/><w:jc w:val="center"/></w:pPr>'
        + run_xml(before)
        + _field("PAGE")
        + run_xml(middle)
        + _field("NUMPAGES")
        + run_xml(end)
        + "</w:p>"
    )


def _add_to(part: Any, paragraph: str) -> None:
    """Put ``paragraph`` in a header or footer: in place of its one empty paragraph, or below
    what the house style put there (logo, address), which stays."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    if part.is_linked_to_previous:
        part.is_linked_to_previous = False
    element = part._element
    new = parse_xml(paragraph.replace("<w:p>", f"<w:p {nsdecls('w')}>", 1))
    children = list(element)
    has_content = any(p.text.strip() for p in part.paragraphs) or bool(
        element.xpath(".//w:drawing | .//w:pict | .//w:tbl | .//w:fldSimple | .//w:instrText")
    )
    if not has_content and len(children) == 1 and children[0].tag == new.tag:
        element.replace(children[0], new)
    else:
        element.append(new)


def _field(instruction: str) -> str:
    """A complex field (begin, instruction, separate, placeholder result, end)."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _front(w: _Writer, minutes: Minutes) -> None:
    w.paragraph(document_title(minutes), "Title")
    w.paragraph(
        [(version_text(minutes), "i"), (" · ", ""), (status_text(minutes), "b")], "Subtitle"
    )
    particulars = header_rows(minutes)
    frames = process_rows(minutes.process) if minutes.process is not None else []
    attendance = minutes.attendance
    present = attendance_rows(attendance)
    # One tab stop for the three blocks: their values line up.
    indent = w.field_indent([name for name, _value in (*particulars, *frames, *present)])
    w.fields(particulars, indent)
    if minutes.process is not None:
        w.heading(_("Process and frames"), 1)
        w.fields(frames, indent)
    w.heading(_("Attendance"), 1)
    w.paragraph(attendance_summary(attendance), keep_with_next=bool(present))
    w.fields([(name, _unbroken_labels(names)) for name, names in present], indent)


def _unbroken_labels(names: str) -> str:
    """A list of names in which "Bewoner 3" never breaks between the word and its number."""
    word = resident_label(0).partition("0")[0].strip()
    if not word:
        return names
    return re.sub(rf"\b({re.escape(word)}) (\d+)\b", "\\1\u00a0\\2", names)


def _item(w: _Writer, item: ItemMinutes) -> None:
    w.heading(item_heading(item), 1)
    mark = item_mark(item)
    if mark is not None:
        w.paragraph([(mark, "i")])
    for text in meeting_time_texts(item):
        w.paragraph(text)
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
            w.table(idea_columns(), [idea_row(i) for i in analysis.ideas])
    for poll in item.polls:
        _poll(w, poll)
    if item.decisions:
        w.heading(_("Decisions"), 2)
        for decision in item.decisions:
            w.bullet([(decision.label + " ", "b"), (decision.text, "")])
    if item.actions:
        w.heading(_("Action points"), 2)
        for action in item.actions:
            w.bullet([(action.label + " ", "b"), (action_line(action), "")])
    if nothing_to_report(item):
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
    """A vote: its table, where digital votes came from, and the result in one sentence; an
    open vote says it is a provisional count and has no result."""
    w.heading(_("Vote: {question}").format(question=poll.question), 2)
    if not poll.declared:
        w.paragraph([(provisional_text(), "i")], keep_with_next=True)
    header, rows = vote_table(poll)
    across = header[0] == ""
    rule, result = poll_outcome(poll)
    after = bool(poll.channels_text or poll.digital_source or rule or result)
    w.table(header, rows, bold_first_column=across, bold_last_row=across, keep_with_next=after)
    if poll.channels_text:
        w.paragraph(
            [(poll.channels_text, "i")], keep_with_next=bool(poll.digital_source or rule or result)
        )
    if poll.digital_source:
        w.paragraph([(digital_source_text(poll), "i")], keep_with_next=bool(rule or result))
    if rule:
        w.paragraph(rule, keep_with_next=bool(result))
    if result:
        w.paragraph([(_("Result:") + " ", "b"), (result, "")])


def _lists(w: _Writer, minutes: Minutes) -> None:
    w.heading(_("List of decisions"), 1)
    if minutes.decisions:
        w.table(decision_columns(), [decision_row(d) for d in minutes.decisions])
    else:
        w.paragraph(_("No decisions were taken."))
    w.heading(_("List of action points"), 1)
    if minutes.actions:
        w.table(action_columns(minutes.actions), action_rows(minutes.actions))
    else:
        w.paragraph(_("No action points."))
    if minutes.speaking is not None:
        w.heading(_("Speaking time"), 1)
        w.paragraph(balance_text(minutes.speaking), keep_with_next=True)
        w.table(speaking_columns(), [speaking_row(p) for p in minutes.speaking.people])
    # The end of a verslag: the next meeting, who to ask, and the approval line last (so the
    # document ends in a sentence, never in an empty line that could make a blank page).
    # These few lines stay together: the approval line never stands alone on a last page.
    if minutes.next_meeting is not None:
        w.heading(_("Next meeting"), 1)
        w.paragraph(next_meeting_text(minutes.next_meeting), keep_with_next=True)
    contact = contact_text(minutes)
    if contact:
        w.heading(_("Contact"), 1)
        w.paragraph(contact, keep_with_next=True)
    w.paragraph([(approval_text(minutes), "i")])
