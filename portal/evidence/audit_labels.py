"""How the audit log names evidence files."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "Attachment": RecordLabels(
        N_("Tệp minh chứng"),
        {
            "owner_type": NC_("audit", "Loại hồ sơ kèm theo"),
            "owner_id": NC_("audit", "Mã hồ sơ kèm theo"),
            "original_name": NC_("audit", "Tên tệp"),
            "stored_name": NC_("audit", "Tên tệp lưu trên máy chủ"),
            "kind": NC_("audit", "Loại tệp"),
            "content_type": NC_("audit", "Định dạng"),
            "size": N_("Dung lượng (byte)"),
            "sha256": NC_("audit", "Mã SHA-256 của tệp"),
            "uploaded_by_id": NC_("audit", "Người tải lên"),
        },
    ),
}
