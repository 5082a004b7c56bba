"""The propagation log as an Excel workbook, with the totals of the filter."""

from __future__ import annotations

from flask import Response
from flask_babel import gettext as _

from portal.documents.excel import count, money, xlsx_response
from portal.formatting import today_vn
from portal.propagation.models import PropagationActivity
from portal.propagation.services import Totals


def activities_export(activities: list[PropagationActivity], totals: Totals) -> Response:
    headers = [
        _("STT"),
        _("Đơn vị"),
        _("Ngày thực hiện"),
        _("Hình thức"),
        _("Kênh"),
        _("Tiêu đề"),
        _("Đường dẫn"),
        _("Số người được tiếp cận"),
        _("Kinh phí (đồng)"),
        _("Đơn vị giao lưu, tham quan"),
        _("Điển hình được tuyên truyền"),
        _("Mô tả, kết quả"),
    ]
    rows: list[list[object]] = [
        [
            index,
            a.unit.name,
            a.activity_date,
            str(a.activity_type.label),
            str(a.channel.label),
            a.title,
            a.link,
            count(a.audience_reached),
            money(a.cost_vnd),
            a.partner_unit,
            "; ".join(e.name for e in a.exemplars),
            a.description,
        ]
        for index, a in enumerate(activities, start=1)
    ]
    rows.append(
        [
            "",
            _("Tổng cộng: %(n)s hoạt động", n=totals.count),
            None,
            "",
            "",
            "",
            "",
            count(totals.audience),
            money(totals.cost_vnd),
            "",
            "",
            "",
        ]
    )
    return xlsx_response(
        f"hoat-dong-tuyen-truyen-{today_vn():%Y%m%d}.xlsx",
        [(_("Hoạt động tuyên truyền"), headers, rows)],
    )
