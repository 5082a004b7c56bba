"""Why a reviewed record cannot be edited now, said to the person who tried.

An accepted record is locked until the Office reopens it; a submitted one waits for
the Office, which may return it. Either way the refusal names the date, the person,
who can reopen it and how (a `LockedError`, shown by errors/locked.html)."""

from __future__ import annotations

from flask import abort
from flask_babel import gettext as _

from portal.accounts.models import Role, RoleMembership, User
from portal.extensions import db
from portal.reviews.adapters import adapter_for, review_title
from portal.reviews.models import ReviewableMixin
from portal.reviews.services import can_edit, is_preparer, is_reviewer
from portal.reviews.states import LOCKED_STATES, UNDER_REVIEW_STATES
from portal.rules import LockedError


def require_editable(user: User, record: ReviewableMixin) -> None:
    """Return when `user` may edit `record`; otherwise 403, or for the unit and the
    Office a `LockedError` that explains the lock."""
    if can_edit(user, record):
        return
    unit_id = record.unit_id  # type: ignore[attr-defined]
    concerned = is_preparer(user, unit_id) or is_reviewer(user, unit_id)
    if not concerned or record.state not in LOCKED_STATES | UNDER_REVIEW_STATES:
        abort(403)
    raise lock_refusal(user, record)


def lock_refusal(user: User, record: ReviewableMixin) -> LockedError:
    title = review_title(record)
    view = adapter_for(record).path(record)
    office = is_reviewer(user, record.unit_id)  # type: ignore[attr-defined]
    contacts = [] if office else office_contacts(user.organization_id)
    back = (view, _("Xem hồ sơ"))
    if record.state in LOCKED_STATES:
        accepted_by = db.session.get(User, record.accepted_by_id) if record.accepted_by_id else None
        return LockedError(
            _("%(title)s đã được Văn phòng Sở chấp nhận nên không sửa được nữa.", title=title),
            since=record.accepted_at,
            by=accepted_by.full_name if accepted_by else "",
            reopener=_(
                "Văn phòng Sở: nút «Mở lại» trên trang hồ sơ, kèm lý do; hồ sơ trở về cho "
                "đơn vị sửa và nộp lại."
            ),
            way=(view, _("Mở lại hồ sơ")) if office else None,
            contacts=contacts,
            back=back,
        )
    return LockedError(
        _(
            "%(title)s đã nộp và đang chờ Văn phòng Sở xem xét, nên chưa sửa được.",
            title=title,
        ),
        since=record.last_submitted_at or record.submitted_at,
        reopener=_(
            "Văn phòng Sở: nút «Trả lại» trên trang hồ sơ, kèm lý do; đơn vị sửa rồi nộp lại."
        ),
        way=(view, _("Xem xét hồ sơ")) if office else None,
        contacts=contacts,
        back=back,
    )


def office_contacts(organization_id: int) -> list[tuple[str, str]]:
    """(name, email) of the organization's active Office people: whom to ask."""
    rows = db.session.execute(
        db.select(User.full_name, User.email)
        .join(RoleMembership, RoleMembership.user_id == User.id)
        .where(
            RoleMembership.role == Role.OFFICE_ADMIN,
            User.organization_id == organization_id,
            User.active.is_(True),
        )
        .distinct()
        .order_by(User.full_name)
    )
    return [(name, email) for name, email in rows]
