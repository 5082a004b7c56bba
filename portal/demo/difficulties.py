"""Demo difficulties: what units asked the Department, answered back then, and a recent
one still open."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from portal.accounts.models import User
from portal.demo.department import OFFICE_EMAIL, UNITS, coordinator_email
from portal.demo.timeline import days_before
from portal.difficulties.models import Difficulty, DifficultyStatus
from portal.extensions import db
from portal.organizations.models import Organization, Unit

DIFFICULTIES = [
    {
        "unit": "moitruong",
        "title": "Chưa có định mức kinh phí cho tuyên truyền điển hình tiên tiến",
        "description": "Kế hoạch giao mỗi đơn vị tổ chức tuyên truyền, tham quan học tập mô hình "
        "nhưng dự toán năm 2024 của Phòng chưa có khoản chi riêng. Đề nghị Sở hướng dẫn nguồn "
        "kinh phí và mức chi cho viết bài, đăng tin, tổ chức giao lưu.",
        "raised": datetime(2024, 3, 11, 2, 30, tzinfo=UTC),
        "answer": "Văn phòng Sở đã tổng hợp vào dự toán chi thường xuyên năm 2024 (mục chi "
        "tuyên truyền). Mức chi nhuận bút, tổ chức hội nghị áp dụng theo Quyết định của UBND "
        "tỉnh về chế độ chi hội nghị, công tác phí. Đơn vị lập dự trù gửi Phòng Kế hoạch - Tài "
        "chính trước ngày 15 hằng quý.",
        "answered": datetime(2024, 3, 19, 8, 0, tzinfo=UTC),
    },
    {
        "unit": "bienhaidao",
        "title": "Khó khăn khi tổ chức tham quan học tập mô hình ngoài tỉnh",
        "description": "Chi cục dự kiến đưa đoàn tham quan mô hình quản lý tổng hợp vùng bờ tại "
        "Quảng Ngãi nhưng chưa rõ thủ tục phối hợp và việc ghép đoàn với các đơn vị khác của Sở. "
        "Đề nghị Văn phòng Sở hướng dẫn.",
        "raised": 9,  # days before "now": the open question is a recent one
    },
    {
        "unit": "doanthanhnien",
        "title": "Đề nghị hướng dẫn cách chấm tiêu chí “sức lan tỏa” đối với đoàn viên",
        "description": "Tiêu chuẩn cá nhân điển hình có tiêu chí về sức lan tỏa; Đoàn Thanh niên "
        "chưa thống nhất cách đánh giá với đoàn viên mới được tuyển dụng.",
        "raised": datetime(2023, 9, 6, 1, 15, tzinfo=UTC),
        "answer": "Đánh giá theo số lượng người, đơn vị học tập và áp dụng cách làm của điển "
        "hình, có minh chứng (bài viết, biên bản giao lưu). Văn phòng Sở sẽ hướng dẫn cụ thể tại "
        "buổi tập huấn tháng 10/2023.",
        "answered": datetime(2023, 9, 12, 7, 0, tzinfo=UTC),
        "closed": True,
    },
]


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    names = {slug: name for slug, name, _kind in UNITS}
    units = {
        u.name: u for u in db.session.scalars(select(Unit).where(Unit.organization_id == org.id))
    }
    office = db.session.scalar(select(User).where(User.email == OFFICE_EMAIL))
    for spec in DIFFICULTIES:
        unit = units.get(names.get(spec["unit"], ""))
        if unit is None:
            continue
        exists = db.session.scalar(
            select(Difficulty.id).where(
                Difficulty.unit_id == unit.id, Difficulty.title == spec["title"]
            )
        )
        if exists is not None:
            continue
        coordinator = db.session.scalar(
            select(User).where(User.email == coordinator_email(spec["unit"]))
        )
        difficulty = Difficulty(
            unit_id=unit.id,
            title=spec["title"],
            description=spec["description"],
            status=DifficultyStatus.OPEN,
            raised_by_id=coordinator.id if coordinator else None,
            raised_at=_raised_at(spec["raised"], now),
        )
        if "answer" in spec:
            difficulty.answer = spec["answer"]
            difficulty.status = DifficultyStatus.ANSWERED
            difficulty.answered_by_id = office.id if office else None
            difficulty.answered_at = spec["answered"]
        if spec.get("closed"):
            difficulty.status = DifficultyStatus.CLOSED
            difficulty.closed_by_id = coordinator.id if coordinator else None
            difficulty.closed_at = spec["answered"] + timedelta(days=2)
        db.session.add(difficulty)
    db.session.flush()


def _raised_at(raised: datetime | int, now: datetime | None) -> datetime:
    """A fixed moment of the history, or a number of days before "now"."""
    return days_before(now, raised) if isinstance(raised, int) else raised
