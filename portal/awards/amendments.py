"""Dated amendments of an issued decision: the decision stays locked, and each
correction (a number or date typo, a recipient's name, position or amount) is applied
through an amendment that says when, why and what changed (and the audit log keeps
the before and after)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.accounts.models import User
from portal.awards.models import AwardAmendment, AwardDecision
from portal.awards.services import require_amount, require_unique_number
from portal.fields import parse_vn_date
from portal.formatting import format_date, format_vnd, today_vn
from portal.rules import RuleError
from portal.textsearch import fold

# What an amendment may change: the decision's fields, then each recipient's.
DECISION_FIELDS = {
    "number": _l("Số quyết định"),
    "decided_on": _l("Ngày quyết định"),
    "issuing_body": _l("Cơ quan ban hành"),
    "signer_name": _l("Người ký"),
    "form_name": _l("Tên danh hiệu, hình thức khen thưởng"),
}
RECIPIENT_FIELDS = {
    "name": _l("tên"),
    "position": _l("chức vụ"),
    "amount_vnd": _l("số tiền thưởng"),
}


def target_choices(decision: AwardDecision) -> list[tuple[str, str]]:
    """(value, label) of what can be corrected: "decision:FIELD" or "recipient:ID:FIELD"."""
    options = [(f"decision:{name}", str(label)) for name, label in DECISION_FIELDS.items()]
    for recipient in decision.recipients:
        for name, label in RECIPIENT_FIELDS.items():
            options.append((f"recipient:{recipient.id}:{name}", f"{recipient.name}: {label}"))
    return options


def _shown(value: object) -> str:
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, int):
        return format_vnd(value)
    return "" if value is None else str(value)


def _parse(name: str, text: str) -> object:
    text = text.strip()
    if name == "decided_on":
        value = parse_vn_date(text)
        if value is None:
            raise RuleError(_("Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy."), "new_value")
        if value > today_vn():
            raise RuleError(_("Ngày quyết định không được sau ngày hôm nay."), "new_value")
        return value
    if name == "amount_vnd":
        if not text:
            return None
        digits = text.replace(".", "").replace(" ", "").replace("đ", "").replace("₫", "")
        if digits.startswith("-") and digits[1:].isdigit():
            require_amount(-1, "new_value")
        if not digits.isdigit():
            raise RuleError(_("Nhập số tiền là số nguyên, ví dụ 1.500.000."), "new_value")
        return int(digits)
    if not text and name != "position":
        raise RuleError(_("Nhập giá trị mới."), "new_value")
    return " ".join(text.split())


def add_amendment(
    decision: AwardDecision,
    actor: User,
    amended_on: date,
    reason: str,
    target: str,
    new_value: str,
) -> AwardAmendment:
    """Apply the correction to the issued decision and record it."""
    if not decision.is_issued:
        raise RuleError(_("Quyết định còn là dự thảo: hãy sửa trực tiếp."), "target")
    if amended_on > today_vn():
        raise RuleError(_("Ngày đính chính không được sau ngày hôm nay."), "amended_on")
    if decision.decided_on and amended_on < decision.decided_on:
        raise RuleError(_("Ngày đính chính không được trước ngày quyết định."), "amended_on")
    if not reason.strip():
        raise RuleError(_("Nhập lý do đính chính."), "reason")
    if target not in dict(target_choices(decision)):
        raise RuleError(_("Chọn nội dung cần đính chính trong danh sách."), "target")
    parts = target.split(":")
    name = parts[-1]
    row = decision
    label = str(DECISION_FIELDS.get(name, ""))
    if parts[0] == "recipient":
        row = next(r for r in decision.recipients if r.id == int(parts[1]))
        label = f"{row.name} – {RECIPIENT_FIELDS[name]}"
    value = _parse(name, new_value)
    if name in ("number", "issuing_body"):
        number = str(value) if name == "number" else decision.number
        body = str(value) if name == "issuing_body" else decision.issuing_body
        require_unique_number(decision.organization_id, number, body, decision.year, decision.id)
    before = getattr(row, name)
    if before == value:
        raise RuleError(_("Giá trị mới giống giá trị đang có."), "new_value")
    setattr(row, name, value)
    if parts[0] == "recipient" and name == "name":
        row.name_key = fold(str(value))
    amendment = AwardAmendment(
        amended_on=amended_on,
        reason=reason.strip(),
        changes=f"{label}: «{_shown(before)}» → «{_shown(value)}»",
        by_id=actor.id,
    )
    decision.amendments.append(amendment)
    return amendment
