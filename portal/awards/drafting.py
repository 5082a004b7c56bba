"""Draft decisions from a closed consideration round: one per award title, with the
nominations the council passed as recipients. Drafting again adds only what is missing."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from portal.accounts.models import User
from portal.awards.models import (
    AwardDecision,
    AwardLevel,
    AwardRecipient,
    DecisionSource,
    DecisionStatus,
)
from portal.consideration.models import ConsiderationRound, Nomination, RoundStatus
from portal.consideration.services import lock_round
from portal.extensions import db
from portal.formatting import format_date
from portal.rules import RuleError
from portal.textsearch import fold


@dataclass
class DraftResult:
    decisions: list[AwardDecision]
    created: int  # decisions created now
    added: int  # recipients added now
    without_unit: list[str]  # passed nominees left out: no unit of the organization


def passed_nominations(round_: ConsiderationRound) -> list[Nomination]:
    return [n for n in round_.nominations if n.result is not None and n.result.passed]


def _unit_id_of(nomination: Nomination) -> int | None:
    if nomination.unit_id:
        return nomination.unit_id
    if nomination.exemplar is not None:
        return nomination.exemplar.unit_id
    if nomination.nominee_user is not None:
        return nomination.nominee_user.primary_unit_id
    return None


def _existing(round_: ConsiderationRound) -> dict[int | None, AwardDecision]:
    rows = db.session.scalars(select(AwardDecision).where(AwardDecision.round_id == round_.id))
    return {d.award_title_id: d for d in rows}


def _new_decision(round_: ConsiderationRound, nomination: Nomination, actor: User):
    organization = round_.organization
    title = nomination.award_title
    return AwardDecision(
        organization_id=round_.organization_id,
        number="",
        issuing_body=_("Giám đốc %(name)s", name=organization.name),
        level=AwardLevel.DEPARTMENT,
        signer_position=_("Giám đốc"),
        award_title_id=title.id,
        form_name=title.name,
        year=round_.year,
        summary=_(
            "Căn cứ kết quả bình xét của Hội đồng Thi đua - Khen thưởng ngày %(date)s.",
            date=format_date(round_.meeting_date),
        ),
        status=DecisionStatus.DRAFT,
        source=DecisionSource.ROUND,
        round_id=round_.id,
        created_by_id=actor.id,
    )


def _recipient(nomination: Nomination, unit_id: int, place: int) -> AwardRecipient:
    exemplar = nomination.exemplar
    return AwardRecipient(
        kind=nomination.nominee_kind,
        unit_id=unit_id,
        user_id=nomination.person_user_id,
        exemplar_id=nomination.exemplar_id,
        nomination_id=nomination.id,
        name=nomination.nominee_name,
        name_key=fold(nomination.nominee_name),
        position=exemplar.position if exemplar is not None else "",
        position_in_list=place,
    )


def draft_from_round(round_: ConsiderationRound, actor: User) -> DraftResult:
    """One draft per award title of the round's passed nominations; an issued decision
    of the round is left as it is, and a nomination already on a decision is not added
    twice. Serialised on the round row, so that two drafts at once make one decision."""
    lock_round(round_)
    if round_.status != RoundStatus.CLOSED:
        raise RuleError(_("Chỉ dự thảo quyết định từ phiên bình xét đã kết thúc."))
    passed = passed_nominations(round_)
    if not passed:
        raise RuleError(_("Phiên bình xét không có đề nghị nào đạt."))
    decisions = _existing(round_)
    result = DraftResult([], 0, 0, [])
    for nomination in passed:
        decision = decisions.get(nomination.award_title_id)
        if decision is None:
            decision = _new_decision(round_, nomination, actor)
            db.session.add(decision)
            decisions[nomination.award_title_id] = decision
            result.created += 1
        if decision not in result.decisions:
            result.decisions.append(decision)
        if decision.is_issued or any(r.nomination_id == nomination.id for r in decision.recipients):
            continue
        unit_id = _unit_id_of(nomination)
        if unit_id is None:
            result.without_unit.append(nomination.nominee_name)
            continue
        decision.recipients.append(_recipient(nomination, unit_id, len(decision.recipients) + 1))
        result.added += 1
    db.session.flush()
    return result
