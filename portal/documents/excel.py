"""Excel workbooks with Vietnamese headers, shared by every export and download.

Two layouts: `build_workbook` makes list sheets (one table per sheet, headed by its
first row, frozen); `new_sheet` with `write_heading` and `write_table` makes report
sheets (title lines, then one or more tables, dates written as Vietnamese text).
Either way the bytes are the same for the same content, and text typed by users that
starts with "=" stays text, never a formula."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from flask import Response, send_file
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from portal.documents.reproducible import FIXED_DOC_TIME, normalise_zip, normalised_zip_bytes
from portal.formatting import format_date, format_datetime

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORT_HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
MAX_WIDTH = 60

# A header is its text, or (text, width) to give that column a fixed width instead of
# one sized to its content.
Header = str | tuple[str, int]
Sheet = tuple[str, Sequence[Header], Iterable[Sequence[object]]]


def build_workbook(sheets: Iterable[Sheet]) -> Workbook:
    """One sheet per (title, headers, rows); headers bold, frozen, columns sized to
    their content unless a header gives its width."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.created = workbook.properties.modified = FIXED_DOC_TIME
    workbook.properties.creator = "Cổng điển hình tiên tiến"
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        fixed = {i: h[1] for i, h in enumerate(headers, start=1) if isinstance(h, tuple)}
        texts = [str(h[0] if isinstance(h, tuple) else h) for h in headers]
        append_row(sheet, texts)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="F2DEDE")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [len(text) for text in texts]
        for row in rows:
            values = [_cell_value(v) for v in row]
            append_row(sheet, values)
            for i, value in enumerate(values):
                widths[i] = max(widths[i], min(len(str(value or "")), 60))
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = fixed.get(i, max(10, width + 2))
        for row_cells in sheet.iter_rows(min_row=2):
            for cell in row_cells:
                if isinstance(cell.value, date | datetime):
                    cell.number_format = "DD/MM/YYYY"
        sheet.freeze_panes = "A2"
    return workbook


def append_row(sheet, values: Sequence[object]) -> None:
    """Append a row whose text is never run as a formula: titles and findings are typed
    by users, and "=HYPERLINK(...)" must stay text."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        _keep_text(cell)


def new_sheet(workbook: Workbook | None, title: str) -> tuple[Workbook, Worksheet]:
    """A report workbook whose active (or new) sheet is called `title`."""
    if workbook is None:
        workbook = Workbook()
        sheet = workbook.active
    else:
        sheet = workbook.create_sheet()
    sheet.title = title[:31]
    return workbook, sheet


def put(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one cell of a report sheet."""
    cell = sheet.cell(row=row, column=column, value=_report_value(value))
    _keep_text(cell)
    return cell


def write_heading(sheet: Worksheet, lines: Sequence[str]) -> int:
    """Bold title lines at the top of a report sheet; returns the next free row."""
    for row, line in enumerate(lines, start=1):
        cell = put(sheet, row, 1, line)
        cell.font = Font(bold=row == 1, size=13 if row == 1 else 11)
    return len(lines) + 2


def write_table(
    sheet: Worksheet, headers: Sequence[str], rows: Iterable[Sequence[object]], start_row: int = 1
) -> int:
    """A header row then the rows, in a report sheet; returns the next free row."""
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=start_row, column=column, value=str(header))
        cell.font = Font(bold=True)
        cell.fill = REPORT_HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    row_number = start_row
    for row_number, row in enumerate(rows, start=start_row + 1):
        for column, value in enumerate(row, start=1):
            cell = put(sheet, row_number, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _fit_report_columns(sheet)
    return row_number + 2


def save_workbook(workbook: Workbook, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.properties.modified = FIXED_DOC_TIME
    workbook.save(str(path))
    normalise_zip(path)
    return path


def workbook_bytes(workbook: Workbook) -> bytes:
    """The .xlsx file of `workbook`, the same bytes for the same content at any time."""
    buffer = BytesIO()
    workbook.properties.modified = FIXED_DOC_TIME
    workbook.save(buffer)
    return normalised_zip_bytes(buffer.getvalue())


def xlsx_response(filename: str, sheets) -> Response:
    """Send (title, headers, rows) sheets as a download named `filename`."""
    return send_workbook(build_workbook(sheets), filename)


def send_workbook(workbook: Workbook | bytes, filename: str) -> Response:
    """Send a workbook (or its bytes) as a download named `filename` (Vietnamese letters
    allowed). Exports hold unit data: never kept by a shared cache."""
    data = workbook if isinstance(workbook, bytes) else workbook_bytes(workbook)
    response = send_file(
        BytesIO(data), mimetype=XLSX_MIME, as_attachment=True, download_name=filename
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _keep_text(cell: Cell) -> None:
    if cell.data_type == "f":
        cell.data_type = "s"


def _report_value(value: object) -> object:
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


def _fit_report_columns(sheet: Worksheet) -> None:
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None and cell.row > 2:
                widths[cell.column] = max(widths.get(cell.column, 8), len(str(cell.value)) + 2)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(width, MAX_WIDTH)


def _cell_value(value: object) -> object:
    if hasattr(value, "value") and not isinstance(value, date | datetime):
        return str(value.value)  # enums
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value
