"""Download and delete evidence files, only for those who may see the unit."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, send_file
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.actions import attempt
from portal.evidence.models import Attachment
from portal.evidence.services import delete_attachment, is_locked, may_read, storage_path
from portal.rules import LockedError
from portal.tenancy import get_editable_or_404, get_scoped_or_404
from portal.urls import safe_next_url

bp = Blueprint("evidence", __name__, url_prefix="/evidence")


@bp.get("/<int:attachment_id>")
@login_required
def download(attachment_id: int):
    attachment = get_scoped_or_404(Attachment, attachment_id)
    path = storage_path(attachment)
    if not may_read(attachment, current_user) or not path.is_file():
        abort(404)
    response = send_file(
        path,
        mimetype=attachment.content_type,
        as_attachment=True,  # never rendered inline
        download_name=attachment.original_name,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/<int:attachment_id>/delete")
@login_required
def delete(attachment_id: int):
    attachment = get_editable_or_404(Attachment, attachment_id)
    if is_locked(attachment, current_user):
        back = safe_next_url(request.form.get("next"))
        raise LockedError(
            _(
                "Tệp %(name)s thuộc một hồ sơ đã khóa (đã nộp, đã được chấp nhận hoặc đã "
                "ký xác nhận) nên không xóa được.",
                name=attachment.original_name,
            ),
            reopener=_(
                "Văn phòng Sở, khi trả lại hoặc mở lại hồ sơ; biên bản đã ký thì không mở "
                "lại được, chỉ thêm đính chính."
            ),
            back=(back, _("Quay lại hồ sơ")),
        )
    name = attachment.original_name
    attempt(delete_attachment, attachment)
    flash(_("Đã xóa tệp %(name)s.", name=name), "success")
    return redirect(safe_next_url(request.form.get("next")))
