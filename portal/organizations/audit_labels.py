"""How the audit log names the Department and its units."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_

LABELS = {
    "Organization": RecordLabels(
        N_("Sở"),
        {
            "name": N_("Tên cơ quan"),
            "slug": N_("Tên rút gọn (địa chỉ chuyên mục công khai)"),
            "short_name": N_("Tên viết tắt"),
            "province": N_("Tỉnh"),
            "parent_body": N_("Cơ quan chủ quản"),
            "document_code": N_("Ký hiệu văn bản"),
        },
    ),
    "Unit": RecordLabels(
        N_("Đơn vị"),
        {"name": N_("Tên đơn vị"), "kind": N_("Loại đơn vị"), "is_active": N_("Đang sử dụng")},
    ),
    "UnitNameHistory": RecordLabels(
        N_("Đổi tên đơn vị"),
        {
            "old_name": N_("Tên cũ"),
            "new_name": N_("Tên mới"),
            "changed_at": N_("Ngày đổi"),
            "changed_by_id": N_("Người đổi"),
        },
    ),
}
