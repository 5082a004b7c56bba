"""The one place where reviewed records change state: who may, from where, to where."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.accounts.models import Role, RoleMembership, User
from portal.extensions import db
from portal.models_base import utcnow
from portal.notifications.services import notify
from portal.organizations.models import Unit
from portal.reviews.adapters import adapter_for
from portal.reviews.models import ReviewableMixin, ReviewEvent
from portal.reviews.states import (
    ACTION_ROLE,
    EDITABLE_STATES,
    REASON_REQUIRED,
    TRANSITIONS,
    UNDER_REVIEW_STATES,
    ReviewAction,
    ReviewRole,
    ReviewState,
    targets_of,
)
from portal.rules import NotAllowedError, RuleError


def _unit_organization_id(unit_id: int) -> int | None:
    unit = db.session.get(Unit, unit_id)
    return unit.organization_id if unit else None


def is_preparer(user: User, unit_id: int) -> bool:
    """The unit's coordinator prepares and submits its records."""
    return (
        user.is_authenticated
        and user.organization_id == _unit_organization_id(unit_id)
        and unit_id in user.unit_ids_with(Role.COORDINATOR)
    )


def is_reviewer(user: User, unit_id: int) -> bool:
    """The Department Office of the unit's organization reviews."""
    return (
        user.is_authenticated
        and user.is_office
        and user.organization_id == _unit_organization_id(unit_id)
    )


def has_review_role(user: User, record: ReviewableMixin, role: ReviewRole) -> bool:
    check = is_preparer if role == ReviewRole.PREPARER else is_reviewer
    return check(user, record.unit_id)  # type: ignore[attr-defined]


def can_edit(user: User, record: ReviewableMixin) -> bool:
    """The coordinator edits a draft or returned record; nobody edits otherwise."""
    return record.state in EDITABLE_STATES and is_preparer(user, record.unit_id)  # type: ignore[attr-defined]


def can_review_scores(user: User, record: ReviewableMixin) -> bool:
    """The Office writes its own scores while the record is under review."""
    return record.state in UNDER_REVIEW_STATES and is_reviewer(user, record.unit_id)  # type: ignore[attr-defined]


def allowed_actions(user: User, record: ReviewableMixin) -> list[ReviewAction]:
    """The actions `user` may take on `record` now (for the buttons)."""
    return [
        action
        for (state, action) in TRANSITIONS
        if state == record.state and has_review_role(user, record, ACTION_ROLE[action])
    ]


def next_state(
    state: ReviewState, action: ReviewAction, target: ReviewState | None = None
) -> ReviewState:
    """The state `action` leads to from `state`, or a RuleError."""
    targets = targets_of(state, action)
    if not targets:
        raise RuleError(_("Không thể thực hiện thao tác này ở trạng thái hiện tại."))
    if target is None:
        return targets[0]
    if ReviewState(target) not in targets:
        raise RuleError(_("Không thể chuyển sang trạng thái đã chọn."))
    return ReviewState(target)


def transition(
    record: ReviewableMixin,
    action: ReviewAction,
    actor: User,
    *,
    reason: str = "",
    target: ReviewState | None = None,
    at: datetime | None = None,
    notify_people: bool = True,
) -> ReviewEvent:
    """Move `record` by `action`, record the change on its timeline and tell the
    people concerned. Raises NotAllowedError (the actor may not) or RuleError.
    The caller commits."""
    action = ReviewAction(action)
    if not has_review_role(actor, record, ACTION_ROLE[action]):
        raise NotAllowedError(action)
    source = ReviewState(record.state)
    new_state = next_state(source, action, target)
    reason = (reason or "").strip()
    if action in REASON_REQUIRED and not reason:
        raise RuleError(_("Vui lòng nêu lý do."))
    if action == ReviewAction.SUBMIT:
        problems = adapter_for(record).submission_problems(record)
        if problems:
            raise RuleError(" ".join(problems))
    at = at or utcnow()
    _apply(record, action, new_state, actor, reason, at)
    event = ReviewEvent(
        unit_id=record.unit_id,  # type: ignore[attr-defined]
        subject_type=record.review_subject,
        subject_id=record.id,  # type: ignore[attr-defined]
        action=action,
        from_state=source,
        to_state=new_state,
        reason=reason,
        actor_id=actor.id,
        at=at,
    )
    db.session.add(event)
    adapter_for(record).after_transition(record, event)
    if notify_people:
        _notify(record, event, actor)
    return event


def _apply(record, action, new_state, actor, reason, at) -> None:
    record.state = new_state
    if action == ReviewAction.SUBMIT:
        record.submitted_at = record.submitted_at or at
        record.last_submitted_at = at
    elif action == ReviewAction.ACCEPT:
        record.accepted_at = at
        record.accepted_by_id = actor.id
    elif action in REASON_REQUIRED:
        record.return_reason = reason
        record.accepted_at = None
        record.accepted_by_id = None


def timeline(record: ReviewableMixin) -> list[ReviewEvent]:
    """The record's state changes, oldest first, with their actors (one query)."""
    return list(
        db.session.scalars(
            select(ReviewEvent)
            .where(
                ReviewEvent.subject_type == record.review_subject,
                ReviewEvent.subject_id == record.id,  # type: ignore[attr-defined]
            )
            .options(joinedload(ReviewEvent.actor))
            .order_by(ReviewEvent.at, ReviewEvent.id)
        )
    )


def _recipients(record: ReviewableMixin, action: ReviewAction) -> list[User]:
    unit_id = record.unit_id  # type: ignore[attr-defined]
    query = select(User).join(RoleMembership).where(User.active.is_(True)).distinct()
    if action == ReviewAction.SUBMIT:
        query = query.where(
            RoleMembership.role == Role.OFFICE_ADMIN,
            User.organization_id == _unit_organization_id(unit_id),
        )
    else:
        query = query.where(
            RoleMembership.role == Role.COORDINATOR, RoleMembership.unit_id == unit_id
        )
    return list(db.session.scalars(query))


def _notify(record: ReviewableMixin, event: ReviewEvent, actor: User) -> None:

    unit = db.session.get(Unit, record.unit_id)  # type: ignore[attr-defined]
    adapter = adapter_for(record)
    subject = adapter.title(record)
    titles = {
        ReviewAction.SUBMIT: _("%(unit)s đã nộp %(subject)s", unit=unit.name, subject=subject),
        ReviewAction.RETURN: _("%(subject)s đã bị trả lại", subject=subject),
        ReviewAction.ACCEPT: _("%(subject)s đã được chấp nhận", subject=subject),
        ReviewAction.REOPEN: _("%(subject)s đã được mở lại", subject=subject),
    }
    body = _("Lý do: %(reason)s", reason=event.reason) if event.reason else ""
    for user in _recipients(record, event.action):
        if user.id != actor.id:
            notify(user, titles[event.action], body, adapter.path(record), category="general")
