"""The Office's matrix: units x years of a period, with the self-assessment and the
annual report of each cell (state, first submission, on time or late)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from openpyxl import Workbook

from portal.annualreports.models import AnnualReport
from portal.assessments.models import SelfAssessment
from portal.documents.excel import new_sheet, write_heading, write_table
from portal.formatting import local_datetime
from portal.organizations.models import Unit
from portal.periods.models import PlanPeriod
from portal.reviews.grid import GridCell, yearly_grid

ASSESSMENT_KIND = "self_assessment"
REPORT_KIND = "annual_report"


@dataclass(frozen=True)
class MatrixRow:
    unit: Unit
    assessments: dict[int, GridCell]
    reports: dict[int, GridCell]


def build_matrix(
    units: list[Unit], period: PlanPeriod, now: datetime | None = None
) -> list[MatrixRow]:
    """One row per unit; four queries whatever the number of units."""
    unit_ids = [unit.id for unit in units]
    assessments = yearly_grid(SelfAssessment, ASSESSMENT_KIND, unit_ids, period, now)
    reports = yearly_grid(AnnualReport, REPORT_KIND, unit_ids, period, now)
    return [MatrixRow(unit, assessments[unit.id], reports[unit.id]) for unit in units]


def _cell_values(cell: GridCell) -> list[object]:
    state = cell.record.state.label if cell.record is not None else _("Chưa lập")
    return [
        str(state),
        cell.submitted_at,
        local_datetime(cell.due).date(),  # the day; its end is 23:59 Vietnam time
        str(cell.punctuality.label),
    ]


def matrix_workbook(rows: list[MatrixRow], period: PlanPeriod) -> Workbook:
    workbook, sheet = new_sheet(None, _("Tình hình nộp"))
    start = write_heading(
        sheet,
        [
            _("Tình hình nộp tự đánh giá và báo cáo năm, kỳ %(period)s", period=period.name),
            _("Hạn nộp mặc định: 15/12 hằng năm, trừ khi Văn phòng Sở đặt hạn khác."),
        ],
    )
    headers = [_("Đơn vị"), _("Năm")]
    for label in (_("Tự đánh giá"), _("Báo cáo năm")):
        headers += [
            f"{label}: {_('trạng thái')}",
            f"{label}: {_('ngày nộp')}",
            f"{label}: {_('hạn nộp')}",
            f"{label}: {_('đúng hạn / muộn')}",
        ]
    lines = []
    for row in rows:
        for year in period.years:
            line: list[object] = [row.unit.name, year]
            for cell in (row.assessments[year], row.reports[year]):
                line += _cell_values(cell)
            lines.append(line)
    write_table(sheet, headers, lines, start_row=start)
    return workbook
