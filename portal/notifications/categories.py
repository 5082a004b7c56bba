"""The categories of notifications and which of them people may turn off."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

REMINDER = "reminder"
ESCALATION = "escalation"
ANNOUNCEMENT = "announcement"
GENERAL = "general"

CATEGORY_LABELS = {
    REMINDER: _l("Nhắc hạn trước thời hạn"),
    ESCALATION: _l("Cảnh báo đến hạn, quá hạn"),
    "exemplar_status": _l("Thay đổi trạng thái, công nhận điển hình"),
    "nomination_result": _l("Đề nghị khen thưởng và kết quả bình xét"),
    "finding_assigned": _l("Kết luận, biện pháp khắc phục được giao"),
    ANNOUNCEMENT: _l("Thông báo của Văn phòng Sở"),
    "compilation_done": _l("Tổng hợp hồ sơ hoàn tất"),
    GENERAL: _l("Thông báo chung"),
}

# Escalations of items due or overdue cannot be turned off, nor held for the digest.
MANDATORY = frozenset({ESCALATION})
OPTIONAL = tuple(c for c in CATEGORY_LABELS if c not in MANDATORY)


def category_label(category: str) -> str:
    return str(CATEGORY_LABELS.get(category, category))
