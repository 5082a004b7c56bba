"""The rules of the public column, called directly."""

from __future__ import annotations

import io

import pytest
from flask_login import login_user
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from portal.evidence.models import Attachment
from portal.evidence.services import storage_path
from portal.extensions import db
from portal.notifications.models import Notification
from portal.publiccolumn import services
from portal.publiccolumn.models import ExemplarStory, StoryStatus
from portal.rules import RuleError
from tests.factories import make_exemplar


def _data(exemplar, **kw):
    values = {
        "exemplar_id": exemplar.id,
        "title": " Tấm gương ",
        "summary": "Tóm tắt",
        "body": "Nội dung",
    }
    values.update(kw)
    return values


def _notified(user):
    return db.session.scalars(
        db.select(Notification.title).where(Notification.user_id == user.id)
    ).all()


def test_story_is_written_about_an_exemplar_of_its_own_unit(app, world, png):
    own = make_exemplar(world.unit_a)
    foreign = make_exemplar(world.unit_b, "Của Thanh tra")
    with app.test_request_context():
        login_user(world.office)  # the author is the actor given, not the signed-in user
        photo = FileStorage(io.BytesIO(png), filename="anh.png")
        story = services.create_story(world.unit_a.id, _data(own), world.coordinator_a, photo)
        db.session.commit()
        assert (story.title, story.status, story.author_id) == (
            "Tấm gương",
            StoryStatus.DRAFT,
            world.coordinator_a.id,
        )
        assert story.photo.kind == "png" and story.photo.owner_type == "exemplar_story"
        assert story.photo.uploaded_by_id == world.coordinator_a.id
        with pytest.raises(RuleError) as error:
            services.create_story(world.unit_a.id, _data(foreign), world.coordinator_a)
        assert error.value.field == "exemplar_id"
        db.session.rollback()
        with pytest.raises(RuleError):
            services.create_story(
                world.unit_a.id, _data(own, exemplar_id=None), world.coordinator_a
            )
    assert db.session.scalar(db.select(db.func.count(ExemplarStory.id))) == 1


def test_photo_must_be_an_image(app, world):
    exemplar = make_exemplar(world.unit_a)
    with app.test_request_context():
        pdf = FileStorage(io.BytesIO(b"%PDF-1.4\n%%EOF"), filename="anh.pdf")
        with pytest.raises(RuleError, match="JPEG hoặc PNG") as error:
            services.create_story(world.unit_a.id, _data(exemplar), world.coordinator_a, pdf)
        assert error.value.field == "photo_file"
        db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0
    uploads = (
        list((app.config["UPLOAD_DIR"]).rglob("*")) if app.config["UPLOAD_DIR"].exists() else []
    )
    assert [p for p in uploads if p.is_file()] == []


def test_new_photo_replaces_the_old_one(app, world, make_story, png, jpeg):
    story = make_story(world.unit_a)
    with app.test_request_context():
        services.save_photo(
            story, FileStorage(io.BytesIO(png), filename="mot.png"), world.coordinator_a
        )
        db.session.commit()
        first_path = storage_path(story.photo)
        services.update_story(
            story,
            _data(story.exemplar, title="Mới"),
            world.coordinator_a,
            FileStorage(io.BytesIO(jpeg), filename="hai.jpg"),
        )
        db.session.commit()
    assert not first_path.exists()
    assert story.photo.original_name == "hai.jpg"
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 1


def test_workflow_submit_approve_unpublish(app, world, make_story):
    story = make_story(world.unit_a)
    with app.test_request_context():
        services.submit(story)
        db.session.commit()
        assert story.status == StoryStatus.SUBMITTED and story.submitted_at is not None
        assert _notified(world.office) == [f"Bài viết chờ duyệt: {story.title}"]
        with pytest.raises(RuleError):
            services.update_story(story, _data(story.exemplar), world.coordinator_a)
        with pytest.raises(RuleError):
            services.unpublish(story, world.office, "Lý do")
        services.approve(story, world.office)
        db.session.commit()
        assert story.status == StoryStatus.PUBLISHED and story.published_at is not None
        assert story.reviewed_by_id == world.office.id
        assert f"Bài viết đã được đăng: {story.title}" in _notified(world.coordinator_a)
        body = db.session.scalar(
            select(Notification.body).where(Notification.user_id == world.coordinator_a.id)
        )
        assert body.endswith(f"/so-tnmt/chuyen-muc-dien-hinh/{story.id}")  # the public address
        assert _notified(world.staff_a) == []
        with pytest.raises(RuleError):
            services.approve(story, world.office)
        with pytest.raises(RuleError):
            services.unpublish(story, world.office, "  ")
        services.unpublish(story, world.office, "Cần cập nhật số liệu.")
        db.session.commit()
    assert story.status == StoryStatus.REJECTED
    assert story.published_at is None
    assert story.review_note == "Cần cập nhật số liệu."
    assert services.published_story(story.id) is None


def test_reject_needs_a_reason_and_lets_the_unit_resubmit(app, world, make_story):
    story = make_story(world.unit_a, status=StoryStatus.SUBMITTED)
    with app.test_request_context():
        with pytest.raises(RuleError, match="lý do"):
            services.reject(story, world.office, "")
        services.reject(story, world.office, "Bổ sung ảnh minh họa.")
        db.session.commit()
        assert story.status == StoryStatus.REJECTED
        assert (
            "Bổ sung ảnh minh họa."
            in db.session.scalars(
                db.select(Notification.body).where(Notification.user_id == world.coordinator_a.id)
            ).all()
        )
        services.update_story(story, _data(story.exemplar, title="Đã sửa"), world.coordinator_a)
        services.submit(story)
        db.session.commit()
    assert (story.title, story.status) == ("Đã sửa", StoryStatus.SUBMITTED)


def test_delete_only_drafts_and_removes_photo(app, world, make_story, png):
    story = make_story(world.unit_a)
    published = make_story(world.unit_a, "Đã đăng", status=StoryStatus.PUBLISHED)
    with app.test_request_context():
        services.save_photo(
            story, FileStorage(io.BytesIO(png), filename="anh.png"), world.coordinator_a
        )
        db.session.commit()
        path = storage_path(story.photo)
        services.delete_story(story)
        db.session.commit()
        with pytest.raises(RuleError):
            services.delete_story(published)
    assert not path.exists()
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0
    assert db.session.scalar(db.select(db.func.count(ExemplarStory.id))) == 1


def test_paragraphs_split_at_blank_lines(world, make_story):
    story = make_story(world.unit_a, body="Một\r\ndòng hai\r\n\r\n  \r\nĐoạn hai\n\n\n")
    assert story.paragraphs == ["Một\ndòng hai", "Đoạn hai"]


def test_published_query_lists_only_published_newest_first(app, world, make_story):
    make_story(world.unit_a, "Nháp")
    make_story(world.unit_a, "Chờ duyệt", status=StoryStatus.SUBMITTED)
    older = make_story(world.unit_a, "Cũ", status=StoryStatus.PUBLISHED)
    make_story(world.unit_b, "Mới", status=StoryStatus.PUBLISHED)
    older.published_at = older.published_at.replace(year=2023)
    db.session.commit()
    titles = [s.title for s in db.session.scalars(services.published_query(world.org.id))]
    assert titles == ["Mới", "Cũ"]
