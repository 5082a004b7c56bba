"""The service contract: `attempt` commits what keeps the rules and rolls back a refusal."""

from __future__ import annotations

from flask import get_flashed_messages
from flask_wtf import FlaskForm
from wtforms import StringField

from portal.actions import attempt
from portal.extensions import db
from portal.organizations.models import Organization
from portal.rules import NotAllowedError, RuleError


class NameForm(FlaskForm):
    name = StringField()


def _add(name: str, refuse: bool = False) -> Organization:
    org = Organization(name=name, short_name=name[:10])
    db.session.add(org)
    db.session.flush()
    if refuse:
        raise RuleError("Tên này không dùng được.", field="name")
    return org


def _names() -> list[str]:
    db.session.expire_all()
    return [o.name for o in db.session.scalars(db.select(Organization)).all()]


def test_a_kept_rule_is_committed_and_its_value_returned(app):
    with app.test_request_context(method="POST"):
        outcome = attempt(_add, "Sở Thử nghiệm")
        assert outcome.ok and outcome.value.name == "Sở Thử nghiệm"
        db.session.rollback()  # nothing left to undo: it was committed
        assert "Sở Thử nghiệm" in _names()


def test_a_refusal_rolls_back_and_lands_on_the_named_field(app):
    with app.test_request_context(method="POST"):
        form = NameForm(meta={"csrf": False})
        outcome = attempt(_add, "Sở Bị từ chối", refuse=True, form=form)
        assert not outcome.ok and outcome.value is None
        assert form.name.errors == ["Tên này không dùng được."]
        assert "Sở Bị từ chối" not in _names()


def test_without_a_form_the_refusal_is_flashed(app):
    with app.test_request_context(method="POST"):
        outcome = attempt(_add, "Sở Không form", refuse=True)
        assert str(outcome.error) == "Tên này không dùng được."
        assert get_flashed_messages(with_categories=True) == [
            ("danger", "Tên này không dùng được.")
        ]


def test_a_refusal_that_is_only_a_notice_is_flashed_as_a_warning(app):
    with app.test_request_context(method="POST"):
        attempt(_add, "Sở Cảnh báo", refuse=True, flash_as="warning")
        assert get_flashed_messages(with_categories=True) == [
            ("warning", "Tên này không dùng được.")
        ]
        assert "Sở Cảnh báo" not in _names()


def test_a_page_that_shows_the_refusal_itself_gets_it_unflashed(app):
    with app.test_request_context(method="POST"):
        outcome = attempt(_add, "Sở Tự hiển thị", refuse=True, flash_as=None)
        assert str(outcome.error) == "Tên này không dùng được."
        assert get_flashed_messages() == []
        assert "Sở Tự hiển thị" not in _names()


def test_not_allowed_outside_a_form_answers_403(app):
    @app.route("/_test/not-allowed")
    def refuse():
        raise NotAllowedError("Không được phép.")

    assert app.test_client().get("/_test/not-allowed").status_code == 403
