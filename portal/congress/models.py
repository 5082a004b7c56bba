"""The unit's congress submission (plan III.5): its Conference of Advanced Exemplars
and its nominees, reviewed through `portal.reviews`; the cycle's names per period."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin
from portal.msgids import N_
from portal.reviews.models import ReviewableMixin
from portal.tenancy import UnitOwnedMixin

NOMINEE_OWNER = "congress_nominee"  # evidence owner type


class Gender(LabelledEnum):
    MALE = "male", N_("Nam")
    FEMALE = "female", N_("Nữ")


class CongressCycle(TimestampMixin, VersionedMixin, db.Model):
    """Period-level settings the Office edits: the term and the congresses' names."""

    __tablename__ = "congress_cycles"
    __table_args__ = (UniqueConstraint("period_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("plan_periods.id"), index=True)
    term_label: Mapped[str] = mapped_column(String(32))  # "2020-2025"
    next_term_label: Mapped[str] = mapped_column(String(32))  # "2025-2030"
    sector_congress: Mapped[str] = mapped_column(String(255))
    provincial_congress: Mapped[str] = mapped_column(String(255))
    signer_authority: Mapped[str] = mapped_column(String(64), default="KT. GIÁM ĐỐC")
    signer_position: Mapped[str] = mapped_column(String(128), default="PHÓ GIÁM ĐỐC")
    signer_name: Mapped[str] = mapped_column(String(128), default="")
    proposal_date: Mapped[date | None] = mapped_column(Date)  # the Department's tờ trình

    period = relationship("PlanPeriod")


class CongressSubmission(UnitOwnedMixin, ReviewableMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "congress_submissions"
    __table_args__ = (UniqueConstraint("unit_id", "period_id"),)
    review_subject = "congress_submission"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("plan_periods.id"), index=True)
    conference_date: Mapped[date | None] = mapped_column(Date)
    conference_place: Mapped[str] = mapped_column(String(255), default="")
    attendance: Mapped[int | None]
    invited: Mapped[int | None]
    chaired_by: Mapped[str] = mapped_column(String(255), default="")
    secretary: Mapped[str] = mapped_column(String(255), default="")
    period_reviewed: Mapped[str] = mapped_column(String(32), default="")
    period_summary: Mapped[str] = mapped_column(Text, default="")

    unit = relationship("Unit")
    period = relationship("PlanPeriod")
    honoured: Mapped[list[CongressHonouree]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", order_by="CongressHonouree.id"
    )
    nominees: Mapped[list[CongressNominee]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", order_by="CongressNominee.id"
    )


class CongressHonouree(UnitOwnedMixin, db.Model):
    """An exemplar honoured at the unit's conference."""

    __tablename__ = "congress_honourees"
    __table_args__ = (UniqueConstraint("submission_id", "exemplar_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("congress_submissions.id"), index=True)
    exemplar_id: Mapped[int] = mapped_column(ForeignKey("exemplars.id"), index=True)

    submission: Mapped[CongressSubmission] = relationship(back_populates="honoured")
    exemplar = relationship("Exemplar")


class CongressNominee(UnitOwnedMixin, TimestampMixin, VersionedMixin, db.Model):
    """An exemplar proposed for a commendation and/or as a congress delegate."""

    __tablename__ = "congress_nominees"
    __table_args__ = (UniqueConstraint("submission_id", "exemplar_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("congress_submissions.id"), index=True)
    exemplar_id: Mapped[int] = mapped_column(ForeignKey("exemplars.id"), index=True)
    award_title_id: Mapped[int | None] = mapped_column(ForeignKey("award_titles.id"), index=True)
    sector_delegate: Mapped[bool] = mapped_column(default=False)
    provincial_delegate: Mapped[bool] = mapped_column(default=False)
    reason: Mapped[str] = mapped_column(Text, default="")
    achievements: Mapped[str] = mapped_column(Text, default="")
    # The council's consideration of the proposed title (portal.congress.council_round):
    # set when the Office puts the accepted submission before the council.
    nomination_id: Mapped[int | None] = mapped_column(
        ForeignKey("nominations.id", ondelete="SET NULL"), unique=True
    )
    # how many at the unit's conference agreed to propose it (None: no vote was held)
    conference_agree: Mapped[int | None]
    # The delegate: a person. For a collective, the representative it sends (a member
    # of the unit); for an individual, the exemplar. Kept here until people have profiles.
    delegate_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    delegate_name: Mapped[str] = mapped_column(String(255), default="")
    delegate_birth_year: Mapped[int | None]
    delegate_gender: Mapped[Gender | None] = mapped_column(enum_column(Gender))
    delegate_ethnicity: Mapped[str] = mapped_column(String(64), default="")
    delegate_position: Mapped[str] = mapped_column(String(255), default="")
    delegate_party_member: Mapped[bool] = mapped_column(default=False)
    delegate_qualifications: Mapped[str] = mapped_column(String(500), default="")

    submission: Mapped[CongressSubmission] = relationship(back_populates="nominees")
    exemplar = relationship("Exemplar")
    award_title = relationship("AwardTitle")
    nomination = relationship("Nomination")

    @property
    def is_delegate(self) -> bool:
        return bool(self.sector_delegate or self.provincial_delegate)

    @property
    def has_proposal(self) -> bool:
        return bool(self.award_title_id or self.sector_delegate or self.provincial_delegate)
