"""How the audit log names evidence files."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_

LABELS = {
    "Attachment": RecordLabels(
        N_("Tệp minh chứng"),
        {
            "owner_type": N_("Loại hồ sơ kèm theo"),
            "owner_id": N_("Mã hồ sơ kèm theo"),
            "original_name": N_("Tên tệp"),
            "stored_name": N_("Tên tệp lưu trên máy chủ"),
            "kind": N_("Loại tệp"),
            "content_type": N_("Định dạng"),
            "size": N_("Dung lượng (byte)"),
            "sha256": N_("Mã SHA-256 của tệp"),
            "uploaded_by_id": N_("Người tải lên"),
        },
    ),
}
