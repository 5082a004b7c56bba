"""Rounds and nominations: opening, editing, closing, and the results of a closed round.

Membership is snapshotted when the round is OPENED: the council seats
(`CouncilMember`) of the round's period become the round's members, who alone
may vote and whose number is the denominator ("all council members"). While the
round is open the Office may re-read the seats (`sync_members`) if the council
changed before the meeting; once closed, the list is history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.accounts.models import User
from portal.consideration import rules
from portal.consideration.catalogue import require_title_fits
from portal.consideration.models import (
    AwardTitle,
    ConsiderationRound,
    Nomination,
    NominationResult,
    RoundMember,
    RoundStatus,
    Vote,
    VotingRule,
)
from portal.council.models import CouncilMember
from portal.exemplars.models import Exemplar, ExemplarKind
from portal.extensions import db
from portal.formatting import format_date
from portal.models_base import utcnow
from portal.organizations.models import Unit
from portal.periods.models import PlanPeriod
from portal.rules import RuleError


def require_open(round_: ConsiderationRound) -> None:
    if not round_.is_open:
        raise RuleError(_("Phiên bình xét đã kết thúc, không thể thay đổi."))


# --- rounds -----------------------------------------------------------------


def council_seats(period_id: int) -> list[CouncilMember]:
    return list(
        db.session.scalars(
            select(CouncilMember)
            .where(CouncilMember.period_id == period_id)
            .order_by(CouncilMember.id)
        )
    )


def open_round(
    organization_id: int,
    period: PlanPeriod,
    title: str,
    year: int,
    meeting_date: date,
    location: str = "",
    opened_by: User | None = None,
) -> ConsiderationRound:
    """Open a round and snapshot the period's council as its members. The caller commits."""
    if period.organization_id != organization_id:
        raise RuleError(_("Kỳ kế hoạch không hợp lệ."), "period_id")
    if year not in period.years:
        raise RuleError(_("Năm xét phải thuộc kỳ kế hoạch %(name)s.", name=period.name), "year")
    seats = council_seats(period.id)
    if not seats:
        raise RuleError(_("Hội đồng của kỳ kế hoạch này chưa có thành viên nào."), "period_id")
    round_ = ConsiderationRound(
        organization_id=organization_id,
        period_id=period.id,
        title=title.strip(),
        year=year,
        meeting_date=meeting_date,
        location=location.strip(),
        opened_by_id=opened_by.id if opened_by else None,
    )
    round_.members = [
        RoundMember(user_id=s.user_id, position=s.position, title=s.title) for s in seats
    ]
    db.session.add(round_)
    db.session.flush()
    return round_


def update_round(round_: ConsiderationRound, **fields: object) -> None:
    require_open(round_)
    if "year" in fields and fields["year"] not in round_.period.years:
        raise RuleError(
            _("Năm xét phải thuộc kỳ kế hoạch %(name)s.", name=round_.period.name), "year"
        )
    for key in ("title", "year", "meeting_date", "location"):
        if key in fields:
            setattr(round_, key, fields[key])


def sync_members(round_: ConsiderationRound) -> tuple[int, int]:
    """Re-read the council seats while open: (added, removed). Votes of removed seats go."""
    require_open(round_)
    seats = {s.user_id: s for s in council_seats(round_.period_id)}
    if not seats:
        raise RuleError(_("Hội đồng của kỳ kế hoạch này chưa có thành viên nào."))
    current = {m.user_id: m for m in round_.members}
    removed = [m for uid, m in current.items() if uid not in seats]
    for member in removed:
        for vote in db.session.scalars(select(Vote).where(Vote.member_id == member.id)):
            db.session.delete(vote)
        round_.members.remove(member)
    added = 0
    for user_id, seat in seats.items():
        if user_id in current:
            current[user_id].position, current[user_id].title = seat.position, seat.title
        else:
            round_.members.append(
                RoundMember(user_id=user_id, position=seat.position, title=seat.title)
            )
            added += 1
    db.session.flush()
    return added, len(removed)


# --- nominations ------------------------------------------------------------


@dataclass
class NomineeInput:
    award_title: AwardTitle
    exemplar: Exemplar | None = None
    nominee_user: User | None = None
    nominee_name: str = ""
    nominee_kind: ExemplarKind | None = None
    unit: Unit | None = None
    achievements: str = ""


def _resolve(
    round_: ConsiderationRound, data: NomineeInput, current_title_id: int | None = None
) -> dict[str, object]:
    """The nominee's identity from an exemplar, a staff member or a free name."""
    org_id = round_.organization_id
    retired = not data.award_title.is_active and data.award_title.id != current_title_id
    if data.award_title.organization_id != org_id or retired:
        raise RuleError(_("Danh hiệu không hợp lệ."), "award_title_id")
    if data.unit is not None and data.unit.organization_id != org_id:
        raise RuleError(_("Đơn vị không hợp lệ."), "unit_id")
    unit_id = data.unit.id if data.unit else None
    if data.exemplar is not None:
        if data.exemplar.unit.organization_id != org_id:
            raise RuleError(_("Điển hình không hợp lệ."), "exemplar_id")
        name, kind, user_id = data.exemplar.name, data.exemplar.kind, None
        unit_id = data.exemplar.unit_id
    elif data.nominee_user is not None:
        if data.nominee_user.organization_id != org_id:
            raise RuleError(_("Cán bộ không hợp lệ."), "nominee_user_id")
        name, kind, user_id = (
            data.nominee_user.full_name,
            ExemplarKind.INDIVIDUAL,
            data.nominee_user.id,
        )
        unit_id = unit_id or data.nominee_user.primary_unit_id
    else:
        name, kind, user_id = data.nominee_name.strip(), data.nominee_kind, None
        if not name:
            raise RuleError(
                _("Chọn một điển hình, một cán bộ hoặc nhập tên người/tập thể được đề nghị."),
                "nominee_name",
            )
        if kind is None:
            raise RuleError(_("Chọn tập thể hay cá nhân."), "nominee_kind")
    require_title_fits(data.award_title, kind, name)
    return {
        "exemplar_id": data.exemplar.id if data.exemplar else None,
        "nominee_user_id": user_id,
        "nominee_name": name,
        "nominee_kind": kind,
        "unit_id": unit_id,
        "award_title_id": data.award_title.id,
        "achievements": data.achievements.strip(),
    }


def add_nomination(round_: ConsiderationRound, data: NomineeInput) -> Nomination:
    require_open(round_)
    nomination = Nomination(**_resolve(round_, data))
    round_.nominations.append(nomination)
    db.session.flush()
    return nomination


def _require_unvoted(nomination: Nomination) -> None:
    require_open(nomination.round)
    has_votes = db.session.scalar(
        select(func.count(Vote.id)).where(Vote.nomination_id == nomination.id)
    )
    if has_votes:
        raise RuleError(_("Đề nghị này đã có thành viên bỏ phiếu nên không thể sửa hoặc xoá."))


def update_nomination(nomination: Nomination, data: NomineeInput) -> None:
    _require_unvoted(nomination)
    for key, value in _resolve(nomination.round, data, nomination.award_title_id).items():
        setattr(nomination, key, value)


def delete_nomination(nomination: Nomination) -> None:
    _require_unvoted(nomination)
    db.session.delete(nomination)


# --- closing and results ------------------------------------------------------


def rules_for(round_: ConsiderationRound) -> dict[int, VotingRule | None]:
    """The rule that applies to each nomination on the meeting date."""
    by_title, default = rules.rules_in_force(round_.organization_id, round_.meeting_date)
    return {n.id: by_title.get(n.award_title_id, default) for n in round_.nominations}


def close_round(
    round_: ConsiderationRound, closed_by: User | None, notify_people: bool = True
) -> list[NominationResult]:
    """Count the votes, apply the rule in force on the meeting date, fix the results.

    The caller commits. Refused when there is no nomination or a nomination has
    no rule in force on that date.
    """
    require_open(round_)
    if not round_.nominations:
        raise RuleError(_("Phiên bình xét chưa có đề nghị nào."))
    applied = rules_for(round_)
    missing = sorted({n.award_title.name for n in round_.nominations if applied[n.id] is None})
    if missing:
        raise RuleError(
            _(
                "Chưa có quy định biểu quyết có hiệu lực ngày %(day)s cho: %(titles)s.",
                day=format_date(round_.meeting_date),
                titles=", ".join(missing),
            )
        )
    choices: dict[int, list] = defaultdict(list)
    for nomination_id, choice in db.session.execute(
        select(Vote.nomination_id, Vote.choice).where(Vote.round_id == round_.id)
    ):
        choices[nomination_id].append(choice)
    total = len(round_.members)
    results = []
    for nomination in round_.nominations:
        rule = applied[nomination.id]
        counted = rules.tally(choices[nomination.id], total)
        nomination.result = NominationResult(
            total_members=total,
            agree=counted.agree,
            disagree=counted.disagree,
            abstain=counted.abstain,
            conflict=counted.conflict,
            not_voted=counted.not_voted,
            passed=rules.passes(counted, rule),
            rule_id=rule.id,
            comparison=rule.comparison,
            threshold_percent=rule.threshold_percent,
            legal_basis=rule.legal_basis,
            rule_needed_verification=rule.needs_verification,
        )
        results.append(nomination.result)
    round_.status = RoundStatus.CLOSED
    round_.closed_at = utcnow()
    round_.closed_by_id = closed_by.id if closed_by else None
    db.session.flush()
    if notify_people:
        from portal.consideration.notices import notify_results

        notify_results(round_)
    return results


def round_results(round_: ConsiderationRound) -> list[NominationResult]:
    """The fixed results of a closed round, in nomination order.

    Raises a RuleError for an open round: nothing about the votes is known
    to anyone until the round closes.
    """
    if round_.is_open:
        raise RuleError(_("Kết quả chỉ được công bố sau khi kết thúc phiên bình xét."))
    return list(
        db.session.scalars(
            select(NominationResult)
            .join(Nomination)
            .where(Nomination.round_id == round_.id)
            .options(
                selectinload(NominationResult.nomination).selectinload(Nomination.award_title),
                selectinload(NominationResult.nomination).selectinload(Nomination.unit),
            )
            .order_by(Nomination.id)
        )
    )
