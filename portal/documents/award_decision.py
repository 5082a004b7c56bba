"""Quyết định khen thưởng: a decision in the Decree 30/2020/NĐ-CP format, with its list
of collectives and individuals attached as an appendix table."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from portal.documents import word
from portal.formatting import format_date, format_vnd

APPENDIX_HEADERS = ["STT", "Tên tập thể, cá nhân", "Chức vụ", "Đơn vị", "Số tiền thưởng (đồng)"]


@dataclass(frozen=True)
class RecipientLine:
    name: str
    position: str
    unit_name: str
    collective: bool
    amount_vnd: int | None


@dataclass(frozen=True)
class DecisionRecord:
    parent_body: str  # "UBND TỈNH QUẢNG BÌNH"
    organization: str  # "Sở Tài nguyên và Môi trường"
    code: str  # "STNMT"
    place: str  # "Quảng Bình"
    number: str  # empty on a draft: "Số: .../QĐ-STNMT"
    decided_on: date | None
    issuing_body: str  # "Giám đốc Sở Tài nguyên và Môi trường"
    signer_name: str
    signer_position: str
    form_name: str
    year: int
    summary: str
    recipients: list[RecipientLine] = field(default_factory=list)


def full_number(record: DecisionRecord) -> str:
    """ "15/QĐ-STNMT" (the symbol added to a bare number), "..." on a draft."""
    suffix = f"/QĐ-{record.code}" if record.code else "/QĐ"
    if not record.number:
        return f"...{suffix}"
    return record.number if "/" in record.number else f"{record.number}{suffix}"


def number_line(record: DecisionRecord) -> str:
    return f"Số: {full_number(record)}"


def _counts(record: DecisionRecord) -> str:
    collectives = sum(1 for r in record.recipients if r.collective)
    individuals = len(record.recipients) - collectives
    parts = []
    if collectives:
        parts.append(f"{collectives} tập thể")
    if individuals:
        parts.append(f"{individuals} cá nhân")
    return " và ".join(parts) or "các tập thể, cá nhân"


def _articles(document, record: DecisionRecord) -> None:
    word.add_body(
        document,
        f"Điều 1. Tặng {record.form_name} cho {_counts(record)} đã có thành tích xuất sắc "
        f"năm {record.year} (có danh sách kèm theo).",
    )
    total = sum(r.amount_vnd or 0 for r in record.recipients)
    if total:
        word.add_body(
            document,
            f"Điều 2. Mức tiền thưởng theo danh sách kèm theo; tổng số tiền thưởng là "
            f"{format_vnd(total)}, chi từ Quỹ thi đua, khen thưởng theo quy định.",
        )
    else:
        word.add_body(document, "Điều 2. Tiền thưởng (nếu có) thực hiện theo quy định hiện hành.")
    word.add_body(
        document,
        "Điều 3. Chánh Văn phòng, Thủ trưởng các đơn vị có liên quan và các tập thể, cá nhân "
        "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    )


def _appendix(document, record: DecisionRecord) -> None:
    document.add_page_break()
    on = format_date(record.decided_on) if record.decided_on else "..."
    word.add_title(
        document,
        f"Danh sách tập thể, cá nhân được tặng {record.form_name}",
        f"(Kèm theo Quyết định số {full_number(record)} ngày {on} của {record.issuing_body})",
    )
    rows = [
        [
            index,
            line.name,
            line.position or "",
            line.unit_name,
            format_vnd(line.amount_vnd) if line.amount_vnd is not None else "",
        ]
        for index, line in enumerate(record.recipients, 1)
    ]
    word.add_table(document, APPENDIX_HEADERS, rows, [1.2, 5, 3, 4, 3.3])


def build_award_decision(record: DecisionRecord, on: date, path: Path) -> Path:
    """The decision (dated `record.decided_on`, or `on` for a draft without a date)."""
    document = word.new_document()
    word.add_letterhead(
        document,
        word.Letterhead(
            record.parent_body,
            record.organization,
            number_line(record),
            record.place,
            record.decided_on or on,
        ),
    )
    word.add_title(document, "Quyết định", f"Về việc tặng {record.form_name} năm {record.year}")
    word.add_title(document, record.issuing_body)
    for basis in (record.summary or "").splitlines():
        word.add_body(document, basis)
    word.add_body(
        document,
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; Nghị định số "
        "98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
        "một số điều của Luật Thi đua, khen thưởng;",
    )
    word.add_title(document, "Quyết định:")
    _articles(document, record)
    position = record.signer_position or record.issuing_body
    word.add_signature(
        document,
        word.Signature(
            "",
            position,
            record.signer_name,
            ["Như Điều 3;", "Lưu: VT."],
        ),
    )
    _appendix(document, record)
    return word.save(document, path)
