"""The Office's plan periods and criteria pages, for every role."""

from __future__ import annotations

from datetime import date

import pytest

from portal.criteria import services
from portal.criteria.models import CriteriaAudience, CriteriaItem, CriteriaSet
from portal.exemplars.evaluation import save_evaluation
from portal.extensions import db
from portal.periods.models import PlanPeriod
from tests.factories import record_exemplar

READERS = ["office", "viewer", "council", "coordinator_a", "staff_a"]
NOT_OFFICE = ["viewer", "council", "coordinator_a", "staff_a"]


@pytest.fixture
def sets(world):
    services.ensure_sets(world.period)
    collective = services.current_set(world.period.id, CriteriaAudience.COLLECTIVE)
    for title in ("Hoàn thành nhiệm vụ", "Sáng kiến"):
        services.add_item(
            collective, title=title, guidance="", weight="1", max_score=10, required=True
        )
    db.session.commit()
    return {"set": collective.id, "item": collective.items[0].id, "period": world.period.id}


ITEM_FORM = {
    "title": "Sức lan tỏa",
    "guidance": "Được học tập, nhân rộng",
    "weight": "1.5",
    "max_score": "10",
    "required": "y",
}


def _writes(ids):
    return [
        ("get", "/criteria/periods/new", None),
        (
            "post",
            "/criteria/periods/new",
            {"name": "2026-2030", "start_year": "2026", "end_year": "2030"},
        ),
        ("get", "/criteria/periods/{period}/edit", None),
        (
            "post",
            "/criteria/periods/{period}/edit",
            {"name": "2023-2025", "start_year": "2023", "end_year": "2026"},
        ),
        ("post", "/criteria/periods/{period}/sets", {}),
        ("get", "/criteria/sets/{set}/edit", None),
        ("post", "/criteria/sets/{set}/edit", {"title": "Tên mới"}),
        ("get", "/criteria/sets/{set}/items/new", None),
        ("post", "/criteria/sets/{set}/items/new", ITEM_FORM),
        ("get", "/criteria/items/{item}/edit", None),
        ("post", "/criteria/items/{item}/edit", ITEM_FORM),
        ("post", "/criteria/items/{item}/move", {"direction": "down"}),
        ("post", "/criteria/items/{item}/delete", {}),
    ]


def _snapshot():
    db.session.expire_all()
    return (
        db.session.scalars(db.select(PlanPeriod.end_year).order_by(PlanPeriod.id)).all(),
        db.session.scalars(db.select(CriteriaSet.title).order_by(CriteriaSet.id)).all(),
        db.session.scalars(db.select(CriteriaItem.title).order_by(CriteriaItem.id)).all(),
    )


@pytest.mark.parametrize("role", READERS)
def test_everyone_of_the_organization_reads(world, sets, login_as, role):
    client = login_as(getattr(world, role))
    index = client.get("/criteria/")
    assert index.status_code == 200 and "2023-2025" in index.get_data(as_text=True)
    detail = client.get(f"/criteria/sets/{sets['set']}")
    assert detail.status_code == 200 and "Sáng kiến" in detail.get_data(as_text=True)
    assert ("Thêm tiêu chí" in detail.get_data(as_text=True)) == (role == "office")


@pytest.mark.parametrize("role", NOT_OFFICE)
def test_only_the_office_writes(world, sets, login_as, role):
    client = login_as(getattr(world, role))
    before = _snapshot()
    for method, url, form in _writes(sets):
        response = getattr(client, method)(url.format(**sets), data=form)
        assert response.status_code == 403, url
    assert _snapshot() == before


@pytest.mark.parametrize("role", ["foreign_office", "foreign_coordinator"])
def test_other_organization_gets_404(world, sets, login_as, role):
    client = login_as(getattr(world, role))
    assert client.get(f"/criteria/sets/{sets['set']}").status_code == 404
    assert "Hoàn thành nhiệm vụ" not in client.get("/criteria/").get_data(as_text=True)
    before = _snapshot()
    for method, url, form in _writes(sets):
        if "{" in url:  # creating a period of one's own organization is not a foreign id
            assert getattr(client, method)(url.format(**sets), data=form).status_code == 404, url
    assert _snapshot() == before


def test_office_creates_a_period_with_its_two_sets(world, login_as):
    client = login_as(world.office)
    response = client.post(
        "/criteria/periods/new",
        data={
            "name": "2026-2030",
            "title": "Kế hoạch giai đoạn 2026-2030",
            "start_year": "2026",
            "end_year": "2030",
            "is_current": "y",
        },
    )
    assert response.status_code == 302
    period = db.session.scalar(db.select(PlanPeriod).where(PlanPeriod.name == "2026-2030"))
    assert period.is_current and period.years == [2026, 2027, 2028, 2029, 2030]
    db.session.refresh(world.period)
    assert not world.period.is_current
    audiences = db.session.scalars(
        db.select(CriteriaSet.audience).where(CriteriaSet.period_id == period.id)
    ).all()
    assert sorted(audiences) == ["collective", "individual"]


def test_period_form_errors_are_shown_and_input_kept(world, login_as):
    client = login_as(world.office)
    response = client.post(
        "/criteria/periods/new",
        data={
            "name": "2023-2025",
            "title": "Tên kế hoạch đã gõ",
            "start_year": "2026",
            "end_year": "2027",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Đã có kỳ kế hoạch tên 2023-2025." in page
    assert "Tên kế hoạch đã gõ" in page
    response = client.post(
        "/criteria/periods/new", data={"name": "X", "start_year": "2026", "end_year": "2024"}
    )
    assert "Năm kết thúc phải không trước năm bắt đầu." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(PlanPeriod.id))) == 2


def test_office_edits_items_in_place_while_unused(world, sets, login_as):
    client = login_as(world.office)
    assert client.post(f"/criteria/sets/{sets['set']}/items/new", data=ITEM_FORM).status_code == 302
    assert (
        client.post(f"/criteria/items/{sets['item']}/move", data={"direction": "down"}).status_code
        == 302
    )
    criteria_set = db.session.get(CriteriaSet, sets["set"])
    db.session.refresh(criteria_set)
    assert [i.title for i in criteria_set.items] == [
        "Sáng kiến",
        "Hoàn thành nhiệm vụ",
        "Sức lan tỏa",
    ]
    assert criteria_set.items[2].weight == 1.5 and criteria_set.version == 1
    bad = client.post(f"/criteria/items/{sets['item']}/edit", data={**ITEM_FORM, "weight": "0"})
    assert bad.status_code == 200 and "is-invalid" in bad.get_data(as_text=True)


def test_office_edit_of_a_used_set_makes_a_new_version(world, sets, login_as):
    exemplar = record_exemplar(world.unit_a, name="Tổ A")
    criteria_set = db.session.get(CriteriaSet, sets["set"])
    save_evaluation(
        exemplar,
        evaluated_on=date(2024, 5, 1),
        evaluator=None,
        aspects={"effect": 3, "effectiveness": 3, "development_potential": 3, "influence": 3},
        item_scores={i.id: 5 for i in criteria_set.items},
    )
    db.session.commit()
    client = login_as(world.office)
    response = client.post(
        f"/criteria/items/{sets['item']}/edit", data=ITEM_FORM, follow_redirects=True
    )
    page = response.get_data(as_text=True)
    assert "đã tạo phiên bản 2" in page
    assert "Phiên bản 1" in page  # the history of versions is listed
    new = services.current_set(world.period.id, CriteriaAudience.COLLECTIVE)
    assert new.version == 2 and [i.title for i in new.items] == ["Sức lan tỏa", "Sáng kiến"]
    db.session.refresh(criteria_set)
    assert [i.title for i in criteria_set.items] == ["Hoàn thành nhiệm vụ", "Sáng kiến"]
    old_page = client.get(f"/criteria/sets/{criteria_set.id}").get_data(as_text=True)
    assert "Phiên bản cũ, chỉ xem" in old_page and "Thêm tiêu chí" not in old_page
    refused = client.post(
        f"/criteria/sets/{criteria_set.id}/items/new", data=ITEM_FORM, follow_redirects=True
    )
    assert "chỉ được xem" in refused.get_data(as_text=True)
    db.session.refresh(criteria_set)
    assert len(criteria_set.items) == 2
