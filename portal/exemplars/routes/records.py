"""Pages of an exemplar's fostering actions and evaluations (same blueprint)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.actions import attempt, attempt_edit
from portal.exemplars.evaluation import (
    criteria_set_for,
    delete_evaluation,
    evaluation_items,
    save_evaluation,
)
from portal.exemplars.forms import FosteringActionForm, evaluation_form
from portal.exemplars.fostering import delete_action, ensure_followed, save_action
from portal.exemplars.models import (
    Exemplar,
    ExemplarEvaluation,
    FosteringAction,
    FosteringStatus,
    SupportType,
)
from portal.exemplars.routes.blueprint import bp
from portal.exemplars.routes.exemplars import with_evidence
from portal.exemplars.services import people_choices
from portal.formatting import today_vn
from portal.submissions import once
from portal.tenancy import get_editable_or_404


def _back(exemplar_id: int, anchor: str):
    return redirect(url_for("exemplars.detail", exemplar_id=exemplar_id) + anchor)


def _refuse_if_dropped(exemplar: Exemplar):
    if not attempt(ensure_followed, exemplar).ok:
        return _back(exemplar.id, "")
    return None


@bp.route("/<int:exemplar_id>/actions/new", methods=["GET", "POST"])
@login_required
@once
def action_new(exemplar_id: int):
    exemplar = get_editable_or_404(Exemplar, exemplar_id)
    return _action_form(exemplar, None)


@bp.route("/actions/<int:action_id>/edit", methods=["GET", "POST"])
@login_required
def action_edit(action_id: int):
    action = get_editable_or_404(FosteringAction, action_id)
    return _action_form(action.exemplar, action)


def _action_form(exemplar: Exemplar, action: FosteringAction | None):
    refused = _refuse_if_dropped(exemplar)
    if refused:
        return refused
    form = FosteringActionForm(obj=action)
    form.set_people(people_choices([exemplar.unit_id]))
    if form.validate_on_submit():
        values = form.values()
        values["support_type"] = SupportType(values["support_type"])
        values["status"] = FosteringStatus(values["status"])
        saved = attempt_edit(
            action,
            with_evidence,
            "fostering_action",
            lambda: save_action(exemplar, action=action, **values),
            form=form,
        )
        if saved.ok:
            flash(_("Đã lưu hoạt động bồi dưỡng."), "success")
            return _back(exemplar.id, "#boi-duong")
    return render_template(
        "exemplars/action_form.html", form=form, exemplar=exemplar, action=action
    )


@bp.post("/actions/<int:action_id>/delete")
@login_required
def action_delete(action_id: int):
    action = get_editable_or_404(FosteringAction, action_id)
    return _delete(action, delete_action, _("Đã xóa hoạt động bồi dưỡng."), "#boi-duong")


def _delete(record, delete: Callable, message: str, anchor: str):
    """Delete an action or an evaluation (refused once the exemplar is dropped)."""
    exemplar_id = record.exemplar_id
    if attempt(delete, record).ok:
        flash(message, "success")
    return _back(exemplar_id, anchor)


def _date_from_form() -> date | None:
    try:
        return date.fromisoformat(request.form.get("evaluated_on", ""))
    except ValueError:
        return None


@bp.route("/<int:exemplar_id>/evaluations/new", methods=["GET", "POST"])
@login_required
@once
def evaluation_new(exemplar_id: int):
    exemplar = get_editable_or_404(Exemplar, exemplar_id)
    refused = _refuse_if_dropped(exemplar)
    if refused:
        return refused
    # The items are those in force on the evaluation's date (today until one is sent).
    criteria_set = criteria_set_for(exemplar, _date_from_form() or today_vn())
    items = list(criteria_set.items) if criteria_set else []
    form = evaluation_form(items)
    return _evaluation_form(exemplar, None, form, criteria_set)


@bp.route("/evaluations/<int:evaluation_id>/edit", methods=["GET", "POST"])
@login_required
def evaluation_edit(evaluation_id: int):
    evaluation = get_editable_or_404(ExemplarEvaluation, evaluation_id)
    refused = _refuse_if_dropped(evaluation.exemplar)
    if refused:
        return refused
    items = evaluation_items(evaluation)
    scores = {f"item_{s.criteria_item_id}": s.score for s in evaluation.scores}
    form = evaluation_form(items, obj=evaluation, **scores)
    return _evaluation_form(evaluation.exemplar, evaluation, form, evaluation.criteria_set)


def _evaluation_form(exemplar, evaluation, form, criteria_set):
    if form.validate_on_submit():
        saved = attempt_edit(
            evaluation,
            with_evidence,
            "exemplar_evaluation",
            lambda: save_evaluation(
                exemplar,
                evaluation=evaluation,
                evaluated_on=form.evaluated_on.data,
                evaluator=current_user._get_current_object() if evaluation is None else None,
                aspects=form.aspects(),
                item_scores=form.item_scores(),
                difficulties=form.difficulties.data or "",
                help_given=form.help_given.data or "",
            ),
            form=form,
        )
        if saved.ok:
            flash(_("Đã lưu kết quả đánh giá."), "success")
            return _back(exemplar.id, "#danh-gia")
    return render_template(
        "exemplars/evaluation_form.html",
        form=form,
        exemplar=exemplar,
        evaluation=evaluation,
        criteria_set=criteria_set,
    )


@bp.post("/evaluations/<int:evaluation_id>/delete")
@login_required
def evaluation_delete(evaluation_id: int):
    evaluation = get_editable_or_404(ExemplarEvaluation, evaluation_id)
    return _delete(evaluation, delete_evaluation, _("Đã xóa kết quả đánh giá."), "#danh-gia")
