"""Command-line task of a real installation: `flask create-admin` (an organization's
first Office administrator, or with `--platform` the installation's administrator)."""

from __future__ import annotations

import click
from flask import Flask

from portal.accounts import passwords
from portal.accounts.models import Role, RoleMembership, User
from portal.extensions import db
from portal.organizations.models import Organization
from portal.organizations.services import new_slug, set_slug
from portal.rules import RuleError


def register(app: Flask) -> None:
    app.cli.add_command(create_admin)


def _ask_organization(ctx: click.Context, _param: click.Parameter, value: str | None):
    """The organization is asked for unless the administrator is the platform's."""
    if value or ctx.params.get("platform"):
        return value
    return click.prompt("Organization name")


@click.command("create-admin")
@click.option(
    "--platform",
    is_flag=True,
    is_eager=True,
    help="Create the installation's administrator, above every organization: they create "
    "organizations and their first Office account from the web, and read no "
    "organization's data.",
)
@click.option("--email", prompt=True)
@click.option("--name", "full_name", prompt="Full name")
@click.option("--organization", "org_name", callback=_ask_organization)
@click.option(
    "--slug",
    default="",
    help="Short name of a new organization's public column, /<slug>/chuyen-muc-dien-hinh/ "
    "(default: made from the organization's name).",
)
@click.password_option()
def create_admin(
    platform: bool, email: str, full_name: str, org_name: str | None, slug: str, password: str
) -> None:
    """Create the first Department Office administrator of a real installation (or,
    with --platform, the installation's administrator)."""
    email = email.strip().lower()
    known = db.session.scalar(db.select(User).where(User.email == email))
    try:  # the same rules as the account pages (at least 10 characters, not common...)
        passwords.check(known or User(email=email, full_name=full_name), password, "password")
    except RuleError as error:
        raise click.ClickException(str(error)) from error
    if platform:
        user = _platform_admin(known, email, full_name)
        where = "the platform (above every organization)"
    else:
        user, org = _office_admin(known, email, full_name, org_name or "", slug)
        where = f"{org.name} ({org.slug})"
    user.set_password(password)
    user.active = True
    db.session.commit()
    role = "Platform" if platform else "Office"
    click.echo(f"{role} administrator {email} of {where} is ready.")


def _platform_admin(known: User | None, email: str, full_name: str) -> User:
    if known is not None and known.organization_id is not None:
        raise click.ClickException("That e-mail belongs to an organization's account.")
    user = known or User(email=email, full_name=full_name, organization_id=None)
    db.session.add(user)
    if Role.PLATFORM_ADMIN not in user.roles:
        user.memberships.append(RoleMembership(role=Role.PLATFORM_ADMIN))
    return user


def _office_admin(
    known: User | None, email: str, full_name: str, org_name: str, slug: str
) -> tuple[User, Organization]:
    org = db.session.scalar(db.select(Organization).where(Organization.name == org_name))
    if org is None:
        org = Organization(name=org_name, slug=new_slug(org_name), guide_setup=True)
        if slug:
            try:
                set_slug(org, slug.strip().lower())
            except RuleError as error:
                raise click.ClickException(str(error.message)) from error
        db.session.add(org)
        db.session.flush()
    user = known
    if user is None:
        user = User(email=email, full_name=full_name, organization_id=org.id)
        db.session.add(user)
    elif user.organization_id != org.id:
        raise click.ClickException("That e-mail belongs to another organization.")
    if Role.OFFICE_ADMIN not in user.roles:
        user.memberships.append(RoleMembership(role=Role.OFFICE_ADMIN))
    return user, org
