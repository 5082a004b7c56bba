"""The Office's administration blueprint: every page needs the office_admin role."""

from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user

from portal.accounts.models import Role
from portal.extensions import login_manager

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


@bp.before_request
def office_only():
    """Sign in first; then 403 for anyone who is not the Department Office."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.has_role(Role.OFFICE_ADMIN):
        abort(403)
    return None
