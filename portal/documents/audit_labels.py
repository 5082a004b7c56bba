"""How the audit log names the organization's document signers."""

from portal.audit_labels import RecordLabels
from portal.msgids import N_

LABELS = {
    "DocumentSigner": RecordLabels(
        N_("Người ký văn bản của Sở"),
        {
            "kind": N_("Loại văn bản"),
            "authority": N_("Thẩm quyền ký"),
            "position": N_("Chức vụ người ký"),
            "name": N_("Họ tên người ký"),
        },
    ),
}
