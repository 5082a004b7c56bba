"""A unit's to-do list ("Việc sắp đến hạn"): every obligation its dashboard counts and
has not met, then the due items of the providers (fostering actions, corrective
actions, the Office's other deadlines), overdue first.

The obligations are read from the very cells the dashboard shows (`cells.Row`), so the
two cannot disagree: an overdue self-assessment with no Office deadline (due by the
period's default date) or one whose reminders are off is on both. A deadline's due
item that stands for one of those cells (same kind, period and year) is left out, so
nothing is listed twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from portal.dashboards.cells import COLUMNS, Row
from portal.deadlines.providers import DueItem
from portal.deadlines.views import ItemRow
from portal.formatting import format_datetime
from portal.periods.models import PlanPeriod

# The dashboard cell that stands for each kind of deadline, and whether it is yearly
# (a congress submission is one per period).
CELL_OF_DEADLINE_KIND = {
    "self_assessment": ("assessment", True),
    "annual_report": ("report", True),
    "congress_submission": ("congress", False),
}
LABELS = dict(COLUMNS)


@dataclass(frozen=True)
class TodoRow:
    title: str
    kind: str  # what sort of thing it is, in words
    link: str  # the page where it is done
    due_at: datetime | None
    due_text: str
    overdue: bool
    state: str  # where it stands, in words
    obligation: bool  # one of the dashboard's counted obligations


def obligation_rows(row: Row, year: int) -> list[TodoRow]:
    """One row per obligation the dashboard counts and the unit has not met."""
    return [
        TodoRow(
            title=_("%(what)s, năm %(year)s", what=LABELS[cell.key], year=year),
            kind=_("Nhiệm vụ năm"),
            link=cell.url,
            due_at=cell.due,
            due_text=format_datetime(cell.due) if cell.due else "",
            overdue=cell.overdue,
            state=" · ".join(part for part in (cell.label, cell.detail) if part),
            obligation=True,
        )
        for cell in row.cells
        if cell.met is False
    ]


def stands_for_a_cell(item: DueItem, period: PlanPeriod, year: int) -> bool:
    if item.obligation is None:
        return False
    kind, period_id, item_year = item.obligation
    cell = CELL_OF_DEADLINE_KIND.get(kind)
    if cell is None or period_id != period.id:
        return False
    _key, yearly = cell
    return item_year == year or not yearly


def item_rows(items: list[ItemRow], period: PlanPeriod, year: int) -> list[TodoRow]:
    """The providers' due items that no dashboard cell already stands for."""
    return [
        TodoRow(
            title=r.item.title,
            kind=str(r.item.kind.label),
            link=r.item.link,
            due_at=r.item.due_at,
            due_text=r.due_text,
            overdue=r.overdue,
            state=_("Quá hạn") if r.overdue else _("Chưa hoàn thành"),
            obligation=False,
        )
        for r in items
        if not stands_for_a_cell(r.item, period, year)
    ]


def todo_list(row: Row, items: list[ItemRow], period: PlanPeriod, year: int) -> list[TodoRow]:
    """Overdue first, then by due date (undated last), obligations before items."""
    rows = obligation_rows(row, year) + item_rows(items, period, year)
    return sorted(
        rows,
        key=lambda r: (
            not r.overdue,
            r.due_at is None,
            r.due_at.timestamp() if r.due_at else 0,
            not r.obligation,
        ),
    )
