"""Word documents in the Vietnamese administrative format of Decree 30/2020/NĐ-CP,
Appendix I (source: https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Nghi-dinh-30-2020-ND-CP-cong-tac-van-thu-437498.aspx,
Phụ lục I, Phần I, mục II and IV).

A4; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; language
vi-VN. The heading is a borderless table of three aligned rows: parent body /
national title (13, bold capitals); issuing body (13, bold capitals) / motto (13,
bold), each with a drawn rule under it (the body's 1/3-1/2 of its width, the motto's
as long as the motto); number / place and date (13, italics) on one row. The type
of document (14, bold capitals) and the summary (14, bold) with a rule under it;
"Kính gửi" for documents sent upwards; body justified with a 1 cm first-line
indent; page numbers centred at the top from page 2; the signature block
("Nơi nhận:" 12 bold italics, recipients 11) kept whole and with the last paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table

from portal.documents.dates import place_date_line
from portal.documents.reproducible import FIXED_DOC_TIME, normalise_zip
from portal.documents.textwidth import text_width_pt
from portal.documents.word_xml import (
    LANGUAGE,
    add_rule,
    cant_split,
    default_run_properties,
    end_with_tiny_paragraph,
    no_borders,
    page_numbers_from_page_two,
    repeat_header,
    set_language,
)

FONT = "Times New Roman"
BODY_PT = 14
HEAD_PT = 13
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TEXT_WIDTH_CM = 16.5  # 210 mm - 30 mm - 15 mm
HEAD_COLUMNS_CM = (6.3, 10.2)
CELL_MARGIN_PT = 5.4  # Word's default left and right cell margin (0.19 cm)
BODY_RULE_SHARE = 0.4  # the rule under the issuing body and the summary: 1/3-1/2


@dataclass
class Letterhead:
    """The top of an administrative document."""

    parent_body: str  # e.g. "UBND TỈNH QUẢNG BÌNH"
    issuing_body: str  # e.g. "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"
    number_line: str  # e.g. "Số: .../TTr-STNMT"
    place: str  # e.g. "Quảng Bình"
    on: date


@dataclass
class Signature:
    authority: str  # e.g. "KT. GIÁM ĐỐC" (may be empty)
    position: str  # e.g. "PHÓ GIÁM ĐỐC"
    signer: str = ""
    recipients: list[str] = field(default_factory=list)
    note: str = ""  # e.g. "(Ký, đóng dấu)", under the position


def number_line(kind_code: str, *codes: str) -> str:
    """'Số: .../TTr-STNMT': the type's abbreviation and the body's codes, joined by '-'."""
    parts = [kind_code, *(c.strip().upper() for c in codes if c and c.strip())]
    return f"Số: .../{'-'.join(parts)}"


def new_document() -> Document:
    """An empty A4 document with the decree's margins, fonts and language."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(6)
    style.paragraph_format.line_spacing = 1.15
    set_language(style.element.get_or_add_rPr())
    set_language(default_run_properties(document))
    page_numbers_from_page_two(section)
    properties = document.core_properties
    properties.created = properties.modified = FIXED_DOC_TIME
    properties.last_printed = FIXED_DOC_TIME
    properties.revision = 1
    properties.language = LANGUAGE
    properties.author = properties.last_modified_by = "Cổng điển hình tiên tiến"
    return document


def add_letterhead(document: Document, head: Letterhead) -> Table:
    """Three aligned rows: parent body | national title; issuing body | motto (each
    with its rule); number | place and date."""
    table = document.add_table(rows=3, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    _set_widths(table, [Cm(w) for w in HEAD_COLUMNS_CM])
    left_pt = Cm(HEAD_COLUMNS_CM[0]).pt - 2 * CELL_MARGIN_PT
    right_pt = Cm(HEAD_COLUMNS_CM[1]).pt - 2 * CELL_MARGIN_PT
    (parent, title), (body, motto), (number, place) = (row.cells for row in table.rows)
    _line(parent.paragraphs[0], head.parent_body.upper(), size=HEAD_PT)
    _line(title.paragraphs[0], NATIONAL_TITLE, size=HEAD_PT, bold=True)
    issuing = head.issuing_body.upper()
    _line(body.paragraphs[0], issuing, size=HEAD_PT, bold=True)
    name_pt = wrapped_width_pt(issuing, HEAD_PT, True, left_pt)
    add_rule(body.add_paragraph(), name_pt * BODY_RULE_SHARE, left_pt)
    _line(motto.paragraphs[0], MOTTO, size=HEAD_PT, bold=True)
    add_rule(motto.add_paragraph(), text_width_pt(MOTTO, HEAD_PT, True), right_pt)
    _line(number.paragraphs[0], head.number_line, size=HEAD_PT)
    _line(place.paragraphs[0], place_date_line(head.place, head.on), size=HEAD_PT, italic=True)
    for cell in (number, place):
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)
    for row in table.rows:
        cant_split(row)
    return table


def add_title(document: Document, title: str, subtitle: str = "") -> None:
    """The type of document and its summary, with the rule under the summary (or under
    the type when there is no summary)."""
    paragraph = document.add_paragraph()
    _line(paragraph, title.upper(), size=BODY_PT, bold=True)
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.paragraph_format.keep_with_next = True
    text = title.upper()
    if subtitle:
        sub = document.add_paragraph()
        _line(sub, subtitle, size=BODY_PT, bold=True)
        sub.paragraph_format.keep_with_next = True
        text = subtitle
    width = wrapped_width_pt(text, BODY_PT, True, Cm(TEXT_WIDTH_CM).pt)
    rule = document.add_paragraph()
    add_rule(rule, width * BODY_RULE_SHARE, Cm(TEXT_WIDTH_CM).pt)
    rule.paragraph_format.space_after = Pt(12)


def add_addressees(document: Document, addressees: list[str]) -> None:
    """'Kính gửi: ...' (Decree 30, Appendix I, II.9.d): one addressee on the same line;
    several on lines of their own, each after a dash."""
    names = [a.strip().rstrip(".;") for a in addressees if a and a.strip()]
    if not names:
        return
    if len(names) == 1:
        paragraph = document.add_paragraph()
        _line(paragraph, f"Kính gửi: {names[0]}.", size=BODY_PT)
        paragraph.paragraph_format.space_after = Pt(12)
        return
    label = "Kính gửi:"
    indent = Cm(TEXT_WIDTH_CM).pt / 2 - text_width_pt(label + " " + names[0], BODY_PT) / 2
    hanging = text_width_pt(label + " ", BODY_PT)
    for index, name in enumerate(names):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Pt(max(indent, 0) + hanging)
        paragraph.paragraph_format.first_line_indent = Pt(-hanging) if index == 0 else None
        paragraph.paragraph_format.space_after = Pt(0)
        ending = "." if index == len(names) - 1 else ";"
        paragraph.add_run(f"{label} - {name}{ending}" if index == 0 else f"- {name}{ending}")
    document.paragraphs[-1].paragraph_format.space_after = Pt(12)


def add_grounds(document: Document, grounds: list[str]) -> None:
    """'Căn cứ ...' lines in italics, each ending with ';', the last with '.'."""
    lines = [g.strip().rstrip(".;") for g in grounds if g and g.strip()]
    for index, text in enumerate(lines):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
        run = paragraph.add_run(text + ("." if index == len(lines) - 1 else ";"))
        run.italic = True


def add_heading(document: Document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.bold = True


def add_body(document: Document, text: str) -> None:
    """Justified paragraphs with a 1 cm first-line indent, one per line of `text`."""
    for line in (text or "").splitlines() or [""]:
        if not line.strip():
            continue
        paragraph = document.add_paragraph(line.strip())
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)


def add_table(
    document: Document,
    headers: list[str],
    rows: list[list[object]],
    widths_cm: list[float] | None = None,
    size: int = 12,
) -> Table:
    """A bordered table whose header row repeats on every page and whose rows never
    split across pages."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        _line(cell.paragraphs[0], header, size=size, bold=True)
    repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = ""
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            paragraph.paragraph_format.space_after = Pt(0)
            run = paragraph.add_run("" if value is None else str(value))
            run.font.size = Pt(size)
    for row in table.rows:
        cant_split(row)
    if widths_cm:
        _set_widths(table, [Cm(w) for w in widths_cm])
    return table


def add_signature(document: Document, signature: Signature) -> None:
    """Recipients ("Nơi nhận:") on the left, the signer's block on the right, in one
    row that never splits, kept on the page of the paragraph before it."""
    _keep_last_paragraph_with_next(document)
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    _set_widths(table, [Cm(7.5), Cm(9)])
    left, right = table.rows[0].cells
    first = left.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.LEFT
    first.paragraph_format.space_after = Pt(0)
    if signature.recipients:
        run = first.add_run("Nơi nhận:")
        run.bold, run.italic = True, True
        run.font.size = Pt(12)
    for recipient in signature.recipients:
        item = left.add_paragraph()
        item.paragraph_format.space_after = Pt(0)
        recipient_run = item.add_run(f"- {recipient}")
        recipient_run.font.size = Pt(11)
    _signer_block(right, signature, BODY_PT)
    cant_split(table.rows[0])


def add_signatures(document: Document, signatures: list[Signature]) -> None:
    """Several signers side by side (a council's minutes: secretary and chair; an
    achievement report: the certifying head and the reporter)."""
    _keep_last_paragraph_with_next(document)
    table = document.add_table(rows=1, cols=len(signatures))
    no_borders(table)
    _set_widths(table, [Cm(TEXT_WIDTH_CM / len(signatures))] * len(signatures))
    for cell, signature in zip(table.rows[0].cells, signatures, strict=True):
        _signer_block(cell, signature, HEAD_PT)
    cant_split(table.rows[0])


def save(document: Document, path: Path) -> Path:
    """Save reproducibly (same content -> same bytes), ending on a paragraph one point
    high so that the signature table is never followed by an empty page."""
    end_with_tiny_paragraph(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    normalise_zip(path)
    return path


def wrapped_width_pt(text: str, size: float, bold: bool, available_pt: float) -> float:
    """The width of the widest line of `text` wrapped at word boundaries to fit
    `available_pt` (a long name takes two lines)."""
    widest, line = 0.0, ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and text_width_pt(candidate, size, bold) > available_pt:
            widest = max(widest, text_width_pt(line, size, bold))
            line = word
        else:
            line = candidate
    return min(max(widest, text_width_pt(line, size, bold)), available_pt)


def _signer_block(cell, signature: Signature, size: int) -> None:
    lines = [t for t in (signature.authority, signature.position) if t]
    first = True
    for text in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        _line(paragraph, text.upper(), size=size, bold=True)
    if signature.note:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        _line(paragraph, signature.note, size=size - 1, italic=True)
    for _ in range(3):
        _line(cell.add_paragraph(), "", size=size)
    if signature.signer:
        _line(cell.add_paragraph(), signature.signer, size=size, bold=True)


def _line(
    paragraph,
    text: str,
    *,
    size: int,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.first_line_indent = None
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.name = FONT
    run.bold, run.italic = bold, italic
    run.underline = underline


def _keep_last_paragraph_with_next(document: Document) -> None:
    """The paragraph (or the table's last row) before the signature goes with it."""
    body = document.element.body
    last = [child for child in body.iterchildren() if child.tag != qn("w:sectPr")]
    if last and last[-1].tag == qn("w:p"):
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    elif last and last[-1].tag == qn("w:tbl"):
        for cell in document.tables[-1].rows[-1].cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _set_widths(table: Table, widths: list) -> None:
    """Fixed column widths that both Word and LibreOffice respect."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width
