"""The unit signs its own documents: once it submits, its tờ trình and its nominees'
achievement reports are built dated its submission date, downloadable by the unit and
the Office only; the unit uploads the signed scans (PDF only, under the cap, with a
sensible name), and the Office sees per document whether the signed copy is there."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from docx import Document

from portal.audit import AuditLog
from portal.congress.signed import SIGNED_PROPOSAL, SIGNED_REPORT
from portal.documents.pdf import find_converter
from portal.evidence.services import attachments_for
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.reviews.services import transition
from portal.reviews.states import ReviewAction
from tests.factories import make_congress_exemplar, make_submission, make_title

SUBMITTED = datetime(2025, 12, 15, 2, 0, tzinfo=UTC)  # 15/12/2025 in Vietnam
PDF = b"%PDF-1.4 ban quet da ky"


@pytest.fixture
def submitted(world):
    person = make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa")
    team = make_congress_exemplar(world.unit_a, "Tổ Quan trắc", kind=ExemplarKind.COLLECTIVE)
    submission = make_submission(world.unit_a, world.period, make_title(world.org), [person, team])
    transition(submission, ReviewAction.SUBMIT, world.coordinator_a, at=SUBMITTED)
    db.session.commit()
    return submission


def _text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def test_nothing_to_sign_before_the_unit_submits(world, login_as):
    exemplar = make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa")
    draft = make_submission(world.unit_a, world.period, make_title(world.org), [exemplar])
    client = login_as(world.coordinator_a)
    page = client.get(f"/congress/signed/{draft.id}")
    assert 'data-testid="signed-not-ready"' in page.get_data(as_text=True)
    assert client.get(f"/congress/signed/{draft.id}/to-trinh.docx").status_code == 404


def test_the_unit_downloads_its_documents_dated_its_submission(world, login_as, submitted):
    client = login_as(world.coordinator_a)
    page = client.get(f"/congress/signed/{submitted.id}").get_data(as_text=True)
    assert "15/12/2025" in page and page.count('data-testid="scan-missing"') == 3
    proposal = client.get(f"/congress/signed/{submitted.id}/to-trinh.docx")
    assert proposal.status_code == 200
    assert "ngày 15 tháng 12 năm 2025" in _text(proposal.data)
    person = next(n for n in submitted.nominees if n.exemplar.name == "Nguyễn Thị Hoa")
    report = client.get(f"/congress/signed/{submitted.id}/bao-cao-{person.id}.docx")
    text = _text(report.data)
    assert "ngày 15 tháng 12 năm 2025" in text
    assert "Sinh ngày, tháng, năm: 14/03/1982" in text  # the person's profile
    # the report prints personal particulars: its export is in the audit log, in words
    entry = db.session.scalar(db.select(AuditLog).where(AuditLog.action == "export"))
    assert entry.actor_id == world.coordinator_a.id and entry.object_type == "PersonProfile"
    assert "Nguyễn Thị Hoa" in entry.changes["document"][1]
    log = login_as(world.office).get("/admin/audit?action=export").get_data(as_text=True)
    assert "Xuất thông tin cá nhân" in log and "Ngày sinh" in log


@pytest.mark.skipif(find_converter() is None, reason="LibreOffice (soffice) is not installed")
def test_the_unit_downloads_a_pdf_copy(world, login_as, submitted):
    pdf = login_as(world.coordinator_a).get(f"/congress/signed/{submitted.id}/to-trinh.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")


def test_only_the_unit_coordinator_and_the_office_reach_them(
    world, login_as, submitted, council_on_a
):
    url = f"/congress/signed/{submitted.id}"
    assert login_as(world.office).get(url).status_code == 200
    for outsider in (council_on_a, world.staff_a, world.viewer, world.coordinator_b):
        client = login_as(outsider)
        assert client.get(url).status_code == 404, outsider.email
        assert client.get(f"{url}/to-trinh.docx").status_code == 404
    assert (
        db.session.scalar(db.select(db.func.count(AuditLog.id)).where(AuditLog.action == "export"))
        == 0
    )


def _upload(client, submission, name, data=PDF, key="to-trinh"):
    return client.post(
        f"/congress/signed/{submission.id}/{key}/scan",
        data={"scan": (io.BytesIO(data), name), "submit": "1"},
        content_type="multipart/form-data",
    )


def test_bad_scans_are_refused_on_the_form(world, login_as, submitted, app):
    client = login_as(world.coordinator_a)
    word = _upload(client, submitted, "to-trinh.docx", b"PK\x03\x04 not a pdf")
    assert word.status_code == 200
    assert "Bản ký phải là tệp PDF" in word.get_data(as_text=True)
    renamed = _upload(client, submitted, "to-trinh.pdf", b"GIF89a not a pdf")
    assert "Bản ký phải là tệp PDF" in renamed.get_data(as_text=True)
    long_name = "Tờ trình đề nghị khen thưởng " * 8 + ".pdf"
    page = _upload(client, submitted, long_name).get_data(as_text=True)
    assert "quá 150 ký tự cho phép" in page
    app.config["MAX_UPLOAD_MB"] = 1
    big = _upload(client, submitted, "to-trinh.pdf", PDF + b"0" * (1024 * 1024 + 10))
    assert big.status_code == 200
    assert "vượt quá dung lượng cho phép (1 MB)" in big.get_data(as_text=True)
    assert attachments_for(SIGNED_PROPOSAL, submitted.id) == []
    assert 'data-testid="signed-documents"' in big.get_data(as_text=True)  # the page stays


def test_a_signed_scan_is_kept_and_the_office_sees_it(world, login_as, submitted):
    team = next(n for n in submitted.nominees if n.exemplar.name == "Tổ Quan trắc")
    client = login_as(world.coordinator_a)
    assert _upload(client, submitted, "To trinh da ky.pdf").status_code == 302
    assert _upload(client, submitted, "Bao cao to.pdf", key=f"bao-cao-{team.id}").status_code == 302
    assert [a.original_name for a in attachments_for(SIGNED_PROPOSAL, submitted.id)] == [
        "To trinh da ky.pdf"
    ]
    assert len(attachments_for(SIGNED_REPORT, team.id)) == 1
    page = login_as(world.office).get(f"/congress/signed/{submitted.id}").get_data(as_text=True)
    assert page.count('data-testid="scan-present"') == 2
    assert page.count('data-testid="scan-missing"') == 1
    assert "To trinh da ky.pdf" in page
    # the Office does not upload in the unit's place
    assert _upload(login_as(world.office), submitted, "x.pdf").status_code == 403


def test_a_signed_scan_is_not_served_to_those_who_only_see_the_unit(
    world, login_as, submitted, council_on_a
):
    """The scan carries personal particulars: the evidence download serves it to the
    unit's coordinator and the Office only, not to its staff or its council member."""
    assert (
        _upload(login_as(world.coordinator_a), submitted, "To trinh da ky.pdf").status_code == 302
    )
    (scan,) = attachments_for(SIGNED_PROPOSAL, submitted.id)
    for reader in (world.coordinator_a, world.office):
        response = login_as(reader).get(f"/evidence/{scan.id}")
        assert response.status_code == 200 and response.data == PDF, reader.email
    for outsider in (world.staff_a, council_on_a, world.coordinator_b):
        assert login_as(outsider).get(f"/evidence/{scan.id}").status_code == 404, outsider.email
