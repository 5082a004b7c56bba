"""Importing award decisions from Excel, from the web as the Office: the template, the
preview with each row's errors, all or nothing, saved once."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from portal.awards.importer import HEADINGS
from portal.awards.models import (
    AwardDecision,
    AwardLevel,
    AwardRecipient,
    DecisionSource,
    DecisionStatus,
)
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from tests.factories import make_award, make_exemplar

BODY = "Chủ tịch UBND tỉnh Quảng Bình"
FORM = "Bằng khen của Chủ tịch UBND tỉnh"


def row(**cells) -> list:
    """A good row (staff_a of unit A, an individual) with `cells` changed by heading key."""
    values = {
        "number": "125/QĐ-UBND",
        "date": "15/03/2024",
        "body": BODY,
        "level": "Cấp tỉnh",
        "signer": "Nguyễn Văn Hùng",
        "form": FORM,
        "year": 2023,
        "unit": "Phòng Môi trường",
        "kind": "Cá nhân",
        "name": "tran thi binh",
        "position": "Chuyên viên",
        "amount": 1_800_000,
    }
    values.update(cells)
    return list(values.values())


def xlsx(rows, headings=HEADINGS) -> bytes:
    workbook = Workbook()
    workbook.active.append(list(headings))
    for values in rows:
        workbook.active.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, data: bytes, name="quyet-dinh.xlsx"):
    return client.post(
        "/awards/import/",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def preview(client, data: bytes) -> tuple[str, str]:
    """Upload, follow to the preview: (its URL, its HTML)."""
    response = upload(client, data)
    assert response.status_code == 302, response.get_data(as_text=True)
    url = response.headers["Location"]
    return url, client.get(url).get_data(as_text=True)


def errors_of(html: str, line: int) -> str:
    found = re.search(rf'data-line="{line}".*?</tr>', html, re.S)
    assert found, f"no row {line}"
    return found.group(0)


def decisions() -> int:
    return db.session.scalar(select(func.count(AwardDecision.id)))


@pytest.fixture
def office(login_as, world):
    return login_as(world.office)


def test_a_good_file_is_saved_once(office, world):
    team = make_exemplar(world.unit_a, "Tổ Quan trắc", kind=ExemplarKind.COLLECTIVE)
    data = xlsx(
        [
            row(),  # staff_a, matched without diacritics
            row(name="NGUYỄN VĂN AN", amount="1.800.000"),  # the coordinator
            row(kind="Tập thể", name="", amount=None),  # unit A itself
            row(
                number="45/QĐ-STNMT",
                body="Giám đốc Sở",
                level="Cấp Sở",
                form="Tập thể lao động xuất sắc",
                date=datetime(2025, 1, 10),  # an Excel date cell
                year=2024,
                kind="Tập thể",
                name="to quan trac",
            ),
        ]
    )
    url, html = preview(office, data)
    assert 'data-testid="error-count">0<' in html and 'data-testid="decision-count">2<' in html
    assert decisions() == 0  # nothing saved by the preview
    response = office.post(url)
    assert response.status_code == 302
    saved = db.session.scalars(select(AwardDecision).order_by(AwardDecision.year)).all()
    assert [(d.number, d.status, d.source) for d in saved] == [
        ("125/QĐ-UBND", DecisionStatus.ISSUED, DecisionSource.IMPORTED),
        ("45/QĐ-STNMT", DecisionStatus.ISSUED, DecisionSource.IMPORTED),
    ]
    first, second = saved
    assert first.decided_on == date(2024, 3, 15) and first.level == AwardLevel.PROVINCE
    assert first.signer_name == "Nguyễn Văn Hùng" and first.year == 2023
    people = [(r.kind, r.user_id, r.exemplar_id, r.name, r.amount_vnd) for r in first.recipients]
    assert people == [
        (ExemplarKind.COLLECTIVE, None, None, "Phòng Môi trường", None),
        (ExemplarKind.INDIVIDUAL, world.staff_a.id, None, "tran thi binh", 1_800_000),
        (ExemplarKind.INDIVIDUAL, world.coordinator_a.id, None, "NGUYỄN VĂN AN", 1_800_000),
    ]
    assert second.decided_on == date(2025, 1, 10)
    assert second.recipients[0].exemplar_id == team.id
    # The second confirmation (a double click, the back button) saves nothing again.
    again = office.post(url)
    assert again.status_code == 302 and decisions() == 2
    assert db.session.scalar(select(func.count(AwardRecipient.id))) == 4
    # ... and the person's history shows it
    page = office.get(f"/awards/people/{world.staff_a.id}/history").get_data(as_text=True)
    assert "125/QĐ-UBND" in page


def test_wrong_columns_are_refused_on_the_form(office):
    response = upload(office, xlsx([["a", "b"]], headings=["Số QĐ", "Tên"]))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Không tìm thấy cột bắt buộc" in html
    assert "Ngày QĐ" in html
    refused = upload(office, b"not a spreadsheet", name="quyet-dinh.csv")
    assert "Chỉ nhận tệp Excel (.xlsx)." in refused.get_data(as_text=True)
    assert decisions() == 0


BAD_ROWS = {
    "unknown unit": (row(unit="Phòng Không Có"), "Không có đơn vị tên Phòng Không Có."),
    "unknown person": (row(name="Người Lạ"), "không có cán bộ hoặc điển hình cá nhân tên"),
    "person of another unit": (row(name="Lê Văn Cường"), "không có cán bộ hoặc điển hình"),
    "unknown collective": (row(kind="Tập thể", name="Tổ Lạ"), "không có tập thể (điển hình)"),
    "wrong date format": (row(date="2024-03-15"), "không đúng dạng dd/mm/yyyy: 2024-03-15"),
    "impossible date": (row(date="31/02/2024"), "không đúng dạng dd/mm/yyyy: 31/02/2024"),
    "negative amount": (row(amount=-5000), "Số tiền không được âm: -5000."),
    "amount not a number": (row(amount="một triệu"), "Số tiền phải là số nguyên"),
    "unknown level": (row(level="Cấp xã"), "Cấp khen thưởng không hợp lệ: Cấp xã."),
    "bad kind": (row(kind="Hộ gia đình"), "Cột Tập thể/Cá nhân không hợp lệ"),
    "bad year": (row(year="năm ngoái"), "Năm không hợp lệ: năm ngoái."),
    "missing number": (row(number=""), "Thiếu Số QĐ."),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_each_bad_row_is_refused_with_its_message_and_nothing_saved(office, world, case):
    bad, message = BAD_ROWS[case]
    url, html = preview(office, xlsx([row(name="Nguyễn Văn An"), bad]))
    assert message in errors_of(html, 3)
    assert "&#10003;" in errors_of(html, 2)  # the good row is good
    assert 'data-testid="error-count">1<' in html
    assert re.search(r"<button[^>]*disabled", html)
    office.post(url)  # confirming anyway: all or nothing
    assert decisions() == 0


def test_duplicate_rows_and_disagreeing_rows_of_one_decision(office):
    url, html = preview(
        office, xlsx([row(), row(name="Trần Thị Bình"), row(name="Nguyễn Văn An", form="Khác")])
    )
    assert "Trùng với dòng 2." in errors_of(html, 3)
    assert "Cùng số quyết định với dòng 2" in errors_of(html, 4)
    office.post(url)
    assert decisions() == 0


def test_a_decision_number_already_recorded(office, world):
    make_award(world.org, number="125/qđ-ubnd", issuing_body=BODY, year=2023)
    url, html = preview(office, xlsx([row(), row(year=2022, name="Nguyễn Văn An")]))
    assert "Quyết định số 125/QĐ-UBND của" in errors_of(html, 2)
    assert "đã có trên cổng (ngày 15/03/2024)" in errors_of(html, 2)
    assert "&#10003;" in errors_of(html, 3)  # the same number in another year is another
    office.post(url)
    assert decisions() == 1


def test_a_decision_recorded_between_preview_and_confirmation(office, world):
    url, html = preview(office, xlsx([row()]))
    assert 'data-testid="error-count">0<' in html
    make_award(world.org, number="125/QĐ-UBND", issuing_body=BODY, year=2023)
    office.post(url)
    assert decisions() == 1  # checked again: nothing imported


def test_the_template_and_office_only(office, login_as, world):
    response = office.get("/awards/import/template.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert [c.value for c in sheet[1]] == HEADINGS
    url, _html = preview(office, xlsx([row()]))
    for other in (world.coordinator_a, world.viewer):
        client = login_as(other)
        assert client.get("/awards/import/").status_code == 403
        assert client.post(url).status_code == 403
    assert decisions() == 0
    # another Office account cannot use the first one's upload
    assert login_as(world.foreign_office).get(url).status_code == 404


def test_cancel_discards_the_upload(office):
    url, _html = preview(office, xlsx([row()]))
    assert office.post(f"{url}/cancel").status_code == 302
    assert office.get(url).status_code == 404
    office.post(url)
    assert decisions() == 0
