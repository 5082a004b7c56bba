"""How the audit log names the steps of a review (submitted, returned, accepted)."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_

LABELS = {
    "ReviewEvent": RecordLabels(
        N_("Bước xem xét hồ sơ"),
        {
            "subject_type": N_("Loại hồ sơ"),
            "subject_id": N_("Mã hồ sơ"),
            "action": N_("Thao tác"),
            "from_state": N_("Trạng thái trước"),
            "to_state": N_("Trạng thái sau"),
            "reason": N_("Lý do"),
            "actor_id": N_("Người thực hiện"),
            "at": N_("Thời gian"),
        },
    ),
}
