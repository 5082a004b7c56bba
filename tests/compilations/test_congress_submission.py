"""The "congress_submission" compilation run by a real worker."""

from __future__ import annotations

import hashlib
import io
import json
import time
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook
from werkzeug.datastructures import FileStorage

from portal.compilations import jobs
from portal.compilations.archive import MANIFEST_NAME
from portal.compilations.congress_dossier import PDF_NOTE
from portal.compilations.models import CompilationStatus
from portal.compilations.services import request_cancel, start_compilation
from portal.compilations.storage import archive_path
from portal.congress.models import NOMINEE_OWNER
from portal.evidence.services import save_upload, storage_path
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.reviews.services import transition
from portal.reviews.states import ReviewAction
from tests.factories import make_congress_exemplar, make_submission, make_title
from tests.libreoffice import assert_pdf_normalised, needs_libreoffice


@pytest.fixture
def accepted(world, app):
    app.config["DOSSIER_PDF"] = False
    title = make_title(world.org)
    result = {}
    for unit, coordinator, names in (
        (world.unit_a, world.coordinator_a, ["Nguyễn Thị Hoa", "Tổ Quan trắc"]),
        (world.unit_b, world.coordinator_b, ["Lê Minh Tuấn"]),
    ):
        exemplars = [
            make_congress_exemplar(
                unit,
                n,
                kind=ExemplarKind.COLLECTIVE if n.startswith("Tổ") else ExemplarKind.INDIVIDUAL,
            )
            for n in names
        ]
        submission = make_submission(unit, world.period, title, exemplars)
        transition(submission, ReviewAction.SUBMIT, coordinator)
        transition(submission, ReviewAction.ACCEPT, world.office)
        result[unit.id] = submission
    nominee = result[world.unit_a.id].nominees[0]
    upload = FileStorage(io.BytesIO(b"%PDF-1.4 bang khen"), filename="Bằng khen 2023.pdf")
    result["attachment"] = save_upload(
        upload, world.unit_a.id, NOMINEE_OWNER, nominee.id, world.coordinator_a
    )
    db.session.commit()
    return result


def _compile(world, run_jobs):
    compilation = start_compilation("congress_submission", world.period, world.office)
    db.session.commit()
    run_jobs("long")
    db.session.refresh(compilation)
    return compilation


def _texts(path):
    out = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".docx"):
                doc = Document(io.BytesIO(archive.read(name)))
                out[name] = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
                    c.text for t in doc.tables for r in t.rows for c in r.cells
                )
    return out


def test_compiles_accepted_submissions(world, run_jobs, accepted, monkeypatch):
    seen = []
    real = jobs.report_progress
    monkeypatch.setattr(jobs, "report_progress", lambda p, s: (seen.append((p, s)), real(p, s)))
    compilation = _compile(world, run_jobs)
    assert compilation.status == CompilationStatus.DONE, compilation.error
    steps = [s for _p, s in seen]
    assert "Hồ sơ của Phòng Môi trường" in steps and "Hồ sơ của Thanh tra Sở" in steps
    progress = [p for p, _s in seen]
    assert progress == sorted(progress) and progress[-1] == 100 and len(set(progress)) >= 4
    used = [s for s in compilation.inputs["submissions"] if s["used"]]
    assert len(used) == 2 and all(s["state"] == "accepted" for s in used)
    with zipfile.ZipFile(archive_path(compilation)) as archive:
        manifest = json.loads(archive.read(MANIFEST_NAME))
        names = [e["path"] for e in manifest]
        for entry in manifest:
            assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]
        assert "don-vi/001-phong-moi-truong/to-trinh.docx" in names
        assert "so/to-trinh-cua-so.docx" in names
        assert "so/danh-sach-de-nghi-va-dai-bieu.xlsx" in names
        assert "don-vi/001-phong-moi-truong/bien-ban-hoi-nghi.docx" in names
        lists = load_workbook(io.BytesIO(archive.read("so/danh-sach-de-nghi-va-dai-bieu.xlsx")))
        # one delegate list per congress; the collective is represented by a person
        sector = [
            r[1] for r in lists["Đại biểu Đại hội ngành"].iter_rows(min_row=2, values_only=True)
        ]
        assert sorted(sector) == ["Lê Minh Tuấn", "Nguyễn Thị Hoa", "Nguyễn Văn An"]
        assert lists["Đại biểu Đại hội tỉnh"].max_row == 3
        assert PDF_NOTE in names
        evidence = [n for n in names if "/minh-chung/" in n]
        assert evidence == [
            f"don-vi/001-phong-moi-truong/minh-chung/{accepted['attachment'].id}-bang-khen-2023.pdf"
        ]
        assert archive.read(evidence[0]) == b"%PDF-1.4 bang khen"
        reports = [n for n in names if "bao-cao-thanh-tich" in n]
        assert len(reports) == 3
    proposal = _texts(archive_path(compilation))["so/to-trinh-cua-so.docx"]
    # No council has voted on these nominees yet: the proposal asks for none of them.
    assert "Lê Minh Tuấn" not in proposal
    assert "Còn 2 đề nghị chưa có kết quả bình xét của Hội đồng" in proposal


def test_two_runs_same_documents(world, run_jobs, accepted):
    first = _compile(world, run_jobs)
    second = _compile(world, run_jobs)
    assert _texts(archive_path(first)) == _texts(archive_path(second))
    diff = [
        (a["path"], b["path"])
        for a, b in zip(first.manifest, second.manifest, strict=True)
        if a["sha256"] != b["sha256"]
    ]
    assert not diff, diff


def test_missing_evidence_file_fails_clearly(world, run_jobs, accepted, app):
    storage_path(accepted["attachment"]).unlink()
    compilation = _compile(world, run_jobs)
    assert compilation.status == CompilationStatus.FAILED
    assert "Thiếu tệp minh chứng" in compilation.error
    assert "Bằng khen 2023.pdf" in compilation.error
    assert not list(app.config["DOSSIER_DIR"].rglob("*.zip"))


def test_cancel_during_compilation(world, run_jobs, accepted, app, monkeypatch):
    from portal.compilations import congress_dossier as dossier

    real = dossier.build_unit_proposal

    def cancel_then_build(*args, **kwargs):
        request_cancel(db.session.scalars(db.select(jobs.Compilation)).first())
        db.session.commit()
        return real(*args, **kwargs)

    monkeypatch.setattr(dossier, "build_unit_proposal", cancel_then_build)
    compilation = _compile(world, run_jobs)
    assert compilation.status == CompilationStatus.CANCELLED
    assert not list(app.config["DOSSIER_DIR"].rglob("*.zip"))


def test_only_accepted_submissions_are_used(world, run_jobs, accepted):
    transition(accepted[world.unit_b.id], ReviewAction.REOPEN, world.office, reason="Sửa")
    db.session.commit()
    compilation = _compile(world, run_jobs)
    with zipfile.ZipFile(archive_path(compilation)) as archive:
        names = archive.namelist()
    assert not any("thanh-tra-so" in n for n in names)
    states = {s["unit_id"]: s["state"] for s in compilation.inputs["submissions"]}
    assert states[world.unit_b.id] == "returned"


def test_pdf_step_without_converter_writes_note(app, tmp_path, monkeypatch):
    from portal.compilations import congress_dossier as dossier

    app.config["DOSSIER_PDF"] = True
    monkeypatch.setattr(dossier, "find_converter", lambda: None)
    assert dossier.pdf_step().run(tmp_path) == [PDF_NOTE]
    assert "LibreOffice" in (tmp_path / PDF_NOTE).read_text(encoding="utf-8")


@needs_libreoffice
def test_pdf_step_converts_word_files(world, app, tmp_path):
    from portal.compilations import congress_dossier as dossier
    from portal.congress.records import cycle_record, issuer_of, load_submission, submission_record
    from portal.congress.services import cycle_for
    from portal.documents.proposal import build_unit_proposal

    title = make_title(world.org)
    exemplar = make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa")
    submission = make_submission(world.unit_a, world.period, title, [exemplar])
    record = submission_record(load_submission(submission.id))
    on = submission.conference_date
    cycle = cycle_record(cycle_for(world.period))
    build_unit_proposal(record, issuer_of(world.org), cycle, on, tmp_path / "u" / "t.docx")
    app.config["DOSSIER_PDF"] = True
    assert dossier.pdf_step().run(tmp_path) == ["u/t.pdf"]
    assert (tmp_path / "u" / "t.pdf").read_bytes().startswith(b"%PDF")


def test_an_unrelated_closed_round_is_not_in_the_dossier(world, run_jobs, app):
    """The demo's annual round did not vote on the congress nominees: its minutes stay
    out (tests/congress/test_council_round.py checks that the right round's go in)."""
    from portal.consideration.models import AwardTitle, ConsiderationRound
    from portal.demo.consideration import TITLE, seed
    from tests.factories import seat_council

    app.config["DOSSIER_PDF"] = False
    seat_council(world, 3)
    seed(world.org, "pw")
    db.session.commit()
    title = db.session.scalars(db.select(AwardTitle)).first()
    submission = make_submission(
        world.unit_a, world.period, title, [make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa")]
    )
    transition(submission, ReviewAction.SUBMIT, world.coordinator_a)
    transition(submission, ReviewAction.ACCEPT, world.office)
    db.session.commit()
    closed = db.session.scalar(
        db.select(ConsiderationRound).where(ConsiderationRound.title == TITLE.format(year=2024))
    )
    assert closed is not None and not closed.is_open
    compilation = _compile(world, run_jobs)
    assert compilation.status == CompilationStatus.DONE, compilation.error
    with zipfile.ZipFile(archive_path(compilation)) as archive:
        names = archive.namelist()
    assert "so/to-trinh-cua-so.docx" in names
    assert not [n for n in names if n.startswith("so/bien-ban-")]


@needs_libreoffice
def test_two_runs_with_pdf_copies_give_the_same_zip(world, run_jobs, accepted, app):
    """LibreOffice stamps each PDF with the time and a random /ID: normalised, the
    dossier's bytes do not depend on when it was compiled."""
    app.config["DOSSIER_PDF"] = True
    first = _compile(world, run_jobs)
    time.sleep(1.1)  # a stamp LibreOffice would write differs by a second at least
    second = _compile(world, run_jobs)
    assert first.status == second.status == CompilationStatus.DONE, first.error
    data = archive_path(first).read_bytes()
    assert data == archive_path(second).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        pdfs = [n for n in archive.namelist() if n.endswith(".pdf") and "/minh-chung/" not in n]
        docx = [n for n in archive.namelist() if n.endswith(".docx")]
        assert sorted(p[:-4] for p in pdfs) == sorted(d[:-5] for d in docx)
        assert_pdf_normalised(archive.read(pdfs[0]))
