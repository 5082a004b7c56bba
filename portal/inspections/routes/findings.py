"""Findings: recorded with an inspection, answered by the unit, verified by the
inspector; the list across units (overdue ones included) and its Excel export."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from portal.accounts.models import User
from portal.actions import attempt, attempt_edit
from portal.documents.excel import xlsx_response
from portal.evidence.services import (
    attachments_by_owner,
    save_uploads,
)
from portal.extensions import db
from portal.fields import ConfirmForm
from portal.formatting import today_vn
from portal.inspections import access, findings
from portal.inspections import services as records
from portal.inspections.access import unit_people_ids
from portal.inspections.forms import NONE, AnswerForm, FindingFilterForm, FindingForm, VerifyForm
from portal.inspections.models import FindingSeverity, FindingStatus, Inspection, InspectionFinding
from portal.inspections.queries import FindingFilters, findings_select, findings_sheet
from portal.inspections.routes.blueprint import bp
from portal.inspections.routes.inspections import require_editable
from portal.listing import page_of
from portal.models_base import in_ids
from portal.periods.services import organization_years
from portal.rules import RuleError
from portal.submissions import once
from portal.tenancy import get_scoped_or_404, get_unit_or_404, visible_units


def _owner_choices(form: FindingForm, inspection: Inspection) -> None:
    people = db.session.scalars(
        db.select(User)
        .where(in_ids(User.id, unit_people_ids(inspection.unit)), User.active.is_(True))
        .order_by(User.full_name)
    ).all()
    form.action_owner_user_id.choices = [NONE] + [SelectChoice(u.id, u.full_name) for u in people]


@bp.route("/<int:inspection_id>/findings/new", methods=["GET", "POST"])
@login_required
@once
def finding_new(inspection_id: int):
    inspection = get_scoped_or_404(Inspection, inspection_id)
    require_editable(inspection)
    form = FindingForm()
    _owner_choices(form, inspection)
    if (
        form.validate_on_submit()
        and attempt(findings.add_finding, inspection, form.values(), form=form).ok
    ):
        flash(_("Đã thêm kết luận kiểm tra."), "success")
        if request.form.get("another"):
            return redirect(url_for(".finding_new", inspection_id=inspection.id))
        return redirect(url_for(".detail", inspection_id=inspection.id, _anchor="findings"))
    return render_template(
        "inspections/finding_form.html", form=form, inspection=inspection, finding=None
    )


@bp.route("/findings/<int:finding_id>/edit", methods=["GET", "POST"])
@login_required
def finding_edit(finding_id: int):
    finding = get_scoped_or_404(InspectionFinding, finding_id)
    inspection = finding.inspection
    require_editable(inspection)
    # The stored values fill the form only when it is first shown: a submitted
    # form stands on its own (an unticked or emptied field means "none").
    form = FindingForm(obj=finding if request.method == "GET" else None)
    _owner_choices(form, inspection)
    if request.method == "GET":
        form.action_owner_user_id.data = finding.action_owner_user_id or 0
    elif (
        form.validate_on_submit()
        and attempt_edit(finding, findings.update_finding, finding, form.values(), form=form).ok
    ):
        flash(_("Đã lưu kết luận kiểm tra."), "success")
        return redirect(url_for(".detail", inspection_id=inspection.id, _anchor="findings"))
    return render_template(
        "inspections/finding_form.html", form=form, inspection=inspection, finding=finding
    )


@bp.post("/findings/<int:finding_id>/delete")
@login_required
def finding_delete(finding_id: int):
    finding = get_scoped_or_404(InspectionFinding, finding_id)
    inspection = finding.inspection
    require_editable(inspection)
    if attempt(findings.delete_finding, finding).ok:
        flash(_("Đã xóa kết luận kiểm tra."), "success")
    return redirect(url_for(".detail", inspection_id=inspection.id, _anchor="findings"))


@bp.get("/findings/<int:finding_id>")
@login_required
def finding_detail(finding_id: int):
    finding = get_scoped_or_404(InspectionFinding, finding_id)
    return _render_finding(finding)


def _render_finding(finding, answer_form=None, verify_form=None):
    may_answer = access.can_answer(current_user, finding)
    may_verify = access.can_verify(current_user, finding) and (
        access.may_close(finding) or access.may_send_back(finding)
    )
    responses = finding.responses
    return render_template(
        "inspections/finding.html",
        finding=finding,
        inspection=finding.inspection,
        responses=responses,
        files=_files_by_response([r.id for r in responses]),
        answer_form=answer_form or (AnswerForm() if may_answer else None),
        verify_form=verify_form or (VerifyForm() if may_verify else None),
        may_send_back=access.may_send_back(finding),
        may_delete_files=finding.status == FindingStatus.ANSWERED
        and access.answers_for_unit(current_user, finding),
        confirm=ConfirmForm(),
        today=today_vn(),
    )


def _files_by_response(response_ids: list[int]) -> dict[int, list]:
    return attachments_by_owner(records.RESPONSE_EVIDENCE_OWNER, response_ids)


def _answer_with_evidence(finding: InspectionFinding, actor: User, body: str) -> None:
    """The unit's answer (by `actor`) and the files that show it."""
    response = findings.answer(finding, actor, body)
    try:
        save_uploads(
            request.files.getlist("evidence"),
            finding.unit_id,
            records.RESPONSE_EVIDENCE_OWNER,
            response.id,
            actor,
        )
    except RuleError as error:  # a refused file is shown under the answer
        raise RuleError(error.message, field="body") from error


@bp.post("/findings/<int:finding_id>/answer")
@login_required
def finding_answer(finding_id: int):
    finding = get_scoped_or_404(InspectionFinding, finding_id)
    if not access.answers_for_unit(current_user, finding):
        abort(403)
    form = AnswerForm()
    if form.validate_on_submit():
        answered = attempt(_answer_with_evidence, finding, current_user, form.body.data, form=form)
        if answered.ok:
            flash(_("Đã gửi trả lời của đơn vị."), "success")
            return redirect(url_for(".finding_detail", finding_id=finding.id))
    return _render_finding(finding, answer_form=form)


@bp.post("/findings/<int:finding_id>/verify")
@login_required
def finding_verify(finding_id: int):
    finding = get_scoped_or_404(InspectionFinding, finding_id)
    if not access.can_verify(current_user, finding):
        abort(403)
    form = VerifyForm()
    if form.validate_on_submit():
        if form.decision.data == "close":
            verify, message = findings.close, _("Đã xác minh và đóng kết luận.")
        else:
            verify, message = findings.send_back, _("Đã trả lại kết luận cho đơn vị.")
        if attempt(verify, finding, current_user, form.comment.data or "", form=form).ok:
            flash(message, "success")
            return redirect(url_for(".finding_detail", finding_id=finding.id))
    return _render_finding(finding, verify_form=form)


def _finding_filters() -> FindingFilters:
    filters = FindingFilterForm().filters()
    if filters.unit_id:
        get_unit_or_404(filters.unit_id)
    return filters


@bp.get("/findings")
@login_required
def findings_index():
    filters = _finding_filters()
    today = today_vn()
    page = page_of(findings_select(filters, today))
    return render_template(
        "inspections/findings.html",
        page=page,
        filters=filters,
        units=db.session.scalars(visible_units()).all(),
        years=organization_years(current_user.organization_id, today),
        today=today,
        statuses=FindingStatus.choices(),
        severities=FindingSeverity.choices(),
    )


@bp.get("/findings/export.xlsx")
@login_required
def findings_export():
    filters = _finding_filters()
    today = today_vn()
    rows = db.session.scalars(findings_select(filters, today)).all()
    return xlsx_response(
        f"ket-luan-kiem-tra-{today.isoformat()}.xlsx", [findings_sheet(rows, today)]
    )
