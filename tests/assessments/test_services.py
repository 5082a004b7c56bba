"""Self-assessment rules: creation against the period's criteria, scores, the
Office's review, submission checks, locking and reopening."""

from __future__ import annotations

from decimal import Decimal

import pytest

from portal.assessments import services
from portal.assessments.models import SelfAssessment
from portal.assessments.services import ScoreEntry
from portal.criteria.models import CriteriaAudience
from portal.extensions import db
from portal.reviews.services import transition
from portal.reviews.states import ReviewAction, ReviewState
from portal.rules import RuleError
from tests.factories import make_assessment, make_criteria, move

D = Decimal


@pytest.fixture
def criteria(world):
    return make_criteria(world.period)


def _entries(assessment, scores):
    return [
        ScoreEntry(item.id, None if s is None else D(str(s)), f"Nhận xét {n}")
        for n, (item, s) in enumerate(zip(assessment.items, scores, strict=True))
    ]


def test_created_with_one_item_per_criterion_of_the_current_collective_set(world, criteria):
    make_criteria(
        world.period, items=[("Cá nhân", "1", 10, True)], audience=CriteriaAudience.INDIVIDUAL
    )
    assessment = make_assessment(world)
    assert assessment.criteria_set_id == criteria.id
    assert [i.criteria_item.title for i in assessment.items] == [c.title for c in criteria.items]
    assert assessment.state == ReviewState.DRAFT
    assert all(i.unit_id == world.unit_a.id for i in assessment.items)


def test_a_new_criteria_version_does_not_change_an_existing_assessment(world, criteria):
    old = make_assessment(world, year=2023)
    criteria.is_current = False
    newer = make_criteria(world.period, items=[("Tiêu chí mới", "1", 10, True)], version=2)
    assert old.criteria_set_id == criteria.id and len(old.items) == 3
    fresh = make_assessment(world, year=2024)
    assert fresh.criteria_set_id == newer.id
    assert [i.criteria_item.title for i in fresh.items] == ["Tiêu chí mới"]


def test_one_per_unit_and_year_of_the_period(world, criteria):
    make_assessment(world, year=2024)
    with pytest.raises(RuleError, match="đã có"):
        services.create_assessment(world.unit_a.id, world.period, 2024)
    with pytest.raises(RuleError, match="không thuộc"):
        services.create_assessment(world.unit_a.id, world.period, 2026)
    other = services.create_assessment(world.unit_b.id, world.period, 2024)
    assert other.id


def test_needs_a_criteria_set(world):
    with pytest.raises(RuleError, match="bộ tiêu chuẩn"):
        services.create_assessment(world.unit_a.id, world.period, 2024)


def test_save_scores_and_compute_the_total(world, criteria):
    assessment = make_assessment(world)
    services.save_self_scores(assessment, _entries(assessment, [8, 6, 4]), "Tốt")
    db.session.commit()
    # (8/10*2 + 6/10*1 + 4/5*1) / 4 * 100 = (1.6 + 0.6 + 0.8) / 4 * 100 = 75
    assert services.self_total(assessment) == D("75.00")
    assert assessment.general_comment == "Tốt"
    assert assessment.items[0].self_comment == "Nhận xét 0"


def test_scores_outside_the_item_range_are_refused(world, criteria):
    assessment = make_assessment(world)
    with pytest.raises(RuleError, match="từ 0 đến 5"):
        services.save_self_scores(assessment, _entries(assessment, [8, 6, 6]), "")
    db.session.rollback()
    with pytest.raises(RuleError, match="từ 0 đến 10"):
        services.save_self_scores(assessment, _entries(assessment, [-1, 6, 4]), "")


def test_an_item_of_another_assessment_is_refused(world, criteria):
    mine = make_assessment(world)
    theirs = make_assessment(world, unit=world.unit_b)
    entry = ScoreEntry(theirs.items[0].id, D(5), "")
    with pytest.raises(RuleError):
        services.save_self_scores(mine, [entry], "")


def test_cannot_submit_with_required_items_unscored_and_names_them(world, criteria):
    assessment = make_assessment(world, scores=[None, None, None])
    with pytest.raises(RuleError) as error:
        transition(assessment, ReviewAction.SUBMIT, world.coordinator_a)
    message = str(error.value)
    assert "Xây dựng kế hoạch phát hiện, bồi dưỡng điển hình" in message
    assert "Tổ chức phong trào thi đua gắn với nhiệm vụ chuyên môn" in message
    assert "Tuyên truyền" not in message  # optional
    db.session.rollback()
    assert assessment.state == ReviewState.DRAFT
    assessment.items[0].self_score = D(7)
    assessment.items[1].self_score = D(0)  # zero is a score
    db.session.commit()
    move(assessment, "submit", world.coordinator_a)
    assert assessment.state == ReviewState.SUBMITTED


@pytest.mark.parametrize(
    "state", [ReviewState.SUBMITTED, ReviewState.RESUBMITTED, ReviewState.ACCEPTED]
)
def test_the_unit_cannot_change_scores_outside_draft_and_returned(world, criteria, state):
    assessment = make_assessment(world, scores=[5, 5, 5])
    assessment.state = state
    db.session.commit()
    with pytest.raises(RuleError, match="không còn"):
        services.save_self_scores(assessment, _entries(assessment, [9, 9, 5]), "")
    db.session.rollback()
    assert [i.self_score for i in db.session.get(SelfAssessment, assessment.id).items] == [5, 5, 5]


@pytest.mark.parametrize("state", [ReviewState.DRAFT, ReviewState.RETURNED, ReviewState.ACCEPTED])
def test_office_scores_only_while_under_review(world, criteria, state):
    assessment = make_assessment(world, scores=[5, 5, 5])
    assessment.state = state
    db.session.commit()
    with pytest.raises(RuleError):
        services.save_office_scores(assessment, _entries(assessment, [9, 9, 5]), "")


def test_side_by_side_comparison(world, criteria):
    assessment = make_assessment(world, scores=[8, 6, 4])
    move(assessment, "submit", world.coordinator_a)
    comparison = services.compare(assessment)
    assert comparison.office_total is None and comparison.total_difference is None
    services.save_office_scores(assessment, _entries(assessment, [6, 6, None]), "Cần bổ sung")
    db.session.commit()
    comparison = services.compare(assessment)
    assert [row.difference for row in comparison.rows] == [D(-2), D(0), None]
    # Office: (6/10*2 + 6/10*1) / 3 * 100 = 60 (optional item unscored: left out)
    assert comparison.self_total == D("75.00")
    assert comparison.office_total == D("60.00")
    assert comparison.total_difference == D("-15.00")
    assert assessment.office_comment == "Cần bổ sung"


def test_returned_then_corrected_then_accepted_and_locked(world, criteria):
    assessment = make_assessment(world, scores=[8, 6, 4])
    move(assessment, "submit", world.coordinator_a)
    move(assessment, "return", world.office, reason="Tiêu chí 2 thiếu minh chứng")
    assert assessment.is_editable
    services.save_self_scores(assessment, _entries(assessment, [8, 5, 4]), "Đã bổ sung")
    move(assessment, "submit", world.coordinator_a)
    assert assessment.state == ReviewState.RESUBMITTED
    move(assessment, "accept", world.office)
    assert assessment.is_locked
    with pytest.raises(RuleError):
        services.save_self_scores(assessment, _entries(assessment, [10, 10, 5]), "")
    db.session.rollback()
    with pytest.raises(RuleError):
        services.save_office_scores(assessment, _entries(assessment, [10, 10, 5]), "")
    db.session.rollback()
    move(assessment, "reopen", world.office, reason="Điều chỉnh theo kết luận kiểm tra")
    assert assessment.state == ReviewState.RETURNED
    services.save_self_scores(assessment, _entries(assessment, [7, 5, 4]), "")
    db.session.commit()
    assert assessment.items[0].self_score == D(7)
