"""Award history pages and search, from the web, as the roles that use them."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from portal.awards.models import AwardLevel, DecisionStatus
from portal.exemplars.models import ExemplarKind
from tests.factories import award_to, make_award, make_exemplar

PERSON = "Trần Thị Bình"  # world.staff_a


@pytest.fixture
def awards(world):
    """Unit A: its staff member's Bằng khen, the unit's own title, a collective exemplar's
    certificate; unit B: its coordinator's; and a draft that counts for nobody."""
    team = make_exemplar(world.unit_a, "Tổ Quan trắc", kind=ExemplarKind.COLLECTIVE)
    make_award(
        world.org,
        award_to(world.unit_a, PERSON, user=world.staff_a, amount=1_800_000),
        award_to(world.unit_b, "Lê Văn Cường", user=world.coordinator_b, amount=1_800_000),
    )
    make_award(
        world.org,
        award_to(world.unit_a, world.unit_a.name, "collective", amount=3_000_000),
        award_to(world.unit_a, "Tổ Quan trắc", "collective", exemplar=team),
        number="45/QĐ-STNMT",
        issuing_body="Giám đốc Sở Tài nguyên và Môi trường",
        level=AwardLevel.DEPARTMENT,
        form_name="Tập thể lao động xuất sắc",
        year=2024,
        decided_on=date(2025, 1, 10),
    )
    make_award(
        world.org,
        award_to(world.unit_a, PERSON, user=world.staff_a),
        number="",
        form_name="Chiến sĩ thi đua cơ sở (dự thảo)",
        status=DecisionStatus.DRAFT,
    )
    return team


def test_a_person_reads_their_own_history(login_as, world, awards):
    page = login_as(world.staff_a).get(f"/awards/people/{world.staff_a.id}/history")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Bằng khen của Chủ tịch UBND tỉnh" in html and "125/QĐ-UBND" in html
    assert "15/03/2024" in html and "Chủ tịch UBND tỉnh Quảng Bình" in html
    assert "1.800.000" in html
    assert "dự thảo" not in html  # a draft has awarded nothing yet
    assert "Tập thể lao động xuất sắc" not in html  # the unit's, not the person's


def test_the_coordinator_and_the_office_read_a_persons_history(login_as, world, awards):
    url = f"/awards/people/{world.staff_a.id}/history"
    for reader in (world.coordinator_a, world.office):
        page = login_as(reader).get(url)
        assert page.status_code == 200 and "125/QĐ-UBND" in page.get_data(as_text=True)


@pytest.mark.parametrize("reader", ["coordinator_b", "viewer", "council", "foreign_office"])
def test_anyone_else_gets_404_for_a_persons_history(login_as, world, awards, reader):
    page = login_as(getattr(world, reader)).get(f"/awards/people/{world.staff_a.id}/history")
    assert page.status_code == 404


def test_a_units_history_for_its_people_and_the_office(login_as, world, awards):
    url = f"/awards/units/{world.unit_a.id}/history"
    for reader in (world.staff_a, world.coordinator_a, world.office):
        page = login_as(reader).get(url)
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert "Tập thể lao động xuất sắc" in html and "45/QĐ-STNMT" in html
        assert "3.000.000" in html
        assert "125/QĐ-UBND" not in html  # a person's award is not the unit's
    for reader in (world.coordinator_b, world.council, world.foreign_office):
        assert login_as(reader).get(url).status_code == 404


def test_an_exemplars_history(login_as, world, awards):
    url = f"/awards/exemplars/{awards.id}/history"
    page = login_as(world.staff_a).get(url)
    assert page.status_code == 200 and "45/QĐ-STNMT" in page.get_data(as_text=True)
    assert login_as(world.coordinator_b).get(url).status_code == 404
    detail = login_as(world.coordinator_a).get(f"/exemplars/{awards.id}")
    assert url in detail.get_data(as_text=True)


def test_an_individual_exemplar_without_account(login_as, world):
    person = make_exemplar(world.unit_a, "Hoàng Văn Nam", kind=ExemplarKind.INDIVIDUAL)
    make_award(world.org, award_to(world.unit_a, "Hoàng Văn Nam", exemplar=person))
    url = f"/awards/exemplars/{person.id}/history"
    assert "125/QĐ-UBND" in login_as(world.coordinator_a).get(url).get_data(as_text=True)
    assert login_as(world.staff_a).get(url).status_code == 404  # a person's: coordinator, Office


def test_links_from_the_unit_page_and_the_account_menu(login_as, world, awards):
    client = login_as(world.staff_a)
    home = client.get(f"/units/{world.unit_a.id}").get_data(as_text=True)
    assert f"/awards/units/{world.unit_a.id}/history" in home
    assert f"/awards/people/{world.staff_a.id}/history" in home  # the account menu


def _search(client, **args):
    page = client.get("/awards/history", query_string=args)
    assert page.status_code == 200
    return page.get_data(as_text=True)


def test_search_ignores_diacritics_and_case(login_as, world, awards):
    client = login_as(world.office)
    for query in ("tran thi binh", "TRẦN THỊ BÌNH", "Trần Thị", "thi binh"):
        html = _search(client, q=query)
        assert "125/QĐ-UBND" in html and 'data-testid="result-count">1<' in html, query
    assert "Lê Văn Cường" in _search(client, q="le van cuong")
    assert 'data-testid="result-count">0<' in _search(client, q="nguyen van z")
    assert 'data-testid="result-count">0<' in _search(client, q="100%_")


def test_search_by_title_year_level_and_unit(login_as, world, awards):
    client = login_as(world.office)
    assert 'result-count">2<' in _search(client, form_name="Tập thể lao động xuất sắc")
    assert 'result-count">2<' in _search(client, year=2023)
    assert 'result-count">2<' in _search(client, level="department")
    assert 'result-count">3<' in _search(client, unit_id=world.unit_a.id)
    assert 'result-count">1<' in _search(client, unit_id=world.unit_a.id, kind="individual")


def test_a_coordinator_searches_their_unit_only(login_as, world, awards):
    html = _search(login_as(world.coordinator_a))
    assert 'result-count">3<' in html and "Lê Văn Cường" not in html
    html = _search(login_as(world.coordinator_a), unit_id=world.unit_b.id)
    assert 'result-count">0<' in html
    for reader in (world.staff_a, world.viewer, world.council):
        assert login_as(reader).get("/awards/history").status_code == 403


def test_export_is_typed(login_as, world, awards):
    response = login_as(world.office).get("/awards/history/export.xlsx", query_string={"q": "binh"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [c.value for c in sheet[1]]
    row = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert sheet.max_row == 2 and row["Họ tên, tên tập thể"] == PERSON
    assert isinstance(row["Ngày quyết định"], datetime)
    assert row["Ngày quyết định"].date() == date(2024, 3, 15)
    assert sheet.cell(2, header.index("Ngày quyết định") + 1).number_format == "DD/MM/YYYY"
    assert row["Số tiền thưởng (đồng)"] == 1_800_000 and row["Năm"] == 2023
    assert sheet.freeze_panes == "A2"
    coordinator = login_as(world.coordinator_b).get("/awards/history/export.xlsx")
    assert load_workbook(io.BytesIO(coordinator.data)).active.max_row == 2  # unit B's one


def test_the_search_is_in_the_menu_of_the_office_and_coordinators(login_as, world):
    readers = ((world.office, True), (world.coordinator_a, True), (world.staff_a, False))
    for reader, shown in readers:
        html = login_as(reader).get(f"/units/{world.unit_a.id}").get_data(as_text=True)
        assert ('href="/awards/history"' in html) is shown
