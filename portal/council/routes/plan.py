"""The yearly supervision plan: planned inspections and the coverage of the units."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal.actions import attempt, attempt_edit
from portal.council import planning
from portal.council import services as council
from portal.council.forms import PlanFilterForm, PlanItemForm
from portal.council.routes.blueprint import bp
from portal.council.routes.seats import _year
from portal.extensions import db
from portal.fields import ConfirmForm
from portal.formatting import today_vn
from portal.inspections.models import SupervisionPlanItem
from portal.organizations.models import Unit
from portal.periods.services import organization_years
from portal.submissions import once
from portal.tenancy import get_org_owned_or_404, office_required, org_scoped


@bp.get("/plan")
@office_required
def plan():
    year = _year()
    rows = planning.coverage(current_user.organization_id, year)
    status = PlanFilterForm().value("status") or ""
    shown = [r for r in rows if not status or r.status == status]
    return render_template(
        "council/plan.html",
        year=year,
        years=organization_years(current_user.organization_id, today_vn()),
        rows=shown,
        counts=planning.coverage_counts(rows),
        coverages=list(planning.Coverage),
        status=status,
        confirm=ConfirmForm(),
    )


def _plan_form(year: int, obj: SupervisionPlanItem | None = None) -> PlanItemForm:
    # Stored values only on first display: unticked checkboxes mean "none".
    form = PlanItemForm(obj=obj if request.method == "GET" else None)
    units = db.session.scalars(
        org_scoped(Unit).where(Unit.is_active.is_(True)).order_by(Unit.name)
    ).all()
    form.unit_id.choices = [SelectChoice(u.id, u.name) for u in units]
    form.member_ids.choices = [
        SelectChoice(u.id, u.full_name) for u in council.council_users(current_user.organization_id)
    ]
    if obj is not None and request.method == "GET":
        form.member_ids.data = sorted(obj.member_ids)
    return form


def _assigned_names(year: int) -> dict[int, list[str]]:
    """Unit id -> names of the members assigned to it in `year` (a hint on the form)."""
    names = {u.id: u.full_name for u in council.council_users(current_user.organization_id)}
    result: dict[int, list[str]] = {}
    for unit_id, user_id in sorted(council.assignment_pairs(current_user.organization_id, year)):
        result.setdefault(unit_id, []).append(names.get(user_id, "?"))
    return result


def _save(form: PlanItemForm, item: SupervisionPlanItem | None, year: int) -> bool:
    """Create or update the planned inspection from the form; a refusal lands on its field."""
    return attempt_edit(
        item,
        planning.save_plan_item,
        item,
        current_user.organization_id,
        unit_id=form.unit_id.data,
        year=year,
        month=form.month.data,
        scope=form.scope.data or [],
        member_ids=form.member_ids.data or [],
        note=form.note.data or "",
        form=form,
    ).ok


def _render_form(form: PlanItemForm, year: int, item: SupervisionPlanItem | None):
    return render_template(
        "council/plan_item_form.html",
        form=form,
        year=year,
        item=item,
        assigned=_assigned_names(year),
        units={c.value: c.label for c in form.unit_id.choices},
    )


@bp.route("/plan/new", methods=["GET", "POST"])
@office_required
@once
def plan_item_new():
    year = _year()
    form = _plan_form(year)
    if request.method == "GET" and request.args.get("unit_id", type=int):
        form.unit_id.data = request.args.get("unit_id", type=int)
    if form.validate_on_submit() and _save(form, None, year):
        flash(_("Đã thêm vào kế hoạch giám sát năm %(year)s.", year=year), "success")
        return redirect(url_for(".plan", year=year))
    return _render_form(form, year, None)


@bp.route("/plan/<int:item_id>/edit", methods=["GET", "POST"])
@office_required
def plan_item_edit(item_id: int):
    item = get_org_owned_or_404(SupervisionPlanItem, item_id)
    form = _plan_form(item.year, item)
    if form.validate_on_submit() and _save(form, item, item.year):
        flash(_("Đã lưu kế hoạch."), "success")
        return redirect(url_for(".plan", year=item.year))
    return _render_form(form, item.year, item)


@bp.post("/plan/<int:item_id>/delete")
@office_required
def plan_item_delete(item_id: int):
    item = get_org_owned_or_404(SupervisionPlanItem, item_id)
    year = item.year
    if attempt(planning.delete_plan_item, item).ok:
        flash(_("Đã xóa khỏi kế hoạch."), "success")
    return redirect(url_for(".plan", year=year))
