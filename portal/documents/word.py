"""Word documents in the Vietnamese administrative format of Decree 30/2020/NĐ-CP.

A4; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt
body, 13 pt national title; the national title in bold capitals and the motto in
bold, underlined; the issuing body in capitals; the number line; the place and
date line in italics; body justified with a first-line indent; page numbers
centred at the top from page 2; signature block and recipients list ("Nơi nhận:").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table

from portal.documents.dates import place_date_line
from portal.documents.reproducible import FIXED_DOC_TIME, normalise_zip

FONT = "Times New Roman"
BODY_PT = 14
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


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


def new_document() -> Document:
    """An empty A4 document with the decree's margins and fonts."""
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
    _page_numbers_from_page_two(section)
    properties = document.core_properties
    properties.created = properties.modified = FIXED_DOC_TIME
    properties.last_printed = FIXED_DOC_TIME
    properties.revision = 1
    properties.author = properties.last_modified_by = "Cổng điển hình tiên tiến"
    return document


def add_letterhead(document: Document, head: Letterhead) -> None:
    """Two columns: issuing body and number on the left; national title, motto,
    place and date on the right."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _set_widths(table, [Cm(6), Cm(10.5)])
    left, right = table.rows[0].cells
    _line(left.paragraphs[0], head.parent_body.upper(), size=13)
    _line(left.add_paragraph(), head.issuing_body.upper(), size=13, bold=True)
    _line(left.add_paragraph(), "─" * 8, size=8)  # the short rule under the body
    _line(left.add_paragraph(), head.number_line, size=13)
    _line(right.paragraphs[0], NATIONAL_TITLE, size=13, bold=True)
    _line(right.add_paragraph(), MOTTO, size=14, bold=True, underline=True)
    _line(right.add_paragraph(), place_date_line(head.place, head.on), size=14, italic=True)


def add_title(document: Document, title: str, subtitle: str = "") -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(12)
    run = paragraph.add_run(title.upper())
    run.bold = True
    run.font.size = Pt(14)
    if subtitle:
        sub = document.add_paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        sub_run = sub.add_run(subtitle)
        sub_run.bold = True
        sub_run.font.size = Pt(14)


def add_heading(document: Document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.space_before = Pt(6)
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
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        _line(cell.paragraphs[0], header, size=size, bold=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = ""
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            run = paragraph.add_run("" if value is None else str(value))
            run.font.size = Pt(size)
    if widths_cm:
        _set_widths(table, [Cm(w) for w in widths_cm])
    return table


def add_signature(document: Document, signature: Signature) -> None:
    """Recipients ("Nơi nhận:") on the left, the signer's block on the right."""
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _set_widths(table, [Cm(7.5), Cm(9)])
    left, right = table.rows[0].cells
    first = left.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = first.add_run("Nơi nhận:")
    run.bold, run.italic = True, True
    run.font.size = Pt(12)
    for recipient in signature.recipients:
        item = left.add_paragraph()
        item.paragraph_format.space_after = Pt(0)
        recipient_run = item.add_run(f"- {recipient}")
        recipient_run.font.size = Pt(11)
    lines = [signature.authority, signature.position]
    first_line = True
    for text in [t for t in lines if t]:
        paragraph = right.paragraphs[0] if first_line else right.add_paragraph()
        first_line = False
        _line(paragraph, text.upper(), size=14, bold=True)
    for _ in range(3):
        right.add_paragraph()
    if signature.signer:
        _line(right.add_paragraph(), signature.signer, size=14, bold=True)


def add_signatures(document: Document, signatures: list[Signature]) -> None:
    """Several signers side by side (a council's minutes: secretary and chair)."""
    table = document.add_table(rows=1, cols=len(signatures))
    _no_borders(table)
    _set_widths(table, [Cm(16.5 / len(signatures))] * len(signatures))
    for cell, signature in zip(table.rows[0].cells, signatures, strict=True):
        lines = [t for t in (signature.authority, signature.position) if t]
        for index, text in enumerate(lines):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            _line(paragraph, text.upper(), size=13, bold=True)
        _line(cell.add_paragraph(), "(Ký, ghi rõ họ tên)", size=12, italic=True)
        for _ in range(3):
            cell.add_paragraph()
        if signature.signer:
            _line(cell.add_paragraph(), signature.signer, size=13, bold=True)


def save(document: Document, path: Path) -> Path:
    """Save reproducibly (same content -> same bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    normalise_zip(path)
    return path


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


def _set_widths(table: Table, widths: list) -> None:
    """Fixed column widths that both Word and LibreOffice respect."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _page_numbers_from_page_two(section) -> None:
    """A centred PAGE field in the header, absent from the first page."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.size = Pt(13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
