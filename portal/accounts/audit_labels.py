"""How the audit log names people, their roles and council assignments."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "User": RecordLabels(
        N_("Người dùng"),
        {
            "email": N_("Email"),
            "full_name": N_("Họ và tên"),
            "position": N_("Chức vụ"),
            "phone": N_("Điện thoại"),
            "active": N_("Đang hoạt động"),
            "locale": NC_("audit", "Ngôn ngữ"),
            # Details of account events (sign-in, sign-out...): not columns.
            "address": NC_("audit", "Địa chỉ IP"),
            "user_agent": NC_("audit", "Trình duyệt"),
            "reason": N_("Lý do"),
        },
    ),
    "RoleMembership": RecordLabels(NC_("audit", "Vai trò của người dùng"), {"role": N_("Vai trò")}),
    "CouncilAssignment": RecordLabels(
        NC_("audit", "Phân công thành viên Hội đồng theo dõi đơn vị"),
        {"user_id": N_("Thành viên Hội đồng"), "year": N_("Năm xét thành tích")},
    ),
}
