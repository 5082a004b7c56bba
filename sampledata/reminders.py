"""Bulk data for the reminder sweep benchmark: an organization, units, coordinators, a deadline.

Rows go in with Core bulk inserts (no password hashing, no audit): the
benchmarks measure the reminder path, not the making of test data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select

from portal.accounts.models import Role, RoleMembership, User
from portal.deadlines.models import CompletionMode, Deadline, DeadlineKind
from portal.extensions import db
from portal.organizations.models import Organization, Unit, UnitKind
from portal.periods.models import PlanPeriod

EMAIL_DOMAIN = "bench.stnmt.example.vn"


@dataclass(frozen=True)
class BenchData:
    organization_id: int
    deadline_id: int
    unit_ids: list[int]
    recipients: int


def generate(units: int, coordinators_per_unit: int, due_at: datetime) -> BenchData:
    """`units` units with `coordinators_per_unit` coordinators each, and one deadline
    for all of them due at `due_at`. Returns what was made."""
    org = Organization(name="Sở Tài nguyên và Môi trường (benchmark)", province="Quảng Bình")
    db.session.add(org)
    db.session.flush()
    period = PlanPeriod(
        organization_id=org.id, name="2023-2025", start_year=2023, end_year=2025, is_current=True
    )
    db.session.add(period)
    db.session.execute(
        insert(Unit),
        [
            {
                "organization_id": org.id,
                "name": f"Đơn vị thử nghiệm số {n:05d}",
                "kind": UnitKind.DIVISION,
                "is_active": True,
            }
            for n in range(units)
        ],
    )
    unit_ids = list(
        db.session.scalars(select(Unit.id).where(Unit.organization_id == org.id).order_by(Unit.id))
    )
    people = [
        {
            "organization_id": org.id,
            "email": f"thidua{k}.dv{n}@{EMAIL_DOMAIN}",
            "full_name": f"Cán bộ thi đua {k} đơn vị {n}",
            "password_hash": "",
            "active": True,
        }
        for n in range(units)
        for k in range(coordinators_per_unit)
    ]
    for start in range(0, len(people), 5000):
        db.session.execute(insert(User), people[start : start + 5000])
    user_ids = list(
        db.session.scalars(select(User.id).where(User.organization_id == org.id).order_by(User.id))
    )
    roles = [
        {
            "user_id": user_id,
            "role": Role.COORDINATOR,
            "unit_id": unit_ids[index // coordinators_per_unit],
        }
        for index, user_id in enumerate(user_ids)
    ]
    for start in range(0, len(roles), 5000):
        db.session.execute(insert(RoleMembership), roles[start : start + 5000])
    deadline = Deadline(
        organization_id=org.id,
        period_id=period.id,
        kind=DeadlineKind.OTHER,
        year=2025,
        title="Báo cáo sơ kết phong trào thi đua",
        due_at=due_at,
        completion_mode=CompletionMode.MANUAL,
        all_units=True,
    )
    db.session.add(deadline)
    db.session.commit()
    return BenchData(org.id, deadline.id, unit_ids, len(user_ids))


def due_in(now: datetime, days: int) -> datetime:
    return now + timedelta(days=days)
