"""The Office's own edit forms (a person's account, the organization's address) refuse
a save from a stale form like every other record's form (issue 15); a person's own
sign-in or password change meanwhile is not an edit of the form and is no conflict."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.orm.exc import StaleDataError

from portal.accounts.models import User
from portal.extensions import db
from portal.models_base import utcnow
from portal.organizations.models import Organization
from tests.concurrency.test_stale_forms import (  # noqa: F401 (fixture)
    CONFLICT,
    assert_two_saves,
    edit_form,
    opened,
    post,
    two_people,
)


def test_a_persons_account(app, world, two_people):  # noqa: F811
    assert_two_saves(
        app,
        two_people(world.office, world.office),
        f"/admin/users/{world.staff_a.id}/edit",
        "full_name",
        lambda: db.session.get(User, world.staff_a.id).full_name,
    )


def test_the_organizations_address(app, world, two_people):  # noqa: F811
    url = "/admin/organization"
    first, second = two_people(world.office, world.office)()
    form_a, form_b = opened(first, url), opened(second, url)
    form_a["slug"], form_b["slug"] = "so-mot", "so-hai"

    assert post(first, url, form_a).status_code == 302
    refused = post(second, url, form_b)

    assert refused.status_code == 200
    text = refused.get_data(as_text=True)
    assert CONFLICT in text and "«so-mot»" in text
    retry = edit_form(text)
    assert retry["slug"] == "so-hai"
    db.session.expire_all()
    assert db.session.get(Organization, world.org.id).slug == "so-mot"
    assert post(second, url, retry).status_code == 302
    db.session.expire_all()
    assert db.session.get(Organization, world.org.id).slug == "so-hai"


def test_a_sign_in_meanwhile_is_no_conflict(app, world, login_as):
    url = f"/admin/users/{world.staff_a.id}/edit"
    client = login_as(world.office)
    form = opened(client, url)
    # The person signs in and changes their password while the Office edits.
    staff = db.session.get(User, world.staff_a.id)
    staff.last_login_at = utcnow()
    staff.set_password("Mat-khau-moi-2025")
    db.session.commit()
    assert staff.lock_version == 1  # only the forms count

    form["position"] = "Chuyên viên chính"
    assert post(client, url, form).status_code == 302

    db.session.expire_all()
    staff = db.session.get(User, world.staff_a.id)
    assert staff.position == "Chuyên viên chính"
    assert staff.lock_version == 2
    assert staff.check_password("Mat-khau-moi-2025")


def test_a_form_save_racing_another_to_the_row_is_refused(app, world):
    """The race itself: a save made from the version read lands only where the row
    still holds that version (another form's save raised it meanwhile)."""
    staff = db.session.get(User, world.staff_a.id)
    read = staff.lock_version
    db.session.execute(
        update(User).where(User.id == staff.id).values(lock_version=read + 1, full_name="Mới"),
        execution_options={"synchronize_session": False},  # as another request would
    )
    staff.full_name = "Cũ từ biểu mẫu"
    staff.lock_version = read + 1
    with pytest.raises(StaleDataError):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(User, world.staff_a.id).full_name != "Cũ từ biểu mẫu"
