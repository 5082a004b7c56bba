"""What the unit workspace home shows, gathered in a handful of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from portal.exemplars.fostering import open_actions
from portal.exemplars.models import Exemplar, ExemplarEvent, ExemplarStatus, FosteringAction
from portal.exemplars.queries import recent_events, status_counts
from portal.exemplars.quota import quota_flag, unit_quota
from portal.extensions import db
from portal.inspections.models import InspectionFinding
from portal.inspections.services import open_findings_for_unit
from portal.organizations.models import Unit
from portal.propagation.models import PropagationActivity
from portal.tenancy import council_clause

OPEN_ACTIONS_SHOWN = 15
RECENT_EVENTS_SHOWN = 10
RECENT_ACTIVITIES_SHOWN = 5


@dataclass
class UnitSummary:
    unit: Unit
    year: int
    today: date
    status_counts: dict[ExemplarStatus, int]
    quota_count: int
    quota_flag: str
    open_actions: list[FosteringAction]
    recent_events: list[ExemplarEvent]
    open_findings: list[InspectionFinding]
    recent_activities: list[PropagationActivity]

    @property
    def total_exemplars(self) -> int:
        return sum(self.status_counts.values())

    @property
    def overdue_count(self) -> int:
        return sum(1 for action in self.open_actions if action.is_overdue(self.today))


def _kept(model: type) -> tuple:
    """For a council member reading the unit, only the records of their assigned years
    (`tenancy.council_clause`); nothing to add for anyone else."""
    clause = council_clause(model)
    return () if clause is None else (clause,)


def unit_summary(unit: Unit, today: date) -> UnitSummary:
    """Exemplars by status, this year's quota, open fostering actions, recent events,
    and the findings of inspections the unit has still to act on. A council member
    sees only what their assigned years let them read (issue 16)."""
    count = unit_quota([unit.id], [today.year])[(unit.id, today.year)]
    return UnitSummary(
        unit=unit,
        year=today.year,
        today=today,
        status_counts=status_counts([unit.id], *_kept(Exemplar)),
        quota_count=count,
        quota_flag=quota_flag(count),
        open_actions=open_actions([unit.id], OPEN_ACTIONS_SHOWN, *_kept(FosteringAction)),
        recent_events=recent_events([unit.id], RECENT_EVENTS_SHOWN, *_kept(ExemplarEvent)),
        open_findings=open_findings_for_unit(unit.id, *_kept(InspectionFinding)),
        recent_activities=recent_activities(unit.id),
    )


def recent_activities(unit_id: int) -> list[PropagationActivity]:
    """The unit's latest propagation activities (plan II.3), newest first."""
    return list(
        db.session.scalars(
            select(PropagationActivity)
            .where(PropagationActivity.unit_id == unit_id, *_kept(PropagationActivity))
            .order_by(PropagationActivity.activity_date.desc(), PropagationActivity.id.desc())
            .limit(RECENT_ACTIVITIES_SHOWN)
        )
    )
