"""The follow-up of a finding through the routes: open -> answered -> closed, and
sent_back -> answered -> closed, as a dated thread with evidence; notifications."""

from __future__ import annotations

from datetime import date

from portal.evidence.models import Attachment
from portal.extensions import db
from portal.inspections.models import FindingResponse, FindingStatus, ResponseKind
from portal.notifications.models import Notification
from tests.factories import pdf_file


def _answer(client, finding, body="Đã lập sổ theo dõi.", files=None):
    data = {"body": body}
    if files:
        data["evidence"] = files
    return client.post(
        f"/inspections/findings/{finding.id}/answer", data=data, content_type="multipart/form-data"
    )


def _verify(client, finding, decision, comment=""):
    return client.post(
        f"/inspections/findings/{finding.id}/verify",
        data={"decision": decision, "comment": comment},
    )


def test_open_answered_closed(login_as, world, scene):
    finding = scene.finding_a
    response = _answer(login_as(world.coordinator_a), finding, files=[pdf_file("so-theo-doi.pdf")])
    assert response.status_code == 302
    db.session.refresh(finding)
    assert finding.status == FindingStatus.ANSWERED
    answer = finding.responses[-1]
    assert answer.kind == ResponseKind.ANSWER and answer.author_id == world.coordinator_a.id
    attachment = db.session.scalar(
        db.select(Attachment).where(
            Attachment.owner_type == "finding_response", Attachment.owner_id == answer.id
        )
    )
    assert attachment is not None and attachment.unit_id == world.unit_a.id
    # The inspector is told, and downloads the evidence.
    assert (
        db.session.scalar(
            db.select(Notification).where(
                Notification.user_id == world.council.id, Notification.category == "general"
            )
        )
        is not None
    )
    member = login_as(world.council)
    assert member.get(f"/evidence/{attachment.id}").status_code == 200
    page = member.get(f"/inspections/findings/{finding.id}").get_data(as_text=True)
    assert "so-theo-doi.pdf" in page and "Xác minh kết quả khắc phục" in page
    assert _verify(member, finding, "close", "Đạt yêu cầu.").status_code == 302
    db.session.refresh(finding)
    assert finding.status == FindingStatus.CLOSED
    assert finding.closed_by_id == world.council.id and finding.closed_at is not None
    assert [r.kind for r in finding.responses] == [ResponseKind.ANSWER, ResponseKind.CLOSE]


def test_sent_back_answered_closed(login_as, world, scene):
    finding = scene.finding_a
    coordinator, member = world.coordinator_a, world.council
    assert _answer(login_as(coordinator), finding, "Lần 1").status_code == 302
    # Sending back needs a reason; the form comes back with it.
    page = _verify(login_as(member), finding, "send_back", "")
    assert page.status_code == 200 and "Nhập lý do trả lại." in page.get_data(as_text=True)
    db.session.refresh(finding)
    assert finding.status == FindingStatus.ANSWERED
    assert _verify(login_as(member), finding, "send_back", "Thiếu minh chứng.").status_code == 302
    db.session.refresh(finding)
    assert finding.status == FindingStatus.SENT_BACK
    # The owner (the coordinator here) hears about it.
    notes = db.session.scalars(
        db.select(Notification.title).where(Notification.user_id == coordinator.id)
    ).all()
    assert any("trả lại" in t for t in notes)
    assert _answer(login_as(coordinator), finding, "Lần 2, đã bổ sung").status_code == 302
    assert _verify(login_as(member), finding, "close").status_code == 302
    db.session.refresh(finding)
    assert finding.status == FindingStatus.CLOSED
    thread = [(r.kind, r.body) for r in finding.responses]
    assert thread == [
        (ResponseKind.ANSWER, "Lần 1"),
        (ResponseKind.SEND_BACK, "Thiếu minh chứng."),
        (ResponseKind.ANSWER, "Lần 2, đã bổ sung"),
        (ResponseKind.CLOSE, ""),
    ]
    assert all(r.created_at is not None for r in finding.responses)
    page = login_as(coordinator).get(f"/inspections/findings/{finding.id}").get_data(as_text=True)
    assert page.index("Lần 1") < page.index("Thiếu minh chứng.") < page.index("Lần 2")


def test_out_of_order_steps_are_refused_with_a_message(login_as, world, scene):
    finding = scene.finding_a  # open, with a corrective action
    page = _verify(login_as(world.council), finding, "close")
    assert "Chỉ đóng kết luận sau khi đơn vị đã trả lời." in page.get_data(as_text=True)
    page = _verify(login_as(world.council), finding, "send_back", "x")
    assert "Chỉ trả lại" in page.get_data(as_text=True)
    _answer(login_as(world.coordinator_a), finding)
    page = _answer(login_as(world.coordinator_a), finding, "lần nữa")
    assert "không chờ đơn vị trả lời" in page.get_data(as_text=True)
    empty = _answer(login_as(world.office), scene.finding_b, "  ")
    assert "Nhập nội dung đã thực hiện." in empty.get_data(as_text=True)
    db.session.refresh(finding)
    assert finding.status == FindingStatus.ANSWERED
    assert db.session.scalar(db.select(db.func.count(FindingResponse.id))) == 1


def test_an_observation_without_action_may_be_closed_at_once(login_as, world, scene):
    from tests.factories import make_finding

    note = make_finding(scene.insp_a, severity="observation", corrective_action="", due_date=None)
    assert _verify(login_as(world.council), note, "close").status_code == 302
    db.session.refresh(note)
    assert note.status == FindingStatus.CLOSED


def test_finding_owner_is_notified_when_assigned(login_as, world, scene):
    client = login_as(world.council)
    response = client.post(
        f"/inspections/{scene.insp_a.id}/findings/new",
        data={
            "severity": "major",
            "finding": "Chưa sơ kết phong trào.",
            "recommendation": "",
            "corrective_action": "Tổ chức sơ kết.",
            "action_owner_user_id": world.staff_a.id,
            "action_owner_name": "",
            "due_date": "2025-09-30",
        },
    )
    assert response.status_code == 302
    note = db.session.scalar(
        db.select(Notification).where(
            Notification.user_id == world.staff_a.id, Notification.category == "finding_assigned"
        )
    )
    assert note is not None and "Phòng Môi trường" in note.title
    assert "30/09/2025" in note.body and note.link.startswith("/inspections/findings/")


def test_owner_must_be_a_person_of_the_unit(login_as, world, scene):
    client = login_as(world.council)
    response = client.post(
        f"/inspections/{scene.insp_a.id}/findings/new",
        data={
            "severity": "minor",
            "finding": "Thiếu hồ sơ.",
            "action_owner_user_id": world.coordinator_b.id,
            "due_date": "2025-09-30",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'is-invalid" id="action_owner_user_id"' in html  # not among the choices
    assert "Thiếu hồ sơ." in html  # the input is kept
    db.session.refresh(scene.insp_a)
    assert len(scene.insp_a.findings) == 1
    # The service holds the same rule for any caller.
    import pytest

    from portal.inspections import findings as rules
    from portal.rules import RuleError
    from tests.factories import finding_values

    with pytest.raises(RuleError, match="người của đơn vị"):
        rules.add_finding(scene.insp_a, finding_values(action_owner_user_id=world.coordinator_b.id))


def test_due_date_before_the_inspection_is_refused(login_as, world, scene):
    response = login_as(world.council).post(
        f"/inspections/{scene.insp_a.id}/findings/new",
        data={"severity": "minor", "finding": "Thiếu hồ sơ.", "due_date": "2025-01-01"},
    )
    assert "Hạn khắc phục không được trước ngày kiểm tra." in response.get_data(as_text=True)


def test_answer_evidence_can_be_removed_only_before_verification(login_as, world, scene):
    finding = scene.finding_a
    client = login_as(world.coordinator_a)
    _answer(client, finding, files=[pdf_file()])
    attachment = db.session.scalar(
        db.select(Attachment).where(Attachment.owner_type == "finding_response")
    )
    attachment_id = attachment.id
    _verify(login_as(world.council), finding, "send_back", "Chưa đạt")
    client = login_as(world.coordinator_a)
    assert client.post(f"/evidence/{attachment_id}/delete").status_code == 403
    _answer(client, finding, "Lần 2", files=[pdf_file("lan-2.pdf")])
    second = db.session.scalar(db.select(Attachment).where(Attachment.original_name == "lan-2.pdf"))
    assert client.post(f"/evidence/{second.id}/delete").status_code == 302
    assert db.session.get(Attachment, attachment_id) is not None


def test_overdue_is_shown_to_unit_member_and_office(login_as, world, scene):
    scene.finding_a.due_date = date(2025, 4, 1)
    db.session.commit()
    for who in (world.coordinator_a, world.council, world.office):
        client = login_as(who)
        html = client.get("/inspections/findings?overdue=1").get_data(as_text=True)
        assert f'/inspections/findings/{scene.finding_a.id}"' in html, who.email
        assert "Quá hạn" in html
        assert "kết luận kiểm tra quá hạn" in client.get("/inspections/").get_data(as_text=True)
    html = (
        login_as(world.coordinator_b).get("/inspections/findings?overdue=1").get_data(as_text=True)
    )
    assert f'/inspections/findings/{scene.finding_a.id}"' not in html
