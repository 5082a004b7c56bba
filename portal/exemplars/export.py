"""The exemplar list as an Excel workbook, with Vietnamese headers."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from portal.documents.excel import append_row, workbook_bytes
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
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Điển hình tiên tiến")[:31]
    columns = _columns()
    sheet.append([header for header, _width in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for index, (_header, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for number, exemplar in enumerate(exemplars, start=1):
        append_row(sheet, _row(number, exemplar))
    sheet.freeze_panes = "A2"
    return workbook_bytes(workbook)
