"""The compile job run by a real RQ worker: progress, cancel, failure, reproducibility."""

import json
import zipfile

import pytest
from rq import get_current_job

from portal.compilations import builders
from portal.compilations.archive import MANIFEST_NAME
from portal.compilations.models import Compilation, CompilationStatus
from portal.compilations.services import request_cancel, start_compilation
from portal.compilations.storage import archive_path
from portal.extensions import db
from portal.notifications.models import Notification

SEEN_PROGRESS: list[int] = []


def _write(name, text):
    def run(workdir):
        path = workdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        job = get_current_job()
        SEEN_PROGRESS.append(job.meta.get("progress"))
        return [name]

    return run


def _fail(workdir):
    (workdir / "half.txt").write_text("dở dang")
    raise RuntimeError("Không đọc được hồ sơ đơn vị")


def _cancel_self(workdir):
    compilation = db.session.scalars(db.select(Compilation)).first()
    request_cancel(compilation)
    db.session.commit()
    return []


@pytest.fixture
def test_builders():
    steps = {
        "test_ok": [
            builders.Step("Bước một", _write("a/một.txt", "Nội dung 1")),
            builders.Step("Bước hai", _write("b/hai.txt", "Nội dung 2")),
        ],
        "test_fail": [builders.Step("Bước lỗi", _fail)],
        "test_cancel": [
            builders.Step("Hủy", _cancel_self),
            builders.Step("Sau", _write("x.txt", "x")),
        ],
    }
    for kind, kind_steps in steps.items():
        builders.register_builder(
            kind,
            builders.Builder(
                label=kind, inputs=lambda c: {"units": 2}, steps=lambda c, s=kind_steps: s
            ),
        )
    SEEN_PROGRESS.clear()
    yield
    for kind in steps:
        builders.BUILDERS.pop(kind, None)


def _start(world, kind):
    compilation = start_compilation(kind, world.period, world.office)
    db.session.commit()
    return compilation


def test_job_builds_zip_with_manifest_and_progress(world, run_jobs, test_builders):
    compilation = _start(world, "test_ok")
    run_jobs("long")
    db.session.refresh(compilation)
    assert compilation.status == CompilationStatus.DONE
    assert compilation.progress == 100
    assert SEEN_PROGRESS == [0, 45]  # the job reported progress before each step
    path = archive_path(compilation)
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read(MANIFEST_NAME))
        assert [e["path"] for e in manifest] == ["a/một.txt", "b/hai.txt"]
        import hashlib

        for entry in manifest:
            assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]
    assert compilation.inputs == {"units": 2}
    note = db.session.scalars(db.select(Notification)).one()
    assert note.user_id == world.office.id and f"#{compilation.id}" in note.title


def test_same_inputs_give_identical_zip(world, run_jobs, test_builders):
    first = _start(world, "test_ok")
    run_jobs("long")
    second = _start(world, "test_ok")
    run_jobs("long")
    db.session.refresh(first)
    db.session.refresh(second)
    assert first.file_sha256 == second.file_sha256
    assert archive_path(first).read_bytes() == archive_path(second).read_bytes()


def test_failure_leaves_error_and_no_zip(world, run_jobs, test_builders, app):
    compilation = _start(world, "test_fail")
    run_jobs("long")
    db.session.refresh(compilation)
    assert compilation.status == CompilationStatus.FAILED
    assert "Không đọc được hồ sơ đơn vị" in compilation.error
    dossiers = app.config["DOSSIER_DIR"]
    assert not list(dossiers.rglob("*.zip")) and not list(dossiers.rglob("*.part"))


def test_cancel_between_steps(world, run_jobs, test_builders, app):
    compilation = _start(world, "test_cancel")
    run_jobs("long")
    db.session.refresh(compilation)
    assert compilation.status == CompilationStatus.CANCELLED
    assert not list(app.config["DOSSIER_DIR"].rglob("*.zip"))


def test_cancel_queued_job(world, test_builders):
    compilation = _start(world, "test_ok")
    request_cancel(compilation)
    db.session.commit()
    assert compilation.status == CompilationStatus.CANCELLED
