"""How the audit log names the steps of a review (submitted, returned, accepted)."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "ReviewEvent": RecordLabels(
        NC_("audit", "Bước xem xét hồ sơ"),
        {
            "subject_type": N_("Loại hồ sơ"),
            "subject_id": NC_("audit", "Mã hồ sơ"),
            "action": N_("Thao tác"),
            "from_state": NC_("audit", "Trạng thái trước"),
            "to_state": NC_("audit", "Trạng thái sau"),
            "reason": N_("Lý do"),
            "actor_id": N_("Người thực hiện"),
            "at": N_("Thời gian"),
        },
    ),
}
