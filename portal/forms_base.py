"""The base classes every form of the portal derives from.

One place for what all forms share (the language of their messages, the one-time
submission token of create forms), instead of a setting repeated in each form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Form


class PortalForm(FlaskForm):
    """A form posted by a page of the portal (with its CSRF token)."""


class PortalSubForm(Form):
    """A form nested in another (a FieldList/FormField row): no CSRF token of its own."""
