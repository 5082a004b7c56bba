"""Báo cáo thành tích (achievement report) of one nominee, individual or collective,
following the forms of Decree 98/2023/NĐ-CP, Appendix I:

- a collective: Mẫu số 02 ("Báo cáo thành tích đề nghị tặng Huân chương, Bằng khen ...
  Tập thể lao động xuất sắc ...; Giấy khen đối với tập thể"), as cited in
  http://118.69.201.249:801/phap-luat/mau-bao-cao-thanh-tich-tap-the-de-nghi-ubnd-tinh-tang-bang-khen-huong-dan-cach-ghi-bao-cao-thanh-ti-408513-187820.html
  ("Căn cứ tại Mẫu số 02 Phụ lục I ban hành kèm theo Nghị định 98/2023/NĐ-CP"); its
  sections (I. Sơ lược đặc điểm, tình hình: trụ sở, điện thoại, trang tin; quá trình
  thành lập và phát triển; cơ cấu tổ chức, các tổ chức đảng, đoàn thể; chức năng,
  nhiệm vụ. II. Thành tích đạt được: 1. kết quả; 2. biện pháp, nguyên nhân đạt được
  thành tích, đổi mới, sáng kiến; 3. chủ trương của Đảng, công tác xây dựng Đảng, đoàn
  thể) as in the collective form reproduced at
  https://hoatieu.vn/bieu-mau/mau-bao-cao-thanh-tich-de-nghi-khen-tang-tap-the-cua-vien-kiem-sat-173806;
- an individual: Mẫu số 03 of the same appendix (the individual's form that follows
  it; its text was not found: MẪU CẦN KIỂM TRA). Its particulars (sinh ngày, giới
  tính, quê quán, trú quán, đơn vị, chức vụ Đảng, chính quyền, đoàn thể, trình độ,
  học hàm, học vị) and section II (quyền hạn, nhiệm vụ; thành tích) are those of the
  individual form of Decree 91/2017 (Mẫu số 02, listed at
  https://dichvubaocaothue.vn/09-mau-bao-cao-thanh-tich-thi-dua-khen-thuong-va-huong-dan-moi-nhat/),
  the closest verified form.

The report ends with the head of the unit's certification and "XÁC NHẬN CỦA CẤP
TRÌNH KHEN", not a list of recipients; it never prints the portal's own evaluation
scores, and the initiatives once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from portal.documents import word
from portal.documents.congress_records import (
    Cycle,
    Issuer,
    NomineeRecord,
    PersonParticulars,
    SignerRecord,
    UnitParticulars,
    UnitSigners,
)
from portal.documents.official_forms import FormKind, form_for
from portal.documents.past_awards import PastAward

MISSING = "(Chưa có thông tin)"


def build_achievement_report(
    nominee: NomineeRecord,
    issuer: Issuer,
    cycle: Cycle,
    on: date,
    path: Path,
    unit: UnitSigners | None = None,
) -> Path:
    """The form in force on `on` (portal.documents.official_forms); signed by the unit's
    head (a collective, certified by the Department) or by the person (certified by
    the unit's head)."""
    kind = FormKind.COLLECTIVE_REPORT if nominee.collective else FormKind.INDIVIDUAL_REPORT
    form = form_for(kind, on)
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
    if nominee.collective:
        _collective_part_one(document, nominee)
        _collective_part_two(document, nominee)
    else:
        _individual_part_one(document, nominee)
        _individual_part_two(document, nominee)
    _part_three(document, nominee, form.sections[2])
    _delegates(document, nominee, cycle)
    word.add_signatures(document, _signers(nominee, issuer, unit or UnitSigners()))
    return word.save(document, path)


def _certifier(issuer: Issuer) -> word.Signature:
    above = issuer.signer("certification")
    return word.Signature(
        above.authority or "Xác nhận của cấp trình khen thưởng",
        above.position,
        above.name,
        note="(Ký, đóng dấu)",
    )


def _signers(nominee: NomineeRecord, issuer: Issuer, unit: UnitSigners) -> list:
    """Left, who certifies and proposes; right, who reports."""
    head = unit.head or SignerRecord("", "Thủ trưởng đơn vị", "")
    if nominee.collective:
        return [
            _certifier(issuer),
            word.Signature("", head.position, head.name, note="(Ký, đóng dấu)"),
        ]
    return [
        word.Signature(
            "Thủ trưởng đơn vị xác nhận, đề nghị", head.position, head.name, note="(Ký, đóng dấu)"
        ),
        word.Signature("", "Người báo cáo thành tích", nominee.name, note="(Ký, ghi rõ họ và tên)"),
    ]


def _centred(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = True


def _or_missing(text: str | None) -> str:
    return (text or "").strip() or MISSING


def _vn(on: date | None) -> str:
    return on.strftime("%d/%m/%Y") if on else MISSING


def _collective_part_one(document, nominee: NomineeRecord) -> None:
    unit = nominee.unit_profile or UnitParticulars()
    word.add_heading(document, "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH")
    word.add_heading(document, "1. Đặc điểm, tình hình")
    contact = [f"Địa điểm trụ sở chính: {_or_missing(unit.address)}"]
    contact.append(f"điện thoại: {_or_missing(unit.telephone)}")
    if unit.email:
        contact.append(f"thư điện tử: {unit.email}")
    if unit.website:
        contact.append(f"trang thông tin điện tử: {unit.website}")
    founded = f"Thành lập ngày {_vn(unit.founded_on)}. " if unit.founded_on else ""
    lines = [
        f"- {'; '.join(contact)}.",
        f"- Quá trình thành lập và phát triển: {founded}{_or_missing(unit.history)}",
        f"- Lĩnh vực hoạt động: {_or_missing(nominee.field_of_work)}.",
        f"- Cơ cấu tổ chức: {_or_missing(unit.organisation)}",
        f"- {_staff(unit)}",
    ]
    organisations = "; ".join(f"{name}: {text.strip()}" for name, text in unit.organisations)
    lines.append(f"- Các tổ chức đảng, đoàn thể: {organisations or MISSING}")
    word.add_body(document, "\n".join(lines))
    word.add_heading(document, "2. Chức năng, nhiệm vụ")
    word.add_body(document, _or_missing(unit.functions))


def _staff(unit: UnitParticulars) -> str:
    if unit.staff_total is None:
        return f"Tổng số cán bộ, công chức, viên chức, người lao động: {MISSING}"
    parts = [f"Tổng số cán bộ, công chức, viên chức, người lao động: {unit.staff_total} người"]
    if unit.staff_female is not None:
        parts.append(f"nữ: {unit.staff_female}")
    if unit.staff_party_members is not None:
        parts.append(f"đảng viên: {unit.staff_party_members}")
    return "; ".join(parts) + "."


def _collective_part_two(document, nominee: NomineeRecord) -> None:
    unit = nominee.unit_profile or UnitParticulars()
    word.add_heading(document, "II. THÀNH TÍCH ĐẠT ĐƯỢC")
    word.add_heading(document, "1. Kết quả thực hiện chức năng, nhiệm vụ được giao")
    word.add_body(document, _or_missing(nominee.achievements))
    word.add_heading(
        document,
        "2. Các biện pháp, giải pháp công tác, đổi mới, sáng kiến đã đạt được thành tích",
    )
    word.add_body(document, _initiatives(nominee))
    word.add_heading(
        document,
        "3. Việc thực hiện chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà "
        "nước; công tác xây dựng Đảng và các đoàn thể",
    )
    word.add_body(document, _or_missing(unit.organisations_work))


def _initiatives(nominee: NomineeRecord) -> str:
    text = (nominee.initiatives or "").strip()
    return f"Sáng kiến, giải pháp: {text}" if text else MISSING


def _individual_part_one(document, nominee: NomineeRecord) -> None:
    person = nominee.person or PersonParticulars()
    positions = [
        p for p in (person.party_position, person.government_position, person.mass_position) if p
    ]
    word.add_heading(document, "I. SƠ LƯỢC LÝ LỊCH")
    lines = [
        f"- Họ và tên: {nominee.name}.",
        f"- Sinh ngày, tháng, năm: {_vn(person.birth_date)}; "
        f"giới tính: {_or_missing(person.gender)}.",
        f"- Dân tộc: {_or_missing(person.ethnicity)}.",
        f"- Quê quán: {_or_missing(person.home_town)}.",
        f"- Trú quán: {_or_missing(person.residence)}.",
        f"- Đơn vị công tác: {nominee.unit_name}.",
        f"- Chức vụ (Đảng, chính quyền, đoàn thể): "
        f"{'; '.join(positions) or _or_missing(nominee.position)}.",
        f"- Trình độ chuyên môn, nghiệp vụ: {_or_missing(person.professional_qualification)}.",
        f"- Trình độ lý luận chính trị: {_or_missing(person.political_qualification)}.",
        f"- Học hàm, học vị: {person.academic_title or 'Không'}.",
    ]
    word.add_body(document, "\n".join(lines))


def _individual_part_two(document, nominee: NomineeRecord) -> None:
    person = nominee.person or PersonParticulars()
    word.add_heading(document, "II. THÀNH TÍCH ĐẠT ĐƯỢC")
    word.add_heading(document, "1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận")
    duties = person.duties or (
        f"{nominee.position}, lĩnh vực {nominee.field_of_work}."
        if nominee.position and nominee.field_of_work
        else nominee.position
    )
    word.add_body(document, _or_missing(duties))
    word.add_heading(document, "2. Thành tích đạt được")
    word.add_body(document, _or_missing(nominee.achievements))
    if nominee.initiatives:
        word.add_body(document, _initiatives(nominee))


# Section III as the forms of Decree 98/2023/NĐ-CP, Appendix I have it (Mẫu số 02, the
# collective's report: "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN"; the individual's
# report: "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"), each with a table of emulation
# titles and one of commendation forms. Source: thuvienphapluat.vn, "Nghị định
# 98/2023/NĐ-CP", anchor bieumau_ms_2_pl1; the stored excerpt found with the search tool
# did not include the section's own text, so the wording is to be checked against the
# gazette (mẫu cần kiểm tra).
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


def _part_three(document, nominee: NomineeRecord, heading: str) -> None:
    """The titles and commendations from the award history, oldest first, under the
    form's heading of section III."""
    word.add_heading(document, heading)
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
