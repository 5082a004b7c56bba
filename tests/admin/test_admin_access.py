"""Every administration route: anonymous people sign in first, only the Office gets in,
and ids of another organization are 404."""

from __future__ import annotations

import pytest

from portal.accounts.models import Role

GET_PAGES = [
    ("/admin/units", 200),
    ("/admin/units/new", 200),
    ("/admin/users", 200),
    ("/admin/users/new", 200),
    ("/admin/users/import", 200),
    ("/admin/audit", 200),
]


def _id_pages(world):
    unit, user = world.unit_a.id, world.staff_a.id
    membership = world.staff_a.memberships[0].id
    return [
        ("GET", f"/admin/units/{unit}/edit"),
        ("POST", f"/admin/units/{unit}/edit"),
        ("POST", f"/admin/units/{unit}/deactivate"),
        ("POST", f"/admin/units/{unit}/reactivate"),
        ("GET", f"/admin/users/{user}"),
        ("GET", f"/admin/users/{user}/edit"),
        ("POST", f"/admin/users/{user}/edit"),
        ("POST", f"/admin/users/{user}/deactivate"),
        ("POST", f"/admin/users/{user}/reactivate"),
        ("POST", f"/admin/users/{user}/roles"),
        ("POST", f"/admin/users/{user}/roles/{membership}/remove"),
        ("POST", f"/admin/users/{user}/password-link"),
    ]


@pytest.mark.parametrize("path,status", GET_PAGES)
def test_office_opens_every_page(world, login_as, path, status):
    response = login_as(world.office).get(path)
    assert response.status_code == status
    assert "<h1" in response.get_data(as_text=True)


@pytest.mark.parametrize("path,_status", GET_PAGES)
def test_anonymous_is_sent_to_login(client, world, path, _status):
    response = client.get(path)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert "next=" in response.headers["Location"]


@pytest.mark.parametrize("who", ["viewer", "council", "coordinator_a", "staff_a", "coordinator_b"])
def test_other_roles_are_forbidden(world, login_as, who):
    client = login_as(getattr(world, who))
    for path, _status in GET_PAGES:
        assert client.get(path).status_code == 403, path
    for method, path in _id_pages(world):
        assert client.open(path, method=method).status_code == 403, path


def test_office_of_another_organization_gets_404_for_our_ids(world, login_as):
    client = login_as(world.foreign_office)
    for method, path in _id_pages(world):
        assert client.open(path, method=method).status_code == 404, path
    # Nothing was changed by those attempts.
    assert world.unit_a.is_active and world.staff_a.active
    assert Role.STAFF in world.staff_a.roles


def test_membership_of_another_user_is_404(world, login_as):
    other = world.coordinator_a.memberships[0].id
    response = login_as(world.office).post(f"/admin/users/{world.staff_a.id}/roles/{other}/remove")
    assert response.status_code == 404
    assert Role.COORDINATOR in world.coordinator_a.roles


def test_unknown_ids_are_404(world, login_as):
    client = login_as(world.office)
    assert client.get("/admin/units/99999/edit").status_code == 404
    assert client.get("/admin/users/99999").status_code == 404


def test_navigation_shows_admin_menu_to_office_only(world, login_as, client):
    body = login_as(world.office).get("/admin/units").get_data(as_text=True)
    assert 'href="/admin/users"' in body and 'href="/admin/audit"' in body
    login_as(world.coordinator_a)
    body = client.get("/account/password").get_data(as_text=True)
    assert 'href="/admin/users"' not in body
