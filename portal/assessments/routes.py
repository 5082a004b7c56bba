"""Pages of the self-assessment: the units x years list, filling in, the Office's
review side by side, the state changes and the Excel export."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from portal.accounts.models import Role
from portal.actions import attempt_edit
from portal.assessments import services
from portal.assessments.exports import assessment_workbook
from portal.assessments.forms import NewAssessmentForm, OfficeScoresForm, SelfScoresForm
from portal.assessments.matrix import build_matrix, matrix_workbook
from portal.assessments.models import EVIDENCE_OWNER, SelfAssessment
from portal.assessments.scoring import format_percent, format_score, format_signed
from portal.documents.excel import send_workbook
from portal.evidence.services import (
    attachments_by_owner,
    save_uploads,
)
from portal.extensions import db
from portal.reviews.locks import require_editable
from portal.reviews.services import can_edit, can_review_scores, is_reviewer, timeline
from portal.reviews.views import (
    no_period_page,
    organization_periods,
    review_panel,
    run_transition,
    selected_period,
    units_page,
)
from portal.reviews.yearly import YearlyRecords, create_yearly, yearly_index
from portal.rules import RuleError
from portal.submissions import once
from portal.tenancy import (
    get_scoped_or_404,
    roles_required,
    visible_units,
)

bp = Blueprint("assessments", __name__, url_prefix="/assessments", template_folder="templates")
KIND = "self_assessment"


@bp.app_template_global()
def assessment_format(value, kind: str = "score") -> str:
    """Scores, differences and percentages with a Vietnamese decimal comma."""
    return {"score": format_score, "signed": format_signed, "percent": format_percent}[kind](value)


RECORDS = YearlyRecords(
    model=SelfAssessment,
    kind=KIND,
    blueprint="assessments",
    id_arg="assessment_id",
    title=_l("Tự đánh giá hằng năm"),
    heading=_l("Tự đánh giá công tác phát hiện, bồi dưỡng điển hình"),
    intro=_l("Mỗi đơn vị tự đánh giá mỗi năm một lần theo bộ tiêu chuẩn tập thể của kỳ."),
    create_label=_l("Lập bản tự đánh giá"),
)


@bp.get("/")
@login_required
def index():
    return yearly_index(RECORDS, current_user, NewAssessmentForm())


@bp.post("/new")
@login_required
@once
def create():
    return create_yearly(
        RECORDS,
        current_user,
        NewAssessmentForm(),
        services.create_assessment,
        lambda record: _("Đã tạo bản tự đánh giá năm %(year)s.", year=record.year),
    )


@bp.get("/<int:assessment_id>")
@login_required
def view(assessment_id: int):
    assessment = get_scoped_or_404(SelfAssessment, assessment_id)
    comparison = services.compare(assessment)
    reviewer = is_reviewer(current_user, assessment.unit_id)
    return render_template(
        "assessments/view.html",
        assessment=assessment,
        comparison=comparison,
        evidence=_evidence_by_item(assessment),
        show_office=reviewer or comparison.office_total is not None,
        can_edit=can_edit(current_user, assessment),
        can_review=can_review_scores(current_user, assessment),
        **review_panel(assessment, current_user, ".transition", assessment_id=assessment.id),
        missing=services.unscored_required_titles(assessment),
    )


@bp.route("/<int:assessment_id>/edit", methods=["GET", "POST"])
@login_required
def edit(assessment_id: int):
    assessment = get_scoped_or_404(SelfAssessment, assessment_id)
    require_editable(current_user, assessment)
    return _scores_page(
        assessment,
        SelfScoresForm,
        _self_form_data,
        _save_self,
        "assessments/edit.html",
        _("Đã lưu bản tự đánh giá."),
    )


@bp.route("/<int:assessment_id>/review", methods=["GET", "POST"])
@login_required
def review(assessment_id: int):
    assessment = get_scoped_or_404(SelfAssessment, assessment_id)
    if not can_review_scores(current_user, assessment):
        abort(403)
    return _scores_page(
        assessment,
        OfficeScoresForm,
        _office_form_data,
        _save_office,
        "assessments/review.html",
        _("Đã lưu điểm thẩm định."),
    )


@bp.post("/<int:assessment_id>/actions/<action>")
@login_required
def transition(assessment_id: int, action: str):
    assessment = get_scoped_or_404(SelfAssessment, assessment_id)
    return run_transition(assessment, current_user, action, RECORDS.view_url(assessment))


@bp.get("/<int:assessment_id>/export.xlsx")
@login_required
def export(assessment_id: int):
    assessment = get_scoped_or_404(SelfAssessment, assessment_id)
    workbook = assessment_workbook(assessment, services.compare(assessment), timeline(assessment))
    return send_workbook(
        workbook, f"tu-danh-gia-{assessment.year}-don-vi-{assessment.unit_id}.xlsx"
    )


@bp.get("/matrix")
@roles_required(Role.OFFICE_ADMIN, Role.VIEWER, Role.COUNCIL_MEMBER)
def matrix():
    period = selected_period(current_user)
    if period is None:
        return no_period_page()
    page, search = units_page(current_user)
    return render_template(
        "assessments/matrix.html",
        period=period,
        periods=organization_periods(),
        page=page,
        search=search,
        rows=build_matrix(page.items, period),
    )


@bp.get("/matrix.xlsx")
@roles_required(Role.OFFICE_ADMIN, Role.VIEWER, Role.COUNCIL_MEMBER)
def matrix_export():
    period = selected_period(current_user)
    if period is None:
        return no_period_page()
    units = db.session.scalars(visible_units(current_user)).all()
    workbook = matrix_workbook(build_matrix(units, period), period)
    return send_workbook(workbook, f"tinh-hinh-nop-{period.name}.xlsx")


def _evidence_by_item(assessment: SelfAssessment) -> dict[int, list]:
    return attachments_by_owner(EVIDENCE_OWNER, [item.id for item in assessment.items])


def _scores_page(assessment: SelfAssessment, form_class, initial, save, template, saved: str):
    """The unit's or the Office's scores form: filled from `initial` on GET; on POST,
    field and range errors beside each score, else `save` (False: stay) through attempt."""
    items = {item.id: item for item in assessment.items}
    if request.method == "GET":
        form = form_class(data=initial(assessment))
    else:
        form = form_class()
        valid = form.validate()
        saving = partial(attempt_edit, assessment, save, assessment, form, current=initial)
        if _check_scores(form, items) and valid and saving(form=form).value:
            flash(saved, "success")
            return redirect(url_for(".view", assessment_id=assessment.id))
    return render_template(
        template,
        assessment=assessment,
        form=form,
        rows=_rows(form, items),
        evidence=_evidence_by_item(assessment),
    )


def _self_form_data(assessment: SelfAssessment) -> dict:
    return {
        "lock_version": assessment.lock_version,
        "general_comment": assessment.general_comment,
        "items": [
            {"item_id": item.id, "score": item.self_score, "comment": item.self_comment}
            for item in assessment.items
        ],
    }


def _office_form_data(assessment: SelfAssessment) -> dict:
    """The Office starts from the unit's scores and changes where it disagrees."""
    return {
        "lock_version": assessment.lock_version,
        "office_comment": assessment.office_comment,
        "items": [
            {
                "item_id": item.id,
                "score": item.office_score if item.office_score is not None else item.self_score,
                "comment": item.office_comment,
            }
            for item in assessment.items
        ],
    }


def _rows(form, items: dict) -> list[tuple]:
    """(form entry, assessment item) pairs; a posted id of another assessment is a 400."""
    rows = []
    for entry in form.items:
        item = items.get(_int(entry.form.item_id.data))
        if item is None:
            abort(400)
        rows.append((entry.form, item))
    return rows


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _check_scores(form, items: dict) -> bool:
    """Put a range error next to each score outside 0..max of its criterion."""
    ok = True
    for entry, item in _rows(form, items):
        problem = services.check_score(item, entry.score.data)
        if problem:
            entry.score.errors = [*entry.score.errors, problem]
            ok = False
    return ok


def _entries(form) -> list[services.ScoreEntry]:
    return [
        services.ScoreEntry(
            item_id=_int(entry.form.item_id.data),
            score=entry.form.score.data,
            comment=entry.form.comment.data or "",
        )
        for entry in form.items
    ]


def _save_office(assessment: SelfAssessment, form: OfficeScoresForm) -> bool:
    services.save_office_scores(assessment, _entries(form), form.office_comment.data or "")
    return True


def _save_self(assessment: SelfAssessment, form: SelfScoresForm) -> bool:
    """Scores, comments and new files; False (with the message shown) when a file is refused."""
    services.save_self_scores(assessment, _entries(form), form.general_comment.data or "")
    items = {item.id: item for item in assessment.items}
    for entry in form.items:
        item = items[_int(entry.form.item_id.data)]
        files = request.files.getlist(entry.form.evidence.name)
        try:
            save_uploads(files, assessment.unit_id, EVIDENCE_OWNER, item.id, current_user)
        except RuleError as error:
            db.session.rollback()
            entry.form.evidence.errors = [str(error), _("Vui lòng chọn lại tệp.")]
            return False
    return True
