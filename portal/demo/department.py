"""The demo department: Quang Binh's Department of Natural Resources and Environment,
its units, its people's names and their e-mail addresses."""

from __future__ import annotations

from portal.organizations.models import UnitKind

ORGANIZATION = {
    "name": "Sở Tài nguyên và Môi trường tỉnh Quảng Bình",
    "short_name": "Sở TN&MT Quảng Bình",
    "province": "Quảng Bình",
    "parent_body": "UBND TỈNH QUẢNG BÌNH",
    "document_code": "STNMT",
}
# The public column: /stnmt-quang-binh/chuyen-muc-dien-hinh/ (or -2... if taken).
DEMO_SLUG = "stnmt-quang-binh"
EMAIL_DOMAIN = "demo.stnmt.quangbinh.gov.vn"
OFFICE_EMAIL = f"vanphong@{EMAIL_DOMAIN}"
VIEWER_EMAIL = f"giamdoc@{EMAIL_DOMAIN}"

# (slug used in the demo e-mail addresses, name, kind)
UNITS = [
    ("vanphong", "Văn phòng Sở", UnitKind.DIVISION),
    ("thanhtra", "Thanh tra Sở", UnitKind.DIVISION),
    ("khtc", "Phòng Kế hoạch - Tài chính", UnitKind.DIVISION),
    ("qldd", "Phòng Quản lý đất đai", UnitKind.DIVISION),
    ("tnnks", "Phòng Tài nguyên nước - Khoáng sản", UnitKind.DIVISION),
    ("moitruong", "Phòng Môi trường", UnitKind.DIVISION),
    ("bienhaidao", "Chi cục Biển và Hải đảo", UnitKind.AFFILIATED),
    ("cntt", "Trung tâm Công nghệ thông tin TN&MT", UnitKind.AFFILIATED),
    ("vpdkdd", "Văn phòng Đăng ký đất đai", UnitKind.AFFILIATED),
    ("quantrac", "Trung tâm Quan trắc TN&MT", UnitKind.AFFILIATED),
    ("ptqd", "Trung tâm Phát triển quỹ đất", UnitKind.AFFILIATED),
    ("dangbo", "Đảng bộ Sở", UnitKind.MASS_ORGANISATION),
    ("congdoan", "Công đoàn Sở", UnitKind.MASS_ORGANISATION),
    ("doanthanhnien", "Đoàn Thanh niên Sở", UnitKind.MASS_ORGANISATION),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Thu", "Quốc", "Ngọc", "Hữu", "Bảo"]
GIVEN = [
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Yến",
]


def person_name(index: int) -> str:
    """A deterministic Vietnamese full name for demo person number `index`."""
    return (
        f"{FAMILY[index % len(FAMILY)]} {MIDDLE[(index * 7) % len(MIDDLE)]} "
        f"{GIVEN[(index * 11) % len(GIVEN)]}"
    )


def council_email(n: int) -> str:
    return f"hoidong{n}@{EMAIL_DOMAIN}"


def coordinator_email(slug: str) -> str:
    return f"thidua.{slug}@{EMAIL_DOMAIN}"


def staff_email(slug: str, n: int) -> str:
    return f"canbo{n}.{slug}@{EMAIL_DOMAIN}"
