"""Unit data of the programme builder: exemplars and their records, reviews, congress."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from portal.accounts.models import User
from portal.annualreports.services import create_report, set_commendations
from portal.assessments.services import create_assessment
from portal.congress import services as congress
from portal.consideration.models import AwardTitle
from portal.criteria.models import CriteriaSet
from portal.difficulties.models import Difficulty, DifficultyStatus
from portal.evidence.models import Attachment
from portal.exemplars.models import (
    Exemplar,
    ExemplarEvaluation,
    ExemplarEvaluationScore,
    ExemplarEvent,
    ExemplarKind,
    ExemplarStatus,
    FosteringAction,
    FosteringStatus,
    RecognitionLevel,
    SupportType,
)
from portal.extensions import db
from portal.inspections.models import (
    FindingStatus,
)
from portal.organizations.models import Unit, UnitKind
from portal.propagation.models import (
    ActivityType,
    Channel,
    PropagationActivity,
    PropagationActivityExemplar,
)
from portal.publiccolumn.models import ExemplarStory, StoryStatus
from portal.reviews.services import transition
from portal.reviews.states import ReviewAction
from portal.training.models import TrainingRecord
from sampledata.profiles import complete_profiles

YEARS = (2023, 2024, 2025)
UNIT_KINDS = (UnitKind.DIVISION, UnitKind.AFFILIATED, UnitKind.MASS_ORGANISATION)
FINDING_STATES = (FindingStatus.OPEN, FindingStatus.ANSWERED, FindingStatus.CLOSED)
DIFFICULTY_STATES = (DifficultyStatus.OPEN, DifficultyStatus.ANSWERED, DifficultyStatus.CLOSED)
# What each year's self-assessment and annual report has gone through.
REVIEW_PATHS = {
    2023: ("submit", "accept"),
    2024: ("submit", "return", "submit"),
    2025: (),
}


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@dataclass
class Step:
    """What one base amount added: two new units with their people, and the exemplars."""

    new_units: list[Unit]
    coordinators: dict[int, User]
    staff: dict[int, User]
    exemplars: dict[int, list[Exemplar]] = field(default_factory=dict)


@dataclass
class Programme:
    steps: list[Step] = field(default_factory=list)
    member: User | None = None  # a second council member, for votes and plans


def units_of(world, step: Step) -> list[Unit]:
    """Every step adds data to both units of the world and to its own two units."""
    return [world.unit_a, world.unit_b, *step.new_units]


def attachment(unit_id: int, owner_type: str, owner_id: int, kind: str = "pdf") -> Attachment:
    return Attachment(
        unit_id=unit_id,
        owner_type=owner_type,
        owner_id=owner_id,
        original_name=f"minh-chung.{kind}",
        stored_name=uuid.uuid4().hex,
        kind=kind,
        content_type="application/pdf" if kind == "pdf" else "image/png",
        size=1024,
        sha256="0" * 64,
    )


def add_exemplars(world, programme, step: Step, n: int) -> None:
    """One exemplar per status in every unit, with its timeline, support and evaluation."""
    sets = {s.audience.value: s for s in db.session.scalars(db.select(CriteriaSet))}
    for unit in units_of(world, step):
        made = step.exemplars[unit.id] = [
            _exemplar(world, step, unit, n, i, sets) for i in range(len(ExemplarStatus))
        ]
        db.session.add_all(made)
        db.session.flush()
        db.session.add_all(attachment(unit.id, "exemplar", e.id) for e in made)


def _exemplar(world, step: Step, unit: Unit, n: int, i: int, sets: dict) -> Exemplar:
    status = list(ExemplarStatus)[i]
    kind = (ExemplarKind.INDIVIDUAL, ExemplarKind.COLLECTIVE)[i % 2]
    year = YEARS[(n + i) % 3]
    recognised = status in (ExemplarStatus.RECOGNISED, ExemplarStatus.REPLICATED)
    exemplar = Exemplar(
        unit_id=unit.id,
        kind=kind,
        name=f"Điển hình {n}-{unit.id}-{i}",
        person_user_id=step.staff[unit.id].id if kind == ExemplarKind.INDIVIDUAL else None,
        achievements="Dẫn đầu phong trào",
        year_identified=year,
        year_recognised=year if recognised else None,
        status=status,
        level=RecognitionLevel.DEPARTMENT if recognised else RecognitionLevel.UNIT,
        drop_reason="Chuyển công tác" if status == ExemplarStatus.DROPPED else "",
    )
    day = date(year, 3, 1 + i)
    exemplar.events = [
        ExemplarEvent(unit_id=unit.id, actor_id=world.office.id, occurred_on=day, to_status=status)
    ]
    coordinator = step.coordinators[unit.id]
    exemplar.fostering_actions = [
        FosteringAction(
            unit_id=unit.id,
            support_type=support,
            description="Hỗ trợ",
            owner_user_id=coordinator.id if done else None,
            owner_name="" if done else "Chuyên gia ngoài",
            due_date=day + timedelta(days=60),
            status=state,
        )
        for support, state, done in (
            (SupportType.TECHNICAL, FosteringStatus.PLANNED, False),
            (SupportType.AWARD, FosteringStatus.DONE, True),
        )
    ]
    criteria = sets[kind.value]
    evaluation = ExemplarEvaluation(
        unit_id=unit.id,
        evaluated_on=day + timedelta(days=90),
        evaluator_user_id=coordinator.id,
        effect=4,
        effectiveness=5,
        development_potential=3,
        influence=4,
        criteria_set_id=criteria.id,
    )
    evaluation.scores = [
        ExemplarEvaluationScore(unit_id=unit.id, criteria_item_id=item.id, score=7)
        for item in criteria.items
    ]
    exemplar.evaluations = [evaluation]
    return exemplar


def add_propagation(world, programme, step: Step, n: int) -> None:
    """Two activities per unit, one per channel, each featuring two exemplars."""
    made = []
    for unit in units_of(world, step):
        for i, (kind, channel) in enumerate(
            (
                (ActivityType.EXCHANGE, Channel.TRADITIONAL),
                (ActivityType.ONLINE_POST, Channel.ONLINE),
            )
        ):
            activity = PropagationActivity(
                unit_id=unit.id,
                activity_date=date(YEARS[(n + i) % 3], 1 + (n + i) % 12, 10),
                activity_type=kind,
                channel=channel,
                title=f"Tuyên truyền {n}-{unit.id}-{i}",
                link="https://example.vn/bai" if i else "",
                audience_reached=120,
                cost_vnd=1_500_000,
                partner_unit="" if i else "Sở Nội vụ",
                created_by_id=step.coordinators[unit.id].id,
            )
            activity.exemplar_links = [
                PropagationActivityExemplar(unit_id=unit.id, exemplar_id=e.id)
                for e in step.exemplars[unit.id][2 * i : 2 * i + 2]
            ]
            made.append(activity)
    db.session.add_all(made)
    db.session.flush()
    db.session.add_all(attachment(a.unit_id, "propagation_activity", a.id) for a in made)


def add_stories(world, programme, step: Step, n: int) -> None:
    """A story per status in every unit; the published ones have a photo."""
    for unit in units_of(world, step):
        stories = []
        for i, status in enumerate(StoryStatus):
            reviewed = status in (StoryStatus.PUBLISHED, StoryStatus.REJECTED)
            stories.append(
                ExemplarStory(
                    unit_id=unit.id,
                    exemplar_id=step.exemplars[unit.id][i].id,
                    status=status,
                    title=f"Câu chuyện {n}-{unit.id}-{i}",
                    summary="Tóm tắt",
                    body="Đoạn một.\n\nHai.",
                    author_id=step.coordinators[unit.id].id,
                    submitted_at=at(date(2025, 1, 1 + n % 28))
                    if status != StoryStatus.DRAFT
                    else None,
                    published_at=at(date(2025, 2, 1 + n % 28))
                    if status == StoryStatus.PUBLISHED
                    else None,
                    reviewed_by_id=world.office.id if reviewed else None,
                    reviewed_at=at(date(2025, 2, 1 + n % 28)) if reviewed else None,
                    review_note="Bổ sung ảnh" if status == StoryStatus.REJECTED else "",
                )
            )
        db.session.add_all(stories)
        db.session.flush()
        for story in stories:
            if story.status == StoryStatus.PUBLISHED:
                story.photo = attachment(unit.id, "exemplar_story", story.id, "png")


def add_training(world, programme, step: Step, n: int) -> None:
    for unit in units_of(world, step):
        person = step.staff[unit.id]
        for i in range(2):
            start = date(YEARS[(n + i) % 3], 4 + i, 10)
            db.session.add(
                TrainingRecord(
                    unit_id=unit.id,
                    person_name=person.full_name if i else f"Học viên {n}-{i}",
                    person_user_id=person.id if i else None,
                    course=f"Lớp bồi dưỡng {n}-{i}",
                    organiser="Ban Thi đua - Khen thưởng tỉnh",
                    start_date=start,
                    end_date=start + timedelta(days=2),
                    hours=16.0,
                    created_by_id=step.coordinators[unit.id].id,
                )
            )


def add_difficulties(world, programme, step: Step, n: int) -> None:
    for unit in units_of(world, step):
        for i, status in enumerate(DIFFICULTY_STATES):
            answered = status != DifficultyStatus.OPEN
            db.session.add(
                Difficulty(
                    unit_id=unit.id,
                    title=f"Vướng mắc {n}-{unit.id}-{i}",
                    description="Mô tả",
                    status=status,
                    raised_by_id=step.coordinators[unit.id].id,
                    raised_at=at(date(YEARS[(n + i) % 3], 5, 2 + i)),
                    answer="Trả lời của Sở" if answered else "",
                    answered_by_id=world.office.id if answered else None,
                    answered_at=at(date(2025, 6, 1)) if answered else None,
                    closed_by_id=step.coordinators[unit.id].id if i == 2 else None,
                    closed_at=at(date(2025, 6, 5)) if i == 2 else None,
                )
            )


def review_units(world, step: Step, n: int) -> list[Unit]:
    """Units whose once-a-year (or once-a-period) records this step makes."""
    return ([world.unit_a, world.unit_b] if n == 0 else []) + step.new_units


def move_record(record, path, coordinator: User, office: User) -> None:
    for action in path:
        actor = coordinator if action == "submit" else office
        reason = "Bổ sung số liệu" if action == "return" else ""
        transition(record, ReviewAction(action), actor, reason=reason, notify_people=False)


def add_reviews(world, programme, step: Step, n: int) -> None:
    """Self-assessments and annual reports of each year, in various review states."""
    for unit in review_units(world, step, n):
        coordinator = step.coordinators[unit.id]
        proposed = [
            e.id
            for e in step.exemplars[unit.id]
            if e.status in (ExemplarStatus.RECOGNISED, ExemplarStatus.REPLICATED)
        ]
        for year, path in REVIEW_PATHS.items():
            assessment = create_assessment(unit.id, world.period, year)
            for item in assessment.items:
                item.self_score = Decimal(8)
            report = create_report(unit.id, world.period, year)
            set_commendations(report, proposed)
            db.session.flush()
            move_record(assessment, path, coordinator, world.office)
            move_record(report, path, coordinator, world.office)


def title_for(world, audience: str) -> AwardTitle:
    return db.session.scalar(
        db.select(AwardTitle)
        .where(
            AwardTitle.organization_id == world.org.id,
            AwardTitle.audience == audience,
            AwardTitle.is_active.is_(True),
        )
        .order_by(AwardTitle.sort_order)
    )


def add_congress(world, programme, step: Step, n: int) -> None:
    """Each new unit's congress submission: conference, honoured exemplars, nominees."""
    titles = {a: title_for(world, a) for a in ("individual", "collective")}
    for i, unit in enumerate(review_units(world, step, n)):
        kept = [e for e in step.exemplars[unit.id] if e.status != ExemplarStatus.DROPPED]
        submission = congress.create_submission(unit.id, world.period)
        congress.save_conference(
            submission,
            {
                "conference_date": date(2025, 5, 20),
                "attendance": 80,
                "chaired_by": "Trưởng phòng",
                "period_summary": "Tổng kết",
            },
            [e.id for e in kept[:2]],
        )
        for k, exemplar in enumerate(kept[:3]):
            congress.add_nominee(
                submission,
                congress.NomineeData(
                    exemplar_id=exemplar.id,
                    award_title_id=titles[exemplar.kind.value].id,
                    sector_delegate=k == 0,
                    provincial_delegate=False,
                    reason="Tiêu biểu",
                    achievements="",
                    # a collective delegate is a person: the unit's coordinator
                    delegate=congress.DelegateData(user_id=step.coordinators[unit.id].id),
                ),
            )
        complete_profiles(unit, kept[:3])  # what the achievement reports print
        move_record(
            submission,
            (("submit",), ("submit", "accept"), ())[(n + i) % 3],
            step.coordinators[unit.id],
            world.office,
        )
