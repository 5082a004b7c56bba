"""The national-scale data set of bench/pages.py: 34 departments, ~700 units, ~20,000
people, ~10,000 exemplars, 100,000+ activity rows (events, fostering, propagation,
training), inspections and findings, and an audit log to match.

Every department gets the national density (about 21 units, 590 people, 294 exemplars
each) with Core bulk inserts (no password hashing, no ORM flush, no audit listener):
the pages are read per department, so the measured one must look like any other, and
the tables as a whole must be as large as the country's. `scale` shrinks the number
of departments (never the density of one).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select

from portal.accounts.models import Role, RoleMembership, User
from portal.audit import AuditLog
from portal.exemplars.models import (
    Exemplar,
    ExemplarEvent,
    ExemplarKind,
    ExemplarStatus,
    FosteringAction,
    FosteringStatus,
    SupportType,
)
from portal.extensions import db
from portal.inspections.models import (
    FindingSeverity,
    FindingStatus,
    Inspection,
    InspectionFinding,
    InspectionMethod,
)
from portal.organizations.models import Organization, Unit, UnitKind
from portal.periods.models import PlanPeriod
from portal.propagation.models import ActivityType, Channel, PropagationActivity
from portal.training.models import TrainingRecord

DEPARTMENTS = 34
UNITS = 21  # per department: 34 x 21 = 714
PEOPLE_PER_UNIT = 28  # 21 x 28 = 588 per department, ~20,000 in all
EXEMPLARS_PER_UNIT = 14  # 294 per department, ~10,000 in all
EVENTS_PER_EXEMPLAR = 3
ACTIONS_PER_EXEMPLAR = 3
ACTIVITIES_PER_UNIT = 48  # propagation
TRAINING_PER_UNIT = 30
INSPECTIONS_PER_UNIT = 3
FINDINGS_PER_INSPECTION = 3
AUDIT_PER_EXEMPLAR = 15
YEARS = (2023, 2024, 2025)
CHUNK = 5000


@dataclass
class Totals:
    organizations: int = 0
    units: int = 0
    users: int = 0
    exemplars: int = 0
    activity: int = 0
    findings: int = 0
    audit: int = 0

    def add(self, other: Totals) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def bulk(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(model), rows[start : start + CHUNK])


def ids_of(model, *where) -> list[int]:
    return list(db.session.scalars(select(model.id).where(*where).order_by(model.id)))


def fill_nation(scale: float = 1.0, seed: int = 18) -> Totals:
    """Departments with their units and everything in them (the world's own department
    is filled by `fill_department`, called by the benchmark)."""
    totals = Totals()
    rng = random.Random(seed)
    for n in range(max(1, round(DEPARTMENTS * scale)) - 1):  # the world's is the last one
        org = Organization(name=f"Sở thử nghiệm số {n:02d}", province=f"Tỉnh {n:02d}")
        db.session.add(org)
        db.session.flush()
        db.session.add(
            PlanPeriod(
                organization_id=org.id,
                name="2023-2025",
                start_year=2023,
                end_year=2025,
                is_current=True,
            )
        )
        bulk(
            Unit,
            [
                {"organization_id": org.id, "name": f"Đơn vị {u:02d} Sở {n:02d}", "kind": kind}
                for u in range(UNITS)
                for kind in [list(UnitKind)[u % 3]]
            ],
        )
        totals.organizations += 1
        totals.add(fill_department(org.id, ids_of(Unit, Unit.organization_id == org.id), rng))
        db.session.commit()
    return totals


def fill_department(org_id: int, unit_ids: list[int], rng: random.Random) -> Totals:
    """National density in one department's `unit_ids`: people, exemplars, activity,
    inspections, audit."""
    totals = Totals(units=len(unit_ids))
    people = _people(org_id, unit_ids)
    totals.users = sum(len(p) for p in people.values())
    exemplars = _exemplars(unit_ids, rng)
    totals.exemplars = len(exemplars)
    totals.activity = _activity(unit_ids, exemplars, people, rng)
    totals.findings = _inspections(unit_ids, people, rng)
    totals.audit = _audit(org_id, exemplars, people, rng)
    return totals


def _people(org_id: int, unit_ids: list[int]) -> dict[int, list[int]]:
    """Unit id -> its people's ids (the first two are its coordinators)."""
    first = db.session.scalar(select(db.func.max(User.id))) or 0
    bulk(
        User,
        [
            {
                "organization_id": org_id,
                "email": f"cb{k}.dv{unit}.s{org_id}@national.example.vn",
                "full_name": f"Cán bộ {k} đơn vị {unit}",
                "password_hash": "",
                "active": True,
            }
            for unit in unit_ids
            for k in range(PEOPLE_PER_UNIT)
        ],
    )
    made = ids_of(User, User.organization_id == org_id, User.id > first)
    people = {
        unit: made[i * PEOPLE_PER_UNIT : (i + 1) * PEOPLE_PER_UNIT]
        for i, unit in enumerate(unit_ids)
    }
    bulk(
        RoleMembership,
        [
            {"user_id": user, "role": Role.COORDINATOR if k < 2 else Role.STAFF, "unit_id": unit}
            for unit, users in people.items()
            for k, user in enumerate(users)
        ],
    )
    return people


def _exemplars(unit_ids: list[int], rng: random.Random) -> list[tuple[int, int]]:
    """(exemplar id, unit id) of the new exemplars."""
    first = db.session.scalar(select(db.func.max(Exemplar.id))) or 0
    statuses = list(ExemplarStatus)
    rows = []
    for unit in unit_ids:
        for k in range(EXEMPLARS_PER_UNIT):
            status = statuses[k % len(statuses)]
            year = YEARS[k % 3]
            rows.append(
                {
                    "unit_id": unit,
                    "kind": ExemplarKind.COLLECTIVE if k % 2 else ExemplarKind.INDIVIDUAL,
                    "name": f"Điển hình {k:02d} của đơn vị {unit}",
                    "achievements": "Hoàn thành xuất sắc nhiệm vụ. " * rng.randint(2, 6),
                    "year_identified": year,
                    "year_recognised": year
                    if status in (ExemplarStatus.RECOGNISED, ExemplarStatus.REPLICATED)
                    else None,
                    "status": status,
                }
            )
    bulk(Exemplar, rows)
    made = list(
        db.session.execute(
            select(Exemplar.id, Exemplar.unit_id).where(Exemplar.id > first).order_by(Exemplar.id)
        )
    )
    return [(row.id, row.unit_id) for row in made]


def _day(rng: random.Random) -> date:
    return date(2023, 1, 1) + timedelta(days=rng.randrange(3 * 365))


def _activity(unit_ids, exemplars, people, rng: random.Random) -> int:
    statuses = list(ExemplarStatus)
    events = [
        {
            "unit_id": unit,
            "exemplar_id": exemplar,
            "actor_id": people[unit][0],
            "occurred_on": _day(rng),
            "from_status": statuses[k],
            "to_status": statuses[k + 1],
        }
        for exemplar, unit in exemplars
        for k in range(EVENTS_PER_EXEMPLAR)
    ]
    actions = [
        {
            "unit_id": unit,
            "exemplar_id": exemplar,
            "support_type": list(SupportType)[k % 6],
            "description": "Hỗ trợ tài liệu, tập huấn chuyên môn cho điển hình",
            "owner_user_id": people[unit][1],
            "due_date": _day(rng),
            "status": list(FosteringStatus)[(exemplar + k) % 4],
        }
        for exemplar, unit in exemplars
        for k in range(ACTIONS_PER_EXEMPLAR)
    ]
    activities = [
        {
            "unit_id": unit,
            "activity_date": _day(rng),
            "activity_type": list(ActivityType)[k % 8],
            "channel": list(Channel)[k % 2],
            "title": f"Tuyên truyền gương điển hình số {k}",
            "audience_reached": rng.randint(20, 500),
            "created_by_id": people[unit][0],
        }
        for unit in unit_ids
        for k in range(ACTIVITIES_PER_UNIT)
    ]
    training = [
        {
            "unit_id": unit,
            "person_name": f"Cán bộ {k}",
            "person_user_id": people[unit][k % PEOPLE_PER_UNIT],
            "course": "Bồi dưỡng nghiệp vụ công tác thi đua, khen thưởng",
            "start_date": (start := _day(rng)),
            "end_date": start + timedelta(days=2),
            "hours": 16.0,
        }
        for unit in unit_ids
        for k in range(TRAINING_PER_UNIT)
    ]
    for model, rows in (
        (ExemplarEvent, events),
        (FosteringAction, actions),
        (PropagationActivity, activities),
        (TrainingRecord, training),
    ):
        bulk(model, rows)
    return len(events) + len(actions) + len(activities) + len(training)


def _inspections(unit_ids, people, rng: random.Random) -> int:
    first = db.session.scalar(select(db.func.max(Inspection.id))) or 0
    bulk(
        Inspection,
        [
            {
                "unit_id": unit,
                "inspection_date": date(year, 6, 1),
                "year": year,
                "scope": ["propagation"],
                "method": InspectionMethod.ON_SITE,
                "lead_inspector_id": people[unit][0],
            }
            for unit in unit_ids
            for year in YEARS[:INSPECTIONS_PER_UNIT]
        ],
    )
    made = db.session.execute(
        select(Inspection.id, Inspection.unit_id).where(Inspection.id > first)
    ).all()
    findings = [
        {
            "unit_id": unit,
            "inspection_id": inspection,
            "severity": list(FindingSeverity)[k % 3],
            "finding": "Chưa cập nhật đầy đủ hồ sơ theo dõi điển hình",
            "action_owner_user_id": people[unit][1],
            "due_date": _day(rng),
            "status": list(FindingStatus)[(inspection + k) % 4],
        }
        for inspection, unit in made
        for k in range(FINDINGS_PER_INSPECTION)
    ]
    bulk(InspectionFinding, findings)
    return len(findings)


def _audit(org_id: int, exemplars, people, rng: random.Random) -> int:
    start = datetime(2023, 1, 1, tzinfo=UTC)
    rows = [
        {
            "at": start + timedelta(minutes=rng.randrange(3 * 365 * 24 * 60)),
            "organization_id": org_id,
            "actor_id": people[unit][k % 3],
            "action": "create" if k == 0 else "update",
            "object_type": "exemplar",
            "object_id": str(exemplar),
            "unit_id": unit,
            "changes": {"status": ["candidate", "fostering"]} if k else {"name": "Điển hình"},
            "request_id": f"bench-{exemplar}-{k}",
        }
        for exemplar, unit in exemplars
        for k in range(AUDIT_PER_EXEMPLAR)
    ]
    bulk(AuditLog, rows)
    return len(rows)
