"""A rule's refusal shown next to the form field it concerns.

Services raise errors that name the field at fault (`error.field`); the form page
shows the message there, and re-renders with everything the person typed."""

from __future__ import annotations

from flask import flash


def show_field_error(
    form, error: Exception, default_field: str | None = None, category: str = "danger"
) -> None:
    """Put `error`'s message on the field it names (else on `default_field`); when the
    form has no such field, flash it (as `category`) at the top of the page instead."""
    name = getattr(error, "field", None) or default_field or ""
    field = getattr(form, name, None) if name and form is not None else None
    if field is not None:
        field.errors = [*field.errors, str(error)]
    else:
        flash(str(error), category)
