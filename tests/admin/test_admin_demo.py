"""The administration demo data: former unit names, added once."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import Role
from portal.demo import admin as demo
from portal.demo.department import OFFICE_EMAIL
from portal.extensions import db
from portal.organizations.models import Unit, UnitKind, UnitNameHistory
from sampledata.world import make_user
from tests.factories import make_unit


def test_seed_records_former_names_once(world, login_as):
    office = make_user(world.org, OFFICE_EMAIL, (Role.OFFICE_ADMIN, None))
    for current, _former, _when in demo.RENAMES:
        make_unit(world.org, current, UnitKind.AFFILIATED)
    demo.seed(world.org, "demo")
    demo.seed(world.org, "demo")
    db.session.commit()
    history = db.session.scalars(select(UnitNameHistory)).all()
    assert sorted(h.old_name for h in history) == [
        "Trung tâm Công nghệ thông tin",
        "Văn phòng Đăng ký quyền sử dụng đất",
    ]
    assert {h.changed_by_id for h in history} == {office.id}
    unit = db.session.scalar(select(Unit).where(Unit.name == "Văn phòng Đăng ký đất đai"))
    page = login_as(office).get(f"/admin/units/{unit.id}/edit").get_data(as_text=True)
    assert "Văn phòng Đăng ký quyền sử dụng đất" in page and "15/02/2023" in page
