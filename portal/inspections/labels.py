"""Vietnamese labels of the inspection vocabularies, and the tone of their badges."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from portal.inspections.models import (
    FindingSeverity,
    FindingStatus,
    InspectionMethod,
    InspectionScope,
    ResponseKind,
)

SCOPE_LABELS = {
    InspectionScope.EMULATION: _l("Phong trào thi đua"),
    InspectionScope.EXEMPLARS: _l("Phát hiện, bồi dưỡng điển hình"),
    InspectionScope.PROPAGATION: _l("Tuyên truyền"),
    InspectionScope.REPORTS: _l("Chế độ báo cáo"),
}

METHOD_LABELS = {
    InspectionMethod.ON_SITE: _l("Trực tiếp tại đơn vị"),
    InspectionMethod.DOCUMENTS: _l("Qua hồ sơ, tài liệu"),
    InspectionMethod.ONLINE: _l("Trực tuyến"),
}

SEVERITY_LABELS = {
    # "Ghi nhận" also means "recorded" elsewhere: a context keeps the translations apart.
    FindingSeverity.OBSERVATION: lazy_pgettext("finding severity", "Ghi nhận"),
    FindingSeverity.MINOR: _l("Tồn tại nhỏ"),
    FindingSeverity.MAJOR: _l("Tồn tại lớn"),
}
SEVERITY_TONES = {
    FindingSeverity.OBSERVATION: "info",
    FindingSeverity.MINOR: "warning",
    FindingSeverity.MAJOR: "danger",
}

STATUS_LABELS = {
    FindingStatus.OPEN: _l("Chờ khắc phục"),
    FindingStatus.ANSWERED: _l("Đơn vị đã trả lời"),
    FindingStatus.CLOSED: _l("Đã đóng"),
    FindingStatus.SENT_BACK: _l("Bị trả lại"),
}
STATUS_TONES = {
    FindingStatus.OPEN: "warning",
    FindingStatus.ANSWERED: "primary",
    FindingStatus.CLOSED: "success",
    FindingStatus.SENT_BACK: "danger",
}

RESPONSE_LABELS = {
    ResponseKind.ANSWER: _l("Đơn vị trả lời"),
    ResponseKind.SEND_BACK: _l("Trả lại"),
    ResponseKind.CLOSE: _l("Xác minh, đóng"),
}


def scope_label(value: str) -> str:
    try:
        return str(SCOPE_LABELS[InspectionScope(value)])
    except ValueError:
        return value


def scopes_text(values: list[str] | None) -> str:
    return "; ".join(scope_label(v) for v in values or [])
