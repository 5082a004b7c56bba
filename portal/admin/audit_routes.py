"""The audit log screen: who changed what, filtered and paginated."""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from portal.accounts import services as accounts
from portal.accounts.models import User
from portal.admin import audit_log
from portal.admin.blueprint import bp
from portal.admin.forms import AuditFilterForm, choices, unit_choices
from portal.extensions import db
from portal.listing import filter_args, page_of
from portal.organizations.services import organization_units

ACTION_LABELS = {
    "create": _l("Tạo mới"),
    "update": _l("Sửa"),
    "delete": _l("Xoá"),
    # Account events (portal/accounts/services.py, record_event).
    accounts.LOGIN: _l("Đăng nhập"),
    accounts.LOGIN_FAILED: _l("Đăng nhập không thành công"),
    accounts.ACCOUNT_LOCKED: _l("Tài khoản tạm khoá"),
    accounts.LOGOUT: _l("Đăng xuất"),
    accounts.PASSWORD_CHANGE: _l("Đổi mật khẩu"),
    accounts.PASSWORD_RESET: _l("Đặt lại mật khẩu"),
    accounts.SESSIONS_REVOKED: _l("Kết thúc mọi phiên đăng nhập"),
}


@bp.get("/audit")
def audit():
    org_id = current_user.organization_id
    form = AuditFilterForm()
    form.action.choices = choices(ACTION_LABELS.items(), _l("Tất cả"))
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
    filters = audit_log.AuditFilters(
        actor_id=form.value("actor"),
        object_type=form.value("object_type") or "",
        action=form.value("action") if form.value("action") in ACTION_LABELS else "",
        unit_id=form.value("unit"),
        date_from=form.value("date_from"),
        date_to=form.value("date_to"),
    )
    page = page_of(audit_log.audit_query(org_id, filters))
    return render_template(
        "admin/audit.html",
        form=form,
        page=page,
        args=filter_args(),
        unit_names={u.id: u.name for u in units},
        action_labels=ACTION_LABELS,
        changes_of=audit_log.visible_changes,
    )
