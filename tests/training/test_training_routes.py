"""Training pages for each role: reading, writing, foreign ids, bad input, export, queries."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from portal.extensions import db
from portal.training.models import TrainingRecord
from tests.factories import assign_council


def _count():
    return db.session.scalar(db.select(db.func.count(TrainingRecord.id)))


@pytest.mark.parametrize("who", ["office", "viewer", "coordinator_a", "staff_a"])
def test_readers_see_the_units_trainings(world, login_as, make_record, who):
    make_record(world.unit_a, "Phạm Thị Hà")
    page = login_as(getattr(world, who)).get("/training/")
    assert page.status_code == 200
    assert "Phạm Thị Hà" in page.get_data(as_text=True)


@pytest.mark.parametrize(
    "who", ["coordinator_b", "council", "foreign_office", "foreign_coordinator"]
)
def test_others_neither_see_nor_touch_the_units_trainings(
    world, login_as, make_record, training_form, who
):
    record = make_record(world.unit_a, "Phạm Thị Hà")
    client = login_as(getattr(world, who))
    assert "Phạm Thị Hà" not in client.get("/training/").get_data(as_text=True)
    assert client.get(f"/training/{record.id}/edit").status_code == 404
    assert client.post(f"/training/{record.id}/edit", data=training_form()).status_code == 404
    assert client.post(f"/training/{record.id}/delete").status_code == 404
    assert client.get(f"/training/units/{world.unit_a.id}/new").status_code == 404
    export = load_workbook(io.BytesIO(client.get("/training/export.xlsx").data)).active
    assert "Phạm Thị Hà" not in [row[2] for row in export.iter_rows(values_only=True)]
    assert _count() == 1


@pytest.mark.parametrize("who", ["staff_a", "viewer", "council"])
def test_readers_cannot_write(world, login_as, make_record, training_form, who):
    if who == "council":
        assign_council(world, world.unit_a, 2024)
    record = make_record(world.unit_a)
    client = login_as(getattr(world, who))
    assert client.get(f"/training/units/{world.unit_a.id}/new").status_code == 403
    assert (
        client.post(f"/training/units/{world.unit_a.id}/new", data=training_form()).status_code
        == 403
    )
    assert client.get(f"/training/{record.id}/edit").status_code == 403
    assert client.post(f"/training/{record.id}/delete").status_code == 403
    assert f"/training/{record.id}/edit" not in client.get("/training/").get_data(as_text=True)
    assert _count() == 1


@pytest.mark.parametrize("who", ["coordinator_a", "office"])
def test_editors_record_edit_and_delete(world, login_as, training_form, who):
    client = login_as(getattr(world, who))
    assert client.get(f"/training/units/{world.unit_a.id}/new").status_code == 200
    response = client.post(f"/training/units/{world.unit_a.id}/new", data=training_form())
    assert response.status_code == 302
    record = db.session.scalars(db.select(TrainingRecord)).one()
    assert (record.start_date, record.end_date, record.hours) == (
        date(2024, 10, 7),
        date(2024, 10, 9),
        20.5,
    )
    assert record.created_by_id == getattr(world, who).id  # the route hands over its actor
    page = client.get("/training/").get_data(as_text=True)
    assert "07/10/2024 – 09/10/2024" in page and "20,5" in page
    response = client.post(
        f"/training/{record.id}/edit",
        data=training_form(person_user_id=str(world.staff_a.id), person_name=""),
    )
    assert response.status_code == 302
    db.session.expire_all()
    record = db.session.get(TrainingRecord, record.id)
    assert (record.person_user_id, record.person_name) == (world.staff_a.id, "Trần Thị Bình")
    assert client.post(f"/training/{record.id}/delete").status_code == 302
    assert _count() == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"person_name": ""}, "Chọn người của đơn vị hoặc nhập họ tên"),
        ({"end_date": "01/10/2024"}, "Ngày kết thúc không được trước ngày bắt đầu"),
        ({"hours": "mười"}, "Số giờ phải là một số"),
        ({"hours": "0"}, "Số giờ từ 0,5"),
        ({"start_date": "32/01/2024"}, "Ngày không hợp lệ"),
        ({"course": ""}, "Vui lòng điền mục này"),
    ],
)
def test_bad_input_re_renders_with_messages(world, login_as, training_form, overrides, message):
    client = login_as(world.coordinator_a)
    response = client.post(
        f"/training/units/{world.unit_a.id}/new", data=training_form(**overrides)
    )
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert message in text
    assert "Tập huấn kỹ năng viết tin bài tuyên truyền" in text or overrides.get("course") == ""
    assert _count() == 0


def test_person_of_another_unit_is_refused(world, login_as, training_form):
    client = login_as(world.coordinator_a)
    response = client.post(
        f"/training/units/{world.unit_a.id}/new",
        data=training_form(person_user_id=str(world.coordinator_b.id)),
    )
    assert response.status_code == 200
    assert "Chỉ chọn được người của chính đơn vị" in response.get_data(as_text=True)
    assert _count() == 0


def test_filters_and_export(world, login_as, make_record):
    make_record(
        world.unit_a, "Người 2023", start_date=date(2023, 4, 1), end_date=date(2023, 4, 1), hours=8
    )
    make_record(world.unit_b, "Người 2024", hours=16)
    client = login_as(world.office)
    text = client.get("/training/?year=2024").get_data(as_text=True)
    assert "Người 2024" in text and "Người 2023" not in text
    text = client.get(f"/training/?unit_id={world.unit_a.id}&q=người").get_data(as_text=True)
    assert "Người 2023" in text and "Người 2024" not in text
    response = client.get("/training/export.xlsx?year=2024")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    assert rows[0] == (
        "STT",
        "Đơn vị",
        "Họ và tên",
        "Khóa tập huấn",
        "Đơn vị tổ chức",
        "Từ ngày",
        "Đến ngày",
        "Số giờ",
        "Ghi chú",
    )
    assert [r[2] for r in rows[1:-1]] == ["Người 2024"]
    assert rows[1][1] == "Thanh tra Sở"
    assert rows[-1][7] == 16


def test_list_runs_the_same_statements_for_3_and_30_rows(
    world, login_as, make_record, query_counter
):
    def fill(n):
        for i in range(n):
            make_record(world.unit_a if i % 2 else world.unit_b, f"Người {i}")

    fill(3)
    client = login_as(world.office)
    with query_counter() as few:
        assert client.get("/training/").status_code == 200
    fill(27)
    client = login_as(world.office)
    with query_counter() as many:
        assert client.get("/training/").status_code == 200
    assert len(few) == len(many)
