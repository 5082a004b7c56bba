"""The exemplar list: filters, search, pagination, no query per row, Excel export;
and the Office's quota overview."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from portal.exemplars.models import ExemplarKind, ExemplarStatus

S = ExemplarStatus


@pytest.fixture
def sample(world, make_exemplar):
    make_exemplar(
        name="Tổ Một cửa", year=2023, field="Quản lý đất đai", achievements="Số hóa hồ sơ địa chính"
    )
    make_exemplar(
        name="Trần Thị Bình",
        kind=ExemplarKind.INDIVIDUAL,
        year=2024,
        person=world.staff_a,
        field="Bảo vệ môi trường",
        path=[(S.FOSTERING, date(2024, 3, 1)), (S.RECOGNISED, date(2024, 11, 1))],
    )
    make_exemplar(world.unit_b, name="Đội thanh tra 100%_đúng hạn", year=2024, field="Thanh tra")


def _names(client, query=""):
    page = client.get(f"/exemplars/{query}").get_data(as_text=True)
    return {n for n in ("Tổ Một cửa", "Trần Thị Bình", "Đội thanh tra") if n in page}


FILTER_CASES = [
    ("", {"Tổ Một cửa", "Trần Thị Bình", "Đội thanh tra"}),
    ("?year=2023", {"Tổ Một cửa"}),
    ("?year=2024", {"Trần Thị Bình", "Đội thanh tra"}),
    ("?status=recognised", {"Trần Thị Bình"}),
    ("?kind=individual", {"Trần Thị Bình"}),
    ("?kind=collective", {"Tổ Một cửa", "Đội thanh tra"}),
    ("?field=Thanh+tra", {"Đội thanh tra"}),
    ("?q=địa+chính", {"Tổ Một cửa"}),
    ("?q=100%25_", {"Đội thanh tra"}),
    ("?q=%25", {"Đội thanh tra"}),  # a literal %, not a wildcard
    ("?year=abc&status=nope&kind=x", {"Tổ Một cửa", "Trần Thị Bình", "Đội thanh tra"}),
]


def test_office_filters(world, sample, login_as):
    client = login_as(world.office)
    for query, expected in FILTER_CASES:
        assert _names(client, query) == expected, query


def test_unit_filter_and_scoping(world, sample, login_as):
    office = login_as(world.office)
    assert _names(office, f"?unit_id={world.unit_b.id}") == {"Đội thanh tra"}
    coordinator = login_as(world.coordinator_a)
    assert _names(coordinator) == {"Tổ Một cửa", "Trần Thị Bình"}
    # Asking for another unit shows nothing of it.
    assert _names(coordinator, f"?unit_id={world.unit_b.id}") == set()


def test_year_filter_matches_the_year_recognised_too(world, make_exemplar, login_as):
    make_exemplar(
        name="Tổ Một cửa",
        year=2023,
        path=[(S.FOSTERING, date(2023, 3, 1)), (S.RECOGNISED, date(2024, 2, 1))],
    )
    assert _names(login_as(world.office), "?year=2024") == {"Tổ Một cửa"}


def test_pagination(world, app, make_exemplar, login_as):
    app.config["ITEMS_PER_PAGE"] = 2
    for n in range(5):
        make_exemplar(name=f"Điển hình số {n}", year=2020 + n)
    client = login_as(world.office)
    first = client.get("/exemplars/?kind=collective").get_data(as_text=True)
    third = client.get("/exemplars/?kind=collective&page=3").get_data(as_text=True)
    assert "Điển hình số 4" in first and "Điển hình số 0" not in first
    assert "Điển hình số 0" in third and "Điển hình số 4" not in third
    assert "kind=collective" in first  # the filters follow the page links
    assert "Tổng số: 5" in first


def _list_queries(client, query_counter):
    with query_counter() as statements:
        response = client.get("/exemplars/")
    assert response.status_code == 200
    return len(statements)


def test_no_query_per_row(world, app, make_exemplar, login_as, query_counter):
    app.config["ITEMS_PER_PAGE"] = 50
    people = [world.coordinator_a, world.staff_a]
    for n in range(3):
        make_exemplar(name=f"Cá nhân {n}", kind=ExemplarKind.INDIVIDUAL, person=people[n % 2])
    client = login_as(world.office)
    client.get("/exemplars/")
    few = _list_queries(client, query_counter)
    for n in range(3, 30):
        make_exemplar(
            world.unit_b if n % 3 else world.unit_a,
            name=f"Cá nhân {n}",
            kind=ExemplarKind.INDIVIDUAL,
            person=people[n % 2] if n % 3 == 0 else None,
        )
    client.get("/exemplars/")
    many = _list_queries(client, query_counter)
    assert few == many
    assert "Cá nhân 29" in client.get("/exemplars/").get_data(as_text=True)


def test_excel_export_with_vietnamese_headers(world, sample, login_as):
    response = login_as(world.office).get("/exemplars/export.xlsx?year=2024")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("STT", "Đơn vị", "Loại", "Tên điển hình")
    assert "Trạng thái" in rows[0] and "Năm công nhận" in rows[0]
    names = {row[3] for row in rows[1:]}
    assert names == {"Trần Thị Bình", "Đội thanh tra 100%_đúng hạn"}
    recognised = next(row for row in rows[1:] if row[3] == "Trần Thị Bình")
    assert "Đã công nhận" in recognised and 2024 in recognised and "Cá nhân" in recognised


def test_export_is_scoped_and_formula_safe(world, make_exemplar, login_as):
    make_exemplar(world.unit_b, name="Của B")
    make_exemplar(name='=HYPERLINK("http://x")', achievements="=1+1")
    sheet = load_workbook(
        BytesIO(login_as(world.coordinator_a).get("/exemplars/export.xlsx").data)
    ).active
    rows = list(sheet.iter_rows(min_row=2))
    assert [row[3].value for row in rows] == ['=HYPERLINK("http://x")']
    assert all(cell.data_type != "f" for row in rows for cell in row)


def _cell(page: str, unit_id: int, year: int) -> str:
    row = page[page.index(f'data-unit="{unit_id}"') :]
    row = row[: row.index("</tr>")]
    cell = row[row.index(f'data-year="{year}"') :]
    return cell[: cell.index("</td>")]


def test_quota_overview_for_the_office(world, make_exemplar, login_as):
    for n in range(3):
        make_exemplar(world.unit_b, name=f"B{n}", year=2024)
    make_exemplar(
        name="A",
        year=2023,
        path=[(S.FOSTERING, date(2023, 3, 1)), (S.RECOGNISED, date(2023, 12, 1))],
    )
    page = login_as(world.office).get("/exemplars/quota").get_data(as_text=True)
    assert 'data-count="1" data-flag="ok"' in _cell(page, world.unit_a.id, 2023)
    assert 'data-count="0" data-flag="below"' in _cell(page, world.unit_a.id, 2024)
    assert 'data-count="3" data-flag="above"' in _cell(page, world.unit_b.id, 2024)
    assert "Vượt (trên 2)" in page and "Chưa đạt (dưới 1)" in page  # not colour alone


def test_quota_overview_one_query_for_the_matrix(world, make_exemplar, login_as, query_counter):
    client = login_as(world.office)
    client.get("/exemplars/quota")
    with query_counter() as few:
        client.get("/exemplars/quota")
    for n in range(6):
        make_exemplar(world.unit_b if n % 2 else world.unit_a, name=f"E{n}", year=2023 + n % 3)
    client.get("/exemplars/quota")
    with query_counter() as many:
        client.get("/exemplars/quota")
    assert len(few) == len(many)
    assert sum("GROUP BY exemplars.unit_id" in s for s in many) == 1


@pytest.mark.parametrize("role", ["viewer", "council", "coordinator_a", "staff_a"])
def test_quota_overview_shows_only_visible_units(world, council_on_a, login_as, role):
    page = login_as(getattr(world, role)).get("/exemplars/quota").get_data(as_text=True)
    assert f'data-unit="{world.unit_a.id}"' in page
    assert (f'data-unit="{world.unit_b.id}"' in page) == (role == "viewer")


def test_quota_overview_other_organization(world, login_as):
    page = login_as(world.foreign_office).get("/exemplars/quota").get_data(as_text=True)
    assert f'data-unit="{world.unit_a.id}"' not in page
    assert f'data-unit="{world.foreign_unit.id}"' in page
    other = login_as(world.foreign_office).get(f"/exemplars/quota?period_id={world.period.id}")
    assert f'data-unit="{world.unit_a.id}"' not in other.get_data(as_text=True)
