"""Demo award decisions: the decisions drafted from the closed rounds of the history
(2024 and 2025); those of 2024 issued by the Director a week after the meeting, those
of 2025 left as drafts for the Office. A second run adds nothing (drafting is
idempotent, an issued decision is left as it is)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from portal.accounts.models import Role, RoleMembership, User
from portal.awards.drafting import draft_from_round
from portal.awards.services import issue_decision
from portal.consideration.models import ConsiderationRound, RoundStatus
from portal.demo.consideration import HISTORY, TITLE
from portal.extensions import db
from portal.organizations.models import Organization
from portal.rules import RuleError

ISSUED_YEARS = (2024,)
SIGNER = ("Nguyễn Huệ", "Giám đốc")  # the demo's Director (portal/demo/__init__.py)


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    office = db.session.scalar(
        select(User)
        .join(RoleMembership)
        .where(User.organization_id == org.id, RoleMembership.role == Role.OFFICE_ADMIN)
        .order_by(User.id)
    )
    if office is None:
        return
    for year in HISTORY:
        round_ = db.session.scalar(
            select(ConsiderationRound).where(
                ConsiderationRound.organization_id == org.id,
                ConsiderationRound.title == TITLE.format(year=year),
                ConsiderationRound.status == RoundStatus.CLOSED,
            )
        )
        if round_ is None:
            continue
        try:
            drafted = draft_from_round(round_, office)
        except RuleError:  # no nomination passed
            continue
        for number, decision in enumerate(drafted.decisions, 1):
            if decision.is_issued:
                continue
            decision.signer_name, decision.signer_position = SIGNER
            if year in ISSUED_YEARS and decision.recipients:
                code = org.document_code or "STNMT"
                on = round_.meeting_date + timedelta(days=7)
                issue_decision(decision, f"{200 + number}/QĐ-{code}", on, office)
    db.session.flush()
