"""Award decisions (quyết định khen thưởng) and their recipients.

A decision awards one title or commendation form to a list of collectives and
individuals of the organization's units. It is a draft until the Office marks it
issued; an issued decision is locked and corrected only by a dated amendment. The
award history of a person or a collective is the list of their recipient rows on
issued decisions.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.consideration.models import AwardTitle
from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin
from portal.movements.models import Movement
from portal.msgids import N_
from portal.tenancy import UnitOwnedMixin


class AwardLevel(LabelledEnum):
    """Who issued the decision, as a level (cấp khen thưởng)."""

    DEPARTMENT = "department", N_("Cấp Sở")
    PROVINCE = "province", N_("Cấp tỉnh")
    MINISTRY = "ministry", N_("Cấp Bộ, ngành trung ương")
    GOVERNMENT = "government", N_("Cấp Nhà nước")
    OTHER = "other", N_("Khác")


class DecisionStatus(LabelledEnum):
    DRAFT = "draft", N_("Dự thảo"), "secondary"
    ISSUED = "issued", N_("Đã ban hành"), "success"


class DecisionSource(LabelledEnum):
    """How the decision came into the portal."""

    ROUND = "round", N_("Dự thảo từ kết quả xét của Hội đồng")
    RECORDED = "recorded", N_("Nhập tay quyết định đã ban hành")
    IMPORTED = "imported", N_("Nhập từ tệp Excel")


class AwardDecision(TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "award_decisions"
    __table_args__ = (
        Index("ix_award_decisions_org_year_number", "organization_id", "year", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    # Empty while a draft has no number yet ("Số: .../QĐ-...").
    number: Mapped[str] = mapped_column(String(64), default="")
    decided_on: Mapped[date | None] = mapped_column(Date)
    issuing_body: Mapped[str] = mapped_column(String(255))  # e.g. "Chủ tịch UBND tỉnh Quảng Bình"
    level: Mapped[AwardLevel] = mapped_column(enum_column(AwardLevel))
    signer_name: Mapped[str] = mapped_column(String(255), default="")
    signer_position: Mapped[str] = mapped_column(String(255), default="")
    # The title or form from the catalogue; `form_name` keeps its name as decided
    # (and names a form the catalogue does not have, for a decision made elsewhere).
    award_title_id: Mapped[int | None] = mapped_column(ForeignKey("award_titles.id"), index=True)
    form_name: Mapped[str] = mapped_column(String(500))
    year: Mapped[int] = mapped_column(index=True)  # the year the achievements belong to
    summary: Mapped[str] = mapped_column(Text, default="")  # trích yếu / căn cứ
    status: Mapped[DecisionStatus] = mapped_column(
        enum_column(DecisionStatus), default=DecisionStatus.DRAFT, index=True
    )
    source: Mapped[DecisionSource] = mapped_column(enum_column(DecisionSource))
    round_id: Mapped[int | None] = mapped_column(ForeignKey("consideration_rounds.id"), index=True)
    # The emulation movement the awards were made under, when there is one.
    movement_id: Mapped[int | None] = mapped_column(ForeignKey("movements.id"), index=True)
    # The signed decision's scan, stored under the instance's upload folder.
    scan_path: Mapped[str] = mapped_column(String(500), default="")
    scan_name: Mapped[str] = mapped_column(String(255), default="")
    issued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    award_title: Mapped[AwardTitle | None] = relationship()
    movement: Mapped[Movement | None] = relationship()
    recipients: Mapped[list[AwardRecipient]] = relationship(
        back_populates="decision",
        cascade="all, delete-orphan",
        order_by="[AwardRecipient.kind, AwardRecipient.position_in_list, AwardRecipient.id]",
    )
    amendments: Mapped[list[AwardAmendment]] = relationship(
        back_populates="decision",
        cascade="all, delete-orphan",
        order_by="[AwardAmendment.amended_on, AwardAmendment.id]",
    )

    @property
    def is_issued(self) -> bool:
        return self.status == DecisionStatus.ISSUED

    def __str__(self) -> str:
        return self.number or self.form_name


class AwardRecipient(UnitOwnedMixin, db.Model):
    """A collective or an individual on a decision, with the reward's amount."""

    __tablename__ = "award_recipients"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("award_decisions.id"), index=True)
    kind: Mapped[ExemplarKind] = mapped_column(enum_column(ExemplarKind))
    # A collective: the unit itself (no exemplar) or a collective exemplar of the unit.
    # An individual: the person's account when they have one, or an individual exemplar.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    exemplar_id: Mapped[int | None] = mapped_column(ForeignKey("exemplars.id"), index=True)
    nomination_id: Mapped[int | None] = mapped_column(ForeignKey("nominations.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    # `name` folded: lower case, no Vietnamese diacritics ("nguyen van a"), for search.
    name_key: Mapped[str] = mapped_column(String(255), index=True)
    position: Mapped[str] = mapped_column(String(255), default="")  # chức vụ
    amount_vnd: Mapped[int | None] = mapped_column(BigInteger)
    position_in_list: Mapped[int] = mapped_column(default=0)

    decision: Mapped[AwardDecision] = relationship(back_populates="recipients")
    unit = relationship("Unit")
    user = relationship("User")
    exemplar = relationship("Exemplar")

    def __str__(self) -> str:
        return self.name


class AwardAmendment(TimestampMixin, db.Model):
    """A dated correction of an issued decision: what changed, why, by whom."""

    __tablename__ = "award_amendments"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("award_decisions.id"), index=True)
    amended_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    changes: Mapped[str] = mapped_column(Text, default="")  # the changes, in words
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    decision: Mapped[AwardDecision] = relationship(back_populates="amendments")
