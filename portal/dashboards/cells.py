"""The matrix as it is shown: one cell per obligation with its state in words, an
icon, a colour (never the only signal), a link to the detail, and the totals."""

from __future__ import annotations

from collections.abc import Callable
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
from portal.urls import ID, url_pattern

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


@dataclass(frozen=True)
class Links:
    """The links of every cell, each built once per matrix (`urls.url_pattern`),
    not once per cell."""

    quota: str
    inspections: Callable[[int], str]
    open_findings: Callable[[int], str]
    overdue_findings: Callable[[int], str]
    # capability -> (its list for the period, one record's page)
    records: dict[str, tuple[str, Callable[[int], str]]]

    @classmethod
    def build(cls, period: PlanPeriod, year: int) -> Links:
        findings = "inspections.findings_index"
        record_ids = {
            "assessments": "assessment_id",
            "annualreports": "report_id",
            "congress": "submission_id",
        }
        return cls(
            quota=url_for("exemplars.quota", period_id=period.id),
            inspections=url_pattern("inspections.index", unit_id=ID, year=year),
            open_findings=url_pattern(findings, status="not_closed", unit_id=ID, year=year),
            overdue_findings=url_pattern(findings, overdue=1, unit_id=ID, year=year),
            records={
                capability: (
                    url_for(f"{capability}.index", period_id=period.id),
                    url_pattern(f"{capability}.view", **{id_name: ID}),
                )
                for capability, id_name in record_ids.items()
            },
        )

    def record(self, capability: str, record) -> str:
        listing, one = self.records[capability]
        return listing if record is None else one(record.id)


def quota_cell(row: Obligations, links: Links) -> Cell:
    """Exemplars built in the year against the quota of 1-2 (portal.exemplars.quota)."""
    flag = row.quota_flag
    return Cell(
        "quota",
        str(flag.label),
        flag.tone,
        QUOTA_ICONS[flag],
        flag != QuotaFlag.BELOW,
        links.quota,
        str(row.quota_count),
        values=(row.quota_count,),
    )


def inspections_cell(row: Obligations, links: Links) -> Cell:
    """Planned and done inspections, read as the supervision plan's coverage."""
    coverage = row.coverage
    return Cell(
        "inspections",
        str(coverage.label),
        coverage.tone,
        COVERAGE_ICONS[coverage],
        coverage == Coverage.DONE,
        links.inspections(row.unit.id),
        f"{row.planned_inspections} / {row.done_inspections}",
        values=(row.planned_inspections, row.done_inspections),
    )


def matrix_row(row: Obligations, links: Links) -> Row:
    """The cells of one unit, in the order of COLUMNS."""
    assessment, report = row.assessment, row.report
    cells = [
        quota_cell(row, links),
        review_cell(
            "assessment",
            assessment.record,
            assessment.punctuality,
            links.record("assessments", assessment.record),
            assessment.due,
        ),
        review_cell(
            "report",
            report.record,
            report.punctuality,
            links.record("annualreports", report.record),
            report.due,
        ),
        inspections_cell(row, links),
        count_cell(
            "open_findings",
            row.open_findings,
            "warning",
            "exclamation-circle-fill",
            links.open_findings(row.unit.id),
        ),
        count_cell(
            "overdue_findings",
            row.overdue_findings,
            "danger",
            "exclamation-octagon-fill",
            links.overdue_findings(row.unit.id),
            overdue=True,
        ),
        review_cell(
            "congress",
            row.congress,
            row.congress_punctuality,
            links.record("congress", row.congress),
            row.congress_due,
        ),
    ]
    return Row(row.unit.id, row.unit.name, cells)


def matrix_rows(rows: list[Obligations], period: PlanPeriod, year: int) -> list[Row]:
    links = Links.build(period, year)
    return [matrix_row(row, links) for row in rows]


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
