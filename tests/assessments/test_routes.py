"""The self-assessment pages, for every role, with foreign ids and forbidden actions."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from portal.accounts.models import Role
from portal.assessments.models import SelfAssessment
from portal.evidence.models import Attachment
from portal.extensions import db
from portal.reviews.states import ReviewState
from tests.factories import assign_council, make_assessment, make_organization, move

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _score_form(assessment, scores, comments=None, general="Đánh giá chung"):
    data = {"general_comment": general}
    for n, (item, score) in enumerate(zip(assessment.items, scores, strict=True)):
        data[f"items-{n}-item_id"] = str(item.id)
        data[f"items-{n}-score"] = score
        data[f"items-{n}-comment"] = (comments or {}).get(n, f"Nhận xét tiêu chí {n + 1}")
    return data


INDEX_VISIBILITY = [  # (who, sees unit A, sees unit B)
    ("office", True, True),
    ("viewer", True, True),
    ("coordinator_a", True, False),
    ("staff_a", True, False),
    ("council", True, False),
    ("coordinator_b", False, True),
]


def test_index_lists_the_visible_units(world, login_as, criteria, council_on_a):
    for who, sees_a, sees_b in INDEX_VISIBILITY:
        page = login_as(getattr(world, who)).get("/assessments/").get_data(as_text=True)
        assert ("Phòng Môi trường" in page) is sees_a, who
        assert ("Thanh tra Sở" in page) is sees_b, who
        creates = who in ("coordinator_a", "coordinator_b")
        assert ("Lập bản tự đánh giá" in page) is creates, who


def test_index_needs_login(client, world):
    assert client.get("/assessments/").status_code == 302


def test_foreign_organization_sees_none_of_our_units(world, login_as, criteria):
    page = login_as(world.foreign_office).get("/assessments/").get_data(as_text=True)
    assert "Phòng Môi trường" not in page and "Phòng Tổ chức" in page


def test_index_filters_by_unit_name(world, login_as, criteria):
    page = login_as(world.office).get("/assessments/?q=thanh+tra").get_data(as_text=True)
    assert "Thanh tra Sở" in page and "Phòng Môi trường" not in page


def test_coordinator_creates_a_draft(world, login_as, criteria):
    client = login_as(world.coordinator_a)
    response = client.post(
        "/assessments/new",
        data={"unit_id": world.unit_a.id, "year": 2024, "period_id": world.period.id},
    )
    assessment = db.session.scalar(db.select(SelfAssessment))
    assert response.status_code == 302 and response.location.endswith(
        f"/assessments/{assessment.id}/edit"
    )
    again = client.post(
        "/assessments/new",
        data={"unit_id": world.unit_a.id, "year": 2024, "period_id": world.period.id},
        follow_redirects=True,
    )
    assert "đã có bản tự đánh giá năm 2024" in again.get_data(as_text=True)
    assert db.session.query(SelfAssessment).count() == 1


def test_only_the_coordinator_creates(world, login_as, criteria):
    data = {"unit_id": world.unit_a.id, "year": 2024, "period_id": world.period.id}
    for who, status in [
        ("office", 403),
        ("staff_a", 403),
        ("viewer", 403),
        ("coordinator_b", 404),
        ("foreign_coordinator", 404),
    ]:
        response = login_as(getattr(world, who)).post("/assessments/new", data=data)
        assert response.status_code == status, who
    assert db.session.query(SelfAssessment).count() == 0


def test_foreign_period_is_404(world, login_as, criteria):
    response = login_as(world.coordinator_a).post(
        "/assessments/new",
        data={"unit_id": world.unit_a.id, "year": 2024, "period_id": world.foreign_period.id},
    )
    assert response.status_code == 404


VIEW_STATUS = [
    ("office", 200),
    ("viewer", 200),
    ("coordinator_a", 200),
    ("staff_a", 200),
    ("council", 200),
    ("coordinator_b", 404),
    ("foreign_office", 404),
    ("foreign_coordinator", 404),
]


def test_view_per_role(world, login_as, criteria, council_on_a):
    assessment = make_assessment(world, scores=[8, 6, 4])
    assign_council(world, world.unit_a, 2024)  # council members read the years assigned
    for who, status in VIEW_STATUS:
        response = login_as(getattr(world, who)).get(f"/assessments/{assessment.id}")
        assert response.status_code == status, who
        if status == 200:
            assert "75,00%" in response.get_data(as_text=True)


def test_unassigned_council_member_gets_404(world, login_as, criteria, council_on_a):
    assessment = make_assessment(world, unit=world.unit_b)
    assert login_as(world.council).get(f"/assessments/{assessment.id}").status_code == 404


def test_coordinator_fills_in_scores_with_a_decimal_comma(world, login_as, criteria):
    assessment = make_assessment(world)
    client = login_as(world.coordinator_a)
    assert client.get(f"/assessments/{assessment.id}/edit").status_code == 200
    response = client.post(
        f"/assessments/{assessment.id}/edit", data=_score_form(assessment, ["8,5", "6", ""])
    )
    assert response.status_code == 302
    db.session.expire_all()
    items = db.session.get(SelfAssessment, assessment.id).items
    assert [i.self_score for i in items] == [Decimal("8.5"), Decimal(6), None]
    assert items[1].self_comment == "Nhận xét tiêu chí 2"
    page = client.get(f"/assessments/{assessment.id}").get_data(as_text=True)
    # (8.5/10*2 + 6/10) / 3 * 100 = 76.666..., the optional item is left out
    assert "76,67%" in page


def test_bad_scores_rerender_with_the_input_kept(world, login_as, criteria):
    assessment = make_assessment(world)
    client = login_as(world.coordinator_a)
    response = client.post(
        f"/assessments/{assessment.id}/edit",
        data=_score_form(assessment, ["12", "abc", "3"], comments={0: "Giữ nguyên nhận xét này"}),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Điểm phải từ 0 đến 10" in page
    assert "Điểm phải là một số" in page
    assert 'value="12"' in page and 'value="abc"' in page
    assert "Giữ nguyên nhận xét này" in page
    db.session.expire_all()
    assert all(i.self_score is None for i in db.session.get(SelfAssessment, assessment.id).items)


def test_posting_an_item_of_another_assessment_is_400(world, login_as, criteria):
    mine = make_assessment(world)
    theirs = make_assessment(world, unit=world.unit_b)
    data = _score_form(mine, ["1", "1", "1"])
    data["items-0-item_id"] = str(theirs.items[0].id)
    assert (
        login_as(world.coordinator_a).post(f"/assessments/{mine.id}/edit", data=data).status_code
        == 400
    )


def test_only_the_coordinator_edits(world, login_as, criteria):
    assessment = make_assessment(world)
    data = _score_form(assessment, ["9", "9", "5"])
    for who, status in [
        ("office", 403),
        ("staff_a", 403),
        ("viewer", 403),
        ("coordinator_b", 404),
        ("foreign_office", 404),
    ]:
        client = login_as(getattr(world, who))
        assert client.get(f"/assessments/{assessment.id}/edit").status_code == status, who
        assert client.post(f"/assessments/{assessment.id}/edit", data=data).status_code == status
    db.session.expire_all()
    assert all(i.self_score is None for i in db.session.get(SelfAssessment, assessment.id).items)


def test_evidence_files_per_item_and_locked_after_acceptance(world, login_as, criteria):
    assessment = make_assessment(world)
    client = login_as(world.coordinator_a)
    data = _score_form(assessment, ["8", "7", "4"])
    data["items-1-evidence"] = [(io.BytesIO(PDF), "ke-hoach-2024.pdf")]
    response = client.post(
        f"/assessments/{assessment.id}/edit", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    attachment = db.session.scalar(db.select(Attachment))
    assert (attachment.owner_type, attachment.owner_id, attachment.unit_id) == (
        "assessment_item",
        assessment.items[1].id,
        world.unit_a.id,
    )
    assert "ke-hoach-2024.pdf" in client.get(f"/assessments/{assessment.id}").get_data(True)
    move(assessment, "submit", world.coordinator_a)
    move(assessment, "accept", world.office)
    response = client.post(f"/evidence/{attachment.id}/delete")
    assert response.status_code == 403
    assert db.session.get(Attachment, attachment.id) is not None


def test_a_refused_file_is_reported_next_to_its_item(world, login_as, criteria):
    assessment = make_assessment(world)
    data = _score_form(assessment, ["8", "7", "4"])
    data["items-0-evidence"] = [(io.BytesIO(b"not really"), "virus.exe")]
    response = login_as(world.coordinator_a).post(
        f"/assessments/{assessment.id}/edit", data=data, content_type="multipart/form-data"
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "virus.exe" in page and "định dạng" in page
    assert 'value="8"' in page  # the typed scores are kept
    db.session.expire_all()
    assert db.session.query(Attachment).count() == 0
    assert db.session.get(SelfAssessment, assessment.id).items[0].self_score is None


def test_submit_names_the_unscored_required_items(world, login_as, criteria):
    assessment = make_assessment(world, scores=[7, None, None])
    response = login_as(world.coordinator_a).post(
        f"/assessments/{assessment.id}/actions/submit", follow_redirects=True
    )
    page = response.get_data(as_text=True)
    assert "Chưa chấm điểm các tiêu chí bắt buộc" in page
    assert "Tổ chức phong trào thi đua gắn với nhiệm vụ chuyên môn" in page
    assert db.session.get(SelfAssessment, assessment.id).state == ReviewState.DRAFT


def test_submit_is_for_the_coordinator(world, login_as, criteria):
    assessment = make_assessment(world, scores=[7, 7, 3])
    for who, status in [
        ("office", 403),
        ("staff_a", 403),
        ("viewer", 403),
        ("coordinator_b", 404),
        ("foreign_office", 404),
    ]:
        response = login_as(getattr(world, who)).post(
            f"/assessments/{assessment.id}/actions/submit"
        )
        assert response.status_code == status, who
    assert db.session.get(SelfAssessment, assessment.id).state == ReviewState.DRAFT


def test_review_actions_are_for_the_office(world, login_as, criteria, council_on_a):
    assessment = make_assessment(world, scores=[7, 7, 3])
    assign_council(world, world.unit_a, 2024)  # the record's year: it reads, may not act
    move(assessment, "submit", world.coordinator_a)
    for action in ("accept", "return", "reopen"):
        for who, status in [
            ("coordinator_a", 403),
            ("staff_a", 403),
            ("viewer", 403),
            ("council", 403),
            ("foreign_office", 404),
        ]:
            response = login_as(getattr(world, who)).post(
                f"/assessments/{assessment.id}/actions/{action}", data={"reason": "Lý do"}
            )
            assert response.status_code == status, (action, who)
    assert db.session.get(SelfAssessment, assessment.id).state == ReviewState.SUBMITTED


def test_unknown_action_is_404(world, login_as, criteria):
    assessment = make_assessment(world)
    assert (
        login_as(world.office).post(f"/assessments/{assessment.id}/actions/delete").status_code
        == 404
    )


def test_return_needs_a_reason_and_shows_it_to_the_coordinator(world, login_as, criteria):
    assessment = make_assessment(world, scores=[7, 7, 3])
    move(assessment, "submit", world.coordinator_a)
    office = login_as(world.office)
    page = office.post(
        f"/assessments/{assessment.id}/actions/return", data={"reason": " "}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Vui lòng nêu lý do" in page
    assert db.session.get(SelfAssessment, assessment.id).state == ReviewState.SUBMITTED
    office.post(
        f"/assessments/{assessment.id}/actions/return",
        data={"reason": "Tiêu chí 1 chưa có minh chứng"},
    )
    page = login_as(world.coordinator_a).get(f"/assessments/{assessment.id}").get_data(True)
    assert "Tiêu chí 1 chưa có minh chứng" in page and "Trả lại" in page


def test_a_state_that_does_not_allow_the_action_is_explained(world, login_as, criteria):
    assessment = make_assessment(world, scores=[7, 7, 3])
    page = (
        login_as(world.office)
        .post(f"/assessments/{assessment.id}/actions/accept", follow_redirects=True)
        .get_data(as_text=True)
    )
    assert "Không thể thực hiện thao tác này" in page
    assert db.session.get(SelfAssessment, assessment.id).state == ReviewState.DRAFT


def test_office_reviews_side_by_side(world, login_as, criteria):
    assessment = make_assessment(world, scores=[8, 6, 4])
    client = login_as(world.office)
    assert client.get(f"/assessments/{assessment.id}/review").status_code == 403  # a draft
    move(assessment, "submit", world.coordinator_a)
    form = client.get(f"/assessments/{assessment.id}/review").get_data(as_text=True)
    assert 'value="8"' in form  # prefilled with the unit's score
    data = {"office_comment": "Cơ bản đạt"}
    for n, (item, score) in enumerate(zip(assessment.items, ["6", "6", "4"], strict=True)):
        data |= {
            f"items-{n}-item_id": item.id,
            f"items-{n}-score": score,
            f"items-{n}-comment": "Đối chiếu minh chứng" if n == 0 else "",
        }
    assert client.post(f"/assessments/{assessment.id}/review", data=data).status_code == 302
    page = client.get(f"/assessments/{assessment.id}").get_data(as_text=True)
    # unit 75,00%; Office (6/10*2+6/10+4/5)/4*100 = 65,00%; difference -10
    assert "75,00%" in page and "65,00%" in page and "-10" in page
    assert "Đối chiếu minh chứng" in page and "Cơ bản đạt" in page


def test_an_office_score_out_of_range_is_shown_and_nothing_saved(world, login_as, criteria):
    assessment = make_assessment(world, scores=[8, 6, 4])
    move(assessment, "submit", world.coordinator_a)
    data = _score_form(assessment, ["11", "6", "4"])
    data["office_comment"] = "Chưa đạt"
    response = login_as(world.office).post(f"/assessments/{assessment.id}/review", data=data)
    assert response.status_code == 200
    assert "Điểm phải từ 0 đến 10" in response.get_data(as_text=True)
    db.session.expire_all()
    saved = db.session.get(SelfAssessment, assessment.id)
    assert all(i.office_score is None for i in saved.items)
    assert not saved.office_comment


def test_only_the_office_writes_review_scores(world, login_as, criteria):
    assessment = make_assessment(world, scores=[8, 6, 4])
    move(assessment, "submit", world.coordinator_a)
    for who, status in [("coordinator_a", 403), ("viewer", 403), ("foreign_office", 404)]:
        client = login_as(getattr(world, who))
        assert client.get(f"/assessments/{assessment.id}/review").status_code == status, who
        assert client.post(f"/assessments/{assessment.id}/review", data={}).status_code == status
    assert all(i.office_score is None for i in assessment.items)


def test_accepted_is_locked_for_everyone_until_reopened(world, login_as, criteria):
    assessment = make_assessment(world, scores=[8, 6, 4])
    move(assessment, "submit", world.coordinator_a)
    move(assessment, "accept", world.office)
    coordinator = login_as(world.coordinator_a)
    assert coordinator.get(f"/assessments/{assessment.id}/edit").status_code == 403
    assert (
        coordinator.post(
            f"/assessments/{assessment.id}/edit", data=_score_form(assessment, ["10", "10", "5"])
        ).status_code
        == 403
    )
    assert login_as(world.office).get(f"/assessments/{assessment.id}/review").status_code == 403
    page = (
        login_as(world.office)
        .post(
            f"/assessments/{assessment.id}/actions/reopen",
            data={"reason": "Điều chỉnh sau kiểm tra", "target": "returned"},
            follow_redirects=True,
        )
        .get_data(as_text=True)
    )
    assert "Đã mở lại" in page and "Điều chỉnh sau kiểm tra" in page
    assert (
        login_as(world.coordinator_a).get(f"/assessments/{assessment.id}/edit").status_code == 200
    )


def test_excel_export(world, login_as, criteria):
    assessment = make_assessment(world, scores=[8, 6, 4])
    url = f"/assessments/{assessment.id}/export.xlsx"
    for who, status in [
        ("office", 200),
        ("viewer", 200),
        ("coordinator_a", 200),
        ("staff_a", 200),
        ("coordinator_b", 404),
        ("foreign_office", 404),
    ]:
        assert login_as(getattr(world, who)).get(url).status_code == status, who
    sheet = load_workbook(io.BytesIO(login_as(world.office).get(url).data)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "Tiêu chí" in values and "Điểm tự chấm" in values
    assert "Xây dựng kế hoạch phát hiện, bồi dưỡng điển hình" in values
    total = next(r for r in sheet.iter_rows() if r[1].value == "Tổng điểm (quy đổi %)")
    assert total[5].value == 0.75 and total[5].number_format == "0.00%"  # a percentage
    first = next(r for r in sheet.iter_rows() if r[0].value == 1)
    assert first[5].value == 8 and first[5].data_type == "n"  # a score is a number
    assert sheet.freeze_panes == f"A{first[0].row}"  # the header row stays in view


def test_pages_before_any_plan_period(app, login_as):
    from tests.factories import make_user

    org = make_organization("Sở mới thành lập")
    office = make_user(org, "office@moi.vn", (Role.OFFICE_ADMIN, None))
    client = login_as(office)
    for path in ("/assessments/", "/annual-reports/", "/assessments/matrix"):
        page = client.get(path).get_data(as_text=True)
        assert "Chưa có kỳ kế hoạch" in page, path
