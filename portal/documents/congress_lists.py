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
DELEGATE_HEADERS = [
    "STT",
    "Họ và tên",
    "Năm sinh",
    "Giới tính",
    "Dân tộc",
    "Chức vụ",
    "Đơn vị",
    "Đảng viên",
    "Trình độ chuyên môn, lý luận chính trị",
    "Đại diện cho tập thể",
]
SECTOR_SHEET = "Đại biểu Đại hội ngành"
PROVINCIAL_SHEET = "Đại biểu Đại hội tỉnh"


def delegate_rows(units: list[UnitSubmissionRecord], provincial: bool) -> list[list[object]]:
    """One row per person sent to the sector's (or the province's) congress; the year
    of birth and the number are numbers, not text."""
    rows: list[list[object]] = []
    for unit in units:
        for n in unit.nominees:
            chosen = n.provincial_delegate if provincial else n.sector_delegate
            if not chosen or n.delegate is None:
                continue
            d = n.delegate
            rows.append(
                [
                    len(rows) + 1,
                    d.name,
                    d.birth_year,
                    d.gender,
                    d.ethnicity,
                    d.position,
                    d.unit_name,
                    "Đảng viên" if d.party_member else "",
                    d.qualifications,
                    d.represents,
                ]
            )
    return rows


def delegate_sheets(units: list[UnitSubmissionRecord]) -> list:
    return [
        (SECTOR_SHEET, DELEGATE_HEADERS, delegate_rows(units, provincial=False)),
        (PROVINCIAL_SHEET, DELEGATE_HEADERS, delegate_rows(units, provincial=True)),
    ]


def build_lists(units: list[UnitSubmissionRecord], cycle: Cycle, path: Path) -> Path:
    nominees = [n for unit in units for n in unit.nominees]
    kind = {True: "Tập thể", False: "Cá nhân"}
    commendation = [
        [i, n.unit_name, n.name, kind[n.collective], n.position, n.award_title, n.reason]
        for i, n in enumerate((n for n in nominees if n.award_title), 1)
    ]
    workbook = build_workbook(
        [("Đề nghị khen thưởng", NOMINEE_HEADERS, commendation), *delegate_sheets(units)]
    )
    return save_workbook(workbook, path)
