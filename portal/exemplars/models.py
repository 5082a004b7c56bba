"""Exemplar: a collective or individual held up as a model, owned by one unit."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin
from portal.msgids import N_
from portal.tenancy import UnitOwnedMixin


class ExemplarKind(LabelledEnum):
    COLLECTIVE = "collective", N_("Tập thể")
    INDIVIDUAL = "individual", N_("Cá nhân")


class ExemplarStatus(LabelledEnum):
    CANDIDATE = "candidate", N_("Nhân tố mới"), "info", N_("Ghi nhận nhân tố mới")
    FOSTERING = "fostering", N_("Đang bồi dưỡng"), "primary", N_("Bắt đầu bồi dưỡng")
    RECOGNISED = "recognised", N_("Đã công nhận"), "success", N_("Công nhận điển hình")
    REPLICATED = "replicated", N_("Đã nhân rộng"), "dark", N_("Chuyển sang nhân rộng")
    DROPPED = "dropped", N_("Dừng theo dõi"), "secondary"


class RecognitionLevel(LabelledEnum):
    UNIT = "unit", N_("Cơ sở (đơn vị)")
    DEPARTMENT = "department", N_("Cấp Sở")
    MINISTRY_PROVINCE = "ministry_province", N_("Cấp Bộ, tỉnh")
    NATIONAL = "national", N_("Toàn quốc")


class Exemplar(UnitOwnedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "exemplars"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ExemplarKind] = mapped_column(enum_column(ExemplarKind))
    name: Mapped[str] = mapped_column(String(255))
    # For an individual: the staff member's account, when they have one.
    person_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    position: Mapped[str] = mapped_column(String(255), default="")  # chức vụ
    field_of_work: Mapped[str] = mapped_column(String(255), default="")
    # Free text of the records made before movements were kept (shown, no longer asked).
    movement: Mapped[str] = mapped_column(String(255), default="")  # phong trào thi đua
    movement_id: Mapped[int | None] = mapped_column(ForeignKey("movements.id"), index=True)
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
    events: Mapped[list[ExemplarEvent]] = relationship(
        back_populates="exemplar",
        order_by="[ExemplarEvent.occurred_on, ExemplarEvent.id]",
        cascade="all, delete-orphan",
    )
    fostering_actions: Mapped[list[FosteringAction]] = relationship(
        back_populates="exemplar", cascade="all, delete-orphan"
    )
    evaluations: Mapped[list[ExemplarEvaluation]] = relationship(
        back_populates="exemplar",
        order_by="[ExemplarEvaluation.evaluated_on, ExemplarEvaluation.id]",
        cascade="all, delete-orphan",
    )

    def __str__(self) -> str:
        return self.name


class SupportType(LabelledEnum):
    """The kind of support given to an exemplar (plan II.1, III.1)."""

    MATERIAL = "material", N_("Vật chất")
    SPIRITUAL = "spiritual", N_("Tinh thần")
    TECHNICAL = "technical", N_("Kỹ thuật, chuyên môn")
    AWARD = "award", N_("Khen thưởng, giải thưởng")
    TRAINING = "training", N_("Đào tạo, bồi dưỡng")
    OTHER = "other", N_("Khác")


class FosteringStatus(LabelledEnum):
    PLANNED = "planned", N_("Kế hoạch"), "secondary"
    IN_PROGRESS = "in_progress", N_("Đang thực hiện"), "primary"
    DONE = "done", N_("Hoàn thành"), "success"
    CANCELLED = "cancelled", N_("Đã hủy"), "light"

    @property
    def is_open(self) -> bool:
        return self in (FosteringStatus.PLANNED, FosteringStatus.IN_PROGRESS)


OPEN_FOSTERING_STATUSES = (FosteringStatus.PLANNED, FosteringStatus.IN_PROGRESS)


class ExemplarEvent(UnitOwnedMixin, TimestampMixin, db.Model):
    """One entry of an exemplar's timeline: a change of status (or its recording).

    `occurred_on` is the date the change took effect (a recognition decision may
    be recorded days later); `created_at` is when it was recorded, `actor` by whom.
    """

    __tablename__ = "exemplar_events"
    # The unit's latest entries (the workspace), without walking every unit's dates.
    __table_args__ = (Index("ix_exemplar_events_unit_recent", "unit_id", "occurred_on", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    exemplar_id: Mapped[int] = mapped_column(ForeignKey("exemplars.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    from_status: Mapped[ExemplarStatus | None] = mapped_column(enum_column(ExemplarStatus))
    to_status: Mapped[ExemplarStatus] = mapped_column(enum_column(ExemplarStatus))
    note: Mapped[str] = mapped_column(Text, default="")

    exemplar: Mapped[Exemplar] = relationship(back_populates="events")
    actor = relationship("User")


class FosteringAction(UnitOwnedMixin, TimestampMixin, VersionedMixin, db.Model):
    """Support given to an exemplar to help it grow (bồi dưỡng)."""

    __tablename__ = "fostering_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    exemplar_id: Mapped[int] = mapped_column(ForeignKey("exemplars.id"), index=True)
    support_type: Mapped[SupportType] = mapped_column(enum_column(SupportType))
    description: Mapped[str] = mapped_column(Text)
    # Who carries it out: a user of the unit, or a free name (e.g. an outside expert).
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    owner_name: Mapped[str] = mapped_column(String(255), default="")
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[FosteringStatus] = mapped_column(
        enum_column(FosteringStatus), default=FosteringStatus.PLANNED, index=True
    )
    outcome: Mapped[str] = mapped_column(Text, default="")
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Plan IV: spent from the state budget, whole đồng.
    cost_vnd: Mapped[int | None] = mapped_column(BigInteger)

    exemplar: Mapped[Exemplar] = relationship(back_populates="fostering_actions")
    owner_user = relationship("User")

    @property
    def owner_display(self) -> str:
        return self.owner_user.full_name if self.owner_user else self.owner_name

    def is_overdue(self, today: date) -> bool:
        return self.status.is_open and self.due_date is not None and self.due_date < today


class EvaluationAspect(LabelledEnum):
    """The four aspects an evaluation scores 1-5, named as its columns."""

    EFFECT = "effect", N_("Tác dụng")
    EFFECTIVENESS = "effectiveness", N_("Tính hiệu quả")
    DEVELOPMENT_POTENTIAL = "development_potential", N_("Khả năng phát triển")
    INFLUENCE = "influence", N_("Mức độ ảnh hưởng")


class ExemplarEvaluation(UnitOwnedMixin, TimestampMixin, VersionedMixin, db.Model):
    """A periodic evaluation of an exemplar (plan II.4), scored 1-5 on four aspects
    and item by item against the criteria set in force for its kind."""

    __tablename__ = "exemplar_evaluations"

    id: Mapped[int] = mapped_column(primary_key=True)
    exemplar_id: Mapped[int] = mapped_column(ForeignKey("exemplars.id"), index=True)
    evaluated_on: Mapped[date] = mapped_column(Date, index=True)
    evaluator_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The criteria set version the item scores refer to (None if none was defined).
    criteria_set_id: Mapped[int | None] = mapped_column(ForeignKey("criteria_sets.id"))
    effect: Mapped[int]  # one column per EvaluationAspect
    effectiveness: Mapped[int]
    development_potential: Mapped[int]
    influence: Mapped[int]
    difficulties: Mapped[str] = mapped_column(Text, default="")
    help_given: Mapped[str] = mapped_column(Text, default="")

    exemplar: Mapped[Exemplar] = relationship(back_populates="evaluations")
    evaluator = relationship("User")
    criteria_set = relationship("CriteriaSet")
    scores: Mapped[list[ExemplarEvaluationScore]] = relationship(
        back_populates="evaluation", cascade="all, delete-orphan"
    )

    @property
    def average(self) -> float:
        return (self.effect + self.effectiveness + self.development_potential + self.influence) / 4


class ExemplarEvaluationScore(UnitOwnedMixin, db.Model):
    """The score an evaluation gives one criteria item (0 to the item's maximum)."""

    __tablename__ = "exemplar_evaluation_scores"
    __table_args__ = (UniqueConstraint("evaluation_id", "criteria_item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("exemplar_evaluations.id"), index=True)
    criteria_item_id: Mapped[int] = mapped_column(ForeignKey("criteria_items.id"), index=True)
    score: Mapped[int]

    evaluation: Mapped[ExemplarEvaluation] = relationship(back_populates="scores")
    criteria_item = relationship("CriteriaItem")
