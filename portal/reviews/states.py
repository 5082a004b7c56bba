"""The states of a reviewed record and the one table of allowed transitions.

draft -> submitted -> returned -> resubmitted -> accepted; the Office may also
accept a first submission, return a resubmission again, and reopen an accepted
record (back to returned or to draft) with a reason.
"""

from __future__ import annotations

import enum

from portal.enums import LabelledEnum
from portal.msgids import N_, NC_


class ReviewState(LabelledEnum):
    DRAFT = "draft", N_("Bản nháp"), "secondary"
    SUBMITTED = "submitted", N_("Đã nộp"), "primary"
    RETURNED = "returned", N_("Trả lại"), "warning"
    RESUBMITTED = "resubmitted", N_("Đã nộp lại"), "info"
    ACCEPTED = "accepted", N_("Đã chấp nhận"), "success"


# The same Vietnamese word names a state ("Trả lại": returned) and a button ("Trả lại":
# return); a context keeps their translations apart.
class ReviewAction(LabelledEnum):
    SUBMIT = "submit", NC_("review action", "Nộp")  # by the unit's coordinator
    RETURN = "return", NC_("review action", "Trả lại")  # by the Office, with a reason
    ACCEPT = "accept", NC_("review action", "Chấp nhận")  # by the Office
    REOPEN = "reopen", NC_("review action", "Mở lại")  # by the Office, with a reason


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


def targets_of(state: ReviewState, action: ReviewAction) -> tuple[ReviewState, ...]:
    """The states `action` may lead to from `state` (empty when not allowed)."""
    return TRANSITIONS.get((ReviewState(state), ReviewAction(action)), ())
