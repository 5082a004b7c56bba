"""The yearly supervision plan: planned inspections and which units they cover."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.council.services import assigned_member_ids
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.inspections.models import (
    Inspection,
    InspectionScope,
    SupervisionPlanItem,
    SupervisionPlanMember,
)
from portal.models_base import in_ids
from portal.msgids import N_
from portal.organizations.models import Unit
from portal.rules import RuleError


class Coverage(LabelledEnum):
    DONE = "done", N_("Đã kiểm tra"), "success"  # an inspection was recorded in the year
    PLANNED = "planned", N_("Đã có kế hoạch, chưa kiểm tra"), "info"  # not inspected yet
    NOT_COVERED = "not_covered", N_("Chưa có kế hoạch, chưa kiểm tra"), "warning"


@dataclass
class UnitCoverage:
    unit: Unit
    items: list[SupervisionPlanItem] = field(default_factory=list)
    inspections: list[Inspection] = field(default_factory=list)

    @property
    def status(self) -> Coverage:
        if self.inspections:
            return Coverage.DONE
        if self.items:
            return Coverage.PLANNED
        return Coverage.NOT_COVERED

    def linked_inspections(self, item: SupervisionPlanItem) -> list[Inspection]:
        """The inspections recorded against `item` (the unit may have others)."""
        return [i for i in self.inspections if i.plan_item_id == item.id]


def plan_items(organization_id: int, year: int, unit_ids: set[int] | None = None) -> list:
    query = (
        select(SupervisionPlanItem)
        .where(
            SupervisionPlanItem.organization_id == organization_id,
            SupervisionPlanItem.year == year,
        )
        .options(
            selectinload(SupervisionPlanItem.unit),
            selectinload(SupervisionPlanItem.members).selectinload(SupervisionPlanMember.user),
        )
        .order_by(SupervisionPlanItem.month, SupervisionPlanItem.id)
    )
    if unit_ids is not None:
        query = query.where(in_ids(SupervisionPlanItem.unit_id, unit_ids))
    return list(db.session.scalars(query))


def save_plan_item(
    item: SupervisionPlanItem | None,
    organization_id: int,
    *,
    unit_id: int,
    year: int,
    month: int,
    scope: list[str],
    member_ids: list[int],
    note: str = "",
) -> SupervisionPlanItem:
    """Create (item None) or update a planned inspection. The caller commits."""
    unit = db.session.get(Unit, unit_id)
    if unit is None or unit.organization_id != organization_id:
        raise RuleError(_("Đơn vị không thuộc cơ quan này."), "unit_id")
    if not 1 <= month <= 12:
        raise RuleError(_("Tháng phải từ 1 đến 12."), "month")
    allowed_scopes = {s.value for s in InspectionScope}
    if not scope or not set(scope) <= allowed_scopes:
        raise RuleError(_("Chọn ít nhất một nội dung kiểm tra."), "scope")
    assigned = assigned_member_ids(unit_id, year)
    if not member_ids:
        raise RuleError(_("Chọn ít nhất một thành viên Hội đồng."), "member_ids")
    if not set(member_ids) <= assigned:
        raise RuleError(
            _(
                "Thành viên được chọn phải được phân công phụ trách đơn vị này năm %(year)s.",
                year=year,
            ),
            "member_ids",
        )
    if item is None:
        item = SupervisionPlanItem(organization_id=organization_id)
        db.session.add(item)
    item.unit_id, item.year, item.month = unit_id, year, month
    item.scope = [s.value for s in InspectionScope if s.value in scope]
    item.note = note.strip()
    wanted = set(member_ids)
    for member in list(item.members):
        if member.user_id not in wanted:
            item.members.remove(member)
    for user_id in sorted(wanted - item.member_ids):
        item.members.append(SupervisionPlanMember(unit_id=unit_id, user_id=user_id))
    for member in item.members:
        member.unit_id = unit_id
    db.session.flush()
    return item


def delete_plan_item(item: SupervisionPlanItem) -> None:
    linked = db.session.scalar(select(Inspection.id).where(Inspection.plan_item_id == item.id))
    if linked is not None:
        raise RuleError(_("Đã có biên bản kiểm tra theo kế hoạch này, không thể xóa."))
    db.session.delete(item)


def coverage(organization_id: int, year: int) -> list[UnitCoverage]:
    """Every active unit (and inactive ones with a plan or an inspection) with its
    plan items and inspections of the year: three queries whatever the size."""
    units = db.session.scalars(
        select(Unit).where(Unit.organization_id == organization_id).order_by(Unit.name)
    ).all()
    rows = {unit.id: UnitCoverage(unit) for unit in units}
    for item in plan_items(organization_id, year):
        rows[item.unit_id].items.append(item)
    inspections = db.session.scalars(
        select(Inspection)
        .where(in_ids(Inspection.unit_id, list(rows)), Inspection.year == year)
        .order_by(Inspection.inspection_date)
    )
    for inspection in inspections:
        rows[inspection.unit_id].inspections.append(inspection)
    return [r for r in rows.values() if r.unit.is_active or r.items or r.inspections]


def coverage_counts(rows: list[UnitCoverage]) -> dict[Coverage, int]:
    counts = dict.fromkeys(Coverage, 0)
    for row in rows:
        counts[row.status] += 1
    return counts
