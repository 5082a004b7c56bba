"""Announcements of the Office: written once, queued, sent to each recipient once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.jobs.queues import enqueue
from portal.mail.models import MailMessage, MailStatus
from portal.notifications.announcements import send_announcement
from portal.notifications.models import (
    Announcement,
    AnnouncementDelivery,
    AnnouncementStatus,
    Notification,
)
from portal.notifications.services import save_preferences

SCHEDULE = "Đại hội Thi đua yêu nước lần thứ V khai mạc lúc 8 giờ ngày 20/6/2025."


def form(**overrides) -> dict:
    data = {
        "title": "Lịch Đại hội Thi đua yêu nước",
        "body": SCHEDULE,
        "to_coordinators": "y",
        "all_units": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def draft(world, login_as, **overrides) -> Announcement:
    response = login_as(world.office).post(
        "/notifications/announcements/new", data=form(**overrides)
    )
    assert response.status_code == 302
    return db.session.scalar(select(Announcement).order_by(Announcement.id.desc()))


def recipients(announcement) -> set[str]:
    rows = db.session.scalars(
        select(AnnouncementDelivery).where(AnnouncementDelivery.announcement_id == announcement.id)
    )
    return {d.user.email for d in rows}


def test_draft_shows_who_will_receive_it(world, login_as):
    announcement = draft(world, login_as)
    assert announcement.status == AnnouncementStatus.DRAFT
    page = (
        login_as(world.office)
        .get(f"/notifications/announcements/{announcement.id}")
        .get_data(as_text=True)
    )
    assert world.coordinator_a.email in page and world.coordinator_b.email in page
    assert world.staff_a.email not in page and "Gửi đến 2 người" in page


def test_sent_once_to_each_recipient_and_shown_per_recipient(world, login_as, run_jobs):
    announcement = draft(world, login_as, to_staff="y", to_council="y")
    client = login_as(world.office)
    assert client.post(f"/notifications/announcements/{announcement.id}/send").status_code == 302
    db.session.refresh(announcement)
    assert announcement.status == AnnouncementStatus.QUEUED
    # The job runs twice (retried, or enqueued again by accident): still once each.
    enqueue(send_announcement, announcement.id)
    run_jobs()
    db.session.expire_all()
    expected = {
        world.coordinator_a.email,
        world.coordinator_b.email,
        world.staff_a.email,
        world.council.email,
    }
    assert recipients(announcement) == expected
    emails = db.session.scalars(select(MailMessage.recipient_email)).all()
    assert sorted(emails) == sorted(expected)
    assert {m.status for m in db.session.scalars(select(MailMessage))} == {MailStatus.SENT}
    assert db.session.get(Announcement, announcement.id).status == AnnouncementStatus.SENT
    page = client.get(f"/notifications/announcements/{announcement.id}").get_data(as_text=True)
    assert "Đã gửi" in page and world.council.email in page
    assert "/mail/outbox/" in page  # each status links to the message in the outbox
    # Each recipient sees it under the bell.
    staff_page = login_as(world.staff_a).get("/notifications/").get_data(as_text=True)
    assert "Lịch Đại hội Thi đua yêu nước" in staff_page and "20/6/2025" in staff_page


def test_chosen_units_only(world, login_as, run_jobs):
    announcement = draft(world, login_as, all_units=None, unit_ids=[str(world.unit_b.id)])
    login_as(world.office).post(f"/notifications/announcements/{announcement.id}/send")
    run_jobs()
    assert recipients(announcement) == {world.coordinator_b.email}


def test_people_who_turned_announcements_off_see_it_in_the_portal_only(world, login_as, run_jobs):
    save_preferences(world.coordinator_b, "immediate", ["announcement"])
    announcement = draft(world, login_as)
    login_as(world.office).post(f"/notifications/announcements/{announcement.id}/send")
    run_jobs()
    assert recipients(announcement) == {world.coordinator_a.email, world.coordinator_b.email}
    assert db.session.scalars(select(MailMessage.recipient_email)).all() == [
        world.coordinator_a.email
    ]
    assert (
        db.session.scalar(
            select(func.count(Notification.id)).where(
                Notification.user_id == world.coordinator_b.id
            )
        )
        == 1
    )
    page = (
        login_as(world.office)
        .get(f"/notifications/announcements/{announcement.id}")
        .get_data(as_text=True)
    )
    assert "Chỉ thông báo trên Cổng" in page


def test_sent_announcement_cannot_be_edited_or_sent_again(world, login_as, run_jobs):
    announcement = draft(world, login_as)
    client = login_as(world.office)
    client.post(f"/notifications/announcements/{announcement.id}/send")
    run_jobs()
    assert client.get(f"/notifications/announcements/{announcement.id}/edit").status_code == 403
    again = client.post(
        f"/notifications/announcements/{announcement.id}/send", follow_redirects=True
    )
    assert "đã được gửi" in again.get_data(as_text=True)
    run_jobs()
    assert len(db.session.scalars(select(MailMessage)).all()) == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"to_coordinators": None}, "Chọn ít nhất một nhóm người nhận"),
        ({"all_units": None}, "Chọn ít nhất một đơn vị"),
        ({"title": ""}, "invalid-feedback"),
    ],
)
def test_bad_input_is_kept_with_messages(world, login_as, overrides, message):
    response = login_as(world.office).post(
        "/notifications/announcements/new", data=form(**overrides)
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and message in text and SCHEDULE in text
    assert db.session.scalar(select(Announcement)) is None


def test_only_the_office_and_only_its_own(world, login_as):
    announcement = draft(world, login_as)
    urls = [
        "/notifications/announcements",
        "/notifications/announcements/new",
        f"/notifications/announcements/{announcement.id}",
        f"/notifications/announcements/{announcement.id}/edit",
    ]
    for person in (world.viewer, world.council, world.coordinator_a, world.staff_a):
        client = login_as(person)
        for url in urls:
            assert client.get(url).status_code == 403, (person.email, url)
        assert (
            client.post(f"/notifications/announcements/{announcement.id}/send").status_code == 403
        )
    foreign = login_as(world.foreign_office)
    assert foreign.get(f"/notifications/announcements/{announcement.id}").status_code == 404
    assert foreign.post(f"/notifications/announcements/{announcement.id}/send").status_code == 404
    assert "Lịch Đại hội" not in foreign.get("/notifications/announcements").get_data(as_text=True)
    office = login_as(world.office)
    assert "Lịch Đại hội" in office.get("/notifications/announcements").get_data(as_text=True)
    edit = office.post(
        f"/notifications/announcements/{announcement.id}/edit",
        data=form(title="Lịch Đại hội (sửa)"),
    )
    assert edit.status_code == 302
    db.session.refresh(announcement)
    assert announcement.title == "Lịch Đại hội (sửa)"
