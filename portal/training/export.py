"""Training records as an Excel workbook."""

from __future__ import annotations

from flask import Response
from flask_babel import gettext as _

from portal.documents.excel import decimal, xlsx_response
from portal.formatting import today_vn
from portal.training.models import TrainingRecord


def records_export(records: list[TrainingRecord], total_hours: float) -> Response:
    headers = [
        _("STT"),
        _("Đơn vị"),
        _("Họ và tên"),
        _("Khóa tập huấn"),
        _("Đơn vị tổ chức"),
        _("Từ ngày"),
        _("Đến ngày"),
        _("Số giờ"),
        _("Ghi chú"),
    ]
    rows: list[list[object]] = [
        [
            index,
            r.unit.name,
            r.person_name,
            r.course,
            r.organiser,
            r.start_date,
            r.end_date,
            decimal(r.hours, 1),
            r.notes,
        ]
        for index, r in enumerate(records, start=1)
    ]
    rows.append(
        [
            "",
            _("Tổng cộng: %(n)s lượt", n=len(records)),
            "",
            "",
            "",
            None,
            None,
            decimal(total_hours, 1),
            "",
        ]
    )
    return xlsx_response(f"tap-huan-{today_vn():%Y%m%d}.xlsx", [(_("Tập huấn"), headers, rows)])
