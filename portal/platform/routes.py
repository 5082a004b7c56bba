"""The platform administrator's pages: the organizations of the installation, and a new
one with its first Office account. Nobody else may open them (403)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.actions import attempt
from portal.extensions import login_manager
from portal.platform import services
from portal.platform.forms import NewOrganizationForm
from portal.submissions import once

bp = Blueprint("platform", __name__, url_prefix="/platform", template_folder="templates")

# What the platform administrator may open besides their own pages: signing in and out,
# their password, the language, the public columns. Every page of an organization's
# data is a 404 for them, in this one place rather than in each capability.
OPEN_TO_PLATFORM_ADMIN = frozenset(
    {"platform", "accounts", "home", "i18n", "health", "publiccolumn", "static", "bootstrap"}
)


@bp.before_app_request
def fence_the_platform_admin():
    if not current_user.is_authenticated or not current_user.is_platform_admin:
        return None
    if request.endpoint is None or request.blueprint in OPEN_TO_PLATFORM_ADMIN:
        return None
    if request.endpoint == "static":
        return None
    abort(404)


@bp.before_request
def platform_only():
    """Sign in first; then 403 for anyone who is not the platform administrator."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.is_platform_admin:
        abort(403)
    return None


@bp.get("/")
def index():
    return render_template("platform/index.html", rows=services.organization_rows())


@bp.route("/organizations/new", methods=["GET", "POST"])
@once
def new_organization():
    form = NewOrganizationForm()
    if form.validate_on_submit():
        outcome = attempt(
            services.create_organization,
            current_user,
            form.name.data,
            form.slug.data or "",
            form.office_name.data,
            form.office_email.data,
            form=form,
        )
        if outcome.ok:
            organization, office = outcome.value
            flash(
                _(
                    "Đã tạo %(organization)s và gửi thư mời đặt mật khẩu đến %(email)s.",
                    organization=organization.name,
                    email=office.email,
                ),
                "success",
            )
            return redirect(url_for("platform.index"))
    return render_template("platform/new_organization.html", form=form)
