"""How the audit log names council members."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_

LABELS = {
    "CouncilMember": RecordLabels(
        N_("Thành viên Hội đồng Thi đua - Khen thưởng"),
        {
            "user_id": N_("Thành viên Hội đồng"),
            "position": N_("Chức danh trong Hội đồng"),
            "title": N_("Chức vụ"),
        },
    ),
}
