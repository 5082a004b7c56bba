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
from portal.documents import signers
from portal.documents.congress_records import (
    Cycle,
    DelegateRecord,
    Issuer,
    NomineeRecord,
    PersonParticulars,
    UnitParticulars,
    UnitSubmissionRecord,
)
from portal.documents.past_awards import PastAward
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.organizations.models import Organization
from portal.profiles.models import PersonProfile, UnitProfile
from portal.profiles.services import person_profile, unit_profile

# Lines the nominee's prefilled text carries (portal.congress.services.prefill_achievements,
# in either language) that a report never prints: the initiatives have their own part of
# section II (printed once), and the portal's internal evaluation scores are not the form's.
NOT_PRINTED_PREFIXES = (
    "Sáng kiến, giải pháp:",
    "Initiatives and solutions:",
    "Đánh giá gần nhất (",
    "Latest evaluation (",
)


def issuer_of(organization: Organization) -> Issuer:
    return signers.issuer_of(organization)


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


def printable_achievements(text: str) -> str:
    """The nominee's achievements without the lines a report never prints."""
    lines = (text or "").splitlines()
    return "\n".join(
        line for line in lines if not line.strip().startswith(NOT_PRINTED_PREFIXES)
    ).strip()


def person_particulars(profile: PersonProfile | None) -> PersonParticulars | None:
    if profile is None:
        return None
    return PersonParticulars(
        birth_date=profile.birth_date,
        gender=str(profile.gender.label) if profile.gender else "",
        ethnicity=profile.ethnicity,
        home_town=profile.home_town,
        residence=profile.residence,
        party_position=profile.party_position,
        government_position=profile.government_position,
        mass_position=profile.mass_position,
        professional_qualification=profile.professional_qualification,
        political_qualification=profile.political_qualification,
        academic_title=profile.academic_title,
        duties=profile.duties,
    )


def unit_particulars(profile: UnitProfile | None) -> UnitParticulars | None:
    if profile is None:
        return None
    return UnitParticulars(
        address=profile.address,
        telephone=profile.telephone,
        email=profile.email,
        website=profile.website,
        founded_on=profile.founded_on,
        history=profile.history,
        functions=profile.functions,
        organisation=profile.organisation,
        staff_total=profile.staff_total,
        staff_female=profile.staff_female,
        staff_party_members=profile.staff_party_members,
        organisations=tuple(
            (name, text)
            for name, text in (
                ("Tổ chức Đảng", profile.party_organisation),
                ("Công đoàn", profile.trade_union),
                ("Đoàn Thanh niên", profile.youth_union),
                ("Hội Cựu chiến binh", profile.veterans_association),
                ("Hội Phụ nữ", profile.women_union),
            )
            if text
        ),
        organisations_work=profile.organisations_work,
    )


def nominee_record(
    nominee: CongressNominee,
    unit_name: str,
    past: list[PastAward] | None = None,
    *,
    with_profiles: bool = False,
) -> NomineeRecord:
    """What the documents print of a nominee: a title that does not fit the exemplar
    (saved before the rule held) is never printed. `past`: the nominee's awards from the
    award history, for the achievement report's section III (none when not given).
    `with_profiles` adds the unit's and the person's particulars (for the achievement
    reports only)."""
    exemplar = nominee.exemplar
    title = fitting_title(nominee)
    person = unit = None
    if with_profiles and exemplar.kind == ExemplarKind.COLLECTIVE:
        unit = unit_particulars(unit_profile(nominee.unit_id))
    elif with_profiles and exemplar.person_user_id:
        person = person_particulars(person_profile(exemplar.person_user_id))
    return NomineeRecord(
        unit_name=unit_name,
        name=exemplar.name,
        collective=exemplar.kind == ExemplarKind.COLLECTIVE,
        position=exemplar.position or "",
        field_of_work=exemplar.field_of_work or "",
        movement=exemplar.movement or "",
        achievements=printable_achievements(nominee.achievements),
        initiatives=exemplar.initiatives or "",
        reason=nominee.reason,
        award_title=title.name if title else "",
        sector_delegate=nominee.sector_delegate,
        provincial_delegate=nominee.provincial_delegate,
        past_awards=list(past or []),
        delegate=delegate_record(nominee, unit_name),
        conference_agree=nominee.conference_agree,
        person=person,
        unit_profile=unit,
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


def submission_record(
    submission: CongressSubmission, *, with_profiles: bool = False
) -> UnitSubmissionRecord:
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
        nominees=[
            nominee_record(n, unit_name, past[n.exemplar_id], with_profiles=with_profiles)
            for n in nominees
        ],
        conference_place=submission.conference_place,
        invited=submission.invited,
        secretary=submission.secretary,
        period_reviewed=submission.period_reviewed,
        signers=signers.unit_signers(submission.unit),
    )
