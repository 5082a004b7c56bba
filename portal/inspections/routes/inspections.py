"""Inspection records: list, record, read, edit before sign-off, sign off, correct."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from portal.accounts.models import User
from portal.actions import attempt, attempt_edit
from portal.evidence.models import Attachment
from portal.evidence.services import (
    attachments_for,
    delete_attachment,
    save_uploads,
)
from portal.extensions import db
from portal.fields import ConfirmForm
from portal.formatting import today_vn
from portal.inspections import access
from portal.inspections import services as records
from portal.inspections.forms import NONE, CorrectionForm, InspectionFilterForm, InspectionForm
from portal.inspections.locking import record_locked
from portal.inspections.models import (
    Inspection,
    SupervisionPlanItem,
)
from portal.inspections.queries import (
    finding_counts,
    inspections_select,
    overdue_count,
    unit_plan_items,
)
from portal.inspections.routes.blueprint import bp
from portal.listing import page_of
from portal.organizations.models import Unit
from portal.periods.services import organization_years
from portal.rules import LockedError
from portal.submissions import once
from portal.tenancy import get_scoped_or_404, get_unit_or_404, visible_unit_ids, visible_units

# Globals, not context: the macros of _macros.html and _blocks.html use them
# wherever they are imported (e.g. in the workspace block).
bp.add_app_template_global(records.is_overdue, "finding_overdue")
bp.add_app_template_global(records.open_findings_for_unit, "open_findings_for_unit")
bp.add_app_template_global(records.OPEN_FINDINGS_SHOWN, "open_findings_shown")


def refuse(message: str) -> None:
    """403 with the reason shown on the error page."""
    flash(message, "danger")
    abort(403)


def refuse_if_locked(inspection: Inspection) -> None:
    """A signed-off record is final: the page says when and by whom it was signed, and
    offers the dated correction instead."""
    if inspection.is_signed_off:
        detail = url_for("inspections.detail", inspection_id=inspection.id)
        raise LockedError(
            record_locked().message,
            since=inspection.signed_off_at,
            by=inspection.signed_off_by.full_name if inspection.signed_off_by else "",
            way=(f"{detail}#corrections", _("Thêm đính chính")),
            back=(detail, _("Xem biên bản")),
        )


def require_editable(inspection: Inspection) -> None:
    """403 unless the user may edit the record and it is not signed off yet."""
    if not access.can_edit_record(current_user, inspection):
        abort(403)
    refuse_if_locked(inspection)


def save_evidence(inspection: Inspection) -> list[Attachment]:
    """The files of the request's "evidence" field, filed with the inspection."""
    return save_uploads(
        request.files.getlist("evidence"),
        inspection.unit_id,
        records.EVIDENCE_OWNER,
        inspection.id,
        current_user,
    )


@bp.get("/")
@login_required
def index():
    filters = InspectionFilterForm().filters()
    visible = visible_unit_ids()
    if filters.unit_id is None and len(visible) == 1 and not current_user.is_office:
        filters.unit_id = next(iter(visible))  # a unit's own page
    unit = get_unit_or_404(filters.unit_id) if filters.unit_id else None
    page = page_of(inspections_select(filters))
    today = today_vn()
    return render_template(
        "inspections/index.html",
        page=page,
        filters=filters,
        unit=unit,
        counts=finding_counts([i.id for i in page.items], today),
        open_findings=records.open_findings_for_unit(unit.id) if unit else None,
        overdue=overdue_count(today),
        units=db.session.scalars(visible_units()).all(),
        years=organization_years(current_user.organization_id, today),
        may_record=bool(access.recordable_unit_ids(current_user)),
        today=today,
    )


def _fill_choices(form: InspectionForm, unit: Unit) -> None:
    form.member_ids.choices = [
        SelectChoice(u.id, u.full_name) for u in records.member_candidates(unit)
    ]
    items = unit_plan_items(unit.id)
    form.plan_item_id.choices = [NONE] + [
        SelectChoice(i.id, _("Tháng %(month)s/%(year)s", month=i.month, year=i.year)) for i in items
    ]


def _record_values(form: InspectionForm) -> dict:
    return {
        "inspection_date": form.inspection_date.data,
        "scope": form.scope.data or [],
        "method": form.method.data,
        "summary": form.summary.data or "",
        "member_ids": form.member_ids.data or [],
        "plan_item_id": form.plan_item_id.data or None,
    }


def _prefill(form: InspectionForm, plan_item: SupervisionPlanItem | None) -> None:
    form.inspection_date.data = today_vn()
    if plan_item is not None:
        form.plan_item_id.data = plan_item.id
        form.scope.data = list(plan_item.scope)
        form.member_ids.data = sorted(plan_item.member_ids)
    elif current_user.id in {c.value for c in form.member_ids.choices}:
        form.member_ids.data = [current_user.id]


@bp.route("/new", methods=["GET", "POST"])
@login_required
@once
def new():
    recordable = access.recordable_unit_ids(current_user)
    plan_item_id = request.values.get("plan_item_id", type=int)
    plan_item = get_scoped_or_404(SupervisionPlanItem, plan_item_id) if plan_item_id else None
    unit_id = plan_item.unit_id if plan_item else request.values.get("unit_id", type=int)
    if unit_id is None:
        if not recordable:
            abort(403)
        units = db.session.scalars(
            db.select(Unit).where(Unit.id.in_(recordable)).order_by(Unit.name)
        ).all()
        return render_template("inspections/choose_unit.html", units=units)
    unit = get_unit_or_404(unit_id)
    if unit.id not in recordable:
        abort(403)
    form = InspectionForm()
    _fill_choices(form, unit)
    if request.method == "GET":
        _prefill(form, plan_item)
    elif form.validate_on_submit():
        year = form.inspection_date.data.year
        if not access.can_record(current_user, unit.id, year):
            form.inspection_date.errors = [
                _("Bạn không được phân công phụ trách đơn vị này năm %(year)s.", year=year)
            ]
        else:
            recorded = attempt(_record_with_evidence, current_user, unit, form, form=form)
            if recorded.ok:
                flash(_("Đã ghi biên bản kiểm tra."), "success")
                return redirect(url_for(".detail", inspection_id=recorded.value.id))
    return render_template("inspections/form.html", form=form, unit=unit, inspection=None)


def _record_with_evidence(actor: User, unit: Unit, form: InspectionForm) -> Inspection:
    inspection = records.record_inspection(actor, unit, **_record_values(form))
    save_evidence(inspection)
    return inspection


def _update_with_evidence(inspection: Inspection, form: InspectionForm) -> None:
    records.update_inspection(inspection, **_record_values(form))
    save_evidence(inspection)


@bp.get("/<int:inspection_id>")
@login_required
def detail(inspection_id: int):
    inspection = get_scoped_or_404(Inspection, inspection_id)
    return _render_detail(inspection)


def _render_detail(inspection: Inspection, correction_form: CorrectionForm | None = None):
    may_edit = access.can_edit_record(current_user, inspection)
    if correction_form is None and may_edit and inspection.is_signed_off:
        correction_form = _correction_form(inspection)
    return render_template(
        "inspections/detail.html",
        inspection=inspection,
        attachments=attachments_for(records.EVIDENCE_OWNER, inspection.id),
        may_edit=may_edit,
        may_sign_off=access.can_sign_off(current_user, inspection),
        correction_form=correction_form,
        confirm=ConfirmForm(),
        today=today_vn(),
    )


def _correction_form(inspection: Inspection) -> CorrectionForm:
    form = CorrectionForm()
    form.finding_id.choices = [SelectChoice(0, _("Toàn bộ biên bản"))] + [
        SelectChoice(f.id, _("Kết luận %(n)s", n=n))
        for n, f in enumerate(inspection.findings, start=1)
    ]
    return form


@bp.route("/<int:inspection_id>/edit", methods=["GET", "POST"])
@login_required
def edit(inspection_id: int):
    inspection = get_scoped_or_404(Inspection, inspection_id)
    require_editable(inspection)
    # Stored values only on first display: unticked checkboxes mean "none".
    form = InspectionForm(obj=inspection if request.method == "GET" else None)
    _fill_choices(form, inspection.unit)
    if request.method == "GET":
        form.member_ids.data = sorted(inspection.member_ids)
        form.plan_item_id.data = inspection.plan_item_id or 0
    elif form.validate_on_submit():
        saved = attempt_edit(inspection, _update_with_evidence, inspection, form, form=form)
        if saved.ok:
            flash(_("Đã lưu biên bản kiểm tra."), "success")
            return redirect(url_for(".detail", inspection_id=inspection.id))
    return render_template(
        "inspections/form.html", form=form, unit=inspection.unit, inspection=inspection
    )


@bp.post("/<int:inspection_id>/delete")
@login_required
def delete(inspection_id: int):
    inspection = get_scoped_or_404(Inspection, inspection_id)
    require_editable(inspection)
    unit_id = inspection.unit_id
    if attempt(records.delete_inspection, inspection).ok:
        flash(_("Đã xóa biên bản kiểm tra."), "success")
    return redirect(url_for(".index", unit_id=unit_id))


@bp.post("/<int:inspection_id>/sign-off")
@login_required
def sign_off(inspection_id: int):
    inspection = get_scoped_or_404(Inspection, inspection_id)
    refuse_if_locked(inspection)
    if not access.can_sign_off(current_user, inspection):
        refuse(_("Chỉ trưởng đoàn kiểm tra hoặc Văn phòng Sở được ký xác nhận biên bản."))
    if attempt(records.sign_off, inspection, current_user).ok:
        flash(_("Đã ký xác nhận biên bản. Từ nay biên bản không thể sửa."), "success")
    return redirect(url_for(".detail", inspection_id=inspection.id))


@bp.post("/<int:inspection_id>/corrections")
@login_required
@once
def add_correction(inspection_id: int):
    inspection = get_scoped_or_404(Inspection, inspection_id)
    if not access.can_edit_record(current_user, inspection):
        abort(403)
    if not inspection.is_signed_off:
        flash(_("Biên bản chưa ký xác nhận: hãy sửa trực tiếp thay vì thêm đính chính."), "warning")
        return redirect(url_for(".edit", inspection_id=inspection.id))
    form = _correction_form(inspection)
    if (
        form.validate_on_submit()
        and attempt(
            records.add_correction,
            inspection,
            current_user,
            form.text.data,
            form.finding_id.data or None,
            form=form,
        ).ok
    ):
        flash(_("Đã thêm đính chính."), "success")
        return redirect(url_for(".detail", inspection_id=inspection.id, _anchor="corrections"))
    return _render_detail(inspection, correction_form=form)


@bp.post("/<int:inspection_id>/evidence")
@login_required
def upload_evidence(inspection_id: int):
    inspection = get_scoped_or_404(Inspection, inspection_id)
    require_editable(inspection)
    saved = attempt(save_evidence, inspection)
    if saved.ok and saved.value:
        flash(_("Đã tải lên %(n)s tệp.", n=len(saved.value)), "success")
    return redirect(url_for(".detail", inspection_id=inspection.id))


@bp.post("/<int:inspection_id>/evidence/<int:attachment_id>/delete")
@login_required
def delete_evidence(inspection_id: int, attachment_id: int):
    inspection = get_scoped_or_404(Inspection, inspection_id)
    attachment = get_scoped_or_404(Attachment, attachment_id)
    if attachment.owner_type != records.EVIDENCE_OWNER or attachment.owner_id != inspection.id:
        abort(404)
    require_editable(inspection)
    name = attachment.original_name
    if attempt(delete_attachment, attachment).ok:
        flash(_("Đã xóa tệp %(name)s.", name=name), "success")
    return redirect(url_for(".detail", inspection_id=inspection.id))
