"""The compilation page as the Office reads it: what was compiled in words, a badge
that agrees with the bar, a bar that moves within every step (per file when making
PDFs), the time elapsed and an estimate of what is left."""

from __future__ import annotations

from datetime import timedelta

import pytest
from lxml import html
from rq import get_current_job
from rq.job import Job

from portal.compilations import builders
from portal.compilations import congress_dossier as dossier
from portal.compilations.models import Compilation, CompilationStatus
from portal.compilations.services import start_compilation
from portal.compilations.timing import format_duration, timing
from portal.extensions import db
from portal.jobs.connection import get_redis
from portal.models_base import utcnow
from portal.reviews.services import transition
from portal.reviews.states import ReviewAction
from tests.compilations.test_compile_job import test_builders  # noqa: F401
from tests.compilations.test_congress_submission import accepted  # noqa: F401

SEEN: list[tuple[int, list | None]] = []


def _seen_meta() -> None:
    meta = get_current_job().meta
    SEEN.append((meta.get("progress"), meta.get("parts")))


def _short(workdir):
    _seen_meta()
    return []


def _long(workdir):
    _seen_meta()
    for done in range(4):
        builders.report_step_progress(done, 3)
        _seen_meta()
    return []


@pytest.fixture
def weighted_builder():
    builders.register_builder(
        "test_weighted",
        builders.Builder(
            label="test_weighted",
            inputs=lambda c: {},
            steps=lambda c: [
                builders.Step("Ngắn", _short, weight=1),
                builders.Step("Dài", _long, weight=9),
            ],
        ),
    )
    SEEN.clear()
    yield
    builders.BUILDERS.pop("test_weighted", None)


def test_the_bar_moves_by_weight_and_within_a_long_step(world, run_jobs, weighted_builder):
    start_compilation("test_weighted", world.period, world.office)
    db.session.commit()
    run_jobs("long")
    # The short step has 1/10 of the steps' 90 %, the long one 9/10, moved part by part.
    assert SEEN == [
        (0, None),
        (9, None),
        (9, [0, 3]),
        (36, [1, 3]),
        (63, [2, 3]),
        (90, [3, 3]),
    ]


def test_the_pdf_step_reports_each_file(app, tmp_path, monkeypatch):
    for name in ("a/to-trinh.docx", "a/bien-ban.docx", "so/to-trinh.docx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"docx")

    def fake_convert(documents, progress):  # one process for all, PDFs appearing
        for done, docx in enumerate(documents, 1):
            docx.with_suffix(".pdf").write_bytes(b"%PDF")
            progress(done, len(documents))
        return [docx.with_suffix(".pdf") for docx in documents]

    app.config["DOSSIER_PDF"] = True
    monkeypatch.setattr(dossier, "find_converter", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(dossier, "convert_many", fake_convert)
    ticks = []
    step = dossier.pdf_step(expected_files=3)
    assert step.weight == 3 * dossier.PDF_WEIGHT_PER_FILE  # the slowest step, by far
    with builders.step_ticks(lambda done, total: ticks.append((done, total))):
        assert len(step.run(tmp_path)) == 3
    assert ticks == [(0, 3), (1, 3), (2, 3), (3, 3)]
    monkeypatch.setattr(dossier, "find_converter", lambda: None)
    assert dossier.pdf_step(expected_files=3).weight < 1  # only a note to write


def test_the_badge_agrees_with_the_bar(world, login_as, test_builders):  # noqa: F811
    compilation = start_compilation("test_ok", world.period, world.office)
    db.session.commit()
    job = Job.fetch(compilation.job_id, connection=get_redis())
    job.meta.update(progress=72, step="Bước hai")  # the job runs; its row still says queued
    job.save_meta()
    client = login_as(world.office)
    status = client.get(f"/compilations/{compilation.id}/status").get_json()
    assert status["progress"] == 72 and status["status"] == "running"
    assert status["status_label"] == "Đang chạy" and status["tone"] == "info"
    page = html.fromstring(client.get(f"/compilations/{compilation.id}").get_data(as_text=True))
    [badge] = page.xpath("//*[@id='compilation-status']//*[@data-role='status-badge']")
    assert badge.text_content() == "Đang chạy" and "text-bg-info" in badge.get("class")
    assert page.xpath("//div[contains(@class, 'progress-bar')]")[0].text_content() == "72%"


# Running without a job would be reconciled as failed: the badge test covers running.
@pytest.mark.parametrize("state", [s for s in CompilationStatus if s != CompilationStatus.RUNNING])
def test_every_state_has_one_label_on_the_page_and_in_the_status(world, login_as, state):
    compilation = Compilation(
        organization_id=world.org.id,
        period_id=world.period.id,
        kind="test_none",
        status=state,
        started_by_id=world.office.id,
    )
    db.session.add(compilation)
    db.session.commit()
    client = login_as(world.office)
    status = client.get(f"/compilations/{compilation.id}/status").get_json()
    assert status["status_label"] == str(state.label) and status["tone"] == state.tone
    for url in (f"/compilations/{compilation.id}", "/compilations/"):
        page = html.fromstring(client.get(url).get_data(as_text=True))
        labels = [b.text_content() for b in page.xpath("//*[@data-role='status-badge']")]
        assert labels == [str(state.label)]


def test_the_page_says_what_was_compiled(world, login_as, run_jobs, accepted):  # noqa: F811
    transition(accepted[world.unit_b.id], ReviewAction.REOPEN, world.office, reason="Sửa")
    db.session.commit()
    compilation = start_compilation("congress_submission", world.period, world.office)
    db.session.commit()
    run_jobs("long")
    client = login_as(world.office)
    page = html.fromstring(client.get(f"/compilations/{compilation.id}").get_data(as_text=True))
    summary = [li.text_content() for li in page.xpath("//ul[@data-role='summary']/li")]
    assert summary == [
        f"Kỳ kế hoạch: {world.period.name}",
        "Đơn vị có hồ sơ Đại hội đã được chấp nhận (1): Phòng Môi trường",
        "Số tập thể, cá nhân được đề nghị: 2",
        "Hồ sơ chưa được chấp nhận, không đưa vào (1): Thanh tra Sở (Trả lại)",
    ]
    # The raw inputs are only behind the technical toggle.
    [raw] = page.xpath("//pre[@data-role='inputs']")
    assert raw.getparent().tag == "details" and '"submissions"' in raw.text_content()


def test_a_yearly_report_says_its_year_and_units(world, login_as):
    year = world.period.start_year
    compilation = start_compilation("yearly_report", world.period, world.office, year)
    db.session.commit()
    page = html.fromstring(
        login_as(world.office).get(f"/compilations/{compilation.id}").get_data(as_text=True)
    )
    summary = [li.text_content() for li in page.xpath("//ul[@data-role='summary']/li")]
    assert summary[0] == f"Năm {year}, kỳ kế hoạch {world.period.name}"
    assert summary[1] == "Số đơn vị được tổng hợp: 2"
    assert summary[2] == "Báo cáo năm của 0 đơn vị: —"


def test_time_elapsed_and_estimate(app):
    assert format_duration(45) == "45 giây"
    assert format_duration(125) == "2 phút 05 giây"
    assert format_duration(3720) == "1 giờ 02 phút"
    now = utcnow()
    running = Compilation(created_at=now, started_at=now - timedelta(seconds=60))
    shown = timing(running, CompilationStatus.RUNNING, 25)
    assert shown["elapsed"] == "Đã chạy: 1 phút 00 giây"
    assert shown["remaining"] == "Còn khoảng 3 phút 00 giây"  # 60 s for 25 %: 180 s more
    assert timing(running, CompilationStatus.RUNNING, 2)["remaining"].startswith("Đang ước tính")
    done = Compilation(started_at=now - timedelta(seconds=100), finished_at=now)
    assert timing(done, CompilationStatus.DONE, 100) == {
        "elapsed": "Đã chạy: 1 phút 40 giây",
        "remaining": "",
    }
    queued = Compilation(created_at=now - timedelta(seconds=8))
    assert timing(queued, CompilationStatus.QUEUED, 0)["elapsed"] == "Đang chờ máy xử lý: 8 giây"


def test_the_status_gives_the_time_while_running(world, login_as, test_builders):  # noqa: F811
    compilation = start_compilation("test_ok", world.period, world.office)
    compilation.status = CompilationStatus.RUNNING
    compilation.started_at = utcnow() - timedelta(seconds=30)
    db.session.commit()
    job = Job.fetch(compilation.job_id, connection=get_redis())
    job.meta.update(progress=50, step="Tạo bản PDF", parts=[3, 12])
    job.save_meta()
    status = login_as(world.office).get(f"/compilations/{compilation.id}/status").get_json()
    assert status["step"] == "Tạo bản PDF (3/12)"
    assert status["elapsed"].startswith("Đã chạy: 30 giây") or status["elapsed"] == (
        "Đã chạy: 31 giây"
    )
    assert status["remaining"] in ("Còn khoảng 30 giây", "Còn khoảng 31 giây")
