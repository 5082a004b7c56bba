"""The compiled congress dossier carries the unit's signed scans where the unit
uploaded them, the generated documents (dated the unit's submission date) otherwise,
and its manifest says which; the reports' personal particulars are audited."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime

import pytest
from docx import Document
from werkzeug.datastructures import FileStorage

from portal.audit import AuditLog
from portal.compilations.archive import MANIFEST_NAME
from portal.compilations.models import CompilationStatus
from portal.compilations.services import start_compilation
from portal.compilations.storage import archive_path
from portal.congress import signed
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.reviews.services import transition
from portal.reviews.states import ReviewAction
from tests.factories import make_congress_exemplar, make_submission, make_title

SUBMITTED = datetime(2025, 12, 15, 2, 0, tzinfo=UTC)  # 15/12/2025 in Vietnam
SCAN = b"%PDF-1.4 to trinh da ky, dong dau"
FOLDER = "don-vi/001-phong-moi-truong/"


@pytest.fixture
def accepted(world, app):
    app.config["DOSSIER_PDF"] = False
    person = make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa")
    team = make_congress_exemplar(world.unit_a, "Tổ Quan trắc", kind=ExemplarKind.COLLECTIVE)
    submission = make_submission(world.unit_a, world.period, make_title(world.org), [person, team])
    transition(submission, ReviewAction.SUBMIT, world.coordinator_a, at=SUBMITTED)
    db.session.commit()
    document = signed.document_by_key(submission, signed.PROPOSAL_KEY)
    scan = FileStorage(io.BytesIO(SCAN), filename="To trinh da ky.pdf")
    signed.save_signed_scan(submission, document, scan, world.coordinator_a)
    transition(submission, ReviewAction.ACCEPT, world.office)
    db.session.commit()
    return submission


def _compile(world, run_jobs):
    compilation = start_compilation("congress_submission", world.period, world.office)
    db.session.commit()
    run_jobs("long")
    db.session.refresh(compilation)
    return compilation


def test_the_dossier_carries_the_signed_scan_and_says_so(world, run_jobs, accepted):
    compilation = _compile(world, run_jobs)
    assert compilation.status == CompilationStatus.DONE, compilation.error
    with zipfile.ZipFile(archive_path(compilation)) as archive:
        manifest = {e["path"]: e for e in json.loads(archive.read(MANIFEST_NAME))}
        assert archive.read(f"{FOLDER}to-trinh-ban-ky.pdf") == SCAN
        assert f"{FOLDER}to-trinh.docx" not in manifest  # the signed copy replaces it
        assert manifest[f"{FOLDER}to-trinh-ban-ky.pdf"]["source"] == (
            "Bản ký, đóng dấu do đơn vị tải lên"
        )
        reports = [p for p in manifest if "bao-cao-thanh-tich" in p]
        assert len(reports) == 2 and all(p.endswith(".docx") for p in reports)
        for path in reports:
            assert manifest[path]["source"] == "Bản do Cổng tạo (đơn vị chưa tải bản ký)"
            header = Document(io.BytesIO(archive.read(path))).tables[0]
            date_line = header.rows[-1].cells[1].text  # the number | place-and-date row
            # dated the unit's submission date, not the Department's
            assert "ngày 15 tháng 12 năm 2025" in date_line, path
        assert "source" not in manifest[f"{FOLDER}bien-ban-hoi-nghi.docx"]
        person = Document(
            io.BytesIO(archive.read(f"{FOLDER}bao-cao-thanh-tich-01-nguyen-thi-hoa.docx"))
        )
        assert "Sinh ngày, tháng, năm: 14/03/1982" in "\n".join(p.text for p in person.paragraphs)
    exports = db.session.scalars(db.select(AuditLog).where(AuditLog.action == "export")).all()
    assert len(exports) == 1 and exports[0].actor_id == world.office.id
    assert "hồ sơ Đại hội" in exports[0].changes["document"][1]


def test_a_scan_of_an_earlier_submission_does_not_count(world, run_jobs, accepted):
    transition(accepted, ReviewAction.REOPEN, world.office, reason="Sửa số liệu")
    transition(accepted, ReviewAction.SUBMIT, world.coordinator_a)
    transition(accepted, ReviewAction.ACCEPT, world.office)
    db.session.commit()
    assert signed.document_by_key(accepted, signed.PROPOSAL_KEY).scan is None
    compilation = _compile(world, run_jobs)
    paths = [e["path"] for e in compilation.manifest]
    assert f"{FOLDER}to-trinh.docx" in paths and f"{FOLDER}to-trinh-ban-ky.pdf" not in paths
