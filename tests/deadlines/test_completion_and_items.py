"""Completion read from the matching records, and the due item providers of other
capabilities (fostering actions, corrective actions of findings)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.deadlines.completion import completion_map
from portal.deadlines.models import CompletionMode, Deadline, DeadlineKind
from portal.deadlines.providers import ItemQuery, coordinators_by_unit, due_items
from portal.deadlines.services import CellStatus, completion_matrix, mark_done
from portal.extensions import db
from portal.models_base import utcnow
from portal.notifications.models import Notification
from portal.notifications.reminders import sweep_reminders
from tests.factories import make_criteria, make_deadline, make_exemplar, make_fostering_action, vn

from .helpers import all_messages, messages_to

assessments = pytest.importorskip("portal.assessments.models")
annualreports = pytest.importorskip("portal.annualreports.models")
exemplars = pytest.importorskip("portal.exemplars.models")
inspections = pytest.importorskip("portal.inspections.models")


def self_assessment(world, unit, state="submitted", submitted_at=None, year=2025):
    from portal.criteria.models import CriteriaSet

    criteria = db.session.scalar(
        select(CriteriaSet).where(CriteriaSet.period_id == world.period.id)
    )
    if criteria is None:
        criteria = make_criteria(world.period, items=[], title="Tiêu chuẩn tập thể")
    record = assessments.SelfAssessment(
        unit_id=unit.id,
        period_id=world.period.id,
        year=year,
        criteria_set_id=criteria.id,
        state=state,
        submitted_at=submitted_at,
    )
    db.session.add(record)
    db.session.commit()
    return record


def record_deadline(world, kind=DeadlineKind.SELF_ASSESSMENT, **fields):
    return make_deadline(world, kind=kind, completion_mode=CompletionMode.RECORD, **fields)


def test_submitted_self_assessment_completes_and_stops_reminders(world):
    deadline = record_deadline(world)
    self_assessment(world, world.unit_a, submitted_at=vn(2025, 12, 10, 9))
    self_assessment(world, world.unit_b, state="draft")
    done = completion_map([deadline], {world.unit_a.id, world.unit_b.id})
    assert set(done) == {(deadline.id, world.unit_a.id)}
    assert done[(deadline.id, world.unit_a.id)].on_time
    sweep_reminders(vn(2025, 12, 14, 7))
    assert messages_to(world.coordinator_a.email) == []
    assert len(messages_to(world.coordinator_b.email)) == 1


def test_a_record_of_another_year_does_not_count(world):
    deadline = record_deadline(world)
    self_assessment(world, world.unit_a, submitted_at=vn(2024, 12, 10, 9), year=2024)
    assert completion_map([deadline], {world.unit_a.id}) == {}


def test_late_submission_completes_but_is_shown_late(world):
    deadline = record_deadline(world, kind=DeadlineKind.ANNUAL_REPORT)
    report = annualreports.AnnualReport(
        unit_id=world.unit_b.id,
        period_id=world.period.id,
        year=2025,
        state="resubmitted",
        submitted_at=vn(2025, 12, 20, 9),
    )
    db.session.add(report)
    db.session.commit()
    matrix = completion_matrix([deadline], {world.unit_a.id, world.unit_b.id}, now=vn(2025, 12, 22))
    assert matrix.cells[(deadline.id, world.unit_b.id)] == CellStatus.LATE
    assert matrix.cells[(deadline.id, world.unit_a.id)] == CellStatus.OVERDUE
    sweep_reminders(vn(2025, 12, 22, 7))
    assert messages_to(world.coordinator_b.email) == []  # completed, even if late


def test_office_mark_counts_for_record_deadlines_too(world):
    deadline = record_deadline(world, due_at=utcnow() + timedelta(days=10))
    mark_done(deadline, world.unit_b.id, world.office, "Nộp bản giấy")
    matrix = completion_matrix([deadline], {world.unit_a.id, world.unit_b.id})
    assert matrix.cells[(deadline.id, world.unit_b.id)] == CellStatus.DONE
    assert matrix.cells[(deadline.id, world.unit_a.id)] == CellStatus.PENDING
    late = record_deadline(world)  # due 15/12/2025: marked now, it is late
    mark_done(late, world.unit_b.id, world.office)
    matrix = completion_matrix([late], {world.unit_b.id})
    assert matrix.cells[(late.id, world.unit_b.id)] == CellStatus.LATE


def test_matrix_query_count_does_not_grow_with_deadlines_and_units(world, query_counter):
    def loaded():  # as a page loads them (targets come with one more query)
        db.session.expire_all()
        return db.session.scalars(select(Deadline).order_by(Deadline.id)).all()

    for _ in range(2):
        record_deadline(world)
    units = {world.unit_a.id}
    few_deadlines = loaded()
    with query_counter() as few:
        completion_matrix(few_deadlines, units)
    for _ in range(4):
        record_deadline(world, kind=DeadlineKind.ANNUAL_REPORT)
    for _ in range(3):
        make_deadline(world, units=[world.unit_b])
    units = {world.unit_a.id, world.unit_b.id}
    many_deadlines = loaded()
    with query_counter() as many:
        completion_matrix(many_deadlines, units)
    # units, marks, the records of every kind in one: not one per deadline, unit or kind.
    assert len(few) == 3 and len(many) == 3


def fostering_action(world, owner=None, due=date(2025, 12, 15), status="planned"):
    exemplar = make_exemplar(
        world.unit_a,
        "Nguyễn Thị Lan",
        kind="individual",
        status="candidate",
        year_identified=2025,
    )
    return make_fostering_action(
        exemplar,
        "Cử đi tập huấn nghiệp vụ đo đạc",
        support_type="training",
        owner_user_id=owner.id if owner else None,
        owner_name=owner.full_name if owner else "Tổ chuyên môn",
        due_date=due,
        status=status,
    )


def finding_with_action(world, owner=None, due=date(2025, 12, 15), status="open"):
    inspection = inspections.Inspection(
        unit_id=world.unit_b.id,
        inspection_date=date(2025, 10, 2),
        year=2025,
        scope=["reports"],
        method="on_site",
        lead_inspector_id=world.council.id,
    )
    db.session.add(inspection)
    db.session.flush()
    finding = inspections.InspectionFinding(
        unit_id=world.unit_b.id,
        inspection_id=inspection.id,
        severity="minor",
        finding="Chưa cập nhật sổ theo dõi",
        corrective_action="Lập sổ theo dõi điển hình",
        action_owner_user_id=owner.id if owner else None,
        due_date=due,
        status=status,
    )
    db.session.add(finding)
    db.session.commit()
    return finding


def test_fostering_action_reminds_its_owner_then_escalates(world):
    action = fostering_action(world, owner=world.staff_a)
    sweep_reminders(vn(2025, 12, 8, 7))
    (reminder,) = messages_to(world.staff_a.email)
    assert "Nguyễn Thị Lan" in reminder.subject and "15/12/2025" in reminder.subject
    assert f"/exemplars/{action.exemplar_id}" in reminder.body_text
    assert messages_to(world.coordinator_a.email) == []
    sweep_reminders(vn(2025, 12, 16, 7))
    assert {m.recipient_email for m in all_messages()[1:]} == {
        world.staff_a.email,
        world.coordinator_a.email,
        world.office.email,
    }
    action.status = "done"
    db.session.commit()
    sweep_reminders(vn(2025, 12, 22, 7))
    assert len(all_messages()) == 4  # nothing after it was done


def test_fostering_action_without_owner_goes_to_the_coordinator(world):
    fostering_action(world, owner=None)
    sweep_reminders(vn(2025, 12, 14, 7))
    assert [m.recipient_email for m in all_messages()] == [world.coordinator_a.email]


def test_finding_action_reminds_owner_until_answered(world):
    finding = finding_with_action(world, owner=world.coordinator_b)
    sweep_reminders(vn(2025, 12, 1, 7))
    (message,) = all_messages()
    assert message.recipient_email == world.coordinator_b.email
    assert "Khắc phục sau kiểm tra ngày 02/10/2025" in message.subject
    assert f"/findings/{finding.id}" in message.body_text
    finding.status = "answered"
    db.session.commit()
    sweep_reminders(vn(2025, 12, 8, 7))
    assert len(all_messages()) == 1
    finding.status = "sent_back"
    db.session.commit()
    sweep_reminders(vn(2025, 12, 8, 8))
    assert len(all_messages()) == 2


def test_items_without_due_date_or_cancelled_are_not_due(world):
    fostering_action(world, owner=world.staff_a, due=None)
    fostering_action(world, owner=world.staff_a, status="cancelled")
    finding_with_action(world, due=None)
    items = list(due_items(ItemQuery(organization_id=world.org.id, pending_only=False)))
    assert [i.kind for i in items] == []


def test_provider_items_carry_what_the_sweep_needs(world):
    fostering_action(world, owner=world.staff_a)
    finding_with_action(world, owner=None)
    deadline = make_deadline(world, units=[world.unit_b])
    items = {i.kind: i for i in due_items(ItemQuery(organization_id=world.org.id))}
    assert set(items) == {"deadline", "fostering_action", "finding_action"}
    assert items["deadline"].key == f"deadline:{deadline.id}:unit:{world.unit_b.id}"
    assert items["deadline"].recipients == {world.coordinator_b.id}
    assert items["fostering_action"].recipients == {world.staff_a.id}
    assert items["fostering_action"].all_day
    assert items["finding_action"].recipients == {world.coordinator_b.id}
    assert all(not i.completed for i in items.values())
    # The foreign organization sees none of them.
    assert list(due_items(ItemQuery(organization_id=world.other_org.id))) == []


def test_notification_of_an_item_links_to_its_page(world):
    finding = finding_with_action(world, owner=world.coordinator_b)
    sweep_reminders(vn(2025, 12, 8, 7))
    note = db.session.scalar(select(Notification))
    assert note.link == f"/inspections/findings/{finding.id}" or note.link.endswith(
        f"/findings/{finding.id}"
    )


def test_submitted_congress_submission_completes_the_congress_deadline(world):
    congress = pytest.importorskip("portal.congress.models")
    deadline = record_deadline(
        world, kind=DeadlineKind.CONGRESS_SUBMISSION, due_at=vn(2025, 6, 30, 17)
    )
    db.session.add(
        congress.CongressSubmission(
            unit_id=world.unit_a.id,
            period_id=world.period.id,
            state="accepted",
            submitted_at=vn(2025, 6, 20, 10),
        )
    )
    db.session.add(
        congress.CongressSubmission(
            unit_id=world.unit_b.id,
            period_id=world.period.id,
            state="draft",
        )
    )
    db.session.commit()
    done = completion_map([deadline], {world.unit_a.id, world.unit_b.id})
    assert set(done) == {(deadline.id, world.unit_a.id)}
    sweep_reminders(vn(2025, 6, 23, 7))
    assert [m.recipient_email for m in all_messages()] == [world.coordinator_b.email]


def test_a_pages_due_items_read_the_units_coordinators_once(app, world, query_counter):
    """Every provider asks for the coordinators of the same units: one statement per
    request, and what one caller changes in its answer does not reach the next."""
    units = {world.unit_a.id}
    with app.test_request_context(), query_counter() as statements:
        first = coordinators_by_unit(units)
        first[world.unit_a.id].add(-1)
        again = coordinators_by_unit(units)
    assert again == {world.unit_a.id: {world.coordinator_a.id}}
    read = [s for s in statements if "FROM role_memberships" in s]
    assert len(read) == 1, read
