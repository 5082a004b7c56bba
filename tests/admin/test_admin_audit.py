"""The audit log screen: the organization's changes in words, grouped per request,
filtered and paged, before/after."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from lxml import html
from sqlalchemy import select

from portal.admin.audit_view import HIDDEN_FIELDS
from portal.audit import AuditLog
from portal.exemplars.models import ExemplarStatus
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


def test_a_new_rows_empty_fields_and_the_organization_are_left_out(world, login_as):
    client = login_as(world.office)
    client.post("/admin/units/new", data={"name": "Công đoàn Sở", "kind": "mass_organisation"})
    body = client.get("/admin/audit?object_type=Unit&action=create").get_data(as_text=True)
    [row] = [r for r in _rows(body) if r[3] == "Đơn vị: Công đoàn Sở"]
    assert row[5].startswith("Tên đơn vị: Công đoàn Sở Loại đơn vị: ")
    assert "∅" not in row[5] and world.org.name not in row[5]


def test_password_hash_never_shown(world, login_as):
    client = login_as(world.office)
    client.post(
        "/admin/users/new",
        data={"full_name": "Người Mới", "email": "moi@example.vn", "role": ""},
    )
    body = client.get("/admin/audit?object_type=User").get_data(as_text=True)
    assert "moi@example.vn" in body
    assert "password_hash" not in body and "scrypt:" not in body


def _add_entry(world, object_type: str, object_id: str, action: str, changes: dict, **kw):
    entry = AuditLog(
        organization_id=world.org.id,
        actor_id=world.office.id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        changes=changes,
        **kw,
    )
    db.session.add(entry)
    db.session.commit()
    return entry


def test_every_audited_model_is_shown_by_its_name_in_both_languages(app, world, login_as):
    """A model without labels would show its class name and fail here."""
    from flask_babel import force_locale, refresh

    from portal.audit import audited_columns, is_audited
    from portal.audit_labels import field_label, record_label
    from portal.enums import translate

    app.config["ITEMS_PER_PAGE"] = 500
    models = [m.class_ for m in db.Model.registry.mappers if is_audited(m.class_)]
    for model in models:
        columns = [c for c in audited_columns(model) if c not in HIDDEN_FIELDS]
        _add_entry(world, model.__name__, "999999", "update", {c: [None, None] for c in columns})
    client = login_as(world.office)
    for language in ("vi", "en"):
        client.post(f"/lang/{language}")
        refresh()  # the requests share the test's app context, where Babel keeps the locale
        refresh()  # the requests share the test's app context, where Babel keeps the locale
        body = client.get(f"/admin/audit?actor={world.office.id}").get_data(as_text=True)
        rows = {
            row.get("data-object-type"): cells
            for row, cells in zip(_entry_rows(body), _rows(body), strict=True)
            if row.get("data-object-id") == "999999"
        }
        with app.test_request_context(), force_locale(language):
            for model in models:
                name = model.__name__
                cells = rows[name]
                assert cells[3] == str(translate(record_label(name))), (language, name)
                for column in audited_columns(model):
                    if column not in HIDDEN_FIELDS:
                        assert str(translate(field_label(name, column))) + ":" in cells[5]
                if language == "vi":  # no class name outside the details
                    assert name not in " ".join(cells)


def test_values_are_shown_as_the_pages_show_them(world, login_as):
    _add_entry(
        world,
        "PropagationActivity",
        "5",
        "update",
        {
            "activity_date": ["2024-05-01", "2024-06-15"],
            "cost_vnd": [None, 1500000],
            "audience_reached": [800, 1500],
            "created_by_id": [None, world.staff_a.id],
            "unit_id": [world.unit_a.id, world.unit_b.id],
        },
    )
    _add_entry(
        world,
        "Exemplar",
        "7",
        "update",
        {
            "status": ["candidate", "fostering"],
            "name": ["Tổ A", "Tổ B"],
            "year_identified": [2023, 2024],
        },
    )
    _add_entry(world, "Unit", str(world.unit_b.id), "update", {"is_active": [True, False]})
    body = client_body = login_as(world.office).get("/admin/audit").get_data(as_text=True)
    changes = {row[3]: row[5] for row in _rows(client_body)[:3]}  # the newest: those above
    activity = changes["Hoạt động tuyên truyền, nhân rộng"]
    assert "Ngày thực hiện: 01/05/2024 → 15/06/2024" in activity
    assert "Kinh phí (đồng, ngân sách nhà nước): ∅ → 1.500.000 ₫" in activity
    assert f"Người tạo: ∅ → {world.staff_a.full_name}" in activity
    assert "Số người được tiếp cận: 800 → 1.500" in activity
    assert "Đơn vị: Phòng Môi trường → " + world.unit_b.name in activity
    exemplar = changes["Điển hình tiên tiến: Tổ B"]  # gone: named as the change left it
    assert f"Tình trạng: {ExemplarStatus.CANDIDATE.label} → " in exemplar
    assert str(ExemplarStatus.FOSTERING.label) in exemplar and "fostering" not in exemplar
    assert "Tên tập thể hoặc họ tên cá nhân: Tổ A → Tổ B" in exemplar
    assert "Năm phát hiện: 2023 → 2024" in exemplar  # a year is not grouped like a count
    assert "Đang sử dụng: Có → Không" in changes[f"Đơn vị: {world.unit_b.name}"]
    assert "2024-05-01" not in " ".join(changes.values())
    assert "&#34;2024-05-01&#34;" in body or '"2024-05-01"' in body  # in the details


def test_changes_of_one_request_are_shown_together(world, login_as):
    client = login_as(world.office)
    _rename_unit_a(client, world)  # the unit and a row of its name history
    entries = db.session.scalars(
        select(AuditLog)
        .where(AuditLog.object_type.in_(["Unit", "UnitNameHistory"]))
        .where(AuditLog.actor_id == world.office.id)
    ).all()
    assert len(entries) == 2 and entries[0].request_id
    assert entries[0].request_id == entries[1].request_id
    body = client.get(f"/admin/audit?actor={world.office.id}").get_data(as_text=True)
    group = html.fromstring(body).xpath("//tbody[contains(@class, 'audit-request')]")[0]
    types = {row.get("data-object-type") for row in group.xpath("./tr")}
    assert types == {"Unit", "UnitNameHistory"}
    assert "2 thay đổi" in group.text_content()
    # The next request is another group.
    client.post(f"/admin/users/{world.staff_a.id}/deactivate")
    assert db.session.scalars(
        select(AuditLog.request_id)
        .where(AuditLog.object_type == "User")
        .where(AuditLog.actor_id == world.office.id)
    ).all() != [entries[0].request_id]


def test_filter_by_person_searches_names_and_emails(world, login_as):
    client = login_as(world.office)
    _rename_unit_a(client, world)
    assert str(world.unit_a.id) in _ids(client, "person=Văn Phòng")
    assert str(world.unit_a.id) in _ids(client, "person=office@example")
    assert _ids(client, "person=Không Có Ai") == set()
    # The search box replaces the list of every person of the organization.
    body = client.get("/admin/audit").get_data(as_text=True)
    assert 'name="person"' in body and "<select" not in body.split('name="person"')[0][-200:]
    assert not html.fromstring(body).xpath("//select[@name='actor' or @name='person']")


def test_raw_values_stay_behind_the_technical_toggle(world, login_as):
    client = login_as(world.office)
    _rename_unit_a(client, world)
    body = client.get("/admin/audit?object_type=Unit").get_data(as_text=True)
    details = html.fromstring(body).xpath(
        f"//tr[@data-object-type='Unit'][@data-object-id='{world.unit_a.id}']//details"
    )[0]  # the newest: the rename
    assert details.xpath("./summary")[0].text_content().strip() == "Chi tiết kỹ thuật"
    assert f"Unit #{world.unit_a.id}" in details.text_content()
    assert '"name"' in details.text_content()


def test_kinds_of_record_are_listed_by_name(world, login_as):
    body = login_as(world.office).get("/admin/audit").get_data(as_text=True)
    options = html.fromstring(body).xpath("//select[@name='object_type']/option")
    labels = {o.get("value"): o.text_content() for o in options}
    assert labels["Exemplar"] == "Điển hình tiên tiến"
    assert labels["PropagationActivity"] == "Hoạt động tuyên truyền, nhân rộng"
    assert "AuditLog" not in labels and "MailMessage" not in labels


def test_a_value_that_does_not_fit_its_column_is_shown_as_written(world, login_as):
    _add_entry(world, "Inspection", "9", "update", {"inspection_date": ["hôm qua", "2024-13-45"]})
    client = login_as(world.office)
    response = client.get("/admin/audit?object_type=Inspection")
    assert response.status_code == 200
    [row] = _rows(response.get_data(as_text=True))
    assert row[5] == "Ngày kiểm tra: hôm qua → 2024-13-45"


def test_an_account_event_gives_its_reason_in_words(world, login_as):
    from flask_babel import refresh

    from portal.accounts.services import revoke_sessions

    revoke_sessions(world.coordinator_a, world.office, "all_devices")
    db.session.commit()
    client = login_as(world.office)
    for language, words in (
        ("vi", "Đăng xuất khỏi mọi thiết bị"),
        ("en", "Signed out of every device"),
    ):
        client.post(f"/lang/{language}")
        refresh()  # the requests share the test's app context, where Babel keeps the locale
        changes = " ".join(
            row[5] for row in _rows(client.get("/admin/audit").get_data(as_text=True))
        )
        assert words in changes
        assert "all_devices" not in changes
