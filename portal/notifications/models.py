"""Notifications under the bell, people's choices about email, daily digests and
the Office's announcements with their delivery per recipient."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin, utcnow
from portal.tenancy import UnitOwnedMixin


class Notification(db.Model):
    __tablename__ = "notifications"
    __audited__ = False

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(1000), default="")  # a path inside the portal
    category: Mapped[str] = mapped_column(String(64), default="general")
    mail_message_id: Mapped[int | None] = mapped_column(ForeignKey("mail_messages.id"))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Waiting for the person's daily digest email (digest mode), then the digest it went in.
    email_pending: Mapped[bool] = mapped_column(default=False, index=True)
    digest_id: Mapped[int | None] = mapped_column(ForeignKey("notification_digests.id"))

    mail_message = relationship("MailMessage")


class EmailMode(enum.StrEnum):
    IMMEDIATE = "immediate"  # one email per notification
    DIGEST = "digest"  # one email a day listing them


class NotificationPreference(TimestampMixin, db.Model):
    """A person's choices; a person without a row gets the defaults."""

    __tablename__ = "notification_preferences"
    __audit_exclude__ = {"calendar_token"}

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    email_mode: Mapped[EmailMode] = mapped_column(
        enum_column(EmailMode), default=EmailMode.IMMEDIATE
    )
    # Optional categories the person receives no email for.
    muted_categories: Mapped[list] = mapped_column(JSON, default=list)
    # The secret of the personal calendar feed URL (regenerated on request).
    calendar_token: Mapped[str | None] = mapped_column(String(64), unique=True)

    user = relationship("User")


class NotificationDigest(db.Model):
    """The one digest email of a person for a day (the unique row makes it once)."""

    __tablename__ = "notification_digests"
    __audited__ = False
    __table_args__ = (UniqueConstraint("user_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    item_count: Mapped[int] = mapped_column(default=0)
    mail_message_id: Mapped[int | None] = mapped_column(ForeignKey("mail_messages.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AnnouncementStatus(enum.StrEnum):
    DRAFT = "draft"
    QUEUED = "queued"  # the sending job is waiting or running
    SENT = "sent"  # every recipient has been handed their notification and email


class Announcement(TimestampMixin, VersionedMixin, db.Model):
    """A message the Office writes once to chosen units' people or the council."""

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    to_staff: Mapped[bool] = mapped_column(default=False)
    to_coordinators: Mapped[bool] = mapped_column(default=True)
    to_council: Mapped[bool] = mapped_column(default=False)
    all_units: Mapped[bool] = mapped_column(default=True)
    status: Mapped[AnnouncementStatus] = mapped_column(
        enum_column(AnnouncementStatus), default=AnnouncementStatus.DRAFT, index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    queued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    created_by = relationship("User")
    units: Mapped[list[AnnouncementUnit]] = relationship(
        back_populates="announcement", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def unit_ids(self) -> set[int]:
        return {u.unit_id for u in self.units}


class AnnouncementUnit(UnitOwnedMixin, db.Model):
    __tablename__ = "announcement_units"
    __table_args__ = (UniqueConstraint("announcement_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    announcement_id: Mapped[int] = mapped_column(ForeignKey("announcements.id"), index=True)

    announcement: Mapped[Announcement] = relationship(back_populates="units")
    unit = relationship("Unit")


class AnnouncementDelivery(db.Model):
    """An announcement handed to one person: inserted before the mail, once."""

    __tablename__ = "announcement_deliveries"
    __audited__ = False
    __table_args__ = (UniqueConstraint("announcement_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    announcement_id: Mapped[int] = mapped_column(ForeignKey("announcements.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    notification_id: Mapped[int | None] = mapped_column(ForeignKey("notifications.id"))
    mail_message_id: Mapped[int | None] = mapped_column(ForeignKey("mail_messages.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    user = relationship("User")
    notification = relationship("Notification")
    mail_message = relationship("MailMessage")
