"""Signing in and out: credentials, the same message for every failure, `next`, cookies."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.accounts.models import User
from portal.extensions import db
from sampledata.world import PASSWORD

FAILURE = "Email hoặc mật khẩu không đúng."


def _login(client, email, password=PASSWORD, **extra):
    return client.post("/login", data={"email": email, "password": password, **extra})


def test_login_page_has_labelled_fields(client, world):
    body = client.get("/login").get_data(as_text=True)
    assert 'for="email"' in body and 'for="password"' in body and 'for="remember"' in body
    assert "Quên mật khẩu?" in body


def test_login_with_any_case_email_records_last_login(client, world):
    assert world.coordinator_a.last_login_at is None
    response = _login(client, "  Coord.A@EXAMPLE.vn ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    db.session.expire_all()
    assert world.coordinator_a.last_login_at is not None
    with client.session_transaction() as session:
        assert session["_user_id"].startswith(
            f"{world.coordinator_a.id}:{world.coordinator_a.session_token}:"
        )


def test_last_login_is_not_written_to_the_audit_log(client, world):
    from portal.audit import AuditLog

    _login(client, world.coordinator_a.email)
    entries = db.session.scalars(
        select(AuditLog).where(AuditLog.object_type == "User", AuditLog.action == "update")
    ).all()
    assert all("last_login_at" not in e.changes for e in entries)


@pytest.mark.parametrize(
    "email,password",
    [
        ("nobody@example.vn", PASSWORD),  # unknown email
        ("coord.a@example.vn", "wrong-password"),  # wrong password
        ("inactive@example.vn", PASSWORD),  # inactive account, right password
    ],
)
def test_every_failure_gives_the_same_answer(client, world, email, password):
    inactive = db.session.scalar(select(User).where(User.email == "staff.a@example.vn"))
    inactive.email, inactive.active = "inactive@example.vn", False
    db.session.commit()
    response = _login(client, email, password)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert FAILURE in body
    assert "không tồn tại" not in body and "bị khóa" not in body
    # The email typed is kept; the password is not sent back.
    assert f'value="{email}"' in body
    assert password not in body
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_failure_pages_are_identical_apart_from_the_email(client, world):
    bodies = []
    for email, password in [("nobody@example.vn", PASSWORD), ("coord.a@example.vn", "sai")]:
        body = _login(client, email, password).get_data(as_text=True)
        bodies.append(body.replace(email, "EMAIL"))
    assert bodies[0] == bodies[1]


def test_empty_form_shows_errors_next_to_fields(client, world):
    body = _login(client, "", "").get_data(as_text=True)
    assert body.count("Vui lòng nhập thông tin này.") == 2
    assert "invalid-feedback" in body


def test_user_without_password_cannot_log_in(client, world):
    world.staff_a.password_hash = ""
    db.session.commit()
    assert _login(client, world.staff_a.email, "").status_code == 200
    assert FAILURE in _login(client, world.staff_a.email, "anything").get_data(as_text=True)
    with client.session_transaction() as session:
        assert "_user_id" not in session


@pytest.mark.parametrize("target", ["/admin/users", "/account/password?x=1"])
def test_next_local_path_is_followed(client, world, target):
    response = _login(client, world.office.email, next=target)
    assert response.headers["Location"] == target


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https://evil.example",
        "http://evil.example/login",
        "/\\evil",
        "\\\\evil.example",
        "javascript:alert(1)",
        "/\t/evil.example",
        "///evil.example",
    ],
)
def test_next_to_another_site_is_ignored(client, world, target):
    response = _login(client, world.office.email, next=target)
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location == "/"
    assert "evil" not in location


def test_next_from_the_query_string_is_carried_through_the_form(client, world):
    response = client.get("/admin/units")
    assert response.status_code == 302
    login_url = response.headers["Location"]
    assert login_url.startswith("/login?next=")
    body = client.get(login_url).get_data(as_text=True)
    assert 'name="next" type="hidden" value="/admin/units"' in body
    response = _login(client, world.office.email, next="/admin/units")
    assert response.headers["Location"] == "/admin/units"


def test_signed_in_user_is_sent_on_from_login_page(client, world, login_as):
    login_as(world.office)
    response = client.get("/login?next=//evil.example")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_session_cookie_is_httponly_and_samesite_lax(client, world):
    response = _login(client, world.office.email)
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    assert "HttpOnly" in session_cookie
    assert "SameSite=Lax" in session_cookie
    assert not any(c.startswith("remember_token=") for c in cookies)


def test_remember_me_sets_a_httponly_lax_remember_cookie(client, world):
    response = _login(client, world.office.email, remember="y")
    remember = next(
        c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token=")
    )
    assert "HttpOnly" in remember and "SameSite=Lax" in remember
    assert "Expires=" in remember


def test_cookies_are_secure_when_served_over_https(monkeypatch, tmp_path):
    from portal import create_app

    monkeypatch.setenv("PORTAL_BASE_URL", "https://tdkt.example.vn")
    app = create_app("testing", overrides={"INSTANCE_DIR": tmp_path})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True


def test_logout_is_post_only_and_signs_out(client, world):
    _login(client, world.office.email)
    assert client.get("/logout").status_code == 405
    response = client.post("/logout")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    with client.session_transaction() as session:
        assert "_user_id" not in session
    assert client.get("/admin/units").status_code == 302


def test_logout_when_signed_out_goes_to_login(client, world):
    response = client.post("/logout")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"


def test_deactivated_user_is_signed_out_on_next_request(client, world):
    _login(client, world.office.email)
    world.office.active = False
    db.session.commit()
    from flask import g

    g.pop("_login_user", None)
    assert client.get("/admin/units").status_code == 302
