"""The titles and commendations a nominee already received, as the achievement report's
section III prints them. The award history (portal.awards.history) builds these rows;
documents sit below awards and never read the database themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.formatting import format_date


@dataclass(frozen=True)
class PastAward:
    year: int
    name: str  # the title or commendation form, as decided
    number: str  # "125/QĐ-UBND"
    decided_on: date | None
    issuing_body: str  # "Chủ tịch UBND tỉnh Quảng Bình"
    # An emulation title (danh hiệu thi đua) rather than a commendation form (hình
    # thức khen thưởng): the form prints the two in separate tables.
    is_title: bool

    @property
    def decision_text(self) -> str:
        """ "Quyết định số 125/QĐ-UBND ngày 15/03/2024 của Chủ tịch UBND tỉnh …"."""
        parts = [f"Quyết định số {self.number}" if self.number else "Quyết định"]
        if self.decided_on:
            parts.append(f"ngày {format_date(self.decided_on)}")
        if self.issuing_body:
            parts.append(f"của {self.issuing_body}")
        return " ".join(parts)
