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
from sqlalchemy import func, select, text
from sqlalchemy.orm import selectinload

from portal.accounts.models import User
from portal.consideration import rules
from portal.consideration.catalogue import require_title_fits
from portal.consideration.lookups import nominee_keys, registration_check
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
    if round_.is_cancelled:
        raise RuleError(_("Phiên bình xét đã bị hủy, không thể thay đổi."))
    if not round_.is_open:
        raise RuleError(_("Phiên bình xét đã kết thúc, không thể thay đổi."))


def lock_round(round_: ConsiderationRound) -> None:
    """Serialise every change of the round's ballots and state on the round row.

    Casting, changing, recording a written opinion, editing and closing all start
    here, so that a close counts exactly the ballots stored before it and a ballot
    that waited for the close is refused. PostgreSQL: `SELECT ... FOR UPDATE` on the
    round row (held until the commit). SQLite (pysqlite begins its transaction only
    before a write): a no-op UPDATE of the row begins the write transaction at once,
    which takes the database's single write lock; another writer waits for it
    (busy timeout). The round's state is then read again, fresh.
    """
    bind = db.session.get_bind()
    if bind.dialect.name == "postgresql":
        db.session.execute(
            select(ConsiderationRound.id)
            .where(ConsiderationRound.id == round_.id)
            .with_for_update()
        )
    else:
        db.session.execute(
            text("UPDATE consideration_rounds SET status = status WHERE id = :id"),
            {"id": round_.id},
        )
    # Fresh, in one query each: the state others may have committed while we waited.
    db.session.refresh(round_, ["status", "meeting_date", "minutes_number"])
    db.session.execute(
        select(RoundMember)
        .where(RoundMember.round_id == round_.id)
        .execution_options(populate_existing=True)
    ).all()


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


def has_ballots(round_: ConsiderationRound) -> bool:
    return bool(db.session.scalar(select(func.count(Vote.id)).where(Vote.round_id == round_.id)))


EDITABLE = ("title", "year", "meeting_date", "meeting_time", "location", "minutes_number")


def update_round(round_: ConsiderationRound, **fields: object) -> None:
    """Edit an open round. The meeting date fixes the rule applied: once a ballot is
    cast it no longer changes (cancel the round and open a new one instead)."""
    lock_round(round_)
    require_open(round_)
    if "year" in fields and fields["year"] not in round_.period.years:
        raise RuleError(
            _("Năm xét phải thuộc kỳ kế hoạch %(name)s.", name=round_.period.name), "year"
        )
    moved = "meeting_date" in fields and fields["meeting_date"] != round_.meeting_date
    if moved and has_ballots(round_):
        raise RuleError(
            _(
                "Đã có thành viên bỏ phiếu: không thể đổi ngày họp (ngày họp quyết định quy định "
                "biểu quyết được áp dụng). Nếu cần họp lại, hãy hủy phiên này, nêu lý do, "
                "và mở phiên mới."
            ),
            "meeting_date",
        )
    for key in EDITABLE:
        if key in fields:
            setattr(round_, key, fields[key])


def cancel_round(
    round_: ConsiderationRound,
    reason: str,
    meeting_date: date,
    cancelled_by: User,
    location: str | None = None,
) -> ConsiderationRound:
    """Cancel an open round (ballots and all, with the reason) and open a new one with the
    same nominations and no ballot, meeting on `meeting_date`. The caller commits; the
    audit log keeps who cancelled, when and why (the round's own row)."""
    lock_round(round_)
    require_open(round_)
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise RuleError(_("Nêu lý do hủy phiên bình xét."), "reason")
    if meeting_date is None:
        raise RuleError(_("Nhập ngày họp của phiên mới."), "meeting_date")
    round_.status = RoundStatus.CANCELLED
    round_.cancel_reason = reason
    round_.cancelled_at = utcnow()
    round_.cancelled_by_id = cancelled_by.id
    replacement = open_round(
        round_.organization_id,
        round_.period,
        round_.title,
        round_.year,
        meeting_date,
        round_.location if location is None else location,
        opened_by=cancelled_by,
    )
    replacement.meeting_time = round_.meeting_time
    replacement.replaces_id = round_.id
    for old in round_.nominations:
        replacement.nominations.append(
            Nomination(
                unit_id=old.unit_id,
                exemplar_id=old.exemplar_id,
                nominee_user_id=old.nominee_user_id,
                nominee_name=old.nominee_name,
                nominee_kind=old.nominee_kind,
                award_title_id=old.award_title_id,
                achievements=old.achievements,
                unregistered_reason=old.unregistered_reason,
            )
        )
    db.session.flush()
    return replacement


def sync_members(round_: ConsiderationRound) -> tuple[int, int]:
    """Re-read the council seats while open: (added, removed). Votes of removed seats go."""
    lock_round(round_)
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
    unregistered_reason: str = ""


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
    person_id = user_id or (data.exemplar.person_user_id if data.exemplar else None)
    keys = nominee_keys(kind, unit_id, data.exemplar.id if data.exemplar else None, person_id)
    return {
        "exemplar_id": data.exemplar.id if data.exemplar else None,
        "nominee_user_id": user_id,
        "nominee_name": name,
        "nominee_kind": kind,
        "unit_id": unit_id,
        "award_title_id": data.award_title.id,
        "achievements": data.achievements.strip(),
        "unregistered_reason": _unregistered_reason(round_, data, keys),
    }


def _unregistered_reason(round_: ConsiderationRound, data: NomineeInput, keys) -> str:
    """The reason kept for a nominee who did not register for the title at the start of
    the year (refused without one); "" for a registered nominee, or when the
    organization did not open the year's registration."""
    check = registration_check()
    registered = (
        check(round_.organization_id, round_.year, data.award_title.id, keys) if check else None
    )
    if registered is None or registered:
        return ""
    reason = (data.unregistered_reason or "").strip()
    if not reason:
        raise RuleError(
            _(
                "“%(name)s” không đăng ký danh hiệu “%(title)s” đầu năm %(year)s: nêu lý do đề "
                "nghị.",
                name=data.nominee_name.strip() or _nominee_label(data),
                title=data.award_title.name,
                year=round_.year,
            ),
            "unregistered_reason",
        )
    return reason


def _nominee_label(data: NomineeInput) -> str:
    if data.exemplar is not None:
        return data.exemplar.name
    if data.nominee_user is not None:
        return data.nominee_user.full_name
    return ""


def add_nomination(round_: ConsiderationRound, data: NomineeInput) -> Nomination:
    lock_round(round_)
    require_open(round_)
    nomination = Nomination(**_resolve(round_, data))
    round_.nominations.append(nomination)
    db.session.flush()
    return nomination


def _require_unvoted(nomination: Nomination) -> None:
    lock_round(nomination.round)
    require_open(nomination.round)
    has_votes = db.session.scalar(
        select(func.count(Vote.id)).where(Vote.nomination_id == nomination.id)
    )
    if has_votes:
        raise RuleError(_("Đề nghị này đã có thành viên bỏ phiếu nên không thể sửa hoặc xóa."))


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


def present_members(round_: ConsiderationRound) -> set[int]:
    """Ids of the members present at the meeting: not recorded absent, and who cast a
    ballot themselves. A member who neither voted nor sent a written opinion was absent."""
    voted = set(
        db.session.scalars(
            select(Vote.member_id)
            .where(Vote.round_id == round_.id, Vote.written_opinion.is_(False))
            .distinct()
        )
    )
    return {m.id for m in round_.members if not m.absent and m.id in voted}


def _require_rules(round_: ConsiderationRound, applied: dict[int, VotingRule | None]) -> None:
    missing = [n for n in round_.nominations if applied[n.id] is None]
    if missing:
        raise RuleError(
            _(
                "Chưa có quy định biểu quyết có hiệu lực ngày %(day)s cho: %(items)s. "
                "Thêm quy định (Danh mục > Quy định biểu quyết) trước khi kết thúc phiên.",
                day=format_date(round_.meeting_date),
                items="; ".join(
                    _(
                        "đề nghị “%(nominee)s” - danh hiệu “%(title)s”",
                        nominee=n.nominee_name,
                        title=n.award_title.name,
                    )
                    for n in missing
                ),
            )
        )


def _require_quorum(round_: ConsiderationRound, applied: dict[int, VotingRule | None]) -> None:
    total = len(round_.members)
    present = len(present_members(round_))
    strictest = max(applied.values(), key=lambda r: (r.quorum_percent, -r.id))
    if not rules.has_quorum(present, total, strictest.quorum_percent):
        raise RuleError(
            _(
                "Không đủ số thành viên dự họp: có mặt %(present)s/%(total)s thành viên, "
                "quy định yêu cầu tối thiểu %(q)s%% tổng số thành viên (%(basis)s). "
                "Thành viên chưa tự bỏ phiếu và không có ý kiến bằng văn bản "
                "được tính là vắng mặt.",
                present=present,
                total=total,
                q=strictest.quorum_percent,
                basis=strictest.quorum_basis or strictest.legal_basis,
            )
        )


def next_minutes_number(round_: ConsiderationRound) -> str:
    """'03/BB-HĐTĐKT': the organization's next minutes of the meeting's year."""
    year = round_.meeting_date.year
    numbered = db.session.scalar(
        select(func.count(ConsiderationRound.id)).where(
            ConsiderationRound.organization_id == round_.organization_id,
            ConsiderationRound.id != round_.id,
            ConsiderationRound.minutes_number != "",
            ConsiderationRound.meeting_date >= date(year, 1, 1),
            ConsiderationRound.meeting_date <= date(year, 12, 31),
        )
    )
    return f"{numbered + 1:02d}/BB-HĐTĐKT"


def close_round(
    round_: ConsiderationRound, closed_by: User | None, notify_people: bool = True
) -> list[NominationResult]:
    """Count the votes, apply the rule in force on the meeting date, fix the results.

    The caller commits. The round row is locked first (`lock_round`): ballots
    cast before the close are counted, those that waited for it are refused.
    Refused when there is no nomination, a nomination has no rule in force on
    that date (naming them), or fewer members were present than the quorum.
    """
    lock_round(round_)
    require_open(round_)
    if not round_.nominations:
        raise RuleError(_("Phiên bình xét chưa có đề nghị nào."))
    applied = rules_for(round_)
    _require_rules(round_, applied)
    _require_quorum(round_, applied)
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
            base=rule.base,
            base_basis=rule.base_basis,
        )
        results.append(nomination.result)
    if not round_.minutes_number.strip():
        round_.minutes_number = next_minutes_number(round_)
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
    if round_.status != RoundStatus.CLOSED:
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
