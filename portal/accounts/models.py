"""User and RoleMembership: who a person is and what they may do where."""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.models_base import FormVersionedMixin, TimestampMixin
from portal.msgids import N_

# werkzeug's scrypt (N=2^15, r=8, p=1: 32 MiB, about 0.1 s); a stored hash made with
# anything else (an older pbkdf2, other parameters) is replaced at the next sign-in.
PASSWORD_METHOD = "scrypt:32768:8:1"


class Role(LabelledEnum):
    OFFICE_ADMIN = "office_admin", N_("Văn phòng Sở")  # the whole organization
    COUNCIL_MEMBER = "council_member", N_("Thành viên Hội đồng TĐKT")  # assigned units only
    COORDINATOR = "coordinator", N_("Cán bộ thi đua")  # of one unit
    STAFF = "staff", N_("Cán bộ, nhân viên")  # a person of one unit; reads it
    # e.g. the Director: reads the whole organization
    VIEWER = "viewer", N_("Lãnh đạo (chỉ xem)")
    # Above the organizations (no organization of its own): the installation's
    # administrator creates departments and their first Office account, and reads
    # no department's data. Given only by `flask create-admin --platform`.
    PLATFORM_ADMIN = "platform_admin", N_("Quản trị hệ thống")

    @property
    def is_unit_role(self) -> bool:
        return self in (Role.COORDINATOR, Role.STAFF)

    @classmethod
    def in_organization(cls) -> tuple[Role, ...]:
        """The roles held inside an organization: those an Office may give."""
        return tuple(role for role in cls if role is not cls.PLATFORM_ADMIN)

    @classmethod
    def choices(cls) -> list:
        return [(role.value, role.label) for role in cls.in_organization()]


class User(UserMixin, TimestampMixin, FormVersionedMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # None only for a platform administrator, who belongs to no organization.
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    full_name: Mapped[str] = mapped_column(String(255))
    position: Mapped[str] = mapped_column(String(255), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str] = mapped_column(String(8), default="vi")
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The per-user session secret, part of every session and remember cookie of the user
    # (see `get_id`). Replacing it (`revoke_sessions`) ends all of them at once.
    session_token: Mapped[str] = mapped_column(
        String(64), default=lambda: secrets.token_urlsafe(32), server_default=""
    )

    organization = relationship("Organization")
    memberships: Mapped[list[RoleMembership]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    # The bell's count, read in the statement that loads the signed-in user when the
    # notifications plugged it in (portal/accounts/sessions.py); None when not loaded.
    unread_notifications: Mapped[int | None] = query_expression()

    # unread_notifications: a count read with the user, not a column.
    __audit_exclude__ = {"password_hash", "last_login_at", "session_token", "unread_notifications"}

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    # Set by `accounts.sessions.start` for the sign-in under way: when it happened and a
    # random part, so that each sign-in's cookies differ (not a column).
    login_stamp = ""

    def get_id(self) -> str:
        """Flask-Login's alternative id: "<id>:<session secret>[:<sign-in stamp>]", so
        every cookie of the user dies with the secret."""
        if not self.session_token:
            self.revoke_sessions()
        stamp = f":{self.login_stamp}" if self.login_stamp else ""
        return f"{self.id}:{self.session_token}{stamp}"

    def revoke_sessions(self) -> None:
        """A new session secret: every session and remember cookie of the user ends."""
        self.session_token = secrets.token_urlsafe(32)

    def session_token_matches(self, token: str) -> bool:
        return bool(self.session_token) and hmac.compare_digest(
            self.session_token.encode(), (token or "").encode()
        )

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method=PASSWORD_METHOD)

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    @property
    def password_needs_rehash(self) -> bool:
        return bool(self.password_hash) and not self.password_hash.startswith(PASSWORD_METHOD + "$")

    @property
    def roles(self) -> set[Role]:
        return {m.role for m in self.memberships}

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    def unit_ids_with(self, *roles: Role) -> set[int]:
        return {m.unit_id for m in self.memberships if m.role in roles and m.unit_id}

    @property
    def is_platform_admin(self) -> bool:
        return Role.PLATFORM_ADMIN in self.roles

    @property
    def is_office(self) -> bool:
        return Role.OFFICE_ADMIN in self.roles

    @property
    def primary_unit_id(self) -> int | None:
        """The unit a coordinator or staff member works in (their home page)."""
        ids = sorted(self.unit_ids_with(Role.COORDINATOR)) or sorted(self.unit_ids_with(Role.STAFF))
        return ids[0] if ids else None


class RoleMembership(db.Model):
    """One role of a user; unit roles name their unit, organization roles do not."""

    __tablename__ = "role_memberships"
    __table_args__ = (UniqueConstraint("user_id", "role", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)

    user: Mapped[User] = relationship(back_populates="memberships")
    unit = relationship("Unit")


class CouncilAssignment(TimestampMixin, db.Model):
    """A council member made responsible for inspecting and supervising a unit in a year.

    Like a role membership it grants access (tenancy lets the member read the unit),
    so it lives here, below the council capability that edits it."""

    __tablename__ = "council_assignments"
    __table_args__ = (UniqueConstraint("user_id", "unit_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    year: Mapped[int]

    user = relationship("User")
    unit = relationship("Unit")
