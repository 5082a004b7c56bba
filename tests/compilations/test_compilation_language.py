"""A compilation's progress and its notice read in the language of the Office member
who watches them, though the job that writes them runs in no language."""

from __future__ import annotations

import pytest
from flask_babel import refresh
from rq.job import Job

from portal.compilations import builders
from portal.compilations.models import Compilation, CompilationStatus
from portal.compilations.services import start_compilation
from portal.extensions import db
from portal.jobs.connection import get_redis
from portal.mail.models import MailMessage
from portal.notifications.models import Notification


@pytest.fixture
def quick_builder():
    def write(workdir):
        (workdir / "a.txt").write_text("a", encoding="utf-8")
        return ["a.txt"]

    builders.register_builder(
        "test_language",
        builders.Builder(
            label="test_language",
            inputs=lambda c: {},
            steps=lambda c: [builders.Step("Số liệu của Phòng Môi trường", write)],
        ),
    )
    yield
    builders.BUILDERS.pop("test_language", None)


def _start(world) -> Compilation:
    compilation = start_compilation("test_language", world.period, world.office)
    db.session.commit()
    return compilation


def test_running_step_shows_in_english_for_an_english_office(
    world, client, login_as, quick_builder
):
    world.office.locale = "en"
    db.session.commit()
    compilation = _start(world)
    job = Job.fetch(compilation.job_id, connection=get_redis())
    job.meta.update(progress=95, step="Đóng gói tệp ZIP")  # as the job reports it
    job.save_meta()
    login_as(world.office)
    status = client.get(f"/compilations/{compilation.id}/status").get_json()
    assert status["progress"] == 95
    assert status["step"] == "Packing the ZIP file"
    page = client.get(f"/compilations/{compilation.id}").get_data(as_text=True)
    assert '<span data-role="step">Packing the ZIP file</span>' in page
    client.post("/lang/vi")
    refresh()  # the test's app context, shared by its requests, remembers the language
    status = client.get(f"/compilations/{compilation.id}/status").get_json()
    assert status["step"] == "Đóng gói tệp ZIP"


def test_finished_compilation_and_its_notice_in_the_starters_language(
    world, client, login_as, run_jobs, quick_builder
):
    world.office.locale = "en"
    db.session.commit()
    compilation = _start(world)
    run_jobs("long")
    db.session.expire_all()
    assert compilation.status == CompilationStatus.DONE
    assert compilation.step == "Hoàn thành"  # stored as its msgid
    login_as(world.office)
    status = client.get(f"/compilations/{compilation.id}/status").get_json()
    assert status["step"] == "Completed"
    note = db.session.scalar(db.select(Notification).where(Notification.user_id == world.office.id))
    assert note.title == f"Compilation #{compilation.id} is ready"
    assert note.body == "Completed"
    message = db.session.get(MailMessage, note.mail_message_id)
    assert message.subject == f"Compilation #{compilation.id} is ready"
    assert message.body_text.startswith(f"Dear {world.office.full_name},")


def test_cancelled_compilation_reads_in_vietnamese_by_default(
    world, client, login_as, quick_builder
):
    compilation = _start(world)
    login_as(world.office)
    client.post(f"/compilations/{compilation.id}/cancel")
    status = client.get(f"/compilations/{compilation.id}/status").get_json()
    assert status["step"] == "Đã hủy"
    client.post("/lang/en")
    refresh()  # the test's app context, shared by its requests, remembers the language
    assert client.get(f"/compilations/{compilation.id}/status").get_json()["step"] == "Cancelled"


def test_a_year_outside_the_period_is_refused_in_the_users_language(world, client, login_as):
    world.office.locale = "en"
    db.session.commit()
    login_as(world.office)
    page = client.post(
        "/compilations/start",
        data={"kind": "yearly_report", "period_id": world.period.id, "year": 1990},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "The year is not part of the plan period." in page
