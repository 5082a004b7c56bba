"""Recording, editing and deleting an inspection through the pages."""

from __future__ import annotations

import re

from portal.extensions import db
from portal.inspections.models import Inspection, InspectionMethod
from tests.factories import assign_council, second_member


def test_choose_a_unit_first(login_as, world):
    assign_council(world, world.unit_a, 2025)
    html = login_as(world.council).get("/inspections/new").get_data(as_text=True)
    assert world.unit_a.name in html and world.unit_b.name not in html
    html = login_as(world.office).get("/inspections/new").get_data(as_text=True)
    assert world.unit_a.name in html and world.unit_b.name in html


def test_new_form_offers_assigned_members_and_the_office(login_as, world):
    other = second_member(world)
    assign_council(world, world.unit_a, 2025)
    html = (
        login_as(world.council)
        .get(f"/inspections/new?unit_id={world.unit_a.id}")
        .get_data(as_text=True)
    )
    # The choices of members (the navbar names the signed-in council member anyway).
    offered = set(
        re.findall(r'<label class="form-check-label" for="member_ids-\d+">([^<]+)<', html)
    )
    assert world.council.full_name in offered and world.office.full_name in offered
    assert other.full_name not in html and world.coordinator_a.full_name not in html


def test_office_records_an_inspection(login_as, world):
    client = login_as(world.office)
    response = client.post(
        f"/inspections/new?unit_id={world.unit_b.id}",
        data={
            "inspection_date": "2025-02-03",
            "method": "documents",
            "scope": ["reports"],
            "member_ids": [world.office.id],
            "summary": "Kiểm tra hồ sơ báo cáo.",
        },
    )
    assert response.status_code == 302
    inspection = db.session.scalar(db.select(Inspection))
    assert inspection.unit_id == world.unit_b.id and inspection.lead_inspector_id == world.office.id
    assert inspection.method == InspectionMethod.DOCUMENTS and inspection.year == 2025


def test_invalid_input_is_kept_with_messages(login_as, world):
    assign_council(world, world.unit_a, 2025)
    response = login_as(world.council).post(
        f"/inspections/new?unit_id={world.unit_a.id}",
        data={
            "inspection_date": "2025-02-03",
            "method": "documents",
            "scope": [],
            "member_ids": [world.council.id],
            "summary": "Nội dung giữ lại",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Chọn ít nhất một nội dung kiểm tra." in html and "Nội dung giữ lại" in html
    assert db.session.scalar(db.select(db.func.count(Inspection.id))) == 0


def test_edit_before_sign_off(login_as, world, scene):
    other = second_member(world)
    assign_council(world, world.unit_a, 2025, member=other)
    client = login_as(world.council)
    url = f"/inspections/{scene.insp_a.id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert "Đơn vị triển khai tốt phong trào thi đua." in page
    unticked = client.post(
        url,
        data={
            "inspection_date": "2025-03-10",
            "method": "online",
            "member_ids": [world.council.id],
            "summary": "Mới",
        },
    )
    assert "Chọn ít nhất một nội dung kiểm tra." in unticked.get_data(as_text=True)
    response = client.post(
        url,
        data={
            "inspection_date": "2025-03-11",
            "method": "online",
            "scope": ["propagation"],
            "member_ids": [world.council.id, other.id],
            "plan_item_id": 0,
            "summary": "Đã sửa.",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    inspection = db.session.get(Inspection, scene.insp_a.id)
    assert inspection.summary == "Đã sửa." and inspection.scope == ["propagation"]
    assert inspection.member_ids == {world.council.id, other.id}
    assert inspection.method == InspectionMethod.ONLINE


def test_delete_a_draft(login_as, world, scene):
    client = login_as(world.council)
    assert client.post(f"/inspections/{scene.insp_a.id}/delete").status_code == 302
    assert db.session.get(Inspection, scene.insp_a.id) is None
    # The Office's own draft of another unit is not the member's to delete (404: unassigned).
    assert client.post(f"/inspections/{scene.insp_b.id}/delete").status_code == 404


def test_finding_edit_and_delete_before_sign_off(login_as, world, scene):
    client = login_as(world.council)
    fid = scene.finding_a.id
    response = client.post(
        f"/inspections/findings/{fid}/edit",
        data={
            "severity": "major",
            "finding": "Đã sửa nội dung",
            "action_owner_user_id": 0,
            "action_owner_name": "Tổ thi đua",
            "due_date": "",
        },
    )
    assert response.status_code == 302
    db.session.refresh(scene.finding_a)
    assert scene.finding_a.finding == "Đã sửa nội dung" and scene.finding_a.due_date is None
    assert scene.finding_a.owner_label == "Tổ thi đua"
    assert client.post(f"/inspections/findings/{fid}/delete").status_code == 302
    assert db.session.get(type(scene.finding_a), fid) is None
