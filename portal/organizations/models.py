"""Organization and Unit: who owns what in the portal."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint, false, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin, utcnow
from portal.msgids import N_
from portal.organizations.slugs import unique_slug


class UnitKind(LabelledEnum):
    DIVISION = "division", N_("Phòng chuyên môn")
    AFFILIATED = "affiliated", N_("Đơn vị trực thuộc")
    MASS_ORGANISATION = "mass_organisation", N_("Tổ chức đảng, đoàn thể")


def _slug_from_name(context) -> str:
    """An organization inserted without a slug gets one from its name, unused so far."""
    table = Organization.__table__

    def taken(slug: str) -> bool:
        found = context.connection.execute(select(table.c.id).where(table.c.slug == slug))
        return found.first() is not None

    return unique_slug(context.get_current_parameters().get("name", ""), taken)


class Organization(TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    # The public column's address: /<slug>/chuyen-muc-dien-hinh/ (portal.organizations.slugs).
    slug: Mapped[str] = mapped_column(String(64), unique=True, default=_slug_from_name)
    short_name: Mapped[str] = mapped_column(String(64), default="")
    # Used in document headers and the place line ("Quảng Bình, ngày ...").
    province: Mapped[str] = mapped_column(String(128), default="")
    parent_body: Mapped[str] = mapped_column(String(255), default="")
    document_code: Mapped[str] = mapped_column(String(32), default="")
    # A department created by the platform administrator (or `flask create-admin`) is
    # guided through its first setup on the Office's dashboard until the Office hides it.
    guide_setup: Mapped[bool] = mapped_column(default=False, server_default=false())

    units: Mapped[list[Unit]] = relationship(back_populates="organization")

    def __str__(self) -> str:
        return self.name


class Unit(TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[UnitKind] = mapped_column(enum_column(UnitKind))
    is_active: Mapped[bool] = mapped_column(default=True)
    # Who signs the unit's documents, and its abbreviation in their numbers ("TTr-PMT")
    # (portal.documents.signers).
    document_code: Mapped[str] = mapped_column(String(32), default="", server_default="")
    head_name: Mapped[str] = mapped_column(String(255), default="", server_default="")
    head_position: Mapped[str] = mapped_column(String(255), default="", server_default="")
    deputy_name: Mapped[str] = mapped_column(String(255), default="", server_default="")
    deputy_position: Mapped[str] = mapped_column(String(255), default="", server_default="")
    # The deputy signs on the head's behalf ("KT. TRƯỞNG PHÒNG" / "PHÓ TRƯỞNG PHÒNG").
    deputy_signs: Mapped[bool] = mapped_column(default=False, server_default=false())

    organization: Mapped[Organization] = relationship(back_populates="units")
    name_history: Mapped[list[UnitNameHistory]] = relationship(
        back_populates="unit", order_by="UnitNameHistory.changed_at"
    )

    def __str__(self) -> str:
        return self.name


class UnitNameHistory(db.Model):
    """A unit's former names, so old reports still read correctly."""

    __tablename__ = "unit_name_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    old_name: Mapped[str] = mapped_column(String(255))
    new_name: Mapped[str] = mapped_column(String(255))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    unit: Mapped[Unit] = relationship(back_populates="name_history")
