"""The unit workspace home: `workspace.unit_home(unit_id)`."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import login_required

from portal.formatting import today_vn
from portal.tenancy import can_edit_unit, get_unit_or_404
from portal.workspace.services import unit_summary

bp = Blueprint("workspace", __name__, url_prefix="/units", template_folder="templates")


@bp.get("/<int:unit_id>")
@login_required
def unit_home(unit_id: int):
    unit = get_unit_or_404(unit_id)
    return render_template(
        "workspace/unit_home.html",
        summary=unit_summary(unit, today_vn()),
        can_edit=can_edit_unit(unit.id),
    )
