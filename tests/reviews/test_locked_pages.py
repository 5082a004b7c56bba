"""A locked record answers with a page that says why, since when, by whom, who can
reopen it and how: never the bare "not allowed" 403."""

from __future__ import annotations

import io
from datetime import datetime

from portal.consideration.models import RoundStatus
from portal.evidence.models import Attachment
from portal.extensions import db
from tests.assessments.test_routes import PDF, _score_form
from tests.factories import (
    make_assessment,
    make_criteria,
    make_inspection,
    make_report,
    move,
    open_round,
    seat_council,
    vn,
)

BARE_403 = "không được phép thực hiện thao tác này"


def _accepted_assessment(world):
    make_criteria(world.period)
    assessment = make_assessment(world, scores=[8, 7, 4])
    move(assessment, "submit", world.coordinator_a, when=vn(2025, 1, 10))
    move(assessment, "accept", world.office, when=vn(2025, 1, 20, 9))
    return assessment


def test_the_coordinator_is_told_the_accepted_record_is_locked_and_whom_to_ask(world, login_as):
    assessment = _accepted_assessment(world)
    response = login_as(world.coordinator_a).get(f"/assessments/{assessment.id}/edit")
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert BARE_403 not in page
    assert "đã được Văn phòng Sở chấp nhận nên không sửa được nữa" in page
    assert "20/01/2025" in page and world.office.full_name in page  # when and by whom
    assert "Văn phòng Sở: nút «Mở lại»" in page  # who can reopen, and how
    assert f"mailto:{world.office.email}" in page  # whom to ask
    assert f'href="/assessments/{assessment.id}"' in page
    assert "Mở lại hồ sơ" not in page  # not theirs to do


def test_the_office_is_offered_the_reopening(world, login_as):
    assessment = _accepted_assessment(world)
    page = login_as(world.office).get(f"/assessments/{assessment.id}/edit").get_data(True)
    assert "Mở lại hồ sơ" in page and "mailto:" not in page


def test_a_submitted_report_waits_for_the_office(world, login_as):
    report = make_report(world)
    move(report, "submit", world.coordinator_a, when=vn(2025, 1, 10))
    response = login_as(world.coordinator_a).get(f"/annual-reports/{report.id}/edit")
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "đang chờ Văn phòng Sở xem xét" in page and "10/01/2025" in page
    assert "nút «Trả lại»" in page


def test_people_outside_the_review_still_get_the_plain_refusal(world, login_as):
    assessment = _accepted_assessment(world)
    staff = login_as(world.staff_a).get(f"/assessments/{assessment.id}/edit")
    assert staff.status_code == 403 and "chấp nhận" not in staff.get_data(as_text=True)
    other_unit = login_as(world.coordinator_b).get(f"/assessments/{assessment.id}/edit")
    assert other_unit.status_code == 404


def test_a_locked_file_says_why_it_stays(world, login_as):
    make_criteria(world.period)
    assessment = make_assessment(world)
    client = login_as(world.coordinator_a)
    data = _score_form(assessment, ["8", "7", "4"])
    data["items-1-evidence"] = [(io.BytesIO(PDF), "ke-hoach-2024.pdf")]
    client.post(f"/assessments/{assessment.id}/edit", data=data, content_type="multipart/form-data")
    attachment = db.session.scalar(db.select(Attachment))
    move(assessment, "submit", world.coordinator_a)
    move(assessment, "accept", world.office)
    response = client.post(
        f"/evidence/{attachment.id}/delete", data={"next": f"/assessments/{assessment.id}"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "ke-hoach-2024.pdf thuộc một hồ sơ đã khóa" in page
    assert f'href="/assessments/{assessment.id}"' in page
    assert db.session.get(Attachment, attachment.id) is not None


def test_a_signed_inspection_offers_a_correction(world, login_as):
    inspection = make_inspection(world, signed=True)
    response = login_as(world.council).get(f"/inspections/{inspection.id}/edit")
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "đã được ký xác nhận nên không thể sửa" in page
    assert world.council.full_name in page
    assert "Thêm đính chính" in page and f"/inspections/{inspection.id}#corrections" in page
    assert "không mở lại được" in page  # nobody reopens signed minutes


def test_a_closed_round_says_when_it_was_closed_and_by_whom(world, login_as):
    seat_council(world)
    round_ = open_round(world)
    round_.status = RoundStatus.CLOSED
    round_.closed_at = datetime(2025, 3, 10, 2, 30)  # UTC: 09:30 in Vietnam
    round_.closed_by_id = world.office.id
    db.session.commit()
    response = login_as(world.office).get(
        f"/consideration/{round_.id}/nominations/new", follow_redirects=True
    )
    page = response.get_data(as_text=True)
    assert response.request.path == f"/consideration/{round_.id}"
    assert "đã kết thúc và chốt kết quả" in page
    assert "10/03/2025 09:30" in page and world.office.full_name in page
