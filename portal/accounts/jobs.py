"""Account jobs, run by the worker: the email of a "Quên mật khẩu" request."""

from __future__ import annotations

from portal.accounts import services
from portal.extensions import db


def send_password_reset(email: str) -> None:
    """Look the address up and queue its reset email, if it has an active account.
    Enqueued by `services.request_password_reset` for every address alike."""
    services.send_password_reset(email)
    db.session.commit()
