"""How the audit log names compilations (their progress ticks are not recorded)."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "Compilation": RecordLabels(
        N_("Tổng hợp hồ sơ"),
        {
            "kind": N_("Loại hồ sơ"),
            "error": N_("Lỗi"),
            "inputs": N_("Dữ liệu đầu vào khi tổng hợp"),
            "manifest": N_("Danh mục tệp"),
            "file_name": N_("Tệp ZIP"),
            "file_size": N_("Dung lượng (byte)"),
            "file_sha256": NC_("audit", "Mã SHA-256 của tệp"),
            "started_by_id": N_("Người thực hiện"),
            "started_at": N_("Bắt đầu"),
            "finished_at": NC_("audit", "Kết thúc"),
        },
    ),
}
