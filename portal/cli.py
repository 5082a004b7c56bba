"""Command-line task of a real installation: `flask create-admin`."""

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


@click.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", "full_name", prompt="Full name")
@click.option("--organization", "org_name", prompt="Organization name")
@click.option(
    "--slug",
    default="",
    help="Short name of a new organization's public column, /<slug>/chuyen-muc-dien-hinh/ "
    "(default: made from the organization's name).",
)
@click.password_option()
def create_admin(email: str, full_name: str, org_name: str, slug: str, password: str) -> None:
    """Create the first Department Office administrator of a real installation."""
    email = email.strip().lower()
    known = db.session.scalar(db.select(User).where(User.email == email))
    try:  # the same rules as the account pages (at least 10 characters, not common...)
        passwords.check(known or User(email=email, full_name=full_name), password, "password")
    except RuleError as error:
        raise click.ClickException(str(error)) from error
    org = db.session.scalar(db.select(Organization).where(Organization.name == org_name))
    if org is None:
        org = Organization(name=org_name, slug=new_slug(org_name))
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
    user.set_password(password)
    user.active = True
    if Role.OFFICE_ADMIN not in user.roles:
        user.memberships.append(RoleMembership(role=Role.OFFICE_ADMIN))
    db.session.commit()
    click.echo(f"Office administrator {email} of {org.name} ({org.slug}) is ready.")
