"""The base classes every form of the portal derives from.

One place for what all forms share (the language of their messages, the one-time
submission token of create forms), instead of a setting repeated in each form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.csrf import _FlaskFormCSRF
from wtforms import Form, ValidationError

from portal.form_messages import FORM_TRANSLATIONS


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


class PortalSubForm(Form):
    """A form nested in another (a FieldList/FormField row): no CSRF token of its own."""

    class Meta:
        def get_translations(self, form):
            return FORM_TRANSLATIONS
