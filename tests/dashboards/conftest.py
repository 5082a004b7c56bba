"""A programme with known numbers for the dashboard tests (the year looked at: 2024).

Unit A (Phòng Môi trường): exemplars built in 2024: 2 (quota ok); self-assessment
submitted on time; no annual report (overdue); one planned and one done inspection
with one overdue open finding and one answered; a draft congress submission.
Unit B (Thanh tra Sở): no exemplar built in 2024 (below quota); self-assessment
accepted; annual report submitted late; no inspection; no congress submission.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from portal.congress import services as congress
from portal.deadlines.models import ReminderDelivery
from portal.exemplars.models import ExemplarKind, ExemplarStatus
from portal.extensions import db
from portal.inspections import findings as finding_rules
from portal.inspections.models import SupervisionPlanItem, SupervisionPlanMember
from portal.mail.models import MailStatus
from portal.propagation.models import ActivityType, Channel, PropagationActivity
from portal.reviews.states import ReviewAction
from tests.factories import (
    at,
    make_assessment,
    make_criteria,
    make_exemplar,
    make_finding,
    make_inspection,
    make_mail_message,
    make_report,
    move,
)

YEAR = 2024


@dataclass
class Programme:
    world: object
    inspection: object
    overdue_finding: object
    answered_finding: object
    assessment_a: object
    assessment_b: object
    report_b: object
    submission_a: object


def add_exemplars(world) -> None:
    a, b = world.unit_a, world.unit_b
    rows = [
        (a, "Nguyễn Thị Lan", 2023, ExemplarStatus.RECOGNISED, 2024),
        (a, "Tổ quan trắc", 2024, ExemplarStatus.FOSTERING, None),
        (a, "Trần Văn Hải", 2025, ExemplarStatus.CANDIDATE, None),
        (a, "Lê Thị Mai", 2024, ExemplarStatus.DROPPED, None),
        (b, "Đội thanh tra số 2", 2023, ExemplarStatus.CANDIDATE, None),
    ]
    for unit, name, identified, status, recognised in rows:
        make_exemplar(
            unit,
            name,
            kind=ExemplarKind.INDIVIDUAL,
            status=status,
            year_identified=identified,
            year_recognised=recognised,
        )


def add_propagation(world) -> None:
    rows = [
        (world.unit_a, date(2024, 3, 5), Channel.TRADITIONAL),
        (world.unit_a, date(2024, 3, 20), Channel.ONLINE),
        (world.unit_a, date(2024, 11, 2), Channel.TRADITIONAL),
        (world.unit_b, date(2024, 3, 10), Channel.TRADITIONAL),
        (world.unit_a, date(2023, 5, 1), Channel.ONLINE),  # another year
    ]
    for unit, day, channel in rows:
        db.session.add(
            PropagationActivity(
                unit_id=unit.id,
                activity_date=day,
                activity_type=ActivityType.ARTICLE,
                channel=channel,
                title=f"Bài viết {day:%d/%m/%Y}",
            )
        )
    db.session.commit()


def add_reviews(world):
    make_criteria(world.period)
    assessment_a = make_assessment(world, world.unit_a, YEAR, scores=[8, 7, 4])
    move(assessment_a, ReviewAction.SUBMIT, world.coordinator_a, when=at(2024, 12, 1))
    assessment_b = make_assessment(world, world.unit_b, YEAR, scores=[9, 8, 5])
    move(assessment_b, ReviewAction.SUBMIT, world.coordinator_b, when=at(2024, 12, 2))
    move(assessment_b, ReviewAction.ACCEPT, world.office, when=at(2024, 12, 5))
    report_b = make_report(world, world.unit_b, YEAR)
    move(report_b, ReviewAction.SUBMIT, world.coordinator_b, when=at(2024, 12, 20))
    return assessment_a, assessment_b, report_b


def add_inspections(world):
    inspection = make_inspection(world, unit=world.unit_a, day=date(2024, 3, 10))
    item = SupervisionPlanItem(
        organization_id=world.org.id, unit_id=world.unit_a.id, year=YEAR, month=3, scope=["reports"]
    )
    item.members.append(SupervisionPlanMember(unit_id=world.unit_a.id, user_id=world.council.id))
    db.session.add(item)
    db.session.flush()
    inspection.plan_item_id = item.id
    overdue = make_finding(inspection, finding="Chưa lập sổ theo dõi", due_date=date(2024, 6, 30))
    answered = make_finding(
        inspection, finding="Thiếu minh chứng tuyên truyền", severity="major", due_date=None
    )
    finding_rules.answer(answered, world.coordinator_a, "Đã bổ sung minh chứng.")
    db.session.commit()
    return inspection, overdue, answered


def reminder(world, when: datetime, status: MailStatus | None, unit=None, org=None) -> None:
    """A reminder claim, with its email in `status` (None: delivered in the portal only)."""
    org = org or world.org
    person = world.coordinator_a if org is world.org else world.foreign_coordinator
    message = None
    if status is not None:
        message = make_mail_message(
            person.email,
            "Nhắc hạn",
            "Nhắc hạn",
            organization_id=org.id,
            recipient_user_id=person.id,
            category="reminder",
            status=status,
            created_at=when,
        )
    count = db.session.query(ReminderDelivery).count()
    db.session.add(
        ReminderDelivery(
            organization_id=org.id,
            unit_id=(unit or world.unit_a).id if org is world.org else None,
            item_key=f"deadline:1:unit:{count}",
            stage=f"before_7:{count}",
            recipient_user_id=person.id,
            category="reminder",
            mail_message_id=message.id if message else None,
            created_at=when,
        )
    )
    db.session.commit()


def add_reminders(world) -> None:
    now = datetime.now(UTC)
    reminder(world, now - timedelta(hours=1), MailStatus.SENT)
    reminder(world, now - timedelta(hours=2), None)  # the bell only: counts as sent
    reminder(world, now - timedelta(hours=3), MailStatus.FAILED)
    reminder(world, now - timedelta(days=8), MailStatus.SENT, unit=world.unit_b)
    reminder(world, now - timedelta(days=8), MailStatus.QUEUED, unit=world.unit_b)
    reminder(world, now - timedelta(weeks=20), MailStatus.SENT)  # older than the chart
    reminder(world, now - timedelta(hours=1), MailStatus.SENT, org=world.other_org)


@pytest.fixture
def programme(world) -> Programme:
    add_exemplars(world)
    add_propagation(world)
    assessment_a, assessment_b, report_b = add_reviews(world)
    inspection, overdue, answered = add_inspections(world)
    submission = congress.create_submission(world.unit_a.id, world.period)
    db.session.commit()
    add_reminders(world)
    return Programme(
        world, inspection, overdue, answered, assessment_a, assessment_b, report_b, submission
    )
