"""The Department's yearly consolidated report (Word) and its statistics (Excel),
built from one plain row per unit (see `UnitYear`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from portal.documents import word
from portal.documents.congress_records import Issuer
from portal.documents.excel import build_workbook, count, money, save_workbook
from portal.documents.official_forms import FormKind, form_for

REVIEW_STATES = {
    "draft": "Bản nháp",
    "submitted": "Đã nộp",
    "returned": "Trả lại",
    "resubmitted": "Đã nộp lại",
    "accepted": "Đã chấp nhận",
}
EXEMPLAR_STATUSES = {
    "candidate": "Nhân tố mới",
    "fostering": "Đang bồi dưỡng",
    "recognised": "Đã công nhận",
    "replicated": "Đã nhân rộng",
    "dropped": "Dừng theo dõi",
}
QUOTA_FLAGS = {"below": "Chưa đạt", "ok": "Đạt", "above": "Vượt"}
SEVERITIES = {"observation": "Ghi nhận", "minor": "Tồn tại nhỏ", "major": "Tồn tại lớn"}


@dataclass
class UnitYear:
    unit_name: str
    report_state: str  # "" when the unit has no report
    assessment_state: str
    self_total: str
    office_total: str
    exemplars_by_status: dict[str, int] = field(default_factory=dict)
    quota_count: int | None = None
    quota_flag: str = ""
    propagation_by_channel: dict[str, dict] = field(default_factory=dict)
    propagation_audience: int = 0
    inspections: int = 0
    findings_by_severity: dict[str, int] = field(default_factory=dict)
    findings_open: int = 0
    commentary: list[tuple[str, str]] = field(default_factory=list)


def _state(value: str) -> str:
    return REVIEW_STATES.get(value, "Chưa lập") if value else "Chưa lập"


# The units whose annual report the Department cannot quote yet, by what is missing.
NOT_ACCEPTED_GROUPS = (
    (("",), "Chưa lập báo cáo năm"),
    (("draft",), "Báo cáo còn là bản nháp"),
    (("submitted", "resubmitted"), "Đã nộp, Văn phòng Sở chưa chấp nhận"),
    (("returned",), "Bị trả lại, đơn vị chưa nộp lại"),
)


def not_accepted_lines(rows: list[UnitYear]) -> list[str]:
    """One line per group of units whose annual report is not accepted, naming them:
    the consolidated report quotes accepted reports only."""
    lines = []
    for states, label in NOT_ACCEPTED_GROUPS:
        names = [r.unit_name for r in rows if r.report_state in states]
        if names:
            lines.append(f"- {label} ({len(names)}): {'; '.join(names)}.")
    return lines


def build_yearly_report(
    rows: list[UnitYear],
    issuer: Issuer,
    year: int,
    on: date,
    path: Path,
    budget: tuple[list[str], list[list]] | None = None,
) -> Path:
    """`budget`: (headers, rows) of the budget table (plan clause IV), when given."""
    form = form_for(FormKind.YEARLY_REPORT, on)
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
        "Báo cáo",
        f"Kết quả thực hiện Kế hoạch phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến "
        f"năm {year}",
    )
    word.add_addressees(document, [issuer.upward_addressee])
    accepted = sum(1 for r in rows if r.report_state == "accepted")
    exemplars = sum(sum(r.exemplars_by_status.values()) for r in rows)
    word.add_body(
        document,
        f"Năm {year}, {len(rows)} phòng, đơn vị thuộc {issuer.name} thực hiện Kế hoạch; "
        f"{accepted} báo cáo năm đã được Văn phòng Sở chấp nhận; toàn Sở theo dõi "
        f"{exemplars} điển hình tiên tiến.",
    )
    missing = not_accepted_lines(rows)
    if missing:
        word.add_body(
            document,
            "Báo cáo này chỉ tổng hợp các báo cáo năm đã được Văn phòng Sở chấp nhận. "
            "Các đơn vị chưa có báo cáo năm được chấp nhận:\n" + "\n".join(missing),
        )
    word.add_heading(document, "I. TỔNG HỢP THEO ĐƠN VỊ")
    word.add_table(
        document,
        ["STT", "Đơn vị", "Báo cáo năm", "Tự đánh giá", "Điểm tự chấm", "Điểm Văn phòng"],
        [
            [
                i,
                r.unit_name,
                _state(r.report_state),
                _state(r.assessment_state),
                r.self_total or "—",
                r.office_total or "—",
            ]
            for i, r in enumerate(rows, 1)
        ],
        [1.2, 4.8, 2.6, 2.6, 2.2, 2.2],
        size=11,
    )
    word.add_heading(document, "II. NỘI DUNG BÁO CÁO CỦA CÁC ĐƠN VỊ")
    for index, row in enumerate(rows, 1):
        word.add_heading(document, f"{index}. {row.unit_name}")
        if row.report_state != "accepted":
            word.add_body(
                document,
                f"Báo cáo năm của đơn vị chưa được Văn phòng Sở chấp nhận "
                f"({_state(row.report_state).lower()}), nên không được tổng hợp.",
            )
            continue
        for label, text in row.commentary:
            if text:
                word.add_body(document, f"{label}: {text}")
    signer = issuer.signer("yearly_report")
    if budget:
        word.add_heading(document, "III. KINH PHÍ THỰC HIỆN (NGÂN SÁCH NHÀ NƯỚC)")
        headers, budget_rows = budget
        word.add_table(document, headers, budget_rows, [4, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2], size=10)
    word.add_signature(
        document,
        word.Signature(
            signer.authority, signer.position, signer.name, ["Như trên;", "Lưu: VT, VP."]
        ),
    )
    return word.save(document, path)


def build_statistics(rows: list[UnitYear], year: int, path: Path) -> Path:
    statuses = list(EXEMPLAR_STATUSES)
    severities = list(SEVERITIES)
    sheets = [
        (
            "Điển hình theo trạng thái",
            ["Đơn vị", *EXEMPLAR_STATUSES.values(), "Tổng"],
            [
                [
                    r.unit_name,
                    *(r.exemplars_by_status.get(s, 0) for s in statuses),
                    sum(r.exemplars_by_status.values()),
                ]
                for r in rows
            ],
        ),
        (
            "Chỉ tiêu điển hình",
            ["Đơn vị", "Năm", "Số điển hình", "Đánh giá chỉ tiêu (1-2/năm)"],
            [[r.unit_name, year, r.quota_count, QUOTA_FLAGS.get(r.quota_flag, "")] for r in rows],
        ),
        (
            "Tuyên truyền theo kênh",
            [
                "Đơn vị",
                "Truyền thống (số hoạt động)",
                "Trực tuyến (số hoạt động)",
                "Kinh phí (đồng)",
                "Lượt người tiếp cận",
            ],
            [
                [
                    r.unit_name,
                    r.propagation_by_channel.get("traditional", {}).get("count", 0),
                    r.propagation_by_channel.get("online", {}).get("count", 0),
                    money(sum(c.get("cost_vnd", 0) for c in r.propagation_by_channel.values())),
                    count(r.propagation_audience),
                ]
                for r in rows
            ],
        ),
        (
            "Kiểm tra và phát hiện",
            ["Đơn vị", "Số cuộc kiểm tra", *SEVERITIES.values(), "Chưa khắc phục xong"],
            [
                [
                    r.unit_name,
                    r.inspections,
                    *(r.findings_by_severity.get(s, 0) for s in severities),
                    r.findings_open,
                ]
                for r in rows
            ],
        ),
    ]
    return save_workbook(build_workbook(sheets), path)
