"""How the audit log names propagation activities and the exemplars they feature."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_

LABELS = {
    "PropagationActivity": RecordLabels(
        N_("Hoạt động tuyên truyền, nhân rộng"),
        {
            "activity_date": N_("Ngày thực hiện"),
            "activity_type": N_("Hình thức"),
            "channel": N_("Kênh"),
            "link": N_("Đường dẫn"),
            "audience_reached": N_("Số người được tiếp cận"),
            "cost_vnd": N_("Kinh phí (đồng, ngân sách nhà nước)"),
            "description": N_("Mô tả, kết quả"),
            "partner_unit": N_("Đơn vị giao lưu, tham quan"),
        },
    ),
    "PropagationActivityExemplar": RecordLabels(
        N_("Điển hình trong hoạt động tuyên truyền"),
        {"activity_id": N_("Hoạt động tuyên truyền, nhân rộng")},
    ),
}
