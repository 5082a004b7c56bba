"""`flask create-admin --platform`: the installation's administrator, in no organization."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.organizations.models import Organization

PASSWORD = ["--password", "sen-no-giua-dam-2025"]


def test_create_admin_platform_makes_a_user_above_the_organizations(app, runner):
    args = ["create-admin", "--platform", "--email", "Root@Portal.vn", "--name", "Quản trị"]
    result = runner.invoke(args=[*args, *PASSWORD])
    assert result.exit_code == 0, result.output
    assert "Platform administrator root@portal.vn" in result.output
    user = db.session.scalar(select(User).where(User.email == "root@portal.vn"))
    assert user.organization_id is None and user.roles == {Role.PLATFORM_ADMIN}
    assert user.check_password("sen-no-giua-dam-2025")
    assert db.session.query(Organization).count() == 0  # no organization asked, none made
    again = runner.invoke(args=[*args, "--password", "mot-mat-khau-moi-2026"])
    assert again.exit_code == 0, again.output
    db.session.expire_all()
    assert db.session.query(User).count() == 1
    assert db.session.get(User, user.id).check_password("mot-mat-khau-moi-2026")


def test_an_organization_account_cannot_become_platform_admin(app, runner, world):
    args = ["create-admin", "--platform", "--email", "office@example.vn", "--name", "X"]
    result = runner.invoke(args=[*args, *PASSWORD])
    assert result.exit_code != 0 and "belongs to an organization" in result.output
    db.session.expire_all()
    assert Role.PLATFORM_ADMIN not in db.session.get(User, world.office.id).roles


def test_without_platform_the_organization_is_still_asked_for(app, runner):
    args = ["create-admin", "--email", "vp@so.vn", "--name", "Văn phòng", *PASSWORD]
    result = runner.invoke(args=args, input="Sở Xây dựng\n")
    assert result.exit_code == 0, result.output
    assert "Organization name" in result.output
    user = db.session.scalar(select(User).where(User.email == "vp@so.vn"))
    assert user.organization.name == "Sở Xây dựng" and user.roles == {Role.OFFICE_ADMIN}


def test_a_weak_password_is_refused_for_the_platform_too(app, runner):
    args = ["create-admin", "--platform", "--email", "root@portal.vn", "--name", "Quản trị"]
    result = runner.invoke(args=[*args, "--password", "123456"])
    assert result.exit_code != 0
    assert db.session.query(User).count() == 0
