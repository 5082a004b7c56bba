"""Vietnamese labels of the values inside an annual report's figures. The labels of
other capabilities are used when installed; the raw value is shown otherwise."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal import capability_module

# Used when the difficulties capability is not installed.
FALLBACK = {
    "difficulty_status": {
        "open": _l("Chờ trả lời"),
        "answered": _l("Đã trả lời"),
        "closed": _l("Đã đóng"),
    },
}
# group -> (capability, labels module, name of the dict in it)
SOURCES = {
    "exemplar_status": ("exemplars", "labels", "STATUS_LABELS"),
    "exemplar_kind": ("exemplars", "labels", "KIND_LABELS"),
    "exemplar_level": ("exemplars", "labels", "LEVEL_LABELS"),
    "support_type": ("exemplars", "labels", "SUPPORT_LABELS"),
    "quota_flag": ("exemplars", "labels", "QUOTA_FLAG_LABELS"),
    "channel": ("propagation", "models", "CHANNEL_LABELS"),
    "activity_type": ("propagation", "models", "ACTIVITY_TYPE_LABELS"),
    "inspection_method": ("inspections", "labels", "METHOD_LABELS"),
    "inspection_scope": ("inspections", "labels", "SCOPE_LABELS"),
    "finding_severity": ("inspections", "labels", "SEVERITY_LABELS"),
    "finding_status": ("inspections", "labels", "STATUS_LABELS"),
    "difficulty_status": ("difficulties", "models", "DIFFICULTY_STATUS_LABELS"),
}


def figure_label(group: str, value: object) -> str:
    """The label of `value` (an enum's stored value) in `group`."""
    if value is None:
        return ""
    source = SOURCES.get(group)
    module = capability_module(source[0], source[1]) if source else None
    table = getattr(module, source[2], None) if module else None
    if table is None:
        table = FALLBACK.get(group, {})
    for key, label in table.items():
        if str(getattr(key, "value", key)) == str(value):
            return str(label)
    return str(value)
