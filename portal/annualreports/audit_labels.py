"""How the audit log names annual reports and their proposals for commendation."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "AnnualReport": RecordLabels(
        N_("Báo cáo năm"),
        {
            "year": N_("Năm xét thành tích"),
            "detection_commentary": N_("Kết quả phát hiện, bồi dưỡng điển hình tiên tiến"),
            "exemplars_commentary": N_("Điển hình tiên tiến xây dựng trong năm"),
            "propagation_commentary": N_("Công tác tuyên truyền, nhân rộng điển hình"),
            "training_commentary": N_(
                "Tập huấn nghiệp vụ cho cán bộ làm công tác thi đua, tuyên truyền"
            ),
            "inspections_commentary": N_("Kiểm tra, giám sát đơn vị nhận được"),
            "difficulties_commentary": N_("Khó khăn, vướng mắc và đề xuất, kiến nghị"),
            "proposals": N_("Đề xuất, kiến nghị"),
            "commendation_commentary": N_("Điển hình đề nghị khen thưởng"),
            "snapshot": NC_("audit", "Số liệu chốt khi nộp"),
            "snapshot_at": NC_("audit", "Thời điểm chốt số liệu"),
        },
    ),
    "CommendationProposal": RecordLabels(
        N_("Điển hình đề nghị khen thưởng"), {"report_id": N_("Báo cáo năm")}
    ),
}
