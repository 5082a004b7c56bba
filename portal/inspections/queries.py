"""Lists of inspections and findings (filtered, scoped, no query per row) and the
Excel export of findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import selectinload

from portal.documents.excel import Sheet
from portal.extensions import db
from portal.inspections.models import (
    NOT_CLOSED,
    Inspection,
    InspectionFinding,
    InspectionMember,
    SupervisionPlanItem,
)
from portal.inspections.services import is_overdue, overdue_clause
from portal.tenancy import scoped


@dataclass
class InspectionFilters:
    year: int | None = None
    unit_id: int | None = None
    signed: str = ""  # "", "draft", "signed"

    def as_args(self) -> dict:
        return {k: v for k, v in vars(self).items() if v not in (None, "")}


def inspections_select(filters: InspectionFilters) -> Select:
    query = scoped(Inspection).options(
        selectinload(Inspection.unit),
        selectinload(Inspection.lead_inspector),
        selectinload(Inspection.members).selectinload(InspectionMember.user),
    )
    if filters.year:
        query = query.where(Inspection.year == filters.year)
    if filters.unit_id:
        query = query.where(Inspection.unit_id == filters.unit_id)
    if filters.signed == "draft":
        query = query.where(Inspection.signed_off_at.is_(None))
    elif filters.signed == "signed":
        query = query.where(Inspection.signed_off_at.is_not(None))
    return query.order_by(Inspection.inspection_date.desc(), Inspection.id.desc())


@dataclass
class FindingCounts:
    total: int = 0
    not_closed: int = 0
    overdue: int = 0


def finding_counts(inspection_ids: list[int], today: date) -> dict[int, FindingCounts]:
    """Counts of findings per inspection, in one grouped query."""
    if not inspection_ids:
        return {}
    rows = (
        select(
            InspectionFinding.inspection_id,
            func.count(InspectionFinding.id),
            func.sum(case((InspectionFinding.status.in_(NOT_CLOSED), 1), else_=0)),
            func.sum(case((overdue_clause(today), 1), else_=0)),
        )
        .where(InspectionFinding.inspection_id.in_(inspection_ids))
        .group_by(InspectionFinding.inspection_id)
    )
    return {
        row[0]: FindingCounts(int(row[1]), int(row[2] or 0), int(row[3] or 0))
        for row in db.session.execute(rows)
    }


@dataclass
class FindingFilters:
    year: int | None = None
    unit_id: int | None = None
    status: str = ""  # a FindingStatus value or "not_closed"
    severity: str = ""
    overdue: bool = False
    q: str = ""

    def as_args(self) -> dict:
        values = {k: v for k, v in vars(self).items() if v not in (None, "", False)}
        if self.overdue:
            values["overdue"] = 1
        return values


def findings_select(filters: FindingFilters, today: date) -> Select:
    query = (
        scoped(InspectionFinding)
        .join(Inspection, Inspection.id == InspectionFinding.inspection_id)
        .options(
            selectinload(InspectionFinding.inspection),
            selectinload(InspectionFinding.unit),
            selectinload(InspectionFinding.action_owner),
        )
    )
    if filters.year:
        query = query.where(Inspection.year == filters.year)
    if filters.unit_id:
        query = query.where(InspectionFinding.unit_id == filters.unit_id)
    if filters.status == "not_closed":
        query = query.where(InspectionFinding.status.in_(NOT_CLOSED))
    elif filters.status:
        query = query.where(InspectionFinding.status == filters.status)
    if filters.severity:
        query = query.where(InspectionFinding.severity == filters.severity)
    if filters.overdue:
        query = query.where(overdue_clause(today))
    if filters.q:
        pattern = f"%{filters.q}%"
        query = query.where(
            or_(
                InspectionFinding.finding.ilike(pattern),
                InspectionFinding.recommendation.ilike(pattern),
                InspectionFinding.corrective_action.ilike(pattern),
            )
        )
    return query.order_by(
        Inspection.inspection_date.desc(), InspectionFinding.inspection_id, InspectionFinding.id
    )


def overdue_count(today: date) -> int:
    """Overdue findings in the units the current user sees."""
    query = scoped(InspectionFinding).where(overdue_clause(today))
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


EXPORT_HEADERS = (
    _l("Đơn vị"),
    _l("Ngày kiểm tra"),
    _l("Mức độ"),
    _l("Nội dung phát hiện"),
    _l("Kiến nghị"),
    _l("Biện pháp khắc phục"),
    _l("Người chịu trách nhiệm"),
    _l("Hạn khắc phục"),
    _l("Trạng thái"),
    _l("Quá hạn"),
)


def findings_sheet(findings: list[InspectionFinding], today: date) -> Sheet:
    """The findings as one sheet for `portal.documents.excel`, Vietnamese headers."""
    rows = [
        (
            finding.unit.name,
            finding.inspection.inspection_date,
            str(finding.severity.label),
            finding.finding,
            finding.recommendation,
            finding.corrective_action,
            finding.owner_label,
            finding.due_date,
            str(finding.status.label),
            _("Có") if is_overdue(finding, today) else "",
        )
        for finding in findings
    ]
    return _("Kết luận kiểm tra"), [str(h) for h in EXPORT_HEADERS], rows


def unit_plan_items(unit_id: int) -> list[SupervisionPlanItem]:
    """A unit's supervision plan over the years, newest first (what an inspection
    record may say it carries out)."""
    return list(
        db.session.scalars(
            select(SupervisionPlanItem)
            .where(SupervisionPlanItem.unit_id == unit_id)
            .order_by(SupervisionPlanItem.year.desc(), SupervisionPlanItem.month)
        )
    )
