"""Units: list with coordinators, create, rename with history, kind, (de)activate."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.accounts.models import Role
from portal.extensions import db
from portal.organizations import services
from portal.organizations.models import Unit, UnitKind, UnitNameHistory
from portal.rules import RuleError
from sampledata.world import make_user


def test_list_shows_units_with_their_coordinators(world, login_as):
    body = login_as(world.office).get("/admin/units").get_data(as_text=True)
    assert "Phòng Môi trường" in body and "Thanh tra Sở" in body
    assert "Nguyễn Văn An" in body and "Lê Văn Cường" in body
    # Another organization's unit and people never show.
    assert "Phòng Tổ chức" not in body
    assert 'scope="col"' in body


def test_list_has_no_query_per_unit(world, login_as, query_counter):
    client = login_as(world.office)
    client.get("/admin/units")
    db.session.expire_all()
    with query_counter() as few:
        client.get("/admin/units")
    for n in range(12):
        unit = Unit(organization_id=world.org.id, name=f"Đơn vị {n}", kind=UnitKind.AFFILIATED)
        db.session.add(unit)
        db.session.flush()
        make_user(world.org, f"tdk{n}@example.vn", (Role.COORDINATOR, unit), (Role.STAFF, unit))
    db.session.expire_all()
    with query_counter() as many:
        body = client.get("/admin/units").get_data(as_text=True)
    assert "Đơn vị 11" in body
    assert len(many) == len(few), "\n".join(many)


def test_service_counts_people_and_lists_coordinators(world):
    rows = {u.name: (c, n) for u, c, n in services.units_with_coordinators(world.org.id)}
    assert [u.full_name for u in rows["Phòng Môi trường"][0]] == ["Nguyễn Văn An"]
    assert rows["Phòng Môi trường"][1] == 2  # coordinator and staff
    assert "Phòng Tổ chức" not in rows


def test_create_unit(world, login_as):
    client = login_as(world.office)
    response = client.post(
        "/admin/units/new", data={"name": "  Công đoàn   Sở ", "kind": "mass_organisation"}
    )
    assert response.status_code == 302
    unit = db.session.scalar(select(Unit).where(Unit.name == "Công đoàn Sở"))
    assert unit.organization_id == world.org.id
    assert unit.kind == UnitKind.MASS_ORGANISATION and unit.is_active


def test_create_unit_refuses_duplicate_and_keeps_input(world, login_as):
    client = login_as(world.office)
    response = client.post(
        "/admin/units/new", data={"name": "phòng môi trường", "kind": "affiliated"}
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Sở đã có một đơn vị với tên này." in body
    assert 'value="phòng môi trường"' in body
    assert '<option selected value="affiliated">' in body or 'value="affiliated" selected' in body


def test_same_name_in_another_organization_is_allowed(world, login_as):
    response = login_as(world.office).post(
        "/admin/units/new", data={"name": "Phòng Tổ chức", "kind": "division"}
    )
    assert response.status_code == 302


def test_create_unit_requires_a_name(world, login_as):
    body = login_as(world.office).post("/admin/units/new", data={"name": "", "kind": "division"})
    assert "Vui lòng nhập thông tin này." in body.get_data(as_text=True)


def test_rename_keeps_history_with_who_and_when(world, login_as):
    client = login_as(world.office)
    response = client.post(
        f"/admin/units/{world.unit_a.id}/edit",
        data={"name": "Phòng Môi trường và Biến đổi khí hậu", "kind": "division"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert world.unit_a.name == "Phòng Môi trường và Biến đổi khí hậu"
    [entry] = db.session.scalars(select(UnitNameHistory)).all()
    assert entry.old_name == "Phòng Môi trường"
    assert entry.new_name == "Phòng Môi trường và Biến đổi khí hậu"
    assert entry.changed_by_id == world.office.id and entry.changed_at is not None
    page = client.get(f"/admin/units/{world.unit_a.id}/edit").get_data(as_text=True)
    assert "Lịch sử đổi tên" in page and "Phòng Môi trường</td>" in page
    assert "<td>Văn Phòng</td>" in page  # who renamed it (the navbar names the viewer too)


def test_changing_only_the_kind_adds_no_history(world, login_as):
    login_as(world.office).post(
        f"/admin/units/{world.unit_a.id}/edit",
        data={"name": "Phòng Môi trường", "kind": "affiliated"},
    )
    db.session.expire_all()
    assert world.unit_a.kind == UnitKind.AFFILIATED
    assert db.session.scalars(select(UnitNameHistory)).all() == []


def test_rename_to_another_units_name_is_refused(world, login_as):
    response = login_as(world.office).post(
        f"/admin/units/{world.unit_a.id}/edit", data={"name": "Thanh tra Sở", "kind": "division"}
    )
    assert "Sở đã có một đơn vị với tên này." in response.get_data(as_text=True)
    db.session.expire_all()
    assert world.unit_a.name == "Phòng Môi trường"


def test_edit_form_shows_current_values(world, login_as):
    body = login_as(world.office).get(f"/admin/units/{world.unit_b.id}/edit").get_data(as_text=True)
    assert 'value="Thanh tra Sở"' in body and "Đơn vị chưa đổi tên lần nào." in body


def test_deactivate_and_reactivate(world, login_as):
    client = login_as(world.office)
    assert client.post(f"/admin/units/{world.unit_b.id}/deactivate").status_code == 302
    db.session.expire_all()
    assert world.unit_b.is_active is False
    body = client.get("/admin/units").get_data(as_text=True)
    assert "Ngừng hoạt động" in body and "Hoạt động trở lại" in body
    client.post(f"/admin/units/{world.unit_b.id}/reactivate")
    db.session.expire_all()
    assert world.unit_b.is_active is True


def test_a_duplicate_name_is_refused_on_the_name_field_and_nothing_is_committed(world):
    with pytest.raises(RuleError) as error:
        services.create_unit(world.org.id, world.unit_a.name.upper(), UnitKind.DIVISION)
    assert error.value.field == "name"
    unit = services.create_unit(world.org.id, "Phòng Mới", UnitKind.DIVISION)
    unit_id = unit.id
    db.session.rollback()  # the service flushed; the route commits
    assert db.session.get(Unit, unit_id) is None
