"""Who may do what, route by route and role by role (foreign ids are 404,
visible but not allowed is 403)."""

from __future__ import annotations

import pytest

from portal.extensions import db
from portal.inspections.models import FindingStatus, Inspection
from tests.factories import assign_council, second_member

READERS = ["office", "viewer", "council", "coordinator_a", "staff_a"]


def _as(login_as, world, who):
    return login_as(getattr(world, who))


def test_anonymous_is_sent_to_login(client, scene):
    for url in ("/inspections/", f"/inspections/{scene.insp_a.id}", "/inspections/findings"):
        response = client.get(url)
        assert response.status_code == 302
        assert (
            "/login" in response.headers["Location"] or "accounts" in response.headers["Location"]
        )


@pytest.mark.parametrize("who", READERS + ["coordinator_b"])
def test_index_lists_only_visible_inspections(login_as, world, scene, who):
    client = _as(login_as, world, who)
    response = client.get("/inspections/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    sees_a = who != "coordinator_b"
    assert (f'/inspections/{scene.insp_a.id}"' in html) is sees_a
    assert (f'/inspections/{scene.insp_b.id}"' in html) is (
        who in ("office", "viewer", "coordinator_b")
    )
    assert f'/inspections/{scene.foreign.id}"' not in html


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("office", 200),
        ("viewer", 200),
        ("council", 200),
        ("coordinator_a", 200),
        ("staff_a", 200),
        ("coordinator_b", 404),
        ("foreign_office", 404),
    ],
)
def test_detail_and_finding_pages(login_as, world, scene, who, status):
    client = _as(login_as, world, who)
    assert client.get(f"/inspections/{scene.insp_a.id}").status_code == status
    assert client.get(f"/inspections/findings/{scene.finding_a.id}").status_code == status


def test_foreign_ids_are_404_for_the_office(login_as, world, scene):
    client = login_as(world.office)
    fid, iid = scene.foreign_finding.id, scene.foreign.id
    for method, url in [
        ("get", f"/inspections/{iid}"),
        ("get", f"/inspections/{iid}/edit"),
        ("post", f"/inspections/{iid}/edit"),
        ("post", f"/inspections/{iid}/sign-off"),
        ("post", f"/inspections/{iid}/delete"),
        ("post", f"/inspections/{iid}/corrections"),
        ("post", f"/inspections/{iid}/evidence"),
        ("get", f"/inspections/{iid}/findings/new"),
        ("get", f"/inspections/findings/{fid}"),
        ("get", f"/inspections/findings/{fid}/edit"),
        ("post", f"/inspections/findings/{fid}/delete"),
        ("post", f"/inspections/findings/{fid}/answer"),
        ("post", f"/inspections/findings/{fid}/verify"),
        ("get", f"/inspections/new?unit_id={world.foreign_unit.id}"),
        ("get", f"/inspections/?unit_id={world.foreign_unit.id}"),
        ("get", f"/inspections/findings?unit_id={world.foreign_unit.id}"),
    ]:
        assert getattr(client, method)(url).status_code == 404, url
    db.session.refresh(scene.foreign)
    assert not scene.foreign.is_signed_off


def test_unassigned_member_gets_404_for_the_units_inspection(login_as, world, scene):
    client = login_as(world.council)
    assert client.get(f"/inspections/{scene.insp_b.id}").status_code == 404
    assert client.get(f"/inspections/findings/{scene.finding_b.id}").status_code == 404
    assert (
        client.post(
            f"/inspections/findings/{scene.finding_b.id}/verify", data={"decision": "close"}
        ).status_code
        == 404
    )
    assert client.get(f"/inspections/new?unit_id={world.unit_b.id}").status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("office", 200),
        ("council", 200),
        ("viewer", 403),
        ("coordinator_a", 403),
        ("staff_a", 403),
        ("coordinator_b", 404),
    ],
)
def test_record_edit_and_new_finding_pages(login_as, world, scene, who, status):
    client = _as(login_as, world, who)
    iid = scene.insp_a.id
    assert client.get(f"/inspections/{iid}/edit").status_code == status
    assert client.get(f"/inspections/{iid}/findings/new").status_code == status
    assert client.get(f"/inspections/findings/{scene.finding_a.id}/edit").status_code == status
    assert client.get(f"/inspections/new?unit_id={world.unit_a.id}").status_code == status


@pytest.mark.parametrize("who", ["viewer", "coordinator_a", "staff_a"])
def test_forbidden_writes_change_nothing(login_as, world, scene, who):
    client = _as(login_as, world, who)
    iid, fid = scene.insp_a.id, scene.finding_a.id
    for url in (
        f"/inspections/{iid}/edit",
        f"/inspections/{iid}/sign-off",
        f"/inspections/{iid}/delete",
        f"/inspections/{iid}/corrections",
        f"/inspections/{iid}/evidence",
        f"/inspections/{iid}/findings/new",
        f"/inspections/findings/{fid}/edit",
        f"/inspections/findings/{fid}/delete",
        f"/inspections/findings/{fid}/verify",
    ):
        assert client.post(url, data={"summary": "x", "decision": "close"}).status_code == 403, url
    assert client.get("/inspections/new").status_code == 403
    db.session.expire_all()
    inspection = db.session.get(Inspection, iid)
    assert not inspection.is_signed_off and len(inspection.findings) == 1


@pytest.mark.parametrize(
    ("who", "status"), [("staff_a", 403), ("viewer", 403), ("council", 403), ("coordinator_b", 404)]
)
def test_only_the_units_coordinator_or_the_office_answers(login_as, world, scene, who, status):
    client = _as(login_as, world, who)
    response = client.post(
        f"/inspections/findings/{scene.finding_a.id}/answer", data={"body": "Đã làm."}
    )
    assert response.status_code == status
    db.session.refresh(scene.finding_a)
    assert scene.finding_a.status == FindingStatus.OPEN


def test_office_may_answer_and_verify(login_as, world, scene):
    client = login_as(world.office)
    fid = scene.finding_a.id
    assert (
        client.post(f"/inspections/findings/{fid}/answer", data={"body": "Thay đơn vị"}).status_code
        == 302
    )
    assert (
        client.post(f"/inspections/findings/{fid}/verify", data={"decision": "close"}).status_code
        == 302
    )
    db.session.refresh(scene.finding_a)
    assert scene.finding_a.status == FindingStatus.CLOSED


def test_assigned_member_not_present_reads_but_does_not_verify_or_edit(login_as, world, scene):
    other = second_member(world)
    assign_council(world, world.unit_a, 2025, member=other)
    client = login_as(other)
    assert client.get(f"/inspections/{scene.insp_a.id}").status_code == 200
    assert client.get(f"/inspections/{scene.insp_a.id}/edit").status_code == 403
    assert client.post(f"/inspections/{scene.insp_a.id}/sign-off").status_code == 403
    assert (
        client.post(
            f"/inspections/findings/{scene.finding_a.id}/verify", data={"decision": "close"}
        ).status_code
        == 403
    )
    # ... but may record a new inspection of the unit.
    assert client.get(f"/inspections/new?unit_id={world.unit_a.id}").status_code == 200


def test_member_present_other_than_the_lead_verifies_but_does_not_sign(login_as, world, scene):
    from datetime import date

    from tests.factories import make_finding, make_inspection

    other = second_member(world)
    inspection = make_inspection(
        world, world.unit_a, world.council, date(2025, 6, 1), members=[world.council, other]
    )
    finding = make_finding(inspection)
    finding.status = FindingStatus.ANSWERED
    db.session.commit()
    client = login_as(other)
    assert client.post(f"/inspections/{inspection.id}/sign-off").status_code == 403
    assert client.get(f"/inspections/{inspection.id}/edit").status_code == 200
    assert (
        client.post(
            f"/inspections/findings/{finding.id}/verify", data={"decision": "close"}
        ).status_code
        == 302
    )
    db.session.refresh(finding)
    assert finding.status == FindingStatus.CLOSED
