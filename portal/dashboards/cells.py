"""The matrix as it is shown: one cell per obligation with its state in words, an
icon, a colour (never the only signal), a link to the detail, and the totals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.council.planning import Coverage
from portal.dashboards.services import Obligations
from portal.exemplars.quota import QuotaFlag
from portal.periods.models import PlanPeriod
from portal.reviews.deadlines import Punctuality
from portal.reviews.states import SUBMITTED_STATES, ReviewState

COLUMNS = (
    ("quota", _l("Điển hình trong năm (chỉ tiêu 1-2)")),
    ("assessment", _l("Tự đánh giá")),
    ("report", _l("Báo cáo năm")),
    ("inspections", _l("Kiểm tra: kế hoạch / đã kiểm tra")),
    ("open_findings", _l("Kết luận chưa đóng")),
    ("overdue_findings", _l("Kết luận quá hạn")),
    ("congress", _l("Hồ sơ Đại hội")),
)

QUOTA_ICONS = {
    QuotaFlag.BELOW: "exclamation-triangle-fill",
    QuotaFlag.OK: "check-circle-fill",
    QuotaFlag.ABOVE: "arrow-up-circle-fill",
}
COVERAGE_ICONS = {
    Coverage.DONE: "check-circle-fill",
    Coverage.PLANNED: "calendar-event",
    Coverage.NOT_COVERED: "dash-circle",
}
STATE_ICONS = {
    ReviewState.DRAFT: "pencil",
    ReviewState.SUBMITTED: "hourglass-split",
    ReviewState.RETURNED: "arrow-counterclockwise",
    ReviewState.RESUBMITTED: "hourglass-split",
    ReviewState.ACCEPTED: "check-circle-fill",
}
STATE_CELL_TONES = {
    ReviewState.DRAFT: "secondary",
    ReviewState.SUBMITTED: "primary",
    ReviewState.RETURNED: "warning",
    ReviewState.RESUBMITTED: "primary",
    ReviewState.ACCEPTED: "success",
}


@dataclass(frozen=True)
class Cell:
    key: str
    label: str  # the state in words
    tone: str  # a Bootstrap tone
    icon: str  # a Bootstrap Icons name
    met: bool | None  # the obligation is met; None: not counted
    url: str
    text: str = ""  # the number(s) shown in the cell
    detail: str = ""  # a second line
    values: tuple[int, ...] = ()  # added up in the column total
    # When the obligation is due (None: no date), and whether that time has passed
    # without it being met: the unit's to-do list (portal.dashboards.todo) reads both.
    due: datetime | None = None
    overdue: bool = False


@dataclass
class Row:
    unit_id: int
    unit_name: str
    cells: list[Cell]

    @property
    def met(self) -> int:
        return sum(1 for c in self.cells if c.met)

    @property
    def counted(self) -> int:
        return sum(1 for c in self.cells if c.met is not None)


@dataclass
class ColumnTotal:
    key: str
    met: int = 0
    counted: int = 0
    values: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " / ".join(str(v) for v in self.values)


def review_cell(
    key: str, record, punctuality: Punctuality | None, url: str, due: datetime | None = None
) -> Cell:
    """A self-assessment, an annual report or a congress submission: its review
    state, and whether it was handed in on time."""
    state = ReviewState(record.state) if record is not None else None
    overdue = punctuality == Punctuality.OVERDUE
    if state is None:
        label, tone, icon = _("Chưa lập"), "secondary", "dash-circle"
    else:
        label, tone, icon = str(state.label), STATE_CELL_TONES[state], STATE_ICONS[state]
    if overdue and state in (None, ReviewState.DRAFT):
        tone, icon = "danger", "x-circle-fill"
    detail = str(Punctuality(punctuality).label) if punctuality is not None else ""
    met = state in SUBMITTED_STATES
    return Cell(
        key, label, tone, icon, met, url, detail=detail, due=due, overdue=overdue and not met
    )


def count_cell(
    key: str, count: int, bad_tone: str, bad_icon: str, url: str, overdue: bool = False
) -> Cell:
    """A number of findings: none is good; `overdue` when any of them is past its date."""
    if count:
        return Cell(
            key,
            _("Còn %(n)s", n=count),
            bad_tone,
            bad_icon,
            False,
            url,
            str(count),
            values=(count,),
            overdue=overdue,
        )
    return Cell(key, _("Không có"), "success", "check-circle-fill", True, url, "0", values=(0,))


def quota_cell(row: Obligations, period: PlanPeriod) -> Cell:
    """Exemplars built in the year against the quota of 1-2 (portal.exemplars.quota)."""
    flag = row.quota_flag
    return Cell(
        "quota",
        str(flag.label),
        flag.tone,
        QUOTA_ICONS[flag],
        flag != QuotaFlag.BELOW,
        url_for("exemplars.quota", period_id=period.id),
        str(row.quota_count),
        values=(row.quota_count,),
    )


def inspections_cell(row: Obligations, year: int) -> Cell:
    """Planned and done inspections, read as the supervision plan's coverage."""
    coverage = row.coverage
    return Cell(
        "inspections",
        str(coverage.label),
        coverage.tone,
        COVERAGE_ICONS[coverage],
        coverage == Coverage.DONE,
        url_for("inspections.index", unit_id=row.unit.id, year=year),
        f"{row.planned_inspections} / {row.done_inspections}",
        values=(row.planned_inspections, row.done_inspections),
    )


def matrix_row(row: Obligations, period: PlanPeriod, year: int) -> Row:
    """The cells of one unit, in the order of COLUMNS."""
    findings = {"unit_id": row.unit.id, "year": year}
    assessment, report = row.assessment, row.report
    cells = [
        quota_cell(row, period),
        review_cell(
            "assessment",
            assessment.record,
            assessment.punctuality,
            _record_url("assessments", assessment.record, period),
            assessment.due,
        ),
        review_cell(
            "report",
            report.record,
            report.punctuality,
            _record_url("annualreports", report.record, period),
            report.due,
        ),
        inspections_cell(row, year),
        count_cell(
            "open_findings",
            row.open_findings,
            "warning",
            "exclamation-circle-fill",
            url_for("inspections.findings_index", status="not_closed", **findings),
        ),
        count_cell(
            "overdue_findings",
            row.overdue_findings,
            "danger",
            "exclamation-octagon-fill",
            url_for("inspections.findings_index", overdue=1, **findings),
            overdue=True,
        ),
        review_cell(
            "congress",
            row.congress,
            row.congress_punctuality,
            _record_url("congress", row.congress, period),
            row.congress_due,
        ),
    ]
    return Row(row.unit.id, row.unit.name, cells)


def _record_url(capability: str, record, period: PlanPeriod) -> str:
    if record is None:
        return url_for(f"{capability}.index", period_id=period.id)
    ids = {
        "assessments": "assessment_id",
        "annualreports": "report_id",
        "congress": "submission_id",
    }
    return url_for(f"{capability}.view", **{ids[capability]: record.id})


def matrix_rows(rows: list[Obligations], period: PlanPeriod, year: int) -> list[Row]:
    return [matrix_row(row, period, year) for row in rows]


def column_totals(rows: list[Row]) -> list[ColumnTotal]:
    """Per column: how many units meet the obligation, and the sums of its numbers."""
    totals = [ColumnTotal(key) for key, _label in COLUMNS]
    for row in rows:
        for total, cell in zip(totals, row.cells, strict=True):
            if cell.met is not None:
                total.counted += 1
                total.met += int(cell.met)
            if cell.values:
                if not total.values:
                    total.values = [0] * len(cell.values)
                total.values = [a + b for a, b in zip(total.values, cell.values, strict=True)]
    return totals
