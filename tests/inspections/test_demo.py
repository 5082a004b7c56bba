"""The demo council work and inspections: seeded once, every state present, one overdue."""

from __future__ import annotations

from portal import demo
from portal.accounts.models import CouncilAssignment
from portal.demo.department import council_email
from portal.extensions import db
from portal.inspections.models import (
    FindingStatus,
    Inspection,
    InspectionFinding,
    SupervisionPlanItem,
)
from portal.inspections.services import is_overdue
from portal.tenancy import visible_unit_ids


def _seed():
    # Only this capability's demos (with the core demo they build on).
    return demo.seed("demo-password", parts=(demo.council, demo.inspections))


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
    assert years == {2024, 2025}
    assert set(db.session.scalars(db.select(SupervisionPlanItem.year))) == {2025}
    findings = db.session.scalars(db.select(InspectionFinding)).all()
    assert {f.status for f in findings} == set(FindingStatus)
    assert sum(is_overdue(f) for f in findings) == 1
    inspections = db.session.scalars(db.select(Inspection)).all()
    assert {i.year for i in inspections} == {2024, 2025}
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
