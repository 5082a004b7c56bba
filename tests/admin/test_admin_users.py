"""Users: list with filters, create (with the set-password mail), edit, (de)activate, roles."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.accounts import services as accounts
from portal.accounts.models import Role, RoleMembership, User
from portal.admin import services
from portal.extensions import db
from portal.mail.models import MailMessage
from portal.rules import RuleError
from sampledata.world import make_user


def _user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


# -- List ---------------------------------------------------------------------------


def test_list_shows_people_of_the_organization_only(world, login_as):
    body = login_as(world.office).get("/admin/users").get_data(as_text=True)
    for person in (world.office, world.viewer, world.council, world.coordinator_a, world.staff_a):
        assert person.email in body
    assert "office@other.vn" not in body and "coord@other.vn" not in body
    assert "Cán bộ thi đua · Phòng Môi trường" in body


@pytest.mark.parametrize(
    "query,expected,absent",
    [
        ("q=nguy%E1%BB%85n", {"coord.a@example.vn"}, {"staff.a@example.vn"}),
        ("q=STAFF.A", {"staff.a@example.vn"}, {"coord.a@example.vn"}),
        ("role=coordinator", {"coord.a@example.vn", "coord.b@example.vn"}, {"staff.a@example.vn"}),
        ("unit={unit_a}", {"coord.a@example.vn", "staff.a@example.vn"}, {"coord.b@example.vn"}),
        ("unit={unit_a}&role=staff", {"staff.a@example.vn"}, {"coord.a@example.vn"}),
        ("active=inactive", {"director@example.vn"}, {"office@example.vn"}),
        ("active=all", {"director@example.vn", "office@example.vn"}, set()),
    ],
)
def test_filters(world, login_as, query, expected, absent):
    world.viewer.active = False
    db.session.commit()
    url = "/admin/users?" + query.format(unit_a=world.unit_a.id)
    body = login_as(world.office).get(url).get_data(as_text=True)
    for email in expected:
        assert email in body
    for email in absent:
        assert email not in body


def test_inactive_users_are_hidden_by_default(world, login_as):
    world.viewer.active = False
    db.session.commit()
    assert "director@example.vn" not in login_as(world.office).get("/admin/users").get_data(
        as_text=True
    )


def test_list_paginates_without_a_query_per_row(app, world, login_as, query_counter):
    app.config["ITEMS_PER_PAGE"] = 5
    client = login_as(world.office)
    client.get("/admin/users")
    db.session.expire_all()
    with query_counter() as few:
        client.get("/admin/users")
    for n in range(20):
        make_user(world.org, f"nguoi{n:02d}@example.vn", (Role.STAFF, world.unit_b))
    db.session.expire_all()
    with query_counter() as many:
        first = client.get("/admin/users").get_data(as_text=True)
    assert len(many) == len(few)
    assert "Tổng số: 26" in first
    second = client.get("/admin/users?page=2&role=staff").get_data(as_text=True)
    assert "/admin/users?role=staff&amp;page=3" in second
    assert client.get("/admin/users?page=99").status_code == 200


# -- Create -------------------------------------------------------------------------


def test_create_user_with_a_unit_role_sends_the_set_password_mail(app, world, login_as, client):
    login_as(world.office)
    response = client.post(
        "/admin/users/new",
        data={
            "full_name": "Phạm Thị Dung",
            "email": "Dung.PT@example.vn",
            "position": "Chuyên viên",
            "phone": "0232 3822 111",
            "role": "staff",
            "unit_id": str(world.unit_b.id),
        },
    )
    user = _user("dung.pt@example.vn")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/users/{user.id}"
    assert user.organization_id == world.org.id and user.active and user.password_hash == ""
    assert [(m.role, m.unit_id) for m in user.memberships] == [(Role.STAFF, world.unit_b.id)]
    [mail] = db.session.scalars(select(MailMessage).where(MailMessage.category == "account_setup"))
    assert mail.recipient_email == "dung.pt@example.vn"
    assert "Sở Tài nguyên và Môi trường tỉnh Quảng Bình" in mail.body_text
    link = re.search(r"https?://\S+/reset-password/\S+", mail.body_text).group(0)
    assert link.startswith(app.config["PORTAL_BASE_URL"])
    # The link lets the new person choose a password, once.
    path = link.removeprefix(app.config["PORTAL_BASE_URL"])
    client.post("/logout")
    client.post(path, data={"new_password": "mat-khau-rieng", "confirm": "mat-khau-rieng"})
    db.session.expire_all()
    assert user.check_password("mat-khau-rieng")
    assert client.get(path).headers["Location"] == "/forgot-password"


def test_create_user_with_an_organization_role(world, login_as):
    login_as(world.office).post(
        "/admin/users/new",
        data={"full_name": "Hồ Văn Em", "email": "em@example.vn", "role": "viewer", "unit_id": ""},
    )
    assert _user("em@example.vn").roles == {Role.VIEWER}


def test_create_user_without_a_role(world, login_as):
    login_as(world.office).post(
        "/admin/users/new", data={"full_name": "Hồ Văn Em", "email": "em@example.vn", "role": ""}
    )
    assert _user("em@example.vn").memberships == []


@pytest.mark.parametrize(
    "data,message",
    [
        ({"email": "coord.b@example.vn"}, "Email này đã được dùng cho một tài khoản khác."),
        ({"email": "office@other.vn"}, "Email này đã được dùng cho một tài khoản khác."),
        ({"email": "khong-hop-le"}, "Địa chỉ email không hợp lệ."),
        ({"full_name": ""}, "Vui lòng nhập thông tin này."),
        ({"role": "coordinator", "unit_id": ""}, "vui lòng chọn đơn vị"),
        ({"role": "office_admin", "unit_id": "UNIT_A"}, "áp dụng cho toàn Sở"),
        ({"role": "staff", "unit_id": "FOREIGN"}, "Đơn vị không thuộc Sở."),
    ],
)
def test_create_user_errors_keep_the_input(world, login_as, data, message):
    form = {
        "full_name": "Đỗ Thị Giang",
        "email": "giang@example.vn",
        "position": "Kế toán viên",
        "role": "staff",
        "unit_id": str(world.unit_a.id),
    }
    form.update(data)
    units = {"UNIT_A": str(world.unit_a.id), "FOREIGN": str(world.foreign_unit.id)}
    form["unit_id"] = units.get(form["unit_id"], form["unit_id"])
    response = login_as(world.office).post("/admin/users/new", data=form)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in body
    assert 'value="Kế toán viên"' in body
    assert _user("giang@example.vn") is None


def test_unit_role_in_an_inactive_unit_is_refused(world):
    world.unit_b.is_active = False
    db.session.commit()
    with pytest.raises(RuleError, match="ngừng hoạt động") as error:
        services.add_role(world.staff_a, Role.STAFF, world.unit_b.id)
    assert error.value.field == "unit_id"


def test_a_taken_email_is_refused_on_the_email_field_and_nothing_is_committed(app, world):
    with app.test_request_context():
        with pytest.raises(RuleError) as error:
            services.invite_user(world.org.id, "Lê Văn Giang", world.staff_a.email.upper())
        assert error.value.field == "email"
        user = services.invite_user(world.org.id, "Lê Văn Giang", "giang@example.vn")
        assert user.id is not None
        db.session.rollback()  # the service flushed, the route commits
        assert _user("giang@example.vn") is None


# -- Edit, (de)activate ------------------------------------------------------------


def test_edit_user(world, login_as):
    client = login_as(world.office)
    page = client.get(f"/admin/users/{world.staff_a.id}/edit").get_data(as_text=True)
    assert 'value="Trần Thị Bình"' in page
    response = client.post(
        f"/admin/users/{world.staff_a.id}/edit",
        data={
            "full_name": "Trần Thị Bình An",
            "email": "Binh.TT@example.vn",
            "position": "Phó phòng",
            "phone": "0912 345 678",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert world.staff_a.full_name == "Trần Thị Bình An"
    assert world.staff_a.email == "binh.tt@example.vn" and world.staff_a.position == "Phó phòng"


def test_edit_user_refuses_a_taken_email(world, login_as):
    response = login_as(world.office).post(
        f"/admin/users/{world.staff_a.id}/edit",
        data={"full_name": "Trần Thị Bình", "email": "coord.a@example.vn"},
    )
    assert "Email này đã được dùng" in response.get_data(as_text=True)
    db.session.expire_all()
    assert world.staff_a.email == "staff.a@example.vn"


def test_deactivate_and_reactivate_user(world, login_as):
    client = login_as(world.office)
    client.post(f"/admin/users/{world.staff_a.id}/deactivate")
    db.session.expire_all()
    assert world.staff_a.active is False
    detail = client.get(f"/admin/users/{world.staff_a.id}").get_data(as_text=True)
    assert "Đã khóa" in detail and "Mở lại tài khoản" in detail
    client.post(f"/admin/users/{world.staff_a.id}/reactivate")
    db.session.expire_all()
    assert world.staff_a.active is True


def test_office_cannot_deactivate_itself(world, login_as):
    response = login_as(world.office).post(
        f"/admin/users/{world.office.id}/deactivate", follow_redirects=True
    )
    assert "Bạn không thể tự khóa tài khoản của chính mình." in response.get_data(as_text=True)
    db.session.expire_all()
    assert world.office.active is True


def test_password_link_can_be_sent_again(world, login_as):
    login_as(world.office).post(f"/admin/users/{world.staff_a.id}/password-link")
    [mail] = db.session.scalars(select(MailMessage).where(MailMessage.category == "account_setup"))
    assert mail.recipient_user_id == world.staff_a.id


def test_no_password_link_for_an_inactive_account(world, login_as):
    world.staff_a.active = False
    db.session.commit()
    login_as(world.office).post(f"/admin/users/{world.staff_a.id}/password-link")
    assert db.session.scalars(select(MailMessage)).all() == []


# -- Roles --------------------------------------------------------------------------


def test_detail_lists_roles_with_scope(world, login_as):
    body = (
        login_as(world.office).get(f"/admin/users/{world.coordinator_a.id}").get_data(as_text=True)
    )
    assert "Cán bộ thi đua" in body and "Phòng Môi trường" in body
    body = login_as(world.office).get(f"/admin/users/{world.viewer.id}").get_data(as_text=True)
    assert "Toàn Sở" in body


def test_assign_unit_role_and_organization_role(world, login_as):
    client = login_as(world.office)
    url = f"/admin/users/{world.staff_a.id}/roles"
    assert (
        client.post(url, data={"role": "coordinator", "unit_id": str(world.unit_b.id)}).status_code
        == 302
    )
    assert client.post(url, data={"role": "council_member", "unit_id": ""}).status_code == 302
    db.session.expire_all()
    held = {(m.role, m.unit_id) for m in world.staff_a.memberships}
    assert held == {
        (Role.STAFF, world.unit_a.id),
        (Role.COORDINATOR, world.unit_b.id),
        (Role.COUNCIL_MEMBER, None),
    }


@pytest.mark.parametrize(
    "role,unit,message",
    [
        ("coordinator", "", "vui lòng chọn đơn vị"),
        ("viewer", "UNIT_A", "áp dụng cho toàn Sở"),
        ("staff", "FOREIGN", "Đơn vị không thuộc Sở."),
        ("staff", "UNIT_A", "Người dùng đã có vai trò này."),
        ("boss", "", "Lựa chọn không hợp lệ."),
    ],
)
def test_assign_role_errors(world, login_as, role, unit, message):
    units = {"UNIT_A": str(world.unit_a.id), "FOREIGN": str(world.foreign_unit.id)}
    response = login_as(world.office).post(
        f"/admin/users/{world.staff_a.id}/roles",
        data={"role": role, "unit_id": units.get(unit, "")},
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert {(m.role, m.unit_id) for m in world.staff_a.memberships} == {
        (Role.STAFF, world.unit_a.id)
    }


def test_remove_role(world, login_as):
    membership = world.coordinator_a.memberships[0]
    response = login_as(world.office).post(
        f"/admin/users/{world.coordinator_a.id}/roles/{membership.id}/remove"
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert world.coordinator_a.memberships == []
    assert db.session.get(RoleMembership, membership.id) is None


def test_office_cannot_remove_its_own_office_role(world, login_as):
    membership = world.office.memberships[0]
    login_as(world.office).post(f"/admin/users/{world.office.id}/roles/{membership.id}/remove")
    db.session.expire_all()
    assert world.office.is_office


def test_service_creates_accounts_without_password(world):
    user = services.create_user(world.org.id, "  Lê   Thị  Hoa ", "HOA@example.vn")
    db.session.commit()
    assert user.full_name == "Lê Thị Hoa" and user.email == "hoa@example.vn"
    assert accounts.authenticate("hoa@example.vn", "") is None
