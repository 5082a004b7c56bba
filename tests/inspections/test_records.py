"""Recording inspections: who may be present, what is checked, sign-off and locking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.extensions import db
from portal.formatting import today_vn
from portal.inspections import findings as finding_rules
from portal.inspections import services as records
from portal.inspections.models import FindingStatus, InspectionCorrection, InspectionMember
from portal.rules import NotAllowedError, RuleError
from tests.factories import (
    assign_council,
    finding_values,
    make_finding,
    make_inspection,
    second_member,
)


def _record(world, **overrides):
    values = dict(
        inspection_date=date(2025, 3, 10),
        scope=["reports"],
        method="documents",
        summary="Tóm tắt.",
        member_ids=[world.council.id],
    )
    values.update(overrides)
    return records.record_inspection(world.council, world.unit_a, **values)


def test_members_present_are_assigned_members_or_the_office(world):
    assign_council(world, world.unit_a, 2025)
    inspection = _record(world, member_ids=[world.council.id, world.office.id])
    assert inspection.member_ids == {world.council.id, world.office.id}
    assert inspection.year == 2025 and inspection.lead_inspector_id == world.council.id
    assert all(m.unit_id == world.unit_a.id for m in inspection.members)


@pytest.mark.parametrize("who", ["coordinator_a", "viewer", "unassigned"])
def test_other_people_cannot_be_present(world, who):
    assign_council(world, world.unit_a, 2025)
    person = second_member(world) if who == "unassigned" else getattr(world, who)
    with pytest.raises(RuleError) as error:
        _record(world, member_ids=[world.council.id, person.id])
    assert error.value.field == "member_ids"


def test_membership_is_checked_against_the_inspection_year(world):
    assign_council(world, world.unit_a, 2024)
    with pytest.raises(RuleError):
        _record(world)  # 2025, assigned only in 2024
    assert _record(world, inspection_date=date(2024, 11, 5)).year == 2024


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("inspection_date", {"inspection_date": today_vn() + timedelta(days=1)}),
        ("scope", {"scope": []}),
        ("scope", {"scope": ["picnic"]}),
        ("method", {"method": "telepathy"}),
        ("summary", {"summary": "  "}),
        ("member_ids", {"member_ids": []}),
    ],
)
def test_record_validation(world, field, overrides):
    assign_council(world, world.unit_a, 2025)
    assign_council(world, world.unit_a, today_vn().year)
    with pytest.raises(RuleError) as error:
        _record(world, **overrides)
    assert error.value.field == field


def test_plan_item_must_match_unit_and_year(world):
    from portal.council.planning import save_plan_item

    assign_council(world, world.unit_b, 2025)
    assign_council(world, world.unit_a, 2025)
    item = save_plan_item(
        None,
        world.org.id,
        unit_id=world.unit_b.id,
        year=2025,
        month=3,
        scope=["reports"],
        member_ids=[world.council.id],
    )
    with pytest.raises(RuleError) as error:
        _record(world, plan_item_id=item.id)
    assert error.value.field == "plan_item_id"


def test_member_candidates(world):
    other = second_member(world)
    assign_council(world, world.unit_a, 2024)
    assign_council(world, world.unit_b, 2025, member=other)
    names = {u.id for u in records.member_candidates(world.unit_a)}
    assert names == {world.council.id, world.office.id}
    assert {u.id for u in records.member_candidates(world.unit_a, 2025)} == {world.office.id}


def test_sign_off_locks_the_record(world):
    inspection = make_inspection(world)
    finding = make_finding(inspection)
    records.sign_off(inspection, world.council)
    db.session.commit()
    assert inspection.is_signed_off and inspection.signed_off_by_id == world.council.id
    with pytest.raises(NotAllowedError):
        records.update_inspection(
            inspection,
            inspection_date=date(2025, 3, 11),
            scope=["reports"],
            method="online",
            summary="Khác",
            member_ids=[world.council.id],
        )
    with pytest.raises(NotAllowedError):
        finding_rules.add_finding(inspection, finding_values())
    with pytest.raises(NotAllowedError):
        finding_rules.update_finding(finding, finding_values(finding="Sửa"))
    with pytest.raises(NotAllowedError):
        finding_rules.delete_finding(finding)
    with pytest.raises(NotAllowedError):
        records.sign_off(inspection, world.council)
    with pytest.raises(NotAllowedError):
        records.delete_inspection(inspection)


def test_the_flush_refuses_any_change_to_a_signed_record(world):
    """Even code that bypasses the services cannot edit a signed record."""
    inspection = make_inspection(world, signed=False)
    finding = make_finding(inspection)
    records.sign_off(inspection, world.council)
    db.session.commit()
    for change in (
        lambda: setattr(inspection, "summary", "Viết lại"),
        lambda: setattr(inspection, "signed_off_at", None),
        lambda: setattr(finding, "due_date", date(2030, 1, 1)),
        lambda: setattr(finding, "finding", "Khác"),
        lambda: db.session.add(
            InspectionMember(
                unit_id=inspection.unit_id, inspection_id=inspection.id, user_id=world.office.id
            )
        ),
        lambda: db.session.delete(finding),
    ):
        change()
        with pytest.raises(NotAllowedError):
            db.session.flush()
        db.session.rollback()
    db.session.refresh(inspection)
    assert inspection.summary == "Đơn vị triển khai tốt phong trào thi đua."
    assert inspection.is_signed_off


def test_follow_up_goes_on_after_sign_off(world):
    inspection = make_inspection(world)
    finding = make_finding(inspection)
    records.sign_off(inspection, world.council)
    db.session.commit()
    finding_rules.answer(finding, world.coordinator_a, "Đã lập sổ.")
    finding_rules.close(finding, world.council, "Đạt.")
    db.session.commit()
    assert finding.status == FindingStatus.CLOSED and finding.closed_at is not None


def test_corrections_only_after_sign_off(world):
    inspection = make_inspection(world)
    finding = make_finding(inspection)
    with pytest.raises(RuleError, match="chưa ký"):
        records.add_correction(inspection, world.council, "Sửa ngày.")
    records.sign_off(inspection, world.council)
    with pytest.raises(RuleError):
        records.add_correction(inspection, world.council, "   ")
    with pytest.raises(RuleError):
        records.add_correction(inspection, world.council, "Khác", finding_id=finding.id + 999)
    correction = records.add_correction(
        inspection, world.council, "Ngày đúng là 11/03.", finding.id
    )
    db.session.commit()
    assert correction.created_at is not None and correction.author_id == world.council.id
    assert [c.text for c in inspection.corrections] == ["Ngày đúng là 11/03."]
    assert db.session.scalar(db.select(db.func.count(InspectionCorrection.id))) == 1


def test_delete_draft_removes_findings(world):
    inspection = make_inspection(world)
    make_finding(inspection)
    records.delete_inspection(inspection)
    db.session.commit()
    from portal.inspections.models import Inspection, InspectionFinding

    assert db.session.scalar(db.select(db.func.count(Inspection.id))) == 0
    assert db.session.scalar(db.select(db.func.count(InspectionFinding.id))) == 0
