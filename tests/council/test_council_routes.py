"""The Office's council pages, role by role, and the scoping that assignments give."""

from __future__ import annotations

import re
from datetime import date

import pytest

from portal.accounts.models import CouncilAssignment, Role
from portal.council.models import CouncilMember, CouncilPosition
from portal.evidence.services import save_upload
from portal.extensions import db
from portal.inspections.models import SupervisionPlanItem
from sampledata.world import make_user
from tests.factories import assign_council, make_inspection, make_unit, pdf_file, second_member

OFFICE_PAGES = ["/council/", "/council/assignments", "/council/plan", "/council/plan/new"]


@pytest.mark.parametrize("who", ["viewer", "council", "coordinator_a", "staff_a"])
def test_council_pages_are_the_offices(login_as, world, who):
    client = login_as(getattr(world, who))
    for url in OFFICE_PAGES:
        assert client.get(url).status_code == 403, url
    assert client.post("/council/assignments", data={"year": 2025}).status_code == 403
    assert (
        client.post(
            f"/council/periods/{world.period.id}/seats",
            data={"user_id": world.council.id, "position": "chair"},
        ).status_code
        == 403
    )
    assert db.session.scalar(db.select(db.func.count(CouncilMember.id))) == 0


def test_anonymous_goes_to_login(client):
    assert client.get("/council/").status_code == 302


def test_office_pages_render(login_as, world):
    client = login_as(world.office)
    for url in OFFICE_PAGES:
        assert client.get(url).status_code == 200, url


def test_office_seats_the_council(login_as, world):
    other = second_member(world)
    client = login_as(world.office)
    page = client.get("/council/").get_data(as_text=True)
    assert world.council.full_name in page and world.coordinator_a.full_name not in page
    url = f"/council/periods/{world.period.id}/seats"
    response = client.post(
        url, data={"user_id": world.council.id, "position": "chair", "title": "Phó Giám đốc Sở"}
    )
    assert response.status_code == 302
    page = client.post(url, data={"user_id": other.id, "position": "chair", "title": ""})
    assert page.status_code == 200 and "đã có Chủ tịch" in page.get_data(as_text=True)
    # A user without the council role is not among the choices.
    forged = client.post(url, data={"user_id": world.coordinator_a.id, "position": "member"})
    assert forged.status_code == 200
    seats = db.session.scalars(db.select(CouncilMember)).all()
    assert [(s.user_id, s.position, s.title) for s in seats] == [
        (world.council.id, CouncilPosition.CHAIR, "Phó Giám đốc Sở")
    ]
    html = client.get("/council/").get_data(as_text=True)
    assert "Chủ tịch Hội đồng" in html and "Phó Giám đốc Sở" in html


def test_seat_edit_and_delete(login_as, world):
    client = login_as(world.office)
    client.post(
        f"/council/periods/{world.period.id}/seats",
        data={"user_id": world.council.id, "position": "member"},
    )
    seat = db.session.scalar(db.select(CouncilMember))
    assert client.get(f"/council/seats/{seat.id}/edit").status_code == 200
    assert (
        client.post(
            f"/council/seats/{seat.id}/edit",
            data={"position": "secretary", "title": "Chánh Văn phòng"},
        ).status_code
        == 302
    )
    db.session.refresh(seat)
    assert seat.position == CouncilPosition.SECRETARY and seat.title == "Chánh Văn phòng"
    assert client.post(f"/council/seats/{seat.id}/delete").status_code == 302
    assert db.session.scalar(db.select(db.func.count(CouncilMember.id))) == 0


def test_foreign_ids_are_404(login_as, world):
    foreign_member = make_user(world.other_org, "hd@other.vn", (Role.COUNCIL_MEMBER, None))
    seat = CouncilMember(
        organization_id=world.other_org.id,
        period_id=world.foreign_period.id,
        user_id=foreign_member.id,
    )
    item = SupervisionPlanItem(
        organization_id=world.other_org.id,
        unit_id=world.foreign_unit.id,
        year=2025,
        month=3,
        scope=["reports"],
    )
    db.session.add_all([seat, item])
    db.session.commit()
    client = login_as(world.office)
    assert client.get(f"/council/?period_id={world.foreign_period.id}").status_code == 404
    assert (
        client.post(
            f"/council/periods/{world.foreign_period.id}/seats",
            data={"user_id": foreign_member.id, "position": "member"},
        ).status_code
        == 404
    )
    assert client.get(f"/council/seats/{seat.id}/edit").status_code == 404
    assert client.post(f"/council/seats/{seat.id}/delete").status_code == 404
    assert client.get(f"/council/plan/{item.id}/edit").status_code == 404
    assert client.post(f"/council/plan/{item.id}/delete").status_code == 404
    assert db.session.get(CouncilMember, seat.id) is not None


def test_assignment_matrix(login_as, world):
    other = second_member(world)
    client = login_as(world.office)
    a, b = world.unit_a.id, world.unit_b.id
    response = client.post(
        "/council/assignments",
        data={
            "year": 2025,
            "pair": [f"{a}:{world.council.id}", f"{a}:{other.id}", f"{b}:{world.council.id}"],
        },
    )
    assert response.status_code == 302
    page = client.get("/council/assignments?year=2025").get_data(as_text=True)
    assert page.count("checked") == 3
    assert f'id="pair-{b}-{other.id}"' in page
    # Unticking removes; another year is untouched.
    client.post("/council/assignments", data={"year": 2024, "pair": [f"{b}:{other.id}"]})
    client.post("/council/assignments", data={"year": 2025, "pair": [f"{a}:{other.id}"]})
    rows = {
        (r.year, r.unit_id, r.user_id) for r in db.session.scalars(db.select(CouncilAssignment))
    }
    assert rows == {(2025, a, other.id), (2024, b, other.id)}


def test_assignment_of_foreign_unit_or_non_member_is_refused(login_as, world):
    client = login_as(world.office)
    for pair in (
        f"{world.foreign_unit.id}:{world.council.id}",
        f"{world.unit_a.id}:{world.coordinator_a.id}",
    ):
        response = client.post("/council/assignments", data={"year": 2025, "pair": [pair]})
        assert response.status_code == 200
    assert db.session.scalar(db.select(db.func.count(CouncilAssignment.id))) == 0


def test_assignment_gives_read_access_end_to_end(login_as, world):
    """Assigned for the inspection's year -> reads the unit's inspections and evidence;
    another year or unassigned -> 404."""
    inspection = make_inspection(
        world, world.unit_a, world.office, date(2024, 4, 4), members=[world.office]
    )
    stream, name = pdf_file()
    from werkzeug.datastructures import FileStorage

    attachment = save_upload(
        FileStorage(stream, name), world.unit_a.id, "inspection", inspection.id, world.office
    )
    db.session.commit()
    member = login_as(world.council)
    assert member.get(f"/inspections/{inspection.id}").status_code == 404
    assert member.get(f"/evidence/{attachment.id}").status_code == 404
    office = login_as(world.office)
    office.post(
        "/council/assignments",
        data={"year": 2023, "pair": [f"{world.unit_a.id}:{world.council.id}"]},
    )
    member = login_as(world.council)
    assert member.get(f"/inspections/{inspection.id}").status_code == 404  # not its year
    office = login_as(world.office)
    office.post(
        "/council/assignments",
        data={"year": 2024, "pair": [f"{world.unit_a.id}:{world.council.id}"]},
    )
    member = login_as(world.council)
    assert member.get(f"/inspections/{inspection.id}").status_code == 200
    assert member.get(f"/evidence/{attachment.id}").status_code == 200
    assert member.get(f"/inspections/?unit_id={world.unit_a.id}").status_code == 200
    assert member.get(f"/inspections/?unit_id={world.unit_b.id}").status_code == 404
    # Read-only: an assignment to read does not let them edit another's record.
    assert member.get(f"/inspections/{inspection.id}/edit").status_code == 403
    office = login_as(world.office)
    office.post("/council/assignments", data={"year": 2024})
    member = login_as(world.council)
    assert member.get(f"/inspections/{inspection.id}").status_code == 404
    assert member.get(f"/evidence/{attachment.id}").status_code == 404


def test_recording_needs_an_assignment_for_the_inspection_year(login_as, world):
    assign_council(world, world.unit_a, 2024)
    client = login_as(world.council)
    data = {
        "inspection_date": "2025-02-02",
        "method": "online",
        "scope": ["reports"],
        "member_ids": [world.council.id],
        "summary": "Tóm tắt",
    }
    page = client.post(f"/inspections/new?unit_id={world.unit_a.id}", data=data)
    assert "không được phân công phụ trách đơn vị này năm 2025" in page.get_data(as_text=True)
    data["inspection_date"] = "2024-10-02"
    assert client.post(f"/inspections/new?unit_id={world.unit_a.id}", data=data).status_code == 302


def test_plan_pages(login_as, world, query_counter):
    assign_council(world, world.unit_a, 2025)
    client = login_as(world.office)
    page = client.get(f"/council/plan/new?year=2025&unit_id={world.unit_a.id}")
    assert page.status_code == 200 and world.council.full_name in page.get_data(as_text=True)
    bad = client.post(
        "/council/plan/new",
        data={
            "year": 2025,
            "unit_id": world.unit_b.id,
            "month": 5,
            "scope": ["reports"],
            "member_ids": [world.council.id],
        },
    )
    assert "phải được phân công" in bad.get_data(as_text=True)
    ok = client.post(
        "/council/plan/new",
        data={
            "year": 2025,
            "unit_id": world.unit_a.id,
            "month": 5,
            "scope": ["reports"],
            "member_ids": [world.council.id],
            "note": "Kiểm tra báo cáo",
        },
    )
    assert ok.status_code == 302
    item = db.session.scalar(db.select(SupervisionPlanItem))
    assert (item.unit_id, item.month, item.member_ids) == (world.unit_a.id, 5, {world.council.id})
    html = client.get("/council/plan?year=2025").get_data(as_text=True)
    assert "Đã có kế hoạch, chưa kiểm tra: 1" in html
    assert "Chưa có kế hoạch, chưa kiểm tra: 1" in html
    assert (
        client.post(
            f"/council/plan/{item.id}/edit",
            data={
                "year": 2025,
                "unit_id": world.unit_a.id,
                "month": 7,
                "scope": ["propagation"],
                "member_ids": [world.council.id],
            },
        ).status_code
        == 302
    )
    db.session.refresh(item)
    assert item.month == 7 and item.scope == ["propagation"]
    # The member records the planned inspection from their own page.
    member = login_as(world.council)
    mine = member.get("/council/mine").get_data(as_text=True)
    assert world.unit_a.name in mine and f"plan_item_id={item.id}" in mine
    form = member.get(f"/inspections/new?plan_item_id={item.id}").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="propagation"', form)
    assert re.search(rf'<option selected value="{item.id}"', form)
    member.post(
        f"/inspections/new?plan_item_id={item.id}",
        data={
            "inspection_date": "2025-07-08",
            "method": "on_site",
            "scope": ["propagation"],
            "member_ids": [world.council.id],
            "plan_item_id": item.id,
            "summary": "Đã kiểm tra.",
        },
    )
    client = login_as(world.office)
    html = client.get("/council/plan?year=2025&status=done").get_data(as_text=True)
    assert world.unit_a.name in html and world.unit_b.name not in html.split("<tbody>")[1]
    # The coverage page does not grow with the number of units.
    db.session.expire_all()
    with query_counter() as few:
        client.get("/council/plan?year=2025")
    for n in range(10):
        make_unit(world.org, f"Đơn vị {n}")
    db.session.expire_all()
    with query_counter() as many:
        client.get("/council/plan?year=2025")
    assert len(many) == len(few)
    # A plan item with an inspection is kept.
    client.post(f"/council/plan/{item.id}/delete")
    assert db.session.get(SupervisionPlanItem, item.id) is not None


def test_mine_is_for_council_members(login_as, world):
    assert login_as(world.office).get("/council/mine").status_code == 403
    assign_council(world, world.unit_b, 2024)
    html = login_as(world.council).get("/council/mine").get_data(as_text=True)
    assert "Năm 2024" in html and world.unit_b.name in html


def test_without_a_period_the_page_says_so(login_as, world):
    db.session.delete(world.period)
    db.session.commit()
    response = login_as(world.office).get("/council/")
    assert response.status_code == 200
    assert "Chưa có kỳ kế hoạch nào" in response.get_data(as_text=True)
