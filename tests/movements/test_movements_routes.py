"""Emulation movements from the web: launched by the Office and by a unit, read by whom
the tenancy says, closed with a review and its document, linked from exemplars and
propagation activities, and bad input refused on its field."""

from __future__ import annotations

import io
from datetime import date

from sqlalchemy import func, select

from portal.audit import AuditLog
from portal.exemplars.models import Exemplar
from portal.extensions import db
from portal.movements.models import Movement, MovementUnit, ReviewKind
from portal.propagation.models import PropagationActivity
from tests.factories import (
    PDF,
    make_exemplar,
    make_movement,
    make_title,
    make_unit,
)


def _form(**overrides) -> dict:
    data = {
        "name": "Phong trào Chuyển đổi số ngành Tài nguyên và Môi trường",
        "purpose": "Đẩy mạnh ứng dụng công nghệ thông tin",
        "start_date": "01/01/2025",
        "end_date": "31/12/2025",
        "criteria_set_id": "",
    }
    data.update(overrides)
    return data


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_office_launches_an_organization_movement_with_units_and_reward_forms(world, login_as):
    title = make_title(world.org)
    client = login_as(world.office)
    data = _form(unit_ids=[str(world.unit_a.id), str(world.unit_b.id)], award_title_ids=[title.id])
    response = client.post("/movements/new", data=data)
    assert response.status_code == 302
    movement = db.session.scalar(select(Movement))
    assert movement.unit_id is None and movement.organization_id == world.org.id
    assert {u.id for u in movement.participants} == {world.unit_a.id, world.unit_b.id}
    assert [t.id for t in movement.award_titles] == [title.id]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Chuyển đổi số" in page and world.unit_b.name in page and title.name in page
    # Audited, with the movement's words.
    entry = db.session.scalar(select(AuditLog).where(AuditLog.object_type == "Movement"))
    assert entry is not None and entry.actor_id == world.office.id
    # Every person of the organization reads it, the other organization does not.
    for user in (world.coordinator_b, world.staff_a, world.viewer):
        assert login_as(user).get(f"/movements/{movement.id}").status_code == 200
    assert login_as(world.foreign_office).get(f"/movements/{movement.id}").status_code == 404
    listing = login_as(world.foreign_office).get("/movements/").get_data(as_text=True)
    assert "Chuyển đổi số" not in listing


def test_coordinator_launches_their_units_own_movement_seen_by_it_and_the_office(world, login_as):
    client = login_as(world.coordinator_a)
    assert client.get("/movements/new").status_code == 403  # the organization's: the Office
    response = client.post(f"/movements/units/{world.unit_a.id}/new", data=_form(name="Xanh"))
    assert response.status_code == 302
    movement = db.session.scalar(select(Movement))
    assert movement.unit_id == world.unit_a.id
    assert [u.id for u in movement.participants] == [world.unit_a.id]
    for user in (world.coordinator_a, world.staff_a, world.office):
        client = login_as(user)
        assert client.get(f"/movements/{movement.id}").status_code == 200
        assert "Xanh" in client.get("/movements/").get_data(as_text=True)
    client = login_as(world.coordinator_b)
    assert client.get(f"/movements/{movement.id}").status_code == 404
    assert "Xanh" not in client.get("/movements/").get_data(as_text=True)
    assert client.get(f"/movements/{movement.id}/edit").status_code == 404
    # Another unit's coordinator cannot launch one for unit A (a unit they cannot see).
    assert client.post(f"/movements/units/{world.unit_a.id}/new", data=_form()).status_code == 404


def test_staff_reads_but_neither_launches_nor_edits(world, login_as):
    movement = make_movement(world)
    client = login_as(world.staff_a)
    assert client.post(f"/movements/units/{world.unit_a.id}/new", data=_form()).status_code == 403
    assert client.post(f"/movements/{movement.id}/edit", data=_form()).status_code == 403
    assert client.post(f"/movements/{movement.id}/review").status_code == 403
    assert _count(Movement) == 1


def test_bad_input_is_refused_on_its_field_and_nothing_is_lost(world, login_as):
    foreign_unit = world.foreign_unit
    client = login_as(world.office)
    response = client.post(
        "/movements/new", data=_form(start_date="31/12/2025", end_date="01/01/2025")
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ngày kết thúc không được trước ngày bắt đầu." in page
    assert "Chuyển đổi số ngành Tài nguyên" in page  # what was typed is kept
    response = client.post("/movements/new", data=_form(unit_ids=[str(foreign_unit.id)]))
    assert "Chỉ được chọn các đơn vị của Sở." in response.get_data(as_text=True)
    assert _count(Movement) == 0


def test_closing_with_a_review_and_its_document(world, login_as, app):
    movement = make_movement(world)
    client = login_as(world.office)
    data = {
        "review_kind": "final",
        "review_date": "20/12/2025",
        "review_summary": "Tổng kết: 12 mô hình chuyển đổi số",
        "lock_version": movement.lock_version,
    }
    # No document yet: refused, nothing saved.
    response = client.post(f"/movements/{movement.id}/review", data=data)
    assert "Đính kèm văn bản sơ kết, tổng kết." in response.get_data(as_text=True)
    db.session.refresh(movement)
    assert movement.review_date is None
    # A file that is no document of the allowed kinds is refused.
    bad = data | {"document": (io.BytesIO(b"MZ\x90\x00binary"), "virus.pdf")}
    response = client.post(f"/movements/{movement.id}/review", data=bad)
    assert "không đúng định dạng" in response.get_data(as_text=True)
    good = data | {"document": (io.BytesIO(PDF), "bao-cao-tong-ket.pdf")}
    response = client.post(f"/movements/{movement.id}/review", data=good)
    assert response.status_code == 302
    db.session.refresh(movement)
    assert movement.review_kind == ReviewKind.FINAL
    assert movement.review_date == date(2025, 12, 20)
    assert movement.document_name == "bao-cao-tong-ket.pdf"
    page = client.get(f"/movements/{movement.id}").get_data(as_text=True)
    assert "Tổng kết: 12 mô hình" in page and "bao-cao-tong-ket.pdf" in page
    download = login_as(world.staff_a).get(f"/movements/{movement.id}/document")
    assert download.status_code == 200 and download.data == PDF
    foreign = login_as(world.foreign_office)
    assert foreign.get(f"/movements/{movement.id}/document").status_code == 404


def test_review_dated_in_the_future_is_refused(world, login_as):
    movement = make_movement(world)
    data = {
        "review_kind": "preliminary",
        "review_date": "01/01/2099",
        "review_summary": "Sơ kết",
        "lock_version": movement.lock_version,
        "document": (io.BytesIO(PDF), "so-ket.pdf"),
    }
    response = login_as(world.office).post(f"/movements/{movement.id}/review", data=data)
    assert "Ngày sơ kết, tổng kết không được sau ngày hôm nay." in response.get_data(as_text=True)


def test_exemplar_and_activity_link_to_a_movement_shown_on_its_page(world, login_as):
    movement = make_movement(world)
    other_units = make_movement(world, unit=world.unit_b, name="Của Thanh tra")
    exemplar = make_exemplar(world.unit_a, movement="Phong trào cũ ghi tay")
    client = login_as(world.coordinator_a)
    edit = client.get(f"/exemplars/{exemplar.id}/edit").get_data(as_text=True)
    assert movement.name in edit and "Của Thanh tra" not in edit  # unit B's own: not offered
    assert "Phong trào cũ ghi tay" in edit  # the old text stays visible
    data = {
        "kind": "collective",
        "name": exemplar.name,
        "person_user_id": "0",
        "year_identified": "2024",
        "level": "unit",
        "movement": "Phong trào cũ ghi tay",
        "movement_id": str(movement.id),
        "lock_version": exemplar.lock_version,
    }
    assert client.post(f"/exemplars/{exemplar.id}/edit", data=data).status_code == 302
    db.session.refresh(exemplar)
    assert exemplar.movement_id == movement.id and exemplar.movement == "Phong trào cũ ghi tay"
    # A movement not open to the unit is refused on the field.
    data |= {"movement_id": str(other_units.id), "lock_version": exemplar.lock_version}
    response = client.post(f"/exemplars/{exemplar.id}/edit", data=data)
    assert "Phong trào được chọn không dành cho đơn vị này." in response.get_data(as_text=True)
    db.session.refresh(exemplar)
    assert exemplar.movement_id == movement.id

    activity = {
        "activity_date": "10/05/2024",
        "activity_type": "article",
        "channel": "traditional",
        "title": "Bài viết về chuyển đổi số",
        "cost_vnd": "1.500.000",
        "movement_id": str(movement.id),
    }
    response = client.post(f"/propagation/units/{world.unit_a.id}/new", data=activity)
    assert response.status_code == 302
    assert db.session.scalar(select(PropagationActivity.movement_id)) == movement.id

    page = client.get(f"/movements/{movement.id}").get_data(as_text=True)
    assert exemplar.name in page
    page = client.get(f"/movements/{movement.id}?show=activities").get_data(as_text=True)
    assert "Bài viết về chuyển đổi số" in page and "1.500.000" in page
    # Unit B's coordinator reads the movement but not unit A's records under it.
    page = login_as(world.coordinator_b).get(f"/movements/{movement.id}").get_data(as_text=True)
    assert exemplar.name not in page


def test_an_organization_movement_with_listed_units_is_offered_to_those_only(world, login_as):
    movement = make_movement(world, name="Chỉ Thanh tra")
    db.session.add(MovementUnit(movement_id=movement.id, unit_id=world.unit_b.id))
    db.session.commit()
    exemplar = make_exemplar(world.unit_a)
    page = login_as(world.coordinator_a).get(f"/exemplars/{exemplar.id}/edit")
    assert "Chỉ Thanh tra" not in page.get_data(as_text=True)
    assert db.session.scalar(select(Exemplar.movement_id)) is None


def test_list_is_paginated(world, login_as, app):
    app.config["ITEMS_PER_PAGE"] = 2
    for n in range(3):
        make_movement(world, name=f"Phong trào số {n}", start_date=date(2025, 1, 1 + n))
    client = login_as(world.office)
    first = client.get("/movements/").get_data(as_text=True)
    second = client.get("/movements/?page=2").get_data(as_text=True)
    assert "Phong trào số 2" in first and "Phong trào số 0" not in first
    assert "Phong trào số 0" in second


def test_a_second_organization_sees_its_own_units_only_in_the_form(world, login_as):
    make_unit(world.other_org, "Phòng Khác")
    page = login_as(world.office).get("/movements/new").get_data(as_text=True)
    assert world.unit_a.name in page and "Phòng Khác" not in page


def test_coordinator_edits_their_units_movement_and_a_stale_form_overwrites_nothing(
    world, login_as
):
    movement = make_movement(world, unit=world.unit_a, name="Tên cũ")
    client = login_as(world.coordinator_a)
    stale = movement.lock_version
    data = _form(name="Tên mới", lock_version=stale)
    assert client.post(f"/movements/{movement.id}/edit", data=data).status_code == 302
    db.session.refresh(movement)
    assert movement.name == "Tên mới"
    assert [u.id for u in movement.participants] == [world.unit_a.id]
    # A second save from the form loaded before the first: refused, the first kept.
    response = client.post(
        f"/movements/{movement.id}/edit", data=_form(name="Khác", lock_version=stale)
    )
    assert response.status_code == 200
    db.session.refresh(movement)
    assert movement.name == "Tên mới"
    # The Office edits it too; unit B's coordinator cannot reach it.
    assert login_as(world.office).get(f"/movements/{movement.id}/edit").status_code == 200
    assert login_as(world.coordinator_b).get(f"/movements/{movement.id}/edit").status_code == 404
