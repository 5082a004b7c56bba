"""The review workflow's blueprint: it has no pages of its own; it provides the
shared templates (timeline, state badge, action buttons) that reviewed records
include."""

from __future__ import annotations

from flask import Blueprint

from portal.reviews.adapters import review_title

bp = Blueprint("reviews", __name__, template_folder="templates")

# A template global (not a context processor) so that imported macros see it too.
bp.add_app_template_global(review_title, "review_title")
