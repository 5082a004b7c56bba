"""The award search as an Excel workbook: dates as dates, amounts as numbers."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from openpyxl.utils import get_column_letter

from portal.awards.models import AwardRecipient
from portal.documents.excel import build_workbook, workbook_bytes

AMOUNT_FORMAT = "#,##0"


def _columns() -> list[tuple[str, int]]:
    return [
        (_("STT"), 6),
        (_("Họ tên, tên tập thể"), 30),
        (_("Tập thể/Cá nhân"), 12),
        (_("Chức vụ"), 20),
        (_("Đơn vị"), 26),
        (_("Danh hiệu, hình thức khen thưởng"), 34),
        (_("Năm"), 8),
        (_("Cấp khen thưởng"), 18),
        (_("Số quyết định"), 18),
        (_("Ngày quyết định"), 14),
        (_("Cơ quan ban hành"), 30),
        (_("Số tiền thưởng (đồng)"), 16),
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
        r.amount_vnd,
    ]


def history_workbook(recipients: Iterable[AwardRecipient]) -> bytes:
    """An .xlsx of the recipient rows (decision and unit expected loaded)."""
    rows = (_row(n, r) for n, r in enumerate(recipients, start=1))
    workbook = build_workbook([(_("Khen thưởng"), _columns(), rows)])
    sheet = workbook.active
    amount = get_column_letter(len(_columns()))
    for cell in sheet[amount][1:]:
        cell.number_format = AMOUNT_FORMAT
    return workbook_bytes(workbook)
