"""People of the organization: list, create, edit, (de)activate, roles, password link."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.accounts import services as accounts
from portal.accounts import sessions
from portal.accounts.models import Role, RoleMembership, User
from portal.actions import attempt, attempt_edit
from portal.admin import services
from portal.admin.blueprint import bp
from portal.admin.forms import NewUserForm, RoleForm, UserFilterForm, UserForm
from portal.listing import filter_args, page_of
from portal.organizations.services import organization_units
from portal.submissions import once
from portal.tenancy import get_child_or_404, get_org_owned_or_404


@bp.get("/users")
def users():
    filters = UserFilterForm().filters()
    query = services.user_list_query(
        current_user.organization_id,
        search=filters["search"],
        unit_id=filters["unit_id"],
        role=filters["role"],
        active=filters["active"],
    )
    page = page_of(query)
    units = organization_units(current_user.organization_id)
    return render_template(
        "admin/users.html",
        page=page,
        filters=filters,
        units=units,
        unit_names={u.id: u.name for u in units},
        page_args=filter_args(),
    )


@bp.route("/users/new", methods=["GET", "POST"])
@once
def new_user():
    form = NewUserForm()
    form.set_units(organization_units(current_user.organization_id, True), _l("— Không —"))
    if form.validate_on_submit():
        role = Role(form.role.data) if form.role.data else None
        outcome = attempt(
            services.invite_user,
            current_user.organization_id,
            form.full_name.data,
            form.email.data,
            position=form.position.data,
            phone=form.phone.data,
            role=role,
            unit_id=form.unit_id.data if role else None,
            form=form,
            default_field="unit_id",
        )
        if outcome.ok:
            user = outcome.value
            flash(
                _("Đã tạo tài khoản %(name)s và gửi thư đặt mật khẩu.", name=user.full_name),
                "success",
            )
            return redirect(url_for("admin.user_detail", user_id=user.id))
    return render_template("admin/user_new.html", form=form)


@bp.get("/users/<int:user_id>")
def user_detail(user_id: int):
    user = get_org_owned_or_404(User, user_id)
    return _render_detail(user, _role_form())


def _role_form() -> RoleForm:
    form = RoleForm()
    form.set_units(organization_units(current_user.organization_id, True), _l("— Toàn Sở —"))
    return form


def _render_detail(user: User, role_form: RoleForm, status: int = 200):
    units = organization_units(current_user.organization_id)
    return (
        render_template(
            "admin/user_detail.html",
            user=user,
            role_form=role_form,
            unit_names={u.id: u.name for u in units},
        ),
        status,
    )


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
def edit_user(user_id: int):
    user = get_org_owned_or_404(User, user_id)
    form = UserForm(obj=user)
    if form.validate_on_submit() and (
        attempt_edit(
            user,
            services.update_user,
            user,
            form.full_name.data,
            form.email.data,
            form.position.data,
            form.phone.data,
            form=form,
        ).ok
    ):
        flash(_("Đã lưu thông tin của %(name)s.", name=user.full_name), "success")
        return redirect(url_for("admin.user_detail", user_id=user.id))
    return render_template("admin/user_form.html", form=form, user=user)


@bp.post("/users/<int:user_id>/deactivate")
def deactivate_user(user_id: int):
    return _set_active(get_org_owned_or_404(User, user_id), False)


@bp.post("/users/<int:user_id>/reactivate")
def reactivate_user(user_id: int):
    return _set_active(get_org_owned_or_404(User, user_id), True)


def _set_active(user: User, active: bool):
    if attempt(services.set_user_active, user, active, current_user._get_current_object()).ok:
        _stay_signed_in(user)
        message = _("Đã mở lại tài khoản %(name)s.") if active else _("Đã khóa tài khoản %(name)s.")
        flash(message % {"name": user.full_name}, "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.post("/users/<int:user_id>/roles")
def add_role(user_id: int):
    user = get_org_owned_or_404(User, user_id)
    form = _role_form()
    if (
        form.validate_on_submit()
        and attempt(
            services.add_role,
            user,
            Role(form.role.data),
            form.unit_id.data,
            current_user._get_current_object(),
            form=form,
        ).ok
    ):
        _stay_signed_in(user)
        flash(_("Đã giao vai trò cho %(name)s.", name=user.full_name), "success")
        return redirect(url_for("admin.user_detail", user_id=user.id))
    return _render_detail(user, form, 400)


@bp.post("/users/<int:user_id>/roles/<int:membership_id>/remove")
def remove_role(user_id: int, membership_id: int):
    user = get_org_owned_or_404(User, user_id)
    membership = get_child_or_404(RoleMembership, membership_id, parent=user)
    if attempt(services.remove_role, user, membership, current_user._get_current_object()).ok:
        _stay_signed_in(user)
        flash(_("Đã bỏ vai trò của %(name)s.", name=user.full_name), "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.post("/users/<int:user_id>/password-link")
def send_password_link(user_id: int):
    user = get_org_owned_or_404(User, user_id)
    if not user.active:
        flash(_("Tài khoản đang bị khóa: hãy mở lại trước khi gửi liên kết."), "error")
    elif attempt(accounts.send_account_setup, user).ok:
        flash(_("Đã gửi liên kết đặt mật khẩu tới %(email)s.", email=user.email), "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


def _stay_signed_in(user: User) -> None:
    """A change of roles ends the user's sessions; the Office changing its own roles
    keeps working in this browser, on a new session."""
    if user.id == current_user.id:
        sessions.start(user, remember=False)
