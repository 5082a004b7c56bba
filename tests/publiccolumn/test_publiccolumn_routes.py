"""Public column pages: the public side without login, the units' side per role, the Office."""

from __future__ import annotations

import io

import pytest
from werkzeug.datastructures import FileStorage

from portal.extensions import db
from portal.publiccolumn.models import ExemplarStory, StoryStatus
from portal.publiccolumn.services import save_photo
from tests.factories import assign_council, make_exemplar


def _with_photo(app, story, content):
    with app.test_request_context():
        save_photo(story, FileStorage(io.BytesIO(content), filename="anh.png"), None)
        db.session.commit()
    return story


# The public side --------------------------------------------------------------


def test_public_index_shows_only_published_stories_without_login(client, world, make_story):
    make_story(
        world.unit_a, "Bài đã đăng", status=StoryStatus.PUBLISHED, summary="Tóm tắt công khai"
    )
    make_story(world.unit_a, "Bài nháp bí mật")
    make_story(world.unit_b, "Bài chờ duyệt bí mật", status=StoryStatus.SUBMITTED)
    make_story(world.unit_b, "Bài bị trả lại bí mật", status=StoryStatus.REJECTED)
    page = client.get("/so-tnmt/chuyen-muc-dien-hinh/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Bài đã đăng" in text and "Tóm tắt công khai" in text and "Phòng Môi trường" in text
    assert "bí mật" not in text


def test_anonymous_home_leads_to_the_public_column(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/chuyen-muc-dien-hinh/")


def test_public_index_paginates(app, client, world, make_story):
    for n in range(12):
        make_story(world.unit_a, f"Bài số {n:02d}", status=StoryStatus.PUBLISHED)
    first = client.get("/so-tnmt/chuyen-muc-dien-hinh/").get_data(as_text=True)
    assert first.count('href="/so-tnmt/chuyen-muc-dien-hinh/') >= 10
    assert "page=2" in first
    second = client.get("/so-tnmt/chuyen-muc-dien-hinh/?page=2").get_data(as_text=True)
    assert second.count("Bài số") == 2


def test_public_story_page_escapes_the_body_into_paragraphs(client, world, make_story):
    story = make_story(
        world.unit_a,
        "Chị Lan và mô hình phân loại rác",
        status=StoryStatus.PUBLISHED,
        body="Đoạn đầu <script>alert(1)</script>\n\n<b>Đoạn hai</b>",
    )
    response = client.get(f"/so-tnmt/chuyen-muc-dien-hinh/{story.id}")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in text and "<b>Đoạn hai</b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    body = text.split('data-testid="story-body">')[1].split("</div>")[0]
    assert body.count("<p") == 2
    assert "Phòng Môi trường" in text


@pytest.mark.parametrize("status", [StoryStatus.DRAFT, StoryStatus.SUBMITTED, StoryStatus.REJECTED])
def test_unpublished_story_and_its_photo_are_404_publicly(
    app, client, world, make_story, png, status
):
    story = _with_photo(app, make_story(world.unit_a, status=status), png)
    assert client.get(f"/so-tnmt/chuyen-muc-dien-hinh/{story.id}").status_code == 404
    assert client.get(f"/so-tnmt/chuyen-muc-dien-hinh/{story.id}/anh").status_code == 404
    assert client.get("/so-tnmt/chuyen-muc-dien-hinh/987654").status_code == 404


def test_published_photo_is_served_publicly_as_an_image(app, client, world, make_story, png):
    story = _with_photo(app, make_story(world.unit_a, status=StoryStatus.PUBLISHED), png)
    response = client.get(f"/so-tnmt/chuyen-muc-dien-hinh/{story.id}/anh")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.data == png
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in response.headers.get("Content-Disposition", "")
    index = client.get("/so-tnmt/chuyen-muc-dien-hinh/").get_data(as_text=True)
    assert f"/so-tnmt/chuyen-muc-dien-hinh/{story.id}/anh" in index
    # The evidence download of the same file still needs a login.
    response = client.get(f"/evidence/{story.photo_id}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_published_story_without_photo_has_no_photo_route(client, world, make_story):
    story = make_story(world.unit_a, status=StoryStatus.PUBLISHED)
    assert client.get(f"/so-tnmt/chuyen-muc-dien-hinh/{story.id}/anh").status_code == 404


def test_public_index_statements_do_not_grow_with_rows(client, world, make_story, query_counter):
    for n in range(3):
        make_story(
            world.unit_a if n % 2 else world.unit_b, f"Bài {n}", status=StoryStatus.PUBLISHED
        )
    with query_counter() as few:
        client.get("/so-tnmt/chuyen-muc-dien-hinh/")
    for n in range(27):
        make_story(
            world.unit_a if n % 2 else world.unit_b, f"Bài thêm {n}", status=StoryStatus.PUBLISHED
        )
    with query_counter() as many:
        client.get("/so-tnmt/chuyen-muc-dien-hinh/")
    assert len(few) == len(many)


# The units' side ---------------------------------------------------------------


READERS_OF_A = ["office", "viewer", "coordinator_a", "staff_a"]
BLIND_TO_A = ["coordinator_b", "council", "foreign_office", "foreign_coordinator"]


@pytest.mark.parametrize("who", READERS_OF_A)
def test_readers_see_the_units_stories(app, world, login_as, make_story, png, who):
    story = _with_photo(app, make_story(world.unit_a, "Bài nháp của phòng"), png)
    client = login_as(getattr(world, who))
    assert "Bài nháp của phòng" in client.get("/stories/").get_data(as_text=True)
    assert client.get(f"/stories/{story.id}").status_code == 200
    assert client.get(f"/stories/{story.id}/photo").status_code == 200


@pytest.mark.parametrize("who", BLIND_TO_A)
def test_others_get_404_for_the_units_stories(app, world, login_as, make_story, png, who):
    story = _with_photo(app, make_story(world.unit_a, "Bài nháp của phòng"), png)
    client = login_as(getattr(world, who))
    assert "Bài nháp của phòng" not in client.get("/stories/").get_data(as_text=True)
    for url in (
        f"/stories/{story.id}",
        f"/stories/{story.id}/photo",
        f"/stories/{story.id}/edit",
        f"/stories/units/{world.unit_a.id}/new",
    ):
        assert client.get(url).status_code == 404, url
    for action in ("submit", "delete"):
        assert client.post(f"/stories/{story.id}/{action}").status_code == 404
    assert db.session.get(ExemplarStory, story.id).status == StoryStatus.DRAFT


@pytest.mark.parametrize("who", ["staff_a", "viewer", "council"])
def test_readers_cannot_write_stories(world, login_as, make_story, who):
    if who == "council":
        assign_council(world, world.unit_a, 2024)
    story = make_story(world.unit_a)
    client = login_as(getattr(world, who))
    assert client.get(f"/stories/{story.id}").status_code == 200
    assert client.get(f"/stories/units/{world.unit_a.id}/new").status_code == 403
    data = {"exemplar_id": story.exemplar_id, "title": "X", "summary": "Y", "body": "Z"}
    assert client.post(f"/stories/units/{world.unit_a.id}/new", data=data).status_code == 403
    assert client.post(f"/stories/{story.id}/edit", data=data).status_code == 403
    assert client.post(f"/stories/{story.id}/submit").status_code == 403
    assert client.post(f"/stories/{story.id}/delete").status_code == 403
    for action in ("approve", "reject", "unpublish"):
        assert client.post(f"/stories/{story.id}/{action}").status_code == 403
    assert client.get("/stories/manage").status_code == 403
    db.session.expire_all()
    assert db.session.get(ExemplarStory, story.id).status == StoryStatus.DRAFT


def test_coordinator_writes_a_story_with_photo_and_submits(world, login_as, png):
    exemplar = make_exemplar(world.unit_a, "Tổ quan trắc môi trường")
    client = login_as(world.coordinator_a)
    form = client.get(f"/stories/units/{world.unit_a.id}/new")
    assert form.status_code == 200 and "Tổ quan trắc môi trường" in form.get_data(as_text=True)
    response = client.post(
        f"/stories/units/{world.unit_a.id}/new",
        data={
            "exemplar_id": str(exemplar.id),
            "title": "Những người lặng thầm quan trắc",
            "summary": "Tóm tắt",
            "body": "Nội dung",
            "photo_file": (io.BytesIO(png), "a.png"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    story = db.session.scalars(db.select(ExemplarStory)).one()
    assert story.photo is not None and story.status == StoryStatus.DRAFT
    assert story.author_id == story.photo.uploaded_by_id == world.coordinator_a.id
    assert client.post(f"/stories/{story.id}/submit").status_code == 302
    db.session.expire_all()
    assert db.session.get(ExemplarStory, story.id).status == StoryStatus.SUBMITTED
    # Once submitted, the unit cannot change it.
    response = client.post(
        f"/stories/{story.id}/edit",
        data={"exemplar_id": str(exemplar.id), "title": "Đổi", "summary": "a", "body": "b"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(ExemplarStory, story.id).title == "Những người lặng thầm quan trắc"


def test_story_about_another_units_exemplar_is_rejected(world, login_as):
    make_exemplar(world.unit_a, "Của mình")
    foreign = make_exemplar(world.unit_b, "Của Thanh tra")
    client = login_as(world.coordinator_a)
    response = client.post(
        f"/stories/units/{world.unit_a.id}/new",
        data={"exemplar_id": str(foreign.id), "title": "Bài giữ lại", "summary": "a", "body": "b"},
    )
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Chỉ được viết về điển hình của chính đơn vị" in text
    assert 'value="Bài giữ lại"' in text
    assert db.session.scalar(db.select(db.func.count(ExemplarStory.id))) == 0


def test_wrong_photo_type_re_renders_with_message(world, login_as):
    exemplar = make_exemplar(world.unit_a)
    client = login_as(world.coordinator_a)
    response = client.post(
        f"/stories/units/{world.unit_a.id}/new",
        data={
            "exemplar_id": str(exemplar.id),
            "title": "Bài",
            "summary": "a",
            "body": "b",
            "photo_file": (io.BytesIO(b"%PDF-1.4\n%%EOF"), "anh.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "Ảnh minh họa phải là tệp JPEG hoặc PNG" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(ExemplarStory.id))) == 0


def test_office_reviews_in_manage_and_rejects_with_reason(world, login_as, make_story):
    story = make_story(world.unit_b, "Bài chờ duyệt", status=StoryStatus.SUBMITTED)
    make_story(world.unit_a, "Bài nháp")
    client = login_as(world.office)
    manage = client.get("/stories/manage").get_data(as_text=True)
    assert "Bài chờ duyệt" in manage and "Bài nháp" not in manage
    missing_reason = client.post(f"/stories/{story.id}/reject", data={"reason": ""})
    assert missing_reason.status_code == 200
    assert "Vui lòng nêu lý do." in missing_reason.get_data(as_text=True)
    assert (
        client.post(f"/stories/{story.id}/reject", data={"reason": "Cần thêm số liệu"}).status_code
        == 302
    )
    db.session.expire_all()
    story = db.session.get(ExemplarStory, story.id)
    assert (story.status, story.review_note) == (StoryStatus.REJECTED, "Cần thêm số liệu")
    detail = login_as(world.coordinator_b).get(f"/stories/{story.id}").get_data(as_text=True)
    assert "Cần thêm số liệu" in detail


def test_office_unpublishes(world, login_as, logout, make_story):
    story = make_story(world.unit_a, "Bài đã đăng", status=StoryStatus.PUBLISHED)
    office = login_as(world.office)
    assert (
        office.post(f"/stories/{story.id}/unpublish", data={"reason": "Sai số liệu"}).status_code
        == 302
    )
    db.session.expire_all()
    assert db.session.get(ExemplarStory, story.id).status == StoryStatus.REJECTED
    assert logout().get(f"/so-tnmt/chuyen-muc-dien-hinh/{story.id}").status_code == 404


def test_foreign_office_cannot_review(world, login_as, make_story):
    story = make_story(world.unit_a, status=StoryStatus.SUBMITTED)
    client = login_as(world.foreign_office)
    assert client.post(f"/stories/{story.id}/approve").status_code == 404
    assert client.post(f"/stories/{story.id}/reject", data={"reason": "x"}).status_code == 404
    assert "Người giữ màu xanh" not in client.get("/stories/manage").get_data(as_text=True)
    assert db.session.get(ExemplarStory, story.id).status == StoryStatus.SUBMITTED


def test_coordinator_cannot_approve_own_story(world, login_as, make_story):
    story = make_story(world.unit_a, status=StoryStatus.SUBMITTED)
    client = login_as(world.coordinator_a)
    assert client.post(f"/stories/{story.id}/approve").status_code == 403
    assert client.get("/stories/manage").status_code == 403


def test_stories_list_statements_do_not_grow_with_rows(world, login_as, make_story, query_counter):
    def fill(n, prefix):
        for i in range(n):
            make_story(world.unit_a if i % 2 else world.unit_b, f"{prefix} {i}")

    fill(3, "Bài")
    client = login_as(world.office)
    with query_counter() as few:
        client.get("/stories/")
    fill(27, "Bài thêm")
    client = login_as(world.office)
    with query_counter() as many:
        client.get("/stories/")
    assert len(few) == len(many)
