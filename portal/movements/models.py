"""Movement: an emulation movement of the organization or of one unit, its taking-part
units and the reward forms it leads to."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin
from portal.msgids import N_


class ReviewKind(LabelledEnum):
    PRELIMINARY = "preliminary", N_("Sơ kết")
    FINAL = "final", N_("Tổng kết")


class Movement(TimestampMixin, VersionedMixin, db.Model):
    """`unit_id` None: launched by the Office for the whole organization (everyone of
    the organization reads it); otherwise a unit's own movement, read by that unit and
    the Office only."""

    __tablename__ = "movements"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    name: Mapped[str] = mapped_column(String(500))
    purpose: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date] = mapped_column(Date)
    criteria_set_id: Mapped[int | None] = mapped_column(ForeignKey("criteria_sets.id"))
    # The review that closes it (sơ kết / tổng kết); None while it runs.
    review_kind: Mapped[ReviewKind | None] = mapped_column(enum_column(ReviewKind))
    review_date: Mapped[date | None] = mapped_column(Date)
    review_summary: Mapped[str] = mapped_column(Text, default="")
    # The review's document, checked like evidence and stored under the organization.
    document_name: Mapped[str] = mapped_column(String(255), default="")
    document_stored_name: Mapped[str] = mapped_column(String(64), default="")
    document_kind: Mapped[str] = mapped_column(String(16), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    unit = relationship("Unit")
    criteria_set = relationship("CriteriaSet")
    participant_links: Mapped[list[MovementUnit]] = relationship(
        back_populates="movement", cascade="all, delete-orphan"
    )
    title_links: Mapped[list[MovementAwardTitle]] = relationship(
        back_populates="movement", cascade="all, delete-orphan"
    )
    # Read sides of the links; change them through services.save_movement.
    participants = relationship(
        "Unit", secondary="movement_units", viewonly=True, order_by="Unit.name"
    )
    award_titles = relationship(
        "AwardTitle",
        secondary="movement_award_titles",
        viewonly=True,
        order_by="[AwardTitle.sort_order, AwardTitle.name]",
    )

    # The records linked to it; the backrefs give each record its movement (exemplars
    # and propagation sit below movements and do not name this class).
    exemplars = relationship(
        "Exemplar", viewonly=True, backref=backref("movement_record", viewonly=True)
    )
    activities = relationship(
        "PropagationActivity", viewonly=True, backref=backref("movement_record", viewonly=True)
    )

    @property
    def is_closed(self) -> bool:
        return self.review_date is not None

    def __str__(self) -> str:
        return self.name


class MovementUnit(db.Model):
    """A unit taking part in a movement."""

    __tablename__ = "movement_units"

    movement_id: Mapped[int] = mapped_column(
        ForeignKey("movements.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True, index=True)

    movement: Mapped[Movement] = relationship(back_populates="participant_links")


class MovementAwardTitle(db.Model):
    """A reward form (title or commendation) the movement leads to."""

    __tablename__ = "movement_award_titles"

    movement_id: Mapped[int] = mapped_column(
        ForeignKey("movements.id", ondelete="CASCADE"), primary_key=True
    )
    award_title_id: Mapped[int] = mapped_column(ForeignKey("award_titles.id"), primary_key=True)

    movement: Mapped[Movement] = relationship(back_populates="title_links")
