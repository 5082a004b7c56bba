"""Council, Office and message data of the programme builder, one step at a time."""

from __future__ import annotations

from datetime import date, timedelta

from portal.accounts.models import User
from portal.compilations.models import Compilation, CompilationStatus
from portal.consideration import services as consideration
from portal.consideration.models import Vote, VoteChoice
from portal.deadlines.models import (
    CompletionMode,
    Deadline,
    DeadlineCompletion,
    DeadlineKind,
    DeadlineTarget,
    ReminderDelivery,
)
from portal.exemplars.models import (
    ExemplarKind,
)
from portal.extensions import db
from portal.inspections.models import (
    FindingResponse,
    FindingSeverity,
    Inspection,
    InspectionCorrection,
    InspectionFinding,
    InspectionMember,
    InspectionMethod,
    ResponseKind,
    SupervisionPlanItem,
    SupervisionPlanMember,
)
from portal.mail.models import MailMessage, MailStatus
from portal.notifications.models import (
    Announcement,
    AnnouncementDelivery,
    AnnouncementStatus,
    AnnouncementUnit,
    Notification,
)
from sampledata.programme_units import (
    FINDING_STATES,
    YEARS,
    Step,
    at,
    title_for,
    units_of,
)


def add_plan_items(world, programme, step: Step, n: int) -> None:
    """A planned inspection of every unit of the step in the year's supervision plan."""
    for i, unit in enumerate(units_of(world, step)):
        item = SupervisionPlanItem(
            unit_id=unit.id,
            organization_id=world.org.id,
            year=2025,
            month=1 + (n + i) % 12,
            scope=["propagation", "reports"],
            note=f"Kế hoạch {n}",
        )
        item.members = [
            SupervisionPlanMember(unit_id=unit.id, user_id=u.id)
            for u in (world.council, programme.member)
        ]
        db.session.add(item)


def add_inspections(world, programme, step: Step, n: int) -> None:
    """An inspection per unit with a finding in each state and its follow-up thread."""
    for unit in units_of(world, step):
        signed = n % 2 == 0
        day = date(2025, 1 + n % 10, 5)
        inspection = Inspection(
            unit_id=unit.id,
            inspection_date=day,
            year=day.year,
            scope=["emulation_movements", "reports"],
            method=InspectionMethod.ON_SITE,
            summary="Đơn vị triển khai tốt.",
            lead_inspector_id=world.council.id,
            signed_off_at=at(day, 16) if signed else None,
            signed_off_by_id=world.council.id if signed else None,
        )
        inspection.members = [
            InspectionMember(unit_id=unit.id, user_id=u.id)
            for u in (world.council, programme.member)
        ]
        coordinator = step.coordinators[unit.id]
        for i, status in enumerate(FINDING_STATES):
            finding = InspectionFinding(
                unit_id=unit.id,
                severity=list(FindingSeverity)[i],
                finding=f"Tồn tại {n}-{i}",
                recommendation="Khắc phục",
                action_owner_user_id=coordinator.id if i else None,
                action_owner_name="" if i else "Tổ thi đua",
                due_date=date(2025, 6, 30),
                status=status,
                closed_by_id=world.council.id if i == 2 else None,
                closed_at=at(date(2025, 7, 1)) if i == 2 else None,
            )
            thread = [(ResponseKind.ANSWER, coordinator), (ResponseKind.CLOSE, world.council)]
            finding.responses = [
                FindingResponse(unit_id=unit.id, kind=kind, author_id=who.id, body="Đã thực hiện")
                for kind, who in thread[:i]
            ]
            inspection.findings.append(finding)
        if signed:
            inspection.corrections = [
                InspectionCorrection(
                    unit_id=unit.id, author_id=world.council.id, text="Đính chính ngày"
                )
            ]
        db.session.add(inspection)


def add_rounds(world, programme, step: Step, n: int) -> None:
    """Two rounds per step, one closed and one still open."""
    for closed in (True, False):
        _round(world, step, 2 * n + closed, closed)


def _round(world, step: Step, n: int, closed: bool) -> None:
    """A round with nominations of exemplars, people and free names, voted on."""
    round_ = consideration.open_round(
        world.org.id,
        world.period,
        f"Bình xét đợt {n}",
        2024,
        date(2025, 1, 10) + timedelta(days=n),
        "Phòng họp số 1",
        opened_by=world.office,
    )
    for unit in step.new_units:
        exemplar = step.exemplars[unit.id][2]
        for data in (
            consideration.NomineeInput(
                award_title=title_for(world, exemplar.kind.value), exemplar=exemplar
            ),
            consideration.NomineeInput(
                award_title=title_for(world, "individual"), nominee_user=step.staff[unit.id]
            ),
            consideration.NomineeInput(
                award_title=title_for(world, "collective"),
                unit=unit,
                nominee_name=f"Tổ công tác {unit.id}",
                nominee_kind=ExemplarKind.COLLECTIVE,
            ),
        ):
            consideration.add_nomination(round_, data)
    choices = list(VoteChoice)
    for m, member in enumerate(round_.members):
        db.session.add_all(
            Vote(
                round_id=round_.id,
                nomination_id=nomination.id,
                member_id=member.id,
                choice=choices[(m + k) % 3],
                recorded_by_id=member.user_id,
            )
            for k, nomination in enumerate(round_.nominations)
        )
    db.session.flush()
    if closed:
        consideration.close_round(round_, world.office, notify_people=False)


def _mail(world, user: User | None, subject: str, status: MailStatus, category: str) -> MailMessage:
    message = MailMessage(
        organization_id=world.org.id,
        recipient_email=user.email if user else "ngoai@example.vn",
        recipient_user_id=user.id if user else None,
        subject=subject,
        body_text=subject,
        body_html=f"<p>{subject}</p>",
        category=category,
        status=status,
        attempts=3 if status == MailStatus.FAILED else 1,
        last_error="Connection refused" if status == MailStatus.FAILED else "",
        backend="outbox",
        sent_at=at(date(2025, 3, 1)) if status == MailStatus.SENT else None,
    )
    db.session.add(message)
    return message


def add_deadlines(world, programme, step: Step, n: int) -> None:
    for k, kind in enumerate(DeadlineKind):
        _deadline(world, step, n + k, kind)


def _deadline(world, step: Step, n: int, kind: DeadlineKind) -> None:
    """A deadline for all units or chosen ones, with a completion and reminder claims."""
    manual = kind == DeadlineKind.OTHER
    units = [world.unit_a, *step.new_units]
    deadline = Deadline(
        organization_id=world.org.id,
        period_id=world.period.id,
        kind=kind,
        year=YEARS[n % 3],
        title=f"Hạn {n}: {kind}",
        description="Nộp qua Cổng",
        due_at=at(date(YEARS[n % 3], 12, 15), 10),
        completion_mode=CompletionMode.MANUAL if manual else CompletionMode.RECORD,
        all_units=n % 2 == 0,
        created_by_id=world.office.id,
    )
    if not deadline.all_units:
        deadline.targets = [DeadlineTarget(unit_id=u.id) for u in units]
    if manual:
        deadline.completions = [
            DeadlineCompletion(unit_id=world.unit_a.id, marked_by_id=world.office.id, note="Đã nộp")
        ]
    db.session.add(deadline)
    db.session.flush()
    _reminders(world, step, deadline, units)


def _reminders(world, step: Step, deadline: Deadline, units: list) -> None:
    """Each unit's coordinator was reminded once; the Office was told it is overdue."""
    for unit in units:
        person = step.coordinators[unit.id]
        message = _mail(world, person, deadline.title, MailStatus.SENT, "reminder")
        note = Notification(
            user_id=person.id,
            title=deadline.title,
            category="reminder",
            link=f"/deadlines/{deadline.id}",
            mail_message=message,
        )
        db.session.add(note)
        db.session.flush()
        db.session.add(
            ReminderDelivery(
                organization_id=world.org.id,
                unit_id=unit.id,
                item_key=f"deadline:{deadline.id}:unit:{unit.id}",
                stage="before_7:2025-12-08",
                recipient_user_id=person.id,
                category="reminder",
                notification_id=note.id,
                mail_message_id=message.id,
            )
        )
    db.session.add(
        ReminderDelivery(
            organization_id=world.org.id,
            item_key=f"deadline:{deadline.id}",
            stage="overdue:1",
            recipient_user_id=world.office.id,
            category="escalation",
            mail_message=_mail(
                world, world.office, deadline.title, MailStatus.FAILED, "escalation"
            ),
        )
    )


def add_messages(world, programme, step: Step, n: int) -> None:
    """Notifications for everyone of the world (some read, some emailed) and outbox mail."""
    people = (
        world.office,
        world.viewer,
        world.council,
        programme.member,
        world.coordinator_a,
        world.staff_a,
        world.coordinator_b,
    )
    for person in people:
        for i in range(3):
            message = _mail(world, person, f"Thông báo {n}-{i}", list(MailStatus)[i], "general")
            db.session.add(
                Notification(
                    user_id=person.id,
                    title=f"Thông báo {n}-{i}",
                    body="Nội dung",
                    link="/exemplars/",
                    mail_message=message if i else None,
                    read_at=at(date(2025, 3, 2)) if i == 2 else None,
                )
            )
    _mail(world, None, f"Thư thử {n}", MailStatus.SENT, "test")


def add_announcements(world, programme, step: Step, n: int) -> None:
    """An announcement in each status, to all units or to the step's; the sent one delivered."""
    for k, status in enumerate(AnnouncementStatus):
        _announcement(world, step, n + k, status)


def _announcement(world, step: Step, n: int, status: AnnouncementStatus) -> None:
    announcement = Announcement(
        organization_id=world.org.id,
        title=f"Thông báo chung {n}",
        body="Nội dung",
        to_staff=n % 2 == 0,
        to_council=n % 3 == 0,
        all_units=n % 2 == 1,
        status=status,
        created_by_id=world.office.id,
        queued_at=at(date(2025, 4, 1)) if status != AnnouncementStatus.DRAFT else None,
        sent_at=at(date(2025, 4, 1)) if status == AnnouncementStatus.SENT else None,
    )
    if not announcement.all_units:
        announcement.units = [AnnouncementUnit(unit_id=u.id) for u in units_of(world, step)]
    db.session.add(announcement)
    db.session.flush()
    if status == AnnouncementStatus.SENT:
        for person in set(step.coordinators.values()):
            db.session.add(
                AnnouncementDelivery(
                    announcement_id=announcement.id,
                    user_id=person.id,
                    mail_message=_mail(
                        world, person, announcement.title, MailStatus.SENT, "general"
                    ),
                )
            )


def add_compilations(world, programme, step: Step, n: int) -> None:
    """A finished congress dossier and a failed yearly report per step."""
    db.session.add_all(
        [
            Compilation(
                organization_id=world.org.id,
                period_id=world.period.id,
                kind="congress_submission",
                status=CompilationStatus.DONE,
                progress=100,
                job_id=f"compilation-x{n}",
                step="Xong",
                file_name=f"ho-so-{n}.zip",
                file_size=2048,
                file_sha256="0" * 64,
                started_by_id=world.office.id,
                manifest=[{"path": "a.docx", "size": 10, "sha256": "0" * 64}],
                started_at=at(date(2025, 6, 1)),
                finished_at=at(date(2025, 6, 1), 10),
            ),
            Compilation(
                organization_id=world.org.id,
                period_id=world.period.id,
                kind="yearly_report",
                year=2024,
                status=CompilationStatus.FAILED,
                error="Thiếu báo cáo",
                started_by_id=world.office.id,
                started_at=at(date(2025, 2, 1)),
                finished_at=at(date(2025, 2, 1), 10),
            ),
        ]
    )
