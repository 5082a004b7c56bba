"""The Office's outbox pages: list, filters, detail, re-send and the test email."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from portal.extensions import db
from portal.jobs.queues import MAIL, get_queue
from portal.mail.models import MailMessage, MailStatus
from tests.factories import make_mail_message

PAGES = ["/mail/outbox", "/mail/test"]


def add_message(org_id, to="coord.a@example.vn", subject="Nhắc hạn báo cáo", **fields):
    """A message of the organization `org_id`, with an HTML part."""
    values = {"body_text": "Nội dung thư", "body_html": "<p>Nội dung thư</p>"}
    values.update(fields)
    return make_mail_message(to, subject, organization_id=org_id, **values)


@pytest.fixture
def failed(world):
    return add_message(
        world.org.id,
        status=MailStatus.FAILED,
        attempts=4,
        last_error="SMTPDataError: (451, b'Try again later')",
        category="reminder",
    )


@pytest.fixture
def foreign(world):
    return add_message(world.other_org.id, to="coord@other.vn", status=MailStatus.FAILED)


def page_text(response) -> str:
    return response.get_data(as_text=True)


# --- who may use the outbox -------------------------------------------------------


def test_the_office_sees_its_outbox(world, login_as, failed, foreign):
    response = login_as(world.office).get("/mail/outbox")
    assert response.status_code == 200
    text = page_text(response)
    # The page's own heading: the Office's menu names the outbox on every page.
    assert '<h1 class="h3 mb-0">Hộp thư đi</h1>' in text
    assert f'data-message-id="{failed.id}"' in text
    assert f'data-message-id="{foreign.id}"' not in text  # another organization's
    assert "Gửi không thành công" in text  # the status in words, not only a colour


@pytest.mark.parametrize("role", ["viewer", "council", "coordinator_a", "staff_a"])
def test_other_roles_are_refused(world, login_as, failed, role):
    client = login_as(getattr(world, role))
    for url in [*PAGES, f"/mail/outbox/{failed.id}"]:
        assert client.get(url).status_code == 403, url
    assert client.post(f"/mail/outbox/{failed.id}/resend").status_code == 403
    assert client.post("/mail/test", data={"email": "x@example.vn"}).status_code == 403
    db.session.refresh(failed)
    assert failed.status == MailStatus.FAILED
    assert db.session.scalar(db.select(db.func.count(MailMessage.id))) == 1


def test_anonymous_is_sent_to_login(client, world, failed):
    for url in [*PAGES, f"/mail/outbox/{failed.id}"]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]


def test_another_organizations_message_is_not_found(world, login_as, foreign):
    client = login_as(world.office)
    assert client.get(f"/mail/outbox/{foreign.id}").status_code == 404
    assert client.post(f"/mail/outbox/{foreign.id}/resend").status_code == 404
    db.session.refresh(foreign)
    assert foreign.status == MailStatus.FAILED
    assert get_queue(MAIL).count == 0


def test_the_foreign_office_cannot_read_ours(world, login_as, failed):
    client = login_as(world.foreign_office)
    assert client.get(f"/mail/outbox/{failed.id}").status_code == 404
    assert f'data-message-id="{failed.id}"' not in page_text(client.get("/mail/outbox"))


def test_an_unknown_message_is_not_found(world, login_as):
    assert login_as(world.office).get("/mail/outbox/999999").status_code == 404


# --- filters and pages ------------------------------------------------------------


@pytest.fixture
def mailbag(world):
    org = world.org.id
    return {
        "reminder_sent": add_message(
            org,
            "coord.a@example.vn",
            category="reminder",
            status=MailStatus.SENT,
            created_at=datetime(2025, 3, 1, 2, 0, tzinfo=UTC),
        ),
        # 17:30 UTC on 1 March is 00:30 on 2 March in Vietnam.
        "test_failed": add_message(
            org,
            "office@example.vn",
            category="test",
            status=MailStatus.FAILED,
            created_at=datetime(2025, 3, 1, 17, 30, tzinfo=UTC),
        ),
        "reminder_queued": add_message(
            org,
            "COORD.B@example.vn",
            category="reminder",
            status=MailStatus.QUEUED,
            created_at=datetime(2025, 3, 5, 1, 0, tzinfo=UTC),
        ),
    }


def listed(client, **query) -> set[int]:
    response = client.get("/mail/outbox", query_string=query)
    assert response.status_code == 200
    text = page_text(response)
    return {int(part.split('"')[0]) for part in text.split('data-message-id="')[1:]}


def test_filters(world, login_as, mailbag):
    client = login_as(world.office)
    ids = {name: m.id for name, m in mailbag.items()}
    assert listed(client) == set(ids.values())
    assert listed(client, recipient="coord") == {ids["reminder_sent"], ids["reminder_queued"]}
    assert listed(client, recipient="Coord.B") == {ids["reminder_queued"]}
    assert listed(client, status="failed") == {ids["test_failed"]}
    assert listed(client, category="reminder") == {ids["reminder_sent"], ids["reminder_queued"]}
    assert listed(client, category="reminder", status="queued") == {ids["reminder_queued"]}
    # Dates are Vietnamese calendar days.
    assert listed(client, date_from="2025-03-02") == {ids["test_failed"], ids["reminder_queued"]}
    assert listed(client, date_to="2025-03-01") == {ids["reminder_sent"]}
    assert listed(client, date_from="2025-03-02", date_to="2025-03-02") == {ids["test_failed"]}


def test_category_choices_come_from_the_organizations_messages(world, login_as, mailbag):
    text = page_text(login_as(world.office).get("/mail/outbox"))
    assert '<option value="reminder">Nhắc hạn</option>' in text
    assert '<option value="test">Thư kiểm tra</option>' in text


def test_a_bad_filter_is_shown_and_ignored(world, login_as, mailbag):
    client = login_as(world.office)
    query = {"date_from": "2025-03-05", "date_to": "2025-03-01", "status": "lost"}
    response = client.get("/mail/outbox", query_string=query)
    text = page_text(response)
    assert response.status_code == 200
    assert "Ngày kết thúc không được trước ngày bắt đầu." in text
    assert 'value="01/03/2025"' in text  # the user's input is kept, as dd/mm/yyyy
    # The fields in error filter nothing; the valid one still applies.
    assert listed(client, **query) == {mailbag["reminder_queued"].id}


def test_pages_keep_the_filters(app, world, login_as):
    app.config["ITEMS_PER_PAGE"] = 2
    for n in range(5):
        add_message(world.org.id, f"nguoi{n}@example.vn", category="reminder")
    add_message(world.org.id, "khac@example.vn", category="test")
    client = login_as(world.office)
    first = page_text(client.get("/mail/outbox", query_string={"category": "reminder"}))
    assert "page=2" in first and "category=reminder" in first
    assert len(listed(client, category="reminder", page=3)) == 1
    assert len(listed(client, category="reminder", page=1)) == 2


def test_the_list_runs_the_same_queries_for_many_messages(world, login_as, query_counter):
    client = login_as(world.office)
    add_message(world.org.id)
    with query_counter() as few:
        client.get("/mail/outbox")
    for n in range(15):
        add_message(world.org.id, f"nguoi{n}@example.vn")
    with query_counter() as many:
        client.get("/mail/outbox")
    assert len(many) == len(few)


# --- one message ------------------------------------------------------------------


def test_detail_shows_the_html_only_inside_a_sandbox(world, login_as):
    message = add_message(
        world.org.id,
        body_text="Dòng đầu <b>không phải HTML</b>",
        body_html='<p>Xin chào</p><script>alert("x")</script>',
    )
    text = page_text(login_as(world.office).get(f"/mail/outbox/{message.id}"))
    assert '<script>alert("x")</script>' not in text
    assert "<iframe" in text and " sandbox " in text
    assert 'srcdoc="&lt;p&gt;Xin chào&lt;/p&gt;&lt;script&gt;alert(&#34;x&#34;)' in text
    assert "Dòng đầu &lt;b&gt;không phải HTML&lt;/b&gt;" in text


def test_resend_a_failed_message(world, login_as, failed, run_jobs):
    client = login_as(world.office)
    assert "Gửi lại thư này" in page_text(client.get(f"/mail/outbox/{failed.id}"))

    response = client.post(f"/mail/outbox/{failed.id}/resend")

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/mail/outbox/{failed.id}")
    db.session.refresh(failed)
    assert failed.status == MailStatus.QUEUED
    assert get_queue(MAIL).count == 1
    run_jobs()
    db.session.refresh(failed)
    assert failed.status == MailStatus.SENT
    assert failed.attempts == 5


def test_a_sent_message_cannot_be_resent(world, login_as):
    message = add_message(world.org.id, status=MailStatus.SENT, attempts=1)
    client = login_as(world.office)
    assert "Gửi lại thư này" not in page_text(client.get(f"/mail/outbox/{message.id}"))

    response = client.post(f"/mail/outbox/{message.id}/resend", follow_redirects=True)

    assert "Chỉ gửi lại được thư đã gửi không thành công." in page_text(response)
    db.session.refresh(message)
    assert message.status == MailStatus.SENT
    assert get_queue(MAIL).count == 0


def test_resend_needs_the_csrf_token(app, world, login_as, failed):
    app.config["WTF_CSRF_ENABLED"] = True
    response = login_as(world.office).post(f"/mail/outbox/{failed.id}/resend")
    assert response.status_code == 400
    db.session.refresh(failed)
    assert failed.status == MailStatus.FAILED


# --- the test email ---------------------------------------------------------------


def test_the_test_form_suggests_the_offices_own_address(world, login_as):
    text = page_text(login_as(world.office).get("/mail/test"))
    assert 'value="office@example.vn"' in text
    assert "hộp thư đi của cổng" in text  # no SMTP server in the tests


def test_send_a_test_email_and_find_it_in_the_outbox(world, login_as, run_jobs):
    client = login_as(world.office)

    response = client.post("/mail/test", data={"email": " kiemtra@example.vn "})

    message = db.session.scalar(db.select(MailMessage))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/mail/outbox/{message.id}")
    assert message.recipient_email == "kiemtra@example.vn"
    assert (message.category, message.organization_id) == ("test", world.org.id)
    assert message.subject == "Thư kiểm tra từ Cổng điển hình tiên tiến"
    run_jobs()
    db.session.refresh(message)
    assert message.status == MailStatus.SENT
    assert f'data-message-id="{message.id}"' in page_text(client.get("/mail/outbox"))


def test_a_wrong_address_is_shown_next_to_the_field(world, login_as):
    response = login_as(world.office).post("/mail/test", data={"email": "khong-phai-email"})
    text = page_text(response)
    assert response.status_code == 200
    assert 'value="khong-phai-email"' in text
    assert "invalid-feedback" in text
    assert db.session.scalar(db.select(db.func.count(MailMessage.id))) == 0
    assert get_queue(MAIL).count == 0


def test_every_mail_category_the_portal_uses_has_a_label():
    """The outbox names each kind of message; a new category must get a label."""
    import re
    from pathlib import Path

    from portal.mail.outbox import CATEGORY_LABELS

    source = Path(__file__).resolve().parents[2] / "portal"
    used = {
        match
        for path in source.rglob("*.py")
        for match in re.findall(r'category="([a-z_]+)"', path.read_text(encoding="utf-8"))
    }
    assert "digest" in used
    assert used - set(CATEGORY_LABELS) == set()
