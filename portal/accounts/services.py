"""Signing in, password reset and change: the rules behind the account pages."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from portal.accounts.models import User
from portal.extensions import db
from portal.models_base import utcnow
from portal.rules import RuleError
from portal.urls import external_url

MIN_PASSWORD_LENGTH = 8
RESET_SALT = "portal.password-reset"
# Purposes of a password link: a forgotten password, or a new account's first one.
RESET = "reset"
SETUP = "setup"
# A new account's link waits longer than a reset link: people read mail late.
DEFAULT_SETUP_MAX_AGE = 7 * 24 * 3600

_dummy_hash: str | None = None

# Mail is infrastructure, a layer above accounts: accounts does not import it. The
# factory hands over `portal.mail.services.queue_email` at start-up (plug_mail).
_queue_email: Callable[..., object] | None = None


def plug_mail(queue_email: Callable[..., object]) -> None:
    """How the account messages (reset and setup links) are queued; set by the factory."""
    global _queue_email
    _queue_email = queue_email


def normalise_email(email: str | None) -> str:
    return (email or "").strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The active user with that email and password, else None (whatever the reason)."""
    user = find_user_by_email(email)
    if user is None:
        # Spend the same time as a real check, so timing does not reveal the email.
        check_password_hash(_timing_hash(), password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user


def record_login(user: User) -> None:
    user.last_login_at = utcnow()


def change_password(user: User, new_password: str) -> None:
    """Set a new password; earlier reset links stop working (they are bound to the hash)."""
    user.set_password(new_password)


def change_own_password(user: User, current_password: str, new_password: str) -> None:
    """The signed-in person's own change, which needs their current password."""
    if not user.check_password(current_password):
        raise RuleError(_l("Mật khẩu hiện tại không đúng."), "current_password")
    change_password(user, new_password)


def _timing_hash() -> str:
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = generate_password_hash("not-a-real-password", method="scrypt")
    return _dummy_hash


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def _hash_fingerprint(user: User) -> str:
    # A digest, not the hash itself: the token's payload is signed, not encrypted.
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:24]


def password_token(user: User, purpose: str = RESET) -> str:
    """A signed token for `user`, valid until it expires or the password changes."""
    return _serializer().dumps({"uid": user.id, "h": _hash_fingerprint(user), "p": purpose})


def max_age(purpose: str) -> int:
    if purpose == SETUP:
        return int(current_app.config.get("ACCOUNT_SETUP_MAX_AGE", DEFAULT_SETUP_MAX_AGE))
    return int(current_app.config["PASSWORD_RESET_MAX_AGE"])


def user_from_token(token: str) -> User | None:
    """The user a valid, unexpired, unused token names; None otherwise."""
    serializer = _serializer()
    try:
        data, signed_at = serializer.loads(token, return_timestamp=True)
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict):
        return None
    purpose = data.get("p", RESET)
    age = (utcnow() - signed_at).total_seconds()
    if age > max_age(purpose) or age < -60:
        return None
    user = db.session.get(User, data.get("uid"))
    if user is None or not user.active or data.get("h") != _hash_fingerprint(user):
        return None
    return user


def password_link(user: User, purpose: str = RESET) -> str:
    """The absolute link to the set-a-password page, on the portal's public address."""
    return external_url("accounts.reset_password", token=password_token(user, purpose))


def send_password_reset(email: str) -> None:
    """Email a reset link if an active account has that address; say nothing either way."""
    user = find_user_by_email(email)
    if user is None or not user.active:
        return
    _queue_email(
        user.email,
        _l("Đặt lại mật khẩu Cổng điển hình tiên tiến"),  # in the recipient's language
        "password_reset",
        user_id=user.id,
        organization_id=user.organization_id,
        category="password_reset",
        recipient_name=user.full_name,
        link=password_link(user, RESET),
        hours=max(1, max_age(RESET) // 3600),
    )


def send_account_setup(user: User, send: bool = True):
    """Email a new account its link to choose a first password; returns the MailMessage.

    With `send=False` the message is only stored: the caller sends a batch.
    """
    return _queue_email(
        user.email,
        _l("Tài khoản của bạn trên Cổng điển hình tiên tiến"),
        "account_setup",
        user_id=user.id,
        organization_id=user.organization_id,
        category="account_setup",
        send=send,
        recipient_name=user.full_name,
        organization_name=user.organization.name if user.organization else "",
        email=user.email,
        link=password_link(user, SETUP),
        days=max(1, max_age(SETUP) // 86400),
    )
