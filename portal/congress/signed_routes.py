"""The unit's documents to sign (portal.congress.signed): download them, upload the
signed scans; the Office sees per document whether the signed copy is there. Only the
unit's coordinator and the Office: the achievement reports print personal data."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from tempfile import TemporaryDirectory

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf.file import FileField
from wtforms import SubmitField

from portal.actions import attempt
from portal.congress import signed
from portal.congress.models import CongressSubmission
from portal.documents.conference_record import DOCX_MIME
from portal.documents.pdf import convert_many, find_converter
from portal.extensions import db
from portal.forms_base import PortalForm
from portal.reviews.services import is_preparer, is_reviewer
from portal.tenancy import get_scoped_or_404

bp = Blueprint(
    "congress_signed", __name__, url_prefix="/congress/signed", template_folder="templates"
)


class ScanForm(PortalForm):
    scan = FileField(_l("Bản đã ký, đóng dấu (PDF)"))
    submit = SubmitField(_l("Tải bản ký lên"))


def _submission(submission_id: int) -> CongressSubmission:
    """The submission, for its unit's coordinator and the Office only (404 otherwise)."""
    submission = get_scoped_or_404(CongressSubmission, submission_id)
    user = current_user._get_current_object()
    if not (is_preparer(user, submission.unit_id) or is_reviewer(user, submission.unit_id)):
        abort(404)
    return submission


def _document(submission: CongressSubmission, key: str) -> signed.UnitDocument:
    if not signed.documents_ready(submission):
        abort(404)
    return signed.document_by_key(submission, key) or abort(404)


def _page(submission: CongressSubmission, forms: dict | None = None):
    documents = signed.unit_documents(submission) if signed.documents_ready(submission) else []
    forms = forms or {}
    return render_template(
        "congress/signed.html",
        submission=submission,
        documents=documents,
        forms={d.key: forms.get(d.key) or ScanForm() for d in documents},
        on=signed.unit_date(submission),
        ready=signed.documents_ready(submission),
        can_upload=is_preparer(current_user, submission.unit_id),
        pdf=find_converter() is not None,
    )


@bp.get("/<int:submission_id>")
@login_required
def documents(submission_id: int):
    return _page(_submission(submission_id))


def _send(data: bytes, name: str, mimetype: str):
    response = send_file(BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _built(submission, document, folder: Path) -> Path:
    path = signed.build_unit_document(
        submission, document, folder, current_user._get_current_object()
    )
    db.session.commit()  # the audit entry of an export of personal particulars
    return path


@bp.get("/<int:submission_id>/<key>.docx")
@login_required
def download_docx(submission_id: int, key: str):
    submission = _submission(submission_id)
    document = _document(submission, key)
    with TemporaryDirectory() as folder:
        path = _built(submission, document, Path(folder))
        return _send(path.read_bytes(), path.name, DOCX_MIME)


@bp.get("/<int:submission_id>/<key>.pdf")
@login_required
def download_pdf(submission_id: int, key: str):
    submission = _submission(submission_id)
    document = _document(submission, key)
    if find_converter() is None:
        abort(404)
    with TemporaryDirectory() as folder:
        (pdf,) = convert_many([_built(submission, document, Path(folder))])
        return _send(pdf.read_bytes(), pdf.name, "application/pdf")


@bp.post("/<int:submission_id>/<key>/scan")
@login_required
def upload_scan(submission_id: int, key: str):
    submission = _submission(submission_id)
    document = _document(submission, key)
    if not is_preparer(current_user, submission.unit_id):
        abort(403)
    form = ScanForm()
    if form.validate_on_submit():
        actor = current_user._get_current_object()
        saving = (signed.save_signed_scan, submission, document, form.scan.data, actor)
        if attempt(*saving, form=form).ok:
            flash(_("Đã tải lên bản ký của: %(title)s.", title=document.title), "success")
            return redirect(url_for(".documents", submission_id=submission.id))
    return _page(submission, {document.key: form})
