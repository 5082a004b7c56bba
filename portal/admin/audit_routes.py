"""The audit log screen: who changed what, filtered and paginated."""

from __future__ import annotations

from flask import current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from portal.accounts.models import User
from portal.admin import audit_log
from portal.admin.blueprint import bp
from portal.admin.forms import AuditFilterForm, choices, unit_choices
from portal.extensions import db
from portal.organizations.services import organization_units

ACTION_LABELS = {"create": _l("Tạo mới"), "update": _l("Sửa"), "delete": _l("Xoá")}


@bp.get("/audit")
def audit():
    org_id = current_user.organization_id
    form = AuditFilterForm(request.args)
    people = db.session.execute(
        select(User.id, User.full_name)
        .where(User.organization_id == org_id)
        .order_by(User.full_name)
    ).all()
    units = organization_units(org_id)
    everyone = _l("Tất cả")
    form.actor.choices = choices(people, everyone)
    form.object_type.choices = choices(((t, t) for t in audit_log.object_types(org_id)), everyone)
    form.unit.choices = unit_choices(units, everyone)
    form.validate()
    filters = audit_log.AuditFilters(
        actor_id=form.actor.data,
        object_type=form.object_type.data or "",
        action=form.action.data if form.action.data in ACTION_LABELS else "",
        unit_id=form.unit.data,
        date_from=form.date_from.data if not form.date_from.errors else None,
        date_to=form.date_to.data if not form.date_to.errors else None,
    )
    page = db.paginate(
        audit_log.audit_query(org_id, filters),
        page=request.args.get("page", 1, type=int),
        per_page=current_app.config["ITEMS_PER_PAGE"],
        error_out=False,
    )
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "admin/audit.html",
        form=form,
        page=page,
        args=args,
        unit_names={u.id: u.name for u in units},
        action_labels=ACTION_LABELS,
        changes_of=audit_log.visible_changes,
    )
