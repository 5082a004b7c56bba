"""The platform administrator's pages: a new organization and its first Office account,
only for them, and nothing of any organization's units for them."""

from __future__ import annotations

import pytest
from flask import url_for
from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.mail.models import MailMessage
from portal.organizations.models import Organization
from portal.platform.routes import OPEN_TO_PLATFORM_ADMIN
from tests.factories import make_exemplar

NEW = {
    "name": "Sở Tư pháp tỉnh Quảng Bình",
    "slug": "",
    "office_name": "Hoàng Văn Phòng",
    "office_email": "VanPhong@STP.vn",
}


def test_home_of_the_platform_admin_is_the_platform(client, login_as, platform_admin, world):
    response = login_as(platform_admin).get("/")
    assert response.status_code == 302 and response.location.endswith("/platform/")
    html = client.get("/platform/").get_data(as_text=True)
    assert world.org.name in html and world.other_org.name in html
    assert "office@example.vn" in html  # the Office account of each organization
    assert 'href="/platform/organizations/new"' in html


def test_platform_admin_creates_an_organization_and_invites_its_office(
    client, login_as, platform_admin
):
    login_as(platform_admin)
    response = client.post("/platform/organizations/new", data=NEW)
    assert response.status_code == 302, response.get_data(as_text=True)
    org = db.session.scalar(select(Organization).where(Organization.name == NEW["name"]))
    assert org.slug == "so-tu-phap-tinh-quang-binh"
    office = db.session.scalar(select(User).where(User.email == "vanphong@stp.vn"))
    assert office.organization_id == org.id and office.roles == {Role.OFFICE_ADMIN}
    assert office.password_hash == ""  # chosen by the Office through the invitation
    mail = db.session.scalar(
        select(MailMessage).where(MailMessage.recipient_email == "vanphong@stp.vn")
    )
    assert mail.category == "account_setup" and mail.organization_id == org.id
    assert "http" in mail.body_text  # the link to choose a first password
    html = client.get("/platform/").get_data(as_text=True)
    assert NEW["name"] in html and "Chưa đặt mật khẩu" in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "Sở Tài nguyên và Môi trường tỉnh Quảng Bình"}, "Đã có một Sở với tên này"),
        ({"slug": "Sở TP"}, "chữ thường"),
        ({"office_email": "office@example.vn"}, "Email này đã được dùng"),
        ({"office_email": "khong-phai-email"}, "Địa chỉ email không hợp lệ"),
    ],
)
def test_a_refused_organization_is_not_created(
    client, login_as, platform_admin, world, changes, message
):
    login_as(platform_admin)
    count = db.session.query(Organization).count()
    response = client.post("/platform/organizations/new", data={**NEW, **changes})
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db.session.query(Organization).count() == count


def test_nobody_else_may_use_the_platform_pages(client, login_as, world):
    assert client.get("/platform/").status_code == 302  # to the sign-in page
    for user in (world.office, world.viewer, world.coordinator_a, world.council):
        login_as(user)
        assert client.get("/platform/").status_code == 403
        assert client.post("/platform/organizations/new", data=NEW).status_code == 403
    assert db.session.scalar(select(Organization).where(Organization.name == NEW["name"])) is None


def test_the_platform_admin_reads_no_unit_data(app, client, login_as, platform_admin, world):
    exemplar = make_exemplar(world.unit_a, "Nguyễn Thị Lan Anh")
    login_as(platform_admin)
    for url in (
        f"/exemplars/{exemplar.id}",
        f"/workspace/units/{world.unit_a.id}",
        f"/dashboards/units/{world.unit_a.id}",
    ):
        assert client.get(url).status_code == 404, url
    # Every page without parameters outside the platform's own and the open ones.
    open_pages = OPEN_TO_PLATFORM_ADMIN
    checked = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.arguments or rule.endpoint.split(".")[0] in open_pages:
            continue
        response = client.get(rule.rule)
        assert response.status_code == 404, rule.rule
        assert world.unit_a.name not in response.get_data(as_text=True)
        checked += 1
    assert checked > 30


def test_an_office_cannot_make_anyone_platform_admin(client, login_as, world):
    login_as(world.office)
    html = client.get("/admin/users/new").get_data(as_text=True)
    assert "platform_admin" not in html
    client.post(
        "/admin/users/new",
        data={"full_name": "Kẻ Lạ", "email": "la@example.vn", "role": "platform_admin"},
    )
    user = db.session.scalar(select(User).where(User.email == "la@example.vn"))
    assert user is None or Role.PLATFORM_ADMIN not in user.roles


def test_the_platform_admin_keeps_their_own_account_pages(app, client, login_as, platform_admin):
    login_as(platform_admin)
    html = client.get("/platform/").get_data(as_text=True)
    assert 'href="/platform/"' in html and 'href="/dashboards/"' not in html
    assert 'id="notification-bell"' not in html  # notifications are an organization's
    with app.test_request_context():
        password_page = url_for("accounts.change_password")
    assert client.get(password_page).status_code == 200
