"""Forgotten password (signed, expiring, single-use link) and change of password."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.accounts import services
from portal.audit import AuditLog
from portal.extensions import db
from portal.mail.models import MailMessage
from portal.models_base import utcnow
from portal.rules import RuleError
from sampledata.world import PASSWORD

SAME_ANSWER = "Nếu địa chỉ này có tài khoản trên cổng"
# Strong enough for the rules of portal/accounts/passwords.py (not "mat-khau-moi-2025":
# "matkhaumoi2025" is in the list of common passwords).
NEW_PASSWORD = "sen-no-giua-dam-2025"


def _messages(category: str = "password_reset") -> list[MailMessage]:
    return db.session.scalars(select(MailMessage).where(MailMessage.category == category)).all()


def _link_in(message: MailMessage) -> str:
    return re.search(r"https?://\S+/reset-password/\S+", message.body_text).group(0)


def _path_of(link: str, app) -> str:
    return link.removeprefix(app.config["PORTAL_BASE_URL"])


def _later(monkeypatch, **delta):
    moment = utcnow() + timedelta(**delta)
    monkeypatch.setattr(services, "utcnow", lambda: moment)


def test_forgot_password_page(client, world):
    body = client.get("/forgot-password").get_data(as_text=True)
    assert 'for="email"' in body and "Quên mật khẩu" in body


def test_request_for_a_known_email_sends_a_vietnamese_mail_with_an_absolute_link(
    app, client, world, run_jobs
):
    response = client.post("/forgot-password", data={"email": "COORD.A@example.vn"})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    # The lookup and the email are the worker's: the answer never waits for them.
    assert _messages() == []
    run_jobs("mail")
    [message] = _messages()
    assert message.recipient_email == "coord.a@example.vn"
    assert message.recipient_user_id == world.coordinator_a.id
    assert message.organization_id == world.org.id
    assert message.subject == "Đặt lại mật khẩu Cổng điển hình tiên tiến"
    link = _link_in(message)
    assert link.startswith(app.config["PORTAL_BASE_URL"] + "/reset-password/")
    assert "Kính gửi Nguyễn Văn An" in message.body_text
    assert link in message.body_html and "Đặt mật khẩu mới" in message.body_html


@pytest.mark.parametrize("email", ["nobody@example.vn", "staff.a@example.vn"])
def test_unknown_or_inactive_email_gets_the_same_answer_and_no_mail(client, world, email, run_jobs):
    world.staff_a.active = False
    db.session.commit()
    known = client.post(
        "/forgot-password", data={"email": "coord.a@example.vn"}, follow_redirects=True
    )
    other = client.post("/forgot-password", data={"email": email}, follow_redirects=True)
    run_jobs("mail")
    assert SAME_ANSWER in known.get_data(as_text=True)
    assert known.get_data(as_text=True) == other.get_data(as_text=True)
    assert [m.recipient_email for m in _messages()] == ["coord.a@example.vn"]


def test_bad_email_is_shown_next_to_the_field(client, world):
    response = client.post("/forgot-password", data={"email": "khong-phai-email"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Địa chỉ email không hợp lệ." in body and 'value="khong-phai-email"' in body


def test_reset_link_sets_a_new_password_once(app, client, world, run_jobs):
    client.post("/forgot-password", data={"email": world.coordinator_a.email})
    run_jobs("mail")
    path = _path_of(_link_in(_messages()[0]), app)
    page = client.get(path)
    assert page.status_code == 200 and world.coordinator_a.email in page.get_data(as_text=True)
    response = client.post(path, data={"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    db.session.expire_all()
    assert world.coordinator_a.check_password(NEW_PASSWORD)
    assert not world.coordinator_a.check_password(PASSWORD)
    # The link was bound to the old password: it cannot be used again.
    again = client.get(path)
    assert again.status_code == 302 and again.headers["Location"] == "/forgot-password"
    again = client.post(path, data={"new_password": "ke-gian-2025!", "confirm": "ke-gian-2025!"})
    assert again.headers["Location"] == "/forgot-password"
    db.session.expire_all()
    assert world.coordinator_a.check_password(NEW_PASSWORD)
    # The new password signs in.
    login = client.post(
        "/login", data={"email": world.coordinator_a.email, "password": NEW_PASSWORD}
    )
    assert login.status_code == 302


def test_reset_form_checks_length_and_confirmation(client, world):
    path = f"/reset-password/{services.password_token(world.staff_a)}"
    short = client.post(path, data={"new_password": "ngan", "confirm": "ngan"})
    assert "Mật khẩu phải có từ 10 đến 128 ký tự." in short.get_data(as_text=True)
    mismatch = client.post(path, data={"new_password": NEW_PASSWORD, "confirm": "khac-nhau-123"})
    assert "Hai mật khẩu không khớp nhau." in mismatch.get_data(as_text=True)
    db.session.expire_all()
    assert world.staff_a.check_password(PASSWORD)


def test_reset_link_expires(client, world, monkeypatch, app):
    token = services.password_token(world.staff_a)
    assert services.user_from_token(token) == world.staff_a
    _later(monkeypatch, seconds=app.config["PASSWORD_RESET_MAX_AGE"] + 5)
    assert services.user_from_token(token) is None
    response = client.get(f"/reset-password/{token}")
    assert response.headers["Location"] == "/forgot-password"


def test_tampered_or_foreign_tokens_are_refused(app, world):
    token = services.password_token(world.staff_a)
    assert services.user_from_token(token[:-2] + ("AA" if token[-2:] != "AA" else "BB")) is None
    assert services.user_from_token("not-a-token") is None
    from itsdangerous import URLSafeTimedSerializer

    forged = URLSafeTimedSerializer("another-secret", salt=services.RESET_SALT).dumps(
        {"uid": world.office.id, "h": "x", "p": "reset"}
    )
    assert services.user_from_token(forged) is None


def test_token_of_an_inactive_user_is_refused(world):
    token = services.password_token(world.staff_a)
    world.staff_a.active = False
    db.session.commit()
    assert services.user_from_token(token) is None


def test_changing_the_password_any_way_invalidates_earlier_links(world):
    token = services.password_token(world.staff_a)
    services.change_password(world.staff_a, NEW_PASSWORD)
    db.session.commit()
    assert services.user_from_token(token) is None


def test_account_setup_link_lasts_longer_than_a_reset_link(world, monkeypatch):
    setup = services.password_token(world.staff_a, services.SETUP)
    reset = services.password_token(world.staff_a, services.RESET)
    _later(monkeypatch, hours=3)
    assert services.user_from_token(reset) is None
    assert services.user_from_token(setup) == world.staff_a
    _later(monkeypatch, days=8)
    assert services.user_from_token(setup) is None


def test_change_password_requires_login(client, world):
    response = client.get("/account/password")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_change_password_checks_current_password(world, login_as):
    client = login_as(world.staff_a)
    response = client.post(
        "/account/password",
        data={
            "current_password": "sai-mat-khau",
            "new_password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
        },
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "Mật khẩu hiện tại không đúng." in body
    db.session.expire_all()
    assert world.staff_a.check_password(PASSWORD)


@pytest.mark.parametrize(
    "new,confirm,message",
    [
        ("ngan", "ngan", "Mật khẩu phải có từ 10 đến 128 ký tự."),
        (NEW_PASSWORD, "khong-khop-123", "Hai mật khẩu không khớp nhau."),
        ("", "", "Vui lòng nhập thông tin này."),
    ],
)
def test_change_password_validates_new_password(world, login_as, new, confirm, message):
    client = login_as(world.staff_a)
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": new, "confirm": confirm},
    )
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert world.staff_a.check_password(PASSWORD)


def test_change_password_succeeds_and_is_not_audited_with_the_hash(world, login_as):
    client = login_as(world.staff_a)
    page = client.get("/account/password")
    assert page.status_code == 200 and 'for="current_password"' in page.get_data(as_text=True)
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert world.staff_a.check_password(NEW_PASSWORD)
    for entry in db.session.scalars(select(AuditLog)):
        assert "password_hash" not in entry.changes
        assert NEW_PASSWORD not in str(entry.changes)


def test_changing_ones_own_password_needs_the_current_one_and_leaves_the_commit(app, world):
    with app.test_request_context():
        with pytest.raises(RuleError) as error:
            services.change_own_password(world.staff_a, "không-phải", "Mật-khẩu-mới-Quảng-Bình")
        assert error.value.field == "current_password"
        services.change_own_password(world.staff_a, PASSWORD, "Mật-khẩu-mới-Quảng-Bình")
        assert world.staff_a.check_password("Mật-khẩu-mới-Quảng-Bình")
        db.session.rollback()  # the service does not commit: the route does
        assert world.staff_a.check_password(PASSWORD)
