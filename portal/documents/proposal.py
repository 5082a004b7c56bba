"""Tờ trình (proposal): a unit's, listing its nominees, and the Department's
consolidated one, listing every accepted unit's nominees."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from portal.documents import word
from portal.documents.congress_records import Cycle, Issuer, NomineeRecord, UnitSubmissionRecord
from portal.formatting import format_date

HEADERS = ["STT", "Tên tập thể, cá nhân", "Đơn vị", "Hình thức đề nghị", "Đại biểu dự Đại hội"]


def delegate_text(nominee: NomineeRecord, cycle: Cycle) -> str:
    names = []
    if nominee.sector_delegate:
        names.append(cycle.sector_congress)
    if nominee.provincial_delegate:
        names.append(cycle.provincial_congress)
    return "; ".join(names)


def nominee_rows(nominees: Iterable[NomineeRecord], cycle: Cycle) -> list[list[object]]:
    return [
        [i, n.name, n.unit_name, n.award_title or "—", delegate_text(n, cycle) or "—"]
        for i, n in enumerate(nominees, 1)
    ]


def build_unit_proposal(
    submission: UnitSubmissionRecord, issuer: Issuer, cycle: Cycle, on: date, path: Path
) -> Path:
    document = word.new_document()
    word.add_letterhead(
        document,
        word.Letterhead(issuer.name, submission.unit_name, "Số: .../TTr", issuer.place, on),
    )
    word.add_title(
        document,
        "Tờ trình",
        f"Về việc đề nghị khen thưởng và cử đại biểu dự Đại hội Thi đua yêu nước "
        f"giai đoạn {cycle.next_term}",
    )
    word.add_body(document, f"Kính gửi: Giám đốc {issuer.name}.")
    attendance = submission.attendance if submission.attendance is not None else "..."
    word.add_body(
        document,
        f"Ngày {format_date(submission.conference_date)}, {submission.unit_name} đã tổ chức "
        f"Hội nghị điển hình tiên tiến giai đoạn {cycle.term} với {attendance} người tham dự, "
        f"do {submission.chaired_by or '...'} chủ trì.",
    )
    word.add_body(document, submission.period_summary)
    if submission.honoured:
        word.add_body(document, "Hội nghị đã biểu dương: " + "; ".join(submission.honoured) + ".")
    word.add_body(
        document,
        f"{submission.unit_name} kính đề nghị Giám đốc Sở xem xét khen thưởng và cử đại biểu "
        f"cho {len(submission.nominees)} tập thể, cá nhân sau:",
    )
    word.add_table(
        document, HEADERS, nominee_rows(submission.nominees, cycle), [1.2, 5, 3.5, 3.5, 3.3]
    )
    word.add_body(document, "(Kèm theo báo cáo thành tích và hồ sơ minh chứng.)")
    word.add_signature(
        document,
        word.Signature("", "Thủ trưởng đơn vị", "", ["Như trên;", "Lưu: VT."]),
    )
    return word.save(document, path)


def build_department_proposal(
    units: list[UnitSubmissionRecord], issuer: Issuer, cycle: Cycle, on: date, path: Path
) -> Path:
    document = word.new_document()
    word.add_letterhead(
        document,
        word.Letterhead(
            issuer.parent_body, issuer.name, f"Số: .../TTr-{issuer.code}", issuer.place, on
        ),
    )
    word.add_title(
        document,
        "Tờ trình",
        f"Về việc đề nghị khen thưởng và cử đại biểu dự Đại hội Thi đua yêu nước "
        f"giai đoạn {cycle.next_term}",
    )
    nominees = [n for unit in units for n in unit.nominees]
    word.add_body(
        document,
        f"Thực hiện kế hoạch tổ chức {cycle.sector_congress} và {cycle.provincial_congress}, "
        f"{len(units)} phòng, đơn vị thuộc {issuer.name} đã tổ chức Hội nghị điển hình tiên "
        f"tiến giai đoạn {cycle.term} và đề xuất {len(nominees)} tập thể, cá nhân.",
    )
    word.add_body(
        document,
        f"{issuer.name} kính trình xem xét khen thưởng và cử đại biểu các tập thể, cá nhân sau:",
    )
    word.add_table(document, HEADERS, nominee_rows(nominees, cycle), [1.2, 5, 3.5, 3.5, 3.3])
    word.add_signature(
        document,
        word.Signature(
            cycle.signer_authority,
            cycle.signer_position,
            cycle.signer_name,
            ["Như trên;", "Ban Thi đua - Khen thưởng tỉnh;", "Lưu: VT, VP."],
        ),
    )
    return word.save(document, path)
