"""Demo inspections: those of 2024-2025, every finding dealt with by now, and the
current year's (`inspections_live`) with findings in every state of the follow-up
and one overdue. Idempotent: an inspection of 2024-2025 of the same unit on the same
day, or of this year with the same summary, is left alone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from portal.accounts.models import User
from portal.demo.council import demo_members, demo_units
from portal.demo.department import coordinator_email
from portal.demo.inspections_live import LIVE_INSPECTIONS
from portal.demo.timeline import local_day
from portal.extensions import db
from portal.inspections.models import (
    FindingResponse,
    FindingSeverity,
    FindingStatus,
    Inspection,
    InspectionFinding,
    InspectionMember,
    InspectionMethod,
    InspectionScope,
    ResponseKind,
    SupervisionPlanItem,
)
from portal.organizations.models import Organization

S, M, SEV, ST = InspectionScope, InspectionMethod, FindingSeverity, FindingStatus

# Each inspection: unit slug, date, members (first leads), method, scope, summary,
# signed off, findings. A finding: severity, finding, recommendation, action,
# owner ("coordinator" or a free name), due (date, or days from today), status.
# Each finding is closed by now.
INSPECTIONS = [
    {
        "unit": "moitruong",
        "date": date(2024, 5, 15),
        "members": [1, 2],
        "method": M.ON_SITE,
        "scope": [S.EMULATION, S.EXEMPLARS],
        "signed": True,
        "summary": "Đơn vị đã ban hành kế hoạch phát hiện, bồi dưỡng điển hình năm 2024; "
        "xác định 02 nhân tố mới. Hồ sơ theo dõi quá trình bồi dưỡng chưa đầy đủ.",
        "findings": [
            (
                SEV.MINOR,
                "Chưa lập sổ theo dõi quá trình bồi dưỡng đối với 02 nhân tố mới.",
                "Lập sổ theo dõi theo mẫu của Văn phòng Sở.",
                "Lập sổ theo dõi, cập nhật hằng quý.",
                "coordinator",
                date(2024, 7, 31),
                ST.CLOSED,
            ),
            (
                SEV.OBSERVATION,
                "Phong trào thi đua chuyên đề bảo vệ môi trường được triển khai "
                "sâu rộng, có sức lan tỏa.",
                "Tiếp tục duy trì, nhân rộng.",
                "",
                "",
                None,
                ST.CLOSED,
            ),
        ],
    },
    {
        "unit": "quantrac",
        "date": date(2024, 10, 8),
        "members": [3],
        "method": M.DOCUMENTS,
        "scope": [S.REPORTS],
        "signed": True,
        "summary": "Kiểm tra qua hồ sơ chế độ báo cáo 9 tháng năm 2024: đơn vị gửi báo cáo "
        "đúng hạn, số liệu đầy đủ.",
        "findings": [
            (
                SEV.OBSERVATION,
                "Báo cáo đúng hạn, số liệu khớp với hồ sơ điển hình.",
                "",
                "",
                "",
                None,
                ST.CLOSED,
            ),
        ],
    },
    {
        "unit": "vpdkdd",
        "date": date(2025, 4, 22),
        "members": [2],
        "plan_month": 4,
        "method": M.ON_SITE,
        "scope": [S.EXEMPLARS, S.PROPAGATION],
        "signed": True,
        "summary": "Đơn vị đã bồi dưỡng 01 điển hình tập thể (Tổ tiếp nhận hồ sơ một cửa). "
        "Công tác tuyên truyền còn ít, chủ yếu bằng hình thức truyền thống.",
        "findings": [
            (
                SEV.MINOR,
                "Chưa có tin, bài giới thiệu điển hình trên Cổng thông tin của Sở.",
                "Phối hợp Trung tâm CNTT đăng tin, bài.",
                "Đăng ít nhất 02 tin, bài trong quý III.",
                "coordinator",
                date(2025, 9, 30),
                ST.CLOSED,
            ),
            (
                SEV.MAJOR,
                "Hồ sơ đề nghị công nhận điển hình thiếu minh chứng về hiệu quả sáng kiến.",
                "Bổ sung xác nhận của Hội đồng sáng kiến.",
                "Bổ sung minh chứng vào hồ sơ điển hình.",
                "Tổ tiếp nhận hồ sơ một cửa",
                date(2025, 10, 31),
                ST.CLOSED,
            ),
        ],
    },
    {
        "unit": "qldd",
        "date": date(2025, 6, 10),
        "members": [1, 3],
        "plan_month": 6,
        "method": M.ONLINE,
        "scope": [S.EMULATION, S.REPORTS],
        "signed": True,
        "summary": "Làm việc trực tuyến với lãnh đạo phòng. Phòng chưa sơ kết phong trào thi "
        "đua 6 tháng; báo cáo tự đánh giá chưa gửi đúng hạn.",
        "findings": [
            (
                SEV.MAJOR,
                "Chưa tổ chức sơ kết phong trào thi đua 6 tháng đầu năm 2025.",
                "Tổ chức sơ kết, đánh giá nhân tố mới.",
                "Tổ chức hội nghị sơ kết, gửi báo cáo về Văn phòng Sở.",
                "coordinator",
                date(2025, 9, 30),
                ST.CLOSED,
            ),
            (
                SEV.MINOR,
                "Báo cáo tự đánh giá công tác điển hình gửi chậm 10 ngày.",
                "Chấp hành đúng thời hạn báo cáo.",
                "Rà soát quy trình, phân công người theo dõi thời hạn.",
                "coordinator",
                date(2025, 7, 31),
                ST.CLOSED,
            ),
        ],
    },
    {
        "unit": "doanthanhnien",
        "date": date(2025, 9, 17),
        "members": [3],
        "plan_month": 9,
        "method": M.DOCUMENTS,
        "scope": [S.PROPAGATION],
        "signed": True,
        "summary": "Kiểm tra chuyên mục \u201cThanh niên tiên tiến\u201d trên trang của Đoàn: "
        "đã đăng 12 bài trong năm.",
        "findings": [
            (
                SEV.OBSERVATION,
                "Chuyên mục duy trì đều đặn, được đoàn viên hưởng ứng.",
                "Lựa chọn bài tiêu biểu gửi Chuyên mục điển hình của Sở.",
                "",
                "",
                None,
                ST.CLOSED,
            ),
        ],
    },
]

ANSWER = "Đơn vị đã thực hiện theo kiến nghị; tài liệu kèm theo gửi Văn phòng Sở."
SEND_BACK = "Minh chứng bổ sung chưa có xác nhận của Hội đồng sáng kiến, đề nghị bổ sung."


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    units, members = demo_units(org), demo_members(org)
    if not units or len(members) < 3:
        return
    today = local_day(now)
    for spec in INSPECTIONS:
        unit = units[spec["unit"]]
        exists = db.session.scalar(
            select(Inspection.id).where(
                Inspection.unit_id == unit.id, Inspection.inspection_date == spec["date"]
            )
        )
        if exists is None:
            _inspection(spec, unit, members, today)
    if today.year > INSPECTIONS[-1]["date"].year:
        for spec in LIVE_INSPECTIONS:
            _live_inspection(spec, units[spec["unit"]], members, today)
    db.session.flush()


def _live_inspection(spec: dict, unit, members: dict[int, User], today: date) -> None:
    """One of this year's inspections, unless it is there (same unit, year and summary:
    its date moves with "now")."""
    day = max(date(today.year, 1, 1), today - timedelta(days=spec["days_ago"]))
    exists = db.session.scalar(
        select(Inspection.id).where(
            Inspection.unit_id == unit.id,
            Inspection.year == day.year,
            Inspection.summary == spec["summary"],
        )
    )
    if exists is None:
        _inspection({**spec, "date": day, "plan_month": day.month}, unit, members, today)


def _at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _plan_item_id(unit_id: int, year: int, month: int | None) -> int | None:
    if month is None:
        return None
    return db.session.scalar(
        select(SupervisionPlanItem.id).where(
            SupervisionPlanItem.unit_id == unit_id,
            SupervisionPlanItem.year == year,
            SupervisionPlanItem.month == month,
        )
    )


def _inspection(spec: dict, unit, members: dict[int, User], today: date) -> None:
    day: date = spec["date"]
    lead = members[spec["members"][0]]
    inspection = Inspection(
        unit_id=unit.id,
        plan_item_id=_plan_item_id(unit.id, day.year, spec.get("plan_month")),
        inspection_date=day,
        year=day.year,
        scope=[s.value for s in spec["scope"]],
        method=spec["method"],
        summary=spec["summary"],
        lead_inspector_id=lead.id,
        signed_off_at=_at(day, 16) if spec["signed"] else None,
        signed_off_by_id=lead.id if spec["signed"] else None,
    )
    inspection.members = [
        InspectionMember(unit_id=unit.id, user_id=members[n].id) for n in spec["members"]
    ]
    coordinator = db.session.scalar(
        select(User).where(User.email == coordinator_email(spec["unit"]))
    )
    for values in spec["findings"]:
        inspection.findings.append(_finding(values, unit, day, lead, coordinator, today))
    db.session.add(inspection)


def _finding(values: tuple, unit, day: date, lead: User, coordinator: User | None, today: date):
    severity, text, recommendation, action, owner, due, status = values
    if isinstance(due, int):
        due = today + timedelta(days=due)
    owner_user = coordinator if owner == "coordinator" else None
    finding = InspectionFinding(
        unit_id=unit.id,
        severity=severity,
        finding=text,
        recommendation=recommendation,
        corrective_action=action,
        action_owner_user_id=owner_user.id if owner_user else None,
        action_owner_name="" if owner_user else owner,
        due_date=due,
        status=status,
    )
    author = coordinator or lead
    thread = []
    if status in (ST.ANSWERED, ST.SENT_BACK) or (status == ST.CLOSED and action):
        thread.append((ResponseKind.ANSWER, author, ANSWER, day + timedelta(days=20)))
    if status == ST.SENT_BACK:
        thread.append((ResponseKind.SEND_BACK, lead, SEND_BACK, day + timedelta(days=27)))
    if status == ST.CLOSED:
        closed_on = day + timedelta(days=30)
        thread.append((ResponseKind.CLOSE, lead, "Đã xác minh, đạt yêu cầu.", closed_on))
        finding.closed_at = _at(closed_on, 10)
        finding.closed_by_id = lead.id
    for kind, who, body, when in thread:
        finding.responses.append(
            FindingResponse(
                unit_id=unit.id, kind=kind, author_id=who.id, body=body, created_at=_at(when)
            )
        )
    return finding
