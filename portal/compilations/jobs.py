"""The compile job: runs a builder's steps into a work directory, then streams
everything into one ZIP with a manifest. Progress goes to `job.meta`; its steps are
stored as Vietnamese msgids and translated for whoever watches (live_progress)."""

from __future__ import annotations

import shutil
from pathlib import Path

from portal.accounts.models import User
from portal.audit import act_as
from portal.compilations import archive
from portal.compilations.builders import Step, builder_for, step_ticks
from portal.compilations.models import Compilation, CompilationStatus
from portal.compilations.storage import (
    archive_path,
    failure_reason,
    work_dir,
)
from portal.extensions import db
from portal.jobs.progress import cancel_requested, report_progress
from portal.models_base import utcnow
from portal.msgids import N_


class CancelRequestedError(Exception):
    pass


def run_compilation(compilation_id: int) -> str:
    compilation = db.session.get(Compilation, compilation_id)
    if compilation is None or compilation.is_finished:
        return "nothing to do"
    act_as(db.session.get(User, compilation.started_by_id) if compilation.started_by_id else None)
    workdir = work_dir(compilation)
    _update(
        compilation,
        status=CompilationStatus.RUNNING,
        started_at=utcnow(),
        progress=0,
        step=N_("Bắt đầu"),
    )
    try:
        shutil.rmtree(workdir, ignore_errors=True)
        workdir.mkdir(parents=True)
        files = _run_steps(compilation, workdir)
        _update(compilation, progress=95, step=N_("Đóng gói tệp ZIP"))
        _package(compilation, workdir, files)
    except CancelRequestedError:
        _finish(compilation, CompilationStatus.CANCELLED, step=N_("Đã hủy theo yêu cầu"))
        return "cancelled"
    except Exception as exc:
        db.session.rollback()
        compilation = db.session.get(Compilation, compilation_id)
        _finish(compilation, CompilationStatus.FAILED, error=failure_reason(exc))
        raise
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    _finish(compilation, CompilationStatus.DONE, step=N_("Hoàn thành"), progress=100)
    return compilation.file_name


# The steps fill the bar up to here; packing the ZIP takes it to 95, then 100.
STEPS_SHARE = 90


def _run_steps(compilation: Compilation, workdir: Path) -> list[str]:
    steps = builder_for(compilation.kind).steps(compilation)
    total = sum(step.weight for step in steps) or 1
    files: list[str] = []
    done = 0.0
    for step in steps:
        if cancel_requested():
            raise CancelRequestedError
        _update(compilation, progress=int(STEPS_SHARE * done / total), step=step.label)
        with step_ticks(_within(compilation, step, done, total)):
            files.extend(step.run(workdir))
        done += step.weight
    return files


def _within(compilation: Compilation, step: Step, before: float, total: float):
    """Moves the bar inside a long step's share, part by part (job meta only: no
    database write per file), and says which part it is on."""

    def tick(done: int, parts: int) -> None:
        share = before + step.weight * min(done, parts) / parts
        report_progress(int(STEPS_SHARE * share / total), step.label, (done, parts))

    return tick


def _package(compilation: Compilation, workdir: Path, files: list[str]) -> None:
    if cancel_requested():
        raise CancelRequestedError
    manifest = archive.build_manifest(workdir, files, builder_for(compilation.kind).source)
    compilation.file_name = f"{compilation.kind}-{compilation.id}.zip"
    target = archive_path(compilation)
    target.parent.mkdir(parents=True, exist_ok=True)
    archive.write_zip(workdir, manifest, target)
    compilation.manifest = manifest
    compilation.file_size = target.stat().st_size
    compilation.file_sha256 = archive.file_digest(target)


def _update(compilation: Compilation, **values) -> None:
    for key, value in values.items():
        setattr(compilation, key, value)
    db.session.commit()
    if "progress" in values or "step" in values:
        report_progress(compilation.progress, compilation.step)


def _finish(compilation: Compilation, status: CompilationStatus, **values) -> None:
    from portal.compilations.notify import tell_starter

    _update(compilation, status=status, finished_at=utcnow(), **values)
    tell_starter(compilation)
    db.session.commit()
