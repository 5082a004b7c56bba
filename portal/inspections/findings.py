"""Findings and their follow-up: recorded with the inspection, answered by the unit,
verified by the inspector (closed or sent back), as a dated thread."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from portal.accounts.models import Role, RoleMembership, User
from portal.extensions import db
from portal.formatting import format_date
from portal.inspections.access import may_close, may_send_back, unit_people_ids
from portal.inspections.locking import ensure_not_signed
from portal.inspections.models import (
    AWAITING_UNIT,
    FindingResponse,
    FindingSeverity,
    FindingStatus,
    Inspection,
    InspectionFinding,
    ResponseKind,
)
from portal.inspections.services import URL_PREFIX
from portal.models_base import utcnow
from portal.notifications.services import notify
from portal.rules import RuleError


def finding_link(finding: InspectionFinding) -> str:
    return f"{URL_PREFIX}/findings/{finding.id}"


def _owner(inspection: Inspection, owner_user_id: int | None) -> User | None:
    """The owner's account, which must belong to the inspected unit."""
    if not owner_user_id:
        return None
    if owner_user_id not in unit_people_ids(inspection.unit):
        raise RuleError(
            _("Người chịu trách nhiệm phải là người của đơn vị được kiểm tra."),
            "action_owner_user_id",
        )
    return db.session.get(User, owner_user_id)


def _set_content(finding: InspectionFinding, inspection: Inspection, values: dict) -> User | None:
    if values.get("severity") not in {s.value for s in FindingSeverity}:
        raise RuleError(_("Chọn mức độ."), "severity")
    if not (values.get("finding") or "").strip():
        raise RuleError(_("Nhập nội dung phát hiện."), "finding")
    due: date | None = values.get("due_date")
    if due is not None and due < inspection.inspection_date:
        raise RuleError(_("Hạn khắc phục không được trước ngày kiểm tra."), "due_date")
    owner_name = (values.get("action_owner_name") or "").strip()
    owner = _owner(inspection, values.get("action_owner_user_id"))
    finding.severity = FindingSeverity(values["severity"])
    finding.finding = values["finding"].strip()
    finding.recommendation = (values.get("recommendation") or "").strip()
    finding.corrective_action = (values.get("corrective_action") or "").strip()
    finding.action_owner_user_id = owner.id if owner else None
    finding.action_owner_name = "" if owner else owner_name
    finding.due_date = due
    return owner


def _notify_owner(finding: InspectionFinding, owner: User) -> None:
    unit_name = finding.inspection.unit.name
    body = ""
    if finding.due_date:
        body = _("Hạn khắc phục: %(due)s.", due=format_date(finding.due_date))
    notify(
        owner,
        _("Bạn được giao khắc phục một kết luận kiểm tra tại %(unit)s", unit=unit_name),
        "\n".join(x for x in (finding.corrective_action or finding.finding, body) if x),
        finding_link(finding),
        category="finding_assigned",
    )


def add_finding(inspection: Inspection, values: dict) -> InspectionFinding:
    """Add a finding to a record not signed off yet; notify its owner. The caller commits."""
    ensure_not_signed(inspection)
    finding = InspectionFinding(
        unit_id=inspection.unit_id, inspection_id=inspection.id, status=FindingStatus.OPEN
    )
    with db.session.no_autoflush:
        owner = _set_content(finding, inspection, values)
    db.session.add(finding)
    db.session.flush()
    if owner is not None:
        _notify_owner(finding, owner)
    return finding


def update_finding(finding: InspectionFinding, values: dict) -> None:
    """Edit a finding's content before sign-off; a new owner is notified."""
    ensure_not_signed(finding.inspection)
    before = finding.action_owner_user_id
    owner = _set_content(finding, finding.inspection, values)
    if owner is not None and owner.id != before:
        _notify_owner(finding, owner)


def delete_finding(finding: InspectionFinding) -> None:
    ensure_not_signed(finding.inspection)
    if finding.responses:
        raise RuleError(_("Kết luận đã có trả lời của đơn vị, không thể xóa."))
    db.session.delete(finding)


# -- follow-up ----------------------------------------------------------------


def _respond(finding: InspectionFinding, author: User, kind: ResponseKind, body: str):
    response = FindingResponse(
        unit_id=finding.unit_id, finding=finding, kind=kind, author_id=author.id, body=body.strip()
    )
    db.session.add(response)
    db.session.flush()
    return response


def answer(finding: InspectionFinding, author: User, body: str) -> FindingResponse:
    """The unit says what it did. Evidence is attached to the returned response."""
    if finding.status not in AWAITING_UNIT:
        raise RuleError(_("Kết luận này không chờ đơn vị trả lời."), "body")
    if not body.strip():
        raise RuleError(_("Nhập nội dung đã thực hiện."), "body")
    finding.status = FindingStatus.ANSWERED
    response = _respond(finding, author, ResponseKind.ANSWER, body)
    lead = finding.inspection.lead_inspector
    if lead is not None and lead.id != author.id:
        notify(
            lead,
            _("%(unit)s đã trả lời một kết luận kiểm tra", unit=finding.inspection.unit.name),
            body.strip(),
            finding_link(finding),
            category="general",
        )
    return response


def close(finding: InspectionFinding, verifier: User, comment: str = "") -> FindingResponse:
    """Verified: the finding is closed."""
    if not may_close(finding):
        raise RuleError(_("Chỉ đóng kết luận sau khi đơn vị đã trả lời."), "comment")
    finding.status = FindingStatus.CLOSED
    finding.closed_at = utcnow()
    finding.closed_by_id = verifier.id
    return _respond(finding, verifier, ResponseKind.CLOSE, comment)


def send_back(finding: InspectionFinding, verifier: User, comment: str) -> FindingResponse:
    """Not satisfied: back to the unit, with the reason."""
    if not may_send_back(finding):
        raise RuleError(_("Chỉ trả lại kết luận mà đơn vị đã trả lời."), "comment")
    if not comment.strip():
        raise RuleError(_("Nhập lý do trả lại."), "comment")
    finding.status = FindingStatus.SENT_BACK
    response = _respond(finding, verifier, ResponseKind.SEND_BACK, comment)
    title = _("Kết luận kiểm tra bị trả lại, đề nghị đơn vị tiếp tục khắc phục")
    for person in _unit_contacts(finding):
        notify(person, title, comment.strip(), finding_link(finding), category="general")
    return response


def _unit_contacts(finding: InspectionFinding) -> list[User]:
    """The action's owner if they have an account, else the unit's coordinators."""
    if finding.action_owner is not None:
        return [finding.action_owner]
    return list(
        db.session.scalars(
            select(User)
            .join(RoleMembership, RoleMembership.user_id == User.id)
            .where(
                RoleMembership.unit_id == finding.unit_id,
                RoleMembership.role == Role.COORDINATOR,
                User.active.is_(True),
            )
        )
    )
