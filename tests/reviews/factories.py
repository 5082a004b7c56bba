"""Builders shared by the tests of reviewed records (self-assessments, annual reports)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from portal.annualreports.models import AnnualReport
from portal.annualreports.services import create_report
from portal.assessments.models import SelfAssessment
from portal.assessments.services import create_assessment
from portal.criteria.models import CriteriaAudience, CriteriaItem, CriteriaSet
from portal.extensions import db
from portal.reviews.services import transition
from portal.reviews.states import ReviewAction

# (title, weight, max score, required)
DEFAULT_ITEMS = [
    ("Xây dựng kế hoạch phát hiện, bồi dưỡng điển hình", "2", 10, True),
    ("Tổ chức phong trào thi đua gắn với nhiệm vụ chuyên môn", "1", 10, True),
    ("Tuyên truyền, nhân rộng điển hình", "1", 5, False),
]


def make_criteria(
    period, items=DEFAULT_ITEMS, audience=CriteriaAudience.COLLECTIVE, version=1, is_current=True
) -> CriteriaSet:
    criteria = CriteriaSet(
        organization_id=period.organization_id,
        period_id=period.id,
        audience=audience,
        version=version,
        title=f"Tiêu chuẩn tập thể điển hình tiên tiến (v{version})",
        is_current=is_current,
    )
    for position, (title, weight, max_score, required) in enumerate(items):
        criteria.items.append(
            CriteriaItem(
                title=title,
                weight=Decimal(weight),
                max_score=max_score,
                required=required,
                position=position,
            )
        )
    db.session.add(criteria)
    db.session.commit()
    return criteria


def make_assessment(world, unit=None, year=2024, scores=None) -> SelfAssessment:
    """A draft of `unit` (unit_a) for `year`; `scores` sets self-scores in item order."""
    assessment = create_assessment((unit or world.unit_a).id, world.period, year)
    for item, score in zip(assessment.items, scores or [], strict=False):
        item.self_score = None if score is None else Decimal(str(score))
    db.session.commit()
    return assessment


def make_report(world, unit=None, year=2024) -> AnnualReport:
    report = create_report((unit or world.unit_a).id, world.period, year)
    db.session.commit()
    return report


def at(year, month, day, hour=9) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def move(record, action, user, reason="", when=None, target=None):
    event = transition(record, ReviewAction(action), user, reason=reason, at=when, target=target)
    db.session.commit()
    return event
