"""How the audit log names movements, their taking-part units and reward forms."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "Movement": RecordLabels(
        N_("Phong trào thi đua"),
        {
            "unit_id": NC_("audit", "Đơn vị phát động"),
            "name": NC_("audit", "Tên phong trào"),
            "purpose": N_("Mục đích, yêu cầu"),
            "start_date": N_("Ngày bắt đầu"),
            "end_date": N_("Ngày kết thúc"),
            "criteria_set_id": NC_("audit", "Bộ tiêu chí"),
            "review_kind": N_("Hình thức sơ kết, tổng kết"),
            "review_date": N_("Ngày sơ kết, tổng kết"),
            "review_summary": N_("Kết quả sơ kết, tổng kết"),
            "document_name": N_("Văn bản sơ kết, tổng kết"),
            "document_stored_name": NC_("audit", "Tệp lưu trữ"),
            "document_kind": NC_("audit", "Loại tệp"),
        },
    ),
    "MovementUnit": RecordLabels(
        N_("Đơn vị tham gia phong trào"),
        {"movement_id": N_("Phong trào thi đua")},
    ),
    "MovementAwardTitle": RecordLabels(
        N_("Hình thức khen thưởng của phong trào"),
        {"movement_id": N_("Phong trào thi đua"), "award_title_id": N_("Hình thức khen thưởng")},
    ),
}
