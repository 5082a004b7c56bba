"""From the database to the plain records the documents are built from."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.awards.history import past_awards_for
from portal.congress.models import (
    CongressCycle,
    CongressHonouree,
    CongressNominee,
    CongressSubmission,
)
from portal.congress.services import fitting_title
from portal.documents.congress_records import (
    Cycle,
    DelegateRecord,
    Issuer,
    NomineeRecord,
    UnitSubmissionRecord,
)
from portal.documents.past_awards import PastAward
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.organizations.models import Organization


def issuer_of(organization: Organization) -> Issuer:
    return Issuer(
        parent_body=organization.parent_body or "",
        name=organization.name,
        code=organization.document_code or "",
        place=organization.province or "",
    )


def cycle_record(cycle: CongressCycle) -> Cycle:
    return Cycle(
        term=cycle.term_label,
        next_term=cycle.next_term_label,
        sector_congress=cycle.sector_congress,
        provincial_congress=cycle.provincial_congress,
        signer_authority=cycle.signer_authority,
        signer_position=cycle.signer_position,
        signer_name=cycle.signer_name,
    )


def delegate_record(nominee: CongressNominee, unit_name: str) -> DelegateRecord | None:
    if not nominee.is_delegate:
        return None
    exemplar = nominee.exemplar
    return DelegateRecord(
        name=nominee.delegate_name or exemplar.name,
        birth_year=nominee.delegate_birth_year,
        gender=str(nominee.delegate_gender.label) if nominee.delegate_gender else "",
        ethnicity=nominee.delegate_ethnicity,
        position=nominee.delegate_position,
        unit_name=unit_name,
        party_member=nominee.delegate_party_member,
        qualifications=nominee.delegate_qualifications,
        represents=exemplar.name if exemplar.kind == ExemplarKind.COLLECTIVE else "",
    )


def nominee_record(
    nominee: CongressNominee, unit_name: str, past: list[PastAward] | None = None
) -> NomineeRecord:
    """What the documents print of a nominee: a title that does not fit the exemplar
    (saved before the rule held) is never printed. `past`: the nominee's awards from the
    award history, for the achievement report's section III (none when not given)."""
    exemplar = nominee.exemplar
    title = fitting_title(nominee)
    return NomineeRecord(
        unit_name=unit_name,
        name=exemplar.name,
        collective=exemplar.kind == ExemplarKind.COLLECTIVE,
        position=exemplar.position or "",
        field_of_work=exemplar.field_of_work or "",
        movement=exemplar.movement or "",
        achievements=nominee.achievements,
        initiatives=exemplar.initiatives or "",
        reason=nominee.reason,
        award_title=title.name if title else "",
        sector_delegate=nominee.sector_delegate,
        provincial_delegate=nominee.provincial_delegate,
        past_awards=list(past or []),
        delegate=delegate_record(nominee, unit_name),
        conference_agree=nominee.conference_agree,
    )


def load_submission(submission_id: int) -> CongressSubmission:
    return db.session.scalars(
        select(CongressSubmission)
        .where(CongressSubmission.id == submission_id)
        .options(
            selectinload(CongressSubmission.unit),
            selectinload(CongressSubmission.honoured).selectinload(CongressHonouree.exemplar),
            selectinload(CongressSubmission.nominees).selectinload(CongressNominee.exemplar),
            selectinload(CongressSubmission.nominees).selectinload(CongressNominee.award_title),
        )
    ).one()


def submission_record(submission: CongressSubmission) -> UnitSubmissionRecord:
    unit_name = submission.unit.name
    nominees = sorted(submission.nominees, key=lambda n: (n.exemplar.name, n.id))
    past = past_awards_for(n.exemplar for n in nominees)
    return UnitSubmissionRecord(
        unit_name=unit_name,
        conference_date=submission.conference_date,
        attendance=submission.attendance,
        chaired_by=submission.chaired_by,
        period_summary=submission.period_summary,
        honoured=sorted(h.exemplar.name for h in submission.honoured),
        nominees=[nominee_record(n, unit_name, past[n.exemplar_id]) for n in nominees],
        conference_place=submission.conference_place,
        invited=submission.invited,
        secretary=submission.secretary,
        period_reviewed=submission.period_reviewed,
    )
