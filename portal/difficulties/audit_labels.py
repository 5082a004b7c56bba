"""How the audit log names the difficulties units raise."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "Difficulty": RecordLabels(
        N_("Khó khăn, vướng mắc"),
        {
            "title": N_("Khó khăn, vướng mắc"),
            "description": N_("Nội dung cụ thể, đề xuất của đơn vị"),
            "answer": N_("Nội dung trả lời"),
            "raised_by_id": NC_("audit", "Người nêu"),
            "raised_at": N_("Ngày nêu"),
            "answered_by_id": NC_("audit", "Người trả lời"),
            "answered_at": N_("Ngày trả lời"),
        },
    ),
}
