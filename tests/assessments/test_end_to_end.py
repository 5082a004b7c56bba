"""Done-when of issue 4, through the routes: a coordinator fills and submits the 2024
self-assessment and annual report; the Office returns the assessment with a reason;
the coordinator sees it, corrects and resubmits; the Office accepts both; neither can
then be changed by the coordinator; the matrix shows on time / late."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from openpyxl import load_workbook

from portal.annualreports.models import AnnualReport
from portal.assessments.models import SelfAssessment
from portal.extensions import db
from portal.reviews import services as review_services
from portal.reviews.states import ReviewState

PDF = b"%PDF-1.4\n%%EOF\n"


def _scores(assessment, scores):
    data = {"general_comment": "Đơn vị hoàn thành tốt kế hoạch năm 2024"}
    for n, (item, score) in enumerate(zip(assessment.items, scores, strict=True)):
        data |= {
            f"items-{n}-item_id": str(item.id),
            f"items-{n}-score": score,
            f"items-{n}-comment": f"Minh chứng tiêu chí {n + 1}",
        }
    return data


def _at(monkeypatch, when: datetime) -> None:
    """State changes made now are dated `when` (the submission dates the matrix judges)."""
    monkeypatch.setattr(review_services, "utcnow", lambda: when)


def test_done_when(world, login_as, criteria, monkeypatch):
    coordinator = login_as(world.coordinator_a)

    # 1. The coordinator fills in and submits the 2024 self-assessment (on 10/12/2024).
    assert "Lập bản tự đánh giá 2024" in coordinator.get("/assessments/").get_data(True)
    coordinator.post(
        "/assessments/new",
        data={"unit_id": world.unit_a.id, "year": 2024, "period_id": world.period.id},
    )
    assessment = db.session.scalar(db.select(SelfAssessment))
    data = _scores(assessment, ["8", "", "4"])
    data["items-0-evidence"] = [(io.BytesIO(PDF), "bien-ban.pdf")]
    assert (
        coordinator.post(
            f"/assessments/{assessment.id}/edit", data=data, content_type="multipart/form-data"
        ).status_code
        == 302
    )
    refused = coordinator.post(
        f"/assessments/{assessment.id}/actions/submit", follow_redirects=True
    ).get_data(True)
    assert "Tổ chức phong trào thi đua gắn với nhiệm vụ chuyên môn" in refused
    coordinator.post(
        f"/assessments/{assessment.id}/edit", data=_scores(assessment, ["8", "7", "4"])
    )
    _at(monkeypatch, datetime(2024, 12, 10, 3, tzinfo=UTC))
    coordinator.post(f"/assessments/{assessment.id}/actions/submit")
    assert db.session.get(SelfAssessment, assessment.id).state == ReviewState.SUBMITTED

    # 2. ... and the 2024 annual report (late: on 20/12/2024).
    coordinator.post(
        "/annual-reports/new",
        data={"unit_id": world.unit_a.id, "year": 2024, "period_id": world.period.id},
    )
    report = db.session.scalar(db.select(AnnualReport))
    coordinator.post(
        f"/annual-reports/{report.id}/edit",
        data={"detection_commentary": "Phát hiện 02 nhân tố mới", "proposals": "Đề nghị tập huấn"},
    )
    _at(monkeypatch, datetime(2024, 12, 20, 3, tzinfo=UTC))
    coordinator.post(f"/annual-reports/{report.id}/actions/submit")
    assert db.session.get(AnnualReport, report.id).state == ReviewState.SUBMITTED

    # 3. The Office returns the assessment with a reason.
    office = login_as(world.office)
    _at(monkeypatch, datetime(2024, 12, 21, 3, tzinfo=UTC))
    office.post(
        f"/assessments/{assessment.id}/actions/return",
        data={"reason": "Tiêu chí 2 chưa có minh chứng về phong trào thi đua"},
    )
    assert db.session.get(SelfAssessment, assessment.id).state == ReviewState.RETURNED

    # 4. The coordinator sees the reason, corrects and resubmits.
    coordinator = login_as(world.coordinator_a)
    page = coordinator.get(f"/assessments/{assessment.id}").get_data(True)
    assert "Tiêu chí 2 chưa có minh chứng về phong trào thi đua" in page
    assert "Trả lại" in coordinator.get("/assessments/").get_data(True)
    coordinator.post(
        f"/assessments/{assessment.id}/edit", data=_scores(assessment, ["8", "6", "4"])
    )
    _at(monkeypatch, datetime(2024, 12, 22, 3, tzinfo=UTC))
    coordinator.post(f"/assessments/{assessment.id}/actions/submit")
    assert db.session.get(SelfAssessment, assessment.id).state == ReviewState.RESUBMITTED

    # 5. The Office accepts both.
    office = login_as(world.office)
    _at(monkeypatch, datetime(2024, 12, 23, 3, tzinfo=UTC))
    office.post(f"/assessments/{assessment.id}/actions/accept")
    office.post(f"/annual-reports/{report.id}/actions/accept")
    db.session.expire_all()
    assert db.session.get(SelfAssessment, assessment.id).state == ReviewState.ACCEPTED
    assert db.session.get(AnnualReport, report.id).state == ReviewState.ACCEPTED
    assert db.session.get(AnnualReport, report.id).snapshot["year"] == 2024

    # 6. Neither can be changed by the coordinator any more.
    coordinator = login_as(world.coordinator_a)
    assert coordinator.get(f"/assessments/{assessment.id}/edit").status_code == 403
    assert (
        coordinator.post(
            f"/assessments/{assessment.id}/edit", data=_scores(assessment, ["10", "10", "5"])
        ).status_code
        == 403
    )
    assert coordinator.get(f"/annual-reports/{report.id}/edit").status_code == 403
    assert (
        coordinator.post(
            f"/annual-reports/{report.id}/edit", data={"proposals": "Sửa sau khi chấp nhận"}
        ).status_code
        == 403
    )
    for path in (
        f"/assessments/{assessment.id}/actions/submit",
        f"/annual-reports/{report.id}/actions/submit",
    ):
        coordinator.post(path)
    attachment_id = db.session.scalar(db.text("select id from attachments"))
    assert coordinator.post(f"/evidence/{attachment_id}/delete").status_code == 403
    db.session.expire_all()
    assessment = db.session.get(SelfAssessment, assessment.id)
    assert assessment.state == ReviewState.ACCEPTED
    assert [i.self_score for i in assessment.items] == [8, 6, 4]
    assert db.session.get(AnnualReport, report.id).proposals == "Đề nghị tập huấn"

    # 7. The matrix shows the assessment on time and the report late.
    office = login_as(world.office)
    page = office.get("/assessments/matrix").get_data(True)
    cell = page.split(f'data-testid="assessment-{world.unit_a.id}-2024"')[1].split("</td>")[0]
    assert "Đã chấp nhận" in cell and "10/12/2024" in cell and "Đúng hạn" in cell
    cell = page.split(f'data-testid="report-{world.unit_a.id}-2024"')[1].split("</td>")[0]
    assert "Đã chấp nhận" in cell and "20/12/2024" in cell and "Nộp muộn" in cell
    sheet = load_workbook(io.BytesIO(office.get("/assessments/matrix.xlsx").data)).active
    line = next(
        r for r in sheet.iter_rows(values_only=True) if r[0] == "Phòng Môi trường" and r[1] == 2024
    )
    assert line[2] == "Đã chấp nhận" and line[5] == "Đúng hạn"
    assert line[6] == "Đã chấp nhận" and line[9] == "Nộp muộn"
