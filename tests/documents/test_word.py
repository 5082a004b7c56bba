"""The administrative Word format (Decree 30/2020/NĐ-CP) and reproducible files."""

from datetime import date

from docx import Document
from docx.shared import Mm, Pt

from portal.documents import word
from portal.documents.dates import place_date_line
from tests.documents import decree30


def within(length, low_mm, high_mm):
    """Word stores twips, so allow a tenth of a millimetre of rounding."""
    return Mm(low_mm - 0.1) <= length <= Mm(high_mm + 0.1)


def build(path):
    document = word.new_document()
    word.add_letterhead(
        document,
        word.Letterhead(
            parent_body="UBND tỉnh Quảng Bình",
            issuing_body="Sở Tài nguyên và Môi trường",
            number_line="Số: .../TTr-STNMT",
            place="Quảng Bình",
            on=date(2025, 6, 5),
        ),
    )
    word.add_title(document, "Tờ trình", "Về việc đề nghị khen thưởng")
    word.add_body(document, "Dòng thứ nhất của nội dung.\nDòng thứ hai.")
    word.add_table(document, ["STT", "Họ và tên"], [[1, "Nguyễn Văn An"]])
    word.add_signature(
        document,
        word.Signature("KT. GIÁM ĐỐC", "Phó Giám đốc", "Nguyễn Huệ", ["Như trên;", "Lưu: VT, VP."]),
    )
    return word.save(document, path)


def test_place_and_date_line_pads_days_and_only_months_one_and_two():
    """Decree 30, Appendix I, II.4.b: days below 10 and the months 1 and 2 take a 0."""
    assert place_date_line("Quảng Bình", date(2025, 6, 5)) == "Quảng Bình, ngày 05 tháng 6 năm 2025"
    assert place_date_line("Hà Nội", date(2020, 1, 5)) == "Hà Nội, ngày 05 tháng 01 năm 2020"
    assert place_date_line("Hà Nội", date(2020, 2, 29)) == "Hà Nội, ngày 29 tháng 02 năm 2020"
    assert place_date_line("Huế", date(2019, 6, 29)) == "Huế, ngày 29 tháng 6 năm 2019"
    assert (
        place_date_line("Quảng Bình", date(2025, 12, 25)) == "Quảng Bình, ngày 25 tháng 12 năm 2025"
    )


def test_page_margins_and_font(tmp_path):
    document = Document(build(tmp_path / "a.docx"))
    section = document.sections[0]
    # Word stores twips: A4 within half a millimetre.
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    assert within(section.top_margin, 20, 25)
    assert within(section.bottom_margin, 20, 25)
    assert within(section.left_margin, 30, 35)
    assert within(section.right_margin, 15, 20)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert Pt(13) <= normal.font.size <= Pt(14)


def test_letterhead_lines(tmp_path):
    document = Document(build(tmp_path / "a.docx"))
    (parent, title), (body, motto), (number, place) = decree30.header_cells(document)
    assert parent.text == "UBND TỈNH QUẢNG BÌNH"
    assert body.paragraphs[0].text == "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"
    assert body.paragraphs[0].runs[0].bold
    assert number.text == "Số: .../TTr-STNMT"
    assert title.text.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert motto.paragraphs[0].text == "Độc lập - Tự do - Hạnh phúc"
    assert place.text == "Quảng Bình, ngày 05 tháng 6 năm 2025"
    decree30.check_document(
        document,
        place_date="Quảng Bình, ngày 05 tháng 6 năm 2025",
        number="Số: .../TTr-STNMT",
        signers=["Nguyễn Huệ"],
    )


def test_number_line_carries_the_body_codes():
    assert word.number_line("TTr", "stnmt") == "Số: .../TTr-STNMT"
    assert word.number_line("TTr", "", "PMT") == "Số: .../TTr-PMT"
    assert word.number_line("BC") == "Số: .../BC"


def test_kinh_gui_one_and_several_addressees(tmp_path):
    document = word.new_document()
    word.add_addressees(document, ["Giám đốc Sở Tài nguyên và Môi trường"])
    word.add_addressees(document, ["Bộ Nội vụ", "Bộ Tài chính"])
    texts = [p.text for p in document.paragraphs]
    assert texts == [
        "Kính gửi: Giám đốc Sở Tài nguyên và Môi trường.",
        "Kính gửi: - Bộ Nội vụ;",
        "- Bộ Tài chính.",
    ]


def test_body_is_justified_with_first_line_indent(tmp_path):
    document = Document(build(tmp_path / "a.docx"))
    body = [p for p in document.paragraphs if p.text == "Dòng thứ nhất của nội dung."][0]
    assert body.alignment == 3  # JUSTIFY
    assert body.paragraph_format.first_line_indent > 0


def test_page_number_in_header_from_page_two(tmp_path):
    document = Document(build(tmp_path / "a.docx"))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    xml = section.header._element.xml
    assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_signature_block_and_recipients(tmp_path):
    document = Document(build(tmp_path / "a.docx"))
    left, right = document.tables[-1].rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:"
    assert "- Lưu: VT, VP." in [p.text for p in left.paragraphs]
    right_text = [p.text for p in right.paragraphs if p.text]
    assert right_text[:2] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert right_text[-1] == "Nguyễn Huệ"


def test_same_content_gives_same_bytes(tmp_path):
    first = build(tmp_path / "1.docx").read_bytes()
    second = build(tmp_path / "2.docx").read_bytes()
    assert first == second


def test_same_workbook_gives_same_bytes(tmp_path):
    import time

    from portal.documents.excel import build_workbook, save_workbook

    sheets = [("Danh sách", ["STT", "Họ và tên"], [[1, "Nguyễn Văn An"]])]
    first = save_workbook(build_workbook(sheets), tmp_path / "1.xlsx").read_bytes()
    time.sleep(1.1)  # openpyxl stamps the save time to the second
    second = save_workbook(build_workbook(sheets), tmp_path / "2.xlsx").read_bytes()
    assert first == second
