"""How the audit log names self-assessments and their items."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "SelfAssessment": RecordLabels(
        N_("Tự đánh giá"),
        {
            "year": N_("Năm xét thành tích"),
            "criteria_set_id": NC_("audit", "Bộ tiêu chí"),
            "general_comment": N_("Đánh giá chung của đơn vị"),
            "office_comment": N_("Kết luận của Văn phòng Sở"),
        },
    ),
    "SelfAssessmentItem": RecordLabels(
        NC_("audit", "Tiêu chí tự đánh giá"),
        {
            "assessment_id": N_("Tự đánh giá"),
            "criteria_item_id": N_("Tiêu chí"),
            "position": NC_("audit", "Thứ tự"),
            "self_score": N_("Điểm tự chấm"),
            "self_comment": NC_("audit", "Giải trình của đơn vị"),
            "office_score": NC_("audit", "Điểm Văn phòng Sở chấm"),
            "office_comment": N_("Nhận xét của Văn phòng Sở"),
        },
    ),
}
