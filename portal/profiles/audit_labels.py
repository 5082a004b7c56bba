"""How the audit log names the profiles, their fields and the exports of a person's
particulars."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "UnitProfile": RecordLabels(
        NC_("audit", "Hồ sơ đơn vị"),
        {
            "unit_id": N_("Đơn vị"),
            "address": N_("Địa chỉ trụ sở"),
            "telephone": N_("Điện thoại"),
            "email": N_("Thư điện tử"),
            "website": N_("Trang thông tin điện tử"),
            "founded_on": N_("Ngày thành lập"),
            "history": N_("Quá trình thành lập và phát triển"),
            "functions": N_("Chức năng, nhiệm vụ"),
            "organisation": N_("Cơ cấu tổ chức"),
            "staff_total": N_("Tổng số cán bộ, công chức, viên chức, người lao động"),
            "staff_female": N_("Số nữ"),
            "staff_party_members": N_("Số đảng viên"),
            "party_organisation": N_("Tổ chức Đảng (Đảng bộ, Chi bộ)"),
            "trade_union": N_("Công đoàn"),
            "youth_union": N_("Đoàn Thanh niên"),
            "veterans_association": N_("Hội Cựu chiến binh"),
            "women_union": N_("Hội Phụ nữ (Ban Nữ công)"),
            "organisations_work": N_(
                "Công tác xây dựng Đảng, đoàn thể; hoạt động xã hội, từ thiện"
            ),
        },
    ),
    "PersonProfile": RecordLabels(
        NC_("audit", "Hồ sơ cá nhân"),
        {
            "user_id": N_("Người"),
            "birth_date": N_("Ngày sinh"),
            "gender": N_("Giới tính"),
            "ethnicity": N_("Dân tộc"),
            "home_town": N_("Quê quán"),
            "residence": N_("Trú quán"),
            "party_position": N_("Chức vụ Đảng"),
            "government_position": N_("Chức vụ chính quyền"),
            "mass_position": N_("Chức vụ đoàn thể"),
            "professional_qualification": N_("Trình độ chuyên môn, nghiệp vụ"),
            "political_qualification": N_("Trình độ lý luận chính trị"),
            "academic_title": N_("Học hàm, học vị"),
            "duties": N_("Quyền hạn, nhiệm vụ được giao hoặc đảm nhận"),
            # Details of an export (services.record_export): not columns.
            "person": N_("Người"),
            "document": NC_("audit", "Văn bản đã xuất"),
            "exported_fields": NC_("audit", "Thông tin cá nhân đã xuất"),
        },
    ),
}
