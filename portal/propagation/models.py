"""PropagationActivity: an article, broadcast, exchange or study visit that spreads exemplars."""

from __future__ import annotations

import enum
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import BigInteger, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.extensions import db
from portal.models_base import TimestampMixin
from portal.tenancy import UnitOwnedMixin


class ActivityType(enum.StrEnum):
    ARTICLE = "article"  # bài viết, tin bài
    SPECIAL_COLUMN = "special_column"  # chuyên trang, chuyên mục
    BROADCAST = "broadcast"  # phát thanh, truyền hình
    ONLINE_POST = "online_post"  # bài đăng trực tuyến
    MEETING = "meeting"  # hội nghị, buổi nói chuyện
    EXCHANGE = "exchange"  # giao lưu, trao đổi với đơn vị khác
    STUDY_VISIT = "study_visit"  # tham quan, học tập mô hình
    OTHER = "other"


class Channel(enum.StrEnum):
    TRADITIONAL = "traditional"  # hình thức truyền thống
    ONLINE = "online"  # hình thức trực tuyến


ACTIVITY_TYPE_LABELS = {
    ActivityType.ARTICLE: _l("Bài viết, tin bài"),
    ActivityType.SPECIAL_COLUMN: _l("Chuyên trang, chuyên mục"),
    ActivityType.BROADCAST: _l("Phát thanh, truyền hình"),
    ActivityType.ONLINE_POST: _l("Bài đăng trực tuyến"),
    ActivityType.MEETING: _l("Hội nghị, buổi nói chuyện"),
    ActivityType.EXCHANGE: _l("Giao lưu, trao đổi với đơn vị khác"),
    ActivityType.STUDY_VISIT: _l("Tham quan, học tập mô hình"),
    ActivityType.OTHER: _l("Hình thức khác"),
}
CHANNEL_LABELS = {
    Channel.TRADITIONAL: _l("Truyền thống"),
    Channel.ONLINE: _l("Trực tuyến"),
}


class PropagationActivity(UnitOwnedMixin, TimestampMixin, db.Model):
    __tablename__ = "propagation_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_date: Mapped[date] = mapped_column(Date, index=True)
    activity_type: Mapped[ActivityType] = mapped_column(enum_column(ActivityType), index=True)
    channel: Mapped[Channel] = mapped_column(enum_column(Channel), index=True)
    title: Mapped[str] = mapped_column(String(500))
    link: Mapped[str] = mapped_column(String(1000), default="")
    audience_reached: Mapped[int | None]
    # Plan IV: spent from the state budget, whole đồng.
    cost_vnd: Mapped[int | None] = mapped_column(BigInteger)
    description: Mapped[str] = mapped_column(Text, default="")
    # The other unit of an exchange or a study visit (free text: often outside the Department).
    partner_unit: Mapped[str] = mapped_column(String(255), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    unit = relationship("Unit")
    created_by = relationship("User")
    exemplar_links: Mapped[list[PropagationActivityExemplar]] = relationship(
        back_populates="activity", cascade="all, delete-orphan"
    )
    # Read side of the links; change them through services.set_featured_exemplars.
    exemplars = relationship(
        "Exemplar",
        secondary="propagation_activity_exemplars",
        viewonly=True,
        order_by="Exemplar.name",
    )

    def __str__(self) -> str:
        return self.title

    @property
    def type_label(self) -> str:
        return str(ACTIVITY_TYPE_LABELS.get(self.activity_type, self.activity_type))

    @property
    def channel_label(self) -> str:
        return str(CHANNEL_LABELS.get(self.channel, self.channel))


class PropagationActivityExemplar(UnitOwnedMixin, db.Model):
    """An exemplar featured by an activity. A mapped class (not a bare table) so
    that the link carries its unit like all unit data and is audited."""

    __tablename__ = "propagation_activity_exemplars"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("propagation_activities.id", ondelete="CASCADE"), primary_key=True
    )
    exemplar_id: Mapped[int] = mapped_column(
        ForeignKey("exemplars.id"), primary_key=True, index=True
    )

    activity: Mapped[PropagationActivity] = relationship(back_populates="exemplar_links")
    exemplar = relationship("Exemplar")
