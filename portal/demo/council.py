"""Demo council work: the three demo members assigned to units for 2024, 2025 and the
current year, the 2025 supervision plan and the current year's, some of it done and
some still ahead of "now". Idempotent: existing rows are kept."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from portal.accounts.models import CouncilAssignment, User
from portal.demo.department import UNITS, council_email
from portal.demo.timeline import local_day
from portal.extensions import db
from portal.inspections.models import InspectionScope, SupervisionPlanItem, SupervisionPlanMember
from portal.organizations.models import Organization, Unit

# Member number -> unit slugs, per year (a unit may have two members, e.g. Phòng Môi trường).
HISTORY_ASSIGNMENTS = {
    2024: {
        1: ["vanphong", "thanhtra", "khtc", "qldd", "moitruong"],
        2: ["tnnks", "moitruong", "bienhaidao", "cntt", "vpdkdd"],
        3: ["quantrac", "ptqd", "dangbo", "congdoan", "doanthanhnien"],
    },
    2025: {
        1: ["vanphong", "thanhtra", "khtc", "qldd", "moitruong"],
        2: ["tnnks", "moitruong", "bienhaidao", "cntt", "vpdkdd"],
        3: ["quantrac", "ptqd", "dangbo", "congdoan", "doanthanhnien", "qldd"],
    },
}

# The current year's: as in 2025 (Phòng Quản lý đất đai back to one member).
LIVE_ASSIGNMENTS = {
    1: ["vanphong", "thanhtra", "khtc", "qldd", "moitruong"],
    2: ["tnnks", "moitruong", "bienhaidao", "cntt", "vpdkdd"],
    3: ["quantrac", "ptqd", "dangbo", "congdoan", "doanthanhnien"],
}

S = InspectionScope
# (unit slug, month, member numbers, scope, note)
PLAN_2025 = [
    ("moitruong", 3, [1, 2], [S.EMULATION, S.EXEMPLARS], "Kiểm tra việc bồi dưỡng 02 điển hình."),
    ("vpdkdd", 4, [2], [S.EXEMPLARS, S.PROPAGATION], ""),
    ("qldd", 6, [1], [S.EMULATION, S.REPORTS], "Kết hợp kiểm tra chế độ báo cáo 6 tháng."),
    ("doanthanhnien", 9, [3], [S.PROPAGATION], "Chuyên mục thanh niên tiên tiến."),
    ("quantrac", 10, [3], [S.EMULATION, S.EXEMPLARS], ""),
    ("cntt", 11, [2], [S.PROPAGATION, S.REPORTS], "Kiểm tra chuyên mục điển hình trên cổng."),
    ("thanhtra", 11, [1], [S.EMULATION], ""),
]


# The current year's plan: (unit slug, months from now's month, members, scope, note);
# the visits of the months before now are recorded by the inspections demo.
LIVE_PLAN = [
    ("khtc", -3, [1], [S.EMULATION, S.REPORTS], "Kiểm tra chế độ báo cáo và hồ sơ thi đua."),
    ("cntt", -2, [2], [S.EXEMPLARS, S.PROPAGATION], "Chuyên mục điển hình trên cổng."),
    ("vpdkdd", 0, [2], [S.EXEMPLARS], "Kiểm tra việc bồi dưỡng điển hình tập thể."),
    ("dangbo", 0, [3], [S.EMULATION], ""),
    ("moitruong", 1, [1, 2], [S.EMULATION, S.EXEMPLARS], "Kiểm tra kết quả bồi dưỡng cuối năm."),
]


def live_plan_month(today: date, months: int) -> int:
    """The month `months` after today's, kept inside today's year."""
    return min(12, max(1, today.month + months))


def demo_units(org: Organization) -> dict[str, Unit]:
    names = {name: slug for slug, name, _kind in UNITS}
    units = db.session.scalars(select(Unit).where(Unit.organization_id == org.id)).all()
    return {names[u.name]: u for u in units if u.name in names}


def demo_members(org: Organization) -> dict[int, User]:
    result = {}
    for n in (1, 2, 3):
        user = db.session.scalar(select(User).where(User.email == council_email(n)))
        if user is not None and user.organization_id == org.id:
            result[n] = user
    return result


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    units, members = demo_units(org), demo_members(org)
    if not units or len(members) < 3:
        return
    today = local_day(now)
    assignments = dict(HISTORY_ASSIGNMENTS)
    assignments.setdefault(today.year, LIVE_ASSIGNMENTS)
    _assignments(org, units, members, assignments)
    plan = [(slug, 2025, month, *rest) for slug, month, *rest in PLAN_2025]
    if today.year > 2025:
        plan += [
            (slug, today.year, live_plan_month(today, months), *rest)
            for slug, months, *rest in LIVE_PLAN
        ]
    _plan(org, units, members, plan)
    db.session.flush()


def _assignments(org, units, members, assignments) -> None:
    existing = {
        (a.year, a.unit_id, a.user_id)
        for a in db.session.scalars(
            select(CouncilAssignment).where(CouncilAssignment.organization_id == org.id)
        )
    }
    for year, by_member in assignments.items():
        for n, slugs in by_member.items():
            for slug in slugs:
                key = (year, units[slug].id, members[n].id)
                if key not in existing:
                    db.session.add(
                        CouncilAssignment(
                            organization_id=org.id, year=year, unit_id=key[1], user_id=key[2]
                        )
                    )
    db.session.flush()


def _plan(org, units, members, plan) -> None:
    for slug, year, month, numbers, scope, note in plan:
        unit = units[slug]
        exists = db.session.scalar(
            select(SupervisionPlanItem.id).where(
                SupervisionPlanItem.unit_id == unit.id,
                SupervisionPlanItem.year == year,
                SupervisionPlanItem.month == month,
            )
        )
        if exists is not None:
            continue
        item = SupervisionPlanItem(
            organization_id=org.id,
            unit_id=unit.id,
            year=year,
            month=month,
            scope=[s.value for s in scope],
            note=note,
        )
        item.members = [
            SupervisionPlanMember(unit_id=unit.id, user_id=members[n].id) for n in numbers
        ]
        db.session.add(item)
