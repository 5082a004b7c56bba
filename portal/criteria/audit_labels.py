"""How the audit log names criteria sets and their items."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_

LABELS = {
    "CriteriaSet": RecordLabels(
        N_("Bộ tiêu chí"),
        {
            "audience": N_("Đối tượng"),
            "version": N_("Phiên bản"),
            "title": N_("Tên bộ tiêu chí"),
            "is_current": N_("Đang áp dụng"),
        },
    ),
    "CriteriaItem": RecordLabels(
        N_("Tiêu chí"),
        {
            "criteria_set_id": N_("Bộ tiêu chí"),
            "position": N_("Thứ tự"),
            "title": N_("Tên tiêu chí"),
            "guidance": N_("Hướng dẫn đánh giá"),
            "weight": N_("Trọng số"),
            "max_score": N_("Điểm tối đa"),
            "required": N_("Bắt buộc"),
        },
    ),
}
