"""The demo of self-assessments and annual reports: realistic states, idempotent.
One test, because seeding the demo department (45 accounts) is slow."""

from __future__ import annotations

from datetime import datetime

from portal import demo
from portal.annualreports.models import AnnualReport
from portal.assessments.matrix import build_matrix
from portal.assessments.models import SelfAssessment
from portal.extensions import db
from portal.formatting import VN_TZ
from portal.models_base import as_utc
from portal.organizations.models import Unit
from portal.reviews.deadlines import Punctuality
from portal.reviews.models import ReviewEvent
from portal.reviews.states import ReviewState

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=VN_TZ)


def _states(model, year):
    rows = db.session.scalars(db.select(model).where(model.year == year)).all()
    return sorted(str(r.state) for r in rows)


def _counts():
    return tuple(db.session.query(m).count() for m in (SelfAssessment, AnnualReport, ReviewEvent))


def test_demo(app):
    # Only the capabilities the demo records build on, so that this test is about them.
    parts = (demo.criteria, demo.exemplars, demo.deadlines, demo.assessments, demo.annualreports)
    org = demo.seed("demo-password-1", parts=parts, now=NOW)

    # 2023-2025 is history: every record there accepted in the end, a few units never
    # reported; this year's records are in every state of the review.
    assert _states(SelfAssessment, 2023) == ["accepted"] * 13
    assert _states(SelfAssessment, 2025) == ["accepted"] * 12
    states_now = _states(SelfAssessment, 2026)
    assert {"accepted", "returned", "submitted", "resubmitted", "draft"} <= set(states_now)
    assert _states(AnnualReport, 2026) == states_now
    returned = db.session.scalars(
        db.select(SelfAssessment).where(SelfAssessment.state == ReviewState.RETURNED)
    ).all()
    assert returned and all(r.return_reason for r in returned)
    accepted = db.session.scalars(
        db.select(AnnualReport).where(AnnualReport.state == ReviewState.ACCEPTED)
    ).all()
    assert accepted and all(r.snapshot and r.snapshot["year"] == r.year for r in accepted)
    # Nothing happened after "now".
    events = db.session.scalars(db.select(ReviewEvent)).all()
    assert events and max(as_utc(e.at) for e in events) < as_utc(NOW)

    # The matrix has submissions on time and late, and a unit with nothing for 2024.
    units = db.session.scalars(db.select(Unit).where(Unit.organization_id == org.id)).all()
    period = db.session.scalar(db.select(SelfAssessment).where(SelfAssessment.year == 2024)).period
    cells = [row.assessments[2024].punctuality for row in build_matrix(units, period)]
    assert {Punctuality.ON_TIME, Punctuality.LATE, Punctuality.OVERDUE} <= set(cells)
    assert cells.count(Punctuality.OVERDUE) <= 3

    # Running the demo again adds nothing.
    before = _counts()
    demo.seed("demo-password-1", parts=parts, now=NOW)
    assert _counts() == before
