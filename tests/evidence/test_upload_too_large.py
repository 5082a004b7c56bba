"""A file over the upload limit is refused on its own form, with everything else that
was typed kept, instead of a bare 413 page that loses the form."""

from __future__ import annotations

import io

import pytest

import config as portal_config
from portal.evidence.models import Attachment
from portal.evidence.upload_limit import CappedUpload
from portal.extensions import db
from portal.propagation.models import PropagationActivity
from tests.assessments.test_routes import _score_form
from tests.factories import make_assessment, make_criteria

MB = 1024 * 1024
PDF_START = b"%PDF-1.4\n1 0 obj <<>> endobj\n"


@pytest.fixture
def one_mb_limit(app):
    """A 1 MB limit per file, the request ceiling worked out as the settings do."""
    app.config["MAX_UPLOAD_MB"] = 1
    app.config["MAX_CONTENT_LENGTH"] = (1 * 5 + 1) * MB


def big_pdf(size: int = 3 * MB) -> io.BytesIO:
    """Larger than the whole request that used to be allowed (limit + 1 MB)."""
    return io.BytesIO(PDF_START + b"0" * (size - len(PDF_START)))


def test_the_request_ceiling_leaves_room_for_a_file_over_the_limit():
    settings = portal_config.load("testing")
    assert settings.MAX_CONTENT_LENGTH >= 2 * settings.MAX_UPLOAD_MB * MB


def test_a_too_large_evidence_file_comes_back_on_the_activity_form(world, login_as, one_mb_limit):
    data = {
        "activity_date": "10/05/2024",
        "activity_type": "article",
        "channel": "traditional",
        "title": "Gương sáng Tổ quan trắc trên Báo Quảng Bình",
        "audience_reached": "1.500",
        "description": "Bài viết giới thiệu cách làm hay.",
        "evidence": [(big_pdf(), "bao-quang-binh.pdf")],
    }
    response = login_as(world.coordinator_a).post(
        f"/propagation/units/{world.unit_a.id}/new", data=data, content_type="multipart/form-data"
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page[:500]
    assert "bao-quang-binh.pdf vượt quá dung lượng cho phép (1 MB)" in page
    assert 'value="Gương sáng Tổ quan trắc trên Báo Quảng Bình"' in page  # typed fields kept
    assert "Bài viết giới thiệu cách làm hay." in page
    assert db.session.query(PropagationActivity).count() == 0
    assert db.session.query(Attachment).count() == 0


def test_a_too_large_self_assessment_file_keeps_the_scores(world, login_as, one_mb_limit):
    make_criteria(world.period)
    assessment = make_assessment(world)
    data = _score_form(assessment, ["8", "7", "4"])
    data["items-1-evidence"] = [(big_pdf(), "ke-hoach-2024.pdf")]
    response = login_as(world.coordinator_a).post(
        f"/assessments/{assessment.id}/edit", data=data, content_type="multipart/form-data"
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "ke-hoach-2024.pdf vượt quá dung lượng cho phép (1 MB)" in page
    assert 'value="8"' in page and 'value="7"' in page
    assert db.session.query(Attachment).count() == 0


def test_a_file_within_the_limit_is_stored_whole(world, login_as, one_mb_limit):
    make_criteria(world.period)
    assessment = make_assessment(world)
    data = _score_form(assessment, ["8", "7", "4"])
    data["items-0-evidence"] = [(big_pdf(MB), "vua-du.pdf")]
    response = login_as(world.coordinator_a).post(
        f"/assessments/{assessment.id}/edit", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    assert db.session.scalar(db.select(Attachment.size)) == MB


def test_a_request_over_the_ceiling_is_still_refused_with_a_way_back(world, login_as, one_mb_limit):
    response = login_as(world.coordinator_a).post(
        f"/propagation/units/{world.unit_a.id}/new",
        data={"title": "x", "evidence": [(big_pdf(7 * MB), "qua-lon.pdf")]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "Quay lại" in response.get_data(as_text=True)
    assert db.session.query(PropagationActivity).count() == 0


def test_a_file_over_the_limit_is_not_kept_beyond_it():
    received = CappedUpload(keep=10)
    for _ in range(5):
        received.write(b"12345")
    received.seek(0)
    assert received.read() == b"1234512345"
    assert received.too_large and received.received == 25
    small = CappedUpload(keep=10)
    small.write(b"123")
    assert not small.too_large


def test_a_too_large_staff_list_is_refused_on_the_import_form(world, login_as, one_mb_limit):
    response = login_as(world.office).post(
        "/admin/users/import",
        data={"file": (big_pdf(), "danh-sach.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "Tệp vượt quá dung lượng cho phép (1 MB)." in response.get_data(as_text=True)
