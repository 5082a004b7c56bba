"""The demo council work and inspections: seeded once, every state present, one overdue."""

from __future__ import annotations

from datetime import datetime

from portal import demo
from portal.accounts.models import CouncilAssignment
from portal.demo.department import council_email
from portal.extensions import db
from portal.formatting import VN_TZ
from portal.inspections.models import (
    FindingStatus,
    Inspection,
    InspectionFinding,
    SupervisionPlanItem,
)
from portal.inspections.services import is_overdue
from portal.tenancy import visible_unit_ids

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=VN_TZ)


def _seed():
    # Only this capability's demos (with the core demo they build on), on a pinned day.
    return demo.seed("demo-password", parts=(demo.council, demo.inspections), now=NOW)


def test_demo_is_complete_and_idempotent(app):
    _seed()
    counts = (
        db.session.scalar(db.select(db.func.count(CouncilAssignment.id))),
        db.session.scalar(db.select(db.func.count(SupervisionPlanItem.id))),
        db.session.scalar(db.select(db.func.count(Inspection.id))),
        db.session.scalar(db.select(db.func.count(InspectionFinding.id))),
    )
    _seed()
    again = (
        db.session.scalar(db.select(db.func.count(CouncilAssignment.id))),
        db.session.scalar(db.select(db.func.count(SupervisionPlanItem.id))),
        db.session.scalar(db.select(db.func.count(Inspection.id))),
        db.session.scalar(db.select(db.func.count(InspectionFinding.id))),
    )
    assert counts == again and all(counts)
    years = set(db.session.scalars(db.select(CouncilAssignment.year)))
    assert years == {2024, 2025, 2026}
    assert set(db.session.scalars(db.select(SupervisionPlanItem.year))) == {2025, 2026}
    findings = db.session.scalars(db.select(InspectionFinding)).all()
    assert {f.status for f in findings} == set(FindingStatus)
    assert sum(is_overdue(f, NOW.date()) for f in findings) == 1
    inspections = db.session.scalars(db.select(Inspection)).all()
    assert {i.year for i in inspections} == {2024, 2025, 2026}
    # The history's findings are all dealt with; this year's are in every state.
    assert {f.status for f in findings if f.inspection.year < 2026} == {FindingStatus.CLOSED}
    assert all(i.inspection_date <= NOW.date() for i in inspections)
    assert any(i.is_signed_off for i in inspections) and any(
        not i.is_signed_off for i in inspections
    )


def test_demo_members_see_their_units(app):
    from portal.accounts.models import User

    _seed()
    member = db.session.scalar(db.select(User).where(User.email == council_email(1)))
    inspections = db.session.scalars(db.select(Inspection)).all()
    visible = visible_unit_ids(member)
    led = [i for i in inspections if i.lead_inspector_id == member.id]
    assert led and all(i.unit_id in visible for i in led)
    assert len(visible) < 14  # assigned units only
