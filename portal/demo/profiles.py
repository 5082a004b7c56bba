"""Demo profiles: every unit's (address, history, functions, its Party and mass
organisations) and every unit person's particulars, so that the achievement reports
of the demo's nominees print complete. Idempotent: an existing profile is kept."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from portal.accounts.models import RoleMembership, User
from portal.demo.department import UNITS
from portal.extensions import db
from portal.organizations.models import Organization, Unit
from portal.profiles.models import PersonGender, PersonProfile, UnitProfile

KIND_FUNCTIONS = {
    "division": "Tham mưu, giúp Giám đốc Sở quản lý nhà nước về lĩnh vực được giao.",
    "affiliated": "Đơn vị sự nghiệp trực thuộc Sở, cung cấp dịch vụ công trong lĩnh vực "
    "tài nguyên và môi trường.",
    "mass_organisation": "Tổ chức chính trị - xã hội, tập hợp, vận động cán bộ, công chức "
    "thực hiện nhiệm vụ chính trị của Sở.",
}
TOWNS = ["Đồng Hới", "Ba Đồn", "Quảng Trạch", "Bố Trạch", "Quảng Ninh", "Lệ Thủy"]


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    units = list(db.session.scalars(select(Unit).where(Unit.organization_id == org.id)))
    order = {name: index for index, (_slug, name, _kind) in enumerate(UNITS)}
    for unit in units:
        index = order.get(unit.name, len(order))
        if db.session.scalar(select(UnitProfile.id).where(UnitProfile.unit_id == unit.id)):
            continue
        db.session.add(_unit_profile(unit, index))
    people = db.session.scalars(
        select(User)
        .join(RoleMembership, RoleMembership.user_id == User.id)
        .where(User.organization_id == org.id, RoleMembership.unit_id.is_not(None))
        .distinct()
        .order_by(User.id)
    )
    have = set(db.session.scalars(select(PersonProfile.user_id)))
    for number, person in enumerate(people):
        if person.id not in have:
            db.session.add(_person_profile(person, number))
    db.session.flush()


def _unit_profile(unit: Unit, index: int) -> UnitProfile:
    staff = 12 + (index * 5) % 30
    return UnitProfile(
        unit_id=unit.id,
        address=f"Số {20 + index} Quang Trung, phường Hải Đình, thành phố Đồng Hới, Quảng Bình",
        telephone=f"0232 38{index:02d} {100 + index}",
        email=f"don-vi-{index + 1}@stnmt.quangbinh.gov.vn",
        founded_on=date(2004 + index % 10, 1 + index % 12, 1 + index % 27),
        history=f"{unit.name} được thành lập theo quyết định của UBND tỉnh Quảng Bình, "
        "được kiện toàn qua các lần sắp xếp tổ chức bộ máy của Sở.",
        functions=KIND_FUNCTIONS.get(str(unit.kind), KIND_FUNCTIONS["division"]),
        organisation="Lãnh đạo đơn vị (trưởng và phó) và các bộ phận chuyên môn.",
        staff_total=staff,
        staff_female=staff // 2,
        staff_party_members=staff * 2 // 3,
        party_organisation=f"Chi bộ {unit.name}: {staff * 2 // 3} đảng viên.",
        trade_union=f"Công đoàn bộ phận: {staff} đoàn viên.",
        youth_union=f"Chi đoàn: {max(staff // 3, 3)} đoàn viên.",
        women_union=f"Ban Nữ công: {staff // 2} hội viên.",
        organisations_work="Chi bộ lãnh đạo hoàn thành nhiệm vụ chính trị; các đoàn thể "
        "tham gia tích cực phong trào thi đua và hoạt động xã hội, từ thiện.",
    )


def _person_profile(person: User, number: int) -> PersonProfile:
    return PersonProfile(
        user_id=person.id,
        birth_date=date(1972 + number % 25, 1 + number % 12, 1 + (number * 7) % 28),
        gender=PersonGender.FEMALE if " Thị " in f" {person.full_name} " else PersonGender.MALE,
        ethnicity="Kinh",
        home_town=f"Huyện {TOWNS[number % len(TOWNS)]}, tỉnh Quảng Bình",
        residence=f"Thành phố Đồng Hới, tỉnh Quảng Bình (tổ dân phố {1 + number % 9})",
        government_position=person.position or "Chuyên viên",
        professional_qualification="Đại học" if number % 3 else "Thạc sĩ",
        political_qualification="Trung cấp" if number % 2 else "Sơ cấp",
    )
