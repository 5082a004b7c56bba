"""The demo data of criteria and exemplars: complete, varied, and safe to run twice."""

from __future__ import annotations

import pytest

import portal.demo as demo
from portal.criteria.models import CriteriaSet
from portal.exemplars.models import (
    Exemplar,
    ExemplarEvaluation,
    ExemplarEvaluationScore,
    ExemplarEvent,
    ExemplarStatus,
    FosteringAction,
)
from portal.exemplars.quota import quota_flag, unit_quota
from portal.extensions import db
from portal.organizations.models import Unit


@pytest.fixture
def seeded(app, monkeypatch):
    monkeypatch.setattr("portal.accounts.models.generate_password_hash", lambda *a, **k: "demo")
    return demo.seed("demo", parts=(demo.criteria, demo.exemplars))


def _counts():
    return tuple(
        db.session.scalar(db.select(db.func.count(m.id)))
        for m in (
            CriteriaSet,
            Exemplar,
            ExemplarEvent,
            FosteringAction,
            ExemplarEvaluation,
            ExemplarEvaluationScore,
        )
    )


def test_demo_is_complete_and_idempotent(seeded):
    first = _counts()
    demo.seed("demo", parts=(demo.criteria, demo.exemplars))
    assert _counts() == first
    sets = db.session.scalars(db.select(CriteriaSet)).all()
    assert {s.audience for s in sets} == {"collective", "individual"}
    assert all(len(s.items) >= 6 for s in sets)
    titles = " ".join(i.title for s in sets for i in s.items)
    assert "sáng kiến" in titles.lower() and "lan tỏa" in titles


def test_demo_has_every_status_with_history(seeded):
    statuses = set(db.session.scalars(db.select(Exemplar.status)))
    assert statuses == set(ExemplarStatus)
    years = {e.occurred_on.year for e in db.session.scalars(db.select(ExemplarEvent))}
    assert {2023, 2024, 2025} <= years
    assert db.session.scalar(db.select(db.func.count(ExemplarEvaluationScore.id))) > 20
    dropped = db.session.scalars(db.select(Exemplar).where(Exemplar.status == "dropped")).all()
    assert all(e.drop_reason for e in dropped)
    assert all(e.actor_id for e in db.session.scalars(db.select(ExemplarEvent)))


def test_demo_quota_shows_below_ok_and_above(seeded):
    units = db.session.scalars(db.select(Unit).where(Unit.organization_id == seeded.id)).all()
    counts = unit_quota([u.id for u in units], [2023, 2024, 2025])
    flags = {
        quota_flag(c)
        for (unit_id, _year), c in counts.items()
        if any(counts[(unit_id, y)] for y in (2023, 2024, 2025))
    }
    assert flags == {"below", "ok", "above"}
