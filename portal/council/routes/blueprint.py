"""The council blueprint; its views are in the other modules of this package."""

from __future__ import annotations

from flask import Blueprint

# The templates stay in the capability's own folder, one level up.
bp = Blueprint("council", __name__, url_prefix="/council", template_folder="../templates")
