"""How the audit log names the Department and its units."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "Organization": RecordLabels(
        NC_("audit", "Sở"),
        {
            "name": NC_("audit", "Tên cơ quan"),
            "slug": N_("Tên rút gọn (địa chỉ chuyên mục công khai)"),
            "short_name": NC_("audit", "Tên viết tắt"),
            "province": NC_("audit", "Tỉnh"),
            "parent_body": NC_("audit", "Cơ quan chủ quản"),
            "document_code": NC_("audit", "Ký hiệu văn bản"),
            "guide_setup": NC_("audit", "Hiện hướng dẫn thiết lập ban đầu"),
        },
    ),
    "Unit": RecordLabels(
        N_("Đơn vị"),
        {
            "name": N_("Tên đơn vị"),
            "kind": N_("Loại đơn vị"),
            "is_active": N_("Đang sử dụng"),
            "document_code": N_("Ký hiệu đơn vị trong số văn bản"),
            "head_name": N_("Họ tên Thủ trưởng đơn vị"),
            "head_position": N_("Chức vụ Thủ trưởng đơn vị"),
            "deputy_name": N_("Họ tên cấp phó"),
            "deputy_position": N_("Chức vụ cấp phó"),
            "deputy_signs": N_("Cấp phó ký thay Thủ trưởng (KT.)"),
        },
    ),
    "UnitNameHistory": RecordLabels(
        NC_("audit", "Đổi tên đơn vị"),
        {
            "old_name": N_("Tên cũ"),
            "new_name": N_("Tên mới"),
            "changed_at": NC_("audit", "Ngày đổi"),
            "changed_by_id": N_("Người đổi"),
        },
    ),
}
