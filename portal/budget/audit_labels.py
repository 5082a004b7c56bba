"""How the audit log names the programme's budget."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_, NC_

LABELS = {
    "ProgrammeBudget": RecordLabels(
        N_("Kinh phí chương trình"),
        {
            "year": NC_("audit", "Năm"),
            "unit_id": NC_("audit", "Đơn vị"),
            "amount_vnd": N_("Kinh phí được giao (đồng)"),
            "note": N_("Ghi chú"),
        },
    ),
}
