"""The one place tests build their data: a plain function per kind of record.

Each builder takes what the record belongs to (an organization, a unit, a period, a
`world` from tests/conftest.py), has defaults a reader recognises, takes any column as
a keyword, and commits, so that a test sees its record as the portal will.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from portal.accounts.models import Role, User
from portal.annualreports.models import AnnualReport
from portal.annualreports.services import create_report
from portal.assessments.models import SelfAssessment
from portal.assessments.services import create_assessment
from portal.congress import services as congress
from portal.congress.models import CongressSubmission
from portal.consideration import services as consideration
from portal.consideration.catalogue import ensure_catalogue
from portal.consideration.models import AwardTitle, ConsiderationRound
from portal.council import services as council
from portal.council.models import CouncilMember, CouncilPosition
from portal.criteria.models import CriteriaAudience, CriteriaItem, CriteriaSet
from portal.deadlines.models import CompletionMode, Deadline, DeadlineKind, DeadlineTarget
from portal.exemplars import services as exemplars
from portal.exemplars.models import (
    Exemplar,
    ExemplarEvaluation,
    ExemplarKind,
    ExemplarStatus,
    FosteringAction,
    SupportType,
)
from portal.extensions import db
from portal.formatting import VN_TZ
from portal.inspections import findings as finding_rules
from portal.inspections import services as inspections
from portal.inspections.models import Inspection, InspectionFinding
from portal.mail.models import MailMessage
from portal.organizations.models import Organization, Unit, UnitKind
from portal.periods.models import PlanPeriod
from portal.profiles.models import PersonProfile, UnitProfile
from portal.reviews.services import transition
from portal.reviews.states import ReviewAction
from sampledata import profiles as profile_data
from sampledata.world import make_user

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def at(year, month, day, hour=9) -> datetime:
    """A moment in UTC."""
    return datetime(year, month, day, hour, tzinfo=UTC)


def vn(year: int, month: int, day: int, hour: int = 7, minute: int = 0) -> datetime:
    """A moment given in Vietnam time, as an aware UTC datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=VN_TZ).astimezone(UTC)


def pdf_file(name: str = "bien-ban.pdf") -> tuple[io.BytesIO, str]:
    return io.BytesIO(PDF), name


def _saved(row):
    db.session.add(row)
    db.session.commit()
    return row


# -- Organizations, units, periods, people -------------------------------------------


def make_organization(name: str, **fields) -> Organization:
    return _saved(Organization(name=name, **fields))


def make_unit(org: Organization, name: str, kind=UnitKind.DIVISION, **fields) -> Unit:
    """A unit with a named head (who signs its documents) unless told otherwise."""
    fields.setdefault("head_name", f"Thủ trưởng {name}")
    return _saved(Unit(organization_id=org.id, name=name, kind=kind, **fields))


def make_period(org: Organization, name="2023-2025", start=2023, end=2025, current=True):
    return _saved(
        PlanPeriod(
            organization_id=org.id,
            name=name,
            start_year=start,
            end_year=end,
            is_current=current,
        )
    )


def second_member(world, email: str = "council2@example.vn") -> User:
    return make_user(world.org, email, (Role.COUNCIL_MEMBER, None), name="Thành Viên Hai")


def assign_council(world, unit, year: int = 2025, member: User | None = None) -> User:
    """Assign `member` (the world's council member) to `unit` for `year`; kept if it
    exists. Returns the member."""
    member = member or world.council
    pairs = council.assignment_pairs(world.org.id, year) | {(unit.id, member.id)}
    council.replace_assignments(world.org.id, year, pairs)
    db.session.commit()
    return member


# -- Criteria, exemplars and what is done for them ------------------------------------

# (title, weight, max score, required)
DEFAULT_ITEMS = [
    ("Xây dựng kế hoạch phát hiện, bồi dưỡng điển hình", "2", 10, True),
    ("Tổ chức phong trào thi đua gắn với nhiệm vụ chuyên môn", "1", 10, True),
    ("Tuyên truyền, nhân rộng điển hình", "1", 5, False),
]


def make_criteria(
    period,
    items=DEFAULT_ITEMS,
    audience=CriteriaAudience.COLLECTIVE,
    version=1,
    is_current=True,
    title="",
    first_position=0,
) -> CriteriaSet:
    """A criteria set of `period` with `items` as (title, weight, max score, required)."""
    criteria = CriteriaSet(
        organization_id=period.organization_id,
        period_id=period.id,
        audience=audience,
        version=version,
        title=title or f"Tiêu chuẩn tập thể điển hình tiên tiến (v{version})",
        is_current=is_current,
    )
    for position, (item_title, weight, max_score, required) in enumerate(items, first_position):
        criteria.items.append(
            CriteriaItem(
                title=item_title,
                weight=Decimal(weight),
                max_score=max_score,
                required=required,
                position=position,
            )
        )
    return _saved(criteria)


def make_exemplar(
    unit,
    name="Tổ quan trắc môi trường",
    *,
    kind=ExemplarKind.COLLECTIVE,
    status=ExemplarStatus.RECOGNISED,
    year_identified=2024,
    **fields,
) -> Exemplar:
    """An exemplar row as it stands (recognised unless told), without its history;
    `record_exemplar` goes through the rules instead."""
    return _saved(
        Exemplar(
            unit_id=unit.id,
            name=name,
            kind=kind,
            status=status,
            year_identified=year_identified,
            **fields,
        )
    )


def make_congress_exemplar(unit, name, kind=ExemplarKind.INDIVIDUAL, **fields) -> Exemplar:
    """A recognised exemplar with what a congress dossier shows of it."""
    values = {
        "achievements": f"Hoàn thành xuất sắc nhiệm vụ; {name} dẫn đầu phong trào.",
        "initiatives": "Số hóa hồ sơ đất đai",
        "position": "Chuyên viên",
        "year_identified": 2023,
    }
    values.update(fields)
    return make_exemplar(unit, name, kind=kind, **values)


def record_exemplar(
    unit,
    *,
    name="Tổ Thẩm định hồ sơ",
    kind=ExemplarKind.COLLECTIVE,
    year=2024,
    person=None,
    path=(),
    field="Bảo vệ môi trường",
    identified_on=None,
    actor=None,
    **extra,
) -> Exemplar:
    """Record an exemplar through the service (by `actor`) and walk it along `path`:
    statuses, or (status, date) pairs; each step dated 1 June of `year` unless told."""
    exemplar = exemplars.create_exemplar(
        unit.id,
        actor,
        kind=kind,
        name=name,
        year_identified=year,
        person_user_id=person.id if person else None,
        field_of_work=field,
        identified_on=identified_on or date(year, 1, 10),
        **extra,
    )
    for step in path:
        status, on = step if isinstance(step, tuple) else (step, None)
        note = "Lý do" if status == ExemplarStatus.DROPPED else ""
        exemplars.transition(
            exemplar,
            status,
            actor,
            occurred_on=on or date(year, 6, 1),
            note=note,
            notify_person=False,
        )
    db.session.commit()
    return exemplar


def make_fostering_action(exemplar, description="Cử đi tập huấn", **fields) -> FosteringAction:
    values = {"support_type": SupportType.TRAINING}
    values.update(fields)
    return _saved(
        FosteringAction(
            unit_id=exemplar.unit_id, exemplar_id=exemplar.id, description=description, **values
        )
    )


def add_evaluation(exemplar, on=date(2024, 11, 20)) -> ExemplarEvaluation:
    return _saved(
        ExemplarEvaluation(
            unit_id=exemplar.unit_id,
            exemplar_id=exemplar.id,
            evaluated_on=on,
            effect=5,
            effectiveness=4,
            development_potential=4,
            influence=5,
        )
    )


# -- Reviewed records: self-assessments and annual reports ----------------------------


def make_assessment(world, unit=None, year=2024, scores=None) -> SelfAssessment:
    """A draft of `unit` (unit_a) for `year`; `scores` sets self-scores in item order."""
    assessment = create_assessment((unit or world.unit_a).id, world.period, year)
    for item, score in zip(assessment.items, scores or [], strict=False):
        item.self_score = None if score is None else Decimal(str(score))
    db.session.commit()
    return assessment


def make_report(world, unit=None, year=2024) -> AnnualReport:
    report = create_report((unit or world.unit_a).id, world.period, year)
    db.session.commit()
    return report


def move(record, action, user, reason="", when=None, target=None):
    """Move a reviewed record along the review protocol, as `user`."""
    event = transition(record, ReviewAction(action), user, reason=reason, at=when, target=target)
    db.session.commit()
    return event


# -- Inspections and their findings ----------------------------------------------------


def make_inspection(
    world,
    unit=None,
    inspector: User | None = None,
    day: date = date(2025, 3, 10),
    members: list[User] | None = None,
    signed: bool = False,
) -> Inspection:
    """An inspection of `unit` (unit_a) by `inspector` (the council member, assigned)."""
    unit = unit or world.unit_a
    inspector = inspector or world.council
    for person in members or [inspector]:
        if person.has_role(Role.COUNCIL_MEMBER):
            assign_council(world, unit, day.year, member=person)
    inspection = inspections.record_inspection(
        inspector,
        unit,
        inspection_date=day,
        scope=["emulation_movements", "reports"],
        method="on_site",
        summary="Đơn vị triển khai tốt phong trào thi đua.",
        member_ids=[p.id for p in members or [inspector]],
    )
    if signed:
        inspections.sign_off(inspection, inspector)
    db.session.commit()
    return inspection


def finding_values(**overrides) -> dict:
    values = {
        "severity": "minor",
        "finding": "Chưa lập sổ theo dõi bồi dưỡng điển hình.",
        "recommendation": "Lập sổ theo dõi theo mẫu.",
        "corrective_action": "Lập sổ, cập nhật hằng quý.",
        "action_owner_user_id": None,
        "action_owner_name": "Tổ thi đua",
        "due_date": date(2025, 6, 30),
    }
    values.update(overrides)
    return values


def make_finding(inspection: Inspection, **overrides) -> InspectionFinding:
    finding = finding_rules.add_finding(inspection, finding_values(**overrides))
    db.session.commit()
    return finding


# -- Congress submissions ---------------------------------------------------------------


def make_title(org, code="BK-UBND", name="Bằng khen của Chủ tịch UBND tỉnh", order=10):
    return _saved(AwardTitle(organization_id=org.id, code=code, name=name, sort_order=order))


def make_submission(
    unit, period, title, exemplars, conference=date(2025, 5, 20)
) -> CongressSubmission:
    submission = congress.create_submission(unit.id, period)
    congress.save_conference(
        submission,
        {
            "conference_date": conference,
            "attendance": 85,
            "chaired_by": "Trưởng phòng Hoàng Văn Dũng",
            "period_summary": "Giai đoạn 2020-2025 đơn vị đã phát hiện 12 điển hình.",
        },
        [e.id for e in exemplars],
    )
    members = congress.unit_members(unit.id)
    for index, exemplar in enumerate(exemplars):
        # a collective sends a named member of the unit as its delegate
        collective = exemplar.kind == ExemplarKind.COLLECTIVE
        congress.add_nominee(
            submission,
            congress.NomineeData(
                exemplar_id=exemplar.id,
                award_title_id=title.id if index % 2 == 0 else None,
                sector_delegate=True,
                provincial_delegate=index == 0,
                reason=f"Điển hình tiêu biểu: {exemplar.name}",
                achievements="",
                delegate=congress.DelegateData(
                    user_id=members[0].id if collective and members else None,
                    birth_year=1980 + index,
                ),
            ),
        )
    complete_profiles(unit, exemplars)  # what the achievement reports need to submit
    db.session.commit()
    return submission


# -- Consideration: the council's seats, rounds and nominations -------------------------


@dataclass
class Council:
    users: list[User]

    @property
    def chair(self) -> User:
        return self.users[0]

    @property
    def secretary(self) -> User:
        return self.users[1]


def seat_council(world, size: int = 5) -> Council:
    """`world.council` chairs; the second seat is the secretary; the rest are members."""
    users = [world.council] + [
        make_user(
            world.org, f"hd{n}@example.vn", (Role.COUNCIL_MEMBER, None), name=f"Thành viên {n}"
        )
        for n in range(2, size + 1)
    ]
    positions = [CouncilPosition.CHAIR, CouncilPosition.SECRETARY]
    for index, user in enumerate(users):
        position = positions[index] if index < 2 else CouncilPosition.MEMBER
        db.session.add(
            CouncilMember(
                organization_id=world.org.id,
                period_id=world.period.id,
                user_id=user.id,
                position=position,
                title=f"Chức vụ {index + 1}",
            )
        )
    db.session.commit()
    return Council(users)


def award_title(world, code: str) -> AwardTitle:
    """The catalogue's title `code` (the catalogue is filled when missing)."""
    ensure_catalogue(world.org.id)
    return db.session.scalar(
        db.select(AwardTitle).where(
            AwardTitle.organization_id == world.org.id, AwardTitle.code == code
        )
    )


def open_round(
    world, meeting_date: date = date(2025, 3, 10), codes=("CSTD_CS",)
) -> ConsiderationRound:
    """A round with one free-name nomination per title code, staff of unit A as nominees."""
    round_ = consideration.open_round(
        world.org.id,
        world.period,
        "Bình xét năm 2024",
        2024,
        meeting_date,
        "Phòng họp số 1",
        opened_by=world.office,
    )
    for index, code in enumerate(codes):
        award = award_title(world, code)
        kind = (
            ExemplarKind.COLLECTIVE if award.audience == "collective" else ExemplarKind.INDIVIDUAL
        )
        consideration.add_nomination(
            round_,
            consideration.NomineeInput(
                award_title=award,
                nominee_name=f"Người đề nghị {index + 1}",
                nominee_kind=kind,
                unit=world.unit_a,
                achievements="Thành tích",
            ),
        )
    db.session.commit()
    return round_


# -- Deadlines and mail -------------------------------------------------------------------


def make_deadline(world, *, due_at=None, units=None, **fields) -> Deadline:
    """A manual deadline of the world's period (every unit unless `units`)."""
    values = {
        "organization_id": world.org.id,
        "period_id": world.period.id,
        "kind": DeadlineKind.OTHER,
        "year": 2025,
        "title": "Báo cáo sơ kết phong trào thi đua",
        "due_at": due_at or vn(2025, 12, 15, 17),
        "completion_mode": CompletionMode.MANUAL,
        "all_units": units is None,
        "remind_days_before": "14,7,1",
        "escalate": True,
        "reminders_enabled": True,
    }
    values.update(fields)
    deadline = Deadline(**values)
    for unit in units or []:
        deadline.targets.append(DeadlineTarget(unit_id=unit.id))
    return _saved(deadline)


def make_mail_message(to="a@example.vn", subject="Thử", body_text="Nội dung", **fields):
    """A message in the outbox (queued unless told)."""
    return _saved(MailMessage(recipient_email=to, subject=subject, body_text=body_text, **fields))


# -- Profiles: what the achievement report forms print -----------------------------------


def make_unit_profile(unit, **fields) -> UnitProfile:
    """The unit's profile with every field the collective's form requires."""
    return _saved(UnitProfile(unit_id=unit.id, **{**profile_data.UNIT_VALUES, **fields}))


def make_person_profile(user, **fields) -> PersonProfile:
    """A person's profile with every field the individual's form requires."""
    return _saved(PersonProfile(user_id=user.id, **{**profile_data.PERSON_VALUES, **fields}))


def complete_profiles(unit, exemplars) -> None:
    """The profiles the achievement reports of `exemplars` need (sampledata.profiles)."""
    profile_data.complete_profiles(unit, exemplars)
    db.session.commit()


# -- Award decisions --------------------------------------------------------------------


def award_to(unit, name: str, kind: str = "individual", *, user=None, exemplar=None, amount=None):
    """A recipient row for `make_award`: a person (by account or exemplar) or a collective."""
    from portal.awards.models import AwardRecipient
    from portal.exemplars.models import ExemplarKind as Kind
    from portal.textsearch import fold

    return AwardRecipient(
        unit_id=unit.id,
        kind=Kind(kind),
        name=name,
        name_key=fold(name),
        user_id=user.id if user else None,
        exemplar_id=exemplar.id if exemplar else None,
        amount_vnd=amount,
    )


def make_award(org, *recipients, **fields):
    """A decision (issued unless told) with its recipients (`award_to` rows)."""
    from portal.awards.models import AwardDecision, AwardLevel, DecisionSource, DecisionStatus

    values = {
        "organization_id": org.id,
        "number": "125/QĐ-UBND",
        "decided_on": date(2024, 3, 15),
        "issuing_body": "Chủ tịch UBND tỉnh Quảng Bình",
        "level": AwardLevel.PROVINCE,
        "form_name": "Bằng khen của Chủ tịch UBND tỉnh",
        "year": 2023,
        "status": DecisionStatus.ISSUED,
        "source": DecisionSource.RECORDED,
    }
    values.update(fields)
    decision = AwardDecision(**values)
    for position, recipient in enumerate(recipients, start=1):
        recipient.position_in_list = position
        decision.recipients.append(recipient)
    return _saved(decision)


# -- Award decisions ----------------------------------------------------------------------


def closed_round_with_results(world, passed: int = 2, failed: int = 1) -> ConsiderationRound:
    """A closed round of unit A's nominees: `passed` for CSTD_CS and one for TTLDXS pass
    (every member agrees), `failed` more for CSTD_CS fail (every member disagrees)."""
    from portal.consideration import voting
    from portal.consideration.models import VoteChoice
    from portal.exemplars.models import ExemplarKind

    seat_council(world)
    round_ = open_round(world, codes=("TTLDXS",))
    cstd = award_title(world, "CSTD_CS")
    for index in range(passed + failed):
        consideration.add_nomination(
            round_,
            consideration.NomineeInput(
                award_title=cstd,
                nominee_name=f"{'Đạt' if index < passed else 'Không đạt'} {index + 1}",
                nominee_kind=ExemplarKind.INDIVIDUAL,
                unit=world.unit_a,
                achievements="Thành tích",
            ),
        )
    db.session.flush()
    choices = {
        n.id: VoteChoice.DISAGREE if n.nominee_name.startswith("Không") else VoteChoice.AGREE
        for n in round_.nominations
    }
    for member in round_.members:
        voting.cast_votes(round_, member, choices)
    consideration.close_round(round_, world.office, notify_people=False)
    db.session.commit()
    return round_


def make_decision(world, *, issued: bool = False, recipients=None, **fields):
    """A hand-recorded decision of `world.org` with recipients (unit A itself and
    unit A's coordinator unless given), issued when asked."""
    from portal.awards import services as awards
    from portal.awards.models import AwardLevel, DecisionSource

    values = {
        "number": "12/QĐ-UBND",
        "decided_on": date(2025, 1, 15),
        "issuing_body": "Chủ tịch UBND tỉnh Quảng Bình",
        "level": AwardLevel.PROVINCE,
        "signer_name": "Trần Thắng",
        "signer_position": "Chủ tịch",
        "award_title_id": None,
        "form_name": "Bằng khen của Chủ tịch UBND tỉnh",
        "year": 2024,
        "summary": "",
    } | fields
    decision = awards.record_decision(
        world.org.id, awards.DecisionInput(**values), world.office, DecisionSource.RECORDED
    )
    if recipients is None:
        recipients = [f"unit:{world.unit_a.id}", f"user:{world.coordinator_a.id}"]
    for target in recipients:
        awards.add_recipient(decision, target, amount_vnd=1_000_000)
    if issued:
        awards.issue_decision(decision, decision.number, decision.decided_on, world.office)
    db.session.commit()
    return decision


# -- Emulation movements and the programme's budget ----------------------------------------


def make_movement(world, unit=None, name="Phong trào thi đua chuyển đổi số", **fields):
    """A movement of the organization (or of `unit`, its own), running in 2025."""
    from portal.movements.models import Movement, MovementUnit

    values = {"start_date": date(2025, 1, 1), "end_date": date(2025, 12, 31), "purpose": ""}
    values.update(fields)
    movement = Movement(
        organization_id=world.org.id, unit_id=unit.id if unit else None, name=name, **values
    )
    if unit is not None:
        movement.participant_links = [MovementUnit(unit_id=unit.id)]
    return _saved(movement)


def make_budget(world, year=2025, amount=100_000_000, unit=None):
    from portal.budget.models import ProgrammeBudget

    return _saved(
        ProgrammeBudget(
            organization_id=world.org.id,
            year=year,
            unit_id=unit.id if unit else None,
            amount_vnd=amount,
        )
    )


# -- Award decisions and registrations (issue 13) -------------------------------------------


def make_issued_award(world, code: str, year: int, *, user=None, exemplar=None, unit=None):
    """An ISSUED decision of the Department awarding the catalogue title `code` for `year`
    to one recipient: a person (`user`), an exemplar, or the unit itself (a collective)."""
    from portal.awards.models import (
        AwardDecision,
        AwardLevel,
        AwardRecipient,
        DecisionSource,
        DecisionStatus,
    )
    from portal.textsearch import fold

    title = award_title(world, code)
    unit = unit or (exemplar.unit if exemplar is not None else world.unit_a)
    if user is not None:
        kind, name = ExemplarKind.INDIVIDUAL, user.full_name
    elif exemplar is not None:
        kind, name = exemplar.kind, exemplar.name
    else:
        kind, name = ExemplarKind.COLLECTIVE, unit.name
    decision = AwardDecision(
        organization_id=world.org.id,
        number=f"{code}-{year}-{name[:10]}/QĐ-STNMT",
        decided_on=date(year, 12, 28),
        issuing_body="Giám đốc Sở",
        level=AwardLevel.DEPARTMENT,
        award_title_id=title.id,
        form_name=title.name,
        year=year,
        status=DecisionStatus.ISSUED,
        source=DecisionSource.RECORDED,
    )
    decision.recipients.append(
        AwardRecipient(
            unit_id=unit.id,
            kind=kind,
            user_id=user.id if user is not None else None,
            exemplar_id=exemplar.id if exemplar is not None else None,
            name=name,
            name_key=fold(name),
        )
    )
    return _saved(decision)


def make_registration(world, unit=None, year: int = 2025, due_at=None, entries=()):
    """A unit's registration for `year` (the Office's deadline made if missing), with
    `entries` as (title code, nominee choice: "unit" / "user:<id>" / "exemplar:<id>")."""
    from portal.registrations import services as registrations

    unit = unit or world.unit_a
    if registrations.registration_deadline(world.org.id, year) is None:
        make_deadline(
            world,
            kind=DeadlineKind.REGISTRATION,
            year=year,
            title=f"Đăng ký thi đua năm {year}",
            completion_mode=CompletionMode.RECORD,
            due_at=due_at or vn(2099, 1, 31, 17),
        )
    registration = registrations.create_registration(unit, year)
    for code, nominee in entries:
        registrations.add_entry(registration, award_title(world, code), nominee)
    db.session.commit()
    return registration
