"""The exemplar list as an Excel workbook, with Vietnamese headers."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _

from portal.documents.excel import build_workbook, workbook_bytes
from portal.exemplars.models import Exemplar


def _columns() -> list[tuple[str, int]]:
    """(header, width) of each column."""
    return [
        (_("STT"), 6),
        (_("Đơn vị"), 30),
        (_("Loại"), 10),
        (_("Tên điển hình"), 36),
        (_("Chức vụ"), 22),
        (_("Lĩnh vực"), 22),
        (_("Phong trào thi đua"), 30),
        (_("Năm phát hiện"), 12),
        (_("Năm công nhận"), 12),
        (_("Cấp công nhận"), 16),
        (_("Trạng thái"), 16),
        (_("Thành tích"), 50),
        (_("Sáng kiến"), 50),
        (_("Lý do dừng theo dõi"), 30),
    ]


def _row(number: int, e: Exemplar) -> list:
    return [
        number,
        e.unit.name,
        str(e.kind.label),
        e.name,
        e.position,
        e.field_of_work,
        e.movement,
        e.year_identified,
        e.year_recognised,
        str(e.level.label),
        str(e.status.label),
        e.achievements,
        e.initiatives,
        e.drop_reason,
    ]


def exemplars_workbook(exemplars: Iterable[Exemplar]) -> bytes:
    """An .xlsx of the exemplars (unit and person expected loaded)."""
    rows = (_row(number, exemplar) for number, exemplar in enumerate(exemplars, start=1))
    return workbook_bytes(build_workbook([(_("Điển hình tiên tiến"), _columns(), rows)]))
