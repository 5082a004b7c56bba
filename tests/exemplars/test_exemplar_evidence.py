"""Evidence files on exemplars, evaluations and fostering actions."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest

from portal.evidence.models import Attachment
from portal.exemplars.fostering import save_action
from portal.exemplars.models import SupportType
from portal.extensions import db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _upload(client, exemplar_id, name, data, **form):
    return client.post(
        f"/exemplars/{exemplar_id}/evidence",
        data={"owner_type": "exemplar", **form, "evidence": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def _attachments():
    return db.session.scalars(db.select(Attachment)).all()


@pytest.fixture
def exemplar(make_exemplar):
    return make_exemplar()


def test_upload_and_download(world, exemplar, login_as):
    client = login_as(world.coordinator_a)
    page = _upload(client, exemplar.id, "Quyết định công nhận.pdf", PDF)
    assert "Đã tải lên 1 tệp minh chứng." in page.get_data(as_text=True)
    (attachment,) = _attachments()
    assert (attachment.owner_type, attachment.owner_id, attachment.unit_id) == (
        "exemplar",
        exemplar.id,
        world.unit_a.id,
    )
    assert "Quyết định công nhận.pdf" in client.get(f"/exemplars/{exemplar.id}").get_data(
        as_text=True
    )
    download = login_as(world.staff_a).get(f"/evidence/{attachment.id}")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),
        ("bao-cao.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),  # an .exe renamed .pdf
        ("bao-cao.pdf", b"<html><script>alert(1)</script></html>"),  # HTML renamed .pdf
    ],
)
def test_wrong_type_is_refused(world, exemplar, login_as, name, data):
    page = _upload(login_as(world.coordinator_a), exemplar.id, name, data)
    assert "không đúng định dạng cho phép" in page.get_data(as_text=True)
    assert _attachments() == []


def test_oversize_file_is_refused(world, app, exemplar, login_as):
    app.config["MAX_UPLOAD_MB"] = 1
    data = PDF + b"0" * (1024 * 1024 + 100)
    page = _upload(login_as(world.coordinator_a), exemplar.id, "lon.pdf", data)
    assert "vượt quá dung lượng cho phép (1 MB)" in page.get_data(as_text=True)
    assert _attachments() == []
    assert [p for p in Path(app.config["UPLOAD_DIR"]).rglob("*") if p.is_file()] == []


def test_path_traversal_name_is_stored_safely(world, app, exemplar, login_as, tmp_path):
    _upload(login_as(world.coordinator_a), exemplar.id, "../../etc/passwd.pdf", PDF)
    (attachment,) = _attachments()
    assert attachment.original_name == "passwd.pdf"
    assert re.fullmatch(r"[0-9a-f]{32}", attachment.stored_name)
    upload_dir = Path(app.config["UPLOAD_DIR"])
    stored = upload_dir / str(world.unit_a.id) / attachment.stored_name
    assert stored.read_bytes() == PDF
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".rdb"]
    assert [p for p in files if p.name == "passwd.pdf"] == []
    assert all(upload_dir in p.parents for p in files if p.read_bytes() == PDF)


def test_other_units_coordinator_cannot_download(world, exemplar, login_as):
    _upload(login_as(world.coordinator_a), exemplar.id, "minh-chung.pdf", PDF)
    (attachment,) = _attachments()
    assert login_as(world.coordinator_b).get(f"/evidence/{attachment.id}").status_code == 404
    assert login_as(world.foreign_office).get(f"/evidence/{attachment.id}").status_code == 404
    assert (
        login_as(world.coordinator_b).post(f"/evidence/{attachment.id}/delete").status_code == 404
    )
    assert len(_attachments()) == 1


def test_evidence_on_actions_and_evaluations(world, criteria, exemplar, login_as):
    action = save_action(
        exemplar, support_type=SupportType.AWARD, description="Giấy khen", owner_name="Văn phòng"
    )
    db.session.commit()
    client = login_as(world.coordinator_a)
    _upload(
        client, exemplar.id, "giay-khen.png", PNG, owner_type="fostering_action", owner_id=action.id
    )
    items = criteria[exemplar.kind].items
    response = client.post(
        f"/exemplars/{exemplar.id}/evaluations/new",
        data={
            "evaluated_on": date(2025, 5, 1).isoformat(),
            "effect": "4",
            "effectiveness": "4",
            "development_potential": "4",
            "influence": "4",
            **{f"item_{i.id}": "5" for i in items},
            "evidence": (io.BytesIO(PDF), "bien-ban-danh-gia.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    owners = {(a.owner_type, a.original_name) for a in _attachments()}
    assert owners == {
        ("fostering_action", "giay-khen.png"),
        ("exemplar_evaluation", "bien-ban-danh-gia.pdf"),
    }
    page = client.get(f"/exemplars/{exemplar.id}").get_data(as_text=True)
    assert "giay-khen.png" in page and "bien-ban-danh-gia.pdf" in page


def test_bad_file_with_a_form_saves_nothing_and_keeps_the_input(world, exemplar, login_as):
    client = login_as(world.coordinator_a)
    response = client.post(
        f"/exemplars/{exemplar.id}/actions/new",
        data={
            "support_type": "technical",
            "description": "Hỗ trợ phần mềm",
            "owner_user_id": "0",
            "owner_name": "Chuyên gia",
            "status": "planned",
            "evidence": (io.BytesIO(b"<html></html>"), "x.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "Hỗ trợ phần mềm" in response.get_data(as_text=True)
    assert "không đúng định dạng" in response.get_data(as_text=True)
    assert _attachments() == []
    assert (
        db.session.scalar(
            db.select(db.func.count()).select_from(db.metadata.tables["fostering_actions"])
        )
        == 0
    )


def test_unknown_owner_type_is_refused(world, exemplar, login_as):
    response = login_as(world.coordinator_a).post(
        f"/exemplars/{exemplar.id}/evidence", data={"owner_type": "user", "owner_id": "1"}
    )
    assert response.status_code == 400


def test_deleting_an_action_or_evaluation_deletes_its_files(world, criteria, exemplar, login_as):
    from portal.evidence.services import storage_path

    test_evidence_on_actions_and_evaluations(world, criteria, exemplar, login_as)
    stored = [storage_path(a) for a in _attachments()]
    assert len(stored) == 2 and all(path.exists() for path in stored)
    client = login_as(world.coordinator_a)
    action_id = exemplar.fostering_actions[0].id
    evaluation_id = exemplar.evaluations[0].id
    client.post(f"/exemplars/actions/{action_id}/delete")
    client.post(f"/exemplars/evaluations/{evaluation_id}/delete")
    assert _attachments() == []
    assert not any(path.exists() for path in stored)
