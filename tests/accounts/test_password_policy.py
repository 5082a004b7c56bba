"""The password rules (at least 10 characters, not common, not the email or name, not the
current one) and the hash: scrypt, an older hash replaced at the next sign-in."""

from __future__ import annotations

import pytest
from werkzeug.security import generate_password_hash

from portal.accounts import passwords, services
from portal.accounts.models import PASSWORD_METHOD
from portal.extensions import db
from portal.rules import RuleError
from sampledata.world import PASSWORD

STRONG = "sen-no-giua-dam-2025"


@pytest.mark.parametrize(
    "password,message",
    [
        ("12345678", "Mật khẩu phải có từ 10 đến 128 ký tự."),
        ("aaaaaaaa", "Mật khẩu phải có từ 10 đến 128 ký tự."),
        ("ngan-qua", "Mật khẩu phải có từ 10 đến 128 ký tự."),
        ("x" * 129, "Mật khẩu phải có từ 10 đến 128 ký tự."),
        ("matkhau123", "quá phổ biến"),
        ("MatKhau@123", "quá phổ biến"),  # case and symbols do not help
        ("password123", "quá phổ biến"),
        ("1234567890", "quá phổ biến"),
        ("aaaaaaaaaa", "quá phổ biến"),
        ("anhyeuem123", "quá phổ biến"),
        ("qwertyuiop", "quá phổ biến"),
        ("coord.a@example.vn", "trùng với email hoặc họ tên"),
        ("Coord.A@Example.VN", "trùng với email hoặc họ tên"),
        ("Nguyễn Văn An", "trùng với email hoặc họ tên"),  # the name, accents or not
        ("nguyen van an", "trùng với email hoặc họ tên"),
        (PASSWORD, "phải khác mật khẩu hiện tại"),
    ],
)
def test_weak_passwords_are_refused_on_the_field(app, world, password, message):
    with app.test_request_context():
        with pytest.raises(RuleError) as error:
            services.change_password(world.coordinator_a, password, actor=world.coordinator_a)
        assert message in str(error.value)
        assert error.value.field == "new_password"


def test_a_strong_password_is_accepted(app, world):
    with app.test_request_context():
        services.change_password(world.coordinator_a, STRONG, actor=world.coordinator_a)
    assert world.coordinator_a.check_password(STRONG)


def test_the_list_of_common_passwords_is_shipped_and_large(app):
    common = passwords.common_passwords()
    assert len(common) >= 2000
    assert {"matkhau123", "anhyeuem", "123456789", "password"} <= common
    header = passwords.COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("#")


def test_the_change_password_page_shows_the_rule_on_the_field(world, login_as):
    client = login_as(world.staff_a)
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": "matkhau123", "confirm": "matkhau123"},
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Mật khẩu này quá phổ biến" in body and "invalid-feedback" in body
    db.session.expire_all()
    assert world.staff_a.check_password(PASSWORD)


def test_the_reset_page_applies_the_rules_too(client, world):
    path = f"/reset-password/{services.password_token(world.staff_a)}"
    response = client.post(path, data={"new_password": PASSWORD, "confirm": PASSWORD})
    assert "Mật khẩu mới phải khác mật khẩu hiện tại." in response.get_data(as_text=True)
    response = client.post(path, data={"new_password": STRONG, "confirm": STRONG})
    assert response.headers["Location"] == "/login"


def test_passwords_are_hashed_with_scrypt(world):
    world.viewer.set_password(STRONG)
    assert world.viewer.password_hash.startswith("scrypt:32768:8:1$")
    assert not world.viewer.password_needs_rehash


def test_an_older_hash_is_upgraded_at_the_next_sign_in(client, world):
    world.viewer.password_hash = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
    db.session.commit()
    assert world.viewer.password_needs_rehash
    response = client.post("/login", data={"email": world.viewer.email, "password": PASSWORD})
    assert response.status_code == 302
    db.session.expire_all()
    assert world.viewer.password_hash.startswith(PASSWORD_METHOD + "$")
    assert world.viewer.check_password(PASSWORD)


def test_create_admin_applies_the_rules_too(app, runner):
    from portal.accounts.models import User

    args = ["create-admin", "--email", "vp@so.vn", "--name", "Văn phòng", "--organization", "Sở"]
    weak = runner.invoke(args=[*args, "--password", "matkhau123"])
    assert weak.exit_code != 0 and "quá phổ biến" in weak.output
    assert db.session.scalar(db.select(User).where(User.email == "vp@so.vn")) is None
    strong = runner.invoke(args=[*args, "--password", STRONG])
    assert strong.exit_code == 0, strong.output
    user = db.session.scalar(db.select(User).where(User.email == "vp@so.vn"))
    assert user.check_password(STRONG) and user.session_token
