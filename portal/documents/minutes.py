"""Biên bản (minutes) of the council's consideration round, with the vote results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from portal.documents import word
from portal.documents.congress_records import Cycle, Issuer
from portal.formatting import format_date


@dataclass(frozen=True)
class VoteRow:
    nominee: str
    award_title: str
    total: int
    agree: int
    disagree: int
    abstain: int
    passed: bool


@dataclass(frozen=True)
class MinutesRecord:
    title: str
    meeting_date: date
    location: str
    rows: list[VoteRow]


def build_minutes(minutes: MinutesRecord, issuer: Issuer, cycle: Cycle, path: Path) -> Path:
    document = word.new_document()
    word.add_letterhead(
        document,
        word.Letterhead(
            issuer.parent_body,
            issuer.name,
            f"Số: .../BB-{issuer.code}",
            issuer.place,
            minutes.meeting_date,
        ),
    )
    word.add_title(document, "Biên bản", f"Họp Hội đồng Thi đua - Khen thưởng: {minutes.title}")
    word.add_body(
        document,
        f"Thời gian: ngày {format_date(minutes.meeting_date)}. "
        f"Địa điểm: {minutes.location or issuer.name}.",
    )
    word.add_body(document, "Kết quả bỏ phiếu của Hội đồng như sau:")
    rows = [
        [
            i,
            r.nominee,
            r.award_title,
            r.total,
            r.agree,
            r.disagree,
            r.abstain,
            "Đạt" if r.passed else "Không đạt",
        ]
        for i, r in enumerate(minutes.rows, 1)
    ]
    word.add_table(
        document,
        [
            "STT",
            "Tập thể, cá nhân",
            "Hình thức",
            "Tổng số",
            "Đồng ý",
            "Không đồng ý",
            "Không ý kiến",
            "Kết quả",
        ],
        rows,
        [1, 3.8, 3.6, 1.4, 1.4, 1.7, 1.7, 1.9],
        size=11,
    )
    passed = sum(1 for r in minutes.rows if r.passed)
    word.add_body(document, f"Số đề nghị đạt: {passed}/{len(minutes.rows)}.")
    word.add_signature(
        document,
        word.Signature("", "Chủ tịch Hội đồng", cycle.signer_name, ["Lưu: VT, VP."]),
    )
    return word.save(document, path)
