"""The names the audit log gives to records and their fields, in the words of the forms.

Each capability names its own models in its `audit_labels.py` (a `LABELS` mapping of
model class name -> RecordLabels); portal/registry.py registers them all at start-up.
Fields that mean the same thing on every record (the unit, the period, the review
state...) are named once here. Labels are message ids, translated when shown:
the form's own label (N_) where a form edits the field, so the log and the form say
the same; a label only the log uses carries the context "audit" (NC_), so that it
never clashes with a page's message of the same Vietnamese words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from portal.msgids import N_, NC_, Msgid


@dataclass(frozen=True)
class RecordLabels:
    name: Msgid  # the kind of record: "Điển hình tiên tiến"
    fields: Mapping[str, Msgid] = field(default_factory=dict)
    # Codes written in a detail that is not a column (an account event's "reason").
    codes: Mapping[str, Mapping[str, Msgid]] = field(default_factory=dict)


# Columns shared by many records, named alike wherever they appear.
COMMON_FIELDS: dict[str, Msgid] = {
    "id": NC_("audit", "Mã số"),
    "organization_id": NC_("audit", "Sở"),
    "unit_id": N_("Đơn vị"),
    "period_id": N_("Kỳ kế hoạch"),
    "year": N_("Năm"),
    "state": N_("Trạng thái"),
    "status": N_("Trạng thái"),
    "submitted_at": N_("Ngày nộp"),
    "last_submitted_at": NC_("audit", "Lần nộp gần nhất"),
    "accepted_at": NC_("audit", "Ngày chấp nhận"),
    "accepted_by_id": NC_("audit", "Người chấp nhận"),
    "return_reason": N_("Lý do trả lại"),
    "created_by_id": NC_("audit", "Người tạo"),
    "closed_at": NC_("audit", "Ngày đóng"),
    "closed_by_id": NC_("audit", "Người đóng"),
    "exemplar_id": N_("Điển hình"),
    "user_id": N_("Người dùng"),
    "note": N_("Ghi chú"),
    "title": N_("Tiêu đề"),
    "name": N_("Tên"),
    "description": NC_("audit", "Mô tả"),
}

_REGISTERED: dict[str, RecordLabels] = {}


def register_labels(labels: Mapping[str, RecordLabels]) -> None:
    """Add a capability's labels (again on each app: an entry is replaced, not doubled)."""
    _REGISTERED.update(labels)


def registered_labels() -> dict[str, RecordLabels]:
    return dict(_REGISTERED)


def record_label(object_type: str) -> Msgid | None:
    labels = _REGISTERED.get(object_type)
    return labels.name if labels else None


def code_label(object_type: str, key: str, code: str) -> Msgid | None:
    """The words for a code the record wrote in its detail `key`, else None."""
    labels = _REGISTERED.get(object_type)
    return labels.codes.get(key, {}).get(code) if labels else None


def field_label(object_type: str, column: str) -> Msgid | None:
    """The record's own name for the column, else the common one, else None."""
    labels = _REGISTERED.get(object_type)
    own = labels.fields.get(column) if labels else None
    return own or COMMON_FIELDS.get(column)
