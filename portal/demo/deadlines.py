"""Demo deadlines: those of the 2023-2025 plan, and a few relative to today so that
the worker's sweep has reminders to send as soon as `make run` starts."""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.deadlines.models import CompletionMode, Deadline, DeadlineCompletion, DeadlineKind
from portal.deadlines.schedule import reminder_day
from portal.deadlines.services import due_at_from_local
from portal.extensions import db
from portal.models_base import as_utc, utcnow
from portal.organizations.models import Organization, Unit
from portal.periods.models import PlanPeriod

DUE_TIME = time(17, 0)
# Deadlines long past are kept for the record but no longer remind anyone.
REMIND_PAST_DAYS = 21

PLAN_NOTE = (
    "Theo Kế hoạch tuyên truyền, bồi dưỡng và nhân rộng điển hình tiên tiến giai đoạn "
    "2023-2025 của Sở (mục III.5)."
)

# (title, days from today, note): reminders at each stage of the default schedule.
RELATIVE = [
    (
        "Báo cáo nhanh kết quả phong trào thi đua cao điểm",
        1,
        "Gửi kèm danh sách tập thể, cá nhân tiêu biểu trong đợt thi đua.",
    ),
    (
        "Đăng ký điển hình tiên tiến xây dựng năm tới",
        7,
        "Mỗi phòng, đơn vị đăng ký từ 1 đến 2 điển hình.",
    ),
    (
        "Cập nhật hồ sơ, minh chứng của các điển hình trên Cổng",
        14,
        "Rà soát thành tích, sáng kiến và tệp minh chứng của từng điển hình.",
    ),
    (
        "Báo cáo kết quả tuyên truyền gương điển hình tiên tiến quý",
        -3,
        "Tổng hợp tin, bài, chuyên mục đã đăng trong quý.",
    ),
]


def seed(org: Organization, password: str) -> None:
    period = db.session.scalar(
        select(PlanPeriod).where(
            PlanPeriod.organization_id == org.id, PlanPeriod.name == "2023-2025"
        )
    )
    office = db.session.scalar(
        select(User)
        .where(User.organization_id == org.id)
        .where(User.memberships.any(role=Role.OFFICE_ADMIN))
        .order_by(User.id)
    )
    if period is None or office is None:
        return
    for year in period.years:
        _deadline(
            org,
            period,
            office,
            DeadlineKind.SELF_ASSESSMENT,
            year,
            f"Tự đánh giá công tác phát hiện, bồi dưỡng điển hình tiên tiến năm {year}",
            date(year, 12, 15),
        )
        _deadline(
            org,
            period,
            office,
            DeadlineKind.ANNUAL_REPORT,
            year,
            f"Báo cáo kết quả công tác điển hình tiên tiến năm {year}",
            date(year, 12, 15),
        )
    _deadline(
        org,
        period,
        office,
        DeadlineKind.CONGRESS_SUBMISSION,
        2025,
        "Hồ sơ điển hình tiên tiến tiêu biểu đề nghị khen thưởng và đại biểu dự Đại hội "
        "Thi đua yêu nước (Quý II/2025)",
        date(2025, 6, 30),
    )
    # Counted from the reminders' day, so that each deadline is at its stage whatever
    # the hour the demo is seeded (before 07:00 the stages are still yesterday's).
    today = reminder_day(utcnow())
    year = min(max(today.year, period.start_year), period.end_year)
    units = db.session.scalars(
        select(Unit)
        .where(Unit.organization_id == org.id, Unit.is_active.is_(True))
        .order_by(Unit.name)
    ).all()
    for title, days, note in RELATIVE:
        deadline = _deadline(
            org,
            period,
            office,
            DeadlineKind.OTHER,
            year,
            title,
            today + timedelta(days=days),
            note=note,
            mode=CompletionMode.MANUAL,
        )
        # Some units are already done: they get no reminder.
        share = 4 if days > 0 else 3
        for unit in units[: max(1, len(units) // share)]:
            _mark_done(deadline, unit, office)


def _deadline(
    org,
    period,
    office,
    kind,
    year,
    title,
    due_day: date,
    note: str = PLAN_NOTE,
    mode: CompletionMode = CompletionMode.RECORD,
) -> Deadline:
    deadline = db.session.scalar(
        select(Deadline).where(
            Deadline.organization_id == org.id,
            Deadline.period_id == period.id,
            Deadline.title == title,
        )
    )
    if deadline is not None:
        return deadline
    due_at = due_at_from_local(due_day, DUE_TIME)
    deadline = Deadline(
        organization_id=org.id,
        period_id=period.id,
        kind=kind,
        year=year,
        title=title,
        description=note,
        due_at=due_at,
        completion_mode=mode,
        all_units=True,
        remind_days_before="14,7,1",
        escalate=True,
        created_by_id=office.id,
        reminders_enabled=due_at > utcnow() - timedelta(days=REMIND_PAST_DAYS),
    )
    db.session.add(deadline)
    db.session.flush()
    return deadline


def _mark_done(deadline: Deadline, unit: Unit, office: User) -> None:
    exists = db.session.scalar(
        select(DeadlineCompletion.id).where(
            DeadlineCompletion.deadline_id == deadline.id, DeadlineCompletion.unit_id == unit.id
        )
    )
    if exists is None:
        done_at = min(utcnow(), as_utc(deadline.due_at)) - timedelta(days=1)
        db.session.add(
            DeadlineCompletion(
                deadline_id=deadline.id,
                unit_id=unit.id,
                marked_by_id=office.id,
                completed_at=done_at,
                note="Đã nhận văn bản giấy",
            )
        )
