"""A signed-off inspection record cannot change: checked in services, and again at
every flush so that no code path (form, script, job) can edit it by accident.

What is locked: the inspection's own fields, who was present, its evidence files,
and the content of its findings. What is not: the follow-up of the findings
(status, answers, verification), which goes on after sign-off.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import inspect
from sqlalchemy.orm import Session

from portal.inspections.models import Inspection, InspectionFinding, InspectionMember
from portal.rules import NotAllowedError

INSPECTION_RECORD_FIELDS = (
    "unit_id",
    "plan_item_id",
    "inspection_date",
    "year",
    "scope",
    "method",
    "summary",
    "lead_inspector_id",
    "signed_off_at",
    "signed_off_by_id",
)
FINDING_CONTENT_FIELDS = (
    "inspection_id",
    "unit_id",
    "severity",
    "finding",
    "recommendation",
    "corrective_action",
    "action_owner_user_id",
    "action_owner_name",
    "due_date",
)
# Evidence of these owner types belongs to the signed record.
LOCKED_EVIDENCE_OWNER = "inspection"


def record_locked() -> NotAllowedError:
    """The refusal to change a signed-off inspection: nobody may, its record can only be
    corrected by a new entry (403 where it escapes a route)."""
    return NotAllowedError(
        _(
            "Biên bản kiểm tra đã được ký xác nhận nên không thể sửa. "
            "Hãy thêm một đính chính có ghi ngày."
        )
    )


def ensure_not_signed(inspection: Inspection) -> None:
    if was_signed(inspection):
        raise record_locked()


def was_signed(inspection: Inspection) -> bool:
    """Signed off as stored in the database (before any pending change)."""
    state = inspect(inspection)
    if state.transient or state.pending:
        return False
    history = state.attrs.signed_off_at.history
    if history.has_changes():
        return bool(history.deleted) and history.deleted[0] is not None
    return inspection.signed_off_at is not None


def _changed(obj: Any, fields: tuple[str, ...]) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in fields)


def _inspection_of(session: Session, obj: Any) -> Inspection | None:
    inspection_id = getattr(obj, "inspection_id", None) or getattr(obj, "owner_id", None)
    if isinstance(obj, InspectionMember | InspectionFinding) and obj.inspection is not None:
        return obj.inspection
    return session.get(Inspection, inspection_id) if inspection_id else None


def _touches_record(session: Session, obj: Any, action: str) -> bool:
    if isinstance(obj, Inspection):
        if action == "update":
            return _changed(obj, INSPECTION_RECORD_FIELDS) and was_signed(obj)
        return action == "delete" and was_signed(obj)
    if isinstance(obj, InspectionFinding) and action == "update":
        if not _changed(obj, FINDING_CONTENT_FIELDS):
            return False
    elif not isinstance(obj, InspectionFinding | InspectionMember):
        if type(obj).__name__ != "Attachment" or obj.owner_type != LOCKED_EVIDENCE_OWNER:
            return False
        if action == "update":
            return False
    inspection = _inspection_of(session, obj)
    return inspection is not None and was_signed(inspection)


def _refuse_changes_to_signed_records(session: Session, flush_context: Any, instances: Any) -> None:
    with session.no_autoflush:
        for action, objects in (
            ("create", session.new),
            ("update", session.dirty),
            ("delete", session.deleted),
        ):
            for obj in list(objects):
                if _touches_record(session, obj, action):
                    raise record_locked()


# Installed by portal/registry.py at start-up.
LISTENERS = ((Session, "before_flush", _refuse_changes_to_signed_records),)
