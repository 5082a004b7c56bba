"""Compilation pages: the Office only, organization-scoped, download when done."""

import pytest

from portal.compilations.services import start_compilation
from portal.extensions import db
from tests.compilations.test_compile_job import test_builders  # noqa: F401


@pytest.fixture
def done(world, run_jobs, test_builders):  # noqa: F811
    compilation = start_compilation("test_ok", world.period, world.office)
    db.session.commit()
    run_jobs("long")
    return compilation


def test_office_starts_watches_and_downloads(world, login_as, run_jobs, test_builders):  # noqa: F811
    client = login_as(world.office)
    page = client.get("/compilations/")
    assert page.status_code == 200 and "Bắt đầu tổng hợp" in page.get_data(as_text=True)
    response = client.post(
        "/compilations/start", data={"kind": "test_ok", "period_id": world.period.id}
    )
    assert response.status_code == 302
    detail_url = response.headers["Location"]
    assert 'role="progressbar"' in client.get(detail_url).get_data(as_text=True)
    status = client.get(detail_url + "/status").get_json()
    assert status["status"] == "queued" and status["finished"] is False
    run_jobs("long")
    status = client.get(detail_url + "/status").get_json()
    assert status == {**status, "status": "done", "progress": 100, "downloadable": True}
    download = client.get(detail_url + "/download")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    assert download.data[:2] == b"PK"


@pytest.mark.parametrize("who", ["viewer", "council", "coordinator_a", "staff_a"])
def test_others_are_refused(world, login_as, done, who):
    client = login_as(getattr(world, who))
    assert client.get("/compilations/").status_code == 403
    assert client.get(f"/compilations/{done.id}/download").status_code == 403
    assert client.post("/compilations/start", data={"kind": "test_ok"}).status_code == 403


def test_foreign_office_gets_404(world, login_as, done):
    client = login_as(world.foreign_office)
    assert client.get(f"/compilations/{done.id}").status_code == 404
    assert client.get(f"/compilations/{done.id}/download").status_code == 404
    assert client.post(f"/compilations/{done.id}/cancel").status_code == 404
    response = client.post(
        "/compilations/start", data={"kind": "test_ok", "period_id": world.period.id}
    )
    assert response.status_code == 404


def test_unfinished_compilation_is_not_downloadable(world, login_as, test_builders):  # noqa: F811
    compilation = start_compilation("test_ok", world.period, world.office)
    db.session.commit()
    client = login_as(world.office)
    assert client.get(f"/compilations/{compilation.id}/download").status_code == 404
