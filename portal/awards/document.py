"""The Word document of a decision, from its rows (portal/documents/award_decision.py)."""

from __future__ import annotations

from pathlib import Path

from portal.awards.models import AwardDecision
from portal.documents.award_decision import DecisionRecord, RecipientLine, build_award_decision
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.formatting import today_vn
from portal.organizations.models import Organization


def decision_record(decision: AwardDecision) -> DecisionRecord:
    organization = db.session.get(Organization, decision.organization_id)
    return DecisionRecord(
        parent_body=organization.parent_body or "",
        organization=organization.name,
        code=organization.document_code or "",
        place=organization.province or "",
        number=decision.number,
        decided_on=decision.decided_on,
        issuing_body=decision.issuing_body,
        signer_name=decision.signer_name,
        signer_position=decision.signer_position,
        form_name=decision.form_name,
        year=decision.year,
        summary=decision.summary,
        recipients=[
            RecipientLine(
                name=r.name,
                position=r.position,
                unit_name=r.unit.name,
                collective=r.kind == ExemplarKind.COLLECTIVE,
                amount_vnd=r.amount_vnd,
            )
            for r in decision.recipients
        ],
    )


def write_decision(decision: AwardDecision, path: Path) -> Path:
    return build_award_decision(decision_record(decision), today_vn(), path)
