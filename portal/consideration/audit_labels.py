"""How the audit log names award titles, rounds, nominations, votes and voting rules."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_

_RULE_FIELDS = {
    "award_title_id": N_("Danh hiệu, hình thức khen thưởng"),
    "comparison": N_("Cách tính"),
    "threshold_percent": N_("Tỷ lệ (% tổng số thành viên Hội đồng)"),
    "base": N_("Cơ sở tính tỷ lệ"),
    "legal_basis": N_("Căn cứ pháp lý"),
    "base_basis": N_("Căn cứ của cơ sở tính tỷ lệ"),
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
            "opened_by_id": N_("Người mở phiên"),
            "cancelled_at": N_("Ngày huỷ"),
            "cancelled_by_id": N_("Người huỷ"),
            "cancel_reason": N_("Lý do huỷ"),
            "replaces_id": N_("Thay cho phiên"),
        },
    ),
    "Nomination": RecordLabels(
        N_("Đề nghị bình xét"),
        {
            "round_id": N_("Phiên bình xét"),
            "nominee_user_id": N_("Cán bộ được đề nghị"),
            "nominee_name": N_("Tên tập thể/cá nhân được đề nghị"),
            "nominee_kind": N_("Tập thể hay cá nhân"),
            "award_title_id": N_("Danh hiệu, hình thức khen thưởng"),
            "achievements": N_("Thành tích, lý do đề nghị"),
        },
    ),
    "NominationResult": RecordLabels(
        N_("Kết quả biểu quyết"),
        {
            **_RULE_FIELDS,
            "nomination_id": N_("Đề nghị bình xét"),
            "total_members": N_("Tổng số thành viên Hội đồng"),
            "agree": N_("Đồng ý"),
            "disagree": N_("Không đồng ý"),
            "abstain": N_("Không biểu quyết"),
            "conflict": N_("Không tham gia do xung đột lợi ích"),
            "not_voted": N_("Chưa bỏ phiếu"),
            "passed": N_("Được thông qua"),
            "rule_id": N_("Quy định biểu quyết"),
            "rule_needed_verification": N_("Quy định cần kiểm tra lại"),
        },
    ),
    "RoundMember": RecordLabels(
        N_("Thành viên dự phiên bình xét"),
        {
            "round_id": N_("Phiên bình xét"),
            "user_id": N_("Thành viên Hội đồng"),
            "position": N_("Chức danh trong Hội đồng"),
            "title": N_("Chức vụ"),
            "absent": N_("Vắng mặt"),
        },
    ),
    "Vote": RecordLabels(
        N_("Phiếu biểu quyết"),
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
            "effective_to": N_("Hiệu lực đến hết ngày"),
            "needs_verification": N_("Cần kiểm tra lại"),
            "quorum_percent": N_("Số thành viên dự họp tối thiểu (% tổng số thành viên)"),
            "quorum_basis": N_("Căn cứ của số thành viên dự họp tối thiểu"),
        },
    ),
}
