"""Lists: filters, pagination, a constant number of queries, the Excel export,
the unit's open findings and the overdue rule at its boundary."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from portal.extensions import db
from portal.formatting import today_vn
from portal.inspections import services as records
from portal.inspections.models import FindingStatus, InspectionFinding
from tests.factories import make_finding, make_inspection


def _many(world, count: int, unit=None) -> None:
    for n in range(count):
        inspection = make_inspection(
            world, unit or world.unit_a, world.council, date(2024, 1, 1) + timedelta(days=n)
        )
        make_finding(inspection, due_date=date(2024, 12, 31))


@pytest.mark.parametrize(
    ("status", "due", "overdue"),
    [
        (FindingStatus.OPEN, timedelta(0), False),  # due today
        (FindingStatus.OPEN, timedelta(days=-1), True),  # due yesterday
        (FindingStatus.OPEN, timedelta(days=1), False),
        (FindingStatus.SENT_BACK, timedelta(days=-1), True),
        (FindingStatus.ANSWERED, timedelta(days=-1), False),  # awaiting the inspector
        (FindingStatus.CLOSED, timedelta(days=-30), False),
        (FindingStatus.OPEN, None, False),
    ],
)
def test_is_overdue_boundary(status, due, overdue):
    today = date(2025, 6, 15)
    finding = InspectionFinding(status=status, due_date=today + due if due is not None else None)
    assert records.is_overdue(finding, today) is overdue


def test_overdue_filter_matches_is_overdue(world, login_as):
    inspection = make_inspection(world)
    today = today_vn()
    due_today = make_finding(inspection, due_date=today, finding="Hạn hôm nay")
    due_yesterday = make_finding(
        inspection, due_date=today - timedelta(days=1), finding="Hạn hôm qua"
    )
    html = login_as(world.office).get("/inspections/findings?overdue=1").get_data(as_text=True)
    assert f'/inspections/findings/{due_yesterday.id}"' in html
    assert f'/inspections/findings/{due_today.id}"' not in html
    assert records.is_overdue(due_yesterday) and not records.is_overdue(due_today)


def test_open_findings_for_unit(world):
    inspection = make_inspection(world)
    later = make_finding(inspection, due_date=date(2025, 9, 1), finding="Sau")
    sooner = make_finding(inspection, due_date=date(2025, 5, 1), finding="Trước")
    undated = make_finding(inspection, due_date=None, finding="Không hạn")
    closed = make_finding(inspection, finding="Đã đóng")
    closed.status = FindingStatus.CLOSED
    other = make_finding(make_inspection(world, world.unit_b, world.office), finding="B")
    db.session.commit()
    result = records.open_findings_for_unit(world.unit_a.id)
    assert result == [sooner, later, undated]
    assert other not in result


def test_workspace_block_renders(app, world):
    """The block the lead includes on the workspace home."""
    from flask import render_template_string

    inspection = make_inspection(world)
    make_finding(inspection, due_date=date(2025, 4, 1), finding="Chưa sơ kết")
    with app.test_request_context():
        html = render_template_string(
            '{% from "inspections/_blocks.html" import open_findings_block %}'
            "{{ open_findings_block(open_findings_for_unit(unit.id), today, unit) }}",
            unit=world.unit_a,
            today=date(2025, 6, 1),
        )
    assert "Chưa sơ kết" in html and "Quá hạn" in html and "01/04/2025" in html


def test_the_units_page_lists_inspections_and_open_findings(login_as, world):
    inspection = make_inspection(world)
    make_finding(inspection, finding="Chưa sơ kết phong trào")
    html = login_as(world.staff_a).get("/inspections/").get_data(as_text=True)
    assert "Kết luận kiểm tra chưa đóng" in html and "Chưa sơ kết phong trào" in html
    assert "Ghi biên bản kiểm tra" not in html  # staff read only


def test_index_filters(login_as, world):
    make_inspection(world, world.unit_a, world.council, date(2024, 5, 1))
    signed = make_inspection(world, world.unit_a, world.council, date(2025, 5, 1), signed=True)
    b = make_inspection(world, world.unit_b, world.office, date(2025, 6, 1))
    client = login_as(world.office)

    def ids(query):
        html = client.get(f"/inspections/?{query}").get_data(as_text=True)
        return {i for i in (1, 2, 3) if f'href="/inspections/{i}"' in html}

    assert ids("") == {1, 2, 3}
    assert ids("year=2025") == {signed.id, b.id}
    assert ids(f"unit_id={world.unit_b.id}") == {b.id}
    assert ids("signed=signed") == {signed.id}
    assert ids("signed=draft&year=2025") == {b.id}


def test_findings_filters(login_as, world):
    a = make_inspection(world, world.unit_a, world.council, date(2024, 5, 1))
    major = make_finding(a, severity="major", finding="Lớn")
    minor = make_finding(a, severity="minor", finding="Nhỏ về báo cáo")
    minor.status = FindingStatus.CLOSED
    b = make_inspection(world, world.unit_b, world.office, date(2025, 6, 1))
    other = make_finding(b, severity="observation", finding="Ghi nhận")
    db.session.commit()
    client = login_as(world.office)

    def ids(query):
        html = client.get(f"/inspections/findings?{query}").get_data(as_text=True)
        found = {major.id, minor.id, other.id}
        return {i for i in found if f'href="/inspections/findings/{i}"' in html}

    assert ids("") == {major.id, minor.id, other.id}
    assert ids("severity=major") == {major.id}
    assert ids("status=closed") == {minor.id}
    assert ids("status=not_closed") == {major.id, other.id}
    assert ids("year=2025") == {other.id}
    assert ids(f"unit_id={world.unit_a.id}") == {major.id, minor.id}
    assert ids("q=báo cáo") == {minor.id}
    assert ids("severity=bogus") == {major.id, minor.id, other.id}


def test_lists_paginate(app, login_as, world):
    app.config["ITEMS_PER_PAGE"] = 5
    _many(world, 7)
    client = login_as(world.office)
    first = client.get("/inspections/").get_data(as_text=True)
    second = client.get("/inspections/?page=2").get_data(as_text=True)
    assert len(re.findall(r'href="/inspections/\d+"', first)) == 5
    assert len(re.findall(r'href="/inspections/\d+"', second)) == 2
    assert "Tổng số: 7" in first
    # Newest first: the oldest inspection is on the second page.
    assert 'href="/inspections/1"' not in first and 'href="/inspections/1"' in second
    findings = client.get("/inspections/findings?page=2").get_data(as_text=True)
    assert len(re.findall(r'href="/inspections/findings/\d+"', findings)) == 2


@pytest.mark.parametrize(
    "url", ["/inspections/", "/inspections/findings", "/inspections/findings/export.xlsx"]
)
def test_no_query_per_row(login_as, world, query_counter, url):
    client = login_as(world.office)
    _many(world, 3)
    client.get(url)  # warm up
    db.session.expire_all()  # each request then loads the same things afresh
    with query_counter() as few:
        assert client.get(url).status_code == 200
    _many(world, 27, world.unit_b)
    db.session.expire_all()
    with query_counter() as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_excel_export(login_as, world):
    inspection = make_inspection(world, world.unit_a, world.council, date(2025, 3, 10))
    make_finding(
        inspection,
        severity="major",
        finding="Chưa sơ kết",
        due_date=date(2025, 4, 1),
        action_owner_user_id=world.coordinator_a.id,
        action_owner_name="",
    )
    make_finding(make_inspection(world, world.unit_b, world.office), finding="Của đơn vị B")
    response = login_as(world.coordinator_a).get("/inspections/findings/export.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Đơn vị", "Ngày kiểm tra", "Mức độ", "Nội dung phát hiện")
    assert len(rows) == 2  # unit B's finding is not the coordinator's to see
    assert rows[1][0] == "Phòng Môi trường" and rows[1][1] == datetime(2025, 3, 10)
    assert sheet["B2"].number_format == "DD/MM/YYYY" and sheet.freeze_panes == "A2"
    assert rows[1][2] == "Tồn tại lớn" and rows[1][6] == "Nguyễn Văn An"
    assert rows[1][7] == datetime(2025, 4, 1)
    assert rows[1][8] == "Chờ khắc phục" and rows[1][9] == "Có"


def test_excel_export_never_runs_typed_text_as_a_formula(login_as, world):
    inspection = make_inspection(world, world.unit_a, world.council, date(2025, 3, 10))
    make_finding(inspection, finding='=HYPERLINK("http://x.example","bấm")')
    response = login_as(world.coordinator_a).get("/inspections/findings/export.xlsx")
    cell = load_workbook(io.BytesIO(response.data)).active["D2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_the_workspace_shows_a_page_of_open_findings_and_links_to_all(login_as, world):
    """A unit with years of open findings: the workspace shows the first ones and a
    link to the whole list of its findings not closed, not all of them."""
    inspection = make_inspection(world)
    for day in range(1, records.OPEN_FINDINGS_SHOWN + 4):
        make_finding(inspection, due_date=date(2025, 5, day), finding=f"Phát hiện {day:02d}")
    db.session.commit()
    assert len(records.open_findings_for_unit(world.unit_a.id)) == records.OPEN_FINDINGS_SHOWN + 1
    client = login_as(world.coordinator_a)
    html = client.get(f"/units/{world.unit_a.id}").get_data(as_text=True)
    assert "Phát hiện 01" in html and f"Phát hiện {records.OPEN_FINDINGS_SHOWN:02d}" in html
    assert f"Phát hiện {records.OPEN_FINDINGS_SHOWN + 1:02d}" not in html
    assert "data-see-all-findings" in html and "status=not_closed" in html
    listed = client.get(
        f"/inspections/findings?unit_id={world.unit_a.id}&status=not_closed"
    ).get_data(as_text=True)
    assert f"Phát hiện {records.OPEN_FINDINGS_SHOWN + 3:02d}" in listed
