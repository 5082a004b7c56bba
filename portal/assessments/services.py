"""The rules of self-assessments: creation against the period's criteria, scores,
the Office's review scores, and what blocks a submission."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from portal.accounts.models import User
from portal.assessments.models import SelfAssessment, SelfAssessmentItem
from portal.assessments.scoring import ScoreLine, difference, weighted_total
from portal.criteria.models import CriteriaAudience, CriteriaSet
from portal.evidence.models import Attachment
from portal.extensions import db
from portal.periods.models import PlanPeriod
from portal.reviews.models import ReviewEvent
from portal.reviews.states import EDITABLE_STATES
from portal.rules import RuleError


@dataclass(frozen=True)
class ScoreEntry:
    item_id: int
    score: Decimal | None
    comment: str


def current_collective_set(period: PlanPeriod) -> CriteriaSet | None:
    """The criteria set in force for collectives (units are collectives) in `period`."""
    return db.session.scalar(
        select(CriteriaSet)
        .where(
            CriteriaSet.period_id == period.id,
            CriteriaSet.audience == CriteriaAudience.COLLECTIVE,
            CriteriaSet.is_current.is_(True),
        )
        .order_by(CriteriaSet.version.desc())
        .limit(1)
    )


def find_assessment(unit_id: int, period_id: int, year: int) -> SelfAssessment | None:
    return db.session.scalar(
        select(SelfAssessment).where(
            SelfAssessment.unit_id == unit_id,
            SelfAssessment.period_id == period_id,
            SelfAssessment.year == year,
        )
    )


def create_assessment(unit_id: int, period: PlanPeriod, year: int) -> SelfAssessment:
    """A draft for `unit_id` and `year` with one item per criterion. The caller commits."""
    if year not in period.years:
        raise RuleError(
            _("Năm %(year)s không thuộc kỳ kế hoạch %(period)s.", year=year, period=period.name)
        )
    if find_assessment(unit_id, period.id, year) is not None:
        raise RuleError(_("Đơn vị đã có bản tự đánh giá năm %(year)s.", year=year))
    criteria = current_collective_set(period)
    if criteria is None or not criteria.items:
        raise RuleError(_("Kỳ kế hoạch chưa có bộ tiêu chuẩn cho tập thể."))
    assessment = SelfAssessment(
        unit_id=unit_id, period_id=period.id, year=year, criteria_set_id=criteria.id
    )
    for criterion in criteria.items:
        assessment.items.append(
            SelfAssessmentItem(
                unit_id=unit_id, criteria_item_id=criterion.id, position=criterion.position
            )
        )
    db.session.add(assessment)
    db.session.flush()
    return assessment


def check_score(item: SelfAssessmentItem, score: Decimal | None) -> str | None:
    """A message when `score` is outside 0..max of the item's criterion."""
    if score is None:
        return None
    maximum = item.criteria_item.max_score
    if score < 0 or score > maximum:
        return _("Điểm phải từ 0 đến %(max)s.", max=maximum)
    return None


def _apply_entries(assessment: SelfAssessment, entries: list[ScoreEntry], fields: tuple[str, str]):
    items = {item.id: item for item in assessment.items}
    for entry in entries:
        item = items.get(entry.item_id)
        if item is None:
            raise RuleError(_("Tiêu chí không thuộc bản tự đánh giá này."))
        problem = check_score(item, entry.score)
        if problem:
            raise RuleError(f"{item.criteria_item.title}: {problem}")
        setattr(item, fields[0], entry.score)
        setattr(item, fields[1], (entry.comment or "").strip())


def save_self_scores(
    assessment: SelfAssessment, entries: list[ScoreEntry], general_comment: str
) -> None:
    """The unit's scores and comments (only while it may edit). The caller commits."""
    if not assessment.is_editable:
        raise RuleError(_("Bản tự đánh giá không còn được chỉnh sửa."))
    _apply_entries(assessment, entries, ("self_score", "self_comment"))
    assessment.general_comment = (general_comment or "").strip()


def save_office_scores(
    assessment: SelfAssessment, entries: list[ScoreEntry], office_comment: str
) -> None:
    """The Office's own scores, while the assessment is under review. The caller commits."""
    from portal.reviews.states import UNDER_REVIEW_STATES

    if assessment.state not in UNDER_REVIEW_STATES:
        raise RuleError(_("Chỉ chấm điểm thẩm định khi bản tự đánh giá đang chờ xem xét."))
    _apply_entries(assessment, entries, ("office_score", "office_comment"))
    assessment.office_comment = (office_comment or "").strip()


def unscored_required_titles(assessment: SelfAssessment) -> list[str]:
    return [
        item.criteria_item.title
        for item in assessment.items
        if item.criteria_item.required and item.self_score is None
    ]


def submission_problems(assessment: SelfAssessment) -> list[str]:
    missing = unscored_required_titles(assessment)
    if not missing:
        return []
    return [_("Chưa chấm điểm các tiêu chí bắt buộc: %(items)s.", items="; ".join(missing))]


@dataclass(frozen=True)
class ComparisonRow:
    item: SelfAssessmentItem
    difference: Decimal | None


@dataclass(frozen=True)
class Comparison:
    rows: list[ComparisonRow]
    self_total: Decimal | None
    office_total: Decimal | None
    total_difference: Decimal | None


def self_total(assessment: SelfAssessment) -> Decimal | None:
    return weighted_total(_lines(assessment.items, "self_score"))


def office_total(assessment: SelfAssessment) -> Decimal | None:
    """The Office's total, once it has scored at least one item."""
    if all(item.office_score is None for item in assessment.items):
        return None
    return weighted_total(_lines(assessment.items, "office_score"))


def _lines(items: list[SelfAssessmentItem], field: str) -> list[ScoreLine]:
    return [
        ScoreLine(
            score=getattr(item, field),
            max_score=item.criteria_item.max_score,
            weight=item.criteria_item.weight,
            required=item.criteria_item.required,
        )
        for item in items
    ]


def compare(assessment: SelfAssessment) -> Comparison:
    """The unit's and the Office's scores side by side, item by item and in total."""
    rows = [
        ComparisonRow(item=item, difference=difference(item.self_score, item.office_score))
        for item in assessment.items
    ]
    unit_total, office = self_total(assessment), office_total(assessment)
    return Comparison(rows, unit_total, office, difference(unit_total, office))


class SelfAssessmentReview:
    """The review workflow's adapter for a self-assessment (portal.reviews.adapters)."""

    def title(self, assessment: SelfAssessment) -> str:
        unit_name = assessment.unit.name if assessment.unit else ""
        return _("Bản tự đánh giá năm %(year)s của %(unit)s", year=assessment.year, unit=unit_name)

    def path(self, assessment: SelfAssessment) -> str:
        return url_for("assessments.view", assessment_id=assessment.id, _external=False)

    def submission_problems(self, assessment: SelfAssessment) -> list[str]:
        return submission_problems(assessment)

    def after_transition(self, assessment: SelfAssessment, event: ReviewEvent) -> None:
        pass


def evidence_locked(attachment: Attachment, _actor: User) -> bool:
    """Evidence of an item can be removed only while the unit may edit the assessment."""
    item = db.session.get(SelfAssessmentItem, attachment.owner_id)
    return item is not None and item.assessment.state not in EDITABLE_STATES
