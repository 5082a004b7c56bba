"""Excel workbooks with Vietnamese headers: the one module every export and download uses.

Two layouts: `build_workbook` makes list sheets (one table per sheet, headed by its
first row); `new_sheet` with `write_heading` and `write_table` makes report sheets
(title lines, then one or more tables). Either way:

- values keep their type: dates are dates shown dd/mm/yyyy, moments are Vietnam time
  shown dd/mm/yyyy hh:mm, numbers are numbers, money (`money`) is a number shown
  `#,##0 ₫`, percentages (`percent`) are fractions shown `0.00%`. Number formats are
  written with Excel's neutral separators ("," for thousands, "." for decimals): Excel
  and LibreOffice show them with the reader's locale, so a Vietnamese installation shows
  1.250.000 ₫ and 85,25%, and the numbers still add up. Writing "1.250.000" as text,
  as the exports did, gave cells nobody could sum or sort;
- the table's header row is frozen, and each column is as wide as its contents (the
  longest value, or the longest word of the header, which wraps), never as wide as a
  title line: an "STT" column stays narrow;
- text typed by users that starts with "=" stays text, never a formula;
- the bytes are the same for the same content (fixed properties and ZIP entry times)."""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
from portal.formatting import local_datetime

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
CREATOR = "Cổng điển hình tiên tiến"
MAX_WIDTH = 60
MIN_WIDTH = 4
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
INTEGER_FORMAT = "0"  # STT, years, counts: as typed
DECIMAL_FORMAT = "#,##0.00"
MONEY_FORMAT = '#,##0 "₫"'
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.00%"

# A header is its text, or (text, width) to give that column a fixed width instead of
# one sized to its content.
Header = str | tuple[str, int]
Sheet = tuple[str, Sequence[Header], Iterable[Sequence[object]]]


@dataclass(frozen=True)
class Typed:
    """A number with the format Excel shows it in (see `money`, `percent`, `decimal`)."""

    value: float | int | None
    number_format: str


def money(value: int | float | Decimal | None) -> Typed:
    """VND: a whole number shown with thousands separators and ₫."""
    return Typed(None if value is None else int(value), MONEY_FORMAT)


def count(value: int | None) -> Typed:
    """A count large enough to need thousands separators (people reached, hours)."""
    return Typed(value, COUNT_FORMAT)


def decimal(value: int | float | Decimal | None, places: int = 2) -> Typed:
    """A number with `places` decimals (scores, weights, hours)."""
    shown = "0." + "0" * places if places else "0"
    return Typed(None if value is None else float(value), "#,##" + shown)


def percent(value: int | float | Decimal | None, of: int = 100) -> Typed:
    """A percentage given out of `of` (85.25 of 100 is 85,25%)."""
    return Typed(None if value is None else float(value) / of, PERCENT_FORMAT)


# Column widths seen so far on each report sheet, so that a sheet with several tables
# takes the widest content of all of them (and never its title lines).
_WIDTHS: weakref.WeakKeyDictionary[Worksheet, dict[int, int]] = weakref.WeakKeyDictionary()


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.properties.created = workbook.properties.modified = FIXED_DOC_TIME
    workbook.properties.creator = CREATOR
    return workbook


def build_workbook(sheets: Iterable[Sheet]) -> Workbook:
    """One sheet per (title, headers, rows); headers bold and frozen, columns sized to
    their content unless a header gives its width."""
    workbook = new_workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        fixed = {i: h[1] for i, h in enumerate(headers, start=1) if isinstance(h, tuple)}
        texts = [str(h[0] if isinstance(h, tuple) else h) for h in headers]
        write_table(sheet, texts, rows)
        for column, width in fixed.items():
            sheet.column_dimensions[get_column_letter(column)].width = width
    return workbook


def new_sheet(workbook: Workbook | None, title: str) -> tuple[Workbook, Worksheet]:
    """A report workbook whose active (or new) sheet is called `title`."""
    if workbook is None:
        workbook = new_workbook()
        sheet = workbook.active
    else:
        sheet = workbook.create_sheet()
    sheet.title = title[:31]
    return workbook, sheet


def put(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one cell with its type and format; text typed by users is never run as a
    formula ("=HYPERLINK(...)" stays text)."""
    value, number_format = _typed(value)
    cell = sheet.cell(row=row, column=column, value=value)
    if cell.data_type == "f":
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format
    return cell


def write_heading(sheet: Worksheet, lines: Sequence[str]) -> int:
    """Bold title lines at the top of a report sheet; returns the next free row. They
    overflow into the empty cells on their right and never widen a column."""
    for row, line in enumerate(lines, start=1):
        cell = put(sheet, row, 1, line)
        cell.font = Font(bold=row == 1, size=13 if row == 1 else 11)
    return len(lines) + 2


def write_table(
    sheet: Worksheet, headers: Sequence[str], rows: Iterable[Sequence[object]], start_row: int = 1
) -> int:
    """A header row then the rows; returns the next free row but one. The sheet's first
    table's header row (and what is above it) is frozen."""
    widths = _WIDTHS.setdefault(sheet, {})
    for column, header in enumerate(headers, start=1):
        cell = put(sheet, start_row, column, str(header))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        longest_word = max((len(word) for word in str(header).split()), default=0)
        widths[column] = max(widths.get(column, MIN_WIDTH), longest_word)
    row_number = start_row
    for row_number, row in enumerate(rows, start=start_row + 1):
        for column, value in enumerate(row, start=1):
            cell = put(sheet, row_number, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[column] = max(widths.get(column, MIN_WIDTH), _shown_length(cell))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, MAX_WIDTH)
    if sheet.freeze_panes is None:
        sheet.freeze_panes = f"A{start_row + 1}"
    return row_number + 2


def save_workbook(workbook: Workbook, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.properties.created = workbook.properties.modified = FIXED_DOC_TIME
    workbook.save(str(path))
    normalise_zip(path)
    return path


def workbook_bytes(workbook: Workbook) -> bytes:
    """The .xlsx file of `workbook`, the same bytes for the same content at any time."""
    buffer = BytesIO()
    workbook.properties.created = workbook.properties.modified = FIXED_DOC_TIME
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


def _typed(value: object) -> tuple[object, str | None]:
    """The cell value and its number format."""
    if isinstance(value, Typed):
        return value.value, value.number_format
    if value is None or isinstance(value, str | bool):
        return value, None
    if isinstance(value, int):
        return value, INTEGER_FORMAT
    if isinstance(value, float | Decimal):
        return float(value), DECIMAL_FORMAT
    if isinstance(value, datetime):  # stored in UTC; Excel has no time zones: Vietnam time
        return local_datetime(value).replace(tzinfo=None, microsecond=0), DATETIME_FORMAT
    if isinstance(value, date):
        return value, DATE_FORMAT
    if hasattr(value, "label"):  # enums
        return str(value.label), None
    if hasattr(value, "value"):
        return str(value.value), None
    return str(value), None


def _shown_length(cell: Cell) -> int:
    """About how many characters the cell shows (its longest line)."""
    value = cell.value
    if value is None:
        return 0
    if isinstance(value, datetime):
        return len("dd/mm/yyyy hh:mm")
    if isinstance(value, date):
        return len("dd/mm/yyyy")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if cell.number_format == PERCENT_FORMAT:
            return len(f"{value * 100:.2f}%")
        digits = len(f"{abs(value):.0f}")
        decimals = 3 if cell.number_format not in (INTEGER_FORMAT, COUNT_FORMAT) else 0
        grouped = 0 if cell.number_format == INTEGER_FORMAT else (digits - 1) // 3
        return digits + grouped + decimals + (2 if cell.number_format == MONEY_FORMAT else 0)
    return max((len(line) for line in str(value).splitlines()), default=0)
