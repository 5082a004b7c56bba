"""Builders shared by the council and inspection tests."""

from __future__ import annotations

import io
from datetime import date

from portal.accounts.models import Role, User
from portal.council import services as council
from portal.extensions import db
from portal.inspections import findings as finding_rules
from portal.inspections import services as records
from portal.inspections.models import Inspection, InspectionFinding
from sampledata.world import make_user

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf_file(name: str = "bien-ban.pdf") -> tuple[io.BytesIO, str]:
    return io.BytesIO(PDF), name


def assign(world, user: User, unit, year: int = 2025) -> None:
    council.assign(world.org.id, unit.id, user.id, year)
    db.session.commit()


def second_member(world, email: str = "council2@example.vn") -> User:
    return make_user(world.org, email, (Role.COUNCIL_MEMBER, None), name="Thành Viên Hai")


def make_inspection(
    world,
    unit=None,
    inspector: User | None = None,
    day: date = date(2025, 3, 10),
    members: list[User] | None = None,
    signed: bool = False,
) -> Inspection:
    unit = unit or world.unit_a
    inspector = inspector or world.council
    for person in members or [inspector]:
        if person.has_role(Role.COUNCIL_MEMBER):
            council.assign(world.org.id, unit.id, person.id, day.year)
    inspection = records.record_inspection(
        inspector,
        unit,
        inspection_date=day,
        scope=["emulation_movements", "reports"],
        method="on_site",
        summary="Đơn vị triển khai tốt phong trào thi đua.",
        member_ids=[p.id for p in members or [inspector]],
    )
    if signed:
        records.sign_off(inspection, inspector)
    db.session.commit()
    return inspection


def finding_values(**overrides) -> dict:
    values = {
        "severity": "minor",
        "finding": "Chưa lập sổ theo dõi bồi dưỡng điển hình.",
        "recommendation": "Lập sổ theo dõi theo mẫu.",
        "corrective_action": "Lập sổ, cập nhật hằng quý.",
        "action_owner_user_id": None,
        "action_owner_name": "Tổ thi đua",
        "due_date": date(2025, 6, 30),
    }
    values.update(overrides)
    return values


def make_finding(inspection: Inspection, **overrides) -> InspectionFinding:
    finding = finding_rules.add_finding(inspection, finding_values(**overrides))
    db.session.commit()
    return finding
