"""How the audit log names exemplars, their evaluations, events and fostering."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "Exemplar": RecordLabels(
        N_("Điển hình tiên tiến"),
        {
            "kind": N_("Loại điển hình"),
            "name": N_("Tên tập thể hoặc họ tên cá nhân"),
            "person_user_id": NC_("audit", "Cán bộ của đơn vị"),
            "position": N_("Chức vụ"),
            "field_of_work": N_("Lĩnh vực công tác"),
            "movement": N_("Phong trào thi đua"),
            "movement_id": N_("Phong trào thi đua đã phát động"),
            "achievements": N_("Thành tích nổi bật"),
            "initiatives": N_("Sáng kiến, mô hình, cách làm hay"),
            "year_identified": N_("Năm phát hiện"),
            "year_recognised": N_("Năm công nhận"),
            "level": N_("Cấp công nhận"),
            "status": N_("Tình trạng"),
            "drop_reason": NC_("audit", "Lý do không tiếp tục"),
        },
    ),
    "ExemplarEvaluation": RecordLabels(
        N_("Đánh giá điển hình"),
        {
            "evaluated_on": N_("Ngày đánh giá"),
            "evaluator_user_id": N_("Người đánh giá"),
            "criteria_set_id": NC_("audit", "Bộ tiêu chí"),
            "effect": N_("Tác dụng"),
            "effectiveness": N_("Tính hiệu quả"),
            "development_potential": N_("Khả năng phát triển"),
            "influence": N_("Mức độ ảnh hưởng"),
            "difficulties": N_("Khó khăn, hạn chế phát hiện"),
            "help_given": N_("Biện pháp giúp đỡ đã thực hiện"),
        },
    ),
    "ExemplarEvaluationScore": RecordLabels(
        NC_("audit", "Điểm đánh giá theo tiêu chí"),
        {
            "evaluation_id": N_("Đánh giá điển hình"),
            "criteria_item_id": N_("Tiêu chí"),
            "score": N_("Điểm"),
        },
    ),
    "ExemplarEvent": RecordLabels(
        NC_("audit", "Diễn biến của điển hình"),
        {
            "actor_id": N_("Người thực hiện"),
            "occurred_on": N_("Ngày"),
            "from_status": NC_("audit", "Tình trạng trước"),
            "to_status": NC_("audit", "Tình trạng sau"),
        },
    ),
    "FosteringAction": RecordLabels(
        NC_("audit", "Biện pháp bồi dưỡng"),
        {
            "support_type": N_("Hình thức hỗ trợ"),
            "description": N_("Nội dung hỗ trợ"),
            "owner_user_id": NC_("audit", "Người phụ trách"),
            "owner_name": NC_("audit", "Tên người phụ trách khác"),
            "due_date": N_("Hạn hoàn thành"),
            "status": N_("Tình trạng"),
            "outcome": N_("Kết quả"),
            "completed_at": N_("Ngày hoàn thành"),
            "cost_vnd": N_("Kinh phí (đồng, ngân sách nhà nước)"),
        },
    ),
}
