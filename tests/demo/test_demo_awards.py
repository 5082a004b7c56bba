"""The demo's award decisions: drafted from the closed rounds of the history, those of
2024 issued, and nothing added by a second run."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from portal import demo
from portal.awards.models import AwardDecision, AwardRecipient, DecisionSource, DecisionStatus
from portal.extensions import db


def test_the_history_rounds_have_their_decisions_and_a_second_run_adds_none(app):
    now = datetime(2026, 12, 3, 5, tzinfo=UTC)
    demo.seed("demo-pass", now=now)
    db.session.commit()
    decisions = db.session.scalars(select(AwardDecision).order_by(AwardDecision.id)).all()
    assert decisions and all(d.source == DecisionSource.ROUND for d in decisions)
    issued = [d for d in decisions if d.status == DecisionStatus.ISSUED]
    assert issued and {d.year for d in issued} == {2024}
    assert all(d.number.endswith("/QĐ-STNMT") and d.recipients for d in issued)
    assert {d.year for d in decisions if d.status == DecisionStatus.DRAFT} == {2025}
    counts = (
        db.session.scalar(select(func.count(AwardDecision.id))),
        db.session.scalar(select(func.count(AwardRecipient.id))),
    )
    demo.seed("demo-pass", now=now)
    db.session.commit()
    assert counts == (
        db.session.scalar(select(func.count(AwardDecision.id))),
        db.session.scalar(select(func.count(AwardRecipient.id))),
    )
