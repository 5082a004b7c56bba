"""How the audit log names congress cycles, submissions, nominees and honourees."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "CongressCycle": RecordLabels(
        NC_("audit", "Đại hội Thi đua yêu nước"),
        {
            "term_label": N_("Giai đoạn"),
            "next_term_label": N_("Giai đoạn tiếp theo"),
            "sector_congress": N_("Tên Đại hội Thi đua ngành"),
            "provincial_congress": N_("Tên Đại hội Thi đua tỉnh"),
            "signer_authority": N_("Thẩm quyền ký"),
            "signer_position": N_("Chức vụ người ký"),
            "signer_name": N_("Họ tên người ký"),
            "proposal_date": N_("Ngày tờ trình của Sở"),
        },
    ),
    "CongressSubmission": RecordLabels(
        NC_("audit", "Hồ sơ Đại hội của đơn vị"),
        {
            "conference_date": N_("Ngày tổ chức Hội nghị"),
            "conference_place": N_("Địa điểm"),
            "attendance": N_("Số đại biểu có mặt"),
            "invited": N_("Số đại biểu được triệu tập"),
            "chaired_by": N_("Người chủ trì"),
            "secretary": N_("Thư ký Hội nghị"),
            "period_reviewed": N_("Giai đoạn tổng kết"),
            "period_summary": N_("Tổng kết kết quả phong trào thi đua trong giai đoạn"),
        },
    ),
    "CongressNominee": RecordLabels(
        NC_("audit", "Điển hình đề nghị tại Đại hội"),
        {
            "submission_id": NC_("audit", "Hồ sơ Đại hội của đơn vị"),
            "award_title_id": N_("Hình thức khen thưởng đề nghị"),
            "sector_delegate": N_("Đại biểu dự Đại hội Thi đua ngành"),
            "provincial_delegate": N_("Đại biểu dự Đại hội Thi đua tỉnh"),
            "reason": N_("Lý do đề xuất"),
            "achievements": N_("Thành tích"),
            "nomination_id": N_("Đề nghị bình xét"),
            "conference_agree": NC_("audit", "Số đại biểu Hội nghị đồng ý đề xuất"),
            "delegate_user_id": N_("Người đại diện tập thể dự Đại hội"),
            "delegate_name": N_("Họ và tên đại biểu"),
            "delegate_birth_year": N_("Năm sinh"),
            "delegate_gender": N_("Giới tính"),
            "delegate_ethnicity": N_("Dân tộc"),
            "delegate_position": N_("Chức vụ"),
            "delegate_party_member": N_("Đảng viên"),
            "delegate_qualifications": N_("Trình độ chuyên môn, lý luận chính trị"),
        },
    ),
    "CongressHonouree": RecordLabels(
        NC_("audit", "Điển hình được biểu dương tại Đại hội"),
        {"submission_id": NC_("audit", "Hồ sơ Đại hội của đơn vị")},
    ),
}
