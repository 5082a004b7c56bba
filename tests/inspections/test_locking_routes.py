"""After sign-off the record is locked in the UI too: edits are 403 with a message,
corrections are dated entries, follow-up goes on."""

from __future__ import annotations

import io

from portal.evidence.models import Attachment
from portal.extensions import db
from portal.inspections.models import FindingStatus, Inspection
from tests.factories import pdf_file

LOCKED = "Biên bản kiểm tra đã được ký xác nhận nên không thể sửa"


def _create_with_file(client, world):
    response = client.post(
        f"/inspections/new?unit_id={world.unit_a.id}",
        data={
            "inspection_date": "2025-03-12",
            "method": "on_site",
            "scope": ["reports"],
            "member_ids": [world.council.id],
            "plan_item_id": 0,
            "summary": "Tốt.",
            "evidence": [pdf_file("bien-ban.pdf")],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    return db.session.scalar(db.select(Inspection).order_by(Inspection.id.desc()))


def test_sign_off_then_edits_are_refused(login_as, world, scene):
    client = login_as(world.council)
    iid, fid = scene.insp_a.id, scene.finding_a.id
    page = client.get(f"/inspections/{iid}").get_data(as_text=True)
    assert "Ký xác nhận biên bản" in page and "Sửa biên bản" in page
    assert client.post(f"/inspections/{iid}/sign-off").status_code == 302
    page = client.get(f"/inspections/{iid}").get_data(as_text=True)
    assert "Sửa biên bản" not in page and "Thêm đính chính" in page
    for method, url, data in [
        ("get", f"/inspections/{iid}/edit", None),
        ("post", f"/inspections/{iid}/edit", {"summary": "Khác"}),
        ("get", f"/inspections/{iid}/findings/new", None),
        ("post", f"/inspections/{iid}/findings/new", {"severity": "minor", "finding": "Mới"}),
        ("get", f"/inspections/findings/{fid}/edit", None),
        ("post", f"/inspections/findings/{fid}/edit", {"severity": "major", "finding": "Sửa"}),
        ("post", f"/inspections/findings/{fid}/delete", None),
        ("post", f"/inspections/{iid}/delete", None),
        ("post", f"/inspections/{iid}/sign-off", None),
        ("post", f"/inspections/{iid}/evidence", None),
    ]:
        for who in (world.council, world.office):
            response = getattr(login_as(who), method)(url, data=data)
            assert response.status_code == 403, url
            assert LOCKED in response.get_data(as_text=True), url
    db.session.expire_all()
    inspection = db.session.get(Inspection, iid)
    assert inspection.summary == "Đơn vị triển khai tốt phong trào thi đua."
    assert [f.finding for f in inspection.findings] == ["Chưa lập sổ theo dõi bồi dưỡng điển hình."]


def test_corrections_are_dated_entries(login_as, world, scene):
    client = login_as(world.council)
    iid = scene.insp_a.id
    # Before sign-off a correction is refused: edit instead.
    page = client.post(
        f"/inspections/{iid}/corrections",
        data={"text": "x", "finding_id": 0},
        follow_redirects=True,
    )
    assert "hãy sửa trực tiếp" in page.get_data(as_text=True)
    assert page.request.path == f"/inspections/{iid}/edit"
    client.post(f"/inspections/{iid}/sign-off")
    empty = client.post(f"/inspections/{iid}/corrections", data={"text": "", "finding_id": 0})
    assert "Nhập nội dung đính chính." in empty.get_data(as_text=True)
    response = client.post(
        f"/inspections/{iid}/corrections",
        data={"text": "Ngày kiểm tra đúng là 11/03/2025.", "finding_id": scene.finding_a.id},
    )
    assert response.status_code == 302
    page = login_as(world.coordinator_a).get(f"/inspections/{iid}").get_data(as_text=True)
    assert "Ngày kiểm tra đúng là 11/03/2025." in page
    # Readers cannot add corrections.
    assert (
        login_as(world.viewer)
        .post(f"/inspections/{iid}/corrections", data={"text": "x"})
        .status_code
        == 403
    )
    db.session.refresh(scene.insp_a)
    assert len(scene.insp_a.corrections) == 1


def test_follow_up_continues_after_sign_off(login_as, world, scene):
    login_as(world.council).post(f"/inspections/{scene.insp_a.id}/sign-off")
    fid = scene.finding_a.id
    assert (
        login_as(world.coordinator_a)
        .post(f"/inspections/findings/{fid}/answer", data={"body": "Đã làm"})
        .status_code
        == 302
    )
    assert (
        login_as(world.council)
        .post(f"/inspections/findings/{fid}/verify", data={"decision": "close"})
        .status_code
        == 302
    )
    db.session.refresh(scene.finding_a)
    assert scene.finding_a.status == FindingStatus.CLOSED


def test_inspection_files_follow_the_record(login_as, world, scene):
    inspection = _create_with_file(login_as(world.council), world)
    attachment = db.session.scalar(
        db.select(Attachment).where(
            Attachment.owner_type == "inspection", Attachment.owner_id == inspection.id
        )
    )
    assert attachment is not None and attachment.original_name == "bien-ban.pdf"
    # The unit reads the file but may not remove the inspectors' evidence.
    coordinator = login_as(world.coordinator_a)
    assert coordinator.get(f"/evidence/{attachment.id}").status_code == 200
    assert coordinator.post(f"/evidence/{attachment.id}/delete").status_code == 403
    assert login_as(world.coordinator_b).get(f"/evidence/{attachment.id}").status_code == 404
    # After sign-off nobody deletes it, the Office included.
    login_as(world.council).post(f"/inspections/{inspection.id}/sign-off")
    assert login_as(world.office).post(f"/evidence/{attachment.id}/delete").status_code == 403
    response = login_as(world.council).post(
        f"/inspections/{inspection.id}/evidence/{attachment.id}/delete"
    )
    assert response.status_code == 403
    assert db.session.get(Attachment, attachment.id) is not None


def test_inspector_removes_a_file_before_sign_off(login_as, world, scene):
    inspection = _create_with_file(login_as(world.council), world)
    attachment = db.session.scalar(
        db.select(Attachment).where(Attachment.owner_type == "inspection")
    )
    client = login_as(world.council)
    wrong = client.post(f"/inspections/{scene.insp_a.id}/evidence/{attachment.id}/delete")
    assert wrong.status_code == 404  # not that inspection's file
    ok = client.post(f"/inspections/{inspection.id}/evidence/{attachment.id}/delete")
    assert ok.status_code == 302
    assert db.session.get(Attachment, attachment.id) is None


def test_a_bad_file_keeps_the_form(login_as, world, scene):
    client = login_as(world.council)
    response = client.post(
        f"/inspections/new?unit_id={world.unit_a.id}",
        data={
            "inspection_date": "2025-03-12",
            "method": "on_site",
            "scope": ["reports"],
            "member_ids": [world.council.id],
            "summary": "Tóm tắt còn giữ.",
            "evidence": [(io.BytesIO(b"MZ fake"), "virus.pdf")],
        },
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "không đúng định dạng" in html
    assert "Tóm tắt còn giữ." in html
    assert db.session.scalar(db.select(db.func.count(Inspection.id))) == 3  # the scene's
