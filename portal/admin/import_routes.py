"""Import staff from a file: upload, preview every row's errors, then confirm."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import Role
from portal.actions import DuplicateSubmitError, attempt
from portal.admin import staff_import
from portal.admin.blueprint import bp
from portal.admin.forms import ImportForm
from portal.documents.excel import xlsx_response
from portal.evidence.upload_limit import was_cut
from portal.extensions import db
from portal.organizations.models import Unit
from portal.tenancy import org_scoped


@bp.route("/users/import", methods=["GET", "POST"])
def import_users():
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        if was_cut(upload):
            mb = current_app.config["MAX_UPLOAD_MB"]
            form.file.errors = [_("Tệp vượt quá dung lượng cho phép (%(mb)s MB).", mb=mb)]
            return render_template("admin/import_upload.html", form=form)
        outcome = attempt(
            staff_import.upload, current_user, upload.filename, upload.read(), form=form
        )
        if outcome.ok:
            return redirect(url_for("admin.import_preview", token=outcome.value))
    return render_template("admin/import_upload.html", form=form)


@bp.get("/users/import/template.xlsx")
def import_template():
    """An empty staff list to fill in, with the organization's units and the roles
    written as the import reads them (the Office copies them, no typing mistakes)."""
    units = db.session.scalars(org_scoped(Unit).order_by(Unit.name)).all()
    headers = [_("Họ và tên"), "Email", _("Đơn vị"), _("Vai trò")]
    return xlsx_response(
        "mau-nhap-can-bo.xlsx",
        [
            (_("Danh sách cán bộ"), headers, []),
            (_("Đơn vị"), [_("STT"), _("Đơn vị")], list(enumerate((u.name for u in units), 1))),
            (
                _("Vai trò"),
                [_("Vai trò"), _("Mã")],
                [(str(r.label), r.value) for r in Role.in_organization()],
            ),
        ],
    )


def _stored(token: str) -> dict:
    payload = staff_import.PENDING.load(token, current_user.organization_id, current_user.id)
    if payload is None:
        abort(404)
    return payload


@bp.get("/users/import/<token>")
def import_preview(token: str):
    payload = _stored(token)
    rows = staff_import.check_rows(current_user.organization_id, payload["rows"])
    valid = sum(1 for r in rows if r.valid)
    return render_template(
        "admin/import_preview.html",
        token=token,
        filename=payload.get("filename", ""),
        rows=rows,
        valid_count=valid,
        error_count=len(rows) - valid,
    )


@bp.post("/users/import/<token>")
def confirm_import(token: str):
    payload = _stored(token)
    # Checked again: accounts may have been created since the preview.
    rows = staff_import.check_rows(current_user.organization_id, payload["rows"])
    outcome = attempt(staff_import.save_valid_rows, current_user.organization_id, rows)
    if isinstance(outcome.error, DuplicateSubmitError):  # the other submit imported them
        return redirect(url_for("admin.users"))
    if not outcome.ok:  # a row refused since the preview: nothing was saved
        return redirect(url_for("admin.import_preview", token=token))
    users = outcome.value
    staff_import.PENDING.discard(token)
    skipped = len(rows) - len(users)
    flash(
        _(
            "Đã tạo %(created)d tài khoản và gửi thư đặt mật khẩu; bỏ qua %(skipped)d dòng có lỗi.",
            created=len(users),
            skipped=skipped,
        ),
        "success" if users else "warning",
    )
    return redirect(url_for("admin.users"))


@bp.post("/users/import/<token>/cancel")
def cancel_import(token: str):
    _stored(token)
    staff_import.PENDING.discard(token)
    flash(_("Đã hủy nhập danh sách; không có gì được lưu."), "info")
    return redirect(url_for("admin.import_users"))
