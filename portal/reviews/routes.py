"""The review workflow's blueprint: it has no pages of its own; it provides the
shared templates (timeline, state badge, action buttons) that reviewed records
include, and the labels those templates use."""

from __future__ import annotations

from flask import Blueprint

from portal.reviews.adapters import review_title
from portal.reviews.deadlines import PUNCTUALITY_LABELS, PUNCTUALITY_TONES, Punctuality
from portal.reviews.states import (
    ACTION_LABELS,
    STATE_LABELS,
    STATE_TONES,
    ReviewAction,
    ReviewState,
)

bp = Blueprint("reviews", __name__, template_folder="templates")


def _lookup(table: dict, enum_cls: type, value: object, default: str = "") -> object:
    try:
        return table[enum_cls(value)]
    except ValueError:
        return default or value


# Template globals (not a context processor) so that imported macros see them too.
HELPERS = {
    "review_title": review_title,
    "review_state_label": lambda s: _lookup(STATE_LABELS, ReviewState, s),
    "review_state_tone": lambda s: _lookup(STATE_TONES, ReviewState, s, "secondary"),
    "review_action_label": lambda a: _lookup(ACTION_LABELS, ReviewAction, a),
    "punctuality_label": lambda p: _lookup(PUNCTUALITY_LABELS, Punctuality, p),
    "punctuality_tone": lambda p: _lookup(PUNCTUALITY_TONES, Punctuality, p, "secondary"),
}
for _name, _helper in HELPERS.items():
    bp.add_app_template_global(_helper, _name)
