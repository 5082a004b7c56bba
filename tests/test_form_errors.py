"""A service's refusal lands on the field it names, else on the page."""

from __future__ import annotations

from flask import get_flashed_messages
from flask_wtf import FlaskForm
from wtforms import StringField

from portal.form_errors import show_field_error


class RefusedError(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class TitleForm(FlaskForm):
    title = StringField()
    place = StringField()


def test_the_message_goes_on_the_named_field_else_the_default_else_the_page(app):
    with app.test_request_context(method="POST"):
        form = TitleForm(meta={"csrf": False})
        show_field_error(form, RefusedError("Tên đã có.", "title"))
        show_field_error(form, RefusedError("Thiếu địa điểm."), "place")
        show_field_error(form, RefusedError("Kỳ đã khóa.", "no_such_field"))
        assert form.title.errors == ["Tên đã có."]
        assert form.place.errors == ["Thiếu địa điểm."]
        assert get_flashed_messages(with_categories=True) == [("danger", "Kỳ đã khóa.")]
