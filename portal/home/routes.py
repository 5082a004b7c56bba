"""Home: the unit workspace for unit people, the organization overview for others."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy.orm import selectinload

from portal.accounts.models import Role, RoleMembership
from portal.extensions import db
from portal.models_base import in_ids
from portal.organizations.models import Unit
from portal.tenancy import sees_whole_organization, visible_units

bp = Blueprint("home", __name__, template_folder="templates")


@bp.get("/")
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("publiccolumn.organizations"))
    if current_user.is_platform_admin:
        return redirect(url_for("platform.index"))
    unit_id = current_user.primary_unit_id
    if unit_id and not sees_whole_organization(current_user):
        return redirect(url_for("workspace.unit_home", unit_id=unit_id))
    if current_user.has_role(Role.OFFICE_ADMIN, Role.VIEWER, Role.COUNCIL_MEMBER):
        return redirect(url_for("dashboards.index"))
    return overview()


def overview():
    """Every unit the user may see, with its coordinators (two queries in all)."""
    units = db.session.scalars(visible_units(current_user)).all()
    memberships = db.session.scalars(
        db.select(RoleMembership)
        .where(
            in_ids(RoleMembership.unit_id, [u.id for u in units]),
            RoleMembership.role == Role.COORDINATOR,
        )
        .options(selectinload(RoleMembership.user))
    ).all()
    coordinators: dict[int, list] = {}
    for membership in memberships:
        coordinators.setdefault(membership.unit_id, []).append(membership.user)
    return render_template("home/overview.html", units=units, coordinators=coordinators, Unit=Unit)
