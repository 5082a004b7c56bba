"""How the audit log names deadlines, their units and completions."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_

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
            "remind_days_before": N_("Nhắc trước hạn (số ngày)"),
            "escalate": N_("Cảnh báo khi đến hạn và quá hạn"),
            "reminders_enabled": N_("Gửi thư nhắc cho thời hạn này"),
        },
    ),
    "DeadlineTarget": RecordLabels(
        N_("Đơn vị phải thực hiện thời hạn"), {"deadline_id": N_("Thời hạn")}
    ),
    "DeadlineCompletion": RecordLabels(
        N_("Hoàn thành thời hạn"),
        {
            "deadline_id": N_("Thời hạn"),
            "completed_at": N_("Ngày hoàn thành"),
            "marked_by_id": N_("Người đánh dấu"),
        },
    ),
}
