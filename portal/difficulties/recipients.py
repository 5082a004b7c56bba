"""Who is told when a unit asks the Department something, and when the Department answers."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import Role, RoleMembership, User
from portal.extensions import db


def office_users(organization_id: int) -> list[User]:
    """The active Department Office people of an organization."""
    return _with_role(Role.OFFICE_ADMIN, User.organization_id == organization_id)


def unit_coordinators(unit_id: int) -> list[User]:
    """The active coordinators (cán bộ thi đua) of a unit."""
    return _with_role(Role.COORDINATOR, RoleMembership.unit_id == unit_id)


def _with_role(role: Role, condition) -> list[User]:
    query = (
        select(User)
        .join(RoleMembership, RoleMembership.user_id == User.id)
        .where(RoleMembership.role == role, User.active.is_(True), condition)
        .distinct()
        .order_by(User.full_name)
    )
    return list(db.session.scalars(query))
