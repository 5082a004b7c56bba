"""ProgrammeBudget: the amount the Office sets for the programme in a year, for the
whole organization or for one unit (plan clause IV)."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin


class ProgrammeBudget(TimestampMixin, VersionedMixin, db.Model):
    """`unit_id` None: the organization's budget of the year; one row per (year, unit)
    at most, kept so by the service (NULL never collides in a unique index)."""

    __tablename__ = "programme_budgets"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    amount_vnd: Mapped[int] = mapped_column(BigInteger)
    note: Mapped[str] = mapped_column(String(500), default="")

    unit = relationship("Unit")
