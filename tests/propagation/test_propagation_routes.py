"""Propagation pages for each role: reading, writing, foreign ids, bad input, export."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from portal.evidence.models import Attachment
from portal.extensions import db
from portal.propagation.models import PropagationActivity, PropagationActivityExemplar
from tests.factories import assign_council, make_exemplar

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

READERS_OF_A = ["office", "viewer", "coordinator_a", "staff_a"]
BLIND_TO_A = ["coordinator_b", "council", "foreign_office", "foreign_coordinator"]


def _count():
    return db.session.scalar(db.select(db.func.count(PropagationActivity.id)))


@pytest.mark.parametrize("who", READERS_OF_A)
def test_readers_of_the_unit_see_its_activities(world, login_as, make_activity, who):
    activity = make_activity(world.unit_a, "Bài viết về Tổ quan trắc")
    client = login_as(getattr(world, who))
    page = client.get("/propagation/")
    assert page.status_code == 200
    assert "Bài viết về Tổ quan trắc" in page.get_data(as_text=True)
    assert client.get(f"/propagation/{activity.id}").status_code == 200


@pytest.mark.parametrize("who", BLIND_TO_A)
def test_others_neither_list_nor_open_the_units_activities(world, login_as, make_activity, who):
    activity = make_activity(world.unit_a, "Bài viết về Tổ quan trắc")
    client = login_as(getattr(world, who))
    page = client.get("/propagation/")
    assert page.status_code == 200
    assert "Bài viết về Tổ quan trắc" not in page.get_data(as_text=True)
    assert client.get(f"/propagation/{activity.id}").status_code == 404
    assert client.get(f"/propagation/{activity.id}/edit").status_code == 404
    assert client.post(f"/propagation/{activity.id}/delete").status_code == 404
    assert client.get(f"/propagation/units/{world.unit_a.id}/new").status_code == 404
    export = load_workbook(io.BytesIO(client.get("/propagation/export.xlsx").data)).active
    assert "Bài viết về Tổ quan trắc" not in [row[5] for row in export.iter_rows(values_only=True)]
    assert _count() == 1


def test_assigned_council_member_reads_but_cannot_write(world, login_as, make_activity):
    activity = make_activity(world.unit_a, "Bài viết về Tổ quan trắc")
    assign_council(world, world.unit_a, 2024)
    client = login_as(world.council)
    assert "Bài viết về Tổ quan trắc" in client.get("/propagation/").get_data(as_text=True)
    assert client.get(f"/propagation/{activity.id}").status_code == 200
    assert client.get(f"/propagation/units/{world.unit_a.id}/new").status_code == 403
    assert client.get(f"/propagation/{activity.id}/edit").status_code == 403
    assert client.post(f"/propagation/{activity.id}/delete").status_code == 403


@pytest.mark.parametrize("who", ["staff_a", "viewer"])
def test_readers_cannot_write(world, login_as, make_activity, activity_form, who):
    activity = make_activity(world.unit_a)
    client = login_as(getattr(world, who))
    assert client.get(f"/propagation/units/{world.unit_a.id}/new").status_code == 403
    assert (
        client.post(f"/propagation/units/{world.unit_a.id}/new", data=activity_form()).status_code
        == 403
    )
    assert client.post(f"/propagation/{activity.id}/edit", data=activity_form()).status_code == 403
    assert client.post(f"/propagation/{activity.id}/delete").status_code == 403
    assert _count() == 1
    page = client.get(f"/propagation/{activity.id}").get_data(as_text=True)
    assert f"/propagation/{activity.id}/edit" not in page


def test_anonymous_is_sent_to_login(client, world, make_activity):
    activity = make_activity(world.unit_a)
    for url in ("/propagation/", f"/propagation/{activity.id}", "/propagation/export.xlsx"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("who", ["coordinator_a", "office"])
def test_editors_record_an_activity_with_exemplar_and_evidence(world, login_as, activity_form, who):
    exemplar = make_exemplar(world.unit_a, "Tổ quan trắc môi trường")
    client = login_as(getattr(world, who))
    form_page = client.get(f"/propagation/units/{world.unit_a.id}/new")
    assert form_page.status_code == 200
    assert "Tổ quan trắc môi trường" in form_page.get_data(as_text=True)
    data = activity_form(exemplar_ids=[str(exemplar.id)])
    data["evidence"] = (io.BytesIO(PNG), "anh-bai-bao.png")
    response = client.post(
        f"/propagation/units/{world.unit_a.id}/new", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    activity = db.session.scalars(db.select(PropagationActivity)).one()
    assert activity.unit_id == world.unit_a.id
    assert (activity.cost_vnd, activity.audience_reached) == (2_500_000, 1500)
    assert [e.id for e in activity.exemplars] == [exemplar.id]
    actor_id = getattr(world, who).id  # the route hands its actor to the service
    assert activity.created_by_id == actor_id
    assert db.session.scalars(db.select(Attachment.uploaded_by_id)).all() == [actor_id]
    detail = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2.500.000 ₫" in detail
    assert "anh-bai-bao.png" in detail
    assert "10/05/2024" in detail


def test_exemplar_of_another_unit_injected_is_rejected(world, login_as, activity_form):
    own = make_exemplar(world.unit_a, "Của mình")
    foreign = make_exemplar(world.unit_b, "Của Thanh tra")
    client = login_as(world.coordinator_a)
    response = client.post(
        f"/propagation/units/{world.unit_a.id}/new",
        data=activity_form(exemplar_ids=[str(own.id), str(foreign.id)]),
    )
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Chỉ được chọn điển hình của chính đơn vị" in text
    assert "Gương sáng Tổ quan trắc trên Báo Quảng Bình" in text  # input kept
    assert _count() == 0


def test_exemplar_of_another_unit_injected_on_edit_is_rejected(
    world, login_as, make_activity, activity_form
):
    activity = make_activity(world.unit_a)
    foreign = make_exemplar(world.unit_b, "Của Thanh tra")
    client = login_as(world.office)
    response = client.post(
        f"/propagation/{activity.id}/edit", data=activity_form(exemplar_ids=[str(foreign.id)])
    )
    assert response.status_code == 200
    assert "Chỉ được chọn điển hình của chính đơn vị" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(PropagationActivity, activity.id).exemplars == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("link", "javascript:alert(1)", "http:// hoặc https://"),
        ("cost_vnd", "hai triệu", "số nguyên không âm"),
        ("activity_date", "31/02/2024", "Ngày không hợp lệ"),
        ("title", "", "Vui lòng điền mục này"),
    ],
)
def test_bad_input_re_renders_with_messages(world, login_as, activity_form, field, value, message):
    client = login_as(world.coordinator_a)
    response = client.post(
        f"/propagation/units/{world.unit_a.id}/new", data=activity_form(**{field: value})
    )
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert message in text
    assert "invalid-feedback" in text
    assert _count() == 0


def test_dd_mm_yyyy_date_is_accepted(world, login_as, activity_form):
    client = login_as(world.coordinator_a)
    response = client.post(
        f"/propagation/units/{world.unit_a.id}/new", data=activity_form(activity_date="02/09/2024")
    )
    assert response.status_code == 302
    assert db.session.scalars(db.select(PropagationActivity)).one().activity_date == date(
        2024, 9, 2
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bao-cao.pdf", b"MZ\x90\x00 not a pdf"),
        ("../../../etc/passwd.png", b"root:x:0:0"),
    ],
)
def test_bad_evidence_re_renders_and_keeps_nothing(world, login_as, activity_form, name, content):
    client = login_as(world.coordinator_a)
    data = activity_form()
    data["evidence"] = (io.BytesIO(content), name)
    response = client.post(
        f"/propagation/units/{world.unit_a.id}/new", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 200
    assert "không đúng định dạng" in response.get_data(as_text=True)
    assert _count() == 0
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0


def test_oversize_evidence_is_refused(app, world, login_as, activity_form):
    app.config["MAX_UPLOAD_MB"] = 1
    client = login_as(world.coordinator_a)
    data = activity_form()
    data["evidence"] = (io.BytesIO(b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)), "lon.pdf")
    response = client.post(
        f"/propagation/units/{world.unit_a.id}/new", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 200
    assert "vượt quá dung lượng" in response.get_data(as_text=True)
    assert _count() == 0


def test_coordinator_edits_and_deletes(world, login_as, make_activity, activity_form):
    activity = make_activity(world.unit_a)
    client = login_as(world.coordinator_a)
    edit_page = client.get(f"/propagation/{activity.id}/edit")
    assert edit_page.status_code == 200
    assert 'value="Bài viết trên Báo Quảng Bình"' in edit_page.get_data(as_text=True)
    response = client.post(
        f"/propagation/{activity.id}/edit",
        data=activity_form(title="Phóng sự trên QBTV", activity_type="broadcast"),
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(PropagationActivity, activity.id).title == "Phóng sự trên QBTV"
    assert client.post(f"/propagation/{activity.id}/delete").status_code == 302
    assert _count() == 0


def test_list_filters_totals_and_unit_filter(world, login_as, make_activity):
    make_activity(world.unit_a, "Bài 2023", activity_date=date(2023, 4, 1), cost_vnd=1_000_000)
    make_activity(
        world.unit_b,
        "Bài 2024",
        activity_date=date(2024, 4, 1),
        cost_vnd=3_000_000,
        audience_reached=250,
    )
    client = login_as(world.office)
    text = client.get("/propagation/?year=2024").get_data(as_text=True)
    assert "Bài 2024" in text and "Bài 2023" not in text
    assert '<dd class="col-auto" data-testid="total-cost">3.000.000 ₫</dd>' in text
    text = client.get(f"/propagation/?unit_id={world.unit_a.id}").get_data(as_text=True)
    assert "Bài 2023" in text and "Bài 2024" not in text
    text = client.get("/propagation/?q=2024&year=abc&activity_type=xyz").get_data(as_text=True)
    assert "Bài 2024" in text and "Bài 2023" not in text
    # A coordinator of one unit has no unit filter to choose from.
    coordinator_page = login_as(world.coordinator_a).get("/propagation/").get_data(as_text=True)
    assert 'name="unit_id"' not in coordinator_page


def test_pagination_keeps_filters(app, world, login_as, make_activity):
    app.config["ITEMS_PER_PAGE"] = 2
    for n in range(5):
        make_activity(world.unit_a, f"Bài số {n}", activity_date=date(2024, 1, n + 1))
    client = login_as(world.coordinator_a)
    first = client.get("/propagation/?year=2024").get_data(as_text=True)
    assert "page=2" in first and "year=2024" in first
    second = client.get("/propagation/?year=2024&page=3").get_data(as_text=True)
    assert "Bài số 0" in second and "Bài số 4" not in second


def test_export_has_vietnamese_headers_visible_rows_and_totals(world, login_as, make_activity):
    activity = make_activity(
        world.unit_a, '=HYPERLINK("http://x")', cost_vnd=4_000_000, audience_reached=300
    )
    exemplar = make_exemplar(world.unit_a, "Tổ quan trắc")
    db.session.add(
        PropagationActivityExemplar(
            unit_id=world.unit_a.id, activity_id=activity.id, exemplar_id=exemplar.id
        )
    )
    db.session.commit()
    make_activity(world.unit_b, "Của Thanh tra", cost_vnd=9_000_000)
    response = login_as(world.coordinator_a).get("/propagation/export.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("STT", "Đơn vị", "Ngày thực hiện", "Hình thức", "Kênh", "Tiêu đề")
    assert "Kinh phí (đồng)" in rows[0]
    assert len(rows) == 3  # header, the unit's one activity, totals
    assert rows[1][1] == "Phòng Môi trường"
    assert rows[1][5] == '=HYPERLINK("http://x")'
    assert sheet.cell(row=2, column=6).data_type == "s"
    assert rows[1][10] == "Tổ quan trắc"
    assert rows[2][8] == 4_000_000 and rows[2][7] == 300


def test_list_runs_the_same_statements_for_3_and_30_rows(
    world, login_as, make_activity, query_counter
):
    exemplar = make_exemplar(world.unit_a)

    def fill(n):
        for i in range(n):
            unit = world.unit_a if i % 2 else world.unit_b
            activity = make_activity(unit, f"Hoạt động {i}")
            if unit is world.unit_a:
                link = PropagationActivityExemplar(
                    unit_id=unit.id, activity_id=activity.id, exemplar_id=exemplar.id
                )
                db.session.add(link)
        db.session.commit()

    fill(3)
    client = login_as(world.office)
    with query_counter() as few:
        assert client.get("/propagation/").status_code == 200
    fill(27)
    client = login_as(world.office)
    with query_counter() as many:
        assert client.get("/propagation/").status_code == 200
    assert len(few) == len(many)
