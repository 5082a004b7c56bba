"""How the audit log names deadlines, their units and completions."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "Deadline": RecordLabels(
        N_("Thời hạn"),
        {
            "kind": N_("Nội dung phải nộp"),
            "title": N_("Tên thời hạn"),
            "description": N_("Ghi chú, hướng dẫn"),
            "due_at": N_("Hạn"),
            "completion_mode": N_("Cách xác định hoàn thành"),
            "all_units": N_("Áp dụng cho tất cả các đơn vị"),
            "remind_days_before": NC_("audit", "Nhắc trước hạn (số ngày)"),
            "escalate": NC_("audit", "Cảnh báo khi đến hạn và quá hạn"),
            "reminders_enabled": N_("Gửi thư nhắc cho thời hạn này"),
        },
    ),
    "DeadlineTarget": RecordLabels(
        NC_("audit", "Đơn vị phải thực hiện thời hạn"), {"deadline_id": N_("Thời hạn")}
    ),
    "DeadlineCompletion": RecordLabels(
        NC_("audit", "Hoàn thành thời hạn"),
        {
            "deadline_id": N_("Thời hạn"),
            "completed_at": N_("Ngày hoàn thành"),
            "marked_by_id": NC_("audit", "Người đánh dấu"),
        },
    ),
}
