"""The exemplar list as an Excel workbook, with Vietnamese headers."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _

from portal.documents.excel import build_workbook, workbook_bytes
from portal.exemplars.models import Exemplar


def _columns() -> list[str]:
    """The headers; each column is as wide as its contents (portal.documents.excel)."""
    return [
        _("STT"),
        _("Đơn vị"),
        _("Loại"),
        _("Tên điển hình"),
        _("Chức vụ"),
        _("Lĩnh vực"),
        _("Phong trào thi đua"),
        _("Năm phát hiện"),
        _("Năm công nhận"),
        _("Cấp công nhận"),
        _("Trạng thái"),
        _("Thành tích"),
        _("Sáng kiến"),
        _("Lý do dừng theo dõi"),
    ]


def _row(number: int, e: Exemplar) -> list:
    return [
        number,
        e.unit.name,
        str(e.kind.label),
        e.name,
        e.position,
        e.field_of_work,
        e.movement,
        e.year_identified,
        e.year_recognised,
        str(e.level.label),
        str(e.status.label),
        e.achievements,
        e.initiatives,
        e.drop_reason,
    ]


def exemplars_workbook(exemplars: Iterable[Exemplar]) -> bytes:
    """An .xlsx of the exemplars (unit and person expected loaded)."""
    rows = (_row(number, exemplar) for number, exemplar in enumerate(exemplars, start=1))
    return workbook_bytes(build_workbook([(_("Điển hình tiên tiến"), _columns(), rows)]))
