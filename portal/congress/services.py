"""The rules of the congress submission: one per unit per period, the conference,
the nominees (prefilled from the exemplar's record), the cycle's settings."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.accounts.models import RoleMembership, User
from portal.congress.models import (
    NOMINEE_OWNER,
    CongressCycle,
    CongressHonouree,
    CongressNominee,
    CongressSubmission,
    Gender,
)
from portal.congress.profile_checks import profile_gaps
from portal.consideration.catalogue import require_title_fits, title_fits
from portal.consideration.models import AwardTitle
from portal.deadlines.models import Deadline, DeadlineKind
from portal.documents.signers import unit_signer_problem
from portal.evidence.models import Attachment
from portal.evidence.services import delete_attachments_of
from portal.exemplars.models import Exemplar, ExemplarKind
from portal.extensions import db
from portal.formatting import VN_TZ, format_date, today_vn
from portal.periods.models import PlanPeriod
from portal.reviews.models import ReviewEvent
from portal.rules import RuleError


@dataclass
class DelegateData:
    """The person sent to a congress: for a collective its representative (a member of
    the unit, `user_id`), for an individual the exemplar."""

    user_id: int | None = None
    name: str = ""
    birth_year: int | None = None
    gender: Gender | None = None
    ethnicity: str = ""
    position: str = ""
    party_member: bool = False
    qualifications: str = ""


@dataclass
class NomineeData:
    exemplar_id: int
    award_title_id: int | None
    sector_delegate: bool
    provincial_delegate: bool
    reason: str
    achievements: str
    conference_agree: int | None = None
    delegate: DelegateData | None = None


def submission_for(unit_id: int, period_id: int) -> CongressSubmission | None:
    return db.session.scalar(
        select(CongressSubmission).where(
            CongressSubmission.unit_id == unit_id, CongressSubmission.period_id == period_id
        )
    )


def create_submission(unit_id: int, period: PlanPeriod) -> CongressSubmission:
    """The unit's submission for the period (one only). The caller commits."""
    if submission_for(unit_id, period.id):
        raise RuleError(_("Đơn vị đã có hồ sơ Đại hội cho giai đoạn này."))
    submission = CongressSubmission(unit_id=unit_id, period_id=period.id)
    db.session.add(submission)
    db.session.flush()
    return submission


def award_titles(organization_id: int) -> list[AwardTitle]:
    return list(
        db.session.scalars(
            select(AwardTitle)
            .where(AwardTitle.organization_id == organization_id, AwardTitle.is_active.is_(True))
            .order_by(AwardTitle.sort_order, AwardTitle.name)
        )
    )


def _require_editable(submission: CongressSubmission) -> None:
    if not submission.is_editable:
        raise RuleError(_("Hồ sơ đã nộp hoặc đã được chấp nhận, không thể sửa."))


def _own_exemplar(submission: CongressSubmission, exemplar_id: int) -> Exemplar:
    exemplar = db.session.get(Exemplar, exemplar_id)
    if exemplar is None or exemplar.unit_id != submission.unit_id:
        raise RuleError(_("Điển hình không thuộc đơn vị."))
    return exemplar


CONFERENCE_FIELDS = (
    "conference_date",
    "conference_place",
    "attendance",
    "invited",
    "chaired_by",
    "secretary",
    "period_reviewed",
    "period_summary",
)


def deadline_for(submission: CongressSubmission):
    """The latest congress-submission deadline of the period that applies to the unit."""
    applying = [
        d
        for d in submission_deadlines(submission.period)
        if d.all_units or any(t.unit_id == submission.unit_id for t in d.targets)
    ]
    return applying[-1] if applying else None


def _check_conference(submission: CongressSubmission, values: dict) -> None:
    held = values.get("conference_date")
    if held is not None:
        if held > today_vn():
            raise RuleError(
                _("Ngày tổ chức Hội nghị không thể sau ngày hôm nay."), "conference_date"
            )
        deadline = deadline_for(submission)
        due = deadline.due_at.astimezone(VN_TZ).date() if deadline else None
        if due is not None and held > due:
            raise RuleError(
                _(
                    "Ngày tổ chức Hội nghị (%(held)s) sau hạn nộp hồ sơ Đại hội (%(due)s).",
                    held=format_date(held),
                    due=format_date(due),
                ),
                "conference_date",
            )
    attendance, invited = values.get("attendance"), values.get("invited")
    if attendance is not None and attendance < 0:
        raise RuleError(_("Số người tham dự không thể âm."), "attendance")
    if invited is not None and invited < 0:
        raise RuleError(_("Số người được triệu tập không thể âm."), "invited")
    if attendance is not None and invited is not None and attendance > invited:
        raise RuleError(
            _(
                "Số người tham dự (%(attended)s) lớn hơn số người được triệu tập (%(invited)s).",
                attended=attendance,
                invited=invited,
            ),
            "attendance",
        )


def save_conference(submission: CongressSubmission, values: dict, honoured_ids: list[int]) -> None:
    """The conference's record: date, place, chair, secretary, attendance, the period
    reviewed, the summary of results and the exemplars honoured."""
    _require_editable(submission)
    _check_conference(submission, values)
    wanted = set()
    for exemplar_id in honoured_ids:
        exemplar = db.session.get(Exemplar, exemplar_id)
        if exemplar is None or exemplar.unit_id != submission.unit_id:
            raise RuleError(
                _("Điển hình được biểu dương phải thuộc đơn vị của hồ sơ."), "honoured_ids"
            )
        wanted.add(exemplar.id)
    for field in CONFERENCE_FIELDS:
        if field in values:
            setattr(submission, field, values[field])
    for row in list(submission.honoured):
        if row.exemplar_id not in wanted:
            submission.honoured.remove(row)
    present = {row.exemplar_id for row in submission.honoured}
    for exemplar_id in sorted(wanted - present):
        submission.honoured.append(
            CongressHonouree(unit_id=submission.unit_id, exemplar_id=exemplar_id)
        )


def prefill_achievements(exemplar: Exemplar) -> str:
    """The exemplar's record as a starting text: achievements, initiatives, evaluations."""
    parts = []
    if exemplar.achievements:
        parts.append(exemplar.achievements.strip())
    if exemplar.initiatives:
        parts.append(_("Sáng kiến, giải pháp: %(text)s", text=exemplar.initiatives.strip()))
    evaluations = exemplar.evaluations
    if evaluations:
        last = evaluations[-1]
        parts.append(
            _(
                "Đánh giá gần nhất (%(on)s, %(count)s lần đánh giá): tác dụng %(a)s/5, "
                "hiệu quả %(b)s/5, khả năng phát triển %(c)s/5, ảnh hưởng %(d)s/5.",
                on=format_date(last.evaluated_on),
                count=len(evaluations),
                a=last.effect,
                b=last.effectiveness,
                c=last.development_potential,
                d=last.influence,
            )
        )
    return "\n".join(parts)


def _check_title(submission, award_title_id: int | None, exemplar: Exemplar) -> None:
    if award_title_id is None:
        return
    title = db.session.get(AwardTitle, award_title_id)
    if title is None or title.organization_id != submission.unit.organization_id:
        raise RuleError(_("Hình thức khen thưởng không hợp lệ."), "award_title_id")
    require_title_fits(title, exemplar, exemplar.name)


def title_mismatches(nominees) -> list[CongressNominee]:
    """Nominees whose proposed title is not for their kind of exemplar (saved before the
    rule was enforced): shown with a warning, never printed, never deleted."""
    return [
        n
        for n in nominees
        if n.award_title is not None and not title_fits(n.award_title, n.exemplar)
    ]


def period_title_mismatches(submissions) -> list[CongressNominee]:
    """Every nominee of `submissions` whose title does not fit, for the Office's page
    (a fixed number of queries whatever the number of submissions)."""
    ids = [s.id for s in submissions]
    if not ids:
        return []
    nominees = db.session.scalars(
        select(CongressNominee)
        .where(CongressNominee.submission_id.in_(ids), CongressNominee.award_title_id.is_not(None))
        .options(
            selectinload(CongressNominee.exemplar),
            selectinload(CongressNominee.award_title),
            selectinload(CongressNominee.submission).selectinload(CongressSubmission.unit),
        )
        .order_by(CongressNominee.id)
    )
    return title_mismatches(list(nominees))


def fitting_title(nominee: CongressNominee) -> AwardTitle | None:
    """The nominee's title when it fits the exemplar, else None: what documents print."""
    title = nominee.award_title
    return title if title is not None and title_fits(title, nominee.exemplar) else None


def unit_members(unit_id: int) -> list[User]:
    """The people of the unit (any role in it): who may represent its collectives."""
    return list(
        db.session.scalars(
            select(User)
            .join(RoleMembership, RoleMembership.user_id == User.id)
            .where(RoleMembership.unit_id == unit_id, User.active.is_(True))
            .distinct()
            .order_by(User.full_name, User.id)
        )
    )


def add_nominee(submission: CongressSubmission, data: NomineeData) -> CongressNominee:
    _require_editable(submission)
    exemplar = _own_exemplar(submission, data.exemplar_id)
    if any(n.exemplar_id == exemplar.id for n in submission.nominees):
        raise RuleError(_("Điển hình này đã được đề xuất."), "exemplar_id")
    nominee = CongressNominee(unit_id=submission.unit_id, exemplar_id=exemplar.id)
    _apply(submission, nominee, data, exemplar)
    submission.nominees.append(nominee)
    db.session.flush()
    return nominee


def update_nominee(nominee: CongressNominee, data: NomineeData) -> None:
    submission = nominee.submission
    _require_editable(submission)
    _apply(submission, nominee, data, nominee.exemplar)


def _apply(submission, nominee, data: NomineeData, exemplar: Exemplar) -> None:
    _check_title(submission, data.award_title_id, exemplar)
    if not (data.award_title_id or data.sector_delegate or data.provincial_delegate):
        raise RuleError(_("Chọn hình thức khen thưởng hoặc đề xuất làm đại biểu dự Đại hội."))
    agree = data.conference_agree
    if agree is not None and (
        agree < 0 or (submission.attendance is not None and agree > submission.attendance)
    ):
        raise RuleError(
            _("Số người đồng ý phải từ 0 đến số người tham dự Hội nghị."), "conference_agree"
        )
    is_delegate = data.sector_delegate or data.provincial_delegate
    particulars = (data.delegate or DelegateData()) if is_delegate else None
    _apply_delegate(submission, nominee, exemplar, particulars)
    nominee.award_title_id = data.award_title_id
    nominee.sector_delegate = data.sector_delegate
    nominee.provincial_delegate = data.provincial_delegate
    nominee.conference_agree = agree
    nominee.reason = data.reason.strip()
    nominee.achievements = data.achievements.strip() or prefill_achievements(exemplar)


def _apply_delegate(submission, nominee, exemplar: Exemplar, delegate: DelegateData | None):
    """The delegate's particulars; none kept when the nominee sends no delegate."""
    if delegate is None:
        delegate, user, name, position = DelegateData(), None, "", ""
    elif exemplar.kind == ExemplarKind.COLLECTIVE:
        user = db.session.get(User, delegate.user_id) if delegate.user_id else None
        if user is None:
            raise RuleError(
                _("Tập thể “%(name)s” cử đại biểu: chọn người đại diện.", name=exemplar.name),
                "delegate_user_id",
            )
        if user not in unit_members(submission.unit_id):
            raise RuleError(
                _(
                    "Người đại diện phải là thành viên của đơn vị %(unit)s.",
                    unit=submission.unit.name,
                ),
                "delegate_user_id",
            )
        name, position = user.full_name, delegate.position.strip() or user.position
    else:
        user = db.session.get(User, exemplar.person_user_id) if exemplar.person_user_id else None
        name = delegate.name.strip() or exemplar.name
        position = delegate.position.strip() or exemplar.position
    year = delegate.birth_year
    if year is not None and not 1930 <= year <= today_vn().year - 16:
        raise RuleError(_("Năm sinh của đại biểu không hợp lệ."), "delegate_birth_year")
    nominee.delegate_user_id = user.id if user is not None else None
    nominee.delegate_name = name
    nominee.delegate_birth_year = year
    nominee.delegate_gender = delegate.gender
    nominee.delegate_ethnicity = delegate.ethnicity.strip()
    nominee.delegate_position = position
    nominee.delegate_party_member = bool(delegate.party_member)
    nominee.delegate_qualifications = delegate.qualifications.strip()


def delete_nominee(nominee: CongressNominee) -> None:
    _require_editable(nominee.submission)
    delete_attachments_of(NOMINEE_OWNER, nominee.id)
    nominee.submission.nominees.remove(nominee)


def cycle_for(period: PlanPeriod) -> CongressCycle:
    """The period's cycle settings; sensible defaults derived from the period until saved."""
    cycle = db.session.scalar(select(CongressCycle).where(CongressCycle.period_id == period.id))
    if cycle is None:
        cycle = CongressCycle(
            organization_id=period.organization_id,
            period_id=period.id,
            term_label=f"{period.start_year}-{period.end_year}",
            next_term_label=f"{period.end_year}-{period.end_year + 5}",
            sector_congress=_("Đại hội Thi đua yêu nước ngành"),
            provincial_congress=_("Đại hội Thi đua yêu nước tỉnh"),
            signer_authority="KT. GIÁM ĐỐC",
            signer_position="PHÓ GIÁM ĐỐC",
            signer_name="",
        )
    return cycle


def save_cycle(period: PlanPeriod, values: dict) -> CongressCycle:
    cycle = cycle_for(period)
    for key, value in values.items():
        setattr(cycle, key, value)
    db.session.add(cycle)
    return cycle


def nominee_locked(attachment: Attachment, _actor: User) -> bool:
    nominee = db.session.get(CongressNominee, attachment.owner_id)
    return bool(nominee and not nominee.submission.is_editable)


def submission_deadlines(period: PlanPeriod) -> list:
    """The deadlines the Office set for the period's congress submissions (portal.deadlines),
    earliest first: what the units' submissions are measured against."""

    return list(
        db.session.scalars(
            select(Deadline)
            .where(
                Deadline.organization_id == period.organization_id,
                Deadline.period_id == period.id,
                Deadline.kind == DeadlineKind.CONGRESS_SUBMISSION,
            )
            .order_by(Deadline.due_at, Deadline.id)
        )
    )


class CongressSubmissionReview:
    """The review workflow's adapter for a congress submission (portal.reviews.adapters)."""

    def title(self, submission: CongressSubmission) -> str:
        return _("Hồ sơ Đại hội của %(unit)s", unit=submission.unit.name if submission.unit else "")

    def path(self, submission: CongressSubmission) -> str:
        return url_for("congress.view", submission_id=submission.id, _external=False)

    def submission_problems(self, submission: CongressSubmission) -> list[str]:
        problems = []
        signer_problem = unit_signer_problem(submission.unit)
        if signer_problem:
            problems.append(signer_problem)
        if not submission.conference_date:
            problems.append(_("Chưa nhập ngày tổ chức Hội nghị điển hình tiên tiến."))
        if not submission.nominees:
            problems.append(_("Chưa có đề xuất nào."))
        elif any(not n.has_proposal for n in submission.nominees):
            problems.append(_("Mỗi đề xuất cần hình thức khen thưởng hoặc đại biểu dự Đại hội."))
        for nominee in title_mismatches(submission.nominees):
            problems.append(
                _(
                    "Danh hiệu “%(title)s” không áp dụng cho “%(name)s”: sửa đề xuất này.",
                    title=nominee.award_title.name,
                    name=nominee.exemplar.name,
                )
            )
        for nominee in submission.nominees:
            if nominee.is_delegate and not nominee.delegate_name:
                problems.append(
                    _("Chưa có thông tin đại biểu của “%(name)s”.", name=nominee.exemplar.name)
                )
        # What the achievement report forms print (portal.congress.profile_checks).
        problems += [gap.message for gap in profile_gaps(submission)]
        return problems

    def after_transition(self, submission: CongressSubmission, event: ReviewEvent) -> None:
        pass
