"""The rules of the council: who may be seated, in which position, and who is assigned where."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.accounts.models import CouncilAssignment, Role, RoleMembership, User
from portal.council.models import CouncilMember, CouncilPosition
from portal.extensions import db
from portal.organizations.models import Unit
from portal.periods.models import PlanPeriod, current_period
from portal.rules import RuleError

# Positions that only one member of a period's council may hold.
SINGLE_POSITIONS = (CouncilPosition.CHAIR, CouncilPosition.SECRETARY)


# -- people ------------------------------------------------------------------


def council_users(organization_id: int, active_only: bool = True) -> list[User]:
    """Users of the organization holding the council role, by name."""
    query = (
        select(User)
        .join(RoleMembership, RoleMembership.user_id == User.id)
        .where(User.organization_id == organization_id, RoleMembership.role == Role.COUNCIL_MEMBER)
        .distinct()
        .order_by(User.full_name)
    )
    if active_only:
        query = query.where(User.active.is_(True))
    return list(db.session.scalars(query))


def default_year(organization_id: int, today: date) -> int:
    """This year, kept inside the current plan period when there is one."""
    period = current_period(organization_id)
    if period is None:
        return today.year
    return min(max(today.year, period.start_year), period.end_year)


# -- seats -------------------------------------------------------------------


def seats(period: PlanPeriod) -> list[CouncilMember]:
    order = {p: i for i, p in enumerate(CouncilPosition)}
    rows = db.session.scalars(
        select(CouncilMember)
        .where(CouncilMember.period_id == period.id)
        .options(selectinload(CouncilMember.user))
    ).all()
    return sorted(rows, key=lambda m: (order[m.position], m.user.full_name))


def _check_position(period: PlanPeriod, position: CouncilPosition, member_id: int | None) -> None:
    if position not in SINGLE_POSITIONS:
        return
    holder = db.session.scalar(
        select(CouncilMember).where(
            CouncilMember.period_id == period.id,
            CouncilMember.position == position,
            CouncilMember.id != (member_id or -1),
        )
    )
    if holder is not None:
        name = holder.user.full_name
        if position == CouncilPosition.CHAIR:
            message = _("Hội đồng nhiệm kỳ này đã có Chủ tịch (%(name)s).", name=name)
        else:
            message = _("Hội đồng nhiệm kỳ này đã có Thư ký (%(name)s).", name=name)
        raise RuleError(message, "position")


def seat_member(
    period: PlanPeriod, user: User, position: CouncilPosition, title: str = ""
) -> CouncilMember:
    """Seat `user` on the council of `period`. The caller commits."""
    if user.organization_id != period.organization_id:
        raise RuleError(_("Người dùng không thuộc cơ quan này."), "user_id")
    if not user.has_role(Role.COUNCIL_MEMBER):
        raise RuleError(
            _("Chỉ người dùng có vai trò thành viên Hội đồng mới được cử vào Hội đồng."), "user_id"
        )
    exists = db.session.scalar(
        select(CouncilMember).where(
            CouncilMember.period_id == period.id, CouncilMember.user_id == user.id
        )
    )
    if exists is not None:
        raise RuleError(_("Người này đã là thành viên Hội đồng nhiệm kỳ này."), "user_id")
    _check_position(period, position, None)
    member = CouncilMember(
        organization_id=period.organization_id,
        period_id=period.id,
        user_id=user.id,
        position=position,
        title=(title or "").strip(),
    )
    db.session.add(member)
    db.session.flush()
    return member


def update_seat(member: CouncilMember, position: CouncilPosition, title: str) -> None:
    _check_position(member.period, position, member.id)
    member.position = position
    member.title = (title or "").strip()


def remove_seat(member: CouncilMember) -> None:
    db.session.delete(member)


# -- assignments -------------------------------------------------------------


def assignment_pairs(organization_id: int, year: int) -> set[tuple[int, int]]:
    """(unit id, user id) of every assignment of the year."""
    rows = db.session.execute(
        select(CouncilAssignment.unit_id, CouncilAssignment.user_id).where(
            CouncilAssignment.organization_id == organization_id, CouncilAssignment.year == year
        )
    ).all()
    return {(unit_id, user_id) for unit_id, user_id in rows}


def replace_assignments(
    organization_id: int, year: int, pairs: set[tuple[int, int]]
) -> tuple[int, int]:
    """Make the year's assignments exactly `pairs` of (unit id, user id).
    Returns (added, removed). The caller commits."""
    unit_ids = set(
        db.session.scalars(select(Unit.id).where(Unit.organization_id == organization_id))
    )
    member_ids = {u.id for u in council_users(organization_id, active_only=False)}
    for unit_id, user_id in pairs:
        if unit_id not in unit_ids:
            raise RuleError(_("Đơn vị không thuộc cơ quan này."))
        if user_id not in member_ids:
            raise RuleError(_("Chỉ thành viên Hội đồng mới được phân công phụ trách đơn vị."))
    existing = {
        (a.unit_id, a.user_id): a
        for a in db.session.scalars(
            select(CouncilAssignment).where(
                CouncilAssignment.organization_id == organization_id,
                CouncilAssignment.year == year,
            )
        )
    }
    added = removed = 0
    for key, assignment in existing.items():
        if key not in pairs:
            db.session.delete(assignment)
            removed += 1
    for unit_id, user_id in sorted(pairs - set(existing)):
        db.session.add(
            CouncilAssignment(
                organization_id=organization_id, unit_id=unit_id, user_id=user_id, year=year
            )
        )
        added += 1
    db.session.flush()
    return added, removed


def assigned_member_ids(unit_id: int, year: int) -> set[int]:
    return set(
        db.session.scalars(
            select(CouncilAssignment.user_id).where(
                CouncilAssignment.unit_id == unit_id, CouncilAssignment.year == year
            )
        )
    )


def assignments_of(user: User) -> list[CouncilAssignment]:
    """A member's assignments, newest year first."""
    return list(
        db.session.scalars(
            select(CouncilAssignment)
            .where(
                CouncilAssignment.user_id == user.id,
                CouncilAssignment.organization_id == user.organization_id,
            )
            .options(selectinload(CouncilAssignment.unit))
            .order_by(CouncilAssignment.year.desc())
        )
    )
