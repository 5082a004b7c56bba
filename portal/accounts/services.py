"""Signing in, password reset and change: the rules behind the account pages."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from flask import current_app, has_request_context, request
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, insert, select
from werkzeug.security import check_password_hash, generate_password_hash

from portal.accounts import passwords
from portal.accounts.models import PASSWORD_METHOD, User
from portal.extensions import db
from portal.models_base import utcnow
from portal.rules import RuleError
from portal.urls import external_url

MIN_PASSWORD_LENGTH = passwords.MIN_PASSWORD_LENGTH
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
# And how a job is enqueued now, False when Redis is unreachable (`portal.jobs.queues`).
_try_enqueue: Callable[..., bool] | None = None


def plug_mail(queue_email: Callable[..., object], try_enqueue: Callable[..., bool]) -> None:
    """How the account messages (reset and setup links) are queued; set by the factory."""
    global _queue_email, _try_enqueue
    _queue_email = queue_email
    _try_enqueue = try_enqueue


# Account events in the audit log (its `action`), beside the create/update/delete of rows.
LOGIN = "login"
LOGIN_FAILED = "login_failed"
ACCOUNT_LOCKED = "account_locked"
LOGOUT = "logout"
PASSWORD_CHANGE = "password_change"
PASSWORD_RESET = "password_reset"
SESSIONS_REVOKED = "sessions_revoked"


def client_details() -> dict[str, str]:
    """The client's address (as the trusted proxy gives it) and browser, for the log."""
    if not has_request_context():
        return {}
    return {
        "address": request.remote_addr or "",
        "user_agent": (request.user_agent.string or "")[:255],
    }


def record_event(action: str, user: User | None, actor: User | None = None, **details: str) -> None:
    """One audit entry about an account: never a password, hash or session secret.
    `user` None: a failed sign-in with an email that has no account (not written down:
    it may be a password typed in the wrong field); no organization reads it then."""
    values = {**client_details(), **details}
    # The table, not the model: importing portal.audit here would make a cycle
    # (audit reads organizations, which reads accounts).
    db.session.execute(
        insert(db.metadata.tables["audit_log"]).values(
            at=utcnow(),
            organization_id=user.organization_id if user else None,
            actor_id=actor.id if actor else None,
            action=action,
            object_type="User",
            object_id=str(user.id) if user else "",
            unit_id=None,
            # [before, after], as the log shows the changes of a row.
            changes={key: [None, value] for key, value in values.items() if value},
        )
    )


def normalise_email(email: str | None) -> str:
    return (email or "").strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The active user with that email and password, else None (whatever the reason)."""
    user = find_user_by_email(email)
    if user is None or not user.password_hash:
        # Spend the same time as a real check, so timing does not reveal the email.
        check_password_hash(_timing_hash(), password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user


def record_login(user: User, password: str) -> None:
    """A successful sign-in: when, from where; a hash of an older kind is replaced."""
    user.last_login_at = utcnow()
    if user.password_needs_rehash:
        user.set_password(password)
    if not user.session_token:
        user.revoke_sessions()
    record_event(LOGIN, user, actor=user)


def record_login_failure(email: str, reason: str = "password", locked: bool = False) -> None:
    """A refused sign-in; `locked`: it has just locked the account (its owner is told)."""
    user = find_user_by_email(email)
    record_event(LOGIN_FAILED, user, reason=reason)
    if locked and user is not None:
        record_event(ACCOUNT_LOCKED, user)
        if user.active:
            _queue_email(
                user.email,
                _l("Tài khoản của bạn trên Cổng điển hình tiên tiến tạm thời bị khóa"),
                "account_locked",
                user_id=user.id,
                organization_id=user.organization_id,
                category="account_locked",
                recipient_name=user.full_name,
                address=client_details().get("address", ""),
                link=external_url("accounts.forgot_password"),
            )


def sign_out(user: User) -> None:
    """Sign-out: the user's session secret changes, so no copy of a cookie of theirs
    (this browser's or another's) works any more."""
    user.revoke_sessions()
    record_event(LOGOUT, user, actor=user)


def revoke_sessions(user: User, actor: User | None, reason: str) -> None:
    """End every session and remember cookie of `user` (the account page's "all
    devices", or a change of roles or of the active flag by the Office)."""
    user.revoke_sessions()
    record_event(SESSIONS_REVOKED, user, actor=actor, reason=reason)


def change_password(user: User, new_password: str, actor: User | None = None) -> None:
    """Set a new password by a reset link (`actor` None) or by its owner; earlier reset
    links (bound to the hash) and every session of the user stop working."""
    passwords.check(user, new_password)
    user.set_password(new_password)
    user.revoke_sessions()
    record_event(PASSWORD_CHANGE if actor else PASSWORD_RESET, user, actor=actor)


def change_own_password(user: User, current_password: str, new_password: str) -> None:
    """The signed-in person's own change, which needs their current password."""
    if not user.check_password(current_password):
        raise RuleError(_l("Mật khẩu hiện tại không đúng."), "current_password")
    change_password(user, new_password, actor=user)


def _timing_hash() -> str:
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = generate_password_hash("not-a-real-password", method=PASSWORD_METHOD)
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


def request_password_reset(email: str) -> None:
    """The "Quên mật khẩu" form: the lookup and the email happen in a job, enqueued the
    same way whether or not the address has an account, so that the answer takes the
    same time either way (bench/reset_timing.py measures it).

    With Redis unreachable no job can carry the request, and nothing stored would let
    the recovery sweep find it: the lookup is done here instead, and an account's email
    is stored queued, which the sweep sends within minutes of Redis's return (issue 15:
    nothing the user did is lost). Both kinds of address are told alike that the work
    starts shortly; only during an outage does the time differ."""
    email = normalise_email(email)
    if not _try_enqueue("portal.accounts.jobs.send_password_reset", email, queue="mail"):
        send_password_reset(email)


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
