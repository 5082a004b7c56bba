"""The council member's dashboard: their units of the year, their planned and done
inspections, the findings waiting for their verification, the rounds they vote in."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import contains_eager, joinedload

from portal.accounts.models import User
from portal.consideration.models import (
    ConsiderationRound,
    Nomination,
    RoundMember,
    RoundStatus,
    Vote,
)
from portal.extensions import db
from portal.inspections.models import (
    FindingStatus,
    Inspection,
    InspectionFinding,
    InspectionMember,
    SupervisionPlanItem,
    SupervisionPlanMember,
)
from portal.models_base import in_ids
from portal.organizations.models import Unit
from portal.tenancy import assigned_unit_ids, visible_unit_ids


def assigned_units(user: User, year: int) -> list[Unit]:
    """The units the member is assigned to for `year` (and may still see)."""
    ids = assigned_unit_ids(user, year) & visible_unit_ids(user)
    return list(db.session.scalars(select(Unit).where(in_ids(Unit.id, ids)).order_by(Unit.name)))


def _inspector_clause(user: User):
    """Inspections the member led or attended."""
    attended = select(InspectionMember.inspection_id).where(InspectionMember.user_id == user.id)
    return or_(Inspection.lead_inspector_id == user.id, Inspection.id.in_(attended))


@dataclass(frozen=True)
class PlannedInspection:
    item: SupervisionPlanItem
    done: bool  # an inspection was recorded against it


def planned_inspections(user: User, year: int) -> list[PlannedInspection]:
    """The supervision plan items of the year the member takes part in."""
    recorded = select(Inspection.id).where(Inspection.plan_item_id == SupervisionPlanItem.id)
    rows = db.session.execute(
        select(SupervisionPlanItem, recorded.exists())
        .join(SupervisionPlanMember, SupervisionPlanMember.plan_item_id == SupervisionPlanItem.id)
        .where(
            SupervisionPlanMember.user_id == user.id,
            SupervisionPlanItem.year == year,
            in_ids(SupervisionPlanItem.unit_id, visible_unit_ids(user)),
        )
        .options(joinedload(SupervisionPlanItem.unit))
        .order_by(SupervisionPlanItem.month, SupervisionPlanItem.id)
    )
    return [PlannedInspection(item, bool(done)) for item, done in rows]


def done_inspections(user: User, year: int) -> list[Inspection]:
    """The inspections of the year the member led or attended, newest first."""
    return list(
        db.session.scalars(
            select(Inspection)
            .where(
                _inspector_clause(user),
                Inspection.year == year,
                in_ids(Inspection.unit_id, visible_unit_ids(user)),
            )
            .options(joinedload(Inspection.unit))
            .order_by(Inspection.inspection_date.desc(), Inspection.id.desc())
        )
    )


def findings_to_verify(user: User) -> list[InspectionFinding]:
    """Findings the unit has answered, of inspections the member led or attended
    (any year: they wait until someone verifies them)."""
    return list(
        db.session.scalars(
            select(InspectionFinding)
            .join(Inspection, Inspection.id == InspectionFinding.inspection_id)
            .where(
                _inspector_clause(user),
                InspectionFinding.status == FindingStatus.ANSWERED,
                in_ids(InspectionFinding.unit_id, visible_unit_ids(user)),
            )
            .options(
                joinedload(InspectionFinding.unit), contains_eager(InspectionFinding.inspection)
            )
            .order_by(InspectionFinding.updated_at, InspectionFinding.id)
        )
    )


@dataclass(frozen=True)
class OpenRound:
    round: ConsiderationRound
    nominations: int
    voted: int  # nominations the member has a vote on (never which choice)

    @property
    def remaining(self) -> int:
        return max(self.nominations - self.voted, 0)


def open_rounds(user: User) -> list[OpenRound]:
    """Open consideration rounds of the organization in which the member has a seat."""
    rounds = db.session.scalars(
        select(ConsiderationRound)
        .join(RoundMember, RoundMember.round_id == ConsiderationRound.id)
        .where(
            ConsiderationRound.organization_id == user.organization_id,
            ConsiderationRound.status == RoundStatus.OPEN,
            RoundMember.user_id == user.id,
        )
        .order_by(ConsiderationRound.meeting_date, ConsiderationRound.id)
    ).all()
    ids = [r.id for r in rounds]
    nominations = dict(
        db.session.execute(
            select(Nomination.round_id, func.count(Nomination.id))
            .where(in_ids(Nomination.round_id, ids))
            .group_by(Nomination.round_id)
        ).all()
    )
    voted = dict(
        db.session.execute(
            select(Vote.round_id, func.count(func.distinct(Vote.nomination_id)))
            .join(RoundMember, RoundMember.id == Vote.member_id)
            .where(in_ids(Vote.round_id, ids), RoundMember.user_id == user.id)
            .group_by(Vote.round_id)
        ).all()
    )
    return [OpenRound(r, nominations.get(r.id, 0), voted.get(r.id, 0)) for r in rounds]
