"""Attachment: a file attached to a unit-owned record (exemplar, evaluation, ...)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models_base import TimestampMixin
from portal.tenancy import UnitOwnedMixin


class Attachment(UnitOwnedMixin, TimestampMixin, db.Model):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What it is attached to, e.g. ("exemplar", 12) or ("inspection_finding", 3).
    owner_type: Mapped[str] = mapped_column(String(64), index=True)
    owner_id: Mapped[int] = mapped_column(index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # pdf, docx, xlsx, doc, xls, jpeg, png
    content_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    uploaded_by = relationship("User")
    unit = relationship("Unit")
