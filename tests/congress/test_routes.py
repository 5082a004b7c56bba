"""The congress pages for every role, with foreign ids and forbidden actions."""

from __future__ import annotations

import io

import pytest

from portal.congress.models import CongressNominee, CongressSubmission
from portal.evidence.services import attachments_for
from portal.extensions import db
from portal.reviews.states import ReviewState
from tests.factories import make_congress_exemplar, make_submission, make_title


@pytest.fixture
def sub(world):
    title = make_title(world.org)
    exemplar = make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa")
    return make_submission(world.unit_a, world.period, title, [exemplar])


def test_index_lists_states_for_office(world, login_as, sub):
    page = login_as(world.office).get("/congress/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Phòng Môi trường" in text and "Thanh tra Sở" in text and "Bản nháp" in text
    assert "/compilations" in text


def test_coordinator_creates_and_edits(world, login_as, sub):
    client = login_as(world.coordinator_b)
    response = client.post(
        "/congress/new", data={"unit_id": world.unit_b.id, "period_id": world.period.id}
    )
    created = db.session.scalar(
        db.select(CongressSubmission).where(CongressSubmission.unit_id == world.unit_b.id)
    )
    assert response.status_code == 302 and created is not None
    response = client.post(
        f"/congress/{created.id}/edit",
        data={
            "conference_date": "2025-05-22",
            "attendance": "60",
            "chaired_by": "Lê Văn Cường",
            "period_summary": "Tổng kết",
        },
    )
    assert response.status_code == 302
    db.session.refresh(created)
    assert created.attendance == 60
    # unit_a is not visible to unit_b's coordinator
    assert client.get(f"/congress/{sub.id}/edit").status_code == 404
    assert (
        client.post(
            "/congress/new", data={"unit_id": world.unit_a.id, "period_id": world.period.id}
        ).status_code
        == 404
    )


def test_nominee_form_with_evidence(world, login_as, sub):
    client = login_as(world.coordinator_a)
    other = make_congress_exemplar(world.unit_a, "Tổ Đo đạc")
    response = client.post(
        f"/congress/{sub.id}/nominees/new",
        data={
            "exemplar_id": other.id,
            "award_title_id": 0,
            "sector_delegate": "y",
            "reason": "Tiêu biểu",
            "achievements": "",
            "evidence": (io.BytesIO(b"%PDF-1.4 minh chung"), "minh-chung.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    nominee = db.session.scalar(
        db.select(CongressNominee).where(CongressNominee.exemplar_id == other.id)
    )
    assert nominee.sector_delegate and "Tổ Đo đạc" in nominee.achievements
    assert len(attachments_for("congress_nominee", nominee.id)) == 1
    edit = client.get(f"/congress/nominees/{nominee.id}/edit")
    assert edit.status_code == 200
    bad = client.post(
        f"/congress/nominees/{nominee.id}/edit",
        data={"exemplar_id": other.id, "award_title_id": 0, "reason": "Giữ lại"},
    )
    assert bad.status_code == 200
    assert "Giữ lại" in bad.get_data(as_text=True)
    assert client.post(f"/congress/nominees/{nominee.id}/delete").status_code == 302
    assert db.session.get(CongressNominee, nominee.id) is None


def test_review_routes(world, login_as, sub):
    client = login_as(world.coordinator_a)
    assert client.post(f"/congress/{sub.id}/actions/accept").status_code == 403
    assert client.post(f"/congress/{sub.id}/actions/submit").status_code == 302
    db.session.refresh(sub)
    assert sub.state == ReviewState.SUBMITTED
    assert client.get(f"/congress/{sub.id}/edit").status_code == 403
    office = login_as(world.office)
    office.post(f"/congress/{sub.id}/actions/return", data={"reason": "Thiếu minh chứng"})
    db.session.refresh(sub)
    assert sub.state == ReviewState.RETURNED
    login_as(world.coordinator_a).post(f"/congress/{sub.id}/actions/submit")
    login_as(world.office).post(f"/congress/{sub.id}/actions/accept")
    db.session.refresh(sub)
    assert sub.state == ReviewState.ACCEPTED
    assert login_as(world.office).post(f"/congress/{sub.id}/actions/bogus").status_code == 404


@pytest.mark.parametrize("who", ["office", "viewer", "coordinator_a", "staff_a"])
def test_readers_see_the_submission(world, login_as, sub, who):
    page = login_as(getattr(world, who)).get(f"/congress/{sub.id}")
    assert page.status_code == 200
    assert "Nguyễn Thị Hoa" in page.get_data(as_text=True)


def test_staff_cannot_edit(world, login_as, sub):
    client = login_as(world.staff_a)
    new = {"unit_id": world.unit_a.id, "period_id": world.period.id}
    assert client.post("/congress/new", data=new).status_code == 403
    assert client.get(f"/congress/{sub.id}/edit").status_code == 403
    assert client.post(f"/congress/nominees/{sub.nominees[0].id}/delete").status_code == 403


@pytest.mark.parametrize("who", ["coordinator_b", "foreign_office", "foreign_coordinator"])
def test_foreign_ids_are_404(world, login_as, sub, who):
    client = login_as(getattr(world, who))
    assert client.get(f"/congress/{sub.id}").status_code == 404
    assert client.post(f"/congress/nominees/{sub.nominees[0].id}/delete").status_code == 404


def test_cycle_settings_office_only(world, login_as):
    assert (
        login_as(world.coordinator_a).get(f"/congress/periods/{world.period.id}/cycle").status_code
        == 403
    )
    assert (
        login_as(world.foreign_office).get(f"/congress/periods/{world.period.id}/cycle").status_code
        == 404
    )
    client = login_as(world.office)
    assert client.get(f"/congress/periods/{world.period.id}/cycle").status_code == 200
    response = client.post(
        f"/congress/periods/{world.period.id}/cycle",
        data={
            "term_label": "2025-2030",
            "next_term_label": "2030-2035",
            "sector_congress": "Đại hội ngành lần thứ VI",
            "provincial_congress": "Đại hội tỉnh lần thứ VII",
        },
    )
    assert response.status_code == 302
    page = client.get("/congress/").get_data(as_text=True)
    assert "Đại hội ngành lần thứ VI" in page


def test_office_sees_review_buttons_and_compilation_kinds(world, login_as, sub):
    login_as(world.coordinator_a).post(f"/congress/{sub.id}/actions/submit")
    office = login_as(world.office)
    page = office.get(f"/congress/{sub.id}").get_data(as_text=True)
    assert "Chấp nhận" in page and "Trả lại" in page
    kinds = office.get("/compilations/").get_data(as_text=True)
    assert "Hồ sơ Đại hội Thi đua yêu nước của Sở" in kinds
    assert "Báo cáo tổng hợp năm của Sở" in kinds


def test_nominee_form_page_prefills_choices(world, login_as, sub):
    client = login_as(world.coordinator_a)
    page = client.get(f"/congress/{sub.id}/nominees/new")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Nguyễn Thị Hoa" in text  # step 1: the exemplar
    exemplar_id = sub.nominees[0].exemplar_id
    page = client.get(f"/congress/{sub.id}/nominees/new?exemplar_id={exemplar_id}")
    text = page.get_data(as_text=True)
    assert "Bằng khen của Chủ tịch UBND tỉnh" in text and "Nguyễn Thị Hoa" in text


def test_index_shows_the_submission_deadline_set_by_the_office(world, login_as, sub):
    from portal.deadlines.models import DeadlineKind
    from tests.factories import make_deadline, vn

    client = login_as(world.coordinator_a)
    before = client.get("/congress/").get_data(as_text=True)
    assert "chưa đặt thời hạn nộp hồ sơ Đại hội" in before
    assert "Đặt thời hạn" not in before  # only the Office may set one

    deadline = make_deadline(
        world,
        kind=DeadlineKind.CONGRESS_SUBMISSION,
        title="Hồ sơ Đại hội Thi đua yêu nước",
        due_at=vn(2025, 6, 30, 17),
    )
    text = client.get("/congress/").get_data(as_text=True)
    assert "Hạn nộp hồ sơ:" in text and "30/06/2025 17:00" in text
    assert f"/deadlines/{deadline.id}" in text
