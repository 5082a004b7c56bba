"""How the audit log names award decisions, their recipients and amendments."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "AwardDecision": RecordLabels(
        N_("Quyết định khen thưởng"),
        {
            "number": N_("Số quyết định"),
            "decided_on": N_("Ngày quyết định"),
            "issuing_body": N_("Cơ quan ban hành"),
            "level": N_("Cấp khen thưởng"),
            "signer_name": N_("Người ký"),
            "signer_position": N_("Chức vụ người ký"),
            "award_title_id": N_("Danh hiệu, hình thức khen thưởng"),
            "form_name": N_("Tên danh hiệu, hình thức khen thưởng"),
            "year": N_("Năm thành tích"),
            "summary": N_("Trích yếu"),
            "status": NC_("audit", "Trạng thái"),
            "source": N_("Nguồn quyết định"),
            "round_id": N_("Phiên xét của Hội đồng"),
            "movement_id": N_("Phong trào thi đua"),
            "scan_path": N_("Bản quét quyết định"),
            "scan_name": N_("Tên tệp bản quét"),
            "issued_at": N_("Thời điểm ban hành"),
            "issued_by_id": N_("Người đánh dấu ban hành"),
            "created_by_id": NC_("audit", "Người tạo"),
        },
    ),
    "AwardRecipient": RecordLabels(
        N_("Người, tập thể được khen thưởng"),
        {
            "decision_id": N_("Quyết định khen thưởng"),
            "kind": N_("Tập thể hay cá nhân"),
            "user_id": N_("Tài khoản của cá nhân"),
            "exemplar_id": N_("Điển hình"),
            "nomination_id": N_("Đề nghị trong phiên xét"),
            "name": N_("Tên tập thể, cá nhân"),
            "name_key": N_("Tên không dấu (để tìm kiếm)"),
            "position": N_("Chức vụ"),
            "amount_vnd": N_("Số tiền thưởng (đồng)"),
            "position_in_list": N_("Thứ tự trong danh sách"),
        },
    ),
    "AwardAmendment": RecordLabels(
        N_("Đính chính quyết định khen thưởng"),
        {
            "decision_id": N_("Quyết định khen thưởng"),
            "amended_on": N_("Ngày đính chính"),
            "reason": N_("Lý do đính chính"),
            "changes": N_("Nội dung đính chính"),
            "by_id": N_("Người đính chính"),
        },
    ),
}
