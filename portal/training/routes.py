"""Training record pages: list with filters and totals, Excel export, record, edit, delete."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.actions import attempt, attempt_edit
from portal.extensions import db
from portal.fields import filter_years
from portal.listing import filter_args, page_of
from portal.submissions import once
from portal.tenancy import (
    can_edit_unit,
    get_editable_or_404,
    get_unit_or_404,
    require_unit_edit,
    visible_units,
)
from portal.training import services
from portal.training.export import records_export
from portal.training.forms import TrainingFilterForm, TrainingForm
from portal.training.models import TrainingRecord

bp = Blueprint("training", __name__, url_prefix="/training", template_folder="templates")


def _filter_form(units) -> TrainingFilterForm:
    return TrainingFilterForm().setup(filter_years(current_user.organization_id), units)


@bp.get("/")
@login_required
def index():
    units = db.session.scalars(visible_units()).all()
    form = _filter_form(units)
    filters = form.filters()
    page = page_of(services.list_query(filters))
    count, hours = services.totals(filters)
    editable = {u.id for u in units if can_edit_unit(u.id)}
    return render_template(
        "training/index.html",
        form=form,
        page=page,
        records=page.items,
        total_count=count,
        total_hours=hours,
        editable_ids=editable,
        editable_units=[u for u in units if u.id in editable],
        show_unit_filter=len(units) > 1,
        filter_args=filter_args(),
    )


@bp.get("/export.xlsx")
@login_required
def export():
    filters = _filter_form(db.session.scalars(visible_units()).all()).filters()
    records = db.session.scalars(services.list_query(filters)).all()
    return records_export(records, services.totals(filters)[1])


@bp.route("/units/<int:unit_id>/new", methods=["GET", "POST"])
@login_required
@once
def create(unit_id: int):
    require_unit_edit(unit_id)
    unit = get_unit_or_404(unit_id)
    form = TrainingForm()
    form.set_people(services.unit_people(unit_id))
    if (
        form.validate_on_submit()
        and attempt(services.create_record, unit_id, form.record_data(), current_user, form=form).ok
    ):
        flash(_("Đã ghi nhận khóa tập huấn."), "success")
        return redirect(url_for("training.index"))
    return render_template("training/form.html", form=form, unit=unit, record=None)


@bp.route("/<int:record_id>/edit", methods=["GET", "POST"])
@login_required
def edit(record_id: int):
    record = get_editable_or_404(TrainingRecord, record_id)
    form = TrainingForm(obj=record)
    form.set_people(services.unit_people(record.unit_id))
    if (
        form.validate_on_submit()
        and attempt_edit(record, services.update_record, record, form.record_data(), form=form).ok
    ):
        flash(_("Đã cập nhật khóa tập huấn."), "success")
        return redirect(url_for("training.index"))
    return render_template("training/form.html", form=form, unit=record.unit, record=record)


@bp.post("/<int:record_id>/delete")
@login_required
def delete(record_id: int):
    record = get_editable_or_404(TrainingRecord, record_id)
    attempt(services.delete_record, record)
    flash(_("Đã xóa khóa tập huấn."), "success")
    return redirect(url_for("training.index"))
