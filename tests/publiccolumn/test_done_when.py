"""Issue 3, done when: the coordinator logs a propagation article featuring a recognised
exemplar; the Office approves the story and it appears on the public column; another
unit's coordinator cannot see any of it. Through the routes, as people would."""

from __future__ import annotations

import io

from portal.exemplars.models import ExemplarStatus
from portal.extensions import db
from portal.propagation.models import PropagationActivity
from portal.publiccolumn.models import ExemplarStory, StoryStatus
from tests.factories import make_exemplar


def test_article_story_approval_and_public_column(client, world, login_as, logout, png):
    # The exemplar's lifecycle belongs to the exemplars package; here it is recognised.
    exemplar = make_exemplar(
        world.unit_a, "Tổ quan trắc môi trường Phòng Môi trường", status=ExemplarStatus.RECOGNISED
    )

    coordinator = login_as(world.coordinator_a)
    response = coordinator.post(
        f"/propagation/units/{world.unit_a.id}/new",
        data={
            "activity_date": "15/03/2025",
            "activity_type": "article",
            "channel": "traditional",
            "title": "Tổ quan trắc - những người lặng thầm giữ màu xanh",
            "link": "https://baoquangbinh.vn/moi-truong/to-quan-trac",
            "audience_reached": "12.000",
            "cost_vnd": "3.000.000",
            "exemplar_ids": [str(exemplar.id)],
        },
    )
    assert response.status_code == 302
    activity = db.session.scalars(db.select(PropagationActivity)).one()
    assert [e.id for e in activity.exemplars] == [exemplar.id]
    listing = coordinator.get("/propagation/?year=2025").get_data(as_text=True)
    assert "Tổ quan trắc - những người lặng thầm giữ màu xanh" in listing
    assert "3.000.000 ₫" in listing

    response = coordinator.post(
        f"/stories/units/{world.unit_a.id}/new",
        data={
            "exemplar_id": str(exemplar.id),
            "title": "Giữ màu xanh cho Quảng Bình",
            "summary": "Sáu năm bám trạm quan trắc, tổ đã phát hiện sớm nhiều sự cố môi trường.",
            "body": "Đoạn thứ nhất.\n\nĐoạn thứ hai.",
            "photo_file": (io.BytesIO(png), "to-quan-trac.png"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    story = db.session.scalars(db.select(ExemplarStory)).one()
    assert coordinator.post(f"/stories/{story.id}/submit").status_code == 302

    # Not public before the Office approves.
    logout()
    assert client.get(f"/so-tnmt/chuyen-muc-dien-hinh/{story.id}").status_code == 404
    assert "Giữ màu xanh cho Quảng Bình" not in client.get(
        "/so-tnmt/chuyen-muc-dien-hinh/"
    ).get_data(as_text=True)

    office = login_as(world.office)
    assert "Giữ màu xanh cho Quảng Bình" in office.get("/stories/manage").get_data(as_text=True)
    assert office.post(f"/stories/{story.id}/approve").status_code == 302
    db.session.expire_all()
    assert db.session.get(ExemplarStory, story.id).status == StoryStatus.PUBLISHED

    public = logout()
    index = public.get("/so-tnmt/chuyen-muc-dien-hinh/").get_data(as_text=True)
    assert "Giữ màu xanh cho Quảng Bình" in index and "Phòng Môi trường" in index
    page = public.get(f"/so-tnmt/chuyen-muc-dien-hinh/{story.id}")
    assert page.status_code == 200 and "Đoạn thứ hai." in page.get_data(as_text=True)
    photo = public.get(f"/so-tnmt/chuyen-muc-dien-hinh/{story.id}/anh")
    assert photo.status_code == 200 and photo.data == png
    # Nothing else of the unit is public.
    response = public.get(f"/propagation/{activity.id}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    response = public.get(f"/stories/{story.id}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")

    other = login_as(world.coordinator_b)
    assert other.get(f"/propagation/{activity.id}").status_code == 404
    assert other.get(f"/stories/{story.id}").status_code == 404
    assert "Tổ quan trắc" not in other.get("/propagation/").get_data(as_text=True)
