"""Signed-in sessions that can be ended: who a cookie names, a sign-in, a sign-out.

A session (and a remember cookie) carries "<user id>:<session secret>:<stamp>". The
secret is the user's (`User.session_token`): replacing it ends every session and
remember cookie of the user at once. The stamp is when this sign-in happened plus a
random part: each sign-in's remember cookie differs, and none outlives
REMEMBER_COOKIE_DURATION (checked here, whatever the browser keeps). A session idle
for longer than PERMANENT_SESSION_LIFETIME is refused by Flask itself (the session
cookie is signed with the time of the last request).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable

from flask import current_app, session
from flask_login import login_user, logout_user
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.extensions import db

# What a new sign-in keeps from the session before it (everything else is dropped, so
# that nothing set before the sign-in, a CSRF token included, survives it).
KEPT_ACROSS_SIGN_IN = ("lang",)

# What the capabilities above read of the signed-in user on every page, loaded in the
# same statement (the bell's count); filled at start-up by portal/registry.py.
_LOAD_OPTIONS: list[Callable[[], object]] = []


def plug_load_option(option: Callable[[], object]) -> None:
    if option not in _LOAD_OPTIONS:
        _LOAD_OPTIONS.append(option)


def new_stamp() -> str:
    return f"{int(time.time())}.{secrets.token_hex(6)}"


def load(user_id: str) -> User | None:
    """The user a session or remember cookie names, if it is still good."""
    parts = (user_id or "").split(":")
    if len(parts) not in (2, 3) or not parts[0].isdigit():
        return None  # an old "<id>" cookie, or garbage
    if len(parts) == 3 and _expired(parts[2]):
        return None
    # One statement: the user, their roles, their organization and what was plugged in
    # (every page reads them: the menu, the tenancy helpers, the bell), not four.
    user = db.session.get(
        User,
        int(parts[0]),
        options=[
            joinedload(User.memberships),
            joinedload(User.organization),
            *(option() for option in _LOAD_OPTIONS),
        ],
    )
    if user is None or not user.active or not user.session_token_matches(parts[1]):
        return None
    return user


def _expired(stamp: str) -> bool:
    issued = stamp.split(".", 1)[0]
    if not issued.isdigit():
        return True
    lifetime = current_app.config["REMEMBER_COOKIE_DURATION"].total_seconds()
    return time.time() - int(issued) > lifetime


def start(user: User, remember: bool) -> None:
    """Sign `user` in on a fresh session (a new session id, in Flask's terms)."""
    kept = {key: session[key] for key in KEPT_ACROSS_SIGN_IN if key in session}
    session.clear()
    session.update(kept)
    if not user.session_token:  # an account from before revocable sessions
        user.revoke_sessions()
        db.session.commit()
    user.login_stamp = new_stamp()
    login_user(user, remember=remember, duration=current_app.config["REMEMBER_COOKIE_DURATION"])
    # Refreshed at every request: the idle timeout counts from the last one.
    session.permanent = True


def end() -> None:
    """Sign out of this browser (the caller has already replaced the secret)."""
    kept = {key: session[key] for key in KEPT_ACROSS_SIGN_IN if key in session}
    session.clear()
    logout_user()  # after the clear: it leaves the order to delete the remember cookie
    session.update(kept)


def keep_alive(*_args: object, **_kwargs: object) -> None:
    """A session restored from a remember cookie also times out when idle."""
    session.permanent = True
