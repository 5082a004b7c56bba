"""The profiles from the web, as the roles that use them: the coordinator and the
Office edit the unit's profile; the person, their unit's coordinator and the Office
the person's; anyone else gets 404 on personal data; no save overwrites another."""

from __future__ import annotations

from datetime import date

from portal.extensions import db
from portal.profiles.models import PersonGender, PersonProfile, UnitProfile
from portal.profiles.services import person_profile, unit_profile
from tests.factories import make_person_profile

UNIT_FORM = {
    "address": "Số 5 Hùng Vương, Đồng Hới",
    "telephone": "0232 3844 555",
    "founded_on": "01/04/2008",
    "history": "Thành lập năm 2008.",
    "functions": "Tham mưu về môi trường.",
    "staff_total": "24",
    "party_organisation": "Chi bộ 15 đảng viên",
    "trade_union": "Công đoàn 24 đoàn viên",
    "organisations_work": "Chi bộ đạt trong sạch vững mạnh.",
}
PERSON_FORM = {
    "birth_date": "14/03/1982",
    "gender": "female",
    "ethnicity": "Kinh",
    "home_town": "Quảng Trạch, Quảng Bình",
    "residence": "Đồng Hới, Quảng Bình",
    "government_position": "Phó Trưởng phòng",
    "professional_qualification": "Thạc sĩ",
}


def test_the_coordinator_edits_the_unit_profile(world, login_as):
    client = login_as(world.coordinator_a)
    page = client.get(f"/profiles/units/{world.unit_a.id}")
    assert page.status_code == 200 and "Địa chỉ trụ sở" in page.get_data(as_text=True)
    saved = client.post(f"/profiles/units/{world.unit_a.id}", data=UNIT_FORM)
    assert saved.status_code == 302
    profile = unit_profile(world.unit_a.id)
    assert profile.address == "Số 5 Hùng Vương, Đồng Hới"
    assert profile.founded_on == date(2008, 4, 1) and profile.staff_total == 24
    # the unit's people are listed for the coordinator, with links to their profiles
    text = client.get(f"/profiles/units/{world.unit_a.id}").get_data(as_text=True)
    assert f"/profiles/people/{world.staff_a.id}" in text


def test_others_may_read_or_not_see_the_unit_profile(world, login_as):
    assert login_as(world.staff_a).get(f"/profiles/units/{world.unit_a.id}").status_code == 200
    refused = login_as(world.staff_a).post(f"/profiles/units/{world.unit_a.id}", data=UNIT_FORM)
    assert refused.status_code == 403
    other = login_as(world.coordinator_b)
    assert other.get(f"/profiles/units/{world.unit_a.id}").status_code == 404
    assert other.post(f"/profiles/units/{world.unit_a.id}", data=UNIT_FORM).status_code == 404
    assert (
        login_as(world.office)
        .post(f"/profiles/units/{world.unit_a.id}", data=UNIT_FORM)
        .status_code
        == 302
    )
    assert db.session.scalar(db.select(db.func.count(UnitProfile.id))) == 1


def test_a_person_edits_their_own_profile(world, login_as):
    client = login_as(world.staff_a)
    assert (
        client.get("/profiles/me")
        .headers["Location"]
        .endswith(f"/profiles/people/{world.staff_a.id}")
    )
    page = client.get(f"/profiles/people/{world.staff_a.id}").get_data(as_text=True)
    assert "Ngày sinh" in page and "Báo cáo thành tích cá nhân còn cần" in page
    assert client.post(f"/profiles/people/{world.staff_a.id}", data=PERSON_FORM).status_code == 302
    profile = person_profile(world.staff_a.id)
    assert profile.birth_date == date(1982, 3, 14) and profile.gender == PersonGender.FEMALE
    assert profile.home_town == "Quảng Trạch, Quảng Bình"


def test_bad_date_keeps_the_form(world, login_as):
    client = login_as(world.staff_a)
    data = {**PERSON_FORM, "birth_date": "31/02/1982"}
    page = client.post(f"/profiles/people/{world.staff_a.id}", data=data)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Quảng Trạch, Quảng Bình" in text and "31/02/1982" in text
    assert person_profile(world.staff_a.id) is None


def test_personal_data_is_for_the_person_their_coordinator_and_the_office(
    world, login_as, council_on_a
):
    url = f"/profiles/people/{world.staff_a.id}"
    assert login_as(world.coordinator_a).post(url, data=PERSON_FORM).status_code == 302
    assert login_as(world.office).get(url).status_code == 200
    for outsider in (council_on_a, world.viewer, world.coordinator_b, world.foreign_office):
        client = login_as(outsider)
        assert client.get(url).status_code == 404, outsider.email
        assert client.post(url, data={**PERSON_FORM, "ethnicity": "Tày"}).status_code == 404
    assert person_profile(world.staff_a.id).ethnicity == "Kinh"
    # the staff member does not read a colleague's particulars either
    assert (
        login_as(world.staff_a).get(f"/profiles/people/{world.coordinator_a.id}").status_code == 404
    )


def test_no_lost_update(world, login_as):
    profile = make_person_profile(world.staff_a)
    version = profile.lock_version
    url = f"/profiles/people/{world.staff_a.id}"
    first = {**PERSON_FORM, "ethnicity": "Tày", "lock_version": str(version)}
    assert login_as(world.coordinator_a).post(url, data=first).status_code == 302
    stale = {**PERSON_FORM, "ethnicity": "Mường", "lock_version": str(version)}
    page = login_as(world.staff_a).post(url, data=stale)
    assert page.status_code == 200 and "Mường" in page.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(PersonProfile, profile.id).ethnicity == "Tày"
