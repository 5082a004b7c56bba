"""The review workflow's blueprint: it has no pages of its own; it provides the
shared templates (timeline, state badge, action buttons) that reviewed records
include."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("reviews", __name__, template_folder="templates")
