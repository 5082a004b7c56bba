"""Double submits meet a unique constraint: the second answers the page of the first,
never a 500; the import preview checks what the confirmation would (issue 15)."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from portal.accounts.models import Role, User
from portal.actions import DuplicateSubmitError, attempt
from portal.admin import services as admin_services
from portal.admin import staff_import
from portal.extensions import db
from tests.factories import make_user

HEADER = ["Họ và tên", "Email", "Đơn vị", "Vai trò"]


def _upload(client, rows) -> str:
    text = "\n".join(",".join(row) for row in rows).encode("utf-8-sig")
    response = client.post(
        "/admin/users/import",
        data={"file": (io.BytesIO(text), "ds.csv")},
        content_type="multipart/form-data",
    )
    return response.headers["Location"]


def test_two_confirmations_at_once_import_once_and_answer_like_the_first(
    world, login_as, monkeypatch
):
    client = login_as(world.office)
    location = _upload(client, [HEADER, ["Nguyễn Thị Lan", "lan@example.vn", "", "viewer"]])
    # The other submit committed the account after this one checked the rows.
    make_user(world.org, "lan@example.vn", (Role.VIEWER, None))
    monkeypatch.setattr(staff_import, "_existing_emails", lambda emails: set())
    monkeypatch.setattr(admin_services, "email_taken", lambda email: False)

    response = client.post(location)

    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/users"  # where the first one went
    assert db.session.scalar(select(func.count(User.id)).where(User.email == "lan@example.vn"))


def test_the_preview_refuses_a_name_too_long_for_the_account(world, login_as):
    client = login_as(world.office)
    long_name = "Nguyễn " * 50  # 350 characters
    location = _upload(client, [HEADER, [long_name.strip(), "dai@example.vn", "", "viewer"]])

    preview = client.get(location).get_data(as_text=True)

    assert "Họ và tên dài quá 255 ký tự." in preview
    assert client.post(location).status_code == 302  # confirming skips it: no 500
    assert db.session.scalar(select(User).where(User.email == "dai@example.vn")) is None


def test_attempt_answers_a_unique_violation_as_a_double_submit(app, world):
    with app.test_request_context(method="POST"):

        def create_twice():
            db.session.add(User(organization_id=world.org.id, email="x@example.vn", full_name="X"))
            db.session.flush()
            db.session.add(User(organization_id=world.org.id, email="x@example.vn", full_name="X"))

        outcome = attempt(create_twice)

    assert isinstance(outcome.error, DuplicateSubmitError)
    assert db.session.scalar(select(func.count(User.id)).where(User.email == "x@example.vn")) == 0
