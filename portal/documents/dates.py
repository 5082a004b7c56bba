"""Dates as Vietnamese administrative documents write them (Decree 30/2020/NĐ-CP,
Appendix I, Part I, II.4.b: "đối với những số thể hiện ngày nhỏ hơn 10 và tháng 1, 2
phải ghi thêm số 0 phía trước"; the appendix's example: "ngày 05 tháng 01 năm 2020",
"ngày 29 tháng 6 năm 2019")."""

from __future__ import annotations

from datetime import date


def day_month_year(on: date) -> str:
    """'ngày 05 tháng 01 năm 2025', 'ngày 25 tháng 6 năm 2025': days below 10 and the
    months 1 and 2 only take a leading zero."""
    month = f"{on.month:02d}" if on.month <= 2 else str(on.month)
    return f"ngày {on.day:02d} tháng {month} năm {on.year}"


def place_date_line(place: str, on: date) -> str:
    return f"{place}, {day_month_year(on)}"
