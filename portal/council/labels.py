"""Vietnamese labels of council positions and supervision coverage."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.council.models import CouncilPosition

POSITION_LABELS = {
    CouncilPosition.CHAIR: _l("Chủ tịch Hội đồng"),
    CouncilPosition.VICE_CHAIR: _l("Phó Chủ tịch Hội đồng"),
    CouncilPosition.SECRETARY: _l("Thư ký Hội đồng"),
    CouncilPosition.MEMBER: _l("Ủy viên"),
}

COVERAGE_LABELS = {
    "done": _l("Đã kiểm tra"),
    "planned": _l("Đã có kế hoạch, chưa kiểm tra"),
    "not_covered": _l("Chưa có kế hoạch, chưa kiểm tra"),
}
COVERAGE_TONES = {"done": "success", "planned": "info", "not_covered": "warning"}
