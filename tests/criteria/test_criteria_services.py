"""Criteria sets: editing in place while unused, versioning once used; plan periods."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from portal.assessments.models import SelfAssessment
from portal.criteria import services
from portal.criteria.models import CriteriaAudience, CriteriaSet
from portal.criteria.services import CriteriaError, criteria_set_in_use
from portal.exemplars import services as exemplar_services
from portal.exemplars.evaluation import save_evaluation
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.periods.models import PlanPeriod
from portal.periods.services import PeriodError, period_for_year, save_period

ASPECTS = {"effect": 3, "effectiveness": 3, "development_potential": 3, "influence": 3}


def _item(**changes):
    values = {
        "title": "Hoàn thành xuất sắc nhiệm vụ",
        "guidance": "",
        "weight": "2",
        "max_score": 10,
        "required": True,
    }
    values.update(changes)
    return values


@pytest.fixture
def collective(world):
    services.ensure_sets(world.period)
    criteria_set = services.current_set(world.period.id, CriteriaAudience.COLLECTIVE)
    for title in ("Hoàn thành nhiệm vụ", "Sáng kiến", "Sức lan tỏa"):
        services.add_item(criteria_set, **_item(title=title))
    db.session.commit()
    return criteria_set


def _use(world, criteria_set):
    """Score an evaluation against the set, which makes it "in use"."""
    exemplar = exemplar_services.create_exemplar(
        world.unit_a.id, kind=ExemplarKind.COLLECTIVE, name="Tổ A", year_identified=2024
    )
    evaluation = save_evaluation(
        exemplar,
        evaluated_on=date(2024, 5, 1),
        evaluator=None,
        aspects=ASPECTS,
        item_scores={i.id: 5 for i in criteria_set.items},
    )
    db.session.commit()
    return evaluation


def test_ensure_sets_makes_one_per_audience_once(world):
    created = services.ensure_sets(world.period)
    assert {s.audience for s in created} == set(CriteriaAudience)
    assert services.ensure_sets(world.period) == []
    assert db.session.scalar(sa.select(sa.func.count(CriteriaSet.id))) == 2


def test_unused_set_is_edited_in_place(collective):
    change = services.update_item(collective.items[0], **_item(title="Đổi tên", weight="3"))
    assert not change.versioned and change.criteria_set is collective
    assert collective.items[0].title == "Đổi tên" and collective.items[0].weight == Decimal(3)
    change = services.move_item(collective.items[2], -1)
    assert [i.title for i in change.criteria_set.items] == ["Đổi tên", "Sức lan tỏa", "Sáng kiến"]
    assert [i.position for i in change.criteria_set.items] == [1, 2, 3]
    services.remove_item(collective.items[0])
    assert [i.title for i in collective.items] == ["Sức lan tỏa", "Sáng kiến"]
    assert [i.position for i in collective.items] == [1, 2]
    assert collective.version == 1


def test_move_at_the_ends_is_harmless(collective):
    services.move_item(collective.items[0], -1)
    services.move_item(collective.items[-1], 1)
    assert [i.title for i in collective.items] == [
        "Hoàn thành nhiệm vụ",
        "Sáng kiến",
        "Sức lan tỏa",
    ]


def test_in_use_once_an_evaluation_scores_it(world, collective):
    assert not criteria_set_in_use(collective)
    _use(world, collective)
    assert criteria_set_in_use(collective)
    individual = services.current_set(world.period.id, CriteriaAudience.INDIVIDUAL)
    assert not criteria_set_in_use(individual)


def test_in_use_by_a_self_assessment(world, collective):
    """A unit's self-assessment made with the set counts too."""
    assert not criteria_set_in_use(collective)
    db.session.add(
        SelfAssessment(
            unit_id=world.unit_a.id,
            period_id=world.period.id,
            year=2024,
            criteria_set_id=collective.id,
        )
    )
    db.session.commit()
    assert criteria_set_in_use(collective)


def test_used_set_is_versioned_not_edited(world, collective):
    evaluation = _use(world, collective)
    old_items = [(i.id, i.title) for i in collective.items]
    change = services.update_item(collective.items[1], **_item(title="Sáng kiến được công nhận"))
    db.session.commit()
    new = change.criteria_set
    assert change.versioned and new.id != collective.id and new.version == 2
    assert (new.is_current, collective.is_current) == (True, False)
    assert [(i.id, i.title) for i in collective.items] == old_items  # history untouched
    assert [i.title for i in new.items] == [
        "Hoàn thành nhiệm vụ",
        "Sáng kiến được công nhận",
        "Sức lan tỏa",
    ]
    assert {i.id for i in new.items}.isdisjoint({i for i, _t in old_items})
    assert {s.criteria_item_id for s in evaluation.scores} == {i for i, _t in old_items}
    assert services.current_set(world.period.id, CriteriaAudience.COLLECTIVE) == new
    assert [s.version for s in services.versions_of(new)] == [2, 1]


@pytest.mark.parametrize("operation", ["add", "move", "remove", "title"])
def test_every_change_to_a_used_set_versions_it(world, collective, operation):
    _use(world, collective)
    change = {
        "add": lambda: services.add_item(collective, **_item(title="Mới")),
        "move": lambda: services.move_item(collective.items[0], 1),
        "remove": lambda: services.remove_item(collective.items[0]),
        "title": lambda: services.update_set_title(collective, "Tên mới"),
    }[operation]()
    assert change.versioned and change.criteria_set.version == 2
    assert len(collective.items) == 3 and collective.title.startswith("Tiêu chuẩn")


def test_old_version_cannot_be_changed(world, collective):
    _use(world, collective)
    services.add_item(collective, **_item(title="Mới"))
    with pytest.raises(CriteriaError):
        services.add_item(collective, **_item(title="Khác"))
    with pytest.raises(CriteriaError):
        services.update_item(collective.items[0], **_item())


def test_new_version_once_then_edited_in_place(world, collective):
    _use(world, collective)
    first = services.add_item(collective, **_item(title="Mới")).criteria_set
    second = services.add_item(first, **_item(title="Thêm nữa"))
    assert not second.versioned and second.criteria_set is first
    assert len(first.items) == 5


@pytest.mark.parametrize(("field", "value"), [("weight", "0"), ("max_score", 0)])
def test_item_values_are_checked(collective, field, value):
    with pytest.raises(CriteriaError):
        services.add_item(collective, **_item(**{field: value}))


def test_save_period_rules(world):
    period = save_period(
        world.org.id, name="2026-2030", start_year=2026, end_year=2030, is_current=True
    )
    db.session.commit()
    db.session.refresh(world.period)
    assert period.is_current and not world.period.is_current
    with pytest.raises(PeriodError) as error:
        save_period(world.org.id, name="2026-2030", start_year=2026, end_year=2030)
    assert error.value.field == "name"
    with pytest.raises(PeriodError) as error:
        save_period(world.org.id, name="X", start_year=2026, end_year=2025)
    assert error.value.field == "end_year"
    with pytest.raises(PeriodError):
        save_period(world.org.id, name="Y", start_year=2020, end_year=2035)
    # The same name in another organization is fine.
    save_period(world.other_org.id, name="2026-2030", start_year=2026, end_year=2030)


def test_period_for_year(world):
    assert period_for_year(world.org.id, 2024) == world.period
    assert period_for_year(world.org.id, 2030) is None
    assert db.session.get(PlanPeriod, world.period.id).years == [2023, 2024, 2025]
