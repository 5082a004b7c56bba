"""Demo deadlines: the yearly ones of the 2023-2025 plan and of the current period up to
this year, the Q2-2025 congress, and a few relative to "now" (due soon, one overdue for
a few units) so that the worker's sweep has reminders to send as soon as `make run`
starts."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.deadlines.models import CompletionMode, Deadline, DeadlineCompletion, DeadlineKind
from portal.deadlines.schedule import reminder_day
from portal.deadlines.services import due_at_from_local
from portal.demo.timeline import history_period, live_period, live_year, resolve_now
from portal.extensions import db
from portal.models_base import as_utc
from portal.organizations.models import Organization, Unit
from portal.periods.models import PlanPeriod

DUE_TIME = time(17, 0)
# Deadlines long past are kept for the record but no longer remind anyone.
REMIND_PAST_DAYS = 21

PLAN_NOTE = (
    "Theo Kế hoạch tuyên truyền, bồi dưỡng và nhân rộng điển hình tiên tiến giai đoạn "
    "{period} của Sở (mục III.5)."
)

# (title, days from today, note, share of units done): reminders at each stage of
# the default schedule; the overdue one is done by all but a few units.
RELATIVE = [
    (
        "Báo cáo nhanh kết quả phong trào thi đua cao điểm",
        1,
        "Gửi kèm danh sách tập thể, cá nhân tiêu biểu trong đợt thi đua.",
        0.5,
    ),
    (
        "Đăng ký điển hình tiên tiến xây dựng năm tới",
        7,
        "Mỗi phòng, đơn vị đăng ký từ 1 đến 2 điển hình.",
        0.25,
    ),
    (
        "Cập nhật hồ sơ, minh chứng của các điển hình trên Cổng",
        14,
        "Rà soát thành tích, sáng kiến và tệp minh chứng của từng điển hình.",
        0.25,
    ),
    (
        "Báo cáo kết quả tuyên truyền gương điển hình tiên tiến quý",
        -3,
        "Tổng hợp tin, bài, chuyên mục đã đăng trong quý.",
        0.85,
    ),
]


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    now = resolve_now(now)
    history = history_period(org)
    live = live_period(org)
    office = db.session.scalar(
        select(User)
        .where(User.organization_id == org.id)
        .where(User.memberships.any(role=Role.OFFICE_ADMIN))
        .order_by(User.id)
    )
    if history is None or live is None or office is None:
        return
    for period in dict.fromkeys((history, live)):
        for year in period.years:
            if year <= live_year(live, now):
                _yearly_deadlines(org, period, office, year, now)
    _deadline(
        org,
        history,
        office,
        DeadlineKind.CONGRESS_SUBMISSION,
        2025,
        "Hồ sơ điển hình tiên tiến tiêu biểu đề nghị khen thưởng và đại biểu dự Đại hội "
        "Thi đua yêu nước (Quý II/2025)",
        date(2025, 6, 30),
        now=now,
    )
    # Counted from the reminders' day, so that each deadline is at its stage whatever
    # the hour the demo is seeded (before 07:00 the stages are still yesterday's).
    today = reminder_day(now)
    units = db.session.scalars(
        select(Unit)
        .where(Unit.organization_id == org.id, Unit.is_active.is_(True))
        .order_by(Unit.name)
    ).all()
    for title, days, note, share in RELATIVE:
        deadline = _deadline(
            org,
            live,
            office,
            DeadlineKind.OTHER,
            live_year(live, now),
            title,
            today + timedelta(days=days),
            note=note,
            mode=CompletionMode.MANUAL,
            now=now,
        )
        # Some units are already done: they get no reminder; at least one is not.
        done = min(len(units) - 1, max(1, int(len(units) * share)))
        for unit in units[:done]:
            _mark_done(deadline, unit, office, now)


def _yearly_deadlines(org, period, office, year: int, now: datetime) -> None:
    """The self-assessment and the annual report of `year`: 15 December (plan III.5)."""
    _deadline(
        org,
        period,
        office,
        DeadlineKind.SELF_ASSESSMENT,
        year,
        f"Tự đánh giá công tác phát hiện, bồi dưỡng điển hình tiên tiến năm {year}",
        date(year, 12, 15),
        note=_plan_note(period),
        now=now,
    )
    _deadline(
        org,
        period,
        office,
        DeadlineKind.ANNUAL_REPORT,
        year,
        f"Báo cáo kết quả công tác điển hình tiên tiến năm {year}",
        date(year, 12, 15),
        note=_plan_note(period),
        now=now,
    )


def _plan_note(period: PlanPeriod) -> str:
    return PLAN_NOTE.format(period=period.name)


def _deadline(
    org,
    period,
    office,
    kind,
    year,
    title,
    due_day: date,
    note: str = "",
    mode: CompletionMode = CompletionMode.RECORD,
    now: datetime | None = None,
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
        description=note or _plan_note(period),
        due_at=due_at,
        completion_mode=mode,
        all_units=True,
        remind_days_before="14,7,1",
        escalate=True,
        created_by_id=office.id,
        reminders_enabled=due_at > resolve_now(now) - timedelta(days=REMIND_PAST_DAYS),
    )
    db.session.add(deadline)
    db.session.flush()
    return deadline


def _mark_done(deadline: Deadline, unit: Unit, office: User, now: datetime) -> None:
    exists = db.session.scalar(
        select(DeadlineCompletion.id).where(
            DeadlineCompletion.deadline_id == deadline.id, DeadlineCompletion.unit_id == unit.id
        )
    )
    if exists is None:
        done_at = min(now, as_utc(deadline.due_at)) - timedelta(days=1)
        db.session.add(
            DeadlineCompletion(
                deadline_id=deadline.id,
                unit_id=unit.id,
                marked_by_id=office.id,
                completed_at=done_at,
                note="Đã nhận văn bản giấy",
            )
        )
