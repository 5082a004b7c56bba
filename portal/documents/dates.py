"""Dates as Vietnamese administrative documents write them (Decree 30/2020/NĐ-CP)."""

from __future__ import annotations

from datetime import date


def place_date_line(place: str, on: date) -> str:
    """'Quảng Bình, ngày 05 tháng 06 năm 2025': days and months below 10 padded."""
    return f"{place}, ngày {on.day:02d} tháng {on.month:02d} năm {on.year}"
