"""The yearly supervision plan and the coverage of the units."""

from __future__ import annotations

from datetime import date

import pytest

from portal.council import planning
from portal.extensions import db
from portal.inspections.queries import unit_plan_items
from portal.rules import RuleError
from tests.factories import assign_council, make_inspection, second_member


def _item(world, unit=None, members=None, month=5, year=2025):
    unit = unit or world.unit_a
    item = planning.save_plan_item(
        None,
        world.org.id,
        unit_id=unit.id,
        year=year,
        month=month,
        scope=["propagation", "reports"],
        member_ids=[m.id for m in members or [world.council]],
    )
    db.session.commit()
    return item


def test_planned_members_must_be_assigned_to_the_unit_that_year(world):
    with pytest.raises(RuleError) as error:
        _item(world)
    assert error.value.field == "member_ids"
    assign_council(world, world.unit_a, 2024)
    with pytest.raises(RuleError):
        _item(world)  # assigned in 2024, planned in 2025
    assign_council(world, world.unit_a, 2025)
    item = _item(world)
    assert item.member_ids == {world.council.id}
    assert item.scope == ["propagation", "reports"]


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("month", {"month": 13}),
        ("scope", {"scope": []}),
        ("scope", {"scope": ["gossip"]}),
        ("member_ids", {"member_ids": []}),
    ],
)
def test_plan_item_validation(world, field, kwargs):
    assign_council(world, world.unit_a)
    values = dict(
        unit_id=world.unit_a.id,
        year=2025,
        month=4,
        scope=["reports"],
        member_ids=[world.council.id],
    )
    values.update(kwargs)
    with pytest.raises(RuleError) as error:
        planning.save_plan_item(None, world.org.id, **values)
    assert error.value.field == field


def test_plan_item_of_a_foreign_unit_is_refused(world):
    with pytest.raises(RuleError, match="không thuộc"):
        planning.save_plan_item(
            None,
            world.org.id,
            unit_id=world.foreign_unit.id,
            year=2025,
            month=4,
            scope=["reports"],
            member_ids=[world.council.id],
        )


def test_update_plan_item_replaces_members(world):
    other = second_member(world)
    assign_council(world, world.unit_a)
    assign_council(world, world.unit_a, 2025, member=other)
    item = _item(world)
    planning.save_plan_item(
        item,
        world.org.id,
        unit_id=world.unit_a.id,
        year=2025,
        month=9,
        scope=["reports"],
        member_ids=[other.id],
    )
    db.session.commit()
    assert item.member_ids == {other.id} and item.month == 9


def test_coverage_planned_done_and_not_covered(world):
    assign_council(world, world.unit_a)
    item = _item(world)
    rows = {r.unit.id: r for r in planning.coverage(world.org.id, 2025)}
    assert rows[world.unit_a.id].status == planning.Coverage.PLANNED
    assert rows[world.unit_b.id].status == planning.Coverage.NOT_COVERED
    assert world.foreign_unit.id not in rows
    inspection = make_inspection(world, world.unit_a, day=date(2025, 5, 20))
    inspection.plan_item_id = item.id
    db.session.commit()
    rows = {r.unit.id: r for r in planning.coverage(world.org.id, 2025)}
    assert rows[world.unit_a.id].status == planning.Coverage.DONE
    assert rows[world.unit_a.id].linked_inspections(item) == [inspection]
    # An inspection of another year does not cover 2025.
    make_inspection(world, world.unit_b, day=date(2024, 5, 20))
    rows = planning.coverage(world.org.id, 2025)
    counts = planning.coverage_counts(rows)
    assert counts[planning.Coverage.DONE] == 1 and counts[planning.Coverage.NOT_COVERED] == 1


def test_unplanned_inspection_counts_as_done(world):
    make_inspection(world, world.unit_b, day=date(2025, 2, 2))
    rows = {r.unit.id: r for r in planning.coverage(world.org.id, 2025)}
    assert rows[world.unit_b.id].status == planning.Coverage.DONE


def test_plan_item_with_an_inspection_is_not_deleted(world):
    assign_council(world, world.unit_a)
    item = _item(world)
    inspection = make_inspection(world, world.unit_a, day=date(2025, 5, 20))
    inspection.plan_item_id = item.id
    db.session.commit()
    with pytest.raises(RuleError, match="không thể xóa"):
        planning.delete_plan_item(item)
    inspection.plan_item_id = None
    db.session.commit()
    planning.delete_plan_item(item)
    db.session.commit()
    assert planning.plan_items(world.org.id, 2025) == []


def test_a_units_plan_items_newest_year_first_then_by_month(world):
    for unit, year in ((world.unit_a, 2024), (world.unit_a, 2025), (world.unit_b, 2025)):
        assign_council(world, unit, year)
    late = _item(world, month=9, year=2024)
    early = _item(world, month=2, year=2024)
    newest = _item(world, month=5, year=2025)
    _item(world, unit=world.unit_b, month=1, year=2025)
    assert unit_plan_items(world.unit_a.id) == [newest, early, late]
