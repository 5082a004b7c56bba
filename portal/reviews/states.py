"""The states of a reviewed record and the one table of allowed transitions.

draft -> submitted -> returned -> resubmitted -> accepted; the Office may also
accept a first submission, return a resubmission again, and reopen an accepted
record (back to returned or to draft) with a reason.
"""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext


class ReviewState(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    RESUBMITTED = "resubmitted"
    ACCEPTED = "accepted"


class ReviewAction(enum.StrEnum):
    SUBMIT = "submit"  # by the unit's coordinator
    RETURN = "return"  # by the Office, with a reason
    ACCEPT = "accept"  # by the Office
    REOPEN = "reopen"  # by the Office, with a reason


class ReviewRole(enum.StrEnum):
    PREPARER = "preparer"  # the coordinator of the record's unit
    REVIEWER = "reviewer"  # the Department Office of the unit's organization


S = ReviewState
A = ReviewAction

# (state, action) -> the states that action may lead to; the first is the default.
TRANSITIONS: dict[tuple[ReviewState, ReviewAction], tuple[ReviewState, ...]] = {
    (S.DRAFT, A.SUBMIT): (S.SUBMITTED,),
    (S.RETURNED, A.SUBMIT): (S.RESUBMITTED,),
    (S.SUBMITTED, A.RETURN): (S.RETURNED,),
    (S.RESUBMITTED, A.RETURN): (S.RETURNED,),
    (S.SUBMITTED, A.ACCEPT): (S.ACCEPTED,),
    (S.RESUBMITTED, A.ACCEPT): (S.ACCEPTED,),
    (S.ACCEPTED, A.REOPEN): (S.RETURNED, S.DRAFT),
}

ACTION_ROLE = {
    A.SUBMIT: ReviewRole.PREPARER,
    A.RETURN: ReviewRole.REVIEWER,
    A.ACCEPT: ReviewRole.REVIEWER,
    A.REOPEN: ReviewRole.REVIEWER,
}
REASON_REQUIRED = frozenset({A.RETURN, A.REOPEN})
# The unit works on the record only in these states; an accepted one is locked for all.
EDITABLE_STATES = frozenset({S.DRAFT, S.RETURNED})
UNDER_REVIEW_STATES = frozenset({S.SUBMITTED, S.RESUBMITTED})
LOCKED_STATES = frozenset({S.ACCEPTED})
# States that count as "handed in" for deadlines.
SUBMITTED_STATES = frozenset({S.SUBMITTED, S.RETURNED, S.RESUBMITTED, S.ACCEPTED})

STATE_LABELS = {
    S.DRAFT: _l("Bản nháp"),
    S.SUBMITTED: _l("Đã nộp"),
    S.RETURNED: _l("Trả lại"),
    S.RESUBMITTED: _l("Đã nộp lại"),
    S.ACCEPTED: _l("Đã chấp nhận"),
}
# Bootstrap tones; the label always accompanies the colour.
STATE_TONES = {
    S.DRAFT: "secondary",
    S.SUBMITTED: "primary",
    S.RETURNED: "warning",
    S.RESUBMITTED: "info",
    S.ACCEPTED: "success",
}
# The same Vietnamese word names a state ("Trả lại": returned) and a button ("Trả lại":
# return); a context keeps their translations apart.
ACTION_LABELS = {
    A.SUBMIT: lazy_pgettext("review action", "Nộp"),
    A.RETURN: lazy_pgettext("review action", "Trả lại"),
    A.ACCEPT: lazy_pgettext("review action", "Chấp nhận"),
    A.REOPEN: lazy_pgettext("review action", "Mở lại"),
}


def targets_of(state: ReviewState, action: ReviewAction) -> tuple[ReviewState, ...]:
    """The states `action` may lead to from `state` (empty when not allowed)."""
    return TRANSITIONS.get((ReviewState(state), ReviewAction(action)), ())
