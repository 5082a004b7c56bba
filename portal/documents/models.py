"""Who signs the organization's documents, for each kind of document (set by the
Office on the document settings page)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models_base import TimestampMixin


class DocumentSigner(TimestampMixin, db.Model):
    __tablename__ = "document_signers"
    __table_args__ = (UniqueConstraint("organization_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # portal.documents.signers.SignerKind
    authority: Mapped[str] = mapped_column(String(64), default="")  # "KT. GIÁM ĐỐC"
    position: Mapped[str] = mapped_column(String(255), default="")  # "PHÓ GIÁM ĐỐC"
    name: Mapped[str] = mapped_column(String(255), default="")
