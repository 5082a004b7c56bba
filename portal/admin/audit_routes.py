"""The audit log screen: who changed what, in words, grouped per request, filtered
and paged."""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from portal.accounts import services as accounts
from portal.admin import audit_log, audit_view
from portal.admin.blueprint import bp
from portal.admin.forms import AuditFilterForm, choices, unit_choices
from portal.extensions import db
from portal.listing import filter_args
from portal.organizations.models import Unit
from portal.profiles import services as profiles

ACTION_LABELS = {
    "create": _l("Tạo mới"),
    "update": _l("Sửa"),
    "delete": _l("Xóa"),
    # Account events (portal/accounts/services.py, record_event).
    accounts.LOGIN: _l("Đăng nhập"),
    accounts.LOGIN_FAILED: _l("Đăng nhập không thành công"),
    accounts.ACCOUNT_LOCKED: _l("Tài khoản tạm khóa"),
    accounts.LOGOUT: _l("Đăng xuất"),
    accounts.PASSWORD_CHANGE: _l("Đổi mật khẩu"),
    accounts.PASSWORD_RESET: _l("Đặt lại mật khẩu"),
    accounts.SESSIONS_REVOKED: _l("Kết thúc mọi phiên đăng nhập"),
    # A document printing a person's particulars was built (portal/profiles/services.py).
    profiles.EXPORT: _l("Xuất thông tin cá nhân"),
}


@bp.get("/audit")
def audit():
    org_id = current_user.organization_id  # the Office reads its own organization only
    form = AuditFilterForm()
    everyone = _l("Tất cả")
    units = db.session.execute(
        select(Unit.id, Unit.name).where(Unit.organization_id == org_id).order_by(Unit.name)
    ).all()  # names for the filter, not whole records
    form.action.choices = choices(ACTION_LABELS.items(), everyone)
    form.object_type.choices = choices(audit_log.record_kinds(), everyone)
    form.unit.choices = unit_choices(units, everyone)
    filters = audit_log.AuditFilters(
        actor_id=form.value("actor"),
        person=(form.value("person") or "").strip(),
        object_type=form.value("object_type") or "",
        action=form.value("action") if form.value("action") in ACTION_LABELS else "",
        unit_id=form.value("unit"),
        date_from=form.value("date_from"),
        date_to=form.value("date_to"),
    )
    page = audit_log.page_of_log(audit_log.audit_query(org_id, filters))
    return render_template(
        "admin/audit.html",
        form=form,
        page=page,
        groups=audit_view.grouped(page.items),
        args=filter_args(),
        action_labels=ACTION_LABELS,
    )
