"""Fostering actions and evaluations (scores per aspect and per criteria item)."""

from __future__ import annotations

from datetime import date

import pytest

from portal.criteria import services as criteria_services
from portal.exemplars.evaluation import (
    criteria_percent,
    criteria_set_for,
    evaluation_items,
    save_evaluation,
    score_history,
)
from portal.exemplars.fostering import open_actions, save_action
from portal.exemplars.models import ExemplarKind, ExemplarStatus, FosteringStatus, SupportType
from portal.exemplars.services import transition
from portal.extensions import db
from portal.rules import RuleError

ASPECTS = {"effect": 4, "effectiveness": 3, "development_potential": 5, "influence": 4}


def _action(exemplar, **changes):
    values = {
        "support_type": SupportType.TECHNICAL,
        "description": "Hỗ trợ phần mềm",
        "owner_name": "Chuyên gia",
        "due_date": date(2024, 9, 1),
    }
    values.update(changes)
    return save_action(exemplar, **values)


def test_action_owner_is_a_unit_person_or_a_free_name(world, make_exemplar):
    exemplar = make_exemplar()
    action = _action(exemplar, owner_user_id=world.staff_a.id, owner_name="ignored")
    assert action.owner_user_id == world.staff_a.id
    assert action.owner_display == world.staff_a.full_name
    with pytest.raises(RuleError) as error:
        _action(exemplar, owner_user_id=world.coordinator_b.id)
    assert error.value.field == "owner_user_id"
    with pytest.raises(RuleError) as error:
        _action(exemplar, owner_name="  ")
    assert error.value.field == "owner_name"


def test_action_completion_is_stamped_and_cleared(make_exemplar):
    action = _action(make_exemplar())
    assert action.status == FosteringStatus.PLANNED and action.completed_at is None
    _action(action.exemplar, action=action, status=FosteringStatus.DONE, outcome="Đã xong")
    assert action.completed_at is not None
    _action(action.exemplar, action=action, status=FosteringStatus.IN_PROGRESS)
    assert action.completed_at is None


def test_overdue_only_for_open_actions_past_due(make_exemplar):
    exemplar = make_exemplar()
    late = _action(exemplar, due_date=date(2024, 1, 1))
    done_late = _action(exemplar, due_date=date(2024, 1, 1), status=FosteringStatus.DONE)
    no_date = _action(exemplar, due_date=None)
    today = date(2024, 6, 1)
    assert late.is_overdue(today)
    assert not done_late.is_overdue(today)
    assert not no_date.is_overdue(today)
    assert not late.is_overdue(date(2024, 1, 1))


def test_open_actions_nearest_due_first(world, make_exemplar):
    exemplar = make_exemplar()
    later = _action(exemplar, due_date=date(2024, 12, 1))
    sooner = _action(exemplar, due_date=date(2024, 3, 1))
    undated = _action(exemplar, due_date=None)
    _action(exemplar, status=FosteringStatus.CANCELLED)
    db.session.commit()
    assert open_actions([world.unit_a.id]) == [sooner, later, undated]
    assert open_actions([world.unit_b.id]) == []


def test_no_fostering_or_evaluation_after_drop(criteria, make_exemplar):
    exemplar = make_exemplar(path=[ExemplarStatus.DROPPED])
    with pytest.raises(RuleError, match="dừng theo dõi"):
        _action(exemplar)
    with pytest.raises(RuleError, match="dừng theo dõi"):
        save_evaluation(
            exemplar, evaluated_on=date(2024, 7, 1), evaluator=None, aspects=ASPECTS, item_scores={}
        )


def _scores(criteria_set, *values):
    return {item.id: value for item, value in zip(criteria_set.items, values, strict=False)}


def test_evaluation_uses_the_current_set_of_its_kind(world, criteria, make_exemplar):
    exemplar = make_exemplar(kind=ExemplarKind.INDIVIDUAL, name="Trần Thị Bình")
    individual = criteria[ExemplarKind.INDIVIDUAL]
    assert criteria_set_for(exemplar, date(2024, 5, 1)) == individual
    evaluation = save_evaluation(
        exemplar,
        evaluated_on=date(2024, 5, 1),
        evaluator=world.coordinator_a,
        aspects=ASPECTS,
        item_scores=_scores(individual, 8, 6, None),
        difficulties="Thiếu kinh phí",
        help_given="Hỗ trợ kinh phí",
    )
    db.session.commit()
    assert evaluation.criteria_set_id == individual.id
    assert evaluation.evaluator_user_id == world.coordinator_a.id
    assert {s.criteria_item_id: s.score for s in evaluation.scores} == _scores(individual, 8, 6)
    assert all(s.unit_id == world.unit_a.id for s in evaluation.scores)
    assert evaluation.average == 4.0


def test_aspects_are_scored_one_to_five(world, criteria, make_exemplar):
    exemplar = make_exemplar()
    scores = _scores(criteria[ExemplarKind.COLLECTIVE], 5, 5)
    for name in ASPECTS:
        for value in (0, 6, None):
            with pytest.raises(RuleError) as error:
                save_evaluation(
                    exemplar,
                    evaluated_on=date(2024, 5, 1),
                    evaluator=None,
                    aspects={**ASPECTS, name: value},
                    item_scores=scores,
                )
            assert error.value.field == name
    assert exemplar.evaluations == []


def test_required_items_and_maximum_are_enforced(criteria, make_exemplar):
    exemplar = make_exemplar()
    collective = criteria[ExemplarKind.COLLECTIVE]
    first, second, _optional = collective.items
    with pytest.raises(RuleError) as error:
        save_evaluation(
            exemplar,
            evaluated_on=date(2024, 5, 1),
            evaluator=None,
            aspects=ASPECTS,
            item_scores={first.id: 5},
        )
    assert error.value.field == f"item_{second.id}"
    with pytest.raises(RuleError) as error:
        save_evaluation(
            exemplar,
            evaluated_on=date(2024, 5, 1),
            evaluator=None,
            aspects=ASPECTS,
            item_scores={first.id: 11, second.id: 5},
        )
    assert error.value.field == f"item_{first.id}"


def test_criteria_percent_is_weighted(criteria, make_exemplar):
    exemplar = make_exemplar()
    collective = criteria[ExemplarKind.COLLECTIVE]  # weights 1, 2, 3; max 10 each
    evaluation = save_evaluation(
        exemplar,
        evaluated_on=date(2024, 5, 1),
        evaluator=None,
        aspects=ASPECTS,
        item_scores=_scores(collective, 10, 5, None),
    )
    # (10/10*1 + 5/10*2 + 0*3) / 6 = 2/6
    assert criteria_percent(evaluation, list(collective.items)) == pytest.approx(33.3)


def test_score_history_in_date_order(world, criteria, make_exemplar):
    exemplar = make_exemplar()
    collective = criteria[ExemplarKind.COLLECTIVE]
    for on, effect in [(date(2024, 9, 1), 5), (date(2024, 3, 1), 2)]:
        save_evaluation(
            exemplar,
            evaluated_on=on,
            evaluator=None,
            aspects={**ASPECTS, "effect": effect},
            item_scores=_scores(collective, 9, 9, 9),
        )
    db.session.commit()
    db.session.expire_all()
    rows = score_history(exemplar)
    assert [r.evaluation.evaluated_on for r in rows] == [date(2024, 3, 1), date(2024, 9, 1)]
    assert [r.evaluation.effect for r in rows] == [2, 5]
    assert rows[0].criteria_percent == pytest.approx(90.0)


def test_edited_evaluation_keeps_its_set_version(criteria, make_exemplar):
    exemplar = make_exemplar()
    collective = criteria[ExemplarKind.COLLECTIVE]
    evaluation = save_evaluation(
        exemplar,
        evaluated_on=date(2024, 5, 1),
        evaluator=None,
        aspects=ASPECTS,
        item_scores=_scores(collective, 7, 7),
    )
    db.session.commit()
    change = criteria_services.add_item(
        collective, title="Tiêu chí mới", weight=1, max_score=10, required=True
    )
    db.session.commit()
    assert change.versioned and change.criteria_set.version == 2
    assert evaluation_items(evaluation) == list(collective.items)
    save_evaluation(
        exemplar,
        evaluation=evaluation,
        evaluated_on=date(2024, 5, 2),
        evaluator=None,
        aspects=ASPECTS,
        item_scores=_scores(collective, 8, 8, 8),
    )
    assert evaluation.criteria_set_id == collective.id
    assert sorted(s.score for s in evaluation.scores) == [8, 8, 8]
    # A new evaluation is made against the new version.
    newer = save_evaluation(
        exemplar,
        evaluated_on=date(2024, 6, 1),
        evaluator=None,
        aspects=ASPECTS,
        item_scores=_scores(change.criteria_set, 1, 1, None, 1),
    )
    assert newer.criteria_set_id == change.criteria_set.id


def test_evaluation_without_criteria_set(world, make_exemplar):
    exemplar = make_exemplar()
    evaluation = save_evaluation(
        exemplar, evaluated_on=date(2024, 5, 1), evaluator=None, aspects=ASPECTS, item_scores={}
    )
    assert evaluation.criteria_set_id is None
    assert evaluation.scores == []


def test_recognised_exemplar_is_still_fostered_and_evaluated(world, criteria, make_exemplar):
    exemplar = make_exemplar(path=[ExemplarStatus.FOSTERING, ExemplarStatus.RECOGNISED])
    assert _action(exemplar).exemplar_id == exemplar.id
    transition(
        exemplar, ExemplarStatus.REPLICATED, world.coordinator_a, occurred_on=date(2024, 7, 1)
    )
    assert _action(exemplar).status == FosteringStatus.PLANNED
