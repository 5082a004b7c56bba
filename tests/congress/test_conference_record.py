"""The unit's conference record (issue 12, point 1): from a unit that has nothing, the
form renders a Save button, saves every field of the biên bản, refuses bad input on the
field keeping the rest, and the record downloads as a Word document."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from docx import Document

from portal.congress import services
from portal.congress.models import CongressNominee, CongressSubmission
from portal.deadlines.models import DeadlineKind
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.formatting import today_vn
from portal.reviews.states import ReviewState
from tests.factories import complete_profiles, make_congress_exemplar, make_deadline, make_title, vn


def _new_submission(world, login_as) -> tuple:
    """Unit B starts from nothing: no conference, no submission, created on the web."""
    client = login_as(world.coordinator_b)
    response = client.post(
        "/congress/new", data={"unit_id": world.unit_b.id, "period_id": world.period.id}
    )
    assert response.status_code == 302
    submission = db.session.scalar(
        db.select(CongressSubmission).where(CongressSubmission.unit_id == world.unit_b.id)
    )
    return client, submission


def _conference(**overrides) -> dict:
    data = {
        "conference_date": "22/05/2025",
        "conference_place": "Hội trường tầng 2",
        "chaired_by": "Lê Văn Cường",
        "secretary": "Phạm Thu Hà",
        "invited": "60",
        "attendance": "55",
        "period_reviewed": "2020-2025",
        "period_summary": "Phong trào thi đua giai đoạn 2020-2025 đạt nhiều kết quả.",
    }
    data.update(overrides)
    return data


def _form_html(html: str) -> str:
    match = re.search(r'<form[^>]*data-testid="conference-form".*?</form>', html, re.S)
    assert match, "the conference form is on the page"
    return match.group(0)


def test_the_form_renders_a_save_button_inside_the_form(world, login_as):
    services.save_cycle(
        world.period,
        {
            "term_label": "2020-2025",
            "next_term_label": "2025-2030",
            "sector_congress": "Đại hội ngành lần thứ V",
            "provincial_congress": "Đại hội tỉnh lần thứ VI",
        },
    )
    db.session.commit()
    client, submission = _new_submission(world, login_as)
    page = client.get(f"/congress/{submission.id}/edit")
    assert page.status_code == 200
    form = _form_html(page.get_data(as_text=True))
    # a submit button inside the form: clicking it, or Enter in a field, submits
    assert re.search(r'<button[^>]*type="submit"[^>]*>\s*Lưu\s*</button>', form)
    assert 'method="post"' in form
    assert 'value="2020-2025"' in form  # the period reviewed defaults to the cycle's term


def test_a_unit_with_nothing_records_its_conference_and_submits(world, login_as):
    client, submission = _new_submission(world, login_as)
    person = make_congress_exemplar(world.unit_b, "Lê Minh Tuấn")
    response = client.post(
        f"/congress/{submission.id}/edit",
        data=_conference(honoured_ids=[str(person.id)], submit="1"),
    )
    assert response.status_code == 302
    db.session.refresh(submission)
    assert submission.conference_date.isoformat() == "2025-05-22"
    assert (submission.conference_place, submission.secretary) == (
        "Hội trường tầng 2",
        "Phạm Thu Hà",
    )
    assert (submission.invited, submission.attendance) == (60, 55)
    assert submission.period_reviewed == "2020-2025"
    assert [h.exemplar_id for h in submission.honoured] == [person.id]
    title = make_title(world.org)
    saved = client.post(
        f"/congress/{submission.id}/nominees/new?exemplar_id={person.id}",
        data={
            "exemplar_id": person.id,
            "award_title_id": title.id,
            "conference_agree": "50",
            "reason": "Tiêu biểu",
        },
    )
    assert saved.status_code == 302
    nominee = db.session.scalar(db.select(CongressNominee))
    assert nominee.conference_agree == 50
    complete_profiles(world.unit_b, [person])  # what the achievement report prints
    assert client.post(f"/congress/{submission.id}/actions/submit").status_code == 302
    db.session.refresh(submission)
    assert submission.state == ReviewState.SUBMITTED


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"attendance": "70"}, "lớn hơn số người được triệu tập"),
        ({"attendance": "-3"}, "số nguyên không âm"),
        ({"conference_date": "future"}, "không thể sau ngày hôm nay"),
    ],
)
def test_bad_conference_input_is_refused_on_the_field(world, login_as, overrides, field_message):
    client, submission = _new_submission(world, login_as)
    if overrides.get("conference_date") == "future":
        overrides["conference_date"] = (today_vn() + timedelta(days=3)).strftime("%d/%m/%Y")
    response = client.post(f"/congress/{submission.id}/edit", data=_conference(**overrides))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert field_message in html and "invalid-feedback" in html
    assert "Hội trường tầng 2" in html and "Phạm Thu Hà" in html  # the rest is kept
    db.session.refresh(submission)
    assert submission.conference_date is None and submission.conference_place == ""


def test_conference_after_the_submission_deadline_is_refused(world, login_as):
    make_deadline(
        world,
        kind=DeadlineKind.CONGRESS_SUBMISSION,
        title="Hồ sơ Đại hội",
        due_at=vn(2025, 6, 30, 17),
    )
    client, submission = _new_submission(world, login_as)
    response = client.post(
        f"/congress/{submission.id}/edit", data=_conference(conference_date="02/07/2025")
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "sau hạn nộp hồ sơ Đại hội (30/06/2025)" in html
    assert "Phạm Thu Hà" in html
    ok = client.post(
        f"/congress/{submission.id}/edit", data=_conference(conference_date="30/06/2025")
    )
    assert ok.status_code == 302


def test_an_honoured_exemplar_of_another_unit_is_refused(world, login_as):
    client, submission = _new_submission(world, login_as)
    foreign = make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa")
    response = client.post(
        f"/congress/{submission.id}/edit", data=_conference(honoured_ids=[str(foreign.id)])
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Điển hình được biểu dương phải thuộc đơn vị của hồ sơ." in html
    assert "Hội trường tầng 2" in html
    db.session.refresh(submission)
    assert submission.honoured == [] and submission.conference_date is None


def test_the_conference_record_downloads_as_word(world, login_as):
    client, submission = _new_submission(world, login_as)
    person = make_congress_exemplar(world.unit_b, "Lê Minh Tuấn")
    team = make_congress_exemplar(world.unit_b, "Tổ Đo đạc", kind=ExemplarKind.COLLECTIVE)
    client.post(
        f"/congress/{submission.id}/edit",
        data=_conference(honoured_ids=[str(person.id), str(team.id)]),
    )
    title = make_title(world.org)
    client.post(
        f"/congress/{submission.id}/nominees/new?exemplar_id={person.id}",
        data={"exemplar_id": person.id, "award_title_id": title.id, "conference_agree": "44"},
    )
    response = client.get(f"/congress/{submission.id}/conference.docx")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    document = Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    for expected in (
        "BIÊN BẢN",
        "Hội nghị điển hình tiên tiến giai đoạn 2020-2025",
        "ngày 22/05/2025",
        "Hội trường tầng 2",
        "Chủ trì: Lê Văn Cường",
        "Thư ký: Phạm Thu Hà",
        "được triệu tập: 60",
        "có mặt: 55",
        "Phong trào thi đua giai đoạn 2020-2025",
        "Tổ Đo đạc",
        "Bằng khen của Chủ tịch UBND tỉnh",
        "44/55 (80,0%)",
    ):
        assert expected in text, expected
    assert document.sections[0].page_width is not None  # same A4 layer as the others
    assert document.styles["Normal"].font.name == "Times New Roman"


@pytest.mark.parametrize("who", ["coordinator_a", "foreign_office", "foreign_coordinator"])
def test_foreign_conference_record_is_404(world, login_as, who):
    _client, submission = _new_submission(world, login_as)
    client = login_as(getattr(world, who))
    assert client.get(f"/congress/{submission.id}/conference.docx").status_code == 404
    assert client.get(f"/congress/{submission.id}/edit").status_code == 404
