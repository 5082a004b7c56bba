"""Compilations reflect reality (issue 15): a job that failed or whose worker died is
shown failed with the reason, can be started again in one click, and leaves no work
directory; Cancel works in every unfinished state; a dossier directory that refuses
writes (read-only, full disk) fails the compilation with a clear Vietnamese message."""

from __future__ import annotations

import builtins
import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rq.job import Job, JobStatus

from portal.compilations import builders, storage
from portal.compilations.models import Compilation, CompilationStatus
from portal.compilations.periodic import fail_dead_compilations
from portal.compilations.services import (
    JOB_FAILED,
    JOB_LOST,
    WORKER_DIED,
    request_cancel,
    start_compilation,
)
from portal.extensions import db
from portal.jobs import horses


def _write_two_files(workdir: Path) -> list[str]:
    (workdir / "một.txt").write_text("Nội dung một", encoding="utf-8")
    with open(workdir / "hai.txt", "w", encoding="utf-8") as out:
        out.write("Nội dung hai " * 100)
    return ["một.txt", "hai.txt"]


@pytest.fixture
def writing_builder():
    builders.register_builder(
        "test_write",
        builders.Builder(
            label="test_write",
            inputs=lambda c: {},
            steps=lambda c: [builders.Step("Ghi tệp", _write_two_files)],
        ),
    )
    yield "test_write"
    builders.BUILDERS.pop("test_write", None)


def _start(world, kind: str) -> Compilation:
    compilation = start_compilation(kind, world.period, world.office)
    db.session.commit()
    return compilation


def _running_with_job(compilation: Compilation, redis_server, status: JobStatus, worker=""):
    """The row as its job left it: running, 45 %, with a work directory."""
    job = Job.fetch(compilation.job_id, connection=redis_server)
    job.worker_name = worker
    job.save()
    job.set_status(status)
    compilation.status, compilation.progress = CompilationStatus.RUNNING, 45
    db.session.commit()
    storage.work_dir(compilation).mkdir(parents=True)
    (storage.work_dir(compilation) / "dở dang.docx").write_bytes(b"PK")


@pytest.mark.parametrize(
    ("job_status", "worker", "reason"),
    [
        (JobStatus.STARTED, "worker-killed-with-sigkill", WORKER_DIED),
        (JobStatus.FAILED, "", JOB_FAILED),
        (JobStatus.STOPPED, "", JOB_FAILED),
    ],
)
def test_periodic_check_fails_a_dead_job_and_removes_its_work(
    app, world, redis_server, writing_builder, job_status, worker, reason
):
    compilation = _start(world, writing_builder)
    _running_with_job(compilation, redis_server, job_status, worker)

    assert fail_dead_compilations() == 1

    db.session.expire_all()
    compilation = db.session.get(Compilation, compilation.id)
    assert compilation.status == CompilationStatus.FAILED
    assert compilation.error == reason
    assert not storage.work_dir(compilation).exists()


def test_a_running_compilation_whose_job_vanished_is_failed_when_its_page_is_read(
    app, world, redis_server, writing_builder, login_as
):
    compilation = _start(world, writing_builder)
    _running_with_job(compilation, redis_server, JobStatus.STARTED)
    Job.fetch(compilation.job_id, connection=redis_server).delete()

    page = login_as(world.office).get(f"/compilations/{compilation.id}")

    text = page.get_data(as_text=True)
    assert "Không còn tìm thấy tiến trình tổng hợp" in text
    assert "Chạy lại" in text
    assert db.session.get(Compilation, compilation.id).error == JOB_LOST


def test_a_healthy_queued_or_running_job_is_left_alone(app, world, redis_server, writing_builder):
    queued = _start(world, writing_builder)
    running = _start(world, writing_builder)
    _running_with_job(running, redis_server, JobStatus.STARTED, worker="")
    assert fail_dead_compilations() == 0
    assert queued.status == CompilationStatus.QUEUED
    assert running.status == CompilationStatus.RUNNING


def test_failed_compilation_starts_again_in_one_click(
    app, world, redis_server, run_jobs, writing_builder, login_as
):
    compilation = _start(world, writing_builder)
    _running_with_job(compilation, redis_server, JobStatus.FAILED)
    fail_dead_compilations()
    client = login_as(world.office)

    response = client.post(f"/compilations/{compilation.id}/restart")

    again = db.session.scalars(db.select(Compilation).order_by(Compilation.id.desc())).first()
    assert again.id != compilation.id
    assert response.headers["Location"].endswith(f"/compilations/{again.id}")
    run_jobs("long")
    db.session.refresh(again)
    assert again.status == CompilationStatus.DONE
    assert client.post(f"/compilations/{again.id}/restart").status_code == 302
    assert db.session.scalar(db.select(db.func.count(Compilation.id))) == 2  # done: refused


@pytest.mark.parametrize("state", ["queued", "running-dead", "running-no-job", "redis-gone"])
def test_cancel_works_in_every_unfinished_state(
    app, world, redis_server, writing_builder, login_as, state, monkeypatch
):
    compilation = _start(world, writing_builder)
    if state == "running-dead":
        _running_with_job(compilation, redis_server, JobStatus.STARTED, "gone-worker")
    elif state == "running-no-job":
        _running_with_job(compilation, redis_server, JobStatus.STARTED)
        Job.fetch(compilation.job_id, connection=redis_server).delete()
    elif state == "redis-gone":
        _running_with_job(compilation, redis_server, JobStatus.STARTED)
        from redis.exceptions import ConnectionError as RedisConnectionError

        def down(*args, **kwargs):
            raise RedisConnectionError("Redis is down")

        monkeypatch.setattr(Job, "fetch", down)

    login_as(world.office).post(f"/compilations/{compilation.id}/cancel")

    db.session.expire_all()
    compilation = db.session.get(Compilation, compilation.id)
    assert compilation.status == CompilationStatus.CANCELLED
    assert not storage.work_dir(compilation).exists()


def test_cancel_of_a_live_running_job_asks_it_to_stop(app, world, redis_server, writing_builder):
    compilation = _start(world, writing_builder)
    _running_with_job(compilation, redis_server, JobStatus.STARTED)
    request_cancel(compilation)
    assert compilation.status == CompilationStatus.RUNNING  # it stops between two steps
    assert Job.fetch(compilation.job_id, connection=redis_server).meta["cancel_requested"]


def _refusing(root: Path, code: int):
    """Writes under `root` refused by the operating system with `code`."""
    real_open, real_mkdir = builtins.open, os.mkdir

    class RefusingFile:
        def __init__(self, handle):
            self._handle = handle

        def write(self, data):
            self._handle.write(data[: len(data) // 2])  # a partial write, then the error
            raise OSError(code, os.strerror(code))

        def __getattr__(self, name):
            return getattr(self._handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._handle.close()

    def refusing_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        inside = str(file).startswith(str(root))
        return RefusingFile(handle) if inside and any(m in mode for m in "wax") else handle

    def refusing_mkdir(path, *args, **kwargs):
        if str(path).startswith(str(root)) and code != errno.ENOSPC:
            raise OSError(code, os.strerror(code), str(path))
        return real_mkdir(path, *args, **kwargs)

    return refusing_open, refusing_mkdir


@pytest.mark.parametrize(
    ("code", "message"),
    [(errno.EROFS, storage.NOT_WRITABLE), (errno.ENOSPC, storage.FULL_DISK)],
)
def test_a_dossier_directory_that_refuses_writes_fails_with_a_clear_message(
    app, world, run_jobs, writing_builder, monkeypatch, code, message
):
    root = Path(app.config["DOSSIER_DIR"])
    root.mkdir(parents=True, exist_ok=True)
    compilation = _start(world, writing_builder)
    refusing_open, refusing_mkdir = _refusing(root, code)
    monkeypatch.setattr(builtins, "open", refusing_open)
    monkeypatch.setattr(os, "mkdir", refusing_mkdir)
    monkeypatch.setattr("io.open", refusing_open)

    run_jobs("long")

    monkeypatch.undo()
    db.session.refresh(compilation)
    assert compilation.status == CompilationStatus.FAILED
    assert compilation.error == message
    assert "quản trị hệ thống" in compilation.error
    assert not storage.work_dir(compilation).exists()
    assert not list(root.rglob("*.zip"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_a_read_only_dossier_directory_by_its_permissions(app, world, run_jobs, writing_builder):
    root = Path(app.config["DOSSIER_DIR"])
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o555)
    try:
        compilation = _start(world, writing_builder)
        run_jobs("long")
    finally:
        root.chmod(0o755)
    db.session.refresh(compilation)
    assert compilation.status == CompilationStatus.FAILED
    assert compilation.error == storage.NOT_WRITABLE


def test_a_dossier_directory_under_a_regular_file_fails_with_a_clear_message(
    app, world, run_jobs, writing_builder, tmp_path
):
    """Unusable for root too (unlike permissions): a path through a regular file."""
    plain_file = tmp_path / "khong-phai-thu-muc"
    plain_file.write_text("một tệp")
    app.config["DOSSIER_DIR"] = plain_file / "dossiers"
    compilation = _start(world, writing_builder)

    run_jobs("long")

    db.session.refresh(compilation)
    assert compilation.status == CompilationStatus.FAILED
    assert compilation.error == storage.UNUSABLE
    assert "DOSSIER_DIR" in compilation.error
    assert plain_file.read_text() == "một tệp"


def test_a_job_whose_horse_runs_on_is_left_to_the_workers_maintenance(
    app, world, redis_server, writing_builder
):
    """Its worker died but its work horse still runs here: failing the row now would be
    overwritten by the horse; a worker's maintenance stops the horse first."""
    compilation = _start(world, writing_builder)
    _running_with_job(compilation, redis_server, JobStatus.STARTED, "worker-killed-alone")
    horse = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True
    )
    try:
        horses.record_horse(redis_server, compilation.job_id, horse.pid, "worker-killed-alone")
        assert fail_dead_compilations() == 0
        assert compilation.status == CompilationStatus.RUNNING

        assert horses.stop_orphan_horse(redis_server, compilation.job_id, grace=0.2)
        assert horse.wait(timeout=10) < 0
    finally:
        if horse.poll() is None:
            horse.kill()
            horse.wait(timeout=5)

    assert fail_dead_compilations() == 1
    assert compilation.status == CompilationStatus.FAILED
    assert compilation.error == WORKER_DIED
