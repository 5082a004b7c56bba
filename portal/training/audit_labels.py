"""How the audit log names training records."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "TrainingRecord": RecordLabels(
        NC_("audit", "Kết quả tập huấn"),
        {
            "person_name": NC_("audit", "Họ tên người tham gia"),
            "person_user_id": N_("Người tham gia (trong đơn vị)"),
            "course": N_("Khóa tập huấn"),
            "organiser": N_("Đơn vị tổ chức"),
            "start_date": N_("Từ ngày"),
            "end_date": N_("Đến ngày"),
            "hours": N_("Số giờ"),
            "notes": N_("Ghi chú"),
            "cost_vnd": N_("Kinh phí (đồng, ngân sách nhà nước)"),
        },
    ),
}
