"""Excel workbooks with Vietnamese headers, shared by every export."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from flask import Response, send_file
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from portal.documents.reproducible import FIXED_DOC_TIME, normalise_zip, normalised_zip_bytes

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


Sheet = tuple[str, Sequence[str], Iterable[Sequence[object]]]


def build_workbook(sheets: Iterable[Sheet]) -> Workbook:
    """One sheet per (title, headers, rows); headers bold, frozen, columns sized."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.created = workbook.properties.modified = FIXED_DOC_TIME
    workbook.properties.creator = "Cổng điển hình tiên tiến"
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        append_row(sheet, [str(h) for h in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="F2DEDE")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [len(str(h)) for h in headers]
        for row in rows:
            values = [_cell_value(v) for v in row]
            append_row(sheet, values)
            for i, value in enumerate(values):
                widths[i] = max(widths[i], min(len(str(value or "")), 60))
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = max(10, width + 2)
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
        if cell.data_type == "f":
            cell.data_type = "s"


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


def _cell_value(value: object) -> object:
    if hasattr(value, "value") and not isinstance(value, date | datetime):
        return str(value.value)  # enums
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value
