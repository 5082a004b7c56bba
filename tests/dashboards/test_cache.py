"""The dashboards' figures kept in Redis: read back while nothing that feeds them
changed, computed afresh on the next view after a change (a record written, a bulk
update of the mail's status, a unit renamed), and the page still whole without Redis."""

from __future__ import annotations

import json
import re
import socket

from redis import Redis
from sqlalchemy import update

from portal.dashboards import cache
from portal.exemplars.models import Exemplar, ExemplarKind
from portal.extensions import db
from portal.mail.models import MailMessage, MailStatus
from tests.factories import make_exemplar

PAGE = "/dashboards/?year=2024"


def _chart(html: str, key: str) -> dict[str, list[int]]:
    match = re.search(
        rf'<script type="application/json" id="chart-{key}-data">(.*?)</script>', html, re.S
    )
    assert match, key
    return {d["key"]: d["data"] for d in json.loads(match.group(1))["datasets"]}


def _view(client, query_counter) -> tuple[str, int]:
    db.session.expire_all()
    with query_counter() as statements:
        response = client.get(PAGE)
    assert response.status_code == 200
    return response.get_data(as_text=True), len(statements)


def test_a_second_view_reads_the_figures_from_redis(programme, login_as, query_counter):
    client = login_as(programme.world.office)
    first, cold = _view(client, query_counter)
    second, warm = _view(client, query_counter)
    # The matrix and the five charts: at least one grouped query each, none on a hit.
    assert warm <= cold - 6, (cold, warm)
    assert _chart(second, "exemplars_per_year") == _chart(first, "exemplars_per_year")


def test_a_new_record_shows_on_the_next_view(programme, login_as, query_counter):
    world = programme.world
    client = login_as(world.office)
    before = _chart(_view(client, query_counter)[0], "exemplars_per_year")
    make_exemplar(world.unit_a, "Điển hình mới", year_identified=2024)  # commits
    after = _chart(_view(client, query_counter)[0], "exemplars_per_year")
    assert after["identified"][1] == before["identified"][1] + 1


def test_a_changed_and_a_deleted_record_show_on_the_next_view(programme, login_as, query_counter):
    world = programme.world
    client = login_as(world.office)
    exemplar = make_exemplar(world.unit_a, "Điển hình sửa", year_identified=2024)
    before = _chart(_view(client, query_counter)[0], "exemplars_per_year")
    exemplar.year_identified = 2025
    db.session.commit()
    moved = _chart(_view(client, query_counter)[0], "exemplars_per_year")
    assert moved["identified"][1:] == [before["identified"][1] - 1, before["identified"][2] + 1]
    db.session.delete(exemplar)
    db.session.commit()
    gone = _chart(_view(client, query_counter)[0], "exemplars_per_year")
    assert gone["identified"][2] == before["identified"][2]


def test_a_unit_renamed_shows_on_the_next_view(programme, login_as, query_counter):
    world = programme.world
    client = login_as(world.office)
    assert "Phòng Môi trường" in _view(client, query_counter)[0]
    world.unit_a.name = "Phòng Tài nguyên nước"
    db.session.commit()
    html = _view(client, query_counter)[0]
    assert "Phòng Tài nguyên nước" in html and "Phòng Môi trường" not in html


def test_a_bulk_update_of_the_mail_shows_on_the_next_view(programme, login_as, query_counter):
    """The mail jobs set a message's status with one UPDATE, outside any flush."""
    client = login_as(programme.world.office)
    before = _chart(_view(client, query_counter)[0], "reminders_per_week")
    db.session.execute(
        update(MailMessage)
        .where(MailMessage.status == MailStatus.QUEUED)
        .values(status=MailStatus.FAILED)
    )
    db.session.commit()
    after = _chart(_view(client, query_counter)[0], "reminders_per_week")
    assert sum(after["queued"]) == 0 < sum(before["queued"])
    assert sum(after["failed"]) == sum(before["failed"]) + sum(before["queued"])


def test_a_rolled_back_write_keeps_the_figures(programme, login_as, query_counter, redis_server):
    world = programme.world
    client = login_as(world.office)
    _, cold = _view(client, query_counter)
    version = redis_server.get(cache.version_key(world.org.id))
    db.session.add(
        Exemplar(
            unit_id=world.unit_b.id,
            name="Đã hủy",
            kind=ExemplarKind.COLLECTIVE,
            year_identified=2024,
        )
    )
    db.session.flush()
    db.session.rollback()
    assert redis_server.get(cache.version_key(world.org.id)) == version
    assert _view(client, query_counter)[1] <= cold - 6  # still read from Redis


def test_a_write_in_another_organization_keeps_the_figures(
    programme, login_as, query_counter, redis_server
):
    world = programme.world
    client = login_as(world.office)
    _, cold = _view(client, query_counter)
    own = redis_server.get(cache.version_key(world.org.id))
    other = int(redis_server.get(cache.version_key(world.other_org.id)) or 0)
    make_exemplar(world.foreign_unit, "Ở Sở khác", year_identified=2024)
    assert int(redis_server.get(cache.version_key(world.other_org.id))) == other + 1
    assert redis_server.get(cache.version_key(world.org.id)) == own
    assert _view(client, query_counter)[1] <= cold - 6


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_without_redis_the_dashboard_still_renders(app, programme, login_as, query_counter):
    world = programme.world
    client = login_as(world.office)
    with_redis, _ = _view(client, query_counter)
    app.extensions["portal_redis"] = Redis(port=_closed_port(), socket_connect_timeout=1)
    html, cold = _view(client, query_counter)
    assert _chart(html, "exemplars_per_year") == _chart(with_redis, "exemplars_per_year")
    # A write while Redis is down still commits, and shows (nothing is read from Redis).
    make_exemplar(world.unit_a, "Khi Redis ngừng", year_identified=2024)
    html, again = _view(client, query_counter)
    assert _chart(html, "exemplars_per_year")["identified"][1] == (
        _chart(with_redis, "exemplars_per_year")["identified"][1] + 1
    )
    assert again == cold  # computed each time
    # Redis is left alone for a while rather than waited for on every page.
    assert app.extensions["portal_dashboard_cache"]["down_until"] > 0
