"""Who may reach the consideration pages, and scoped lookups of their rows.

The Office manages rounds; council members vote in the rounds of their own
organization; viewers read results. Coordinators and staff get 403 (they learn
their nominees' results from notifications). Another organization's ids are 404.
"""

from __future__ import annotations

from sqlalchemy.orm import selectinload

from portal.accounts.models import Role
from portal.consideration.models import (
    AwardTitle,
    ConsiderationRound,
    Nomination,
    RoundMember,
    VotingRule,
)
from portal.tenancy import get_org_owned_or_404, roles_required

READERS = (Role.OFFICE_ADMIN, Role.VIEWER, Role.COUNCIL_MEMBER)

readers_required = roles_required(*READERS)
voters_required = roles_required(Role.OFFICE_ADMIN, Role.COUNCIL_MEMBER)

FULL_ROUND = (
    selectinload(ConsiderationRound.nominations).options(
        selectinload(Nomination.award_title),
        selectinload(Nomination.unit),
        selectinload(Nomination.exemplar),
        selectinload(Nomination.result),
    ),
    selectinload(ConsiderationRound.members).selectinload(RoundMember.user),
    selectinload(ConsiderationRound.period),
)


def get_round_or_404(round_id: int, full: bool = False) -> ConsiderationRound:
    """The round of the user's organization; `full` also loads its nominations and members."""
    options = FULL_ROUND if full else ()
    return get_org_owned_or_404(ConsiderationRound, round_id, options=options)


def get_rule_or_404(rule_id: int) -> VotingRule:
    return get_org_owned_or_404(VotingRule, rule_id)


def get_title_or_404(title_id: int) -> AwardTitle:
    return get_org_owned_or_404(AwardTitle, title_id)
