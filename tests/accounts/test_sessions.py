"""Revocable sessions: a copied session or remember cookie stops working at logout, at a
password change or reset, at a change of roles or deactivation, at "Đăng xuất khỏi mọi
thiết bị"; each sign-in starts a new session and a new remember cookie; idle timeout and
absolute lifetime of the remember cookie."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
from flask import current_app, g
from itsdangerous import TimestampSigner

from portal import create_app
from portal.accounts import services, sessions
from portal.accounts.models import Role
from portal.extensions import db
from sampledata.world import PASSWORD, World

NEW_PASSWORD = "sen-no-giua-dam-2025"
PAGE = "/account/password"  # any page that needs a signed-in person


def _sign_in(client, user, remember=False, password=PASSWORD):
    data = {"email": user.email, "password": password}
    if remember:
        data["remember"] = "y"
    response = client.post("/login", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def _forget() -> None:
    g.pop("_login_user", None)
    g.pop("csrf_token", None)


@pytest.fixture(autouse=True)
def _one_browser_per_client(app):
    """The test's app context (and so `g`) outlives each request: forget who the last
    request signed in and its CSRF token, so that each client is a browser of its own."""
    app.before_request_funcs.setdefault(None, []).insert(0, _forget)


def _cookie(client, name):
    """The test client files cookies under the portal's host (from PORTAL_BASE_URL)."""
    host = urlsplit(current_app.config["PORTAL_BASE_URL"]).hostname
    return client.get_cookie(name, domain=host) or client.get_cookie(name)


def _copy(app, source, names=("session", "remember_token")):
    """Another browser holding copies of `source`'s cookies (an attacker's)."""
    other = app.test_client()
    host = urlsplit(app.config["PORTAL_BASE_URL"]).hostname
    copied = 0
    for name in names:
        cookie = _cookie(source, name)
        if cookie is not None:
            other.set_cookie(name, cookie.value, domain=host)
            copied += 1
    assert copied == len(names)
    return other


def _signed_in(client) -> bool:
    g.pop("_login_user", None)  # the test's app context outlives the request
    response = client.get(PAGE)
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/login")
        return False
    assert response.status_code == 200
    return True


@pytest.mark.parametrize("names", [("session",), ("remember_token",)])
def test_a_cookie_copied_before_logout_gets_the_login_page(app, client, world, names):
    _sign_in(client, world.coordinator_a, remember=True)
    thief = _copy(app, client, names)
    assert _signed_in(thief)  # the copy works while the owner is signed in
    response = client.post("/logout")
    assert response.headers["Location"] == "/login"
    assert not _signed_in(client)
    assert not _signed_in(thief)
    # Signing in again does not bring the copy back.
    _sign_in(client, world.coordinator_a)
    assert not _signed_in(thief)


def test_logout_deletes_the_remember_cookie(client, world):
    _sign_in(client, world.office, remember=True)
    response = client.post("/logout")
    cookies = response.headers.getlist("Set-Cookie")
    assert any(c.startswith("remember_token=;") for c in cookies)


@pytest.mark.parametrize("names", [("session",), ("remember_token",)])
def test_a_cookie_copied_before_a_password_change_gets_the_login_page(app, client, world, names):
    _sign_in(client, world.staff_a, remember=True)
    thief = _copy(app, client, names)
    assert _signed_in(thief)
    response = client.post(
        PAGE,
        data={"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not _signed_in(thief)
    # The person who changed it stays signed in, on a new session.
    assert _signed_in(client)


def test_a_password_reset_ends_every_session(app, client, world):
    _sign_in(client, world.staff_a, remember=True)
    other = app.test_client()
    token = services.password_token(world.staff_a)
    response = other.post(
        f"/reset-password/{token}", data={"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert response.headers["Location"] == "/login"
    assert not _signed_in(client)


@pytest.mark.parametrize("change", ["add_role", "remove_role", "deactivate"])
def test_a_change_of_roles_or_deactivation_ends_the_users_sessions(app, world, change):
    victim = app.test_client()
    _sign_in(victim, world.coordinator_a, remember=True)
    thief = _copy(app, victim, ("remember_token",))
    office = app.test_client()
    _sign_in(office, world.office)
    user_id = world.coordinator_a.id
    if change == "add_role":
        response = office.post(
            f"/admin/users/{user_id}/roles", data={"role": "staff", "unit_id": world.unit_b.id}
        )
    elif change == "remove_role":
        membership = world.coordinator_a.memberships[0]
        response = office.post(f"/admin/users/{user_id}/roles/{membership.id}/remove")
    else:
        response = office.post(f"/admin/users/{user_id}/deactivate")
    assert response.status_code == 302
    assert not _signed_in(victim) and not _signed_in(thief)
    assert _signed_in(office)


def test_the_office_changing_its_own_roles_stays_signed_in(app, world, client):
    _sign_in(client, world.office)
    response = client.post(
        f"/admin/users/{world.office.id}/roles", data={"role": "viewer", "unit_id": ""}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert Role.VIEWER in world.office.roles
    assert _signed_in(client)


def test_sign_out_of_every_device(app, client, world):
    _sign_in(client, world.viewer, remember=True)
    laptop = app.test_client()
    _sign_in(laptop, world.viewer, remember=True)
    body = client.get(PAGE).get_data(as_text=True)
    assert "Đăng xuất khỏi mọi thiết bị" in body
    assert 'action="/account/sessions/revoke"' in body
    assert client.get("/account/sessions/revoke").status_code == 405
    response = client.post("/account/sessions/revoke")
    assert response.headers["Location"] == "/login"
    assert not _signed_in(client)
    assert not _signed_in(laptop)


def test_sign_out_of_every_device_needs_the_csrf_token(app, tmp_path, redis_server):
    """A second app, with CSRF on, on the `app` fixture's database (which empties it)."""
    csrf_app = create_app("testing", overrides={"INSTANCE_DIR": tmp_path, "WTF_CSRF_ENABLED": True})
    csrf_app.extensions["portal_redis"] = redis_server
    csrf_app.before_request_funcs.setdefault(None, []).insert(0, _forget)
    with csrf_app.app_context():
        db.create_all()
        try:
            world = World()
            client = csrf_app.test_client()
            page = client.get("/login").get_data(as_text=True)
            csrf = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
            _sign_in_with_csrf(client, world.viewer, csrf)
            forged = client.post("/account/sessions/revoke")
            assert forged.status_code == 400
            assert _signed_in(client)
            body = client.get(PAGE).get_data(as_text=True)
            form = body.split('action="/account/sessions/revoke"')[1]
            token = form.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
            response = client.post("/account/sessions/revoke", data={"csrf_token": token})
            assert response.headers["Location"] == "/login"
            assert not _signed_in(client)
        finally:
            db.session.remove()
            db.engine.dispose()


def _sign_in_with_csrf(client, user, csrf):
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf}
    )
    assert response.status_code == 302


def test_each_sign_in_has_its_own_remember_cookie(app, world):
    values = set()
    for _ in range(2):
        client = app.test_client()
        _sign_in(client, world.office, remember=True)
        values.add(_cookie(client, "remember_token").value)
    assert len(values) == 2


def test_signing_in_on_a_second_device_keeps_the_first(app, world):
    first, second = app.test_client(), app.test_client()
    _sign_in(first, world.office, remember=True)
    _sign_in(second, world.office, remember=True)
    assert _signed_in(first) and _signed_in(second)


def test_sign_in_starts_a_new_session(client, world):
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
        session["csrf_token"] = "known-to-the-attacker"
        session["lang"] = "en"
    _sign_in(client, world.office)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("csrf_token") != "known-to-the-attacker"
        assert session["lang"] == "en"  # the chosen language is kept
        assert session.permanent


def test_an_old_style_session_without_the_secret_is_refused(client, world):
    with client.session_transaction() as session:
        session["_user_id"] = str(world.office.id)
    assert not _signed_in(client)


def _later_session_clock(monkeypatch, seconds: int):
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) + seconds)


def test_an_idle_session_times_out(app, client, world, monkeypatch):
    assert app.config["PERMANENT_SESSION_LIFETIME"].total_seconds() == 8 * 3600
    _sign_in(client, world.office)
    _later_session_clock(monkeypatch, 7 * 3600)
    assert _signed_in(client)  # and this request refreshed the cookie
    _later_session_clock(monkeypatch, 7 * 3600 + 9 * 3600)
    assert not _signed_in(client)


def test_the_remember_cookie_has_an_absolute_lifetime(app, client, world, monkeypatch):
    assert app.config["REMEMBER_COOKIE_DURATION"].days == 30
    response = _sign_in(client, world.office, remember=True)
    remember = next(
        c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token=")
    )
    assert "Max-Age=2592000" in remember or "Expires=" in remember
    copy = _copy(app, client, ("remember_token",))
    now = time.time()
    monkeypatch.setattr(sessions.time, "time", lambda: now + 29 * 86400)
    assert _signed_in(_copy(app, client, ("remember_token",)))
    monkeypatch.setattr(sessions.time, "time", lambda: now + 31 * 86400)
    assert not _signed_in(copy)
