"""A draft is issued by the Office (number, date not in the future, confirmation);
an issued decision is locked, and corrected only by a dated amendment, recorded in
the decision and in the audit log."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.audit import AuditLog
from portal.awards.models import AwardAmendment, DecisionStatus
from portal.extensions import db
from portal.formatting import today_vn
from tests.awards.conftest import count_recipients, decision_form
from tests.factories import make_decision


def _issue(client, decision, **overrides):
    data = {
        "number": "30/QĐ-UBND",
        "decided_on": "15/01/2025",
        "confirm": "y",
        "lock_version": str(decision.lock_version),
    } | overrides
    return client.post(f"/awards/{decision.id}/issue", data=data)


def test_issuing_needs_a_number_a_past_date_and_the_confirmation(world, login_as):
    decision = make_decision(world, number="", decided_on=None)
    client = login_as(world.office)
    future = (today_vn() + timedelta(days=1)).strftime("%d/%m/%Y")
    refusals = {
        "Nhập số quyết định trước khi đánh dấu đã ban hành": {"number": ""},
        "Nhập ngày ký quyết định trước khi đánh dấu đã ban hành": {"decided_on": ""},
        "Ngày quyết định không được sau ngày hôm nay": {"decided_on": future},
        "Đánh dấu ô xác nhận để ban hành": {"confirm": ""},
    }
    for message, overrides in refusals.items():
        response = _issue(client, decision, **overrides)
        assert response.status_code == 422, message
        assert message in response.get_data(as_text=True), message
        db.session.refresh(decision)
        assert decision.status == DecisionStatus.DRAFT and decision.number == ""


def test_issuing_with_a_number_taken_by_the_same_body_is_refused(world, login_as):
    make_decision(world, number="30/QĐ-UBND", issued=True)
    draft = make_decision(world, number="")
    response = _issue(login_as(world.office), draft, number="30/qđ-ubnd")
    assert response.status_code == 422
    assert "đã có trong danh sách" in response.get_data(as_text=True)
    db.session.refresh(draft)
    assert draft.status == DecisionStatus.DRAFT


def test_an_issued_decision_is_locked_and_amended_with_a_dated_correction(world, login_as):
    decision = make_decision(world, number="")
    client = login_as(world.office)
    assert _issue(client, decision).status_code == 302
    db.session.refresh(decision)
    assert decision.status == DecisionStatus.ISSUED and decision.number == "30/QĐ-UBND"
    assert decision.issued_by_id == world.office.id and decision.issued_at is not None
    issued = db.session.scalar(
        select(AuditLog).where(AuditLog.object_type == "AwardDecision", AuditLog.action == "update")
    )
    assert issued.changes["status"] == ["draft", "issued"]
    # Locked: the edit pages and the recipients answer with the locked page.
    for method, url, data in (
        ("get", f"/awards/{decision.id}/edit", None),
        ("post", f"/awards/{decision.id}/edit", decision_form()),
        ("get", f"/awards/{decision.id}/recipients/edit", None),
        ("post", f"/awards/{decision.id}/recipients", {"target": f"unit:{world.unit_b.id}"}),
        ("post", f"/awards/{decision.id}/issue", {"confirm": "y"}),
    ):
        response = getattr(client, method)(url, data=data)
        assert response.status_code == 403, url
        assert "Hồ sơ đã khóa" in response.get_data(as_text=True), url
        assert "Thêm đính chính" in response.get_data(as_text=True), url
    assert count_recipients() == 2
    # The amendment: a recipient's amount was wrong.
    person = decision.recipients[1]
    page = client.get(f"/awards/{decision.id}").get_data(as_text=True)
    assert f"recipient:{person.id}:amount_vnd" in page
    response = client.post(
        f"/awards/{decision.id}/amendments",
        data={
            "amended_on": today_vn().strftime("%d/%m/%Y"),
            "target": f"recipient:{person.id}:amount_vnd",
            "new_value": "2.000.000",
            "reason": "Nhầm số tiền khi đánh máy",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert person.amount_vnd == 2_000_000
    amendment = db.session.scalar(select(AwardAmendment))
    assert amendment.amended_on == today_vn() and amendment.by_id == world.office.id
    assert amendment.changes == "Nguyễn Văn An – số tiền thưởng: «1.000.000 ₫» → «2.000.000 ₫»"
    logged = db.session.scalar(
        select(AuditLog).where(
            AuditLog.object_type == "AwardRecipient", AuditLog.action == "update"
        )
    )
    assert logged.changes["amount_vnd"] == [1_000_000, 2_000_000]
    page = client.get(f"/awards/{decision.id}").get_data(as_text=True)
    assert "Nhầm số tiền khi đánh máy" in page and "2.000.000 ₫" in page


def test_a_number_typo_is_corrected_by_an_amendment(world, login_as):
    decision = make_decision(world, number="31/QĐ-UBDN", issued=True)
    client = login_as(world.office)
    response = client.post(
        f"/awards/{decision.id}/amendments",
        data={
            "amended_on": today_vn().strftime("%d/%m/%Y"),
            "target": "decision:number",
            "new_value": "31/QĐ-UBND",
            "reason": "Sai chính tả ký hiệu",
        },
    )
    assert response.status_code == 302
    db.session.refresh(decision)
    assert decision.number == "31/QĐ-UBND"
    assert decision.amendments[0].changes == "Số quyết định: «31/QĐ-UBDN» → «31/QĐ-UBND»"


def test_a_bad_amendment_is_refused_on_its_field_and_changes_nothing(world, login_as):
    decision = make_decision(world, issued=True)
    person = decision.recipients[1]
    client = login_as(world.office)
    today = today_vn().strftime("%d/%m/%Y")
    tomorrow = (today_vn() + timedelta(days=1)).strftime("%d/%m/%Y")
    cases = {
        "Số tiền thưởng không được nhỏ hơn 0": {"new_value": "-5"},
        "Ngày đính chính không được sau ngày hôm nay": {"amended_on": tomorrow},
        "Chọn nội dung cần đính chính trong danh sách": {"target": "recipient:999:amount_vnd"},
        "Nhập lý do đính chính": {"reason": ""},
    }
    for message, overrides in cases.items():
        data = {
            "amended_on": today,
            "target": f"recipient:{person.id}:amount_vnd",
            "new_value": "3.000.000",
            "reason": "Sửa",
        } | overrides
        response = client.post(f"/awards/{decision.id}/amendments", data=data)
        assert response.status_code == 422, message
        assert message in response.get_data(as_text=True), message
    db.session.expire_all()
    assert person.amount_vnd == 1_000_000
    assert db.session.scalar(select(AwardAmendment)) is None


def test_a_draft_takes_no_amendment(world, login_as):
    decision = make_decision(world)
    response = login_as(world.office).post(
        f"/awards/{decision.id}/amendments",
        data={"amended_on": "01/02/2025", "target": "decision:number", "new_value": "1",
              "reason": "Thử"},
    )  # fmt: skip
    assert response.status_code == 302 and response.location.endswith("/edit")
    assert db.session.scalar(select(AwardAmendment)) is None
