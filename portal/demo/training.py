"""Demo training records: courses the demo units' coordinators and staff attended, 2023-2025."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from portal.accounts.models import User
from portal.demo.department import UNITS, coordinator_email, staff_email
from portal.extensions import db
from portal.organizations.models import Organization, Unit
from portal.training.models import TrainingRecord

COURSES = {
    "thidua": (
        "Bồi dưỡng nghiệp vụ công tác thi đua, khen thưởng",
        "Ban Thi đua - Khen thưởng tỉnh Quảng Bình (Sở Nội vụ)",
        16,
    ),
    "vietbai": (
        "Tập huấn kỹ năng viết tin, bài tuyên truyền gương điển hình tiên tiến",
        "Hội Nhà báo tỉnh Quảng Bình",
        8,
    ),
    "baocaovien": (
        "Bồi dưỡng báo cáo viên, tuyên truyền viên cơ sở",
        "Ban Tuyên giáo Tỉnh ủy Quảng Bình",
        24,
    ),
    "nganh": (
        "Tập huấn nghiệp vụ thi đua, khen thưởng ngành tài nguyên và môi trường (trực tuyến)",
        "Vụ Thi đua, Khen thưởng và Truyền thông - Bộ TN&MT",
        12,
    ),
    "congthongtin": (
        "Hướng dẫn sử dụng Cổng điển hình tiên tiến của Sở",
        "Văn phòng Sở TN&MT Quảng Bình",
        4,
    ),
}

# (unit slug, who: "coordinator" | staff number | a free name, course key, start, end)
RECORDS = [
    ("vanphong", "coordinator", "thidua", date(2023, 6, 12), date(2023, 6, 13)),
    ("moitruong", "coordinator", "thidua", date(2023, 6, 12), date(2023, 6, 13)),
    ("qldd", "coordinator", "thidua", date(2023, 6, 12), date(2023, 6, 13)),
    ("moitruong", 1, "vietbai", date(2023, 9, 21), date(2023, 9, 21)),
    ("cntt", 1, "vietbai", date(2023, 9, 21), date(2023, 9, 21)),
    ("doanthanhnien", "coordinator", "baocaovien", date(2024, 4, 8), date(2024, 4, 10)),
    ("congdoan", "Lê Thị Thu Hà (Ban nữ công)", "baocaovien", date(2024, 4, 8), date(2024, 4, 10)),
    ("bienhaidao", "coordinator", "nganh", date(2024, 10, 15), date(2024, 10, 16)),
    ("quantrac", 2, "nganh", date(2024, 10, 15), date(2024, 10, 16)),
    ("vpdkdd", "coordinator", "congthongtin", date(2025, 3, 5), date(2025, 3, 5)),
    ("tnnks", "coordinator", "congthongtin", date(2025, 3, 5), date(2025, 3, 5)),
    ("thanhtra", 1, "vietbai", date(2025, 5, 20), date(2025, 5, 20)),
]


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    names = {slug: name for slug, name, _kind in UNITS}
    units = {
        u.name: u for u in db.session.scalars(select(Unit).where(Unit.organization_id == org.id))
    }
    for slug, who, course_key, start, end in RECORDS:
        unit = units.get(names.get(slug, ""))
        if unit is None:
            continue
        person = _person(slug, who)
        person_name = person.full_name if person else str(who)
        course, organiser, hours = COURSES[course_key]
        exists = db.session.scalar(
            select(TrainingRecord.id).where(
                TrainingRecord.unit_id == unit.id,
                TrainingRecord.person_name == person_name,
                TrainingRecord.course == course,
                TrainingRecord.start_date == start,
            )
        )
        if exists is None:
            db.session.add(
                TrainingRecord(
                    unit_id=unit.id,
                    person_user_id=person.id if person else None,
                    person_name=person_name,
                    course=course,
                    organiser=organiser,
                    start_date=start,
                    end_date=end,
                    hours=hours,
                )
            )
    db.session.flush()


def _person(slug: str, who) -> User | None:
    if who == "coordinator":
        email = coordinator_email(slug)
    elif isinstance(who, int):
        email = staff_email(slug, who)
    else:
        return None
    return db.session.scalar(select(User).where(User.email == email))
