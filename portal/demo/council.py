"""Demo council work: the three demo members assigned to units for 2024 and 2025,
and the 2025 supervision plan. Idempotent: existing rows are kept."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import CouncilAssignment, User
from portal.demo.department import UNITS, council_email
from portal.extensions import db
from portal.inspections.models import InspectionScope, SupervisionPlanItem, SupervisionPlanMember
from portal.organizations.models import Organization, Unit

# Member number -> unit slugs, per year (a unit may have two members, e.g. Phòng Môi trường).
ASSIGNMENTS = {
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


def seed(org: Organization, password: str) -> None:
    units, members = demo_units(org), demo_members(org)
    if not units or len(members) < 3:
        return
    _assignments(org, units, members)
    _plan(org, units, members)
    db.session.flush()


def _assignments(org, units, members) -> None:
    existing = {
        (a.year, a.unit_id, a.user_id)
        for a in db.session.scalars(
            select(CouncilAssignment).where(CouncilAssignment.organization_id == org.id)
        )
    }
    for year, by_member in ASSIGNMENTS.items():
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


def _plan(org, units, members) -> None:
    for slug, month, numbers, scope, note in PLAN_2025:
        unit = units[slug]
        exists = db.session.scalar(
            select(SupervisionPlanItem.id).where(
                SupervisionPlanItem.unit_id == unit.id,
                SupervisionPlanItem.year == 2025,
                SupervisionPlanItem.month == month,
            )
        )
        if exists is not None:
            continue
        item = SupervisionPlanItem(
            organization_id=org.id,
            unit_id=unit.id,
            year=2025,
            month=month,
            scope=[s.value for s in scope],
            note=note,
        )
        item.members = [
            SupervisionPlanMember(unit_id=unit.id, user_id=members[n].id) for n in numbers
        ]
        db.session.add(item)
