"""How the audit log names supervision plans, inspections, findings and responses."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "SupervisionPlanItem": RecordLabels(
        NC_("audit", "Kế hoạch giám sát"),
        {"month": N_("Tháng"), "scope": N_("Nội dung kiểm tra")},
    ),
    "SupervisionPlanMember": RecordLabels(
        NC_("audit", "Thành viên đoàn giám sát theo kế hoạch"),
        {"plan_item_id": NC_("audit", "Kế hoạch giám sát"), "user_id": NC_("audit", "Thành viên")},
    ),
    "Inspection": RecordLabels(
        NC_("audit", "Đợt kiểm tra"),
        {
            "plan_item_id": N_("Theo kế hoạch giám sát"),
            "inspection_date": N_("Ngày kiểm tra"),
            "scope": N_("Nội dung kiểm tra"),
            "method": N_("Hình thức kiểm tra"),
            "summary": N_("Kết quả kiểm tra (tóm tắt)"),
            "lead_inspector_id": N_("Trưởng đoàn"),
            "signed_off_at": NC_("audit", "Ngày ký kết luận"),
            "signed_off_by_id": NC_("audit", "Người ký kết luận"),
        },
    ),
    "InspectionMember": RecordLabels(
        NC_("audit", "Thành viên đoàn kiểm tra"),
        {"inspection_id": NC_("audit", "Đợt kiểm tra"), "user_id": NC_("audit", "Thành viên")},
    ),
    "InspectionFinding": RecordLabels(
        NC_("audit", "Phát hiện qua kiểm tra"),
        {
            "inspection_id": NC_("audit", "Đợt kiểm tra"),
            "severity": N_("Mức độ"),
            "finding": N_("Nội dung phát hiện"),
            "recommendation": N_("Kiến nghị"),
            "corrective_action": N_("Biện pháp khắc phục"),
            "action_owner_user_id": N_("Người chịu trách nhiệm"),
            "action_owner_name": NC_("audit", "Tên người/bộ phận chịu trách nhiệm"),
            "due_date": N_("Hạn khắc phục"),
        },
    ),
    "FindingResponse": RecordLabels(
        NC_("audit", "Phản hồi về phát hiện"),
        {
            "finding_id": NC_("audit", "Phát hiện qua kiểm tra"),
            "kind": NC_("audit", "Loại phản hồi"),
            "author_id": N_("Người viết"),
            "body": N_("Nội dung"),
        },
    ),
    "InspectionCorrection": RecordLabels(
        NC_("audit", "Đính chính kết luận kiểm tra"),
        {
            "inspection_id": NC_("audit", "Đợt kiểm tra"),
            "finding_id": N_("Đính chính cho"),
            "author_id": N_("Người viết"),
            "text": N_("Nội dung đính chính"),
        },
    ),
}
