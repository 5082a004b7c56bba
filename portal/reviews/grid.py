"""Units x years of a period for a yearly reviewed record: the record of each cell,
its due time and whether it was handed in on time, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from portal.extensions import db
from portal.models_base import in_ids
from portal.periods.models import PlanPeriod
from portal.reviews.deadlines import Punctuality, due_times, punctuality
from portal.tenancy import council_clause


@dataclass(frozen=True)
class GridCell:
    year: int
    record: object | None
    due: datetime
    punctuality: Punctuality

    @property
    def state(self) -> str | None:
        return self.record.state if self.record is not None else None  # type: ignore[attr-defined]

    @property
    def submitted_at(self) -> datetime | None:
        return self.record.submitted_at if self.record is not None else None  # type: ignore[attr-defined]


def yearly_grid(
    model: type,
    kind: str,
    unit_ids: list[int],
    period: PlanPeriod,
    now: datetime | None = None,
) -> dict[int, dict[int, GridCell]]:
    """{unit_id: {year: cell}} for records of `model` (which carry unit_id, period_id,
    year, state, submitted_at) of the given units in `period`: two queries
    (three with the targets of deadlines that apply to chosen units)."""
    query = select(model).where(
        in_ids(model.unit_id, unit_ids),  # type: ignore[attr-defined]
        model.period_id == period.id,  # type: ignore[attr-defined]
    )
    # A council member sees the cells of the years they are assigned to, not the others.
    council = council_clause(model)
    records = db.session.scalars(query if council is None else query.where(council))
    by_key = {(r.unit_id, r.year): r for r in records}
    due = due_times(period, kind, unit_ids)
    grid: dict[int, dict[int, GridCell]] = {}
    for unit_id in unit_ids:
        row = grid.setdefault(unit_id, {})
        for year in period.years:
            record = by_key.get((unit_id, year))
            submitted = record.submitted_at if record is not None else None
            due_at = due[(unit_id, year)]
            row[year] = GridCell(year, record, due_at, punctuality(submitted, due_at, now))
    return grid
