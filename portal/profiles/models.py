"""The unit's profile (section I of a collective's achievement report) and the person's
profile (the particulars of an individual's report). A person's fields are personal
data: only the person, their unit's coordinator and the Office read them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.models_base import TimestampMixin, VersionedMixin
from portal.msgids import N_


class PersonGender(LabelledEnum):
    MALE = "male", N_("Nam")
    FEMALE = "female", N_("Nữ")


class UnitProfile(TimestampMixin, VersionedMixin, db.Model):
    """One per unit, edited by its coordinator and the Office."""

    __tablename__ = "unit_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), unique=True)
    address: Mapped[str] = mapped_column(String(500), default="")
    telephone: Mapped[str] = mapped_column(String(64), default="")
    email: Mapped[str] = mapped_column(String(255), default="")
    website: Mapped[str] = mapped_column(String(255), default="")
    founded_on: Mapped[date | None] = mapped_column(Date)
    history: Mapped[str] = mapped_column(Text, default="")
    functions: Mapped[str] = mapped_column(Text, default="")
    organisation: Mapped[str] = mapped_column(Text, default="")  # cơ cấu tổ chức
    staff_total: Mapped[int | None]
    staff_female: Mapped[int | None]
    staff_party_members: Mapped[int | None]
    # Its Party organisation and mass organisations (tổ chức Đảng, đoàn thể).
    party_organisation: Mapped[str] = mapped_column(Text, default="")
    trade_union: Mapped[str] = mapped_column(Text, default="")
    youth_union: Mapped[str] = mapped_column(Text, default="")
    veterans_association: Mapped[str] = mapped_column(Text, default="")
    women_union: Mapped[str] = mapped_column(Text, default="")
    # Section II.3 of the collective's report: the Party's and mass organisations' work.
    organisations_work: Mapped[str] = mapped_column(Text, default="")

    unit = relationship("Unit")


class PersonProfile(TimestampMixin, VersionedMixin, db.Model):
    """One per person (user), edited by the person, their unit's coordinator and the
    Office; personal data, never shown to anyone else."""

    __tablename__ = "person_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    birth_date: Mapped[date | None] = mapped_column(Date)
    gender: Mapped[PersonGender | None] = mapped_column(enum_column(PersonGender))
    ethnicity: Mapped[str] = mapped_column(String(64), default="")
    home_town: Mapped[str] = mapped_column(String(500), default="")  # quê quán
    residence: Mapped[str] = mapped_column(String(500), default="")  # trú quán
    party_position: Mapped[str] = mapped_column(String(255), default="")
    government_position: Mapped[str] = mapped_column(String(255), default="")
    mass_position: Mapped[str] = mapped_column(String(255), default="")
    professional_qualification: Mapped[str] = mapped_column(String(255), default="")
    political_qualification: Mapped[str] = mapped_column(String(255), default="")
    academic_title: Mapped[str] = mapped_column(String(255), default="")  # học hàm, học vị
    # Section II.1 of the individual's report: the duties assigned or taken on.
    duties: Mapped[str] = mapped_column(Text, default="")

    user = relationship("User")
