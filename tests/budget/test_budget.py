"""The programme's budget (plan clause IV) from the web: the Office sets the year's
budget of the organization and of a unit; propagation, training and fostering costs are
set against it on the dashboards and in the annual report; bad amounts are refused; an
activity dated in the future is not recorded as done."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from portal.budget import services
from portal.budget.models import ProgrammeBudget
from portal.exemplars.models import FosteringAction, FosteringStatus
from portal.extensions import db
from portal.formatting import today_vn
from portal.propagation.models import ActivityType, Channel, PropagationActivity
from portal.training.models import TrainingRecord
from tests.factories import (
    make_budget,
    make_exemplar,
    make_fostering_action,
    make_report,
)

YEAR = 2025


def _costs(world) -> None:
    """Unit A: propagation 1.500.000 + 500.000, training 2.000.000, fostering 700.000
    (and a cancelled one of 9.000.000 that does not count); unit B: propagation 300.000;
    another year's and another organization's costs that never count."""
    for unit, cost, day in (
        (world.unit_a, 1_500_000, date(YEAR, 3, 1)),
        (world.unit_a, 500_000, date(YEAR, 11, 1)),
        (world.unit_b, 300_000, date(YEAR, 5, 1)),
        (world.unit_a, 8_000_000, date(YEAR - 1, 5, 1)),
        (world.foreign_unit, 4_000_000, date(YEAR, 5, 1)),
    ):
        db.session.add(
            PropagationActivity(
                unit_id=unit.id,
                activity_date=day,
                activity_type=ActivityType.ARTICLE,
                channel=Channel.ONLINE,
                title="Bài viết",
                cost_vnd=cost,
            )
        )
    db.session.add(
        TrainingRecord(
            unit_id=world.unit_a.id,
            person_name="Nguyễn Văn A",
            course="Nghiệp vụ thi đua",
            start_date=date(YEAR, 6, 1),
            end_date=date(YEAR, 6, 2),
            hours=8,
            cost_vnd=2_000_000,
        )
    )
    db.session.commit()
    exemplar = make_exemplar(world.unit_a)
    make_fostering_action(exemplar, due_date=date(YEAR, 7, 1), cost_vnd=700_000)
    make_fostering_action(
        exemplar,
        due_date=date(YEAR, 8, 1),
        cost_vnd=9_000_000,
        status=FosteringStatus.CANCELLED,
    )


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def test_office_sets_the_years_budget_for_the_organization_and_a_unit(world, login_as):
    client = login_as(world.office)
    response = client.post(
        f"/budget/?year={YEAR}", data={"unit_id": "", "amount_vnd": "50.000.000", "note": ""}
    )
    assert response.status_code == 302
    client.post(
        f"/budget/?year={YEAR}", data={"unit_id": world.unit_a.id, "amount_vnd": "5.000.000"}
    )
    # Setting again replaces, never duplicates.
    client.post(f"/budget/?year={YEAR}", data={"unit_id": "", "amount_vnd": "60.000.000"})
    rows = {r.unit_id: r.amount_vnd for r in db.session.scalars(select(ProgrammeBudget))}
    assert rows == {None: 60_000_000, world.unit_a.id: 5_000_000}
    page = _text(client.get(f"/budget/?year={YEAR}"))
    assert "60.000.000" in page and "5.000.000" in page
    # Left empty: the unit's amount is removed.
    client.post(f"/budget/?year={YEAR}", data={"unit_id": world.unit_a.id, "amount_vnd": ""})
    assert (
        db.session.scalar(
            select(ProgrammeBudget.unit_id).where(ProgrammeBudget.unit_id.isnot(None))
        )
        is None
    )


def test_only_the_office_sets_the_budget(world, login_as):
    for user in (world.coordinator_a, world.staff_a, world.viewer, world.council):
        client = login_as(user)
        assert client.get("/budget/").status_code == 403
        assert client.post("/budget/", data={"amount_vnd": "1"}).status_code == 403
    assert db.session.scalar(select(ProgrammeBudget.id)) is None


def test_bad_amounts_and_foreign_units_are_refused_on_the_field(world, login_as):
    client = login_as(world.office)
    response = client.post(f"/budget/?year={YEAR}", data={"unit_id": "", "amount_vnd": "-5.000"})
    assert response.status_code == 200
    assert "Vui lòng nhập một số nguyên không âm" in response.get_data(as_text=True)
    response = client.post(
        f"/budget/?year={YEAR}",
        data={"unit_id": world.foreign_unit.id, "amount_vnd": "1.000.000"},
    )
    assert "Chỉ được chọn các đơn vị của Sở." in response.get_data(as_text=True)
    assert db.session.scalar(select(ProgrammeBudget.id)) is None


def test_office_dashboard_shows_spent_and_remaining_per_unit_and_kind(world, login_as):
    _costs(world)
    make_budget(world, YEAR, 50_000_000)
    make_budget(world, YEAR, 5_000_000, unit=world.unit_a)
    page = _text(login_as(world.office).get(f"/dashboards/?year={YEAR}"))
    spent = 1_500_000 + 500_000 + 300_000 + 2_000_000 + 700_000
    assert re.search(r'data-testid="budget-total">\s*50\.000\.000', page)
    assert re.search(r'data-testid="budget-spent">\s*5\.000\.000', page), spent
    assert re.search(r'data-testid="budget-remaining">\s*45\.000\.000', page)
    assert re.search(r'data-testid="budget-kind-propagation">\s*2\.300\.000', page)
    assert re.search(r'data-testid="budget-kind-training">\s*2\.000\.000', page)
    assert re.search(r'data-testid="budget-kind-fostering">\s*700\.000', page)
    assert re.search(rf'data-testid="budget-unit-spent-{world.unit_a.id}">\s*4\.700\.000', page)
    assert re.search(rf'data-testid="budget-unit-spent-{world.unit_b.id}">\s*300\.000', page)


def test_unit_dashboard_shows_its_own_budget_only(world, login_as):
    _costs(world)
    make_budget(world, YEAR, 50_000_000)
    make_budget(world, YEAR, 5_000_000, unit=world.unit_a)
    page = _text(
        login_as(world.coordinator_a).get(f"/dashboards/units/{world.unit_a.id}?year={YEAR}")
    )
    assert re.search(r'data-testid="budget-total">\s*5\.000\.000', page)
    assert re.search(r'data-testid="budget-spent">\s*4\.700\.000', page)
    assert re.search(r'data-testid="budget-remaining">\s*300\.000', page)
    assert "50.000.000" not in page


def test_annual_report_sets_the_units_costs_against_its_budget(world, login_as):
    _costs(world)
    make_budget(world, YEAR, 5_000_000, unit=world.unit_a)
    report = make_report(world, year=YEAR)
    page = _text(login_as(world.coordinator_a).get(f"/annual-reports/{report.id}"))
    assert re.search(r'data-testid="budget-assigned">\s*5\.000\.000', page)
    assert re.search(r'data-testid="budget-spent">\s*4\.700\.000', page)
    assert re.search(r'data-testid="budget-remaining">\s*300\.000', page)


def test_yearly_report_rows_match_the_costs(world, app):
    _costs(world)
    make_budget(world, YEAR, 50_000_000)
    with app.test_request_context():
        rows = services.report_rows(
            world.org.id, YEAR, [world.unit_a, world.unit_b], lambda v: f"{v:,}"
        )
    assert rows[0][0] == world.unit_a.name and rows[0][-2] == "4,700,000"
    assert rows[-1] == [
        "Toàn Sở",
        "50,000,000",
        "2,300,000",
        "2,000,000",
        "700,000",
        "5,000,000",
        "45,000,000",
    ]


def test_an_activity_dated_in_the_future_is_not_recorded_as_done(world, login_as):
    tomorrow = (today_vn() + timedelta(days=1)).strftime("%d/%m/%Y")
    client = login_as(world.coordinator_a)
    response = client.post(
        f"/propagation/units/{world.unit_a.id}/new",
        data={
            "activity_date": tomorrow,
            "activity_type": "article",
            "channel": "online",
            "title": "Bài viết sẽ đăng",
            "cost_vnd": "1.000.000",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Không thể ghi nhận đã thực hiện cho một ngày trong tương lai." in page
    assert "Bài viết sẽ đăng" in page  # the form is kept
    assert db.session.scalar(select(PropagationActivity.id)) is None

    response = client.post(
        f"/training/units/{world.unit_a.id}/new",
        data={
            "person_name": "Trần Thị B",
            "course": "Nghiệp vụ tuyên truyền",
            "start_date": tomorrow,
            "hours": "8",
            "cost_vnd": "500.000",
        },
    )
    assert "Không thể ghi nhận đã thực hiện cho một ngày trong tương lai." in _text(response)
    assert db.session.scalar(select(TrainingRecord.id)) is None


def test_a_fostering_action_due_in_the_future_is_not_marked_done(world, login_as):
    exemplar = make_exemplar(world.unit_a)
    tomorrow = (today_vn() + timedelta(days=1)).strftime("%d/%m/%Y")
    data = {
        "support_type": "training",
        "description": "Cử đi học tập mô hình",
        "owner_user_id": "0",
        "owner_name": "Chuyên gia",
        "due_date": tomorrow,
        "status": "done",
        "cost_vnd": "700.000",
    }
    client = login_as(world.coordinator_a)
    response = client.post(f"/exemplars/{exemplar.id}/actions/new", data=data)
    assert "Không thể ghi nhận đã thực hiện cho một ngày trong tương lai." in _text(response)
    assert db.session.scalar(select(FosteringAction.id)) is None
    # Planned for tomorrow is fine, with its cost.
    response = client.post(
        f"/exemplars/{exemplar.id}/actions/new", data=data | {"status": "planned"}
    )
    assert response.status_code == 302
    assert db.session.scalar(select(FosteringAction.cost_vnd)) == 700_000


def test_annual_report_excel_carries_the_budget(world, login_as):
    import io

    from openpyxl import load_workbook

    _costs(world)
    make_budget(world, YEAR, 5_000_000, unit=world.unit_a)
    report = make_report(world, year=YEAR)
    response = login_as(world.office).get(f"/annual-reports/{report.id}/export.xlsx")
    workbook = load_workbook(io.BytesIO(response.data))
    rows = [
        [c for c in row if c] for sheet in workbook for row in sheet.iter_rows(values_only=True)
    ]
    # money is a number in the cell, shown with the VND format
    assert ["Kinh phí được giao", 5_000_000] in rows
    assert ["Đã chi", 4_700_000] in rows
    assert ["Còn lại", 300_000] in rows
