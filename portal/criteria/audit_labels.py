"""How the audit log names criteria sets and their items."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "CriteriaSet": RecordLabels(
        NC_("audit", "Bộ tiêu chí"),
        {
            "audience": N_("Đối tượng"),
            "version": N_("Phiên bản"),
            "title": NC_("audit", "Tên bộ tiêu chí"),
            "is_current": N_("Đang áp dụng"),
        },
    ),
    "CriteriaItem": RecordLabels(
        N_("Tiêu chí"),
        {
            "criteria_set_id": NC_("audit", "Bộ tiêu chí"),
            "position": NC_("audit", "Thứ tự"),
            "title": NC_("audit", "Tên tiêu chí"),
            "guidance": N_("Hướng dẫn đánh giá"),
            "weight": N_("Trọng số"),
            "max_score": N_("Điểm tối đa"),
            "required": N_("Bắt buộc"),
        },
    ),
}
