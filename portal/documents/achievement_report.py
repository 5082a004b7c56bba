"""Báo cáo thành tích (achievement report) of one nominee, individual or collective:
I. Sơ lược lý lịch / đặc điểm tình hình, II. Thành tích đạt được,
III. Các hình thức khen thưởng đã đạt."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from portal.documents import word
from portal.documents.congress_records import Cycle, Issuer, NomineeRecord
from portal.documents.past_awards import PastAward


def build_achievement_report(
    nominee: NomineeRecord, issuer: Issuer, cycle: Cycle, on: date, path: Path
) -> Path:
    document = word.new_document()
    word.add_letterhead(
        document,
        word.Letterhead(
            parent_body=issuer.name,
            issuing_body=nominee.unit_name,
            number_line="",
            place=issuer.place,
            on=on,
        ),
    )
    subject = "tập thể" if nominee.collective else "cá nhân"
    word.add_title(
        document,
        "Báo cáo thành tích",
        f"Đề nghị {nominee.award_title or 'biểu dương'} cho {subject} giai đoạn {cycle.term}",
    )
    _centred(document, nominee.name)
    _part_one(document, nominee)
    word.add_heading(document, "II. THÀNH TÍCH ĐẠT ĐƯỢC")
    word.add_body(document, nominee.achievements or "(Chưa có thông tin)")
    if nominee.initiatives:
        word.add_body(document, f"Sáng kiến, giải pháp: {nominee.initiatives}")
    _part_three(document, nominee)
    _delegates(document, nominee, cycle)
    word.add_signature(
        document,
        word.Signature(
            authority="",
            position="Thủ trưởng đơn vị" if nominee.collective else "Người báo cáo",
            signer="" if nominee.collective else nominee.name,
            recipients=[],
        ),
    )
    return word.save(document, path)


def _centred(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = True


def _part_one(document, nominee: NomineeRecord) -> None:
    if nominee.collective:
        word.add_heading(document, "I. ĐẶC ĐIỂM TÌNH HÌNH")
        lines = [
            f"Tên tập thể: {nominee.name}.",
            f"Đơn vị: {nominee.unit_name}.",
            f"Lĩnh vực hoạt động: {nominee.field_of_work or '—'}.",
            f"Phong trào thi đua tham gia: {nominee.movement or '—'}.",
        ]
    else:
        word.add_heading(document, "I. SƠ LƯỢC LÝ LỊCH")
        lines = [
            f"Họ và tên: {nominee.name}.",
            f"Chức vụ: {nominee.position or '—'}.",
            f"Đơn vị công tác: {nominee.unit_name}.",
            f"Lĩnh vực công tác: {nominee.field_of_work or '—'}.",
        ]
    word.add_body(document, "\n".join(lines))


# Section III as the forms of Decree 98/2023/NĐ-CP, Appendix I have it (Mẫu số 02, the
# collective's report: "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN"; the individual's
# report: "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"), each with a table of emulation
# titles and one of commendation forms. Source: thuvienphapluat.vn, "Nghị định
# 98/2023/NĐ-CP", anchor bieumau_ms_2_pl1; the stored excerpt found with the search tool
# did not include the section's own text, so the wording is to be checked against the
# gazette (mẫu cần kiểm tra).
PART_THREE = {
    True: "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN",
    False: "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
}
TITLE_HEADERS = [
    "Năm",
    "Danh hiệu thi đua",
    "Số, ngày, tháng, năm của quyết định công nhận danh hiệu thi đua; cơ quan ban hành quyết định",
]
FORM_HEADERS = [
    "Năm",
    "Hình thức khen thưởng",
    "Số, ngày, tháng, năm của quyết định khen thưởng; cơ quan ban hành quyết định",
]


def _part_three(document, nominee: NomineeRecord) -> None:
    """The titles and commendations from the award history, oldest first."""
    word.add_heading(document, PART_THREE[nominee.collective])
    awards = sorted(nominee.past_awards, key=lambda a: (a.year, a.decided_on or date.min))
    tables = (
        ("Danh hiệu thi đua", TITLE_HEADERS, True),
        ("Hình thức khen thưởng", FORM_HEADERS, False),
    )
    for number, (heading, headers, is_title) in enumerate(tables, start=1):
        word.add_heading(document, f"{number}. {heading}")
        rows = [_award_row(a) for a in awards if a.is_title == is_title]
        if rows:
            word.add_table(document, headers, rows, widths_cm=[2, 6, 8])
        else:
            word.add_body(document, "Chưa có.")


def _award_row(award: PastAward) -> list[object]:
    return [award.year, award.name, award.decision_text]


def _delegates(document, nominee: NomineeRecord, cycle: Cycle) -> None:
    congresses = []
    if nominee.sector_delegate:
        congresses.append(cycle.sector_congress)
    if nominee.provincial_delegate:
        congresses.append(cycle.provincial_congress)
    if congresses or nominee.reason:
        word.add_heading(document, "IV. ĐỀ XUẤT")
        lines = [f"Lý do đề xuất: {nominee.reason}"] if nominee.reason else []
        lines += [f"Đề xuất làm đại biểu dự {c}." for c in congresses]
        if congresses and nominee.delegate and nominee.delegate.represents:
            lines.append(f"Người đại diện dự Đại hội: {nominee.delegate.name}.")
        word.add_body(document, "\n".join(lines))
