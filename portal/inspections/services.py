"""The rules of inspection records: recording, editing before sign-off, signing off,
corrections after it; and what is overdue."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import joinedload

from portal.accounts.loaders import named_user
from portal.accounts.models import CouncilAssignment, Role, RoleMembership, User
from portal.evidence.models import Attachment
from portal.evidence.services import delete_attachments_of
from portal.extensions import db
from portal.formatting import today_vn
from portal.inspections import access
from portal.inspections.locking import ensure_not_signed
from portal.inspections.models import (
    AWAITING_UNIT,
    NOT_CLOSED,
    FindingResponse,
    FindingStatus,
    Inspection,
    InspectionCorrection,
    InspectionFinding,
    InspectionMember,
    InspectionMethod,
    InspectionScope,
    SupervisionPlanItem,
)
from portal.models_base import in_ids, utcnow
from portal.organizations.models import Unit
from portal.rules import RuleError

URL_PREFIX = "/inspections"
EVIDENCE_OWNER = "inspection"
RESPONSE_EVIDENCE_OWNER = "finding_response"

# -- overdue -----------------------------------------------------------------


def is_overdue(finding: InspectionFinding, today: date | None = None) -> bool:
    """Past its due date while the unit still has to act (open or sent back).
    Due today is not overdue; due yesterday is."""
    today = today or today_vn()
    if finding.status not in AWAITING_UNIT or finding.due_date is None:
        return False
    return finding.due_date < today


def overdue_clause(today: date):
    """The SQL form of `is_overdue`, for filters and counts."""
    return (
        InspectionFinding.status.in_(AWAITING_UNIT)
        & InspectionFinding.due_date.is_not(None)
        & (InspectionFinding.due_date < today)
    )


OPEN_FINDINGS_SHOWN = 10


def open_findings_for_unit(
    unit_id: int, *keep: ColumnElement[bool], limit: int = OPEN_FINDINGS_SHOWN
) -> list[InspectionFinding]:
    """The unit's findings not closed yet, earliest due first (the workspace block):
    at most `limit` + 1 of them, the extra one only telling the block to link to the
    whole list (a unit with years of findings must not make the page grow).
    The caller has checked that the unit is visible to the user."""
    return list(
        db.session.scalars(
            select(InspectionFinding)
            .where(
                InspectionFinding.unit_id == unit_id,
                InspectionFinding.status.in_(NOT_CLOSED),
                *keep,
            )
            .options(
                joinedload(InspectionFinding.inspection),
                named_user(InspectionFinding.action_owner),
            )
            .order_by(
                InspectionFinding.due_date.is_(None),
                InspectionFinding.due_date,
                InspectionFinding.id,
            )
            .limit(limit + 1)
        )
    )


# -- who may be present -------------------------------------------------------


def member_candidates(unit: Unit, year: int | None = None) -> list[User]:
    """Council members assigned to the unit (in `year`, or any year) and Office officers."""
    assigned = select(CouncilAssignment.user_id).where(CouncilAssignment.unit_id == unit.id)
    if year is not None:
        assigned = assigned.where(CouncilAssignment.year == year)
    office = select(RoleMembership.user_id).where(RoleMembership.role == Role.OFFICE_ADMIN)
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.organization_id == unit.organization_id,
                User.active.is_(True),
                or_(User.id.in_(assigned), User.id.in_(office)),
            )
            .order_by(User.full_name)
        )
    )


def _check_members(unit: Unit, year: int, member_ids: list[int]) -> list[int]:
    if not member_ids:
        raise RuleError(_("Chọn ít nhất một thành viên tham gia kiểm tra."), "member_ids")
    allowed = {u.id for u in member_candidates(unit, year)}
    if not set(member_ids) <= allowed:
        raise RuleError(
            _(
                "Thành viên tham gia phải là thành viên Hội đồng được phân công phụ trách "
                "đơn vị năm %(year)s hoặc cán bộ Văn phòng Sở.",
                year=year,
            ),
            "member_ids",
        )
    return sorted(set(member_ids))


def _check_fields(inspection_date: date, scope: list[str], method: str, summary: str) -> None:
    if inspection_date > today_vn():
        raise RuleError(_("Ngày kiểm tra không được sau ngày hôm nay."), "inspection_date")
    if not scope or not set(scope) <= {s.value for s in InspectionScope}:
        raise RuleError(_("Chọn ít nhất một nội dung kiểm tra."), "scope")
    if method not in {m.value for m in InspectionMethod}:
        raise RuleError(_("Hình thức kiểm tra không hợp lệ."), "method")
    if not summary.strip():
        raise RuleError(_("Nhập kết quả kiểm tra tóm tắt."), "summary")


def _check_plan_item(plan_item_id: int | None, unit: Unit, year: int) -> int | None:
    if not plan_item_id:
        return None
    item = db.session.get(SupervisionPlanItem, plan_item_id)
    if item is None or item.unit_id != unit.id or item.year != year:
        raise RuleError(
            _("Kế hoạch được chọn không phải của đơn vị này trong năm kiểm tra."), "plan_item_id"
        )
    return item.id


# -- the record ---------------------------------------------------------------


def record_inspection(
    inspector: User,
    unit: Unit,
    *,
    inspection_date: date,
    scope: list[str],
    method: str,
    summary: str,
    member_ids: list[int],
    plan_item_id: int | None = None,
) -> Inspection:
    """A new inspection led by `inspector` (who must be allowed to record it:
    see access.can_record). The caller commits."""
    year = inspection_date.year
    _check_fields(inspection_date, scope, method, summary)
    members = _check_members(unit, year, member_ids)
    inspection = Inspection(
        unit_id=unit.id,
        plan_item_id=_check_plan_item(plan_item_id, unit, year),
        inspection_date=inspection_date,
        year=year,
        scope=[s.value for s in InspectionScope if s.value in scope],
        method=InspectionMethod(method),
        summary=summary.strip(),
        lead_inspector_id=inspector.id,
    )
    inspection.members = [InspectionMember(unit_id=unit.id, user_id=uid) for uid in members]
    db.session.add(inspection)
    db.session.flush()
    return inspection


def update_inspection(
    inspection: Inspection,
    *,
    inspection_date: date,
    scope: list[str],
    method: str,
    summary: str,
    member_ids: list[int],
    plan_item_id: int | None = None,
) -> None:
    """Edit the record; refused (NotAllowedError) once it is signed off."""
    ensure_not_signed(inspection)
    unit = inspection.unit
    year = inspection_date.year
    _check_fields(inspection_date, scope, method, summary)
    members = _check_members(unit, year, member_ids)
    inspection.plan_item_id = _check_plan_item(plan_item_id, unit, year)
    inspection.inspection_date = inspection_date
    inspection.year = year
    inspection.scope = [s.value for s in InspectionScope if s.value in scope]
    inspection.method = InspectionMethod(method)
    inspection.summary = summary.strip()
    for member in list(inspection.members):
        if member.user_id not in members:
            inspection.members.remove(member)
    present = inspection.member_ids
    for user_id in members:
        if user_id not in present:
            inspection.members.append(InspectionMember(unit_id=unit.id, user_id=user_id))


def sign_off(inspection: Inspection, user: User) -> None:
    ensure_not_signed(inspection)
    # Both fields are set with no load in between: an autoflush after the first
    # would make the second an edit of a signed record.
    user_id = user.id
    inspection.signed_off_by_id = user_id
    inspection.signed_off_at = utcnow()


def add_correction(
    inspection: Inspection, author: User, text: str, finding_id: int | None = None
) -> InspectionCorrection:
    """A dated correction of a signed-off record (before sign-off, edit instead)."""
    if not inspection.is_signed_off:
        raise RuleError(
            _("Biên bản chưa ký xác nhận: hãy sửa trực tiếp thay vì thêm đính chính."), "text"
        )
    if not text.strip():
        raise RuleError(_("Nhập nội dung đính chính."), "text")
    if finding_id and finding_id not in {f.id for f in inspection.findings}:
        raise RuleError(_("Kết luận được chọn không thuộc biên bản này."), "finding_id")
    correction = InspectionCorrection(
        unit_id=inspection.unit_id,
        inspection_id=inspection.id,
        finding_id=finding_id or None,
        author_id=author.id,
        text=text.strip(),
    )
    db.session.add(correction)
    db.session.flush()
    return correction


def delete_inspection(inspection: Inspection) -> None:
    """Delete a draft record with its findings, answers and files."""
    ensure_not_signed(inspection)
    response_ids = list(
        db.session.scalars(
            select(FindingResponse.id).where(
                in_ids(FindingResponse.finding_id, [f.id for f in inspection.findings])
            )
        )
    )
    delete_attachments_of(EVIDENCE_OWNER, inspection.id)
    delete_attachments_of(RESPONSE_EVIDENCE_OWNER, response_ids)
    db.session.delete(inspection)


def inspection_file_locked(attachment: Attachment, actor: User) -> bool:
    """An inspection's files are the inspectors' record: closed to the unit, and to
    everyone once it is signed off (the generic evidence routes ask this)."""
    inspection = db.session.get(Inspection, attachment.owner_id)
    if inspection is None or inspection.is_signed_off:
        return True
    return not access.can_edit_record(actor, inspection)


def response_file_locked(attachment: Attachment, actor: User) -> bool:
    """An answer's files may go only while the answer still awaits verification."""
    response = db.session.get(FindingResponse, attachment.owner_id)
    if response is None or response.finding.status != FindingStatus.ANSWERED:
        return True
    return response.finding.responses[-1].id != response.id
