"""The "yearly_report" compilation run by a real worker: Word report and statistics."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from portal.accounts.models import Role
from portal.compilations.models import CompilationStatus
from portal.compilations.services import start_compilation
from portal.compilations.storage import archive_path
from portal.documents.pdf import find_converter
from portal.extensions import db
from portal.propagation.models import ActivityType, Channel, PropagationActivity
from sampledata.world import make_user
from tests.factories import (
    at,
    make_assessment,
    make_congress_exemplar,
    make_criteria,
    make_report,
    make_unit,
    move,
)
from tests.libreoffice import assert_pdf_normalised, needs_libreoffice


def _seed(world):
    make_criteria(world.period)
    make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa", year_identified=2024)
    db.session.add(
        PropagationActivity(
            unit_id=world.unit_a.id,
            activity_date=date(2024, 5, 2),
            activity_type=list(ActivityType)[0],
            channel=Channel.ONLINE,
            title="Bài viết",
            cost_vnd=2_000_000,
            audience_reached=300,
        )
    )
    report = make_report(world, year=2024)
    report.proposals = "Đề nghị bố trí kinh phí tuyên truyền."
    db.session.commit()
    make_assessment(world, year=2024, scores=[8, 9, 4])
    move(report, "submit", world.coordinator_a, when=at(2024, 12, 10))
    move(report, "accept", world.office, when=at(2024, 12, 20))


def _compile(world, run_jobs):
    compilation = start_compilation("yearly_report", world.period, world.office, year=2024)
    db.session.commit()
    run_jobs("long")
    db.session.refresh(compilation)
    return compilation


def test_yearly_report(app, world, run_jobs):
    app.config["DOSSIER_PDF"] = False  # reproducible bytes: PDF copies are tested below
    _seed(world)
    compilation = _compile(world, run_jobs)
    assert compilation.status == CompilationStatus.DONE, compilation.error
    kinds = {(r["kind"], r["state"]) for r in compilation.inputs["records"]}
    assert ("annual_report", "accepted") in kinds and ("self_assessment", "draft") in kinds
    with zipfile.ZipFile(archive_path(compilation)) as archive:
        names = sorted(n for n in archive.namelist() if not n.startswith("MANIFEST"))
        assert names == ["GHI-CHU-PDF.txt", "bao-cao-nam-2024.docx", "thong-ke-nam-2024.xlsx"]
        doc = Document(io.BytesIO(archive.read("bao-cao-nam-2024.docx")))
        book = load_workbook(io.BytesIO(archive.read("thong-ke-nam-2024.xlsx")))
    assert doc.tables[0].rows[2].cells[1].text == "Quảng Bình, ngày 20 tháng 12 năm 2024"
    assert doc.tables[0].rows[2].cells[0].text == "Số: .../BC-STNMT"
    assert "Kính gửi: Ban Thi đua - Khen thưởng tỉnh Quảng Bình." in [
        p.text for p in doc.paragraphs
    ]
    table = doc.tables[1]
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert rows["Phòng Môi trường"][2] == "Đã chấp nhận"
    assert rows["Thanh tra Sở"][2] == "Chưa lập"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Đề nghị bố trí kinh phí tuyên truyền." in text
    exemplars = book["Điển hình theo trạng thái"]
    assert exemplars["A1"].value == "Đơn vị"
    by_unit = {r[0].value: r for r in exemplars.iter_rows(min_row=2)}
    assert by_unit["Phòng Môi trường"][-1].value == 1
    propagation = {r[0].value: r for r in book["Tuyên truyền theo kênh"].iter_rows(min_row=2)}
    assert propagation["Phòng Môi trường"][2].value == 1  # one online activity
    assert propagation["Phòng Môi trường"][3].value == 2_000_000
    again = _compile(world, run_jobs)
    assert [e["sha256"] for e in again.manifest] == [e["sha256"] for e in compilation.manifest]


@needs_libreoffice
def test_two_runs_with_a_pdf_copy_give_the_same_zip(world, run_jobs, app):
    app.config["DOSSIER_PDF"] = True
    _seed(world)
    first = _compile(world, run_jobs)
    time.sleep(1.1)  # a stamp LibreOffice would write differs by a second at least
    second = _compile(world, run_jobs)
    assert first.status == second.status == CompilationStatus.DONE, first.error
    data = archive_path(first).read_bytes()
    assert data == archive_path(second).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert_pdf_normalised(archive.read("bao-cao-nam-2024.pdf"))


def _unit_report(world, name, steps, text):
    """A unit with its coordinator and its 2024 annual report moved along `steps`."""
    unit = make_unit(world.org, name)
    coordinator = make_user(
        world.org, f"{len(name)}-{steps}@example.test", (Role.COORDINATOR, unit)
    )
    report = make_report(world, unit=unit, year=2024)
    report.proposals = text
    db.session.commit()
    for step in steps:
        actor = coordinator if step == "submit" else world.office
        move(report, step, actor, reason="Bổ sung số liệu" if step == "return" else "")
    return unit


def test_only_accepted_reports_are_quoted_and_the_others_named(app, world, run_jobs):
    app.config["DOSSIER_PDF"] = False
    _seed(world)  # Phòng Môi trường: accepted; Thanh tra Sở: no report
    _unit_report(world, "Phòng Quản lý đất đai", [], "Nội dung bản nháp chưa nộp.")
    _unit_report(world, "Trung tâm Quan trắc", ["submit"], "Nội dung đã nộp chờ xem xét.")
    _unit_report(world, "Văn phòng Đăng ký", ["submit", "return"], "Nội dung bị trả lại.")
    compilation = _compile(world, run_jobs)
    assert compilation.status == CompilationStatus.DONE, compilation.error
    with zipfile.ZipFile(archive_path(compilation)) as archive:
        doc = Document(io.BytesIO(archive.read("bao-cao-nam-2024.docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Đề nghị bố trí kinh phí tuyên truyền." in text  # the accepted report
    for unquoted in ("bản nháp chưa nộp", "đã nộp chờ xem xét", "Nội dung bị trả lại"):
        assert unquoted not in text
    assert "Chưa lập báo cáo năm (1): Thanh tra Sở." in text
    assert "Báo cáo còn là bản nháp (1): Phòng Quản lý đất đai." in text
    assert "Đã nộp, Văn phòng Sở chưa chấp nhận (1): Trung tâm Quan trắc." in text
    assert "Bị trả lại, đơn vị chưa nộp lại (1): Văn phòng Đăng ký." in text


@pytest.mark.skipif(find_converter() is None, reason="LibreOffice (soffice) is not installed")
def test_the_yearly_report_has_a_pdf_copy_when_libreoffice_is_present(app, world, run_jobs):
    app.config["DOSSIER_PDF"] = True
    _seed(world)
    compilation = _compile(world, run_jobs)
    assert compilation.status == CompilationStatus.DONE, compilation.error
    with zipfile.ZipFile(archive_path(compilation)) as archive:
        assert archive.read("bao-cao-nam-2024.pdf").startswith(b"%PDF-")
