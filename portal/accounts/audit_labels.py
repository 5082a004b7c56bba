"""How the audit log names people, their roles and council assignments."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_

LABELS = {
    "User": RecordLabels(
        N_("Người dùng"),
        {
            "email": N_("Email"),
            "full_name": N_("Họ và tên"),
            "position": N_("Chức vụ"),
            "phone": N_("Điện thoại"),
            "active": N_("Đang hoạt động"),
            "locale": N_("Ngôn ngữ"),
            # Details of account events (sign-in, sign-out...): not columns.
            "address": N_("Địa chỉ IP"),
            "user_agent": N_("Trình duyệt"),
            "reason": N_("Lý do"),
        },
    ),
    "RoleMembership": RecordLabels(N_("Vai trò của người dùng"), {"role": N_("Vai trò")}),
    "CouncilAssignment": RecordLabels(
        N_("Phân công thành viên Hội đồng theo dõi đơn vị"),
        {"user_id": N_("Thành viên Hội đồng"), "year": N_("Năm xét thành tích")},
    ),
}
