"""World: a small organization with two units and one person per role, and a foreign
organization (what most tests and the dashboards benchmark start from)."""

from __future__ import annotations

import functools

from portal.accounts.models import Role, RoleMembership, User
from portal.extensions import db
from portal.organizations.models import Organization, Unit, UnitKind
from portal.periods.models import PlanPeriod

PASSWORD = "mat-khau-thu-nghiem-1"


@functools.cache
def password_hash() -> str:
    """PASSWORD hashed once per session: scrypt takes about a second on a busy machine."""
    user = User()
    user.set_password(PASSWORD)
    return user.password_hash


def make_user(
    org: Organization, email: str, *roles: tuple[Role, Unit | None], name: str = ""
) -> User:
    user = User(organization_id=org.id, email=email, full_name=name or email.split("@")[0])
    user.password_hash = password_hash()
    for role, unit in roles:
        user.memberships.append(RoleMembership(role=role, unit_id=unit.id if unit else None))
    db.session.add(user)
    db.session.commit()
    return user


class World:
    """A small organization with two units, one person per role, and a foreign organization."""

    def __init__(self) -> None:
        self.org = Organization(
            name="Sở Tài nguyên và Môi trường tỉnh Quảng Bình",
            short_name="Sở TN&MT",
            province="Quảng Bình",
            parent_body="UBND TỈNH QUẢNG BÌNH",
            document_code="STNMT",
            slug="so-tnmt",
        )
        self.other_org = Organization(name="Sở Nội vụ tỉnh Khác", slug="so-noi-vu")
        db.session.add_all([self.org, self.other_org])
        db.session.flush()
        self.unit_a = Unit(
            organization_id=self.org.id,
            name="Phòng Môi trường",
            kind=UnitKind.DIVISION,
            document_code="PMT",
            head_name="Hoàng Minh Tâm",
            head_position="Trưởng phòng",
        )
        self.unit_b = Unit(
            organization_id=self.org.id,
            name="Thanh tra Sở",
            kind=UnitKind.DIVISION,
            document_code="TTRA",
            head_name="Đỗ Văn Bình",
            head_position="Chánh Thanh tra",
        )
        self.foreign_unit = Unit(
            organization_id=self.other_org.id,
            name="Phòng Tổ chức",
            kind=UnitKind.DIVISION,
            head_name="Phan Thị Lan",
            head_position="Trưởng phòng",
        )
        db.session.add_all([self.unit_a, self.unit_b, self.foreign_unit])
        db.session.flush()
        self.period = PlanPeriod(
            organization_id=self.org.id,
            name="2023-2025",
            start_year=2023,
            end_year=2025,
            is_current=True,
        )
        self.foreign_period = PlanPeriod(
            organization_id=self.other_org.id,
            name="2023-2025",
            start_year=2023,
            end_year=2025,
            is_current=True,
        )
        db.session.add_all([self.period, self.foreign_period])
        db.session.commit()
        self.office = make_user(
            self.org, "office@example.vn", (Role.OFFICE_ADMIN, None), name="Văn Phòng"
        )
        self.viewer = make_user(
            self.org, "director@example.vn", (Role.VIEWER, None), name="Giám Đốc"
        )
        self.council = make_user(
            self.org, "council@example.vn", (Role.COUNCIL_MEMBER, None), name="Thành Viên Hội Đồng"
        )
        self.coordinator_a = make_user(
            self.org, "coord.a@example.vn", (Role.COORDINATOR, self.unit_a), name="Nguyễn Văn An"
        )
        self.staff_a = make_user(
            self.org, "staff.a@example.vn", (Role.STAFF, self.unit_a), name="Trần Thị Bình"
        )
        self.coordinator_b = make_user(
            self.org, "coord.b@example.vn", (Role.COORDINATOR, self.unit_b), name="Lê Văn Cường"
        )
        self.foreign_office = make_user(
            self.other_org, "office@other.vn", (Role.OFFICE_ADMIN, None)
        )
        self.foreign_coordinator = make_user(
            self.other_org, "coord@other.vn", (Role.COORDINATOR, self.foreign_unit)
        )
