"""The annual-report pages, for every role, with foreign ids and forbidden actions."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from portal.annualreports.models import AnnualReport
from portal.extensions import db
from portal.propagation.models import ActivityType, Channel, PropagationActivity
from portal.reviews.states import ReviewState
from tests.factories import assign_council, make_report, move


def _commentary(**extra):
    data = {
        "detection_commentary": "Đơn vị chủ động phát hiện nhân tố mới",
        "exemplars_commentary": "Xây dựng 02 điển hình",
        "propagation_commentary": "Đẩy mạnh tuyên truyền trực tuyến",
        "training_commentary": "Cử cán bộ dự tập huấn",
        "inspections_commentary": "Đã khắc phục tồn tại",
        "difficulties_commentary": "Kinh phí hạn chế",
        "proposals": "Đề nghị Sở bố trí kinh phí",
        "commendation_commentary": "Đề nghị tặng Giấy khen",
    }
    return data | extra


def test_index_lists_the_visible_units(world, login_as, council_on_a):
    for who, sees_a, sees_b in [
        ("office", True, True),
        ("viewer", True, True),
        ("coordinator_a", True, False),
        ("staff_a", True, False),
        ("council", True, False),
        ("coordinator_b", False, True),
    ]:
        page = login_as(getattr(world, who)).get("/annual-reports/").get_data(as_text=True)
        assert ("Phòng Môi trường" in page) is sees_a, who
        assert ("Thanh tra Sở" in page) is sees_b, who
        assert ("Lập báo cáo năm" in page) is (who in ("coordinator_a", "coordinator_b")), who


def test_coordinator_creates_then_writes_the_report(world, login_as, exemplars):
    client = login_as(world.coordinator_a)
    response = client.post(
        "/annual-reports/new",
        data={"unit_id": world.unit_a.id, "year": 2024, "period_id": world.period.id},
    )
    report = db.session.scalar(db.select(AnnualReport))
    assert response.location.endswith(f"/annual-reports/{report.id}/edit")
    form = client.get(f"/annual-reports/{report.id}/edit").get_data(as_text=True)
    assert "Tổ Quan trắc môi trường" in form and "Đoàn thanh tra số 1" not in form
    assert "Bộ phận một cửa" not in form  # dropped
    data = _commentary(exemplar_ids=[exemplars["to_quan_trac"].id])
    assert client.post(f"/annual-reports/{report.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    report = db.session.get(AnnualReport, report.id)
    assert report.proposals == "Đề nghị Sở bố trí kinh phí"
    assert [c.exemplar_id for c in report.commendations] == [exemplars["to_quan_trac"].id]
    page = client.get(f"/annual-reports/{report.id}").get_data(as_text=True)
    assert "Đẩy mạnh tuyên truyền trực tuyến" in page
    assert "Điển hình đơn vị đề nghị khen thưởng" in page
    assert 'data-testid="live-note"' in page


def test_only_the_coordinator_creates(world, login_as):
    data = {"unit_id": world.unit_a.id, "year": 2024, "period_id": world.period.id}
    for who, status in [
        ("office", 403),
        ("staff_a", 403),
        ("viewer", 403),
        ("coordinator_b", 404),
        ("foreign_coordinator", 404),
    ]:
        response = login_as(getattr(world, who)).post("/annual-reports/new", data=data)
        assert response.status_code == status, who
    assert db.session.query(AnnualReport).count() == 0


def test_proposing_another_units_exemplar_is_refused_and_input_kept(world, login_as, exemplars):
    report = make_report(world)
    data = _commentary(
        exemplar_ids=[exemplars["don_vi_khac"].id], training_commentary="Nội dung không được mất"
    )
    response = login_as(world.coordinator_a).post(f"/annual-reports/{report.id}/edit", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Chỉ được đề nghị khen thưởng điển hình của đơn vị mình" in page
    assert "Nội dung không được mất" in page
    db.session.expire_all()
    assert db.session.get(AnnualReport, report.id).commendations == []
    assert db.session.get(AnnualReport, report.id).training_commentary == ""


def test_view_per_role(world, login_as, council_on_a):
    report = make_report(world)
    assign_council(world, world.unit_a, 2024)  # council members read the years assigned
    db.session.add(
        PropagationActivity(
            unit_id=world.unit_a.id,
            activity_date=date(2024, 4, 1),
            channel=Channel.ONLINE,
            activity_type=ActivityType.ARTICLE,
            title="Gương sáng Phòng Môi trường",
            cost_vnd=1_250_000,
        )
    )
    db.session.commit()
    for who, status in [
        ("office", 200),
        ("viewer", 200),
        ("coordinator_a", 200),
        ("staff_a", 200),
        ("council", 200),
        ("coordinator_b", 404),
        ("foreign_office", 404),
        ("foreign_coordinator", 404),
    ]:
        response = login_as(getattr(world, who)).get(f"/annual-reports/{report.id}")
        assert response.status_code == status, who
        if status == 200:
            page = response.get_data(as_text=True)
            assert "Gương sáng Phòng Môi trường" in page and "1.250.000 ₫" in page


def test_only_the_coordinator_edits(world, login_as, council_on_a):
    report = make_report(world)
    assign_council(world, world.unit_a, 2024)  # the record's year: it reads, may not edit
    for who, status in [
        ("office", 403),
        ("staff_a", 403),
        ("viewer", 403),
        ("council", 403),
        ("coordinator_b", 404),
        ("foreign_office", 404),
    ]:
        client = login_as(getattr(world, who))
        assert client.get(f"/annual-reports/{report.id}/edit").status_code == status, who
        response = client.post(f"/annual-reports/{report.id}/edit", data=_commentary())
        assert response.status_code == status, who
    db.session.expire_all()
    assert db.session.get(AnnualReport, report.id).proposals == ""


def test_review_actions_are_for_the_office(world, login_as):
    report = make_report(world)
    move(report, "submit", world.coordinator_a)
    for action in ("accept", "return", "reopen"):
        for who, status in [
            ("coordinator_a", 403),
            ("staff_a", 403),
            ("viewer", 403),
            ("foreign_office", 404),
        ]:
            response = login_as(getattr(world, who)).post(
                f"/annual-reports/{report.id}/actions/{action}", data={"reason": "Lý do"}
            )
            assert response.status_code == status, (action, who)
    assert db.session.get(AnnualReport, report.id).state == ReviewState.SUBMITTED


def test_submit_is_for_the_coordinator(world, login_as):
    report = make_report(world)
    for who, status in [
        ("office", 403),
        ("staff_a", 403),
        ("viewer", 403),
        ("coordinator_b", 404),
        ("foreign_office", 404),
    ]:
        response = login_as(getattr(world, who)).post(f"/annual-reports/{report.id}/actions/submit")
        assert response.status_code == status, who
    assert db.session.get(AnnualReport, report.id).state == ReviewState.DRAFT


def test_accepted_report_is_frozen_and_locked(world, login_as, exemplars):
    report = make_report(world)
    move(report, "submit", world.coordinator_a)
    office = login_as(world.office)
    office.post(f"/annual-reports/{report.id}/actions/accept")
    db.session.add(
        PropagationActivity(
            unit_id=world.unit_a.id,
            activity_date=date(2024, 4, 1),
            channel=Channel.ONLINE,
            activity_type=ActivityType.ARTICLE,
            title="Bài viết sau khi chấp nhận",
        )
    )
    db.session.commit()
    page = office.get(f"/annual-reports/{report.id}").get_data(as_text=True)
    assert 'data-testid="frozen-note"' in page and "Bài viết sau khi chấp nhận" not in page
    coordinator = login_as(world.coordinator_a)
    assert coordinator.get(f"/annual-reports/{report.id}/edit").status_code == 403
    assert (
        coordinator.post(f"/annual-reports/{report.id}/edit", data=_commentary()).status_code == 403
    )
    page = coordinator.post(
        f"/annual-reports/{report.id}/actions/submit", follow_redirects=True
    ).get_data(as_text=True)
    assert "Không thể thực hiện thao tác này" in page
    assert db.session.get(AnnualReport, report.id).state == ReviewState.ACCEPTED


def test_excel_export(world, login_as, exemplars):
    report = make_report(world)
    db.session.add(
        PropagationActivity(
            unit_id=world.unit_a.id,
            activity_date=date(2024, 4, 1),
            channel=Channel.TRADITIONAL,
            activity_type=ActivityType.MEETING,
            title="Hội nghị điển hình",
            cost_vnd=5_000_000,
        )
    )
    db.session.commit()
    url = f"/annual-reports/{report.id}/export.xlsx"
    for who, status in [
        ("office", 200),
        ("viewer", 200),
        ("coordinator_a", 200),
        ("staff_a", 200),
        ("coordinator_b", 404),
        ("foreign_office", 404),
    ]:
        assert login_as(getattr(world, who)).get(url).status_code == status, who
    workbook = load_workbook(io.BytesIO(login_as(world.office).get(url).data))
    values = [c for row in workbook.active.iter_rows(values_only=True) for c in row if c]
    assert "1. Kết quả phát hiện, bồi dưỡng điển hình tiên tiến" in values
    assert "Hội nghị điển hình" in values and 5_000_000 in values  # money is a number
    cost = next(c for r in workbook.active.iter_rows() for c in r if c.value == 5_000_000)
    assert cost.number_format == '#,##0 "₫"'
    assert "Tổng kinh phí" in values
    assert "Quá trình xử lý" in workbook.sheetnames


def test_excel_export_keeps_typed_formulas_as_text(world, login_as):
    report = make_report(world)
    report.detection_commentary = '=HYPERLINK("http://example.invalid","Bấm vào đây")'
    db.session.commit()
    data = login_as(world.office).get(f"/annual-reports/{report.id}/export.xlsx").data
    cells = [c for row in load_workbook(io.BytesIO(data)).active.iter_rows() for c in row]
    typed = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert typed and all(c.data_type == "s" for c in typed)
