"""Who may read and edit the profiles, saving them, what the forms require of them,
and the audit entry of every export of a person's particulars."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from flask_babel import gettext as _
from sqlalchemy import insert, select

from portal.accounts.models import Role, RoleMembership, User
from portal.audit import AuditLog, current_request_id
from portal.extensions import db
from portal.models_base import utcnow
from portal.msgids import N_
from portal.organizations.models import Unit
from portal.profiles.models import PersonProfile, UnitProfile
from portal.rules import NotAllowedError
from portal.tenancy import can_edit_unit, get_unit_or_404

# The audit log's action for an export of a person's particulars (a document built).
EXPORT = "export"

# What the achievement report forms print and therefore require (Decree 98/2023,
# Appendix I: the collective's section I; the individual's particulars).
UNIT_REQUIRED = (
    ("address", N_("Địa chỉ trụ sở")),
    ("telephone", N_("Điện thoại")),
    ("history", N_("Quá trình thành lập và phát triển")),
    ("functions", N_("Chức năng, nhiệm vụ")),
)
PERSON_REQUIRED = (
    ("birth_date", N_("Ngày sinh")),
    ("gender", N_("Giới tính")),
    ("home_town", N_("Quê quán")),
    ("residence", N_("Trú quán")),
)
PERSON_FIELDS = (
    "birth_date", "gender", "ethnicity", "home_town", "residence", "party_position",
    "government_position", "mass_position", "professional_qualification",
    "political_qualification", "academic_title", "duties",
)  # fmt: skip
UNIT_FIELDS = (
    "address", "telephone", "email", "website", "founded_on", "history", "functions",
    "organisation", "staff_total", "staff_female", "staff_party_members",
    "party_organisation", "trade_union", "youth_union", "veterans_association",
    "women_union", "organisations_work",
)  # fmt: skip


def unit_profile(unit_id: int) -> UnitProfile | None:
    return db.session.scalar(select(UnitProfile).where(UnitProfile.unit_id == unit_id))


def person_profile(user_id: int) -> PersonProfile | None:
    return db.session.scalar(select(PersonProfile).where(PersonProfile.user_id == user_id))


def person_units(user_id: int) -> set[int]:
    return set(
        db.session.scalars(
            select(RoleMembership.unit_id).where(
                RoleMembership.user_id == user_id, RoleMembership.unit_id.is_not(None)
            )
        )
    )


def may_see_person(viewer: User, person: User) -> bool:
    """The person, the Office of their organization, or a coordinator of their unit;
    nobody else (council members, the Director, other units' people)."""
    if person.organization_id != viewer.organization_id:
        return False
    if viewer.id == person.id or viewer.is_office:
        return True
    return bool(viewer.unit_ids_with(Role.COORDINATOR) & person_units(person.id))


def person_or_404(viewer: User, user_id: int) -> User:
    """The person whose profile `viewer` asks for, or 404 for anyone who may not see it:
    personal data is not even admitted to exist."""
    person = db.session.get(User, user_id)
    if person is None or not may_see_person(viewer, person):
        abort(404)
    return person


def unit_or_404(unit_id: int) -> Unit:
    return get_unit_or_404(unit_id)


def may_edit_unit_profile(viewer: User, unit_id: int) -> bool:
    return can_edit_unit(unit_id, viewer)


def save_unit_profile(unit: Unit, values: dict, actor: User) -> UnitProfile:
    """Create or update the unit's profile. Raises NotAllowedError for anyone but the
    unit's coordinator and the Office. The caller commits."""
    if not may_edit_unit_profile(actor, unit.id):
        raise NotAllowedError("edit unit profile")
    profile = unit_profile(unit.id) or UnitProfile(unit_id=unit.id)
    for name in UNIT_FIELDS:
        if name in values:
            setattr(profile, name, values[name])
    db.session.add(profile)
    db.session.flush()
    return profile


def save_person_profile(person: User, values: dict, actor: User) -> PersonProfile:
    if not may_see_person(actor, person):
        raise NotAllowedError("edit person profile")
    profile = person_profile(person.id) or PersonProfile(user_id=person.id)
    for name in PERSON_FIELDS:
        if name in values:
            setattr(profile, name, values[name])
    db.session.add(profile)
    db.session.flush()
    return profile


def missing_unit_fields(profile: UnitProfile | None) -> list[str]:
    """The labels (msgids) of the fields the collective's form needs and lacks."""
    return [label for name, label in UNIT_REQUIRED if not getattr(profile, name, None)]


def missing_person_fields(profile: PersonProfile | None) -> list[str]:
    return [label for name, label in PERSON_REQUIRED if not getattr(profile, name, None)]


@dataclass(frozen=True)
class Export:
    """One document that carries a person's particulars, for the audit log."""

    person: User
    document: str  # e.g. "Báo cáo thành tích của Nguyễn Văn A (Hồ sơ Đại hội)"
    unit_id: int | None


def record_export(export: Export, actor: User | None) -> None:
    """Write in the audit log, in words, that `actor` exported the person's particulars
    (who, which document, which fields): personal data never leaves unrecorded."""
    profile = person_profile(export.person.id)
    fields = ", ".join(_(label) for _name, label in PERSON_REQUIRED)
    db.session.execute(
        insert(AuditLog).values(
            at=utcnow(),
            organization_id=export.person.organization_id,
            # a job acts as the person who started it (portal.audit.act_as)
            actor_id=actor.id if actor else db.session.info.get("audit_actor_id"),
            action=EXPORT,
            object_type="PersonProfile",
            object_id=str(profile.id) if profile else "",
            unit_id=export.unit_id,
            request_id=current_request_id(),
            changes={
                "person": [None, export.person.full_name],
                "document": [None, export.document],
                "exported_fields": [None, fields],
            },
        )
    )
