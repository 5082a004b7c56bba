"""Uploaded file names: shortened with their extension kept, composed Vietnamese, and a
refusal that says what is really wrong."""

from __future__ import annotations

import io
import unicodedata

import pytest
from werkzeug.datastructures import FileStorage

from portal.evidence.models import Attachment
from portal.evidence.services import MAX_NAME_LENGTH, clean_original_name, save_upload
from portal.extensions import db
from portal.rules import RuleError
from tests.factories import make_exemplar

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
LONG_TITLE = (
    "Báo cáo tổng kết phong trào thi đua yêu nước và công tác khen thưởng của Phòng Môi "
    "trường giai đoạn 2020-2025, kèm theo danh sách tập thể và cá nhân điển hình tiên tiến "
    "đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen"
)


def upload(world, name: str, data: bytes = PDF) -> Attachment:
    exemplar = make_exemplar(world.unit_a)
    file = FileStorage(stream=io.BytesIO(data), filename=name)
    return save_upload(file, world.unit_a.id, "exemplar", exemplar.id, world.coordinator_a)


def test_a_long_name_is_accepted_shortened_with_its_extension(world):
    name = LONG_TITLE + ".pdf"
    assert len(name) > 200
    attachment = upload(world, name)
    db.session.commit()
    stored = db.session.get(Attachment, attachment.id).original_name
    assert len(stored) <= MAX_NAME_LENGTH
    assert stored.endswith("….pdf")
    assert stored.startswith("Báo cáo tổng kết phong trào thi đua yêu nước")
    assert " " + stored.removesuffix("….pdf").rsplit(" ", 1)[-1] + " " in LONG_TITLE + " "


def test_decomposed_vietnamese_is_composed_before_counting():
    decomposed = unicodedata.normalize("NFD", "Biên bản họp Hội đồng thi đua khen thưởng.docx")
    cleaned = clean_original_name(decomposed)
    assert cleaned == "Biên bản họp Hội đồng thi đua khen thưởng.docx"
    assert unicodedata.is_normalized("NFC", clean_original_name(decomposed * 10))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ngắn.pdf", "ngắn.pdf"),
        ("a" * 300 + ".xlsx", "a" * (MAX_NAME_LENGTH - 6) + "….xlsx"),
        ("không có đuôi " * 30, None),
        ("../../" + "x" * 10, "x" * 10),
        ("...", "tep-dinh-kem"),
    ],
)
def test_clean_original_name(name, expected):
    cleaned = clean_original_name(name)
    assert len(cleaned) <= MAX_NAME_LENGTH
    if expected is not None:
        assert cleaned == expected
    else:
        assert cleaned.endswith("…") and "." not in cleaned


def test_a_bad_file_with_a_long_name_says_wrong_format_and_a_short_name(world):
    with pytest.raises(RuleError) as refused:
        upload(world, LONG_TITLE + ".pdf", b"MZ\x90\x00" + b"\x00" * 64)
    message = str(refused.value)
    assert "không đúng định dạng cho phép" in message
    assert "….pdf" in message and len(message) < MAX_NAME_LENGTH + 100
    assert db.session.scalars(db.select(Attachment)).all() == []


def test_a_good_file_under_the_wrong_extension_says_so(world):
    with pytest.raises(RuleError) as refused:
        upload(world, "anh-hoi-nghi.png", PDF)
    message = str(refused.value)
    assert "không đúng định dạng" not in message
    assert "là tệp PDF" in message and ".pdf" in message


def test_a_long_name_uploads_through_the_page(world, login_as):
    exemplar = make_exemplar(world.unit_a)
    page = login_as(world.coordinator_a).post(
        f"/exemplars/{exemplar.id}/evidence",
        data={"owner_type": "exemplar", "evidence": (io.BytesIO(PDF), LONG_TITLE + ".pdf")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "không đúng định dạng" not in text
    [attachment] = db.session.scalars(db.select(Attachment)).all()
    assert attachment.original_name.endswith(".pdf")
    assert attachment.original_name in text
