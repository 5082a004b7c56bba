"""Emulation movement pages: the list, launch (by the Office or a unit), the page of one
with its exemplars and activities, edit, the closing review and its document."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.actions import attempt, attempt_edit
from portal.extensions import db
from portal.listing import page_of
from portal.movements import award_links, services
from portal.movements.forms import MovementForm, ReviewForm
from portal.movements.models import Movement, ReviewKind
from portal.submissions import once
from portal.tenancy import (
    can_edit_unit,
    get_unit_or_404,
    office_required,
    require_unit_edit,
    visible_units,
)

bp = Blueprint("movements", __name__, url_prefix="/movements", template_folder="templates")

SHOWN = ("exemplars", "activities", "awards")


def _form(obj: Movement | None = None) -> MovementForm:
    org_id = current_user.organization_id
    return MovementForm(obj=obj).setup(
        services.organization_units(org_id),
        services.organization_titles(org_id),
        services.organization_criteria_sets(org_id),
    )


@bp.get("/")
@login_required
def index():
    page = page_of(services.list_query())
    units = db.session.scalars(visible_units()).all()
    return render_template(
        "movements/index.html",
        page=page,
        movements=page.items,
        editable_units=[u for u in units if can_edit_unit(u.id)],
    )


@bp.route("/new", methods=["GET", "POST"])
@office_required
@once
def create():
    return _create(None)


@bp.route("/units/<int:unit_id>/new", methods=["GET", "POST"])
@login_required
@once
def create_for_unit(unit_id: int):
    require_unit_edit(unit_id)
    return _create(get_unit_or_404(unit_id))


def _create(unit):
    form = _form()
    if form.validate_on_submit():
        outcome = attempt(
            services.create_movement,
            current_user.organization_id,
            unit.id if unit else None,
            form.movement_data(),
            form.unit_ids.data if unit is None else [],
            form.award_title_ids.data,
            current_user,
            form=form,
        )
        if outcome.ok:
            flash(_("Đã phát động phong trào thi đua."), "success")
            return redirect(url_for("movements.detail", movement_id=outcome.value.id))
    return render_template("movements/form.html", form=form, unit=unit, movement=None)


@bp.get("/<int:movement_id>")
@login_required
def detail(movement_id: int):
    movement = services.get_visible_or_404(movement_id)
    shown = request.args.get("show") if request.args.get("show") in SHOWN else SHOWN[0]
    queries = {
        "exemplars": lambda: services.exemplars_query(movement),
        "activities": lambda: services.activities_query(movement),
        "awards": lambda: award_links.awards_query(movement, current_user),
    }
    query = queries[shown]()
    return render_template(
        "movements/detail.html",
        movement=movement,
        shown=shown,
        page=page_of(query),
        can_manage=services.can_manage(movement, current_user),
    )


@bp.route("/<int:movement_id>/edit", methods=["GET", "POST"])
@login_required
def edit(movement_id: int):
    movement = services.get_manageable_or_404(movement_id, current_user)
    form = _form(movement)
    if request.method == "GET":
        form.unit_ids.data = [link.unit_id for link in movement.participant_links]
        form.award_title_ids.data = [link.award_title_id for link in movement.title_links]
    if form.validate_on_submit() and (
        attempt_edit(
            movement,
            services.save_movement,
            movement,
            form.movement_data(),
            form.unit_ids.data,
            form.award_title_ids.data,
            form=form,
        ).ok
    ):
        flash(_("Đã cập nhật phong trào thi đua."), "success")
        return redirect(url_for("movements.detail", movement_id=movement.id))
    return render_template("movements/form.html", form=form, unit=movement.unit, movement=movement)


@bp.route("/<int:movement_id>/review", methods=["GET", "POST"])
@login_required
def review(movement_id: int):
    movement = services.get_manageable_or_404(movement_id, current_user)
    form = ReviewForm(obj=movement)
    if request.method == "GET" and movement.review_kind:
        form.review_kind.data = movement.review_kind.value
    if form.validate_on_submit() and (
        attempt_edit(
            movement,
            services.close_movement,
            movement,
            ReviewKind(form.review_kind.data),
            form.review_date.data,
            form.review_summary.data,
            request.files.get("document"),
            form=form,
        ).ok
    ):
        flash(_("Đã ghi kết quả sơ kết, tổng kết phong trào."), "success")
        return redirect(url_for("movements.detail", movement_id=movement.id))
    return render_template("movements/review.html", form=form, movement=movement)


@bp.get("/<int:movement_id>/document")
@login_required
def document(movement_id: int):
    movement = services.get_visible_or_404(movement_id)
    path = services.document_path(movement)
    if not movement.document_stored_name or not path.is_file():
        abort(404)
    response = send_file(
        path,
        mimetype=services.document_content_type(movement),
        as_attachment=True,
        download_name=movement.document_name,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response
