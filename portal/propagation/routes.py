"""Propagation log pages: list with filters and totals, Excel export, record, edit, delete."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.actions import attempt, attempt_edit
from portal.evidence.services import attachments_for
from portal.exemplars.movement_links import movement_choices
from portal.exemplars.queries import exemplar_choices
from portal.extensions import db
from portal.fields import filter_years
from portal.listing import filter_args, page_of
from portal.propagation import services
from portal.propagation.export import activities_export
from portal.propagation.forms import ActivityFilterForm, ActivityForm
from portal.propagation.models import PropagationActivity
from portal.submissions import once
from portal.tenancy import (
    can_edit_unit,
    get_editable_or_404,
    get_scoped_or_404,
    get_unit_or_404,
    require_unit_edit,
    visible_units,
)

bp = Blueprint("propagation", __name__, url_prefix="/propagation", template_folder="templates")


def _filter_form(units) -> ActivityFilterForm:
    return ActivityFilterForm().setup(filter_years(current_user.organization_id), units)


@bp.get("/")
@login_required
def index():
    units = db.session.scalars(visible_units()).all()
    form = _filter_form(units)
    filters = form.filters()
    page = page_of(services.list_query(filters))
    activities = list(page.items)
    return render_template(
        "propagation/index.html",
        form=form,
        page=page,
        activities=activities,
        totals=services.totals(filters),
        evidence_counts=services.evidence_counts([a.id for a in activities]),
        editable_units=[u for u in units if can_edit_unit(u.id)],
        show_unit_filter=len(units) > 1,
        filter_args=filter_args(),
    )


@bp.get("/export.xlsx")
@login_required
def export():
    filters = _filter_form(db.session.scalars(visible_units()).all()).filters()
    activities = db.session.scalars(services.list_query(filters)).unique().all()
    return activities_export(activities, services.totals(filters))


@bp.route("/units/<int:unit_id>/new", methods=["GET", "POST"])
@login_required
@once
def create(unit_id: int):
    require_unit_edit(unit_id)
    unit = get_unit_or_404(unit_id)
    form = ActivityForm()
    form.set_exemplars(exemplar_choices(unit_id))
    form.set_movements(movement_choices(unit_id))
    if form.validate_on_submit():
        outcome = attempt(
            services.create_activity,
            unit_id,
            form.activity_data(),
            current_user,
            form.exemplar_ids.data,
            request.files.getlist("evidence"),
            form=form,
        )
        if outcome.ok:
            flash(_("Đã ghi nhận hoạt động tuyên truyền."), "success")
            return redirect(url_for("propagation.detail", activity_id=outcome.value.id))
    return render_template("propagation/form.html", form=form, unit=unit, activity=None)


@bp.get("/<int:activity_id>")
@login_required
def detail(activity_id: int):
    activity = get_scoped_or_404(PropagationActivity, activity_id)
    return render_template(
        "propagation/detail.html",
        activity=activity,
        attachments=attachments_for(services.OWNER_TYPE, activity.id),
        can_edit=can_edit_unit(activity.unit_id),
    )


@bp.route("/<int:activity_id>/edit", methods=["GET", "POST"])
@login_required
def edit(activity_id: int):
    activity = get_editable_or_404(PropagationActivity, activity_id)
    form = ActivityForm(obj=activity)
    linked = {link.exemplar_id for link in activity.exemplar_links}
    form.set_exemplars(exemplar_choices(activity.unit_id, keep_ids=linked))
    form.set_movements(movement_choices(activity.unit_id, activity.movement_id))
    if request.method == "GET":
        form.activity_type.data = activity.activity_type.value
        form.channel.data = activity.channel.value
        form.exemplar_ids.data = sorted(linked)
    if form.validate_on_submit() and (
        attempt_edit(
            activity,
            services.update_activity,
            activity,
            form.activity_data(),
            current_user,
            form.exemplar_ids.data,
            request.files.getlist("evidence"),
            form=form,
        ).ok
    ):
        flash(_("Đã cập nhật hoạt động tuyên truyền."), "success")
        return redirect(url_for("propagation.detail", activity_id=activity.id))
    return render_template(
        "propagation/form.html",
        form=form,
        unit=activity.unit,
        activity=activity,
        attachments=attachments_for(services.OWNER_TYPE, activity.id),
    )


@bp.post("/<int:activity_id>/delete")
@login_required
def delete(activity_id: int):
    activity = get_editable_or_404(PropagationActivity, activity_id)
    attempt(services.delete_activity, activity)
    flash(_("Đã xóa hoạt động tuyên truyền."), "success")
    return redirect(url_for("propagation.index"))
