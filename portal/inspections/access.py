"""Who may do what with inspections and findings (reading is scoped by portal.tenancy).

The Office acts on every unit of its organization. A council member records
inspections of the units assigned to them for the inspection's year, and edits,
signs off and verifies the inspections they led or attended. The unit's
coordinator answers its findings. Everyone who sees the unit reads.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import Role, RoleMembership, User
from portal.extensions import db
from portal.inspections.models import (
    AWAITING_UNIT,
    FindingStatus,
    Inspection,
    InspectionFinding,
)
from portal.organizations.models import Unit
from portal.tenancy import assigned_unit_ids, visible_unit_ids


def _office_of(user: User, unit_id: int) -> bool:
    return user.is_office and unit_id in visible_unit_ids(user)


def can_record(user: User, unit_id: int, year: int) -> bool:
    """May `user` record an inspection of the unit in `year`?"""
    if _office_of(user, unit_id):
        return True
    return user.has_role(Role.COUNCIL_MEMBER) and unit_id in assigned_unit_ids(user, year)


def recordable_unit_ids(user: User, year: int | None = None) -> set[int]:
    """Units for which `user` may record inspections (any year unless given)."""
    if user.is_office:
        return visible_unit_ids(user)
    if user.has_role(Role.COUNCIL_MEMBER):
        return assigned_unit_ids(user, year) & visible_unit_ids(user)
    return set()


def is_inspector(user: User, inspection: Inspection) -> bool:
    """The lead inspector or a member present (while the unit stays visible to them)."""
    if inspection.unit_id not in visible_unit_ids(user):
        return False
    return user.id == inspection.lead_inspector_id or user.id in inspection.member_ids


def can_edit_record(user: User, inspection: Inspection) -> bool:
    """Edit the record (before sign-off) or add corrections (after it)."""
    return _office_of(user, inspection.unit_id) or is_inspector(user, inspection)


def can_sign_off(user: User, inspection: Inspection) -> bool:
    if inspection.is_signed_off:
        return False
    if _office_of(user, inspection.unit_id):
        return True
    return user.id == inspection.lead_inspector_id and is_inspector(user, inspection)


def answers_for_unit(user: User, finding: InspectionFinding) -> bool:
    """The unit's coordinator, or the Office, speaks for the unit."""
    if _office_of(user, finding.unit_id):
        return True
    return finding.unit_id in user.unit_ids_with(Role.COORDINATOR)


def can_answer(user: User, finding: InspectionFinding) -> bool:
    """...while the unit has to act (open or sent back)."""
    return finding.status in AWAITING_UNIT and answers_for_unit(user, finding)


def can_verify(user: User, finding: InspectionFinding) -> bool:
    """The inspector, a member present or the Office: whoever may, regardless of status."""
    return _office_of(user, finding.unit_id) or is_inspector(user, finding.inspection)


def may_close(finding: InspectionFinding) -> bool:
    """Close after an answer; a finding that asks for nothing may be closed at once."""
    if finding.status == FindingStatus.ANSWERED:
        return True
    return finding.status == FindingStatus.OPEN and not finding.corrective_action.strip()


def may_send_back(finding: InspectionFinding) -> bool:
    return finding.status == FindingStatus.ANSWERED


def unit_people_ids(unit: Unit) -> set[int]:
    """Users holding a role in the unit (possible owners of a corrective action)."""
    return set(
        db.session.scalars(
            select(RoleMembership.user_id).where(
                RoleMembership.unit_id == unit.id,
                RoleMembership.role.in_([Role.COORDINATOR, Role.STAFF]),
            )
        )
    )
