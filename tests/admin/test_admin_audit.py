"""The audit log screen: the organization's changes in words, grouped per request,
filtered and paged, before/after."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from lxml import html
from sqlalchemy import select

from portal.audit import AuditLog
from portal.extensions import db
from portal.organizations.models import UnitNameHistory
from tests.factories import make_unit


def _rename_unit_a(client, world, name="Phòng Môi trường mới"):
    client.post(f"/admin/units/{world.unit_a.id}/edit", data={"name": name, "kind": "division"})


def _entry_rows(body: str):
    return html.fromstring(body).xpath("//table[caption]/tbody/tr[@data-object-type]")


def _rows(body: str) -> list[list[str]]:
    """The audit table's rows, each as its cells' text (time, actor, action, record,
    unit, changes): the signed-in user's name is in the navbar and every action in the
    filter's choices, so a test of what the log shows must look inside the rows. The
    technical details (the raw JSON) are left out: they are not what people read."""
    rows = []
    for row in _entry_rows(body):
        for details in row.xpath(".//details"):
            details.getparent().remove(details)
        rows.append([" ".join(cell.text_content().split()) for cell in row.xpath("./td")])
    return rows


def test_shows_changes_with_before_and_after(world, login_as):
    client = login_as(world.office)
    _rename_unit_a(client, world)
    body = client.get("/admin/audit?object_type=Unit&action=update").get_data(as_text=True)
    assert "<del>Phòng Môi trường</del>" in body
    assert "<ins>Phòng Môi trường mới</ins>" in body
    [row] = [r for r in _rows(body) if r[3] == "Đơn vị: Phòng Môi trường mới"]
    assert row[1] == "Văn Phòng"  # the actor's name
    assert row[2] == "Sửa"
    assert row[5] == "Tên đơn vị: Phòng Môi trường → Phòng Môi trường mới"


def test_only_the_organizations_entries_are_listed(app, world, login_as, client):
    from sampledata.probes import login

    other = app.test_client()
    login(other, world.foreign_office)
    other.post(
        f"/admin/units/{world.foreign_unit.id}/edit",
        data={"name": "Phòng Bí Mật", "kind": "division"},
    )
    login_as(world.office)
    body = client.get("/admin/audit").get_data(as_text=True)
    assert "Phòng Bí Mật" not in body
    assert "office@other.vn" not in body
    # The world's own creation entries (the unit filter lists the name too: look in rows).
    assert any("Phòng Môi trường" in row[5] for row in _rows(body))


def _ids(client, query: str) -> set[str]:
    body = client.get("/admin/audit?" + query).get_data(as_text=True)
    return {row.get("data-object-id") for row in _entry_rows(body)}


def test_filters_by_actor_type_action_unit_and_date(world, login_as):
    client = login_as(world.office)
    _rename_unit_a(client, world)
    client.post(f"/admin/users/{world.staff_a.id}/deactivate")
    office = world.office.id
    assert _ids(client, f"actor={office}&object_type=Unit") == {str(world.unit_a.id)}
    assert _ids(client, f"actor={office}&object_type=User") == {str(world.staff_a.id)}
    # The rename also created a history row; nothing was deleted.
    history_id = str(db.session.scalar(select(UnitNameHistory.id)))
    assert _ids(client, f"actor={office}&action=create") == {history_id}
    assert _ids(client, f"actor={office}&action=delete") == set()
    # Unit filter: rows that carry that unit (memberships of unit_b people).
    by_unit = db.session.scalars(
        select(AuditLog).where(
            AuditLog.unit_id == world.unit_b.id, AuditLog.organization_id == world.org.id
        )
    ).all()
    assert by_unit
    assert _ids(client, f"unit={world.unit_b.id}") == {e.object_id for e in by_unit}
    today = datetime.now(UTC).date()
    assert _ids(client, f"actor={office}&date_from={today + timedelta(days=2)}") == set()
    assert _ids(client, f"actor={office}&date_to={today - timedelta(days=2)}") == set()
    around = f"date_from={today - timedelta(days=1)}&date_to={today + timedelta(days=1)}"
    assert str(world.staff_a.id) in _ids(client, f"actor={office}&{around}")


def test_date_filter_uses_vietnam_days(world, login_as):
    # 23:30 UTC on 1 March is 06:30 on 2 March in Hanoi.
    entry = AuditLog(
        organization_id=world.org.id,
        actor_id=world.office.id,
        action="update",
        object_type="Exemplar",
        object_id="77",
        changes={"name": ["A", "B"]},
        at=datetime(2024, 3, 1, 23, 30, tzinfo=UTC),
    )
    db.session.add(entry)
    db.session.commit()
    client = login_as(world.office)
    assert _ids(client, "object_type=Exemplar&date_from=2024-03-02&date_to=2024-03-02") == {"77"}
    assert _ids(client, "object_type=Exemplar&date_from=2024-03-01&date_to=2024-03-01") == set()


def test_bad_filter_values_are_ignored(world, login_as):
    client = login_as(world.office)
    _rename_unit_a(client, world)
    response = client.get("/admin/audit?actor=abc&date_from=31/02/2024&action=drop")
    assert response.status_code == 200
    # Ignored, not "matches nothing": the same rows as with no filter at all.
    everything = _ids(client, "")
    assert str(world.unit_a.id) in everything
    assert _ids(client, "actor=abc&date_from=31/02/2024&action=drop") == everything


def test_paginates(app, world, login_as):
    app.config["ITEMS_PER_PAGE"] = 3
    for n in range(7):
        make_unit(world.org, f"Đơn vị {n}")
    client = login_as(world.office)
    first = client.get("/admin/audit?object_type=Unit").get_data(as_text=True)
    assert "/admin/audit?object_type=Unit&amp;page=2" in first
    assert "page=0" not in first  # no "newer" link on the first page
    third = client.get("/admin/audit?object_type=Unit&page=3").get_data(as_text=True)
    assert len(_entry_rows(third)) == 3  # 10 units in all
    assert "page=4" not in third and "/admin/audit?object_type=Unit&amp;page=2" in third


def test_password_hash_never_shown(world, login_as):
    client = login_as(world.office)
    client.post(
        "/admin/users/new",
        data={"full_name": "Người Mới", "email": "moi@example.vn", "role": ""},
    )
    body = client.get("/admin/audit?object_type=User").get_data(as_text=True)
    assert "moi@example.vn" in body
    assert "password_hash" not in body and "scrypt:" not in body
