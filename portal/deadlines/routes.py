"""Deadline pages: the list, the completion matrix, one deadline per unit, the Office's edits."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.actions import attempt, attempt_edit
from portal.deadlines import views
from portal.deadlines.forms import DeadlineFilterForm, DueItemsFilterForm, MarkDoneForm
from portal.deadlines.models import Deadline, DeadlineKind
from portal.deadlines.services import (
    completion_matrix,
    concerning,
    concerns,
    deadline_unit_ids,
    delete_deadline,
    local_due,
    mark_done,
    progress_by_unit,
    record_source_available,
    save_deadline,
    unmark_done,
)
from portal.fields import ConfirmForm
from portal.listing import page_of, page_of_rows
from portal.periods.forms import PeriodFilterForm
from portal.submissions import once
from portal.tenancy import (
    get_org_owned_or_404,
    office_required,
    org_scoped,
    visible_unit_ids,
    visible_units,
)

bp = Blueprint("deadlines", __name__, url_prefix="/deadlines", template_folder="templates")


def _get_deadline(deadline_id: int) -> Deadline:
    deadline = get_org_owned_or_404(Deadline, deadline_id)
    if not concerns(deadline, current_user):
        abort(404)
    return deadline


@bp.get("/")
@login_required
def index():
    form = DeadlineFilterForm()
    periods, period = views.selected_period(form.value("period_id"))
    kind = form.value("kind") or ""
    search = (form.value("q") or "").strip()
    query = concerning(org_scoped(Deadline), current_user)
    if period is not None:
        query = query.where(Deadline.period_id == period.id)
    if kind:
        query = query.where(Deadline.kind == kind)
    if search:
        query = query.where(Deadline.title.ilike(f"%{search}%"))
    page = page_of(query.order_by(Deadline.due_at.desc()))
    matrix = completion_matrix(page.items, visible_unit_ids())
    return render_template(
        "deadlines/index.html",
        page=page,
        matrix=matrix,
        periods=periods,
        period=period,
        kind=kind,
        search=search,
        kinds=DeadlineKind.choices(),
    )


@bp.get("/matrix")
@login_required
def matrix():
    form = PeriodFilterForm()
    periods, period = views.selected_period(form.value("period_id"))
    year = form.value("year")
    deadlines = views.period_deadlines(concerning(org_scoped(Deadline), current_user), period, year)
    page = page_of(visible_units(current_user, active_only=True))
    grid = completion_matrix(deadlines, [u.id for u in page.items])
    return render_template(
        "deadlines/matrix.html",
        page=page,
        matrix=grid,
        row_cells=views.matrix_row_cells(grid),
        periods=periods,
        period=period,
        year=year,
    )


@bp.get("/matrix.xlsx")
@login_required
def matrix_export():
    form = PeriodFilterForm()
    _, period = views.selected_period(form.value("period_id"))
    year = form.value("year")
    deadlines = views.period_deadlines(concerning(org_scoped(Deadline), current_user), period, year)
    grid = completion_matrix(deadlines, visible_unit_ids())
    return views.matrix_workbook_response(grid, period)


@bp.get("/<int:deadline_id>")
@login_required
def detail(deadline_id: int):
    deadline = _get_deadline(deadline_id)
    rows = progress_by_unit(deadline, visible_unit_ids())
    return render_template(
        "deadlines/detail.html",
        deadline=deadline,
        rows=rows,
        mark_form=MarkDoneForm(),
        confirm_form=ConfirmForm(),
        stages=views.stage_counts(deadline) if current_user.is_office else [],
        records_available=record_source_available(deadline.kind),
    )


@bp.route("/new", methods=["GET", "POST"])
@office_required
@once
def new():
    return _edit(Deadline())


@bp.route("/<int:deadline_id>/edit", methods=["GET", "POST"])
@office_required
def edit(deadline_id: int):
    return _edit(get_org_owned_or_404(Deadline, deadline_id))


def _edit(deadline: Deadline):
    form = views.deadline_form(deadline, current_user)
    if (
        form.validate_on_submit()
        and attempt_edit(
            deadline if deadline.id else None,
            save_deadline,
            deadline,
            form.clean_data(),
            current_user,
            form=form,
        ).ok
    ):
        flash(_("Đã lưu thời hạn."), "success")
        return redirect(url_for("deadlines.detail", deadline_id=deadline.id))
    if request.method == "GET" and deadline.id is not None:
        form.due_date.data, form.due_time.data = local_due(deadline)
    return render_template("deadlines/form.html", form=form, deadline=deadline)


@bp.post("/<int:deadline_id>/units/<int:unit_id>/done")
@office_required
def mark_unit_done(deadline_id: int, unit_id: int):
    deadline = get_org_owned_or_404(Deadline, deadline_id)
    if unit_id not in deadline_unit_ids(deadline):
        abort(404)
    form = MarkDoneForm()
    if not form.validate_on_submit():
        abort(400)
    if attempt(mark_done, deadline, unit_id, current_user, form.note.data or "").ok:
        flash(_("Đã đánh dấu đơn vị hoàn thành; thư nhắc cho đơn vị này dừng lại."), "success")
    return redirect(url_for("deadlines.detail", deadline_id=deadline.id))


@bp.post("/<int:deadline_id>/units/<int:unit_id>/undone")
@office_required
def unmark_unit_done(deadline_id: int, unit_id: int):
    deadline = get_org_owned_or_404(Deadline, deadline_id)
    if unit_id not in deadline_unit_ids(deadline):
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if attempt(unmark_done, deadline, unit_id).value:
        flash(_("Đã bỏ đánh dấu hoàn thành."), "success")
    return redirect(url_for("deadlines.detail", deadline_id=deadline.id))


@bp.post("/<int:deadline_id>/delete")
@office_required
def delete(deadline_id: int):
    deadline = get_org_owned_or_404(Deadline, deadline_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if attempt(delete_deadline, deadline).ok:
        flash(_("Đã xóa thời hạn."), "success")
    return redirect(url_for("deadlines.index"))


@bp.get("/items")
@login_required
def items():
    """Everything due soon or overdue in the units the user sees (every kind of item)."""
    days = DueItemsFilterForm().window()
    page = page_of_rows(views.upcoming_items(current_user, visible_unit_ids(), days))
    return render_template("deadlines/items.html", page=page, days=days)
