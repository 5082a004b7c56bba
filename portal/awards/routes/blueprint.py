"""The award decisions blueprint; its views are in the other modules of this package."""

from __future__ import annotations

from flask import Blueprint

# The templates stay in the capability's own folder, one level up.
bp = Blueprint("awards", __name__, url_prefix="/awards", template_folder="../templates")
