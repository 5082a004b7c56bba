"""Demo self-assessments: 2023-2025 for most units, all accepted in the end (some late
or after a return), and the current year's in every state, dated back from "now".
Idempotent."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from portal.accounts.models import User
from portal.assessments.services import (
    ScoreEntry,
    create_assessment,
    current_collective_set,
    find_assessment,
    save_office_scores,
)
from portal.demo.department import OFFICE_EMAIL
from portal.demo.review_plan import (
    demo_period,
    live_planned,
    live_scenario,
    planned,
    play,
    scenario,
    unit_and_coordinator,
)
from portal.demo.timeline import live_period, live_year
from portal.extensions import db
from portal.organizations.models import Organization

COMMENTS = [
    "Đơn vị đã ban hành kế hoạch và tổ chức thực hiện đầy đủ; có biên bản, báo cáo kèm theo.",
    "Có sáng kiến được Hội đồng sáng kiến cấp cơ sở công nhận và áp dụng trong năm.",
    "Phát động phong trào thi đua theo chuyên đề; có nhân tố mới được phát hiện, bồi dưỡng.",
    "Cách làm của đơn vị được giới thiệu trên chuyên mục điển hình của Sở.",
    "Đăng tin, bài trên Cổng thông tin điện tử và trang mạng xã hội của đơn vị.",
    "Nội bộ đoàn kết, không có cán bộ vi phạm kỷ luật trong năm.",
]


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    period = demo_period(org)
    office = db.session.scalar(select(User).where(User.email == OFFICE_EMAIL))
    if period is None or office is None or current_collective_set(period) is None:
        return  # the criteria demo provides the collective criteria
    for number, slug, unit_name, year, name in planned():
        _assessment(
            org, period, office, number, slug, unit_name, year, scenario(name, year, number % 3)
        )
    live = live_period(org)
    if live is None or live.id == period.id or current_collective_set(live) is None:
        return
    year = live_year(live, now)
    for number, slug, unit_name, name in live_planned():
        steps = live_scenario(name, now, shift=number % 3)
        _assessment(org, live, office, number, slug, unit_name, year, steps, draft=name == "draft")


def _assessment(org, period, office, number, slug, unit_name, year, steps, draft=False) -> None:
    """The unit's record of `year` through `steps`, unless it exists."""
    unit, coordinator = unit_and_coordinator(org, slug, unit_name)
    if unit is None or coordinator is None or find_assessment(unit.id, period.id, year):
        return
    assessment = create_assessment(unit.id, period, year)
    _fill(assessment, number, partial=draft)

    def office_review(action: str, record=assessment, number=number) -> None:
        save_office_scores(record, _office_entries(record, number), _conclusion(action))

    play(assessment, steps, coordinator, office, office_review)
    db.session.flush()


def _score(max_score: int, number: int, position: int, year: int) -> Decimal:
    """A plausible score: mostly high, varying by unit, item and year."""
    drop = Decimal((number + position * 2 + year) % 4) / 2
    return max(Decimal(0), Decimal(max_score) - Decimal(1) - drop)


def _fill(assessment, number: int, partial: bool) -> None:
    for position, item in enumerate(assessment.items):
        if partial and position >= 2:
            break  # a draft in progress: only the first items are scored
        item.self_score = _score(item.criteria_item.max_score, number, position, assessment.year)
        item.self_comment = COMMENTS[position % len(COMMENTS)]
    assessment.general_comment = (
        "Đơn vị đã triển khai đầy đủ các nội dung của Kế hoạch; công tác phát hiện, bồi dưỡng "
        "điển hình tiên tiến có chuyển biến tích cực."
    )


def _office_entries(assessment, number: int) -> list[ScoreEntry]:
    entries = []
    for position, item in enumerate(assessment.items):
        score = item.self_score
        if score is not None and (position + number) % 3 == 0:
            score = max(Decimal(0), score - Decimal("0.5"))  # the Office is a little stricter
        comment = "Minh chứng chưa đầy đủ, trừ 0,5 điểm." if score != item.self_score else ""
        entries.append(ScoreEntry(item.id, score, comment))
    return entries


def _conclusion(action: str) -> str:
    if action == "accept":
        return "Kết quả tự đánh giá cơ bản phù hợp với minh chứng; thống nhất chấp nhận."
    return "Đề nghị đơn vị bổ sung minh chứng theo ý kiến của Văn phòng Sở."
