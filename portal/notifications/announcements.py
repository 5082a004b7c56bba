"""Announcements of the Office: written once, queued, delivered to each recipient once."""

from __future__ import annotations

from collections.abc import Sequence

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from portal.accounts.models import Role, RoleMembership, User
from portal.extensions import db
from portal.jobs.queues import DEFAULT, enqueue_after_commit
from portal.jobs.recovery import Work
from portal.models_base import utcnow
from portal.notifications.categories import ANNOUNCEMENT
from portal.notifications.claims import claim_rows, with_lock_retry
from portal.notifications.models import (
    Announcement,
    AnnouncementDelivery,
    AnnouncementStatus,
    AnnouncementUnit,
)
from portal.notifications.services import deliver, preferences_for, record_deliveries
from portal.organizations.models import Unit
from portal.rules import RuleError

CHUNK_SIZE = 500


def save_announcement(announcement: Announcement, data: dict, author: User) -> Announcement:
    """The draft's text and recipients, written by `author`. The caller commits."""
    if announcement.status != AnnouncementStatus.DRAFT:
        raise RuleError(_("Thông báo đã gửi không sửa được."))
    announcement.organization_id = author.organization_id
    announcement.title = data["title"].strip()
    announcement.body = data["body"].strip()
    announcement.to_staff = bool(data["to_staff"])
    announcement.to_coordinators = bool(data["to_coordinators"])
    announcement.to_council = bool(data["to_council"])
    announcement.all_units = bool(data["all_units"])
    chosen = set() if announcement.all_units else set(data.get("unit_ids") or ())
    for link in list(announcement.units):
        if link.unit_id not in chosen:
            announcement.units.remove(link)
    for unit_id in sorted(chosen - announcement.unit_ids):
        announcement.units.append(AnnouncementUnit(unit_id=unit_id))
    if announcement.id is None:
        announcement.created_by_id = author.id
        announcement.status = AnnouncementStatus.DRAFT
        db.session.add(announcement)
    return announcement


def recipients_query(announcement: Announcement):
    """The active people of the organization the announcement is addressed to."""
    conditions = []
    unit_roles = [
        r
        for r, wanted in (
            (Role.STAFF, announcement.to_staff),
            (Role.COORDINATOR, announcement.to_coordinators),
        )
        if wanted
    ]
    if unit_roles:
        if announcement.all_units:
            units = select(Unit.id).where(
                Unit.organization_id == announcement.organization_id, Unit.is_active.is_(True)
            )
        else:
            units = select(AnnouncementUnit.unit_id).where(
                AnnouncementUnit.announcement_id == announcement.id
            )
        conditions.append(
            User.memberships.any(
                (RoleMembership.role.in_(unit_roles)) & RoleMembership.unit_id.in_(units)
            )
        )
    if announcement.to_council:
        conditions.append(User.memberships.any(RoleMembership.role == Role.COUNCIL_MEMBER))
    if not conditions:
        return select(User).where(User.id == -1)
    return (
        select(User)
        .where(User.organization_id == announcement.organization_id, User.active.is_(True))
        .where(or_(*conditions))
        .order_by(User.full_name, User.id)
    )


def queue_announcement(announcement: Announcement) -> None:
    """Hand the announcement to the workers once the caller commits; it is sent once,
    whatever happens."""
    if announcement.status != AnnouncementStatus.DRAFT:
        raise RuleError(_("Thông báo này đã được gửi."))
    if not announcement.title or not announcement.body:
        raise RuleError(_("Thông báo cần tiêu đề và nội dung."))
    announcement.status = AnnouncementStatus.QUEUED
    announcement.queued_at = utcnow()
    enqueue_after_commit(
        send_announcement, announcement.id, queue=DEFAULT, job_id=job_id_of(announcement.id)
    )


def job_id_of(announcement_id: int) -> str:
    return f"announcement-{announcement_id}"


def outstanding_announcements() -> list[Work]:
    """Queued announcements, for the recovery sweep: it enqueues those whose job
    never reached Redis (sending is safe to run again: each delivery is claimed)."""
    ids = db.session.scalars(
        select(Announcement.id).where(Announcement.status == AnnouncementStatus.QUEUED)
    )
    return [Work(send_announcement, (i,), DEFAULT, job_id_of(i)) for i in ids]


def send_announcement(announcement_id: int) -> str:
    """The job: deliver to every recipient not yet delivered (safe to run again)."""
    announcement = db.session.get(Announcement, announcement_id)
    if announcement is None or announcement.status == AnnouncementStatus.DRAFT:
        return "nothing to send"
    user_ids = list(db.session.scalars(recipients_query(announcement).with_only_columns(User.id)))
    link = url_for("notifications.index", _external=False)
    delivered = 0
    for start in range(0, len(user_ids), CHUNK_SIZE):
        chunk = user_ids[start : start + CHUNK_SIZE]
        delivered += with_lock_retry(
            lambda chunk=chunk: _deliver_chunk(announcement_id, chunk, link)
        )
    announcement = db.session.get(Announcement, announcement_id)
    announcement.status = AnnouncementStatus.SENT
    announcement.sent_at = announcement.sent_at or utcnow()
    db.session.commit()
    return f"delivered to {delivered} of {len(user_ids)}"


def _deliver_chunk(announcement_id: int, user_ids: Sequence[int], link: str) -> int:
    table = AnnouncementDelivery.__table__
    claimed = claim_rows(
        table,
        [
            {"announcement_id": announcement_id, "user_id": uid, "created_at": utcnow()}
            for uid in user_ids
        ],
        ("announcement_id", "user_id"),
        (table.c.id, table.c.user_id),
    )
    if not claimed:
        db.session.commit()
        return 0
    announcement = db.session.get(Announcement, announcement_id)
    users = {
        u.id: u
        for u in db.session.scalars(
            select(User).where(User.id.in_([row.user_id for row in claimed]))
        )
    }
    prefs = preferences_for(users)
    results = []
    for row in claimed:
        user = users[row.user_id]
        done = deliver(
            user,
            announcement.title,
            announcement.body,
            link,
            category=ANNOUNCEMENT,
            preference=prefs.get(user.id),
            template="announcement",
            send=False,
        )
        results.append((row.id, done))
    record_deliveries(AnnouncementDelivery, results)
    db.session.commit()
    return len(results)


def deliveries_query(announcement: Announcement):
    """Each recipient's delivery with its email and notification (no query per row)."""
    return (
        select(AnnouncementDelivery)
        .where(AnnouncementDelivery.announcement_id == announcement.id)
        .options(
            joinedload(AnnouncementDelivery.user),
            joinedload(AnnouncementDelivery.mail_message),
            joinedload(AnnouncementDelivery.notification),
        )
        .join(User, User.id == AnnouncementDelivery.user_id)
        .order_by(User.full_name, AnnouncementDelivery.id)
    )
