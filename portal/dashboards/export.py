"""The dashboard's Excel export: the matrix and every chart's numbers, one sheet each,
byte-for-byte the same for the same data and day (fixed times, like the dossiers)."""

from __future__ import annotations

from flask import Response
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.dashboards.cells import COLUMNS, ColumnTotal, Row
from portal.dashboards.charts import Chart
from portal.documents.excel import Sheet, xlsx_response

# Sheet names: at most 31 characters, none of : \ / ? * [ ].
CHART_SHEETS = {
    "exemplars_by_status": _l("Điển hình theo trạng thái"),
    "exemplars_per_year": _l("Điển hình theo năm"),
    "propagation_by_month": _l("Tuyên truyền theo tháng"),
    "findings_by_severity": _l("Kết luận kiểm tra"),
    "reminders_per_week": _l("Nhắc hạn theo tuần"),
}


def matrix_sheet(rows: list[Row], totals: list[ColumnTotal] | None) -> Sheet:
    """Per unit: each obligation's state and its numbers (or punctuality), then
    how many obligations it meets; a last row with the column totals."""
    headers = [_("Đơn vị")]
    for _key, label in COLUMNS:
        headers += [f"{label}: {_('tình trạng')}", f"{label}: {_('số liệu')}"]
    headers.append(_("Số mục đạt"))
    lines: list[list[object]] = []
    for row in rows:
        line: list[object] = [row.unit_name]
        for cell in row.cells:
            line += [cell.label, _figure(cell.values, cell.text or cell.detail)]
        line.append(f"{row.met}/{row.counted}")
        lines.append(line)
    if totals is not None:
        line = [_("Tổng")]
        for total in totals:
            line += [
                _("%(met)s/%(n)s đạt", met=total.met, n=total.counted),
                _figure(total.values, total.text),
            ]
        line.append("")
        lines.append(line)
    return (_("Ma trận"), headers, lines)


def _figure(values, text: str) -> object:
    """One number as a number (it adds up in Excel); "planned / done" stays text."""
    return values[0] if len(values) == 1 else text


def chart_sheet(chart: Chart) -> Sheet:
    return (str(CHART_SHEETS[chart.key]), chart.headers(), chart.rows())


def workbook_response(
    filename: str, rows: list[Row], totals: list[ColumnTotal] | None, charts: list[Chart]
) -> Response:
    sheets = [matrix_sheet(rows, totals), *(chart_sheet(c) for c in charts)]
    return xlsx_response(filename, sheets)
