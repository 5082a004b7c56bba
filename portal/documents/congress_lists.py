"""Excel lists of the congress nominees and delegates by unit, Vietnamese headers."""

from __future__ import annotations

from pathlib import Path

from portal.documents.congress_records import Cycle, UnitSubmissionRecord
from portal.documents.excel import build_workbook, save_workbook

NOMINEE_HEADERS = [
    "STT",
    "Đơn vị",
    "Tên tập thể, cá nhân",
    "Loại",
    "Chức vụ",
    "Hình thức khen thưởng đề nghị",
    "Lý do đề xuất",
]
DELEGATE_HEADERS = ["STT", "Đơn vị", "Tên tập thể, cá nhân", "Loại", "Đại hội"]


def build_lists(units: list[UnitSubmissionRecord], cycle: Cycle, path: Path) -> Path:
    nominees = [n for unit in units for n in unit.nominees]
    kind = {True: "Tập thể", False: "Cá nhân"}
    commendation = [
        [i, n.unit_name, n.name, kind[n.collective], n.position, n.award_title, n.reason]
        for i, n in enumerate((n for n in nominees if n.award_title), 1)
    ]
    delegates = []
    for n in nominees:
        for flag, congress in (
            (n.sector_delegate, cycle.sector_congress),
            (n.provincial_delegate, cycle.provincial_congress),
        ):
            if flag:
                delegates.append(
                    [len(delegates) + 1, n.unit_name, n.name, kind[n.collective], congress]
                )
    workbook = build_workbook(
        [
            ("Đề nghị khen thưởng", NOMINEE_HEADERS, commendation),
            ("Đại biểu dự Đại hội", DELEGATE_HEADERS, delegates),
        ]
    )
    return save_workbook(workbook, path)
