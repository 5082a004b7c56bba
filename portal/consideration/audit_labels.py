"""How the audit log names award titles, rounds, nominations, votes and voting rules."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

_RULE_FIELDS = {
    "award_title_id": N_("Danh hiệu, hình thức khen thưởng"),
    "comparison": N_("Cách tính"),
    "threshold_percent": N_("Tỷ lệ (% tổng số thành viên Hội đồng)"),
    "base": N_("Cơ sở tính tỷ lệ"),
    "legal_basis": N_("Căn cứ pháp lý"),
    "base_basis": NC_("audit", "Căn cứ của cơ sở tính tỷ lệ"),
}

LABELS = {
    "AwardTitle": RecordLabels(
        N_("Danh hiệu, hình thức khen thưởng"),
        {
            "code": N_("Mã"),
            "name": N_("Tên danh hiệu, hình thức khen thưởng"),
            "audience": N_("Đối tượng"),
            "sort_order": N_("Thứ tự hiển thị"),
            "is_active": N_("Đang sử dụng"),
        },
    ),
    "ConsiderationRound": RecordLabels(
        N_("Phiên bình xét"),
        {
            "title": N_("Tên phiên bình xét"),
            "year": N_("Năm xét thành tích"),
            "meeting_date": N_("Ngày họp Hội đồng"),
            "location": N_("Địa điểm họp"),
            "meeting_time": N_("Giờ họp"),
            "minutes_number": N_("Số biên bản"),
            "opened_by_id": NC_("audit", "Người mở phiên"),
            "cancelled_at": NC_("audit", "Ngày hủy"),
            "cancelled_by_id": NC_("audit", "Người hủy"),
            "cancel_reason": NC_("audit", "Lý do hủy"),
            "replaces_id": NC_("audit", "Thay cho phiên"),
        },
    ),
    "Nomination": RecordLabels(
        N_("Đề nghị bình xét"),
        {
            "round_id": N_("Phiên bình xét"),
            "nominee_user_id": NC_("audit", "Cán bộ được đề nghị"),
            "nominee_name": NC_("audit", "Tên tập thể/cá nhân được đề nghị"),
            "nominee_kind": NC_("audit", "Tập thể hay cá nhân"),
            "award_title_id": N_("Danh hiệu, hình thức khen thưởng"),
            "achievements": N_("Thành tích, lý do đề nghị"),
            "unregistered_reason": N_("Lý do đề nghị khi không đăng ký thi đua đầu năm"),
        },
    ),
    "NominationResult": RecordLabels(
        NC_("audit", "Kết quả biểu quyết"),
        {
            **_RULE_FIELDS,
            "nomination_id": N_("Đề nghị bình xét"),
            "total_members": NC_("audit", "Tổng số thành viên Hội đồng"),
            "agree": N_("Đồng ý"),
            "disagree": N_("Không đồng ý"),
            "abstain": N_("Không biểu quyết"),
            "conflict": NC_("audit", "Không tham gia do xung đột lợi ích"),
            "not_voted": N_("Chưa bỏ phiếu"),
            "passed": NC_("audit", "Được thông qua"),
            "rule_id": N_("Quy định biểu quyết"),
            "rule_needed_verification": NC_("audit", "Quy định cần kiểm tra lại"),
        },
    ),
    "RoundMember": RecordLabels(
        NC_("audit", "Thành viên dự phiên bình xét"),
        {
            "round_id": N_("Phiên bình xét"),
            "user_id": N_("Thành viên Hội đồng"),
            "position": N_("Chức danh trong Hội đồng"),
            "title": N_("Chức vụ"),
            "absent": NC_("audit", "Vắng mặt"),
        },
    ),
    "Vote": RecordLabels(
        NC_("audit", "Phiếu biểu quyết"),
        {
            "round_id": N_("Phiên bình xét"),
            "nomination_id": N_("Đề nghị bình xét"),
            "member_id": N_("Thành viên Hội đồng"),
            "written_opinion": N_("Ý kiến bằng văn bản"),
            "recorded_by_id": N_("Người ghi nhận"),
        },
    ),
    "VotingRule": RecordLabels(
        N_("Quy định biểu quyết"),
        {
            **_RULE_FIELDS,
            "effective_from": N_("Hiệu lực từ ngày"),
            "effective_to": NC_("audit", "Hiệu lực đến hết ngày"),
            "needs_verification": N_("Cần kiểm tra lại"),
            "quorum_percent": NC_("audit", "Số thành viên dự họp tối thiểu (% tổng số thành viên)"),
            "quorum_basis": N_("Căn cứ của số thành viên dự họp tối thiểu"),
        },
    ),
}
