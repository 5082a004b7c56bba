"""The rules of the congress submission: one per unit per period, the conference,
the nominees (prefilled from the exemplar's record), the cycle's settings."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from portal.accounts.models import User
from portal.congress.models import (
    NOMINEE_OWNER,
    CongressCycle,
    CongressHonouree,
    CongressNominee,
    CongressSubmission,
)
from portal.consideration.models import AwardTitle
from portal.deadlines.models import Deadline, DeadlineKind
from portal.evidence.models import Attachment
from portal.evidence.services import delete_attachments_of
from portal.exemplars.models import Exemplar
from portal.extensions import db
from portal.formatting import format_date
from portal.periods.models import PlanPeriod
from portal.reviews.models import ReviewEvent
from portal.rules import RuleError


@dataclass
class NomineeData:
    exemplar_id: int
    award_title_id: int | None
    sector_delegate: bool
    provincial_delegate: bool
    reason: str
    achievements: str


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


def save_conference(submission: CongressSubmission, values: dict, honoured_ids: list[int]) -> None:
    """The conference's date, attendance, chair, summary and honoured exemplars."""
    _require_editable(submission)
    for field in ("conference_date", "attendance", "chaired_by", "period_summary"):
        setattr(submission, field, values[field])
    wanted = {_own_exemplar(submission, i).id for i in honoured_ids}
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


def _check_title(submission: CongressSubmission, award_title_id: int | None) -> None:
    if award_title_id is None:
        return
    title = db.session.get(AwardTitle, award_title_id)
    if title is None or title.organization_id != submission.unit.organization_id:
        raise RuleError(_("Hình thức khen thưởng không hợp lệ."))


def add_nominee(submission: CongressSubmission, data: NomineeData) -> CongressNominee:
    _require_editable(submission)
    exemplar = _own_exemplar(submission, data.exemplar_id)
    if any(n.exemplar_id == exemplar.id for n in submission.nominees):
        raise RuleError(_("Điển hình này đã được đề xuất."))
    nominee = CongressNominee(unit_id=submission.unit_id, exemplar_id=exemplar.id)
    submission.nominees.append(nominee)
    _apply(submission, nominee, data, exemplar)
    db.session.flush()
    return nominee


def update_nominee(nominee: CongressNominee, data: NomineeData) -> None:
    submission = nominee.submission
    _require_editable(submission)
    _apply(submission, nominee, data, nominee.exemplar)


def _apply(submission, nominee, data: NomineeData, exemplar: Exemplar) -> None:
    _check_title(submission, data.award_title_id)
    if not (data.award_title_id or data.sector_delegate or data.provincial_delegate):
        raise RuleError(_("Chọn hình thức khen thưởng hoặc đề xuất làm đại biểu dự Đại hội."))
    nominee.award_title_id = data.award_title_id
    nominee.sector_delegate = data.sector_delegate
    nominee.provincial_delegate = data.provincial_delegate
    nominee.reason = data.reason.strip()
    nominee.achievements = data.achievements.strip() or prefill_achievements(exemplar)


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
        if not submission.conference_date:
            problems.append(_("Chưa nhập ngày tổ chức Hội nghị điển hình tiên tiến."))
        if not submission.nominees:
            problems.append(_("Chưa có đề xuất nào."))
        elif any(not n.has_proposal for n in submission.nominees):
            problems.append(_("Mỗi đề xuất cần hình thức khen thưởng hoặc đại biểu dự Đại hội."))
        return problems

    def after_transition(self, submission: CongressSubmission, event: ReviewEvent) -> None:
        pass
