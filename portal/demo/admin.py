"""Demo administration data: the former names of two demo units, renamed by the Office."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from portal.accounts.models import User
from portal.demo.department import OFFICE_EMAIL
from portal.extensions import db
from portal.organizations.models import Organization, Unit, UnitNameHistory

# (current name, former name, when the Office recorded the change)
RENAMES = [
    (
        "Văn phòng Đăng ký đất đai",
        "Văn phòng Đăng ký quyền sử dụng đất",
        datetime(2023, 2, 15, 2, 0, tzinfo=UTC),
    ),
    (
        "Trung tâm Công nghệ thông tin TN&MT",
        "Trung tâm Công nghệ thông tin",
        datetime(2023, 3, 1, 2, 0, tzinfo=UTC),
    ),
]


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    """Add each former name once; the units keep their current names."""
    office = db.session.scalar(select(User).where(User.email == OFFICE_EMAIL))
    for current, former, when in RENAMES:
        unit = db.session.scalar(
            select(Unit).where(Unit.organization_id == org.id, Unit.name == current)
        )
        if unit is None:
            continue
        exists = db.session.scalar(
            select(UnitNameHistory.id).where(
                UnitNameHistory.unit_id == unit.id, UnitNameHistory.old_name == former
            )
        )
        if exists is None:
            db.session.add(
                UnitNameHistory(
                    unit_id=unit.id,
                    old_name=former,
                    new_name=current,
                    changed_at=when,
                    changed_by_id=office.id if office else None,
                )
            )
    db.session.flush()
