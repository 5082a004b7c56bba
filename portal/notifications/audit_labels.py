"""How the audit log names announcements and notification preferences."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "Announcement": RecordLabels(
        N_("Thông báo"),
        {
            "body": N_("Nội dung"),
            "to_staff": N_("Cán bộ, nhân viên của các đơn vị"),
            "to_coordinators": N_("Cán bộ thi đua của các đơn vị"),
            "to_council": N_("Thành viên Hội đồng Thi đua - Khen thưởng"),
            "all_units": N_("Tất cả các đơn vị"),
            "queued_at": NC_("audit", "Ngày xếp hàng gửi"),
            "sent_at": N_("Ngày gửi"),
        },
    ),
    "AnnouncementUnit": RecordLabels(
        NC_("audit", "Đơn vị nhận thông báo"), {"announcement_id": N_("Thông báo")}
    ),
    "NotificationPreference": RecordLabels(
        NC_("audit", "Cài đặt nhận thông báo"),
        {
            "email_mode": N_("Cách nhận thư"),
            "muted_categories": NC_("audit", "Loại thông báo đã tắt"),
        },
    ),
}
