"""Evaluations of an exemplar (plan II.4): four aspects scored 1-5, and a score per
item of the criteria set in force for the exemplar's kind in the period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, exists

from portal.accounts.models import User
from portal.criteria.models import CriteriaAudience, CriteriaItem, CriteriaSet
from portal.criteria.services import current_set, items_of
from portal.evidence.services import delete_attachments_of
from portal.exemplars.fostering import ensure_followed
from portal.exemplars.models import (
    Exemplar,
    ExemplarEvaluation,
    ExemplarEvaluationScore,
)
from portal.exemplars.services import ExemplarError
from portal.extensions import db
from portal.formatting import today_vn
from portal.periods.models import current_period
from portal.periods.services import period_for_year

ASPECTS = ("effect", "effectiveness", "development_potential", "influence")
ASPECT_MIN, ASPECT_MAX = 1, 5


def criteria_set_for(exemplar: Exemplar, on: date) -> CriteriaSet | None:
    """The current criteria set of the exemplar's kind, in the period covering `on`
    (else the organization's current period)."""
    org_id = exemplar.unit.organization_id
    period = period_for_year(org_id, on.year) or current_period(org_id)
    if period is None:
        return None
    return current_set(period.id, CriteriaAudience(exemplar.kind.value))


def save_evaluation(
    exemplar: Exemplar,
    *,
    evaluation: ExemplarEvaluation | None = None,
    evaluated_on: date,
    evaluator: User | None,
    aspects: dict[str, int],
    item_scores: dict[int, int | None],
    difficulties: str = "",
    help_given: str = "",
) -> ExemplarEvaluation:
    """Create (or update `evaluation`). A new evaluation is scored against the set
    in force on its date; an edited one keeps the set it was made with. Required
    items must be scored, each from 0 to its maximum. The caller commits."""
    ensure_followed(exemplar)
    if evaluated_on > today_vn():
        raise ExemplarError(_("Ngày đánh giá không được sau hôm nay."), "evaluated_on")
    for name in ASPECTS:
        value = aspects.get(name)
        if value is None or not ASPECT_MIN <= value <= ASPECT_MAX:
            raise ExemplarError(_("Chấm từ 1 đến 5."), name)
    if evaluation is None:
        criteria_set = criteria_set_for(exemplar, evaluated_on)
        items = list(criteria_set.items) if criteria_set else []
        checked = _check_item_scores(items, item_scores)
        evaluation = ExemplarEvaluation(
            unit_id=exemplar.unit_id, criteria_set_id=criteria_set.id if criteria_set else None
        )
    else:
        checked = _check_item_scores(evaluation_items(evaluation), item_scores)
    evaluation.evaluated_on = evaluated_on
    if evaluator is not None:
        evaluation.evaluator_user_id = evaluator.id
    for name in ASPECTS:
        setattr(evaluation, name, aspects[name])
    evaluation.difficulties = (difficulties or "").strip()
    evaluation.help_given = (help_given or "").strip()
    if evaluation not in exemplar.evaluations:
        exemplar.evaluations.append(evaluation)
    _store_scores(evaluation, checked)
    db.session.flush()
    return evaluation


def evaluation_items(evaluation: ExemplarEvaluation) -> list[CriteriaItem]:
    """The criteria items an evaluation is scored on (those of its set version)."""
    if evaluation.criteria_set_id is None:
        return []
    criteria_set = evaluation.criteria_set or db.session.get(
        CriteriaSet, evaluation.criteria_set_id
    )
    return list(criteria_set.items)


def _check_item_scores(items: list[CriteriaItem], scores: dict[int, int | None]) -> dict:
    checked = {}
    for item in items:
        value = scores.get(item.id)
        field = f"item_{item.id}"
        if value is None:
            if item.required:
                raise ExemplarError(_("Tiêu chí bắt buộc: nhập điểm."), field)
            continue
        if not 0 <= value <= item.max_score:
            raise ExemplarError(_("Điểm từ 0 đến %(max)s.", max=item.max_score), field)
        checked[item.id] = value
    return checked


def _store_scores(evaluation: ExemplarEvaluation, checked: dict[int, int]) -> None:
    existing = {s.criteria_item_id: s for s in evaluation.scores}
    for item_id, score in existing.items():
        if item_id not in checked:
            evaluation.scores.remove(score)
    for item_id, value in checked.items():
        if item_id in existing:
            existing[item_id].score = value
        else:
            evaluation.scores.append(
                ExemplarEvaluationScore(
                    unit_id=evaluation.unit_id, criteria_item_id=item_id, score=value
                )
            )


def delete_evaluation(evaluation: ExemplarEvaluation) -> None:
    ensure_followed(evaluation.exemplar)
    delete_attachments_of("exemplar_evaluation", evaluation.id)
    db.session.delete(evaluation)
    db.session.flush()


@dataclass
class ScoreRow:
    """One evaluation in the "scores over time" table."""

    evaluation: ExemplarEvaluation
    average: float
    criteria_percent: float | None
    item_scores: dict[int, int]


def criteria_percent(evaluation: ExemplarEvaluation, items: list[CriteriaItem]) -> float | None:
    """The weighted criteria score in percent: sum(score / max x weight) / sum(weight),
    over every item of the set (an unscored optional item counts as 0)."""
    total_weight = sum((item.weight for item in items), Decimal(0))
    if not items or total_weight == 0:
        return None
    scores = {s.criteria_item_id: s.score for s in evaluation.scores}
    earned = sum(
        (Decimal(scores.get(item.id, 0)) / item.max_score * item.weight for item in items),
        Decimal(0),
    )
    return float(round(earned / total_weight * 100, 1))


def score_history(exemplar: Exemplar) -> list[ScoreRow]:
    """The exemplar's evaluations, oldest first, with their averages and criteria scores.
    Expects the evaluations loaded with their scores and sets' items (see `detail`)."""
    rows = []
    for evaluation in exemplar.evaluations:
        items = list(evaluation.criteria_set.items) if evaluation.criteria_set else []
        rows.append(
            ScoreRow(
                evaluation=evaluation,
                average=evaluation.average,
                criteria_percent=criteria_percent(evaluation, items),
                item_scores={s.criteria_item_id: s.score for s in evaluation.scores},
            )
        )
    return rows


def criteria_set_usage(criteria_set: CriteriaSet) -> list[ColumnElement[bool]]:
    """An evaluation made against the set, or a score given to one of its items."""
    return [
        exists().where(ExemplarEvaluationScore.criteria_item_id.in_(items_of(criteria_set))),
        exists().where(ExemplarEvaluation.criteria_set_id == criteria_set.id),
    ]
