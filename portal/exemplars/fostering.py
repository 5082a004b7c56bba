"""Fostering actions: the support a unit gives an exemplar (plan II.1, III.1)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, nulls_last, select
from sqlalchemy.orm import joinedload

from portal.accounts.loaders import named_user
from portal.evidence.services import delete_attachments_of
from portal.exemplars.models import (
    OPEN_FOSTERING_STATUSES,
    Exemplar,
    ExemplarStatus,
    FosteringAction,
    FosteringStatus,
    SupportType,
)
from portal.exemplars.services import check_unit_person
from portal.extensions import db
from portal.formatting import today_vn
from portal.models_base import in_ids, utcnow
from portal.rules import RuleError


def is_followed(exemplar: Exemplar) -> bool:
    """Fostering and evaluation stop once an exemplar is dropped."""
    return exemplar.status != ExemplarStatus.DROPPED


def ensure_followed(exemplar: Exemplar) -> None:
    if not is_followed(exemplar):
        raise RuleError(_("Điển hình đã dừng theo dõi; không thể bồi dưỡng hay đánh giá thêm."))


def save_action(
    exemplar: Exemplar,
    *,
    action: FosteringAction | None = None,
    support_type: SupportType,
    description: str,
    owner_user_id: int | None = None,
    owner_name: str = "",
    due_date: date | None = None,
    status: FosteringStatus = FosteringStatus.PLANNED,
    outcome: str = "",
    cost_vnd: int | None = None,
) -> FosteringAction:
    """Create (or update `action`) for the exemplar. The owner is a person of the
    unit or a free name; finishing an action stamps `completed_at`. The caller commits."""
    ensure_followed(exemplar)
    description = (description or "").strip()
    if not description:
        raise RuleError(_("Nhập nội dung hỗ trợ."), "description")
    owner = check_unit_person(exemplar.unit_id, owner_user_id, "owner_user_id")
    owner_name = (owner_name or "").strip()
    if owner is None and not owner_name:
        raise RuleError(_("Chọn người phụ trách hoặc nhập tên."), "owner_name")
    if status == FosteringStatus.DONE and due_date is not None and due_date > today_vn():
        raise RuleError(
            _("Không thể ghi nhận đã thực hiện cho một ngày trong tương lai."), "due_date"
        )
    if cost_vnd is not None and cost_vnd < 0:
        raise RuleError(_("Kinh phí phải là số không âm."), "cost_vnd")
    if action is None:
        action = FosteringAction(unit_id=exemplar.unit_id)
        exemplar.fostering_actions.append(action)
    action.support_type = support_type
    action.description = description
    action.owner_user_id = owner.id if owner else None
    action.owner_name = "" if owner else owner_name
    action.due_date = due_date
    if status == FosteringStatus.DONE and action.status != FosteringStatus.DONE:
        action.completed_at = utcnow()
    elif status != FosteringStatus.DONE:
        action.completed_at = None
    action.status = status
    action.outcome = (outcome or "").strip()
    action.cost_vnd = cost_vnd
    db.session.flush()
    return action


def delete_action(action: FosteringAction) -> None:
    ensure_followed(action.exemplar)
    delete_attachments_of("fostering_action", action.id)
    db.session.delete(action)
    db.session.flush()


def open_actions(
    unit_ids: list[int], limit: int | None = None, *keep: ColumnElement[bool]
) -> list[FosteringAction]:
    """Planned or ongoing actions of the units, the nearest due date first."""
    query = (
        select(FosteringAction)
        .where(
            in_ids(FosteringAction.unit_id, unit_ids),
            FosteringAction.status.in_(OPEN_FOSTERING_STATUSES),
            *keep,
        )
        .options(joinedload(FosteringAction.exemplar), named_user(FosteringAction.owner_user))
        .order_by(nulls_last(FosteringAction.due_date.asc()), FosteringAction.id)
    )
    if limit:
        query = query.limit(limit)
    return list(db.session.scalars(query))
