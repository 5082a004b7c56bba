"""The due items of the exemplars: fostering actions with a due date, reminded to their
owner (plan II.1). Registered with the deadlines' providers by portal/registry.py."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select

from portal.deadlines.item_providers import end_of_day, owned_action, short, unit_filters
from portal.deadlines.links import portal_path
from portal.deadlines.providers import DueItem, DueItemKind, ItemQuery, coordinators_by_unit
from portal.exemplars.models import Exemplar, FosteringAction
from portal.extensions import db
from portal.i18n import LocalText
from portal.msgids import N_
from portal.organizations.models import Unit


def fostering_items(query: ItemQuery) -> Iterator[DueItem]:
    """Fostering actions of exemplars (plan II.1), reminded to their owner."""
    stmt = (
        select(FosteringAction, Exemplar.name, Unit.name, Unit.organization_id)
        .join(Exemplar, Exemplar.id == FosteringAction.exemplar_id)
        .join(Unit, Unit.id == FosteringAction.unit_id)
        .where(FosteringAction.due_date.is_not(None), FosteringAction.status != "cancelled")
    )
    if query.pending_only:
        stmt = stmt.where(FosteringAction.status != "done")
    stmt = unit_filters(stmt, FosteringAction, query)
    rows = db.session.execute(stmt).all()
    coordinators = coordinators_by_unit({row[0].unit_id for row in rows})
    for action, exemplar_name, unit_name, org_id in rows:
        yield owned_action(
            coordinators,
            action.owner_user_id,
            key=f"fostering_action:{action.id}",
            kind=DueItemKind.FOSTERING_ACTION,
            organization_id=org_id,
            unit_id=action.unit_id,
            unit_name=unit_name,
            title=LocalText(
                N_("Bồi dưỡng điển hình «%(exemplar)s»: %(action)s"),
                exemplar=exemplar_name,
                action=short(action.description),
            ),
            due_at=end_of_day(action.due_date),
            link=portal_path("exemplars.detail", exemplar_id=action.exemplar_id),
            completed=_value(action.status) == "done",
            detail=action.owner_name or "",
        )


def _value(state: object) -> object:
    return getattr(state, "value", state)
