"""Checks of a Word file against Decree 30/2020/NĐ-CP, Appendix I (read with
python-docx): paper, margins, fonts, sizes, bold and italics of the heading, the
language, the drawn rules' widths, repeated header rows and rows that do not split."""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from portal.documents.textwidth import text_width_pt

CELL_MARGIN_PT = 5.4


def header_cells(document):
    """The heading table's rows as (left, right) cells: three aligned rows."""
    table = document.tables[0]
    assert len(table.rows) == 3 and len(table.columns) == 2
    return [tuple(row.cells) for row in table.rows]


def rule_width_pt(paragraph, available_pt: float) -> float:
    """The length of a paragraph's bottom border: its box minus the indents."""
    borders = paragraph._p.pPr.find(qn("w:pBdr"))
    assert borders is not None and borders.find(qn("w:bottom")) is not None, paragraph.text
    fmt = paragraph.paragraph_format
    return available_pt - (fmt.left_indent or 0) / 12700 - (fmt.right_indent or 0) / 12700


def cell_width_pt(cell) -> float:
    return cell.width / 12700 - 2 * CELL_MARGIN_PT


def widest_line_pt(text: str, size: float, bold: bool, available: float) -> float:
    from portal.documents.word import wrapped_width_pt

    return wrapped_width_pt(text, size, bold, available)


def check_page(document) -> None:
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    assert Mm(19.9) <= section.top_margin <= Mm(25.1)
    assert Mm(19.9) <= section.bottom_margin <= Mm(25.1)
    assert Mm(29.9) <= section.left_margin <= Mm(35.1)
    assert Mm(14.9) <= section.right_margin <= Mm(20.1)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert Pt(13) <= normal.font.size <= Pt(14)


def check_language(document) -> None:
    """vi-VN on the Normal style and on the document defaults (every run inherits)."""
    normal = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert normal is not None and normal.get(qn("w:val")) == "vi-VN"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "vi-VN"
    assert "en-US" not in document.styles.element.xml


def _run(paragraph):
    runs = [r for r in paragraph.runs if r.text]
    assert runs, f"no text in {paragraph.text!r}"
    return runs[0]


def check_heading(document, place_date: str, number: str | None) -> None:
    """National title, motto and their rules; issuing body and its 1/3-1/2 rule;
    number and place-date on the third row."""
    (parent, title), (body, motto), (number_cell, place) = header_cells(document)
    national = _run(title.paragraphs[0])
    assert title.paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert national.bold and Pt(12) <= national.font.size <= Pt(13)
    assert parent.paragraphs[0].text == parent.paragraphs[0].text.upper()
    assert not _run(parent.paragraphs[0]).bold
    motto_run = _run(motto.paragraphs[0])
    assert motto.paragraphs[0].text == "Độc lập - Tự do - Hạnh phúc"
    assert motto_run.bold and not motto_run.underline
    assert Pt(13) <= motto_run.font.size <= Pt(14)
    motto_width = text_width_pt(motto.paragraphs[0].text, motto_run.font.size.pt, True)
    drawn = rule_width_pt(motto.paragraphs[1], cell_width_pt(motto))
    assert abs(drawn - motto_width) <= 0.05 * motto_width, (drawn, motto_width)
    name = body.paragraphs[0].text
    name_run = _run(body.paragraphs[0])
    assert name == name.upper() and name_run.bold and Pt(12) <= name_run.font.size <= Pt(13)
    name_width = widest_line_pt(name, name_run.font.size.pt, True, cell_width_pt(body))
    drawn = rule_width_pt(body.paragraphs[1], cell_width_pt(body))
    assert name_width / 3 <= drawn <= name_width / 2, (drawn, name_width)
    date_run = _run(place.paragraphs[0])
    assert place.paragraphs[0].text == place_date
    assert date_run.italic and Pt(13) <= date_run.font.size <= Pt(14)
    if number is not None:
        assert number_cell.paragraphs[0].text == number
        assert _run(number_cell.paragraphs[0]).font.size == Pt(13)


def check_summary_rule(document) -> None:
    """The first bordered body paragraph is the rule under the summary: 1/3-1/2 of it."""
    paragraphs = document.paragraphs
    index = next(
        i
        for i, p in enumerate(paragraphs)
        if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
    )
    summary = paragraphs[index - 1]
    run = _run(summary)
    assert run.bold and Pt(13) <= run.font.size <= Pt(14)
    text_area = Mm(165).pt
    width = widest_line_pt(summary.text, run.font.size.pt, True, text_area)
    drawn = rule_width_pt(paragraphs[index], text_area)
    assert width / 3 <= drawn <= width / 2, (drawn, width, summary.text)


def check_tables(document) -> None:
    """Bordered tables repeat their header row; no row of any table splits."""
    for table in document.tables[1:]:
        rows = table._tbl.tr_lst
        for tr in rows:
            assert tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None
        if table.style is not None and table.style.name == "Table Grid":
            assert rows[0].trPr.find(qn("w:tblHeader")) is not None
            check_header_words_fit(table)


def check_header_words_fit(table) -> None:
    """No word of a header cell is wider than its column ("STT" is not cut in two)."""
    for cell in table.rows[0].cells:
        run = _run(cell.paragraphs[0])
        widest = max(text_width_pt(w, run.font.size.pt, True) for w in cell.text.split())
        assert widest <= cell_width_pt(cell), (cell.text, widest, cell_width_pt(cell))


def check_signature(document, names: list[str]) -> None:
    """The signature is the last table, its names typed in bold, and the paragraph
    before it is kept with it; the document ends on a one-point paragraph."""
    cells = document.tables[-1].rows[0].cells
    typed = [p.text for cell in cells for p in cell.paragraphs if p.text]
    for name in names:
        assert name in typed, (name, typed)
    body = list(document.element.body.iterchildren())
    signature_index = max(i for i, child in enumerate(body) if child.tag == qn("w:tbl"))
    before = body[signature_index - 1]
    if before.tag == qn("w:p"):
        assert before.pPr is not None and before.pPr.find(qn("w:keepNext")) is not None
    last = document.paragraphs[-1]
    assert last.text == "" and last.paragraph_format.line_spacing == Pt(1)


def check_document(document, *, place_date: str, number: str | None, signers: list[str]):
    check_page(document)
    check_language(document)
    check_heading(document, place_date, number)
    check_summary_rule(document)
    check_tables(document)
    check_signature(document, signers)
