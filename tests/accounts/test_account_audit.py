"""Account events in the audit log, readable by the Office, without any secret: sign-in
and failed sign-in (address, browser), sign-out, password change and reset, role change,
deactivation, "all devices"."""

from __future__ import annotations

import json

from flask import g
from sqlalchemy import select

from portal.accounts import services
from portal.audit import AuditLog
from portal.extensions import db
from sampledata.world import PASSWORD

NEW_PASSWORD = "sen-no-giua-dam-2025"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Kiem-thu"


def _events(user=None, action=None) -> list[AuditLog]:
    query = select(AuditLog).where(AuditLog.object_type == "User").order_by(AuditLog.id)
    if user is not None:
        query = query.where(AuditLog.object_id == str(user.id))
    if action is not None:
        query = query.where(AuditLog.action == action)
    return list(db.session.scalars(query))


def _post(client, path, data=None):
    g.pop("_login_user", None)
    return client.post(
        path,
        data=data or {},
        headers={"User-Agent": BROWSER},
        environ_base={"REMOTE_ADDR": "192.0.2.10"},
    )


def _no_secret(entry: AuditLog, *secrets: str) -> None:
    text = json.dumps(entry.changes, ensure_ascii=False)
    for secret in secrets:
        assert secret not in text
    assert "password_hash" not in text and "session_token" not in text


def test_sign_in_and_sign_out_are_recorded_with_address_and_browser(client, world):
    _post(client, "/login", {"email": world.coordinator_a.email, "password": PASSWORD})
    [login] = _events(world.coordinator_a, "login")
    assert login.actor_id == world.coordinator_a.id
    assert login.organization_id == world.org.id
    assert login.changes["address"] == [None, "192.0.2.10"]
    assert login.changes["user_agent"] == [None, BROWSER]
    token = world.coordinator_a.session_token
    _no_secret(login, PASSWORD, token)
    _post(client, "/logout")
    [logout] = _events(world.coordinator_a, "logout")
    assert logout.actor_id == world.coordinator_a.id
    assert logout.changes["address"] == [None, "192.0.2.10"]
    _no_secret(logout, token)


def test_failed_sign_ins_are_recorded_without_what_was_typed(client, world):
    _post(client, "/login", {"email": world.office.email, "password": "mat-khau-sai-1"})
    _post(client, "/login", {"email": "ai-do@example.vn", "password": "mat-khau-sai-2"})
    [known] = _events(world.office, "login_failed")
    assert known.organization_id == world.org.id and known.actor_id is None
    assert known.changes["reason"] == [None, "password"]
    assert known.changes["user_agent"] == [None, BROWSER]
    _no_secret(known, "mat-khau-sai-1")
    # An email without an account: recorded for no organization, and not written down
    # (a password typed in the email field would otherwise be in the log).
    [unknown] = [e for e in _events(action="login_failed") if e.object_id == ""]
    assert unknown.organization_id is None
    _no_secret(unknown, "mat-khau-sai-2", "ai-do")


def test_password_change_and_reset_are_recorded(app, client, world, login_as):
    login_as(world.staff_a)
    _post(
        client,
        "/account/password",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    [change] = _events(world.staff_a, "password_change")
    assert change.actor_id == world.staff_a.id
    _no_secret(change, PASSWORD, NEW_PASSWORD)
    other = app.test_client()
    token = services.password_token(world.coordinator_a)
    _post(
        other, f"/reset-password/{token}", {"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    [reset] = _events(world.coordinator_a, "password_reset")
    assert reset.actor_id is None and reset.organization_id == world.org.id
    _no_secret(reset, NEW_PASSWORD, token)


def test_role_change_deactivation_and_all_devices_are_recorded(client, world, login_as):
    login_as(world.office)
    _post(client, f"/admin/users/{world.staff_a.id}/roles", {"role": "viewer", "unit_id": ""})
    _post(client, f"/admin/users/{world.coordinator_b.id}/deactivate")
    revoked = {e.object_id: e for e in _events(action="sessions_revoked")}
    assert revoked[str(world.staff_a.id)].changes["reason"] == [None, "role_change"]
    assert revoked[str(world.staff_a.id)].actor_id == world.office.id
    assert revoked[str(world.coordinator_b.id)].changes["reason"] == [None, "deactivated"]
    # The role itself is in the log as a row, as before.
    assert db.session.scalar(
        select(AuditLog).where(
            AuditLog.object_type == "RoleMembership", AuditLog.action == "create"
        )
    )
    login_as(world.viewer)
    _post(client, "/account/sessions/revoke")
    [own] = _events(world.viewer, "sessions_revoked")
    assert own.actor_id == world.viewer.id and own.changes["reason"] == [None, "all_devices"]


def test_the_office_reads_account_events_in_the_audit_screen(client, world, login_as):
    _post(client, "/login", {"email": world.coordinator_a.email, "password": "sai-mat-khau"})
    _post(client, "/login", {"email": world.coordinator_a.email, "password": PASSWORD})
    login_as(world.office)
    g.pop("_login_user", None)
    body = client.get("/admin/audit").get_data(as_text=True)
    assert "Đăng nhập không thành công" in body and "Đăng nhập" in body
    assert "192.0.2.10" in body
    g.pop("_login_user", None)
    filtered = client.get("/admin/audit?action=login_failed").get_data(as_text=True)
    assert "Đăng nhập không thành công" in filtered
    assert (
        '<option selected value="login_failed">' in filtered
        or 'value="login_failed" selected' in filtered
    )
    # Another organization's Office does not see them.
    login_as(world.foreign_office)
    g.pop("_login_user", None)
    assert "192.0.2.10" not in client.get("/admin/audit").get_data(as_text=True)
