"""The shape of the demo exemplars (records in `exemplars_divisions`, `exemplars_affiliated`,
built with `collective` and `individual`).

Chosen so that every status appears and the quota (1-2 a year) shows units below,
within and above it: Phòng Môi trường 1/1/1, Phòng Quản lý đất đai 3/0/1,
Trung tâm CNTT 0/2/2, Văn phòng Đăng ký đất đai 1/1/0, Đoàn Thanh niên 0/3/1,
Công đoàn 1/0/1, Thanh tra 0/0/1 (2023/2024/2025).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Step:
    """A status change on `on` (dd/mm/yyyy)."""

    on: str
    status: str
    note: str = ""


@dataclass
class Action:
    support: str
    description: str
    due: str | None
    status: str
    outcome: str = ""
    owner_name: str = ""  # empty: the unit's coordinator


@dataclass
class Evaluation:
    on: str
    aspects: tuple[int, int, int, int]  # effect, effectiveness, potential, influence
    quality: float  # share of each criteria item's maximum that is scored
    difficulties: str = ""
    help_given: str = ""


@dataclass
class DemoExemplar:
    unit: str
    kind: str
    name: str  # empty for an individual: the staff member's name is used
    year: int
    on: str
    field_of_work: str
    movement: str
    achievements: str
    initiatives: str = ""
    position: str = ""
    staff: int | None = None  # staff member n of the unit (individuals)
    level: str = "unit"
    start: str = "candidate"
    steps: list = field(default_factory=list)


def collective(unit: str, name: str, *rest, **more) -> DemoExemplar:
    """A collective: `rest` and `more` are DemoExemplar's fields from `year` on."""
    return DemoExemplar(unit, "collective", name, *rest, **more)


def individual(unit: str, *rest, position: str, staff: int, **more) -> DemoExemplar:
    """Staff member `staff` of the unit, recorded under their account's name."""
    return DemoExemplar(unit, "individual", "", *rest, position=position, staff=staff, **more)


M_CCHC = "Phong trào thi đua đẩy mạnh cải cách hành chính, chuyển đổi số"
M_VHCS = "Phong trào thi đua thực hiện văn hóa công sở"
M_MT = "Phong trào chung tay bảo vệ môi trường, chống rác thải nhựa"
M_GVN = "Phong trào \u201cGiỏi việc nước, đảm việc nhà\u201d"
M_TTST = "Phong trào \u201cTuổi trẻ sáng tạo\u201d"
M_DD = "Phong trào thi đua hoàn thành cấp giấy chứng nhận quyền sử dụng đất"

HELP_TECH = "Cử chuyên gia hướng dẫn, hỗ trợ kỹ thuật; bố trí thời gian tham gia tập huấn."
HELP_SPIRIT = "Lãnh đạo đơn vị động viên, biểu dương kịp thời trong giao ban."
