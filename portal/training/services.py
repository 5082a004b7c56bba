"""The rules of training records: who may be named, dates, filtering and totals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from portal.accounts.models import Role, RoleMembership, User
from portal.extensions import db
from portal.formatting import today_vn
from portal.listing import text_search
from portal.rules import RuleError
from portal.tenancy import scoped
from portal.training.models import TrainingRecord

FIELDS = (
    "person_user_id",
    "person_name",
    "course",
    "organiser",
    "start_date",
    "end_date",
    "hours",
    "notes",
    "cost_vnd",
)


def unit_people(unit_id: int) -> list[User]:
    """The accounts of a unit's coordinators and staff, by name."""
    query = (
        select(User)
        .join(RoleMembership, RoleMembership.user_id == User.id)
        .where(
            RoleMembership.unit_id == unit_id,
            RoleMembership.role.in_((Role.COORDINATOR, Role.STAFF)),
        )
        .distinct()
        .order_by(User.full_name)
    )
    return list(db.session.scalars(query))


def _apply(record: TrainingRecord, data: dict) -> None:
    values = {k: data.get(k) for k in FIELDS}
    user_id = values["person_user_id"]
    if user_id:
        person = next((u for u in unit_people(record.unit_id) if u.id == user_id), None)
        if person is None:
            raise RuleError(_("Chỉ chọn được người của chính đơn vị."), "person_user_id")
        values["person_name"] = person.full_name
    values["person_name"] = (values["person_name"] or "").strip()
    if not values["person_name"]:
        raise RuleError(_("Chọn người của đơn vị hoặc nhập họ tên."), "person_name")
    start, end = values["start_date"], values["end_date"] or values["start_date"]
    if start is None:
        raise RuleError(_("Vui lòng nhập ngày bắt đầu."), "start_date")
    if end < start:
        raise RuleError(_("Ngày kết thúc không được trước ngày bắt đầu."), "end_date")
    for field, value in (("start_date", start), ("end_date", end)):
        if value > today_vn():
            raise RuleError(
                _("Không thể ghi nhận đã thực hiện cho một ngày trong tương lai."), field
            )
    values["end_date"] = end
    values["course"] = (values["course"] or "").strip()
    if not values["course"]:
        raise RuleError(_("Vui lòng nhập tên khóa tập huấn."), "course")
    values["organiser"] = (values["organiser"] or "").strip()
    values["notes"] = values["notes"] or ""
    for key, value in values.items():
        setattr(record, key, value)


def create_record(unit_id: int, data: dict, actor: User | None) -> TrainingRecord:
    record = TrainingRecord(unit_id=unit_id, created_by_id=actor.id if actor else None)
    _apply(record, data)
    db.session.add(record)
    db.session.flush()
    return record


def update_record(record: TrainingRecord, data: dict) -> None:
    _apply(record, data)


def delete_record(record: TrainingRecord) -> None:
    db.session.delete(record)


@dataclass
class TrainingFilters:
    year: int | None = None
    unit_id: int | None = None
    q: str = ""

    def apply(self, query: Select) -> Select:
        if self.year:
            query = query.where(
                TrainingRecord.start_date >= date(self.year, 1, 1),
                TrainingRecord.start_date < date(self.year + 1, 1, 1),
            )
        if self.unit_id:
            query = query.where(TrainingRecord.unit_id == self.unit_id)
        if self.q:
            query = query.where(
                text_search(
                    self.q,
                    TrainingRecord.person_name,
                    TrainingRecord.course,
                    TrainingRecord.organiser,
                )
            )
        return query


def list_query(filters: TrainingFilters) -> Select:
    return (
        filters.apply(scoped(TrainingRecord))
        .options(joinedload(TrainingRecord.unit))
        .order_by(TrainingRecord.start_date.desc(), TrainingRecord.id.desc())
    )


def totals(filters: TrainingFilters) -> tuple[int, float]:
    """Number of records and total hours for `filters` (one query)."""
    matching = filters.apply(scoped(TrainingRecord)).subquery()
    count, hours = db.session.execute(
        select(func.count(matching.c.id), func.coalesce(func.sum(matching.c.hours), 0))
    ).one()
    return int(count), float(hours)
