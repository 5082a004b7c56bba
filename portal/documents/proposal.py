"""Tờ trình (proposal): a unit's, listing its nominees, and the Department's
consolidated one, listing the nominees the council passed (portal.congress.council_round)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from portal.documents import word
from portal.documents.congress_records import (
    CouncilDecision,
    CouncilMeeting,
    Cycle,
    Issuer,
    NomineeRecord,
    PassedNominee,
    SignerRecord,
    UnitSubmissionRecord,
)
from portal.documents.official_forms import FormKind, form_for
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


def plan_ground(cycle: Cycle) -> str:
    return (
        f"Căn cứ Kế hoạch tổ chức {cycle.sector_congress} và {cycle.provincial_congress} "
        f"giai đoạn {cycle.next_term}"
    )


def signature_of(signer: SignerRecord, recipients: list[str]) -> word.Signature:
    return word.Signature(signer.authority, signer.position, signer.name, recipients)


def build_unit_proposal(
    submission: UnitSubmissionRecord, issuer: Issuer, cycle: Cycle, on: date, path: Path
) -> Path:
    """The unit's tờ trình to the Director, signed by the unit's head by name."""
    form = form_for(FormKind.PROPOSAL, on)
    unit = submission.signers
    document = word.new_document()
    word.add_letterhead(
        document,
        word.Letterhead(
            issuer.name,
            submission.unit_name,
            word.number_line(form.type_code, unit.code),
            issuer.place,
            on,
        ),
    )
    word.add_title(
        document,
        "Tờ trình",
        f"Về việc đề nghị khen thưởng và cử đại biểu dự Đại hội Thi đua yêu nước "
        f"giai đoạn {cycle.next_term}",
    )
    word.add_addressees(document, [f"Giám đốc {issuer.name}"])
    held = format_date(submission.conference_date) if submission.conference_date else "..."
    word.add_grounds(
        document,
        [
            *form.grounds(),
            plan_ground(cycle),
            f"Căn cứ kết quả Hội nghị điển hình tiên tiến của {submission.unit_name} ngày {held}",
        ],
    )
    attendance = submission.attendance if submission.attendance is not None else "..."
    word.add_body(
        document,
        f"Ngày {held}, {submission.unit_name} đã tổ chức "
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
        document, HEADERS, nominee_rows(submission.nominees, cycle), [1.3, 4.9, 3.5, 3.5, 3.3]
    )
    word.add_body(document, "(Kèm theo báo cáo thành tích và hồ sơ minh chứng.)")
    head = unit.head or SignerRecord("", "Thủ trưởng đơn vị", "")
    word.add_signature(document, signature_of(head, ["Như trên;", "Lưu: VT."]))
    return word.save(document, path)


def _group_by_title(passed: list[PassedNominee]) -> dict[str, list[PassedNominee]]:
    groups: dict[str, list[PassedNominee]] = {}
    for row in passed:
        groups.setdefault(row.nominee.award_title, []).append(row)
    return groups


def _count_text(rows: Iterable[PassedNominee]) -> str:
    rows = list(rows)
    collectives = sum(1 for r in rows if r.nominee.collective)
    return f"{len(rows)} ({collectives} tập thể, {len(rows) - collectives} cá nhân)"


def _meeting_text(meeting: CouncilMeeting, issuer: Issuer) -> str:
    return (
        f"Biên bản họp Hội đồng Thi đua - Khen thưởng {issuer.name} số {meeting.minutes_number} "
        f"ngày {format_date(meeting.meeting_date)} ({meeting.title})"
    )


PASSED_HEADERS = ["STT", "Tên tập thể, cá nhân", "Đơn vị", "Tỷ lệ đồng ý", "Biên bản số"]


def build_department_proposal(
    decision: CouncilDecision, issuer: Issuer, cycle: Cycle, on: date, path: Path
) -> Path:
    """The Department's tờ trình: only the nominees whose title the council passed,
    grouped by title with counts, citing the council meetings that decided them."""
    form = form_for(FormKind.PROPOSAL, on)
    document = word.new_document()
    word.add_letterhead(
        document,
        word.Letterhead(
            issuer.parent_body,
            issuer.name,
            word.number_line(form.type_code, issuer.code),
            issuer.place,
            on,
        ),
    )
    word.add_title(
        document,
        "Tờ trình",
        f"Về việc đề nghị khen thưởng và cử đại biểu dự Đại hội Thi đua yêu nước "
        f"giai đoạn {cycle.next_term}",
    )
    word.add_addressees(document, [issuer.upward_addressee])
    word.add_grounds(
        document,
        [
            *form.grounds(),
            plan_ground(cycle),
            *(f"Căn cứ {_meeting_text(m, issuer)}" for m in decision.meetings),
        ],
    )
    considered = len(decision.passed) + decision.failed
    word.add_body(
        document,
        f"Thực hiện kế hoạch tổ chức {cycle.sector_congress} và {cycle.provincial_congress}, "
        f"{decision.unit_count} phòng, đơn vị thuộc {issuer.name} đã tổ chức Hội nghị điển "
        f"hình tiên tiến giai đoạn {cycle.term} và gửi đề nghị khen thưởng, cử đại biểu.",
    )
    word.add_body(
        document,
        f"Hội đồng Thi đua - Khen thưởng đã bỏ phiếu kín đối với {considered} đề nghị khen "
        f"thưởng; {len(decision.passed)} đề nghị đạt tỷ lệ đồng ý theo quy định, "
        f"{decision.failed} đề nghị không đạt.",
    )
    if decision.undecided:
        word.add_body(
            document,
            f"Còn {decision.undecided} đề nghị chưa có kết quả bình xét của Hội đồng, "
            "chưa đưa vào tờ trình này.",
        )
    if not decision.passed:
        word.add_body(document, "Không có đề nghị khen thưởng nào được Hội đồng thông qua.")
    else:
        word.add_body(
            document,
            f"{issuer.name} kính trình xem xét khen thưởng "
            f"{_count_text(decision.passed)} tập thể, cá nhân như sau:",
        )
    for number, (title, rows) in enumerate(_group_by_title(decision.passed).items(), 1):
        word.add_body(document, f"{number}. {title}: {_count_text(rows)}.")
        table = [
            [
                i,
                r.nominee.name,
                r.nominee.unit_name,
                r.agree_percent,
                f"{r.meeting.minutes_number} ngày {format_date(r.meeting.meeting_date)}",
            ]
            for i, r in enumerate(rows, 1)
        ]
        word.add_table(document, PASSED_HEADERS, table, [1.3, 4.9, 3.8, 2.4, 4.1])
    if decision.delegates:
        word.add_body(
            document,
            f"Về đại biểu dự {cycle.sector_congress} và {cycle.provincial_congress}: "
            f"danh sách {len(decision.delegates)} đại biểu được đề xuất kèm theo tờ trình này.",
        )
    signer = SignerRecord(cycle.signer_authority, cycle.signer_position, cycle.signer_name)
    if not cycle.signer_name:
        signer = issuer.signer("proposal")
    word.add_signature(document, signature_of(signer, ["Như trên;", "Lưu: VT, VP."]))
    return word.save(document, path)
