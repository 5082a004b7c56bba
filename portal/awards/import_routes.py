"""Import award decisions from Excel: the template, upload, preview every row's errors,
then confirm (the whole file or nothing). The Office's pages."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SubmitField

from portal.accounts.models import Role
from portal.actions import attempt
from portal.awards import import_store, importer
from portal.documents.excel import build_workbook, send_workbook
from portal.evidence.upload_limit import was_cut
from portal.extensions import login_manager
from portal.forms_base import PortalForm

bp = Blueprint("award_import", __name__, url_prefix="/awards/import", template_folder="templates")
EXAMPLE = [
    "125/QĐ-UBND",
    "15/03/2024",
    "Chủ tịch UBND tỉnh Quảng Bình",
    "Cấp tỉnh",
    "Nguyễn Văn Hùng",
    "Bằng khen của Chủ tịch UBND tỉnh",
    2023,
    "Phòng Môi trường",
    "Cá nhân",
    "Nguyễn Văn An",
    "Chuyên viên",
    1_800_000,
]


class AwardImportForm(PortalForm):
    file = FileField(
        _l("Tệp quyết định khen thưởng (Excel .xlsx)"),
        validators=[
            FileRequired(_l("Vui lòng chọn tệp.")),
            FileAllowed(["xlsx"], _l("Chỉ nhận tệp Excel (.xlsx).")),
        ],
    )
    submit = SubmitField(_l("Xem trước"))


@bp.before_request
def office_only():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.has_role(Role.OFFICE_ADMIN):
        abort(403)
    return None


@bp.get("/template.xlsx")
def template():
    workbook = build_workbook([(_("Quyết định khen thưởng"), importer.HEADINGS, [EXAMPLE])])
    return send_workbook(workbook, "mau-nhap-quyet-dinh-khen-thuong.xlsx")


def _read(upload) -> str:
    raw = importer.read_rows(upload.filename, upload.read())
    return import_store.PENDING.store(
        current_user.organization_id, current_user.id, upload.filename, raw
    )


@bp.route("/", methods=["GET", "POST"])
def upload():
    form = AwardImportForm()
    if form.validate_on_submit():
        if was_cut(form.file.data):
            mb = current_app.config["MAX_UPLOAD_MB"]
            form.file.errors = [_("Tệp vượt quá dung lượng cho phép (%(mb)s MB).", mb=mb)]
            return render_template("awards/history_import_upload.html", form=form)
        outcome = attempt(_read, form.file.data, form=form, default_field="file")
        if outcome.ok:
            return redirect(url_for("award_import.preview", token=outcome.value))
    return render_template("awards/history_import_upload.html", form=form)


def _stored(token: str) -> dict | None:
    return import_store.PENDING.load(token, current_user.organization_id, current_user.id)


@bp.get("/<token>")
def preview(token: str):
    payload = _stored(token) or abort(404)
    rows = importer.check_rows(current_user.organization_id, payload["rows"])
    errors = sum(1 for r in rows if not r.valid)
    return render_template(
        "awards/history_import_preview.html",
        token=token,
        filename=payload.get("filename", ""),
        rows=rows,
        error_count=errors,
        decision_count=len({r.decision_key for r in rows}),
    )


@bp.post("/<token>")
def confirm(token: str):
    payload = _stored(token)
    if payload is None:  # saved by a first confirmation, cancelled, or expired
        flash(_("Tệp này đã được nhập hoặc đã hết hạn; không có gì được lưu thêm."), "info")
        return redirect(url_for("award_history.search"))
    # Checked again: decisions may have been recorded since the preview.
    rows = importer.check_rows(current_user.organization_id, payload["rows"])
    outcome = attempt(importer.save, current_user, rows)
    if not outcome.ok:
        return redirect(url_for("award_import.preview", token=token))
    import_store.PENDING.discard(token)
    flash(
        _(
            "Đã nhập %(decisions)d quyết định với %(rows)d người, tập thể được khen thưởng.",
            decisions=len(outcome.value),
            rows=len(rows),
        ),
        "success",
    )
    return redirect(url_for("award_history.search"))


@bp.post("/<token>/cancel")
def cancel(token: str):
    _stored(token) or abort(404)
    import_store.PENDING.discard(token)
    flash(_("Đã hủy nhập tệp; không có gì được lưu."), "info")
    return redirect(url_for("award_import.upload"))
