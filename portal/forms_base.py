"""The base classes every form of the portal derives from.

One place for what all forms share (the language of their messages, the one-time
submission token of create forms), instead of a setting repeated in each form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.csrf import _FlaskFormCSRF
from wtforms import Form, TextAreaField, ValidationError

from portal.form_messages import FORM_TRANSLATIONS


def _single_newlines(value: object) -> object:
    """Browsers send a textarea's line breaks as CRLF but count them as one character
    against `maxlength`: stored as LF, the text typed up to the counter's limit fits
    the server's Length check too."""
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


def _bind(form, unbound_field, options):
    """Every text area of the portal gets `_single_newlines` before its own filters."""
    if issubclass(unbound_field.field_class, TextAreaField):
        own = unbound_field.kwargs.get("filters", ())
        options = {**options, "filters": (_single_newlines, *own)}
    return unbound_field.bind(form=form, **options)


class TranslatedCSRF(_FlaskFormCSRF):
    """Flask-WTF's CSRF check, whose messages ("The CSRF token has expired.") Flask-WTF
    never translates: the same check, its message put through the form's catalogue."""

    def validate_csrf_token(self, form, field) -> None:
        try:
            super().validate_csrf_token(form, field)
        except ValidationError as error:
            raise ValidationError(field.gettext(str(error.args[0]))) from error


class PortalForm(FlaskForm):
    """A form posted by a page of the portal (with its CSRF token)."""

    class Meta:
        csrf_class = TranslatedCSRF

        def get_translations(self, form):
            return FORM_TRANSLATIONS

        def bind_field(self, form, unbound_field, options):
            return _bind(form, unbound_field, options)


class PortalSubForm(Form):
    """A form nested in another (a FieldList/FormField row): no CSRF token of its own."""

    class Meta:
        def get_translations(self, form):
            return FORM_TRANSLATIONS

        def bind_field(self, form, unbound_field, options):
            return _bind(form, unbound_field, options)
