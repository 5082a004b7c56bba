"""Profiles complete enough for the achievement reports (what a congress submission
needs before it is submitted): the unit's, and each individual nominee's."""

from __future__ import annotations

from datetime import date

from portal.accounts.models import User
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.organizations.models import Unit
from portal.profiles.models import PersonGender, PersonProfile, UnitProfile
from portal.profiles.services import person_profile, unit_profile

UNIT_VALUES = {
    "address": "Số 10 Quang Trung, Đồng Hới, Quảng Bình",
    "telephone": "0232 3822 111",
    "history": "Thành lập năm 2008 theo quyết định của UBND tỉnh.",
    "functions": "Tham mưu quản lý nhà nước về môi trường.",
    "staff_total": 25,
    "party_organisation": "Chi bộ 18 đảng viên",
    "trade_union": "Công đoàn bộ phận 25 đoàn viên",
}
PERSON_VALUES = {
    "birth_date": date(1982, 3, 14),
    "gender": PersonGender.FEMALE,
    "ethnicity": "Kinh",
    "home_town": "Xã Quảng Phú, huyện Quảng Trạch, tỉnh Quảng Bình",
    "residence": "Phường Đồng Phú, thành phố Đồng Hới",
    "professional_qualification": "Thạc sĩ Khoa học môi trường",
    "political_qualification": "Trung cấp",
}


def complete_profiles(unit: Unit, exemplars) -> None:
    """Fill the profiles the achievement reports of `exemplars` need: the unit's, and
    each individual's (an individual not linked to an account gets one, in no unit).
    Flushes; the caller commits."""
    if unit_profile(unit.id) is None:
        db.session.add(UnitProfile(unit_id=unit.id, **UNIT_VALUES))
    for exemplar in exemplars:
        if exemplar.kind == ExemplarKind.COLLECTIVE:
            continue
        if not exemplar.person_user_id:
            person = User(
                organization_id=unit.organization_id,
                email=f"ca-nhan-{exemplar.id}@example.test",
                full_name=exemplar.name,
            )
            db.session.add(person)
            db.session.flush()
            exemplar.person_user_id = person.id
        if person_profile(exemplar.person_user_id) is None:
            db.session.add(PersonProfile(user_id=exemplar.person_user_id, **PERSON_VALUES))
    db.session.flush()
