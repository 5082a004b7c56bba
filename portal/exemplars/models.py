"""Exemplar: a collective or individual held up as a model, owned by one unit."""

from __future__ import annotations

import enum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.extensions import db
from portal.models_base import TimestampMixin
from portal.tenancy import UnitOwnedMixin


class ExemplarKind(enum.StrEnum):
    COLLECTIVE = "collective"  # tập thể
    INDIVIDUAL = "individual"  # cá nhân


class ExemplarStatus(enum.StrEnum):
    CANDIDATE = "candidate"  # nhân tố mới
    FOSTERING = "fostering"  # đang bồi dưỡng
    RECOGNISED = "recognised"  # đã công nhận
    REPLICATED = "replicated"  # đã nhân rộng
    DROPPED = "dropped"  # dừng theo dõi


class RecognitionLevel(enum.StrEnum):
    UNIT = "unit"  # điển hình cơ sở (grassroots)
    DEPARTMENT = "department"  # cấp Sở
    MINISTRY_PROVINCE = "ministry_province"  # cấp Bộ, tỉnh
    NATIONAL = "national"  # toàn quốc


class Exemplar(UnitOwnedMixin, TimestampMixin, db.Model):
    __tablename__ = "exemplars"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ExemplarKind] = mapped_column(enum_column(ExemplarKind))
    name: Mapped[str] = mapped_column(String(255))
    # For an individual: the staff member's account, when they have one.
    person_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    position: Mapped[str] = mapped_column(String(255), default="")  # chức vụ
    field_of_work: Mapped[str] = mapped_column(String(255), default="")
    movement: Mapped[str] = mapped_column(String(255), default="")  # phong trào thi đua
    achievements: Mapped[str] = mapped_column(Text, default="")
    initiatives: Mapped[str] = mapped_column(Text, default="")
    year_identified: Mapped[int] = mapped_column(index=True)
    year_recognised: Mapped[int | None] = mapped_column(index=True)
    level: Mapped[RecognitionLevel] = mapped_column(
        enum_column(RecognitionLevel), default=RecognitionLevel.UNIT
    )
    status: Mapped[ExemplarStatus] = mapped_column(
        enum_column(ExemplarStatus), default=ExemplarStatus.CANDIDATE, index=True
    )
    drop_reason: Mapped[str] = mapped_column(Text, default="")

    unit = relationship("Unit")
    person = relationship("User")

    def __str__(self) -> str:
        return self.name

    @property
    def is_grassroots(self) -> bool:
        return self.level == RecognitionLevel.UNIT
