"""The award search as an Excel workbook: dates as dates, amounts as numbers."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _

from portal.awards.models import AwardRecipient
from portal.documents.excel import build_workbook, money, workbook_bytes


def _columns() -> list[str]:
    """The headers; each column is as wide as its contents (portal.documents.excel)."""
    return [
        _("STT"),
        _("Họ tên, tên tập thể"),
        _("Tập thể/Cá nhân"),
        _("Chức vụ"),
        _("Đơn vị"),
        _("Danh hiệu, hình thức khen thưởng"),
        _("Năm"),
        _("Cấp khen thưởng"),
        _("Số quyết định"),
        _("Ngày quyết định"),
        _("Cơ quan ban hành"),
        _("Số tiền thưởng (đồng)"),
    ]


def _row(number: int, r: AwardRecipient) -> list:
    d = r.decision
    return [
        number,
        r.name,
        str(r.kind.label),
        r.position,
        r.unit.name,
        d.form_name,
        d.year,
        str(d.level.label),
        d.number,
        d.decided_on,
        d.issuing_body,
        money(r.amount_vnd),
    ]


def history_workbook(recipients: Iterable[AwardRecipient]) -> bytes:
    """An .xlsx of the recipient rows (decision and unit expected loaded)."""
    rows = (_row(n, r) for n, r in enumerate(recipients, start=1))
    return workbook_bytes(build_workbook([(_("Khen thưởng"), _columns(), rows)]))
