"""Every Excel export, opened with openpyxl as a reader's spreadsheet would: dates are
dates shown dd/mm/yyyy, numbers and money are numbers (never "1.250.000 ₫" text), the
header row is frozen, an "STT" column is narrow, text typed as "=..." is text and not
a formula, and the same data gives the same bytes."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from portal.documents.excel import build_workbook, decimal, money, percent, workbook_bytes
from portal.extensions import db
from portal.propagation.models import ActivityType, Channel, PropagationActivity
from portal.training.models import TrainingRecord
from tests.factories import (
    make_assessment,
    make_criteria,
    make_exemplar,
    make_finding,
    make_inspection,
    make_report,
)

# Numbers or dates written as Vietnamese text, as the exports used to.
TEXT_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+( ₫)?$|^-?\d+,\d+%?$|^\d+%$|^\d\d/\d\d/\d{4}")
INJECTED = '=HYPERLINK("http://x","y")'


@pytest.fixture
def seeded(world):
    make_exemplar(world.unit_a, INJECTED)
    inspection = make_inspection(world, world.unit_a, world.office, date(2024, 3, 10))
    make_finding(inspection, finding=INJECTED, due_date=date(2024, 4, 1))
    db.session.add(
        PropagationActivity(
            unit_id=world.unit_a.id,
            activity_date=date(2024, 5, 2),
            activity_type=list(ActivityType)[0],
            channel=Channel.ONLINE,
            title=INJECTED,
            cost_vnd=1_250_000,
            audience_reached=12_000,
        )
    )
    db.session.add(
        TrainingRecord(
            unit_id=world.unit_a.id,
            person_name=INJECTED,
            course="Nghiệp vụ thi đua",
            organiser="Ban Thi đua",
            start_date=date(2024, 8, 12),
            end_date=date(2024, 8, 13),
            hours=2.5,
        )
    )
    make_criteria(world.period)
    report = make_report(world, year=2024)
    db.session.commit()
    assessment = make_assessment(world, year=2024, scores=[8, 6, 4])
    return {"report": report, "assessment": assessment}


def _urls(world, seeded):
    return [
        "/exemplars/export.xlsx",
        "/propagation/export.xlsx",
        "/training/export.xlsx",
        "/inspections/findings/export.xlsx",
        "/assessments/matrix.xlsx",
        "/deadlines/matrix.xlsx",
        "/dashboards/export.xlsx",
        f"/dashboards/units/{world.unit_a.id}/export.xlsx",
        f"/assessments/{seeded['assessment'].id}/export.xlsx",
        f"/annual-reports/{seeded['report'].id}/export.xlsx",
        f"/congress/periods/{world.period.id}/delegates.xlsx",
        "/admin/users/import/template.xlsx",
        "/awards/history/export.xlsx",
    ]


def test_every_export_is_typed_frozen_and_reproducible(world, login_as, seeded):
    client = login_as(world.office)
    seen = {"date": 0, "number": 0, "injected": 0}
    for url in _urls(world, seeded):
        response = client.get(url)
        assert response.status_code == 200, url
        assert client.get(url).data == response.data, url  # same data, same bytes
        workbook = load_workbook(io.BytesIO(response.data))
        for sheet in workbook.worksheets:
            assert sheet.freeze_panes is not None, (url, sheet.title)
            for row in sheet.iter_rows():
                for cell in row:
                    _check(url, sheet, cell, seen)
    assert seen["date"] >= 8 and seen["number"] >= 10
    assert seen["injected"] >= 4  # exemplar, finding, activity, training record


def _check(url, sheet, cell, seen):
    where = (url, sheet.title, cell.coordinate, cell.value)
    assert cell.data_type != "f", where
    if isinstance(cell.value, str):
        assert not TEXT_NUMBER.match(cell.value), where  # a number or date as text
        seen["injected"] += cell.value == INJECTED
    elif isinstance(cell.value, datetime):
        assert cell.number_format.startswith("DD/MM/YYYY"), where
        seen["date"] += 1
    elif isinstance(cell.value, int | float):
        seen["number"] += 1
    if cell.value == "STT":
        width = sheet.column_dimensions[cell.column_letter].width
        assert width <= 8, where  # not sized by a title line


def test_formats_and_widths():
    rows = [
        [1, date(2025, 7, 1), money(1_250_000), percent(85.25), decimal(8.5), "=1+1", None],
        [2, datetime(2025, 7, 1, 1, 30), money(None), percent(None), 2024, "Dài " * 40, ""],
    ]
    headers = ["STT", "Ngày", "Kinh phí", "Tỷ lệ", "Điểm", "Ghi chú", "Trống"]
    workbook = build_workbook([("Thử", headers, rows)])
    sheet = workbook["Thử"]
    assert sheet.freeze_panes == "A2"
    assert [c.number_format for c in sheet[2][:5]] == [
        "0",
        "DD/MM/YYYY",
        '#,##0 "₫"',
        "0.00%",
        "#,##0.00",
    ]
    assert sheet["D2"].value == pytest.approx(0.8525)
    assert sheet["B3"].value == datetime(2025, 7, 1, 8, 30)  # stored UTC, shown Vietnam time
    assert sheet["F2"].data_type == "s" and sheet["F2"].value == "=1+1"
    assert sheet["E3"].number_format == "0"  # a year is not 2.024
    widths = {c: sheet.column_dimensions[c].width for c in "ABCFG"}
    assert widths["A"] <= 6 and widths["B"] == 18 and widths["C"] >= 11
    assert widths["F"] == 60 and widths["G"] < 10
    assert workbook_bytes(workbook) == workbook_bytes(build_workbook([("Thử", headers, rows)]))
