"""How the audit log names supervision plans, inspections, findings and responses."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_

LABELS = {
    "SupervisionPlanItem": RecordLabels(
        N_("Kế hoạch giám sát"),
        {"month": N_("Tháng"), "scope": N_("Nội dung kiểm tra")},
    ),
    "SupervisionPlanMember": RecordLabels(
        N_("Thành viên đoàn giám sát theo kế hoạch"),
        {"plan_item_id": N_("Kế hoạch giám sát"), "user_id": N_("Thành viên")},
    ),
    "Inspection": RecordLabels(
        N_("Đợt kiểm tra"),
        {
            "plan_item_id": N_("Theo kế hoạch giám sát"),
            "inspection_date": N_("Ngày kiểm tra"),
            "scope": N_("Nội dung kiểm tra"),
            "method": N_("Hình thức kiểm tra"),
            "summary": N_("Kết quả kiểm tra (tóm tắt)"),
            "lead_inspector_id": N_("Trưởng đoàn"),
            "signed_off_at": N_("Ngày ký kết luận"),
            "signed_off_by_id": N_("Người ký kết luận"),
        },
    ),
    "InspectionMember": RecordLabels(
        N_("Thành viên đoàn kiểm tra"),
        {"inspection_id": N_("Đợt kiểm tra"), "user_id": N_("Thành viên")},
    ),
    "InspectionFinding": RecordLabels(
        N_("Phát hiện qua kiểm tra"),
        {
            "inspection_id": N_("Đợt kiểm tra"),
            "severity": N_("Mức độ"),
            "finding": N_("Nội dung phát hiện"),
            "recommendation": N_("Kiến nghị"),
            "corrective_action": N_("Biện pháp khắc phục"),
            "action_owner_user_id": N_("Người chịu trách nhiệm"),
            "action_owner_name": N_("Tên người/bộ phận chịu trách nhiệm"),
            "due_date": N_("Hạn khắc phục"),
        },
    ),
    "FindingResponse": RecordLabels(
        N_("Phản hồi về phát hiện"),
        {
            "finding_id": N_("Phát hiện qua kiểm tra"),
            "kind": N_("Loại phản hồi"),
            "author_id": N_("Người viết"),
            "body": N_("Nội dung"),
        },
    ),
    "InspectionCorrection": RecordLabels(
        N_("Đính chính kết luận kiểm tra"),
        {
            "inspection_id": N_("Đợt kiểm tra"),
            "finding_id": N_("Đính chính cho"),
            "author_id": N_("Người viết"),
            "text": N_("Nội dung đính chính"),
        },
    ),
}
