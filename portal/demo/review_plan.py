"""Who did what when in the demo, shared by the self-assessment and annual-report demos:
for each demo unit and year, the review steps its records went through."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from portal.demo.department import UNITS
from portal.extensions import db
from portal.periods.models import PlanPeriod
from portal.reviews.services import transition
from portal.reviews.states import ReviewAction

# Office reasons for returning a record (plan III.5: the Office checks the units' work).
REASONS = [
    "Tiêu chí về mô hình, cách làm hay chưa có minh chứng; đề nghị bổ sung quyết định công "
    "nhận sáng kiến và báo cáo kết quả áp dụng.",
    "Điểm tự chấm tiêu chí tuyên truyền chưa khớp với số tin, bài đã đăng trên Cổng thông tin "
    "điện tử của Sở; đề nghị rà soát lại.",
    "Chưa nêu kết quả bồi dưỡng các nhân tố mới phát hiện trong năm; đề nghị bổ sung số liệu "
    "và nhận xét.",
]


def _step(action: str, year: int, month: int, day: int, reason: int | None = None):
    # 09:30 Vietnam time is 02:30 UTC.
    when = datetime(year, month, day, 2, 30, tzinfo=UTC)
    return (action, when, REASONS[reason] if reason is not None else "")


def scenario(name: str, year: int, shift: int = 0) -> list[tuple[str, datetime, str]]:
    """The steps of a named scenario for `year`, moved `shift` days (so units differ)."""
    nxt = year + 1
    steps = {
        "accepted": [_step("submit", year, 12, 4), _step("accept", year, 12, 18)],
        "returned_then_accepted": [
            _step("submit", year, 12, 2),
            _step("return", year, 12, 6, reason=0),
            _step("submit", year, 12, 11),
            _step("accept", year, 12, 22),
        ],
        "accepted_late": [_step("submit", nxt, 1, 9), _step("accept", nxt, 1, 20)],
        "returned": [_step("submit", year, 12, 10), _step("return", year, 12, 19, reason=1)],
        "submitted_late": [_step("submit", nxt, 1, 8)],
        "resubmitted": [
            _step("submit", year, 12, 3),
            _step("return", year, 12, 9, reason=2),
            _step("submit", nxt, 1, 6),
        ],
        "submitted": [_step("submit", year, 12, 12)],
        "draft": [],
    }[name]
    return [(action, when + timedelta(days=shift), reason) for action, when, reason in steps]


# slug -> {year: scenario}; the last two units have nothing yet (most units report).
PLAN: dict[str, dict[int, str]] = {
    "vanphong": {2023: "accepted", 2024: "accepted", 2025: "draft"},
    "thanhtra": {2023: "accepted", 2024: "returned_then_accepted", 2025: "draft"},
    "khtc": {2023: "returned_then_accepted", 2024: "accepted"},
    "qldd": {2023: "accepted", 2024: "returned"},
    "tnnks": {2023: "accepted_late", 2024: "submitted_late"},
    "moitruong": {2023: "accepted", 2024: "resubmitted", 2025: "draft"},
    "bienhaidao": {2023: "accepted", 2024: "submitted"},
    "cntt": {2023: "accepted", 2024: "accepted_late"},
    "vpdkdd": {2023: "returned_then_accepted", 2024: "returned"},
    "quantrac": {2023: "accepted", 2024: "draft"},
    "ptqd": {2023: "accepted_late", 2024: "accepted"},
    "dangbo": {2023: "accepted", 2024: "submitted"},
}
UNIT_NAMES = {slug: name for slug, name, _kind in UNITS}


def planned() -> list[tuple[int, str, str, int, str]]:
    """(unit number, slug, unit name, year, scenario) of every demo record."""
    rows = []
    for number, (slug, years) in enumerate(PLAN.items()):
        for year, name in years.items():
            rows.append((number, slug, UNIT_NAMES[slug], year, name))
    return rows


def demo_period(org) -> PlanPeriod | None:
    return db.session.scalar(
        select(PlanPeriod).where(
            PlanPeriod.organization_id == org.id, PlanPeriod.name == "2023-2025"
        )
    )


def play(record, steps, coordinator, office, before_review=None) -> None:
    """Run the review steps on `record` at their dates (no notifications: it is history).
    `before_review(action)` is called before each Office action (e.g. to score)."""
    for action, when, reason in steps:
        if action != "submit" and before_review is not None:
            before_review(action)
        actor = coordinator if action == "submit" else office
        transition(record, ReviewAction(action), actor, reason=reason, at=when, notify_people=False)
