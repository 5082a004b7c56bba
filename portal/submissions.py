"""Nothing created twice: every create form carries a one-time token, claimed when
the form is posted, so that a second submit of the same form (Back then submit
again, a double click, a network retry) shows the record made by the first.

`OnceForm` adds the hidden token (rendered by `form.hidden_tag()`); `@once` on the
create route claims it before the view runs. The claim is a row of
`submission_tokens`: its unique token makes the claim atomic across processes.
A view that creates answers with a redirect, whose address is kept with the token;
a view that refuses (validation errors, a rule's refusal, an error) gives the token
back, so that the corrected form can still be sent."""

from __future__ import annotations

import functools
import logging
import re
import secrets
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from flask import abort, current_app, flash, make_response, redirect, render_template, request
from flask import session as http_session
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import DateTime, ForeignKey, String, delete, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column
from wtforms import HiddenField

from portal.extensions import db
from portal.forms_base import PortalForm
from portal.models_base import utcnow

logger = logging.getLogger(__name__)

TOKEN_FIELD = "submission_token"
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
# A token is kept this long: longer than anyone keeps a form open before sending it.
KEEP_FOR = timedelta(days=2)
ALREADY_CREATED = _l(
    "Đã tạo trước đó: biểu mẫu này đã được gửi một lần nên không có gì được tạo thêm. "
    "Đây là kết quả của lần gửi đầu tiên."
)


class SubmissionToken(db.Model):
    """A create form's one-time token, claimed by its first submit."""

    __tablename__ = "submission_tokens"
    __audited__ = False  # bookkeeping of requests, not a change anyone made

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    endpoint: Mapped[str] = mapped_column(String(128))
    # Where the first submit sent the person (the record it created); None while it runs.
    created_url: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )


def new_token() -> str:
    return secrets.token_urlsafe(24)


class SubmissionTokenField(HiddenField):
    """The hidden one-time token. Each rendering gives a fresh one (a page may show
    the same form several times, one per unit and year), except when the form comes
    back with errors: it keeps the token it was posted with, which is still unused."""

    def process(self, formdata, data=None, extra_filters=None) -> None:
        super().process(formdata, data, extra_filters)
        self.posted = bool(self.data)

    def _value(self) -> str:
        return self.data if self.posted else new_token()


class OnceForm(PortalForm):
    """A form that creates a record: sent twice, it creates it once (see `once`)."""

    submission_token = SubmissionTokenField()


def once(view: Callable[..., Any]) -> Callable[..., Any]:
    """Run a create view at most once per submission token of its form.

    A POST whose token was already used is answered with the page the first submit
    led to and a notice; while the first submit is still running, its result is
    awaited for a few seconds. A POST without a token (a client that did not load
    the form) runs the view as before."""

    @functools.wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        token = (request.form.get(TOKEN_FIELD) or "").strip()
        if request.method != "POST" or not _TOKEN_SHAPE.match(token):
            return view(*args, **kwargs)
        earlier = _claim(token)
        if earlier is not None:
            return _answer_repeat(earlier, view, args, kwargs)
        return _run_claimed(token, view, args, kwargs)

    guarded.submitted_once = True  # type: ignore[attr-defined]
    return guarded


def _run_claimed(token: str, view: Callable[..., Any], args: tuple, kwargs: dict) -> Any:
    refusals_before = _refusals_flashed()
    try:
        response = make_response(view(*args, **kwargs))
    except BaseException:
        _release(token)
        raise
    if response.status_code in (301, 302, 303) and _refusals_flashed() == refusals_before:
        _complete(token, response.headers.get("Location", "/"))
    else:
        _release(token)
    return response


def _refusals_flashed() -> int:
    """How many refusals wait to be shown: a view that redirects after flashing one
    created nothing, and its token stays usable."""
    return sum(1 for category, _m in http_session.get("_flashes", []) if category == "danger")


def _claim(token: str) -> SubmissionToken | None:
    """Claim the token for this submit (committed at once, so that every other
    process sees it); when it was claimed before, that earlier claim."""
    user_id = current_user.id if current_user.is_authenticated else None
    db.session.add(SubmissionToken(token=token, user_id=user_id, endpoint=request.endpoint or ""))
    try:
        db.session.commit()
        return None
    except IntegrityError:
        db.session.rollback()
        return _find(token)


def _find(token: str) -> SubmissionToken | None:
    return db.session.scalar(select(SubmissionToken).where(SubmissionToken.token == token))


def _complete(token: str, url: str) -> None:
    db.session.rollback()  # the view committed its work; nothing else goes with this
    claim = _find(token)
    if claim is not None:
        claim.created_url = url[:1000]
        db.session.commit()


def _release(token: str) -> None:
    """Give the token back. When the database itself failed, the error that matters is
    the view's: the claim then stays, and a resubmit of the form waits, then says so."""
    try:
        db.session.rollback()
        db.session.execute(delete(SubmissionToken).where(SubmissionToken.token == token))
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        logger.warning("Could not release submission token of %s", request.endpoint)


def _answer_repeat(
    earlier: SubmissionToken | None, view: Callable[..., Any], args: tuple, kwargs: dict
) -> Any:
    """A second submit: wait for the first to finish, then show where it led."""
    token = request.form[TOKEN_FIELD]
    deadline = time.monotonic() + current_app.config.get("SUBMISSION_WAIT_SECONDS", 8)
    while True:
        if earlier is None:  # the first submit gave the token back: this one runs
            earlier = _claim(token)
            if earlier is None:
                return _run_claimed(token, view, args, kwargs)
            continue
        user_id = current_user.id if current_user.is_authenticated else None
        if earlier.user_id != user_id:
            abort(409)
        if earlier.created_url:
            flash(str(ALREADY_CREATED), "info")
            return redirect(earlier.created_url, 303)
        if time.monotonic() >= deadline:
            return render_template("errors/submission_pending.html"), 409
        time.sleep(0.2)
        db.session.rollback()  # see what the first submit committed meanwhile
        earlier = _find(token)


def forget_old_tokens() -> int:
    """The daily clean-up: tokens older than `KEEP_FOR` can no longer come back."""
    result = db.session.execute(
        delete(SubmissionToken).where(SubmissionToken.created_at < utcnow() - KEEP_FOR)
    )
    db.session.commit()
    return result.rowcount or 0
