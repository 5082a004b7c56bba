"""Demo annual reports: for 2023-2025 and the current year, in the same states as the
units' self-assessments (see `review_plan`); each commentary speaks for its section.
Idempotent."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from portal.accounts.models import User
from portal.annualreports.services import (
    create_report,
    find_report,
    set_commendations,
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
from portal.exemplars.queries import exemplar_choices
from portal.extensions import db
from portal.organizations.models import Organization

COMMENTARY = {
    "detection_commentary": (
        "Năm {year}, đơn vị bám sát các phong trào thi đua để phát hiện nhân tố mới; các nhân tố "
        "được giao người theo dõi, hỗ trợ về chuyên môn và tạo điều kiện tham gia tập huấn."
    ),
    "exemplars_commentary": (
        "Đơn vị xây dựng điển hình theo chỉ tiêu 01-02 điển hình/năm của Kế hoạch; các điển hình "
        "được lựa chọn có thành tích nổi bật, có sáng kiến áp dụng thực tế."
    ),
    "propagation_commentary": (
        "Kết hợp hình thức truyền thống (hội nghị, sinh hoạt chuyên đề) với hình thức trực tuyến "
        "(Cổng thông tin điện tử, trang mạng xã hội của đơn vị)."
    ),
    "training_commentary": (
        "Cử cán bộ làm công tác thi đua, khen thưởng và tuyên truyền tham gia các lớp tập huấn "
        "nghiệp vụ do Sở Nội vụ và Bộ tổ chức."
    ),
    "inspections_commentary": (
        "Đơn vị tiếp thu ý kiến của Đoàn kiểm tra, đã khắc phục các tồn tại về hồ sơ, minh chứng "
        "của điển hình."
    ),
    "difficulties_commentary": (
        "Kinh phí cho công tác tuyên truyền còn hạn chế; cán bộ làm công tác thi đua kiêm nhiệm "
        "nhiều việc."
    ),
    "proposals": (
        "Đề nghị Sở bố trí kinh phí tuyên truyền điển hình tiên tiến và tổ chức tập huấn nghiệp "
        "vụ hằng năm cho cán bộ thi đua."
    ),
    "commendation_commentary": (
        "Đơn vị đề nghị Sở xem xét, khen thưởng các điển hình có thành tích xuất sắc trong năm."
    ),
}


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    period = demo_period(org)
    office = db.session.scalar(select(User).where(User.email == OFFICE_EMAIL))
    if period is None or office is None:
        return
    for number, slug, unit_name, year, name in planned():
        # Reports go in a couple of days after the self-assessment.
        steps = scenario(name, year, shift=number % 3 + 2)
        _report(org, period, office, slug, unit_name, year, steps)
    live = live_period(org)
    if live is None or live.id == period.id:
        return
    year = live_year(live, now)
    for number, slug, unit_name, name in live_planned():
        # The same day as the self-assessment, and an hour later.
        steps = [
            (action, when + timedelta(hours=1), reason)
            for action, when, reason in live_scenario(name, now, shift=number % 3)
        ]
        _report(org, live, office, slug, unit_name, year, steps, draft=name == "draft")


def _report(org, period, office, slug, unit_name, year, steps, draft=False) -> None:
    """The unit's report of `year` through `steps`, unless it exists."""
    unit, coordinator = unit_and_coordinator(org, slug, unit_name)
    if unit is None or coordinator is None or find_report(unit.id, period.id, year):
        return
    report = create_report(unit.id, period, year)
    _write(report, partial=draft)
    play(report, steps, coordinator, office)
    db.session.flush()


def _write(report, partial: bool) -> None:
    for number, (field, text) in enumerate(COMMENTARY.items()):
        if partial and number >= 2:
            break  # a draft in progress
        setattr(report, field, text.format(year=report.year))
    if not partial:
        chosen = [
            e.id
            for e in exemplar_choices(report.unit_id)
            if (e.year_recognised or e.year_identified) == report.year
        ][:2]
        set_commendations(report, chosen)
