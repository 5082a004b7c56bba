"""ExemplarStory: a unit's story about one of its exemplars, public once the Office approves it."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin
from portal.msgids import N_
from portal.tenancy import UnitOwnedMixin


class StoryStatus(LabelledEnum):
    DRAFT = "draft", N_("Bản nháp"), "secondary"  # being written by the unit
    SUBMITTED = "submitted", N_("Chờ Văn phòng Sở duyệt"), "warning"  # waiting for the Office
    PUBLISHED = "published", N_("Đã đăng"), "success"  # on the public column
    REJECTED = "rejected", N_("Trả lại"), "danger"  # sent back (or taken down) with a reason


# The unit may change a story only while the Office is not holding or showing it.
EDITABLE_STATUSES = (StoryStatus.DRAFT, StoryStatus.REJECTED)

_BLANK_LINES = re.compile(r"\n\s*\n")


class ExemplarStory(UnitOwnedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "exemplar_stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    exemplar_id: Mapped[int] = mapped_column(ForeignKey("exemplars.id"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")  # plain text, paragraphs by blank lines
    status: Mapped[StoryStatus] = mapped_column(
        enum_column(StoryStatus), default=StoryStatus.DRAFT, index=True
    )
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    # The current photo: an evidence attachment (owner_type "exemplar_story"), JPEG or PNG.
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    review_note: Mapped[str] = mapped_column(Text, default="")  # why rejected or taken down

    unit = relationship("Unit")
    exemplar = relationship("Exemplar")
    photo = relationship("Attachment")
    author = relationship("User", foreign_keys=[author_id])
    reviewed_by = relationship("User", foreign_keys=[reviewed_by_id])

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def paragraphs(self) -> list[str]:
        """The body split at blank lines; the template escapes each one."""
        text = (self.body or "").replace("\r\n", "\n").strip()
        return [p.strip() for p in _BLANK_LINES.split(text) if p.strip()]
