"""Award decisions: the rules of recording, drafting, issuing and amending them, and the
issued awards of a person, a unit or an exemplar (read by the award history pages)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import contains_eager, selectinload

from portal.awards.models import AwardDecision, AwardRecipient, DecisionStatus
from portal.exemplars.models import ExemplarKind
from portal.extensions import db


def _issued(condition: ColumnElement[bool]) -> list[AwardRecipient]:
    query = (
        select(AwardRecipient)
        .join(AwardRecipient.decision)
        .where(condition, AwardDecision.status == DecisionStatus.ISSUED)
        .options(
            contains_eager(AwardRecipient.decision).selectinload(AwardDecision.award_title),
            selectinload(AwardRecipient.unit),
        )
        .order_by(AwardDecision.decided_on, AwardDecision.id, AwardRecipient.id)
    )
    return list(db.session.scalars(query))


def issued_recipients_for_user(user_id: int) -> list[AwardRecipient]:
    """Every issued award of the person with this account."""
    return _issued(AwardRecipient.user_id == user_id)


def issued_recipients_for_unit(unit_id: int) -> list[AwardRecipient]:
    """The collective awards of the unit itself (not of its exemplars or people)."""
    return _issued(
        (AwardRecipient.unit_id == unit_id)
        & (AwardRecipient.kind == ExemplarKind.COLLECTIVE)
        & AwardRecipient.exemplar_id.is_(None)
    )


def issued_recipients_for_exemplar(exemplar_id: int) -> list[AwardRecipient]:
    """Every issued award of the exemplar (a collective or an individual one)."""
    return _issued(AwardRecipient.exemplar_id == exemplar_id)
