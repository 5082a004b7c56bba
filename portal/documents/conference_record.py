"""Biên bản Hội nghị điển hình tiên tiến of a unit (plan III.5): when and where, who
chaired and took the minutes, attendance, the period reviewed and its results, the
exemplars honoured and those the conference agreed to propose. Same format as the
other documents (portal.documents.word, Decree 30/2020/NĐ-CP)."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from portal.documents import word
from portal.documents.congress_records import Cycle, Issuer, UnitSubmissionRecord
from portal.documents.official_forms import FormKind, form_for
from portal.formatting import format_date

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def conference_record_bytes(record: UnitSubmissionRecord, issuer: Issuer, cycle: Cycle) -> bytes:
    """The .docx file of the record (for a download), the same bytes for the same data."""
    with TemporaryDirectory() as folder:
        path = build_conference_record(record, issuer, cycle, Path(folder) / "bien-ban.docx")
        return path.read_bytes()


def _number(value: int | None) -> str:
    return "…" if value is None else str(value)


def _agreement(agree: int | None, attendance: int | None) -> str:
    if agree is None:
        return "Không biểu quyết"
    if attendance:
        percent = f"{agree * 100 / attendance:.1f}".replace(".", ",")
        return f"{agree}/{attendance} ({percent}%)"
    return str(agree)


def build_conference_record(
    record: UnitSubmissionRecord, issuer: Issuer, cycle: Cycle, path: Path
) -> Path:
    period = record.period_reviewed or cycle.term
    form = form_for(FormKind.CONFERENCE_MINUTES, record.conference_date)
    document = word.new_document()
    word.add_letterhead(
        document,
        word.Letterhead(
            parent_body=issuer.name,
            issuing_body=record.unit_name,
            number_line=word.number_line(form.type_code, record.signers.code),
            place=issuer.place,
            on=record.conference_date,
        ),
    )
    word.add_title(document, "Biên bản", f"Hội nghị điển hình tiên tiến giai đoạn {period}")
    held = format_date(record.conference_date) if record.conference_date else "…"
    word.add_body(
        document,
        f"Thời gian: ngày {held}.\n"
        f"Địa điểm: {record.conference_place or '…'}.\n"
        f"Chủ trì: {record.chaired_by or '…'}.\n"
        f"Thư ký: {record.secretary or '…'}.\n"
        f"Thành phần: số đại biểu được triệu tập: {_number(record.invited)}; "
        f"số đại biểu có mặt: {_number(record.attendance)}.",
    )
    word.add_heading(document, f"I. TỔNG KẾT PHONG TRÀO THI ĐUA GIAI ĐOẠN {period}")
    word.add_body(document, record.period_summary or "(Chưa có thông tin)")
    word.add_heading(document, "II. CÁC ĐIỂN HÌNH ĐƯỢC BIỂU DƯƠNG TẠI HỘI NGHỊ")
    if record.honoured:
        word.add_table(
            document,
            ["STT", "Tên tập thể, cá nhân"],
            [[i, name] for i, name in enumerate(record.honoured, 1)],
            widths_cm=[1.5, 14.5],
        )
    else:
        word.add_body(document, "Không có.")
    word.add_heading(document, "III. CÁC ĐIỂN HÌNH HỘI NGHỊ THỐNG NHẤT ĐỀ XUẤT")
    rows = []
    for i, n in enumerate(record.nominees, 1):
        delegate = []
        if n.sector_delegate:
            delegate.append(cycle.sector_congress)
        if n.provincial_delegate:
            delegate.append(cycle.provincial_congress)
        if n.delegate and n.delegate.represents:
            delegate.append(f"Người đại diện: {n.delegate.name}")
        rows.append(
            [
                i,
                n.name,
                "Tập thể" if n.collective else "Cá nhân",
                n.award_title or "—",
                "; ".join(delegate) or "—",
                _agreement(n.conference_agree, record.attendance),
            ]
        )
    if rows:
        word.add_table(
            document,
            [
                "STT",
                "Tên tập thể, cá nhân",
                "Loại",
                "Hình thức khen thưởng đề nghị",
                "Đại biểu dự Đại hội",
                "Số người đồng ý",
            ],
            rows,
            widths_cm=[1.3, 3.6, 1.9, 3.4, 3.6, 2.2],
            size=11,
        )
    else:
        word.add_body(document, "Không có.")
    word.add_body(document, "Biên bản được thông qua tại Hội nghị.")
    _signatures(document, record.secretary, record.chaired_by)
    return word.save(document, path)


def _signatures(document, secretary: str, chair: str) -> None:
    """THƯ KÝ on the left, CHỦ TRÌ on the right, each with the name typed under."""
    word.add_signatures(
        document, [word.Signature("", "Thư ký", secretary), word.Signature("", "Chủ trì", chair)]
    )
