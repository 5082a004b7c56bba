"""The inspections blueprint; its views are in the other modules of this package."""

from __future__ import annotations

from flask import Blueprint

from portal.inspections import services as records

# The templates stay in the capability's own folder, one level up.
bp = Blueprint(
    "inspections", __name__, url_prefix=records.URL_PREFIX, template_folder="../templates"
)
