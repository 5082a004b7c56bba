"""Excel exports of a self-assessment (with the Office's review and timeline)."""

from __future__ import annotations

from flask_babel import gettext as _
from openpyxl import Workbook

from portal.assessments.models import SelfAssessment
from portal.assessments.scoring import format_percent
from portal.assessments.services import Comparison
from portal.documents.excel import decimal, new_sheet, percent, write_heading, write_table
from portal.reviews.adapters import review_title
from portal.reviews.models import ReviewEvent
from portal.reviews.states import ReviewState
from portal.reviews.views import timeline_sheet


def assessment_workbook(
    assessment: SelfAssessment, comparison: Comparison, events: list[ReviewEvent]
) -> Workbook:
    workbook, sheet = new_sheet(None, _("Tự đánh giá"))
    row = write_heading(
        sheet,
        [
            review_title(assessment),
            _("Trạng thái: %(state)s", state=ReviewState(assessment.state).label),
            _("Bộ tiêu chuẩn: %(title)s", title=assessment.criteria_set.title),
            _("Tổng điểm tự đánh giá: %(total)s", total=format_percent(comparison.self_total)),
            _("Tổng điểm thẩm định: %(total)s", total=format_percent(comparison.office_total)),
        ],
    )
    headers = [
        _("STT"),
        _("Tiêu chí"),
        _("Bắt buộc"),
        _("Trọng số"),
        _("Điểm tối đa"),
        _("Điểm tự chấm"),
        _("Nhận xét của đơn vị"),
        _("Điểm thẩm định"),
        _("Nhận xét của Văn phòng Sở"),
        _("Chênh lệch"),
    ]
    rows = [
        [
            number,
            line.item.criteria_item.title,
            _("Có") if line.item.criteria_item.required else _("Không"),
            decimal(line.item.criteria_item.weight),
            decimal(line.item.criteria_item.max_score),
            decimal(line.item.self_score),
            line.item.self_comment,
            decimal(line.item.office_score),
            line.item.office_comment,
            decimal(line.difference),
        ]
        for number, line in enumerate(comparison.rows, start=1)
    ]
    rows.append(
        [
            "",
            _("Tổng điểm (quy đổi %)"),
            "",
            "",
            "",
            percent(comparison.self_total),
            assessment.general_comment,
            percent(comparison.office_total),
            assessment.office_comment,
            percent(comparison.total_difference),
        ]
    )
    write_table(sheet, headers, rows, start_row=row)
    timeline_sheet(workbook, events)
    return workbook
