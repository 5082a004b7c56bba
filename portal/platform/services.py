"""The platform administrator's rules: a new organization and its first Office account.

The platform administrator works above the organizations and reads none of their
data: what they see of an organization is its name, address and Office accounts."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.accounts.models import Role, RoleMembership, User
from portal.admin.services import invite_user
from portal.extensions import db
from portal.organizations.models import Organization
from portal.organizations.services import clean_name, new_slug, set_slug
from portal.rules import NotAllowedError, RuleError

NAME_TAKEN = _l("Đã có một Sở với tên này trên Cổng.")


@dataclass(frozen=True)
class OrganizationRow:
    organization: Organization
    office: list[User]  # its Office administrators

    def has_password(self, user: User) -> bool:
        """Whether the person has chosen a password (followed the invitation)."""
        return bool(user.password_hash)


def require_platform_admin(actor: User) -> None:
    if not actor.is_platform_admin:
        raise NotAllowedError()


def create_organization(
    actor: User, name: str, slug: str, office_name: str, office_email: str
) -> tuple[Organization, User]:
    """A new organization (its public column at /<slug>/...) and its first Office
    administrator, who is emailed the link to choose a password."""
    require_platform_admin(actor)
    name = clean_name(name)
    taken = select(Organization.id).where(func.lower(Organization.name) == name.lower())
    if db.session.scalar(taken.limit(1)) is not None:
        raise RuleError(NAME_TAKEN, "name")
    organization = Organization(name=name, slug=new_slug(name), guide_setup=True)
    if slug.strip():
        set_slug(organization, slug.strip().lower())
    db.session.add(organization)
    db.session.flush()
    office = invite_user(organization.id, office_name, office_email, role=Role.OFFICE_ADMIN)
    return organization, office


def organization_rows() -> list[OrganizationRow]:
    """Every organization with its Office administrators, in two queries."""
    organizations = db.session.scalars(select(Organization).order_by(Organization.name)).all()
    memberships = db.session.scalars(
        select(RoleMembership)
        .join(RoleMembership.user)
        .where(RoleMembership.role == Role.OFFICE_ADMIN)
        .order_by(User.full_name)
        .options(selectinload(RoleMembership.user))
    ).all()
    office: dict[int, list[User]] = {}
    for membership in memberships:
        office.setdefault(membership.user.organization_id, []).append(membership.user)
    return [OrganizationRow(o, office.get(o.id, [])) for o in organizations]
