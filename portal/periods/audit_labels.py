"""How the audit log names plan periods."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "PlanPeriod": RecordLabels(
        N_("Kỳ kế hoạch"),
        {
            "name": NC_("audit", "Tên kỳ"),
            "title": N_("Tên kế hoạch"),
            "start_year": N_("Năm bắt đầu"),
            "end_year": N_("Năm kết thúc"),
            "is_current": N_("Kỳ hiện hành"),
        },
    ),
}
