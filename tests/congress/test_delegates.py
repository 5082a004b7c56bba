"""Delegates are people (issue 12, point 3): a collective chosen to send a delegate
names a member of its unit; each delegate carries the particulars a congress delegate
list asks for; two lists come out, one per congress (web page and typed Excel)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from portal.congress.models import CongressNominee, Gender
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.reviews.services import transition
from portal.reviews.states import ReviewAction
from tests.factories import award_title, complete_profiles, make_congress_exemplar, make_submission


@pytest.fixture
def setup(world):
    person = make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa", position="Phó Trưởng phòng")
    team = make_congress_exemplar(world.unit_a, "Tổ Quan trắc", kind=ExemplarKind.COLLECTIVE)
    submission = make_submission(world.unit_a, world.period, award_title(world, "BK_UBND"), [])
    return submission, person, team


def _post(client, submission, exemplar, **fields):
    data = {"exemplar_id": exemplar.id, "award_title_id": 0, "reason": "Tiêu biểu"}
    data.update(fields)
    return client.post(
        f"/congress/{submission.id}/nominees/new?exemplar_id={exemplar.id}", data=data
    )


def _nominee(exemplar):
    return db.session.scalar(
        db.select(CongressNominee).where(CongressNominee.exemplar_id == exemplar.id)
    )


def test_a_collective_delegate_needs_a_representative_of_its_unit(world, login_as, setup):
    submission, _person, team = setup
    client = login_as(world.coordinator_a)
    missing = _post(client, submission, team, sector_delegate="y", delegate_ethnicity="Kinh")
    html = missing.get_data(as_text=True)
    assert missing.status_code == 200
    assert "Tập thể “Tổ Quan trắc” cử đại biểu: chọn người đại diện." in html
    assert 'value="Kinh"' in html  # the rest of the form is kept
    foreign = _post(
        client, submission, team, sector_delegate="y", delegate_user_id=world.coordinator_b.id
    )
    assert foreign.status_code == 200
    assert "Người đại diện phải là thành viên của đơn vị Phòng Môi trường." in foreign.get_data(
        as_text=True
    )
    assert _nominee(team) is None
    ok = _post(
        client,
        submission,
        team,
        sector_delegate="y",
        provincial_delegate="y",
        delegate_user_id=world.staff_a.id,
        delegate_birth_year="1985",
        delegate_gender="female",
        delegate_ethnicity="Tày",
        delegate_position="Tổ trưởng",
        delegate_party_member="y",
        delegate_qualifications="Thạc sĩ",
    )
    assert ok.status_code == 302
    nominee = _nominee(team)
    assert nominee.delegate_user_id == world.staff_a.id
    assert nominee.delegate_name == "Trần Thị Bình"  # the person, not the collective
    assert (nominee.delegate_birth_year, nominee.delegate_gender) == (1985, Gender.FEMALE)
    assert (nominee.delegate_ethnicity, nominee.delegate_position) == ("Tày", "Tổ trưởng")
    assert nominee.delegate_party_member and nominee.delegate_qualifications == "Thạc sĩ"


def test_an_individual_delegate_is_prefilled_from_the_exemplar(world, login_as, setup):
    submission, person, _team = setup
    client = login_as(world.coordinator_a)
    html = client.get(f"/congress/{submission.id}/nominees/new?exemplar_id={person.id}").get_data(
        as_text=True
    )
    assert 'value="Nguyễn Thị Hoa"' in html and 'value="Phó Trưởng phòng"' in html
    bad = _post(client, submission, person, sector_delegate="y", delegate_birth_year="1890")
    assert "Năm sinh của đại biểu không hợp lệ." in bad.get_data(as_text=True)
    ok = _post(client, submission, person, provincial_delegate="y", delegate_birth_year="1979")
    assert ok.status_code == 302
    nominee = _nominee(person)
    assert nominee.delegate_name == "Nguyễn Thị Hoa" and nominee.delegate_birth_year == 1979


def test_a_nominee_that_sends_no_delegate_keeps_no_particulars(world, login_as, setup):
    submission, person, _team = setup
    client = login_as(world.coordinator_a)
    _post(
        client,
        submission,
        person,
        award_title_id=award_title(world, "CSTD_CS").id,
        delegate_birth_year="1979",
    )
    nominee = _nominee(person)
    assert not nominee.is_delegate and nominee.delegate_name == ""
    assert nominee.delegate_birth_year is None


def _accepted(world, login_as, setup):
    submission, person, team = setup
    client = login_as(world.coordinator_a)
    _post(client, submission, person, sector_delegate="y", delegate_birth_year="1979")
    _post(
        client,
        submission,
        team,
        sector_delegate="y",
        provincial_delegate="y",
        delegate_user_id=world.staff_a.id,
        delegate_birth_year="1985",
        delegate_gender="female",
        delegate_ethnicity="Tày",
    )
    complete_profiles(world.unit_a, [person, team])
    transition(submission, ReviewAction.SUBMIT, world.coordinator_a)
    transition(submission, ReviewAction.ACCEPT, world.office)
    db.session.commit()
    return submission


def test_two_delegate_lists_on_the_web(world, login_as, setup):
    _accepted(world, login_as, setup)
    office = login_as(world.office)
    page = office.get(f"/congress/periods/{world.period.id}/delegates")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    sector = html.split('data-testid="sector-delegates"')[1].split("</section>")[0]
    provincial = html.split('data-testid="provincial-delegates"')[1].split("</section>")[0]
    assert "Nguyễn Thị Hoa" in sector and "Trần Thị Bình" in sector
    assert "Trần Thị Bình" in provincial and "Nguyễn Thị Hoa" not in provincial
    assert "Tày" in provincial and "1985" in provincial and "Tổ Quan trắc" in provincial


def test_two_delegate_lists_in_excel_with_typed_cells(world, login_as, setup):
    _accepted(world, login_as, setup)
    response = login_as(world.office).get(f"/congress/periods/{world.period.id}/delegates.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    sector, provincial = workbook["Đại biểu Đại hội ngành"], workbook["Đại biểu Đại hội tỉnh"]
    assert sector.max_row == 3 and provincial.max_row == 2
    headers = [c.value for c in provincial[1]]
    assert headers[:4] == ["STT", "Họ và tên", "Năm sinh", "Giới tính"]
    row = [c.value for c in provincial[2]]
    assert row[:5] == [1, "Trần Thị Bình", 1985, "Nữ", "Tày"]
    assert provincial["C2"].data_type == "n" and provincial["A2"].data_type == "n"
    assert row[6] == "Phòng Môi trường" and row[9] == "Tổ Quan trắc"


@pytest.mark.parametrize("who, status", [("coordinator_a", 403), ("foreign_office", 404)])
def test_delegate_lists_are_the_offices(world, login_as, who, status):
    client = login_as(getattr(world, who))
    assert client.get(f"/congress/periods/{world.period.id}/delegates").status_code == status
    assert client.get(f"/congress/periods/{world.period.id}/delegates.xlsx").status_code == status


def test_the_service_refuses_a_collective_delegate_without_a_person(world, setup):
    from portal.congress import services
    from portal.rules import RuleError

    submission, _person, team = setup
    with pytest.raises(RuleError) as error:
        services.add_nominee(submission, services.NomineeData(team.id, None, True, False, "", ""))
    assert error.value.field == "delegate_user_id"


def test_another_units_exemplar_in_the_nominee_page_is_404(world, login_as, setup):
    submission, _person, _team = setup
    other = make_congress_exemplar(world.unit_b, "Lê Minh Tuấn")
    page = f"/congress/{submission.id}/nominees/new?exemplar_id={other.id}"
    assert login_as(world.coordinator_a).get(page).status_code == 404
    assert login_as(world.office).post(page, data={"exemplar_id": other.id}).status_code in (
        403,
        404,
    )
    assert _nominee(other) is None
