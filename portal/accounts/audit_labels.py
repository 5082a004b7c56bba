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
        codes={
            "reason": {
                "password": NC_("audit", "Sai mật khẩu"),
                "throttled_account": NC_("audit", "Tài khoản đang tạm khóa"),
                "throttled_address": NC_("audit", "Địa chỉ đăng nhập sai quá nhiều lần"),
                "deactivated": NC_("audit", "Tài khoản bị khóa"),
                "reactivated": NC_("audit", "Tài khoản được mở lại"),
                "role_change": NC_("audit", "Đổi vai trò"),
                "all_devices": NC_("audit", "Đăng xuất khỏi mọi thiết bị"),
            }
        },
    ),
    "RoleMembership": RecordLabels(NC_("audit", "Vai trò của người dùng"), {"role": N_("Vai trò")}),
    "CouncilAssignment": RecordLabels(
        NC_("audit", "Phân công thành viên Hội đồng theo dõi đơn vị"),
        {"user_id": N_("Thành viên Hội đồng"), "year": N_("Năm xét thành tích")},
    ),
}
