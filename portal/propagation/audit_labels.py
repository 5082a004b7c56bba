"""How the audit log names propagation activities and the exemplars they feature."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "PropagationActivity": RecordLabels(
        NC_("audit", "Hoạt động tuyên truyền, nhân rộng"),
        {
            "activity_date": N_("Ngày thực hiện"),
            "activity_type": N_("Hình thức"),
            "channel": N_("Kênh"),
            "link": N_("Đường dẫn"),
            "audience_reached": N_("Số người được tiếp cận"),
            "cost_vnd": N_("Kinh phí (đồng, ngân sách nhà nước)"),
            "description": N_("Mô tả, kết quả"),
            "partner_unit": N_("Đơn vị giao lưu, tham quan"),
            "movement_id": N_("Phong trào thi đua đã phát động"),
        },
    ),
    "PropagationActivityExemplar": RecordLabels(
        NC_("audit", "Điển hình trong hoạt động tuyên truyền"),
        {"activity_id": NC_("audit", "Hoạt động tuyên truyền, nhân rộng")},
    ),
}
