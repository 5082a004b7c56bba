"""Difficulty pages: the units' list, the Office's open queue, raise, answer, close."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.actions import attempt, attempt_edit
from portal.difficulties import services
from portal.difficulties.forms import AnswerForm, DifficultyFilterForm, DifficultyForm
from portal.difficulties.models import Difficulty
from portal.extensions import db
from portal.fields import filter_years
from portal.listing import filter_args, page_of
from portal.submissions import once
from portal.tenancy import (
    can_edit_unit,
    get_editable_or_404,
    get_scoped_or_404,
    get_unit_or_404,
    office_required,
    require_unit_edit,
    visible_units,
)

bp = Blueprint("difficulties", __name__, url_prefix="/difficulties", template_folder="templates")


@bp.get("/")
@login_required
def index():
    units = db.session.scalars(visible_units()).all()
    form = DifficultyFilterForm().setup(filter_years(current_user.organization_id), units)
    page = page_of(services.list_query(form.filters()))
    return render_template(
        "difficulties/index.html",
        form=form,
        page=page,
        difficulties=page.items,
        editable_units=[u for u in units if can_edit_unit(u.id)],
        show_unit_filter=len(units) > 1,
        filter_args=filter_args(),
    )


@bp.get("/open")
@office_required
def office_queue():
    page = page_of(services.open_queue_query())
    return render_template("difficulties/queue.html", page=page, difficulties=page.items)


@bp.route("/units/<int:unit_id>/new", methods=["GET", "POST"])
@login_required
@once
def create(unit_id: int):
    require_unit_edit(unit_id)
    unit = get_unit_or_404(unit_id)
    form = DifficultyForm()
    if form.validate_on_submit():
        outcome = attempt(
            services.raise_difficulty,
            unit_id,
            form.title.data,
            form.description.data,
            current_user,
            request.files.getlist("evidence"),
            form=form,
        )
        if outcome.ok:
            flash(_("Đã gửi khó khăn, vướng mắc đến Sở."), "success")
            return redirect(url_for("difficulties.detail", difficulty_id=outcome.value.id))
    return render_template("difficulties/form.html", form=form, unit=unit, difficulty=None)


@bp.get("/<int:difficulty_id>")
@login_required
def detail(difficulty_id: int):
    difficulty = get_scoped_or_404(Difficulty, difficulty_id)
    return _render_detail(difficulty)


def _render_detail(difficulty: Difficulty, answer_form: AnswerForm | None = None):
    if answer_form is None:
        answer_form = AnswerForm(formdata=None, answer=difficulty.answer)
    return render_template(
        "difficulties/detail.html",
        difficulty=difficulty,
        attachments=services.evidence_of(difficulty),
        can_edit=can_edit_unit(difficulty.unit_id),
        answer_form=answer_form,
    )


@bp.route("/<int:difficulty_id>/edit", methods=["GET", "POST"])
@login_required
def edit(difficulty_id: int):
    difficulty = get_editable_or_404(Difficulty, difficulty_id)
    if not difficulty.is_editable:
        flash(_("Chỉ sửa được khó khăn, vướng mắc đang chờ trả lời."), "warning")
        return redirect(url_for("difficulties.detail", difficulty_id=difficulty.id))
    form = DifficultyForm(obj=difficulty)
    if form.validate_on_submit() and (
        attempt_edit(
            difficulty,
            services.update_difficulty,
            difficulty,
            form.title.data,
            form.description.data,
            current_user,
            request.files.getlist("evidence"),
            form=form,
        ).ok
    ):
        flash(_("Đã cập nhật khó khăn, vướng mắc."), "success")
        return redirect(url_for("difficulties.detail", difficulty_id=difficulty.id))
    return render_template(
        "difficulties/form.html",
        form=form,
        unit=difficulty.unit,
        difficulty=difficulty,
        attachments=services.evidence_of(difficulty),
    )


@bp.post("/<int:difficulty_id>/answer")
@office_required
def answer(difficulty_id: int):
    difficulty = get_scoped_or_404(Difficulty, difficulty_id)
    form = AnswerForm()
    if not form.validate_on_submit():
        return _render_detail(difficulty, form)
    return _change(
        difficulty,
        services.answer_difficulty,
        _("Đã gửi trả lời cho đơn vị."),
        current_user._get_current_object(),
        form.answer.data,
    )


def _change(difficulty: Difficulty, action, success: str, *args):
    if attempt(action, difficulty, *args).ok:
        flash(success, "success")
    return redirect(url_for("difficulties.detail", difficulty_id=difficulty.id))


@bp.post("/<int:difficulty_id>/close")
@login_required
def close(difficulty_id: int):
    difficulty = get_editable_or_404(Difficulty, difficulty_id)
    return _change(
        difficulty,
        services.close_difficulty,
        _("Đã đóng khó khăn, vướng mắc."),
        current_user._get_current_object(),
    )


@bp.post("/<int:difficulty_id>/delete")
@login_required
def delete(difficulty_id: int):
    difficulty = get_editable_or_404(Difficulty, difficulty_id)
    if not attempt(services.delete_difficulty, difficulty).ok:
        return redirect(url_for("difficulties.detail", difficulty_id=difficulty_id))
    flash(_("Đã rút khó khăn, vướng mắc."), "success")
    return redirect(url_for("difficulties.index"))
