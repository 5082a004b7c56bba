"""Who reads which award decision. The Office writes; the Office and the Director
read every decision of the organization; a unit's coordinator and staff read the
issued decisions that name someone of their unit, and only their unit's rows of them
(a draft is the Office's work in progress: names and amounts may still change).
Anything else, like another organization's decision, is 404."""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from portal.accounts.models import Role
from portal.awards.models import AwardDecision, AwardRecipient, DecisionStatus
from portal.models_base import in_ids
from portal.tenancy import get_org_owned_or_404, org_scoped, roles_required, sees_whole_organization

READERS = (Role.OFFICE_ADMIN, Role.VIEWER, Role.COORDINATOR, Role.STAFF)
readers_required = roles_required(*READERS)

FULL_DECISION = (
    selectinload(AwardDecision.recipients).selectinload(AwardRecipient.unit),
    selectinload(AwardDecision.amendments),
    selectinload(AwardDecision.award_title),
)


def own_unit_ids() -> set[int] | None:
    """The units whose rows the user reads; None: every unit of the organization."""
    if sees_whole_organization(current_user):
        return None
    return current_user.unit_ids_with(Role.COORDINATOR, Role.STAFF)


def visible_decisions() -> Select:
    query = org_scoped(AwardDecision)
    units = own_unit_ids()
    if units is not None:
        named = select(AwardRecipient.decision_id).where(in_ids(AwardRecipient.unit_id, units))
        query = query.where(
            AwardDecision.id.in_(named), AwardDecision.status == DecisionStatus.ISSUED
        )
    return query


def get_decision_or_404(decision_id: int, full: bool = False) -> AwardDecision:
    decision = get_org_owned_or_404(
        AwardDecision, decision_id, options=FULL_DECISION if full else ()
    )
    units = own_unit_ids()
    if units is not None and not (
        decision.is_issued and any(r.unit_id in units for r in decision.recipients)
    ):
        abort(404)
    return decision


def shown_recipients(decision: AwardDecision) -> list[AwardRecipient]:
    units = own_unit_ids()
    if units is None:
        return list(decision.recipients)
    return [r for r in decision.recipients if r.unit_id in units]
