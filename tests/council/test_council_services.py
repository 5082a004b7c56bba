"""The council's rules: who may be seated, single chair and secretary, assignments."""

from __future__ import annotations

import pytest

from portal.accounts.models import CouncilAssignment
from portal.council import services as council
from portal.council.models import CouncilMember, CouncilPosition
from portal.extensions import db
from portal.periods.services import organization_years
from portal.rules import RuleError
from portal.tenancy import assigned_unit_ids, visible_unit_ids
from tests.factories import assign_council, second_member

P = CouncilPosition


def test_only_council_role_holders_are_seated(world):
    with pytest.raises(RuleError, match="vai trò thành viên Hội đồng"):
        council.seat_member(world.period, world.coordinator_a, P.MEMBER)
    member = council.seat_member(world.period, world.council, P.MEMBER, " Phó Giám đốc Sở ")
    assert member.title == "Phó Giám đốc Sở"
    assert member.organization_id == world.org.id


def test_foreign_user_is_not_seated(world):
    with pytest.raises(RuleError, match="không thuộc cơ quan"):
        council.seat_member(world.period, world.foreign_office, P.MEMBER)


def test_a_user_is_seated_once_per_period(world):
    council.seat_member(world.period, world.council, P.MEMBER)
    with pytest.raises(RuleError, match="đã là thành viên"):
        council.seat_member(world.period, world.council, P.VICE_CHAIR)


def test_one_chair_and_one_secretary_per_period(world):
    other, third = second_member(world), second_member(world, "c3@example.vn")
    council.seat_member(world.period, world.council, P.CHAIR)
    with pytest.raises(RuleError, match="đã có Chủ tịch") as error:
        council.seat_member(world.period, other, P.CHAIR)
    assert error.value.field == "position"
    council.seat_member(world.period, other, P.SECRETARY)
    with pytest.raises(RuleError, match="đã có Thư ký"):
        council.seat_member(world.period, third, P.SECRETARY)
    # Several vice chairs are fine.
    council.seat_member(world.period, third, P.VICE_CHAIR)
    assert [m.position for m in council.seats(world.period)] == [P.CHAIR, P.VICE_CHAIR, P.SECRETARY]


def test_update_seat_keeps_single_positions(world):
    other = second_member(world)
    chair = council.seat_member(world.period, world.council, P.CHAIR)
    member = council.seat_member(world.period, other, P.MEMBER)
    db.session.commit()
    with pytest.raises(RuleError):
        council.update_seat(member, P.CHAIR, "")
    council.update_seat(chair, P.CHAIR, "Giám đốc Sở")  # its own position: fine
    council.update_seat(chair, P.MEMBER, "")
    council.update_seat(member, P.CHAIR, "")
    assert member.position == P.CHAIR


def test_replace_assignments_adds_and_removes(world):
    other = second_member(world)
    org = world.org.id
    added, removed = council.replace_assignments(
        org,
        2025,
        {
            (world.unit_a.id, world.council.id),
            (world.unit_a.id, other.id),
            (world.unit_b.id, world.council.id),
        },
    )
    assert (added, removed) == (3, 0)
    added, removed = council.replace_assignments(org, 2025, {(world.unit_a.id, other.id)})
    assert (added, removed) == (0, 2)
    assert council.assignment_pairs(org, 2025) == {(world.unit_a.id, other.id)}
    assert council.assignment_pairs(org, 2024) == set()


def test_assignments_refuse_foreign_units_and_non_members(world):
    with pytest.raises(RuleError, match="không thuộc cơ quan"):
        council.replace_assignments(world.org.id, 2025, {(world.foreign_unit.id, world.council.id)})
    with pytest.raises(RuleError, match="Chỉ thành viên Hội đồng"):
        council.replace_assignments(world.org.id, 2025, {(world.unit_a.id, world.coordinator_a.id)})
    assert db.session.scalar(db.select(db.func.count(CouncilAssignment.id))) == 0


def test_assigned_units_are_readable_any_year(world):
    assign_council(world, world.unit_a, 2024)
    assert assigned_unit_ids(world.council) == {world.unit_a.id}
    assert assigned_unit_ids(world.council, 2025) == set()
    assert visible_unit_ids(world.council) == {world.unit_a.id}


def test_default_year_stays_in_the_current_period(world):
    from datetime import date

    assert council.default_year(world.org.id, date(2026, 11, 27)) == 2025
    assert council.default_year(world.org.id, date(2024, 2, 1)) == 2024
    assert 2026 in organization_years(world.org.id, date(2026, 1, 1))
    assert db.session.scalar(db.select(db.func.count(CouncilMember.id))) == 0
