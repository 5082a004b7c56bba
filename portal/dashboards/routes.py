"""The dashboards: the organization's (Office, Director), a unit's, a council member's."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required

from portal.accounts.models import Role
from portal.actions import attempt
from portal.budget import services as budget
from portal.dashboards import cache, cells, charts, council, setup_guide, todo
from portal.dashboards.export import workbook_response
from portal.dashboards.services import Selection, obligations, select_period_year
from portal.deadlines.views import upcoming_items
from portal.extensions import db
from portal.fields import ConfirmForm
from portal.formatting import VN_TZ, today_vn
from portal.periods.forms import PeriodFilterForm
from portal.tenancy import (
    ORG_WIDE_READERS,
    council_years,
    get_unit_or_404,
    require_year_readable,
    roles_required,
    visible_units,
)

bp = Blueprint("dashboards", __name__, url_prefix="/dashboards", template_folder="templates")

UPCOMING_DAYS = 90
UPCOMING_SHOWN = 10


def _selection(unit_id: int | None = None) -> Selection:
    """The period and year asked for; on a unit's dashboard read by a council member
    with no year asked for, the latest year they are assigned to the unit."""
    form = PeriodFilterForm()
    year = form.value("year")
    if year is None and unit_id is not None and (assigned := council_years().get(unit_id)):
        year = max(assigned)
    return select_period_year(
        current_user.organization_id, form.value("period_id"), year, today_vn()
    )


def _matrix(units: list, selection: Selection) -> list[cells.Row]:
    now = datetime.now(VN_TZ)

    def compute() -> list[cells.Row]:
        facts = obligations(units, selection.period, selection.year, now.date(), now)
        return cells.matrix_rows(facts, selection.period, selection.year)

    # A council member reads only their assigned years of a unit: their own entry.
    viewer = current_user.id if council_years() else None
    parts = (viewer, *_figure_parts(units, selection), now.date())
    return cache.cached(current_user.organization_id, "matrix", parts, compute)


def _charts(units: list, selection: Selection, unit_id: int | None = None) -> list[charts.Chart]:
    today = today_vn()

    def compute() -> list[charts.Chart]:
        return charts.all_charts(
            units, selection.period, selection.year, today, current_user.organization_id, unit_id
        )

    parts = (unit_id, *_figure_parts(units, selection), today)
    return cache.cached(current_user.organization_id, "charts", parts, compute)


def _figure_parts(units: list, selection: Selection) -> tuple:
    """What a cached figure depends on besides the records: the units, the period and
    year, the language of its words and the mount point of its links."""
    return (
        tuple(sorted(u.id for u in units)),
        selection.period.id,
        selection.year,
        str(get_locale()),
        request.script_root,
    )


@bp.get("/")
@login_required
def index():
    """Each role's own dashboard: the organization's for the Office and the Director,
    the council's for a member, the unit's for its people."""
    if current_user.has_role(*ORG_WIDE_READERS):
        return organization()
    if current_user.has_role(Role.COUNCIL_MEMBER):
        return council_dashboard()
    if current_user.primary_unit_id:
        return unit(current_user.primary_unit_id)
    abort(403)


def organization():
    selection = _selection()
    guide = setup_guide.guide_for(current_user)
    if selection.period is None:
        return render_template("dashboards/no_period.html", guide=guide, confirm=ConfirmForm())
    units = db.session.scalars(visible_units(current_user, active_only=True)).all()
    rows = _matrix(units, selection)
    return render_template(
        "dashboards/organization.html",
        selection=selection,
        columns=cells.COLUMNS,
        rows=rows,
        totals=cells.column_totals(rows),
        charts=_charts(units, selection),
        guide=guide,
        confirm=ConfirmForm(),
        budget=budget.summary(current_user.organization_id, selection.year, units),
        budget_kinds=budget.KINDS,
    )


@bp.post("/setup-guide/hide")
@roles_required(Role.OFFICE_ADMIN)
def hide_setup_guide():
    """The Office hides the guide of the first steps (once they are done, or at will)."""
    if ConfirmForm().validate_on_submit():
        attempt(setup_guide.hide_guide, current_user.organization)
    return redirect(url_for("dashboards.index"))


@bp.get("/export.xlsx")
@roles_required(*ORG_WIDE_READERS)
def export():
    selection = _selection()
    if selection.period is None:
        abort(404)
    units = db.session.scalars(visible_units(current_user, active_only=True)).all()
    rows = _matrix(units, selection)
    return workbook_response(
        f"tong-quan-{selection.period.name}-{selection.year}.xlsx",
        rows,
        cells.column_totals(rows),
        _charts(units, selection),
    )


@bp.get("/units/<int:unit_id>")
@login_required
def unit(unit_id: int):
    record = get_unit_or_404(unit_id)
    selection = _selection(record.id)
    if selection.period is None:
        return render_template("dashboards/no_period.html")
    require_year_readable(record.id, selection.year)
    (row,) = _matrix([record], selection)
    items = upcoming_items(current_user, {record.id}, UPCOMING_DAYS)[:UPCOMING_SHOWN]
    to_do = todo.todo_list(row, items, selection.period, selection.year)
    return render_template(
        "dashboards/unit.html",
        unit=record,
        selection=selection,
        columns=cells.COLUMNS,
        row=row,
        charts=_charts([record], selection, record.id),
        upcoming=to_do,
        upcoming_days=UPCOMING_DAYS,
        budget=budget.unit_summary(current_user.organization_id, selection.year, record),
        budget_kinds=budget.KINDS,
    )


@bp.get("/units/<int:unit_id>/export.xlsx")
@login_required
def unit_export(unit_id: int):
    record = get_unit_or_404(unit_id)
    selection = _selection(record.id)
    if selection.period is None:
        abort(404)
    require_year_readable(record.id, selection.year)
    rows = _matrix([record], selection)
    return workbook_response(
        f"tong-quan-don-vi-{record.id}-{selection.period.name}-{selection.year}.xlsx",
        rows,
        None,
        _charts([record], selection, record.id),
    )


@bp.get("/council")
@roles_required(Role.COUNCIL_MEMBER)
def council_dashboard():
    selection = _selection()
    if selection.period is None:
        return render_template("dashboards/no_period.html")
    year = selection.year
    units = council.assigned_units(current_user, year)
    return render_template(
        "dashboards/council.html",
        selection=selection,
        columns=cells.COLUMNS,
        rows=_matrix(units, selection),
        planned=council.planned_inspections(current_user, year),
        done=council.done_inspections(current_user, year),
        to_verify=council.findings_to_verify(current_user),
        rounds=council.open_rounds(current_user),
    )
