"""The signed decision's scan (PDF or image), stored with the portal's upload checks
under UPLOAD_DIR/awards/<organization id>/."""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from portal.awards.models import AwardDecision
from portal.evidence.filetypes import CONTENT_TYPES
from portal.evidence.services import DELETED, checked_upload, store_file
from portal.extensions import db
from portal.rules import RuleError

SCAN_KINDS = ("pdf", "jpeg", "png")


def attach_scan(decision: AwardDecision, file: FileStorage) -> None:
    """Store `file` as the decision's scan (replacing an earlier one when committed)."""
    try:
        original, kind, data = checked_upload(file)
    except RuleError as error:
        raise RuleError(error.message, "scan") from error
    if kind not in SCAN_KINDS:
        raise RuleError(
            _("Bản quét quyết định phải là tệp PDF hoặc ảnh (JPEG, PNG): %(name)s.", name=original),
            "scan",
        )
    folder = Path("awards") / str(int(decision.organization_id))
    stored = store_file(folder, data, original)
    if decision.scan_path:
        db.session.info.setdefault(DELETED, []).append(scan_file(decision))
    decision.scan_path = str(folder / stored)
    decision.scan_name = original


def scan_file(decision: AwardDecision) -> Path:
    return Path(current_app.config["UPLOAD_DIR"]) / decision.scan_path


def scan_content_type(decision: AwardDecision) -> str:
    extension = decision.scan_name.rsplit(".", 1)[-1].lower()
    kind = {"jpg": "jpeg"}.get(extension, extension)
    return CONTENT_TYPES.get(kind, "application/octet-stream")
