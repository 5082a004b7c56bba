"""The pieces of WordprocessingML that python-docx does not offer: drawn rules,
the document language, repeated header rows, rows that do not split, borderless
tables and page numbers (used by portal.documents.word)."""

from __future__ import annotations

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table

LANGUAGE = "vi-VN"
# The elements that follow w:pBdr in w:pPr, and the order of w:trPr (ECMA-376).
PPR_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip


TRPR_ORDER = (
    "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
    "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
)  # fmt: skip


def add_rule(paragraph, width_pt: float, available_pt: float) -> None:
    """A drawn horizontal line of `width_pt`, centred in `available_pt`: the bottom
    border of an empty paragraph one point high, narrowed by equal indents."""
    width_pt = min(width_pt, available_pt)
    indent = max((available_pt - width_pt) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Pt(round(indent, 1))
    fmt.first_line_indent = None
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)
    fmt.keep_with_next = True
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *PPR_AFTER_BORDER)
    marker = paragraph.add_run("")
    marker.font.size = Pt(1)


def set_language(rpr) -> None:
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    for name in ("val", "eastAsia", "bidi"):
        lang.set(qn(f"w:{name}"), LANGUAGE)
    rpr.append(lang)


def default_run_properties(document: Document):
    """w:docDefaults/w:rPrDefault/w:rPr of the styles part (created when missing)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_default = defaults.find(qn("w:rPrDefault"))
    if run_default is None:
        run_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_default)
    rpr = run_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run_default.append(rpr)
    return rpr


def _row_property(row, tag: str) -> None:
    """Add an empty row property in the schema's order (Word refuses another)."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn(tag)) is None:
        after = TRPR_ORDER[TRPR_ORDER.index(tag) + 1 :]
        properties.insert_element_before(OxmlElement(tag), *after)


def repeat_header(row) -> None:
    _row_property(row, "w:tblHeader")


def cant_split(row) -> None:
    _row_property(row, "w:cantSplit")


def end_with_tiny_paragraph(document: Document) -> None:
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)
    paragraph.add_run("").font.size = Pt(1)


def no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def page_numbers_from_page_two(section) -> None:
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
