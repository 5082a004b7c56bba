"""Small openpyxl helpers for the Excel exports of reviewed records."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from portal.formatting import format_date, format_datetime

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
MAX_WIDTH = 60


def new_sheet(workbook: Workbook | None, title: str) -> tuple[Workbook, Worksheet]:
    """A workbook whose active (or new) sheet is called `title`."""
    if workbook is None:
        workbook = Workbook()
        sheet = workbook.active
    else:
        sheet = workbook.create_sheet()
    sheet.title = title[:31]
    return workbook, sheet


def put(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one cell; text typed by users that starts with "=" stays text, never a formula."""
    cell = sheet.cell(row=row, column=column, value=_cell_value(value))
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def write_heading(sheet: Worksheet, lines: Sequence[str]) -> int:
    """Bold title lines at the top; returns the next free row."""
    for row, line in enumerate(lines, start=1):
        cell = put(sheet, row, 1, line)
        cell.font = Font(bold=row == 1, size=13 if row == 1 else 11)
    return len(lines) + 2


def write_table(
    sheet: Worksheet, headers: Sequence[str], rows: Iterable[Sequence[object]], start_row: int = 1
) -> int:
    """A header row then the rows; returns the next free row."""
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=start_row, column=column, value=str(header))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    row_number = start_row
    for row_number, row in enumerate(rows, start=start_row + 1):
        for column, value in enumerate(row, start=1):
            cell = put(sheet, row_number, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _fit_columns(sheet)
    return row_number + 2


def _cell_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str | int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):  # Excel has no time zones: write Vietnam time as text
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def _fit_columns(sheet: Worksheet) -> None:
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None and cell.row > 2:
                widths[cell.column] = max(widths.get(cell.column, 8), len(str(cell.value)) + 2)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(width, MAX_WIDTH)


def timeline_sheet(workbook: Workbook, events: list) -> None:
    """A sheet with the record's state changes (ReviewEvent rows, actors loaded)."""
    sheet = new_sheet(workbook, _("Quá trình xử lý"))[1]
    headers = [
        _("Thời điểm"),
        _("Thao tác"),
        _("Từ trạng thái"),
        _("Sang trạng thái"),
        _("Người thực hiện"),
        _("Lý do"),
    ]
    rows = [
        [
            event.at,
            event.action.label,
            event.from_state.label,
            event.to_state.label,
            event.actor.full_name if event.actor else "",
            event.reason,
        ]
        for event in events
    ]
    write_table(sheet, headers, rows)
