"""Units of an organization: create, rename (with history), change kind, (re)activate;
the organization's slug."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.accounts.models import Role, RoleMembership, User
from portal.extensions import db
from portal.models_base import in_ids
from portal.organizations.models import Organization, Unit, UnitKind, UnitNameHistory
from portal.organizations.slugs import SLUG_MAX, SLUG_PATTERN, unique_slug
from portal.rules import RuleError

DUPLICATE_NAME = _l("Sở đã có một đơn vị với tên này.")


def clean_name(name: str) -> str:
    return " ".join((name or "").split())


def name_taken(organization_id: int, name: str, exclude_id: int | None = None) -> bool:
    """Whether another unit of the organization already has this name (case-insensitive)."""
    query = select(Unit.id).where(
        Unit.organization_id == organization_id,
        func.lower(Unit.name) == clean_name(name).lower(),
    )
    if exclude_id is not None:
        query = query.where(Unit.id != exclude_id)
    return db.session.scalar(query.limit(1)) is not None


def create_unit(organization_id: int, name: str, kind: UnitKind) -> Unit:
    name = clean_name(name)
    if name_taken(organization_id, name):
        raise RuleError(DUPLICATE_NAME, "name")
    unit = Unit(organization_id=organization_id, name=name, kind=kind, is_active=True)
    db.session.add(unit)
    db.session.flush()
    return unit


def update_unit(unit: Unit, name: str, kind: UnitKind, changed_by: User | None) -> None:
    """Change name and kind; a new name keeps the old one in the unit's history."""
    name = clean_name(name)
    if name != unit.name:
        if name_taken(unit.organization_id, name, exclude_id=unit.id):
            raise RuleError(DUPLICATE_NAME, "name")
        db.session.add(
            UnitNameHistory(
                unit_id=unit.id,
                old_name=unit.name,
                new_name=name,
                changed_by_id=changed_by.id if changed_by else None,
            )
        )
        unit.name = name
    unit.kind = kind


def set_unit_active(unit: Unit, active: bool) -> None:
    unit.is_active = active


def units_with_coordinators(
    organization_id: int, include_inactive: bool = True
) -> list[tuple[Unit, list[User], int]]:
    """(unit, its coordinators, number of people) for every unit: three queries in all."""
    query = select(Unit).where(Unit.organization_id == organization_id)
    if not include_inactive:
        query = query.where(Unit.is_active.is_(True))
    units = db.session.scalars(query.order_by(Unit.is_active.desc(), Unit.name)).all()
    unit_ids = [u.id for u in units]
    coordinators: dict[int, list[User]] = {}
    memberships = db.session.scalars(
        select(RoleMembership)
        .join(RoleMembership.user)
        .where(in_ids(RoleMembership.unit_id, unit_ids), RoleMembership.role == Role.COORDINATOR)
        .order_by(User.full_name)
        .options(selectinload(RoleMembership.user))
    ).all()
    for membership in memberships:
        coordinators.setdefault(membership.unit_id, []).append(membership.user)
    counts = dict(
        db.session.execute(
            select(RoleMembership.unit_id, func.count(func.distinct(RoleMembership.user_id)))
            .where(in_ids(RoleMembership.unit_id, unit_ids))
            .group_by(RoleMembership.unit_id)
        ).all()
    )
    return [(u, coordinators.get(u.id, []), counts.get(u.id, 0)) for u in units]


def organization_units(organization_id: int, active_only: bool = False) -> list[Unit]:
    query = select(Unit).where(Unit.organization_id == organization_id)
    if active_only:
        query = query.where(Unit.is_active.is_(True))
    return list(db.session.scalars(query.order_by(Unit.name)))


def name_history(unit: Unit) -> list[tuple[UnitNameHistory, str | None]]:
    """The unit's renames, newest first, each with the name of who made it."""
    return list(
        db.session.execute(
            select(UnitNameHistory, User.full_name)
            .outerjoin(User, User.id == UnitNameHistory.changed_by_id)
            .where(UnitNameHistory.unit_id == unit.id)
            .order_by(UnitNameHistory.changed_at.desc(), UnitNameHistory.id.desc())
        ).tuples()
    )


def slug_taken(slug: str, exclude_id: int | None = None) -> bool:
    query = select(Organization.id).where(Organization.slug == slug)
    if exclude_id is not None:
        query = query.where(Organization.id != exclude_id)
    return db.session.scalar(query.limit(1)) is not None


def new_slug(name: str) -> str:
    """A slug for a new organization named `name`, unused so far."""
    return unique_slug(name, slug_taken)


def reserved_slugs() -> set[str]:
    """The first path segments of the portal's own pages ("admin", "stories", ...): a slug
    equal to one would sit beside them at the top of the address."""
    return {rule.rule.split("/")[1] for rule in current_app.url_map.iter_rules()} - {""}


def set_slug(organization: Organization, slug: str) -> None:
    """Give the organization the address `/<slug>/chuyen-muc-dien-hinh/`: lowercase ASCII
    letters and digits joined by single hyphens, at most SLUG_MAX characters, unique, and
    none of the portal's own first path segments."""
    slug = (slug or "").strip()
    if not slug:
        raise RuleError(_l("Vui lòng nhập tên rút gọn."), "slug")
    if len(slug) > SLUG_MAX or not SLUG_PATTERN.match(slug):
        raise RuleError(
            _l(
                "Tên rút gọn chỉ gồm chữ thường không dấu (a-z), chữ số và dấu gạch nối giữa "
                "các từ, tối đa %(max)s ký tự, ví dụ: so-tu-phap.",
                max=SLUG_MAX,
            ),
            "slug",
        )
    if slug in reserved_slugs():
        raise RuleError(
            _l("Tên rút gọn này trùng với một địa chỉ của cổng, hãy chọn tên khác."), "slug"
        )
    if slug_taken(slug, exclude_id=organization.id):
        raise RuleError(_l("Đã có sở khác dùng tên rút gọn này."), "slug")
    organization.slug = slug
