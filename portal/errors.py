"""Error pages in the portal's style (HTML) or JSON for API-like requests."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from portal.extensions import db
from portal.form_messages import translate
from portal.rules import LockedError, NotAllowedError


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json" or request.path.startswith("/api/")


def register(app: Flask) -> None:
    def render(code: int, template: str, **context):
        if _wants_json():
            return jsonify(error=code), code
        return render_template(f"errors/{template}.html", **context), code

    @app.errorhandler(403)
    def forbidden(error):
        return render(403, "403")

    @app.errorhandler(NotAllowedError)
    def not_allowed(error):
        db.session.rollback()
        return render(403, "403")

    @app.errorhandler(LockedError)
    def locked(error: LockedError):
        """A locked record: why, since when, by whom, who can reopen it and how."""
        db.session.rollback()
        if _wants_json():
            return jsonify(error=403, locked=str(error)), 403
        return render_template("errors/locked.html", error=error), 403

    @app.errorhandler(404)
    def not_found(error):
        return render(404, "404")

    @app.errorhandler(413)
    def too_large(error):
        return render(413, "413")

    @app.errorhandler(429)
    def too_many(error):
        return render(429, "429")

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        """Flask-WTF's reason (expired, missing...) in the reader's language."""
        return render(400, "csrf", detail=translate(error.description))

    @app.errorhandler(StaleDataError)
    def saved_meanwhile(error):
        """A record changed by someone else between reading and writing it, on a page
        without a form to show the difference in (forms use `actions.attempt_edit`)."""
        db.session.rollback()
        return render(409, "409")

    @app.errorhandler(IntegrityError)
    def saved_twice(error):
        """A double submit outside `actions.attempt` (which answers it itself)."""
        db.session.rollback()
        return render(409, "409")

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return render(500, "500")
