"""The due items of the inspections: corrective actions of findings, reminded to their
owner (plan III.4). Registered with the deadlines' providers by portal/registry.py."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select

from portal.deadlines.item_providers import end_of_day, owned_action, short, unit_filters
from portal.deadlines.links import portal_path
from portal.deadlines.providers import DueItem, DueItemKind, ItemQuery, coordinators_by_unit
from portal.extensions import db
from portal.formatting import format_date
from portal.i18n import LocalText
from portal.inspections.models import Inspection, InspectionFinding
from portal.msgids import N_
from portal.organizations.models import Unit


def finding_items(query: ItemQuery) -> Iterator[DueItem]:
    """Corrective actions of inspection findings (plan III.4), reminded to their owner."""
    stmt = (
        select(InspectionFinding, Inspection.inspection_date, Unit.name, Unit.organization_id)
        .join(Inspection, Inspection.id == InspectionFinding.inspection_id)
        .join(Unit, Unit.id == InspectionFinding.unit_id)
        .where(InspectionFinding.due_date.is_not(None), InspectionFinding.corrective_action != "")
    )
    if query.pending_only:
        stmt = stmt.where(InspectionFinding.status.in_(["open", "sent_back"]))
    stmt = unit_filters(stmt, InspectionFinding, query)
    rows = db.session.execute(stmt).all()
    coordinators = coordinators_by_unit({row[0].unit_id for row in rows})
    for finding, inspected_on, unit_name, org_id in rows:
        yield owned_action(
            coordinators,
            finding.action_owner_user_id,
            key=f"finding_action:{finding.id}",
            kind=DueItemKind.FINDING_ACTION,
            organization_id=org_id,
            unit_id=finding.unit_id,
            unit_name=unit_name,
            title=LocalText(
                N_("Khắc phục sau kiểm tra ngày %(day)s: %(action)s"),
                day=format_date(inspected_on),
                action=short(finding.corrective_action),
            ),
            due_at=end_of_day(finding.due_date),
            link=portal_path("inspections.finding_detail", finding_id=finding.id),
            completed=_value(finding.status) not in ("open", "sent_back"),
            detail=finding.action_owner_name or "",
        )


def _value(state: object) -> object:
    return getattr(state, "value", state)
