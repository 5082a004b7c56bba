"""Who did what when in the demo, shared by the self-assessment and annual-report demos:
for each demo unit and year of the history, and for the current year, the review steps
its records went through."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from portal.accounts.models import User
from portal.demo.department import UNITS, coordinator_email
from portal.demo.timeline import days_before, history_period
from portal.extensions import db
from portal.organizations.models import Organization, Unit
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


# History, slug -> {year: scenario}: every record of 2023-2025 was accepted in the
# end, some late or after a return. Công đoàn Sở never reported, Đoàn Thanh niên Sở
# not for 2025: the only units overdue in those years.
PLAN: dict[str, dict[int, str]] = {
    "vanphong": {2023: "accepted", 2024: "accepted", 2025: "accepted"},
    "thanhtra": {2023: "accepted", 2024: "returned_then_accepted", 2025: "accepted"},
    "khtc": {2023: "returned_then_accepted", 2024: "accepted", 2025: "accepted"},
    "qldd": {2023: "accepted", 2024: "returned_then_accepted", 2025: "accepted_late"},
    "tnnks": {2023: "accepted_late", 2024: "accepted_late", 2025: "accepted"},
    "moitruong": {2023: "accepted", 2024: "returned_then_accepted", 2025: "accepted"},
    "bienhaidao": {2023: "accepted", 2024: "accepted", 2025: "returned_then_accepted"},
    "cntt": {2023: "accepted", 2024: "accepted_late", 2025: "accepted"},
    "vpdkdd": {2023: "returned_then_accepted", 2024: "accepted", 2025: "accepted"},
    "quantrac": {2023: "accepted", 2024: "accepted", 2025: "accepted_late"},
    "ptqd": {2023: "accepted_late", 2024: "accepted", 2025: "accepted"},
    "dangbo": {2023: "accepted", 2024: "accepted", 2025: "accepted"},
    "doanthanhnien": {2023: "accepted", 2024: "accepted_late"},
}
# Now, slug -> scenario of the current year's record, its steps counted back from
# "now": some accepted, some waiting for the Office, one returned, drafts; Công đoàn
# Sở and Đoàn Thanh niên Sở have not started.
LIVE: dict[str, str] = {
    "vanphong": "accepted",
    "thanhtra": "submitted",
    "khtc": "accepted",
    "qldd": "returned",
    "tnnks": "draft",
    "moitruong": "submitted",
    "bienhaidao": "draft",
    "cntt": "accepted",
    "vpdkdd": "resubmitted",
    "quantrac": "draft",
    "ptqd": "submitted",
    "dangbo": "draft",
}
# Live scenario -> (action, days before now, reason number).
LIVE_STEPS: dict[str, list[tuple[str, int, int | None]]] = {
    "accepted": [("submit", 18, None), ("accept", 8, None)],
    "submitted": [("submit", 3, None)],
    "returned": [("submit", 14, None), ("return", 6, 1)],
    "resubmitted": [("submit", 20, None), ("return", 12, 2), ("submit", 2, None)],
    "draft": [],
}
UNIT_NAMES = {slug: name for slug, name, _kind in UNITS}


def planned() -> list[tuple[int, str, str, int, str]]:
    """(unit number, slug, unit name, year, scenario) of every record of the history."""
    rows = []
    for number, (slug, years) in enumerate(PLAN.items()):
        for year, name in years.items():
            rows.append((number, slug, UNIT_NAMES[slug], year, name))
    return rows


def live_planned() -> list[tuple[int, str, str, str]]:
    """(unit number, slug, unit name, scenario) of every record of the current year."""
    return [(n, slug, UNIT_NAMES[slug], name) for n, (slug, name) in enumerate(LIVE.items())]


def live_scenario(name: str, now: datetime | None, shift: int = 0):
    """The steps of a live scenario, dated back from `now` (`shift` days earlier)."""
    return [
        (action, days_before(now, days + shift), REASONS[reason] if reason is not None else "")
        for action, days, reason in LIVE_STEPS[name]
    ]


def demo_period(org) -> PlanPeriod | None:
    """The 2023-2025 plan, the period of the history."""
    return history_period(org)


def unit_and_coordinator(org: Organization, slug: str, unit_name: str):
    """The demo unit named `unit_name` and its coordinator (either None when missing)."""
    unit = db.session.scalar(
        select(Unit).where(Unit.organization_id == org.id, Unit.name == unit_name)
    )
    coordinator = db.session.scalar(select(User).where(User.email == coordinator_email(slug)))
    return unit, coordinator


def play(record, steps, coordinator, office, before_review=None) -> None:
    """Run the review steps on `record` at their dates (no notifications: it is history).
    `before_review(action)` is called before each Office action (e.g. to score)."""
    for action, when, reason in steps:
        if action != "submit" and before_review is not None:
            before_review(action)
        actor = coordinator if action == "submit" else office
        transition(record, ReviewAction(action), actor, reason=reason, at=when, notify_people=False)
