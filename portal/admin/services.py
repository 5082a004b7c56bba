"""The Office's rules for people: accounts, their roles, and the user list."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, or_, select

from portal.accounts.models import Role, RoleMembership, User
from portal.accounts.services import normalise_email, revoke_sessions, send_account_setup
from portal.extensions import db
from portal.organizations.models import Unit
from portal.rules import RuleError

EMAIL_TAKEN = _l("Email này đã được dùng cho một tài khoản khác.")
UNIT_REQUIRED = _l("Vai trò này gắn với một đơn vị: vui lòng chọn đơn vị.")
NO_UNIT_FOR_ORG_ROLE = _l("Vai trò này áp dụng cho toàn Sở, không gắn với đơn vị.")
UNKNOWN_UNIT = _l("Đơn vị không thuộc Sở.")
INACTIVE_UNIT = _l("Đơn vị đã ngừng hoạt động.")
ROLE_HELD = _l("Người dùng đã có vai trò này.")
NOT_YOURSELF = _l("Bạn không thể tự khóa tài khoản của chính mình.")
KEEP_OWN_ADMIN = _l("Bạn không thể tự bỏ vai trò Văn phòng Sở của chính mình.")


def email_taken(email: str, exclude_id: int | None = None) -> bool:
    """Emails are unique across the whole portal, whatever the organization."""
    query = select(User.id).where(func.lower(User.email) == normalise_email(email))
    if exclude_id is not None:
        query = query.where(User.id != exclude_id)
    return db.session.scalar(query.limit(1)) is not None


def check_role(organization_id: int, role: Role, unit_id: int | None) -> None:
    """Unit roles need an active unit of the same organization; organization roles have none."""
    if not role.is_unit_role:
        if unit_id:
            raise RuleError(NO_UNIT_FOR_ORG_ROLE, "unit_id")
        return
    if not unit_id:
        raise RuleError(UNIT_REQUIRED, "unit_id")
    unit = db.session.get(Unit, unit_id)
    if unit is None or unit.organization_id != organization_id:
        raise RuleError(UNKNOWN_UNIT, "unit_id")
    if not unit.is_active:
        raise RuleError(INACTIVE_UNIT, "unit_id")


def create_user(
    organization_id: int,
    full_name: str,
    email: str,
    position: str = "",
    phone: str = "",
    role: Role | None = None,
    unit_id: int | None = None,
) -> User:
    """A new account with no password yet (it is chosen through the emailed link)."""
    email = normalise_email(email)
    if email_taken(email):
        raise RuleError(EMAIL_TAKEN, "email")
    if role is not None:
        check_role(organization_id, role, unit_id)
    user = User(
        organization_id=organization_id,
        full_name=" ".join(full_name.split()),
        email=email,
        position=(position or "").strip(),
        phone=(phone or "").strip(),
        active=True,
        password_hash="",
    )
    if role is not None:
        user.memberships.append(RoleMembership(role=role, unit_id=unit_id or None))
    db.session.add(user)
    db.session.flush()
    return user


def invite_user(organization_id: int, full_name: str, email: str, **details: object) -> User:
    """A new account (see `create_user`) and its email with the link to a first password."""
    user = create_user(organization_id, full_name, email, **details)
    send_account_setup(user)
    return user


def update_user(user: User, full_name: str, email: str, position: str, phone: str) -> None:
    email = normalise_email(email)
    if email != user.email and email_taken(email, exclude_id=user.id):
        raise RuleError(EMAIL_TAKEN, "email")
    user.full_name = " ".join(full_name.split())
    user.email = email
    user.position = (position or "").strip()
    user.phone = (phone or "").strip()


def set_user_active(user: User, active: bool, acting: User) -> None:
    if not active and user.id == acting.id:
        raise RuleError(NOT_YOURSELF)
    user.active = active
    # Whoever is signed in as the user is signed out (and stays so after a reactivation).
    revoke_sessions(user, acting, "deactivated" if not active else "reactivated")


def add_role(
    user: User, role: Role, unit_id: int | None, acting: User | None = None
) -> RoleMembership:
    unit_id = unit_id or None
    check_role(user.organization_id, role, unit_id)
    if any(m.role == role and m.unit_id == unit_id for m in user.memberships):
        raise RuleError(ROLE_HELD, "unit_id")
    membership = RoleMembership(role=role, unit_id=unit_id)
    user.memberships.append(membership)
    db.session.flush()
    # What a signed-in session may do was decided with the old roles: it ends.
    revoke_sessions(user, acting, "role_change")
    return membership


def remove_role(user: User, membership: RoleMembership, acting: User) -> None:
    if user.id == acting.id and membership.role == Role.OFFICE_ADMIN:
        raise RuleError(KEEP_OWN_ADMIN)
    user.memberships.remove(membership)
    # Deleted explicitly, not only orphaned: the audit log sees explicit deletes.
    db.session.delete(membership)
    db.session.flush()
    revoke_sessions(user, acting, "role_change")


def user_list_query(
    organization_id: int,
    search: str = "",
    unit_id: int | None = None,
    role: Role | None = None,
    active: bool | None = None,
) -> Select:
    """Users of the organization matching the filters, ordered by name."""
    query = select(User).where(User.organization_id == organization_id)
    if search:
        pattern = f"%{search.strip().lower()}%"
        query = query.where(
            or_(func.lower(User.full_name).like(pattern), func.lower(User.email).like(pattern))
        )
    if unit_id or role:
        holders = select(RoleMembership.user_id)
        if unit_id:
            holders = holders.where(RoleMembership.unit_id == unit_id)
        if role:
            holders = holders.where(RoleMembership.role == role)
        query = query.where(User.id.in_(holders))
    if active is not None:
        query = query.where(User.active.is_(active))
    return query.order_by(User.full_name, User.id)
