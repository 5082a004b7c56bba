"""Who signs each document, from data: the organization's signer for each kind of
document (DocumentSigner, set by the Office), the unit's head (Unit.head_name and
head_position, set by the Office or the unit's coordinator), and the check that a
unit has a named head before it submits (called by the congress submission)."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import gettext as _
from sqlalchemy import select

from portal.documents.congress_records import Issuer, SignerRecord, UnitSigners
from portal.documents.models import DocumentSigner
from portal.extensions import db
from portal.msgids import N_
from portal.organizations.models import Organization, Unit


class SignerKind(StrEnum):
    PROPOSAL = "proposal"  # the Department's tờ trình
    YEARLY_REPORT = "yearly_report"  # the Department's yearly consolidated report
    CERTIFICATION = "certification"  # certifies a unit's collective achievement report


SIGNER_KINDS = {
    SignerKind.PROPOSAL: N_("Tờ trình đề nghị khen thưởng của Sở"),
    SignerKind.YEARLY_REPORT: N_("Báo cáo tổng hợp năm của Sở"),
    SignerKind.CERTIFICATION: N_("Xác nhận báo cáo thành tích của tập thể (cấp trình khen thưởng)"),
}


def organization_signers(organization_id: int) -> dict[str, DocumentSigner]:
    rows = db.session.scalars(
        select(DocumentSigner).where(DocumentSigner.organization_id == organization_id)
    )
    return {row.kind: row for row in rows}


def issuer_of(organization: Organization) -> Issuer:
    """The organization as the documents print it, with its signers."""
    signers = organization_signers(organization.id)
    return Issuer(
        parent_body=organization.parent_body or "",
        name=organization.name,
        code=organization.document_code or "",
        place=organization.province or "",
        signers=tuple(
            (kind, SignerRecord(row.authority, row.position, row.name))
            for kind, row in sorted(signers.items())
            if row.position or row.name
        ),
    )


def unit_signers(unit: Unit) -> UnitSigners:
    """The head signs; or, when the unit says so, the deputy on the head's behalf
    (Decree 30, Appendix I, II.7.b: "KT." before the head's position)."""
    head = None
    position = unit.head_position.strip() or "Thủ trưởng đơn vị"
    if unit.deputy_signs and unit.deputy_name.strip():
        deputy_position = unit.deputy_position.strip() or f"Phó {position}"
        head = SignerRecord(f"KT. {position}", deputy_position, unit.deputy_name.strip())
    elif unit.head_name.strip():
        head = SignerRecord("", position, unit.head_name.strip())
    return UnitSigners(code=unit.document_code or "", head=head)


def unit_signer_problem(unit: Unit) -> str | None:
    """Why the unit cannot submit documents it must sign (None: it can)."""
    if unit.head_name.strip():
        return None
    return _(
        "Đơn vị chưa có họ tên Thủ trưởng để ký tờ trình và báo cáo thành tích: nhập tại "
        "“Người ký văn bản” trên trang của đơn vị (đầu mối) hoặc Quản trị > Đơn vị "
        "(Văn phòng Sở), rồi gửi lại."
    )


def save_unit_signers(unit: Unit, values: dict) -> None:
    def value(name: str) -> str:
        return (values.get(name) or "").strip()

    unit.document_code = value("document_code").upper()
    unit.head_name, unit.head_position = value("head_name"), value("head_position")
    unit.deputy_name, unit.deputy_position = value("deputy_name"), value("deputy_position")
    unit.deputy_signs = bool(values.get("deputy_signs"))


def save_organization_settings(organization: Organization, code: str, signers: dict) -> None:
    """The abbreviation and, per kind, (authority, position, name)."""
    organization.document_code = code.strip().upper()
    existing = organization_signers(organization.id)
    for kind in SignerKind:
        authority, position, name = (v.strip() for v in signers.get(kind, ("", "", "")))
        row = existing.get(kind)
        if row is None:
            row = DocumentSigner(organization_id=organization.id, kind=str(kind))
            db.session.add(row)
        row.authority, row.position, row.name = authority.upper(), position.upper(), name
    db.session.flush()
