"""PropagationActivity: an article, broadcast, exchange or study visit that spreads exemplars."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin
from portal.msgids import N_
from portal.tenancy import UnitOwnedMixin


class ActivityType(LabelledEnum):
    ARTICLE = "article", N_("Bài viết, tin bài")
    SPECIAL_COLUMN = "special_column", N_("Chuyên trang, chuyên mục")
    BROADCAST = "broadcast", N_("Phát thanh, truyền hình")
    ONLINE_POST = "online_post", N_("Bài đăng trực tuyến")
    MEETING = "meeting", N_("Hội nghị, buổi nói chuyện")
    EXCHANGE = "exchange", N_("Giao lưu, trao đổi với đơn vị khác")
    STUDY_VISIT = "study_visit", N_("Tham quan, học tập mô hình")
    OTHER = "other", N_("Hình thức khác")


class Channel(LabelledEnum):
    TRADITIONAL = "traditional", N_("Truyền thống")
    ONLINE = "online", N_("Trực tuyến")


class PropagationActivity(UnitOwnedMixin, TimestampMixin, VersionedMixin, db.Model):
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
    movement_id: Mapped[int | None] = mapped_column(ForeignKey("movements.id"), index=True)

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
