"""Language and time zone: Vietnamese by default, English on request."""

from __future__ import annotations

from flask import Blueprint, current_app, has_request_context, redirect, request, session
from flask_babel import force_locale, gettext
from flask_login import current_user

from portal.extensions import db
from portal.urls import safe_next_url

bp = Blueprint("i18n", __name__)


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # jobs and CLI: no session, no signed-in user
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def translated(msgid: str | None) -> str:
    """A stored msgid (or any stored text) in the current language; text that is
    not in the catalogue (names, errors) comes back unchanged."""
    return gettext(msgid) if msgid else ""  # gettext("") would be the catalogue header


def locale_of(user: object | None) -> str:
    """The language a person reads: their profile's, else the portal's default."""
    code = getattr(user, "locale", None)
    if code in current_app.config["LANGUAGES"]:
        return code
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def in_language_of(user: object | None):
    """Context manager: gettext and templates speak `user`'s language inside it,
    in a request or a job alike (flask_babel sets the locale on the app context,
    ahead of select_locale)."""
    return force_locale(locale_of(user))


class LocalText:
    """A message with its values, translated each time it is turned into text, so
    that one object reads in the language of whoever it is shown or sent to.

    Unlike flask_babel's lazy strings it has no __html__: templates escape the
    values (names typed by users) like any other text.
    """

    __slots__ = ("msgid", "values")

    def __init__(self, msgid: str, **values: object) -> None:
        self.msgid = msgid
        self.values = values

    def __str__(self) -> str:
        values = {k: str(v) if isinstance(v, LocalText) else v for k, v in self.values.items()}
        return gettext(self.msgid, **values)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __add__(self, other: object) -> str:
        return str(self) + str(other)

    def __radd__(self, other: object) -> str:
        return str(other) + str(self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LocalText):
            return (self.msgid, self.values) == (other.msgid, other.values)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.msgid, tuple(sorted(self.values.items()))))

    def __repr__(self) -> str:
        return f"LocalText({self.msgid!r}, **{self.values!r})"


@bp.post("/lang/<code>")
def set_language(code: str):
    """A POST with the CSRF token (the navigation's form), signed in or not: it stores
    the choice in the session and in the person's profile, so a GET (a link, an image
    on another site) must never do it."""
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
        if current_user.is_authenticated and current_user.locale != code:
            current_user.locale = code
            db.session.commit()
    return redirect(safe_next_url(request.form.get("next")))
