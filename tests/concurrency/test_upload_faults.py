"""Uploads on a disk that refuses writes (read-only, full) answer the form again with
a Vietnamese message and everything else typed kept, and leave no file, partial file
or row behind; a rolled back transaction takes its files with it (issue 15)."""

from __future__ import annotations

import builtins
import errno
import os
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage

from portal.evidence.models import Attachment
from portal.evidence.services import save_uploads, storage_path
from portal.exemplars.models import Exemplar
from portal.extensions import db
from tests.concurrency.test_stale_forms import opened, post
from tests.factories import PDF, make_assessment, make_criteria, pdf_file

MESSAGES = {
    errno.ENOSPC: "ổ đĩa của máy chủ đã đầy",
    errno.EROFS: "thư mục lưu tệp của máy chủ không ghi được",
}


def refuse_writes_under(monkeypatch, root: Path, code: int) -> None:
    """The operating system refuses writes under `root`: read-only refuses opening a
    file, a full disk fails the write half-way (a partial file is left to clean)."""
    real_open = builtins.open

    class HalfWritten:
        def __init__(self, handle):
            self._handle = handle

        def write(self, data):
            self._handle.write(data[: len(data) // 2])
            raise OSError(code, os.strerror(code))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._handle.close()

    def refusing_open(file, mode="r", *args, **kwargs):
        if str(file).startswith(str(root)) and "w" in mode:
            if code != errno.ENOSPC:
                raise OSError(code, os.strerror(code), str(file))
            return HalfWritten(real_open(file, mode, *args, **kwargs))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)


def files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_self_assessment_scores_are_kept_when_the_file_cannot_be_stored(
    app, world, login_as, monkeypatch, code
):
    make_criteria(world.period)
    assessment = make_assessment(world, scores=[8, 7, 4])
    client = login_as(world.coordinator_a)
    url = f"/assessments/{assessment.id}/edit"
    form = opened(client, url)
    form["items-0-score"], form["general_comment"] = "9", "Nhận xét đã gõ"
    form["items-0-evidence"] = FileStorage(*pdf_file("minh-chung.pdf"))
    uploads = Path(app.config["UPLOAD_DIR"])
    refuse_writes_under(monkeypatch, uploads, code)

    response = post(client, url, form)

    monkeypatch.undo()
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert MESSAGES[code] in text
    assert 'value="9"' in text and "Nhận xét đã gõ" in text  # what was typed is kept
    assert files_under(uploads) == []  # no orphan, no partial file
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0
    db.session.expire_all()
    assert float(db.session.get(type(assessment), assessment.id).items[0].self_score) == 8


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_new_exemplar_with_a_file_on_a_refusing_disk_is_not_created(
    app, world, login_as, monkeypatch, code
):
    client = login_as(world.coordinator_a)
    form = opened(client, "/exemplars/new")
    form["name"], form["achievements"] = "Đỗ Thị Hoa", "Thành tích đã gõ"
    form["evidence"] = FileStorage(*pdf_file())
    uploads = Path(app.config["UPLOAD_DIR"])
    refuse_writes_under(monkeypatch, uploads, code)

    response = post(client, "/exemplars/new", form)

    monkeypatch.undo()
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert MESSAGES[code] in text
    assert "Đỗ Thị Hoa" in text and "Thành tích đã gõ" in text
    assert db.session.scalar(db.select(db.func.count(Exemplar.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0
    assert files_under(uploads) == []


def test_a_rolled_back_upload_leaves_no_file_and_a_committed_one_stays(app, world):
    first = save_uploads([FileStorage(*pdf_file())], world.unit_a.id, "exemplar", 1, None)
    written = storage_path(first[0])
    assert written.read_bytes() == PDF
    db.session.rollback()  # a rule refused something later in the same action
    assert not written.exists()

    kept = save_uploads([FileStorage(*pdf_file())], world.unit_a.id, "exemplar", 1, None)
    db.session.commit()
    db.session.rollback()  # a later rollback does not touch committed files
    assert storage_path(kept[0]).exists()
