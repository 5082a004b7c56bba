"""Vietnamese labels of the values inside an annual report's figures, taken from the
capabilities the figures come from."""

from __future__ import annotations

from portal.difficulties.models import DIFFICULTY_STATUS_LABELS
from portal.exemplars import labels as exemplar_labels
from portal.inspections import labels as inspection_labels
from portal.propagation.models import ACTIVITY_TYPE_LABELS, CHANNEL_LABELS

# group -> the labels of its values
TABLES = {
    "exemplar_status": exemplar_labels.STATUS_LABELS,
    "exemplar_kind": exemplar_labels.KIND_LABELS,
    "exemplar_level": exemplar_labels.LEVEL_LABELS,
    "support_type": exemplar_labels.SUPPORT_LABELS,
    "quota_flag": exemplar_labels.QUOTA_FLAG_LABELS,
    "channel": CHANNEL_LABELS,
    "activity_type": ACTIVITY_TYPE_LABELS,
    "inspection_method": inspection_labels.METHOD_LABELS,
    "inspection_scope": inspection_labels.SCOPE_LABELS,
    "finding_severity": inspection_labels.SEVERITY_LABELS,
    "finding_status": inspection_labels.STATUS_LABELS,
    "difficulty_status": DIFFICULTY_STATUS_LABELS,
}


def figure_label(group: str, value: object) -> str:
    """The label of `value` (an enum's stored value) in `group`."""
    if value is None:
        return ""
    for key, label in TABLES.get(group, {}).items():
        if str(getattr(key, "value", key)) == str(value):
            return str(label)
    return str(value)
