"""A new department's first steps on its Office's dashboard, and the hints of empty lists."""

from __future__ import annotations

import re

import pytest

from portal.accounts.models import Role
from portal.congress import services as congress
from portal.council.models import CouncilMember
from portal.dashboards.setup_guide import setup_steps
from portal.extensions import db
from portal.organizations.models import Organization, Unit, UnitKind
from portal.periods.models import PlanPeriod
from sampledata.world import make_user
from tests.factories import make_criteria

STEP = re.compile(r'data-testid="setup-step-(\w+)" data-done="(\d)"')


@pytest.fixture
def new_org(app):
    org = Organization(name="Sở Tư pháp tỉnh Quảng Bình", slug="so-tu-phap", guide_setup=True)
    db.session.add(org)
    db.session.commit()
    org.office = make_user(org, "vp@stp.vn", (Role.OFFICE_ADMIN, None), name="Văn Phòng")
    return org


def steps_on(client) -> dict[str, bool]:
    html = client.get("/dashboards/").get_data(as_text=True)
    return {key: done == "1" for key, done in STEP.findall(html)}


def test_the_guide_follows_each_step_and_hides_when_asked(new_org, client, login_as):
    login_as(new_org.office)
    html = client.get("/dashboards/").get_data(as_text=True)
    assert "Chưa có kỳ kế hoạch" in html and 'href="/criteria/periods/new"' in html
    for link in ("/criteria/periods/new", "/admin/units/new", "/council/", "/criteria/"):
        assert f'href="{link}"' in html
        assert client.get(link).status_code == 200, link
    assert steps_on(client) == dict.fromkeys(("period", "units", "council", "criteria"), False)

    period = PlanPeriod(
        organization_id=new_org.id, name="2026-2030", start_year=2026, end_year=2030
    )
    db.session.add(period)
    db.session.add(Unit(organization_id=new_org.id, name="Phòng Hộ tịch", kind=UnitKind.DIVISION))
    db.session.commit()
    assert steps_on(client) == {"period": True, "units": True, "council": False, "criteria": False}
    member = make_user(new_org, "hd@stp.vn", (Role.COUNCIL_MEMBER, None), name="Hội Đồng")
    seat = CouncilMember(organization_id=new_org.id, period_id=period.id, user_id=member.id)
    db.session.add(seat)
    make_criteria(period)
    db.session.commit()
    html = client.get("/dashboards/").get_data(as_text=True)
    assert 'data-testid="setup-progress">4/4' in html and 'data-testid="setup-complete"' in html

    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    data = {"csrf_token": token.group(1)} if token else {}
    assert client.post("/dashboards/setup-guide/hide", data=data).status_code == 302
    assert not db.session.get(Organization, new_org.id).guide_setup
    assert 'id="setup-guide"' not in client.get("/dashboards/").get_data(as_text=True)


def test_an_empty_criteria_set_is_not_done(new_org):
    period = PlanPeriod(
        organization_id=new_org.id, name="2026-2030", start_year=2026, end_year=2030
    )
    db.session.add(period)
    db.session.commit()
    make_criteria(period, items=())
    done = {step.key: step.done for step in setup_steps(new_org.id)}
    assert done["period"] and not done["criteria"]


def test_only_the_office_of_a_guided_department_sees_the_guide(new_org, world, client, login_as):
    viewer = make_user(new_org, "gd@stp.vn", (Role.VIEWER, None), name="Giám Đốc")
    assert 'id="setup-guide"' not in login_as(viewer).get("/dashboards/").get_data(as_text=True)
    assert client.post("/dashboards/setup-guide/hide").status_code == 403
    assert db.session.get(Organization, new_org.id).guide_setup
    html = login_as(world.office).get("/dashboards/").get_data(as_text=True)
    assert 'id="setup-guide"' not in html  # an organization not made from the web


def _hint(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    match = re.search(r'data-testid="empty-hint">(.*?)</(?:td|p)>', html, re.S)
    assert match, url
    return match.group(1)


def test_each_empty_list_says_what_to_do_next(new_org, client, login_as):
    login_as(new_org.office)
    assert 'href="/criteria/periods/new"' in _hint(client, "/criteria/")
    assert 'href="/admin/units/new"' in _hint(client, "/admin/units")
    period = PlanPeriod(
        organization_id=new_org.id, name="2026-2030", start_year=2026, end_year=2030
    )
    unit = Unit(organization_id=new_org.id, name="Phòng Hộ tịch", kind=UnitKind.DIVISION)
    db.session.add_all([period, unit])
    db.session.commit()
    assert 'href="/admin/users/new"' in _hint(client, "/council/")
    criteria = make_criteria(period, items=())
    assert f'href="/criteria/sets/{criteria.id}/items/new"' in _hint(
        client, f"/criteria/sets/{criteria.id}"
    )
    coordinator = make_user(new_org, "td@stp.vn", (Role.COORDINATOR, unit), name="Thi Đua")
    login_as(coordinator)
    assert 'href="/exemplars/new"' in _hint(client, "/exemplars/")
    submission = congress.create_submission(unit.id, period)
    db.session.commit()
    hint = _hint(client, f"/congress/{submission.id}/nominees/new")
    assert "chưa có điển hình" in hint and f'href="/exemplars/new?unit_id={unit.id}"' in hint
