"""Excel export of an annual report: every section's figures, lists and commentary."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from portal.annualreports.labels import figure_label
from portal.annualreports.models import AnnualReport
from portal.annualreports.sections import PROPOSALS_LABEL, SECTIONS
from portal.documents.excel import new_sheet, put, write_heading, write_table
from portal.formatting import format_date, format_number, format_vnd
from portal.reviews.adapters import review_title
from portal.reviews.models import ReviewEvent
from portal.reviews.states import ReviewState
from portal.reviews.views import timeline_sheet


def iso_date(value: str | None) -> str:
    return format_date(date.fromisoformat(value)) if value else ""


def report_workbook(report: AnnualReport, figures: dict, events: list[ReviewEvent]) -> Workbook:
    workbook, sheet = new_sheet(None, _("Báo cáo năm"))
    frozen = report.snapshot is not None and figures is report.snapshot
    row = write_heading(
        sheet,
        [
            review_title(report),
            _("Trạng thái: %(state)s", state=ReviewState(report.state).label),
            _("Số liệu chốt khi chấp nhận báo cáo")
            if frozen
            else _("Số liệu tính từ dữ liệu hiện có trên cổng"),
        ],
    )
    for number, section in enumerate(SECTIONS, start=1):
        put(sheet, row, 1, f"{number}. {section.title}").font = Font(bold=True)
        row = WRITERS[section.key](sheet, figures, row + 1)
        row = _commentary(
            sheet, row, _("Nhận xét của đơn vị"), getattr(report, section.commentary_field)
        )
        if section.key == "difficulties":
            row = _commentary(sheet, row, str(PROPOSALS_LABEL), report.proposals)
        row += 1
    timeline_sheet(workbook, events)
    return workbook


def _commentary(sheet: Worksheet, row: int, label: str, text: str) -> int:
    put(sheet, row, 1, label).font = Font(italic=True)
    put(sheet, row, 2, text or "")
    return row + 1


def _pairs(sheet: Worksheet, row: int, pairs: list[tuple[str, object]]) -> int:
    return write_table(sheet, [_("Chỉ tiêu"), _("Số liệu")], pairs, start_row=row) - 1


def _detection(sheet: Worksheet, figures: dict, row: int) -> int:
    data, fostering = figures["exemplars"], figures["fostering"]
    pairs = [(_("Tổng số điển hình, nhân tố mới"), data["total"])]
    pairs += [(figure_label("exemplar_status", k), v) for k, v in data["by_status"].items()]
    pairs.append((_("Hoạt động bồi dưỡng hoàn thành trong năm"), fostering["done_count"]))
    row = _pairs(sheet, row, pairs)
    if fostering["done"]:
        headers = [
            _("Điển hình"),
            _("Hình thức hỗ trợ"),
            _("Nội dung"),
            _("Kết quả"),
            _("Ngày hoàn thành"),
        ]
        rows = [
            [
                f["exemplar"],
                figure_label("support_type", f["support_type"]),
                f["description"],
                f["outcome"],
                iso_date(f["completed_on"]),
            ]
            for f in fostering["done"]
        ]
        row = write_table(sheet, headers, rows, start_row=row) - 1
    return row


def _exemplar_rows(exemplars: list[dict]) -> list[list[object]]:
    return [
        [
            e["name"],
            figure_label("exemplar_kind", e["kind"]),
            figure_label("exemplar_status", e["status"]),
            figure_label("exemplar_level", e["level"]),
            e["year_identified"],
            e["year_recognised"] or "",
        ]
        for e in exemplars
    ]


EXEMPLAR_HEADERS = (
    _l("Tên"),
    _l("Loại"),
    _l("Trạng thái"),
    _l("Cấp công nhận"),
    _l("Năm phát hiện"),
    _l("Năm công nhận"),
)


def _exemplars(sheet: Worksheet, figures: dict, row: int) -> int:
    data = figures["exemplars"]
    pairs = [
        (_("Phát hiện trong năm"), len(data["identified"])),
        (_("Được công nhận trong năm"), len(data["recognised"])),
    ]
    if data.get("quota"):
        pairs.append(
            (
                _("Chỉ tiêu 01-02 điển hình/năm"),
                f"{data['quota']['count']} – {figure_label('quota_flag', data['quota']['flag'])}",
            )
        )
    row = _pairs(sheet, row, pairs)
    listed = {e["id"]: e for e in data["identified"] + data["recognised"]}
    headers = [str(h) for h in EXEMPLAR_HEADERS]
    return write_table(sheet, headers, _exemplar_rows(list(listed.values())), start_row=row) - 1


def _propagation(sheet: Worksheet, figures: dict, row: int) -> int:
    data = figures["propagation"]
    pairs = [(_("Số hoạt động"), data["count"])]
    for channel, bucket in data["by_channel"].items():
        label = figure_label("channel", channel)
        pairs.append((label, f"{bucket['count']} – {format_vnd(bucket['cost_vnd'])}"))
    pairs += [
        (_("Tổng kinh phí"), format_vnd(data["total_cost_vnd"])),
        (_("Số lượt người được tiếp cận"), format_number(data["audience"])),
    ]
    row = _pairs(sheet, row, pairs)
    headers = [
        _("Ngày"),
        _("Tiêu đề"),
        _("Hình thức"),
        _("Kênh"),
        _("Kinh phí"),
        _("Lượt tiếp cận"),
    ]
    rows = [
        [
            iso_date(i["date"]),
            i["title"],
            figure_label("activity_type", i["activity_type"]),
            figure_label("channel", i["channel"]),
            format_vnd(i["cost_vnd"]),
            i["audience"],
        ]
        for i in data["items"]
    ]
    return write_table(sheet, headers, rows, start_row=row) - 1


def _training(sheet: Worksheet, figures: dict, row: int) -> int:
    data = figures["training"]
    row = _pairs(
        sheet,
        row,
        [
            (_("Số lượt tập huấn"), data["count"]),
            (_("Số người tham gia"), data["people"]),
            (_("Tổng số giờ"), format_number(data["hours"], 1)),
        ],
    )
    headers = [
        _("Họ tên"),
        _("Khóa tập huấn"),
        _("Đơn vị tổ chức"),
        _("Từ ngày"),
        _("Đến ngày"),
        _("Số giờ"),
    ]
    rows = [
        [
            i["person"],
            i["course"],
            i["organiser"],
            iso_date(i["start_date"]),
            iso_date(i["end_date"]),
            i["hours"],
        ]
        for i in data["items"]
    ]
    row = write_table(sheet, headers, rows, start_row=row) - 1
    budget = figures.get("budget")  # absent from reports frozen before the budget was kept
    return _pairs(sheet, row, _budget_pairs(budget)) if budget else row


def _budget_pairs(data: dict) -> list[tuple[str, object]]:
    """Plan clause IV: the unit's budget of the year against its costs."""

    def money(value: int | None) -> str:
        return "—" if value is None else format_vnd(value)

    return [
        (_("Kinh phí được giao"), money(data["budget_vnd"])),
        (_("Tuyên truyền, nhân rộng"), money(data["by_kind"]["propagation"])),
        (_("Tập huấn, bồi dưỡng cán bộ"), money(data["by_kind"]["training"])),
        (_("Bồi dưỡng điển hình"), money(data["by_kind"]["fostering"])),
        (_("Đã chi"), money(data["spent_vnd"])),
        (_("Còn lại"), money(data["remaining_vnd"])),
    ]


def _inspections(sheet: Worksheet, figures: dict, row: int) -> int:
    data = figures["inspections"]
    pairs = [
        (_("Số cuộc kiểm tra, giám sát"), data["count"]),
        (_("Số kết luận, phát hiện"), data["findings_count"]),
    ]
    pairs += [
        (figure_label("finding_severity", k), v) for k, v in data["findings_by_severity"].items()
    ]
    pairs += [(figure_label("finding_status", k), v) for k, v in data["findings_by_status"].items()]
    row = _pairs(sheet, row, pairs)
    headers = [
        _("Mức độ"),
        _("Nội dung phát hiện"),
        _("Kiến nghị"),
        _("Tình trạng"),
        _("Hạn khắc phục"),
    ]
    rows = [
        [
            figure_label("finding_severity", f["severity"]),
            f["finding"],
            f["recommendation"],
            figure_label("finding_status", f["status"]),
            iso_date(f["due_date"]),
        ]
        for f in data["findings"]
    ]
    return write_table(sheet, headers, rows, start_row=row) - 1


def _difficulties(sheet: Worksheet, figures: dict, row: int) -> int:
    data = figures["difficulties"]
    row = _pairs(
        sheet,
        row,
        [
            (_("Nêu trong năm"), data["raised"]),
            (_("Được trả lời trong năm"), data["answered"]),
            (_("Chưa được trả lời"), data["open"]),
        ],
    )
    headers = [_("Nội dung"), _("Tình trạng"), _("Ngày nêu"), _("Ngày trả lời"), _("Trả lời")]
    rows = [
        [
            i["title"],
            figure_label("difficulty_status", i["status"]),
            iso_date(i["raised_on"]),
            iso_date(i["answered_on"]),
            i["answer"],
        ]
        for i in data["items"]
    ]
    return write_table(sheet, headers, rows, start_row=row) - 1


def _commendation(sheet: Worksheet, figures: dict, row: int) -> int:
    headers = [str(h) for h in EXEMPLAR_HEADERS]
    return write_table(sheet, headers, _exemplar_rows(figures["commendations"]), start_row=row) - 1


WRITERS: dict[str, Callable[[Worksheet, dict, int], int]] = {
    "detection": _detection,
    "exemplars": _exemplars,
    "propagation": _propagation,
    "training": _training,
    "inspections": _inspections,
    "difficulties": _difficulties,
    "commendation": _commendation,
}
