"""Deadline pages for each role, with foreign ids and forbidden actions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from portal.deadlines.models import CompletionMode, Deadline, DeadlineCompletion, DeadlineKind
from portal.extensions import db
from portal.models_base import as_utc, utcnow
from portal.notifications.reminders import sweep_reminders
from tests.factories import assign_council, make_deadline, vn


@pytest.fixture
def deadline(world):
    return make_deadline(world, title="Báo cáo sơ kết phong trào", units=[world.unit_a])


@pytest.fixture
def foreign_deadline(world):
    return make_deadline(
        world,
        organization_id=world.other_org.id,
        period_id=world.foreign_period.id,
        title="Thời hạn của Sở khác",
    )


def form_data(world, **overrides) -> dict:
    data = {
        "period_id": world.period.id,
        "kind": "self_assessment",
        "year": "2025",
        "title": "",
        "description": "Theo mục III.5 của Kế hoạch",
        "due_date": "2025-12-15",
        "due_time": "17:00",
        "completion_mode": "record",
        "all_units": "y",
        "remind_days_before": "14, 7,1",
        "escalate": "y",
        "reminders_enabled": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_index_lists_deadlines_with_completion_for_each_reader(
    world, login_as, deadline, foreign_deadline
):
    for person in (world.office, world.viewer, world.coordinator_a):
        page = login_as(person).get("/deadlines/")
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert "Báo cáo sơ kết phong trào" in text
        assert "Thời hạn của Sở khác" not in text
    # The deadline is for unit_a only: unit_b's coordinator does not see it.
    page = login_as(world.coordinator_b).get("/deadlines/")
    assert "Báo cáo sơ kết phong trào" not in page.get_data(as_text=True)
    assert login_as(world.coordinator_a).get("/deadlines/?kind=self_assessment").status_code == 200


def test_anonymous_is_sent_to_login(client, deadline):
    response = client.get("/deadlines/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_detail_per_role_and_foreign_ids(world, login_as, deadline, foreign_deadline):
    url = f"/deadlines/{deadline.id}"
    office_page = login_as(world.office).get(url).get_data(as_text=True)
    assert "Phòng Môi trường" in office_page and "Đánh dấu đã hoàn thành" in office_page
    coordinator_page = login_as(world.coordinator_a).get(url).get_data(as_text=True)
    assert "Phòng Môi trường" in coordinator_page
    assert "Đánh dấu đã hoàn thành" not in coordinator_page
    assert login_as(world.viewer).get(url).status_code == 200
    assert login_as(world.coordinator_b).get(url).status_code == 404  # not their unit's
    assert login_as(world.office).get(f"/deadlines/{foreign_deadline.id}").status_code == 404
    assert login_as(world.foreign_office).get(url).status_code == 404


def test_office_creates_a_deadline_in_vietnam_time(world, login_as):
    client = login_as(world.office)
    assert client.get("/deadlines/new").status_code == 200
    response = client.post("/deadlines/new", data=form_data(world))
    assert response.status_code == 302
    deadline = db.session.scalar(select(Deadline))
    assert deadline.title == "Tự đánh giá công tác điển hình tiên tiến năm 2025"
    assert as_utc(deadline.due_at) == vn(2025, 12, 15, 17)  # 10:00 UTC
    assert deadline.days_before == (14, 7, 1)
    assert deadline.completion_mode == CompletionMode.RECORD and deadline.all_units
    page = client.get(f"/deadlines/{deadline.id}").get_data(as_text=True)
    assert "15/12/2025 17:00" in page


def test_chosen_units_and_free_form_item(world, login_as):
    client = login_as(world.office)
    data = form_data(
        world,
        kind="other",
        title="Nộp ảnh tư liệu điển hình",
        all_units=None,
        completion_mode="manual",
        unit_ids=[str(world.unit_b.id)],
        remind_days_before="3",
    )
    assert client.post("/deadlines/new", data=data).status_code == 302
    deadline = db.session.scalar(select(Deadline))
    assert deadline.kind == DeadlineKind.OTHER and deadline.target_unit_ids == {world.unit_b.id}
    assert deadline.days_before == (3,)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"year": "2031"}, "Năm phải thuộc kỳ kế hoạch"),
        ({"all_units": None}, "Chọn ít nhất một đơn vị"),
        ({"kind": "other"}, "Nội dung khác không có hồ sơ trên Cổng"),
        ({"remind_days_before": "14, bảy"}, "Nhập các số ngày"),
        ({"remind_days_before": "120"}, "từ 1 đến 90"),
        ({"due_date": ""}, "Vui lòng nhập thông tin này."),
    ],
)
def test_bad_input_is_shown_next_to_fields_and_kept(world, login_as, overrides, message):
    data = form_data(world, description="Giữ lại nội dung này", **overrides)
    response = login_as(world.office).post("/deadlines/new", data=data)
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in text
    assert "Giữ lại nội dung này" in text
    assert db.session.scalar(select(Deadline)) is None


def test_edit_keeps_local_time_and_moves_the_deadline(world, login_as, deadline):
    client = login_as(world.office)
    page = client.get(f"/deadlines/{deadline.id}/edit").get_data(as_text=True)
    assert 'value="15/12/2025"' in page and 'value="17:00"' in page
    data = form_data(
        world,
        kind="other",
        completion_mode="manual",
        title="Đã đổi tên",
        due_date="2025-12-20",
        due_time="08:30",
        all_units=None,
        unit_ids=[str(world.unit_a.id), str(world.unit_b.id)],
    )
    assert client.post(f"/deadlines/{deadline.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert deadline.title == "Đã đổi tên"
    assert as_utc(deadline.due_at) == vn(2025, 12, 20, 8, 30)
    assert deadline.target_unit_ids == {world.unit_a.id, world.unit_b.id}


def test_only_the_office_edits(world, login_as, deadline, foreign_deadline):
    for person in (world.viewer, world.council, world.coordinator_a, world.staff_a):
        client = login_as(person)
        assert client.get("/deadlines/new").status_code == 403
        assert client.get(f"/deadlines/{deadline.id}/edit").status_code == 403
        assert client.post(f"/deadlines/{deadline.id}/delete").status_code == 403
        assert (
            client.post(f"/deadlines/{deadline.id}/units/{world.unit_a.id}/done").status_code == 403
        )
    client = login_as(world.office)
    assert client.get(f"/deadlines/{foreign_deadline.id}/edit").status_code == 404
    assert client.post(f"/deadlines/{foreign_deadline.id}/delete").status_code == 404


def test_mark_done_stops_reminders_and_can_be_undone(world, login_as):
    deadline = make_deadline(world, due_at=utcnow() + timedelta(days=7))
    client = login_as(world.office)
    url = f"/deadlines/{deadline.id}/units/{world.unit_a.id}/done"
    assert client.post(url, data={"note": "Đã nhận bản giấy"}).status_code == 302
    done = db.session.scalar(select(DeadlineCompletion))
    assert done.unit_id == world.unit_a.id and done.marked_by_id == world.office.id
    assert done.note == "Đã nhận bản giấy"
    page = client.get(f"/deadlines/{deadline.id}").get_data(as_text=True)
    assert "Đã hoàn thành" in page and "Bỏ đánh dấu" in page
    sweep_reminders(utcnow())
    from .helpers import messages_to

    assert messages_to(world.coordinator_a.email) == []
    assert len(messages_to(world.coordinator_b.email)) == 1
    undo = f"/deadlines/{deadline.id}/units/{world.unit_a.id}/undone"
    assert client.post(undo).status_code == 302
    assert db.session.scalar(select(DeadlineCompletion)) is None


def test_mark_done_for_a_unit_outside_the_deadline_is_404(world, login_as, deadline):
    client = login_as(world.office)
    assert client.post(f"/deadlines/{deadline.id}/units/{world.unit_b.id}/done").status_code == 404
    assert (
        client.post(f"/deadlines/{deadline.id}/units/{world.foreign_unit.id}/done").status_code
        == 404
    )


def test_delete(world, login_as, deadline):
    assert login_as(world.office).post(f"/deadlines/{deadline.id}/delete").status_code == 302
    assert db.session.get(Deadline, deadline.id) is None


def test_matrix_and_export(world, login_as, deadline):
    everywhere = make_deadline(world, title="Báo cáo toàn Sở")
    client = login_as(world.office)
    page = client.get(f"/deadlines/matrix?period_id={world.period.id}").get_data(as_text=True)
    assert "Báo cáo toàn Sở" in page and "Thanh tra Sở" in page and "Không áp dụng" in page
    assert "Quá hạn" in page
    # Each cell as deadlines/_status.html writes it, a row's cells in deadline order.
    assert '<td><span class="badge text-bg-danger status-badge">Quá hạn</span></td>' in page
    assert '<td><span class="text-muted">Không áp dụng</span></td>' in page
    export = client.get(f"/deadlines/matrix.xlsx?period_id={world.period.id}")
    assert export.status_code == 200
    sheet = load_workbook(filename=__import__("io").BytesIO(export.data)).active
    rows = list(sheet.values)
    assert rows[0][1] == "Đơn vị" and any("Báo cáo toàn Sở" in str(h) for h in rows[0])
    assert {r[1] for r in rows[1:]} == {"Phòng Môi trường", "Thanh tra Sở"}
    # A coordinator sees only their unit's row.
    own = login_as(world.coordinator_b).get("/deadlines/matrix").get_data(as_text=True)
    assert "Thanh tra Sở" in own and "Phòng Môi trường" not in own
    assert everywhere.id


def test_items_page_lists_pending_items_of_visible_units(world, login_as):
    make_deadline(
        world, title="Việc của phòng A", units=[world.unit_a], due_at=utcnow() + timedelta(days=3)
    )
    make_deadline(
        world, title="Việc của thanh tra", units=[world.unit_b], due_at=utcnow() - timedelta(days=2)
    )
    office = login_as(world.office).get("/deadlines/items").get_data(as_text=True)
    assert "Việc của phòng A" in office and "Việc của thanh tra" in office
    own = login_as(world.coordinator_a).get("/deadlines/items?days=10").get_data(as_text=True)
    assert "Việc của phòng A" in own and "Việc của thanh tra" not in own


def test_office_sees_reminders_sent_per_stage_and_outbox_links(world, login_as, deadline):
    sweep_reminders(vn(2025, 12, 8, 7))
    page = login_as(world.office).get(f"/deadlines/{deadline.id}").get_data(as_text=True)
    assert "Nhắc trước 7 ngày" in page
    assert "/mail/outbox?category=reminder" in page


def test_record_kind_without_its_capability_tells_the_office_to_mark(world, login_as):
    import importlib.util

    deadline = make_deadline(
        world, kind=DeadlineKind.CONGRESS_SUBMISSION, completion_mode=CompletionMode.RECORD
    )
    page = login_as(world.office).get(f"/deadlines/{deadline.id}").get_data(as_text=True)
    installed = importlib.util.find_spec("portal.congress") is not None
    assert ("Cổng chưa có chức năng nhận loại hồ sơ này" in page) == (not installed)


def test_council_member_sees_deadlines_of_assigned_units_only(world, login_as, deadline):
    everywhere = make_deadline(world, title="Báo cáo toàn Sở")
    client = login_as(world.council)
    assert "Báo cáo toàn Sở" not in client.get("/deadlines/").get_data(as_text=True)
    assert client.get(f"/deadlines/{everywhere.id}").status_code == 404
    assign_council(world, world.unit_b)
    client = login_as(world.council)
    page = client.get("/deadlines/").get_data(as_text=True)
    assert "Báo cáo toàn Sở" in page and "Báo cáo sơ kết phong trào" not in page
    detail = client.get(f"/deadlines/{everywhere.id}").get_data(as_text=True)
    assert "Thanh tra Sở" in detail and "Phòng Môi trường" not in detail
    assert client.get(f"/deadlines/{deadline.id}").status_code == 404
