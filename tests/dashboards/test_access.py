"""Who reaches which dashboard: each role's own at /dashboards/, units through
portal.tenancy (a foreign or unseen unit is a 404), read-only for the Director."""

from __future__ import annotations

import re

import pytest

from tests.factories import assign_council


def test_index_serves_each_role_its_own_dashboard(programme, login_as):
    world = programme.world
    for user in (world.office, world.viewer):
        html = login_as(user).get("/dashboards/").get_data(as_text=True)
        assert "Tổng quan chương trình điển hình tiên tiến" in html
        assert 'id="dash-matrix"' in html
    html = login_as(world.council).get("/dashboards/").get_data(as_text=True)
    assert "Tổng quan của thành viên Hội đồng" in html
    for user in (world.coordinator_a, world.staff_a):
        html = login_as(user).get("/dashboards/").get_data(as_text=True)
        assert "Tổng quan của đơn vị" in html and world.unit_a.name in html
        assert world.unit_b.name not in html


def test_navigation_offers_the_dashboard_to_every_role(programme, login_as):
    world = programme.world
    for user in (world.office, world.viewer, world.council, world.coordinator_a, world.staff_a):
        html = login_as(user).get("/dashboards/").get_data(as_text=True)
        assert re.search(r'href="/dashboards/"[^>]*>Tổng quan</a>', html)


def test_anonymous_is_sent_to_sign_in(client):
    for url in (
        "/dashboards/",
        "/dashboards/council",
        "/dashboards/export.xlsx",
        "/dashboards/units/1",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.location


@pytest.mark.parametrize("suffix", ["", "/export.xlsx"])
def test_unit_dashboard_tenancy(programme, login_as, suffix):
    world = programme.world
    own, other, foreign = world.unit_a.id, world.unit_b.id, world.foreign_unit.id
    coordinator = login_as(world.coordinator_a)
    assert coordinator.get(f"/dashboards/units/{own}{suffix}").status_code == 200
    assert coordinator.get(f"/dashboards/units/{other}{suffix}").status_code == 404
    assert coordinator.get(f"/dashboards/units/{foreign}{suffix}").status_code == 404
    office = login_as(world.office)
    assert office.get(f"/dashboards/units/{other}{suffix}").status_code == 200
    assert office.get(f"/dashboards/units/{foreign}{suffix}").status_code == 404
    assert login_as(world.viewer).get(f"/dashboards/units/{other}{suffix}").status_code == 200
    assert login_as(world.foreign_office).get(f"/dashboards/units/{own}{suffix}").status_code == 404


def test_council_member_reaches_assigned_units_only(programme, login_as):
    world = programme.world  # the inspection of 2024 assigned the member to unit A
    client = login_as(world.council)
    assert client.get(f"/dashboards/units/{world.unit_a.id}").status_code == 200
    assert client.get(f"/dashboards/units/{world.unit_b.id}").status_code == 404
    assign_council(world, world.unit_b, 2025)
    client = login_as(world.council)
    assert client.get(f"/dashboards/units/{world.unit_b.id}").status_code == 200


def test_org_export_and_council_page_by_role(programme, login_as):
    world = programme.world
    for user in (world.coordinator_a, world.staff_a, world.council):
        assert login_as(user).get("/dashboards/export.xlsx").status_code == 403
    for user in (world.office, world.viewer, world.coordinator_a):
        assert login_as(user).get("/dashboards/council").status_code == 403
    assert login_as(world.council).get("/dashboards/council").status_code == 200


def test_the_director_reads_without_any_action(programme, login_as):
    world = programme.world
    for url in ("/dashboards/?year=2024", f"/dashboards/units/{world.unit_a.id}?year=2024"):
        html = login_as(world.viewer).get(url).get_data(as_text=True)
        forms = re.findall(r'<form[^>]*method="post"[^>]*action="([^"]*)"', html)
        # only signing out, and choosing the language (a POST since issue 16)
        assert [f for f in forms if not f.startswith("/lang/")] == ["/logout"]
        assert "Xuất Excel" in html


def test_a_foreign_organization_sees_nothing_of_ours(programme, login_as):
    world = programme.world
    html = login_as(world.foreign_office).get("/dashboards/?year=2024").get_data(as_text=True)
    assert world.unit_a.name not in html and world.unit_b.name not in html
    assert world.foreign_unit.name in html  # its own unit, and only it


def test_workspace_home_links_to_the_unit_dashboard(programme, login_as):
    world = programme.world
    html = login_as(world.coordinator_a).get(f"/units/{world.unit_a.id}").get_data(as_text=True)
    assert f'href="/dashboards/units/{world.unit_a.id}"' in html
