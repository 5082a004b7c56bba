"""The Office's budget page: the year's budget, per unit, against what was spent."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.actions import attempt
from portal.budget import services
from portal.budget.forms import BudgetForm, YearForm
from portal.extensions import db
from portal.fields import filter_years
from portal.formatting import today_vn
from portal.tenancy import office_required, visible_units

bp = Blueprint("budget", __name__, url_prefix="/budget", template_folder="templates")


def _year() -> int:
    asked = request.args.get("year", type=int)
    return asked if asked and 2000 <= asked <= 2100 else today_vn().year


@bp.route("/", methods=["GET", "POST"])
@office_required
def index():
    year = _year()
    org_id = current_user.organization_id
    units = db.session.scalars(visible_units(current_user)).all()
    form = BudgetForm().setup(units)
    if form.validate_on_submit():
        outcome = attempt(
            services.set_budget,
            org_id,
            year,
            form.unit_id.data,
            form.amount_vnd.data,
            form.note.data,
            form=form,
        )
        if outcome.ok:
            flash(_("Đã lưu kinh phí năm %(year)s.", year=year), "success")
            return redirect(url_for("budget.index", year=year))
    years = sorted(set(filter_years(org_id)) | {year}, reverse=True)
    year_form = YearForm().setup(years)
    year_form.year.data = year
    return render_template(
        "budget/index.html",
        form=form,
        year_form=year_form,
        year=year,
        kinds=services.KINDS,
        summary=services.summary(org_id, year, units),
        notes={b.unit_id: b.note for b in services.budgets_of_year(org_id, year).values()},
    )
