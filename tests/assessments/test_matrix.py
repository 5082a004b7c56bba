"""The Office's matrix of units x years: states, submission dates, on time or late."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from portal.assessments.matrix import build_matrix
from portal.deadlines.models import CompletionMode, DeadlineKind
from portal.extensions import db
from portal.organizations.models import UnitKind
from portal.reviews.deadlines import Punctuality
from tests.factories import at, make_assessment, make_deadline, make_report, make_unit, move

FULL = [8, 7, 4]


@pytest.fixture
def submissions(world, criteria):
    """Unit A on time for 2024, unit B late; unit A's 2024 report still a draft."""
    on_time = make_assessment(world, scores=FULL)
    move(on_time, "submit", world.coordinator_a, when=at(2024, 12, 10))
    late = make_assessment(world, unit=world.unit_b, scores=FULL)
    move(late, "submit", world.coordinator_b, when=at(2025, 1, 6))
    move(late, "return", world.office, reason="Bổ sung", when=at(2025, 1, 7))
    move(late, "submit", world.coordinator_b, when=at(2025, 1, 8))
    report = make_report(world)
    return on_time, late, report


def test_cells_say_on_time_late_overdue_or_pending(world, submissions):
    on_time, late, report = submissions
    rows = build_matrix([world.unit_a, world.unit_b], world.period, now=at(2025, 3, 1))
    a, b = rows
    assert a.assessments[2024].record == on_time
    assert a.assessments[2024].punctuality == Punctuality.ON_TIME
    assert b.assessments[2024].punctuality == Punctuality.LATE  # judged on the first submission
    assert b.assessments[2024].record.state == "resubmitted"
    assert a.reports[2024].record == report and a.reports[2024].punctuality == Punctuality.OVERDUE
    assert a.assessments[2023].record is None
    assert a.assessments[2023].punctuality == Punctuality.OVERDUE
    assert a.assessments[2025].punctuality == Punctuality.PENDING


def test_office_deadline_decides(world, submissions):
    make_deadline(
        world,
        kind=DeadlineKind.SELF_ASSESSMENT,
        year=2024,
        title="Tự đánh giá 2024",
        due_at=datetime(2024, 12, 5, 10, tzinfo=UTC),
        completion_mode=CompletionMode.RECORD,
    )
    a, b = build_matrix([world.unit_a, world.unit_b], world.period, now=at(2025, 3, 1))
    assert a.assessments[2024].punctuality == Punctuality.LATE
    assert a.assessments[2024].due == datetime(2024, 12, 5, 10, tzinfo=UTC)
    assert a.reports[2024].due.day == 15  # annual reports keep the default


def test_matrix_page_per_role(world, login_as, submissions):
    for who, status in [
        ("office", 200),
        ("viewer", 200),
        ("council", 200),
        ("coordinator_a", 403),
        ("staff_a", 403),
    ]:
        response = login_as(getattr(world, who)).get("/assessments/matrix")
        assert response.status_code == status, who


def test_matrix_page_shows_states_dates_and_links(world, login_as, submissions):
    on_time, late, report = submissions
    page = login_as(world.office).get("/assessments/matrix").get_data(as_text=True)
    assert "Phòng Môi trường" in page and "Thanh tra Sở" in page
    assert f"/assessments/{on_time.id}" in page and f"/annual-reports/{report.id}" in page
    assert "10/12/2024" in page and "06/01/2025" in page
    assert "Đúng hạn" in page and "Nộp muộn" in page
    assert "Đã nộp lại" in page and "Bản nháp" in page


def test_council_member_sees_assigned_units_only(world, login_as, submissions, council_on_a):
    page = login_as(world.council).get("/assessments/matrix").get_data(as_text=True)
    assert "Phòng Môi trường" in page and "Thanh tra Sở" not in page


def test_foreign_office_sees_its_own_units_and_a_foreign_period_is_404(
    world, login_as, submissions
):
    client = login_as(world.foreign_office)
    page = client.get("/assessments/matrix").get_data(as_text=True)
    assert "Phòng Môi trường" not in page and "Phòng Tổ chức" in page
    assert (
        login_as(world.office)
        .get(f"/assessments/matrix?period_id={world.foreign_period.id}")
        .status_code
        == 404
    )


@pytest.mark.parametrize("path", ["/assessments/matrix", "/assessments/", "/annual-reports/"])
def test_no_query_per_unit(world, login_as, submissions, query_counter, path):
    client = login_as(world.office)

    def queries_of_the_page() -> list[str]:
        db.session.expire_all()  # both counts start from the same cold session
        with query_counter() as statements:
            response = client.get(path)
        assert response.status_code == 200
        return statements

    client.get(path)  # warm up
    few = queries_of_the_page()
    for n in range(6):
        unit = make_unit(world.org, f"Đơn vị thêm {n}", UnitKind.AFFILIATED)
        make_assessment(world, unit=unit, scores=FULL)
        make_report(world, unit=unit)
    many = queries_of_the_page()
    assert len(many) == len(few)
    assert "Đơn vị thêm 5" in client.get(path).get_data(as_text=True)


def test_matrix_export(world, login_as, submissions):
    response = login_as(world.office).get("/assessments/matrix.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if r[0] == "Đơn vị")
    assert header[:3] == ["Đơn vị", "Năm", "Tự đánh giá: trạng thái"]
    line_a = next(r for r in rows if r[0] == "Phòng Môi trường" and r[1] == 2024)
    line_b = next(r for r in rows if r[0] == "Thanh tra Sở" and r[1] == 2024)
    # dates are dates (Vietnam time), shown dd/mm/yyyy
    assert line_a[2:6] == ["Đã nộp", datetime(2024, 12, 10, 16), datetime(2024, 12, 15), "Đúng hạn"]
    assert line_b[2] == "Đã nộp lại" and line_b[5] == "Nộp muộn"
    assert line_a[6] == "Bản nháp"


def test_matrix_export_is_not_for_units(world, login_as):
    for who in ("coordinator_a", "staff_a"):
        assert login_as(getattr(world, who)).get("/assessments/matrix.xlsx").status_code == 403
