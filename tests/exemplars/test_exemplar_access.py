"""Who may do what on the exemplar pages: every route, every role, foreign ids."""

from __future__ import annotations

from datetime import date

import pytest

from portal.exemplars.evaluation import save_evaluation
from portal.exemplars.fostering import save_action
from portal.exemplars.models import (
    Exemplar,
    ExemplarEvaluation,
    ExemplarStatus,
    FosteringAction,
    SupportType,
)
from portal.extensions import db

READERS = ["office", "viewer", "council", "coordinator_a", "staff_a"]
EDITORS = ["office", "coordinator_a"]
READ_ONLY = ["viewer", "council", "staff_a"]
OUTSIDERS = ["coordinator_b", "foreign_office", "foreign_coordinator"]
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def records(world, criteria, council_on_a, make_exemplar):
    """An exemplar of unit A in fostering, with one action and one evaluation."""
    exemplar = make_exemplar(year=2025, path=[(ExemplarStatus.FOSTERING, date(2025, 3, 1))])
    action = save_action(
        exemplar, support_type=SupportType.MATERIAL, description="Hỗ trợ", owner_name="Tổ trưởng"
    )
    collective = criteria[exemplar.kind]
    evaluation = save_evaluation(
        exemplar,
        evaluated_on=date(2025, 5, 1),
        evaluator=world.coordinator_a,
        aspects={"effect": 3, "effectiveness": 3, "development_potential": 3, "influence": 3},
        item_scores={item.id: 5 for item in collective.items},
    )
    db.session.commit()
    return {
        "exemplar": exemplar.id,
        "action": action.id,
        "evaluation": evaluation.id,
        "items": [item.id for item in collective.items],
    }


def _evaluation_form(records):
    form = {
        "evaluated_on": "2025-06-01",
        "effect": "4",
        "effectiveness": "4",
        "development_potential": "4",
        "influence": "4",
        "difficulties": "",
        "help_given": "",
    }
    form.update({f"item_{item_id}": "6" for item_id in records["items"]})
    return form


def _action_form():
    return {
        "support_type": "technical",
        "description": "Tập huấn",
        "owner_user_id": "0",
        "owner_name": "Chuyên gia",
        "status": "planned",
        "due_date": "",
        "outcome": "",
    }


def _exemplar_form():
    return {
        "kind": "collective",
        "name": "Tên sửa",
        "person_user_id": "0",
        "year_identified": "2025",
        "level": "unit",
        "position": "",
        "field_of_work": "",
        "movement": "",
        "achievements": "",
        "initiatives": "",
    }


GET_WRITES = [
    "/exemplars/{exemplar}/edit",
    "/exemplars/{exemplar}/status/recognised",
    "/exemplars/{exemplar}/actions/new",
    "/exemplars/actions/{action}/edit",
    "/exemplars/{exemplar}/evaluations/new",
    "/exemplars/evaluations/{evaluation}/edit",
]


def _post_writes(records):
    return [
        ("/exemplars/{exemplar}/edit", _exemplar_form()),
        ("/exemplars/{exemplar}/status/recognised", {"occurred_on": "2025-10-01", "note": ""}),
        ("/exemplars/{exemplar}/status/dropped", {"occurred_on": "2025-10-01", "note": "Lý do"}),
        ("/exemplars/{exemplar}/actions/new", _action_form()),
        ("/exemplars/actions/{action}/edit", _action_form()),
        ("/exemplars/actions/{action}/delete", {}),
        ("/exemplars/{exemplar}/evaluations/new", _evaluation_form(records)),
        ("/exemplars/evaluations/{evaluation}/edit", _evaluation_form(records)),
        ("/exemplars/evaluations/{evaluation}/delete", {}),
        ("/exemplars/{exemplar}/evidence", {"owner_type": "exemplar"}),
    ]


def _state(records):
    db.session.expire_all()
    exemplar = db.session.get(Exemplar, records["exemplar"])
    return (
        exemplar.name,
        exemplar.status,
        len(exemplar.events),
        db.session.scalar(db.select(db.func.count(FosteringAction.id))),
        db.session.scalar(db.select(db.func.count(ExemplarEvaluation.id))),
    )


@pytest.mark.parametrize("role", READERS)
def test_readers_see_the_exemplar(world, records, login_as, role):
    client = login_as(getattr(world, role))
    page = client.get(f"/exemplars/{records['exemplar']}")
    assert page.status_code == 200
    assert "Tổ Thẩm định hồ sơ" in page.get_data(as_text=True)
    assert client.get("/exemplars/").status_code == 200
    assert "Tổ Thẩm định hồ sơ" in client.get("/exemplars/").get_data(as_text=True)


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_get_404_everywhere(world, records, login_as, role):
    client = login_as(getattr(world, role))
    assert client.get(f"/exemplars/{records['exemplar']}").status_code == 404
    for url in GET_WRITES:
        assert client.get(url.format(**records)).status_code == 404, url
    before = _state(records)
    for url, form in _post_writes(records):
        assert client.post(url.format(**records), data=form).status_code == 404, url
    assert _state(records) == before
    listing = client.get("/exemplars/").get_data(as_text=True)
    assert "Tổ Thẩm định hồ sơ" not in listing


def test_unassigned_council_member_sees_nothing(world, records, login_as):
    from portal.accounts.models import CouncilAssignment

    db.session.execute(db.delete(CouncilAssignment))
    db.session.commit()
    client = login_as(world.council)
    assert client.get(f"/exemplars/{records['exemplar']}").status_code == 404
    assert "Tổ Thẩm định hồ sơ" not in client.get("/exemplars/").get_data(as_text=True)


@pytest.mark.parametrize("role", READ_ONLY)
def test_read_only_roles_get_403_on_every_write(world, records, login_as, role):
    client = login_as(getattr(world, role))
    for url in GET_WRITES:
        assert client.get(url.format(**records)).status_code == 403, url
    before = _state(records)
    for url, form in _post_writes(records):
        assert client.post(url.format(**records), data=form).status_code == 403, url
    assert _state(records) == before
    assert client.get("/exemplars/new").status_code == 403
    assert (
        client.post(
            "/exemplars/new",
            data={**_exemplar_form(), "unit_id": world.unit_a.id, "initial_status": "candidate"},
        ).status_code
        == 403
    )


@pytest.mark.parametrize("role", EDITORS)
def test_editors_open_every_write_page(world, records, login_as, role):
    client = login_as(getattr(world, role))
    for url in GET_WRITES:
        assert client.get(url.format(**records)).status_code == 200, url
    assert client.get("/exemplars/new").status_code == 200


@pytest.mark.parametrize("role", EDITORS)
def test_editors_write(world, records, login_as, role):
    client = login_as(getattr(world, role))
    for url, form in _post_writes(records):
        if url.endswith("/dropped"):
            continue  # would stop the others; dropping is tested in test_exemplar_pages
        response = client.post(url.format(**records), data=form)
        assert response.status_code == 302, url
    name, status, events, actions, evaluations = _state(records)
    assert (name, status, events) == ("Tên sửa", ExemplarStatus.RECOGNISED, 3)
    assert (actions, evaluations) == (1, 1)  # one added and one deleted of each


def test_foreign_ids_of_the_same_organization(world, records, login_as, make_exemplar):
    """Unit B's coordinator edits their own exemplar but not through A's ids."""
    own = make_exemplar(world.unit_b, name="Của B")
    client = login_as(world.coordinator_b)
    assert client.get(f"/exemplars/{own.id}").status_code == 200
    assert client.get(f"/exemplars/{own.id}/edit").status_code == 200
    upload = client.post(
        f"/exemplars/{own.id}/evidence",
        data={"owner_type": "fostering_action", "owner_id": records["action"]},
    )
    assert upload.status_code == 404  # A's action is not B's exemplar's


def test_anonymous_visitors_are_sent_to_login(world, records, client):
    for url in (
        "/exemplars/",
        f"/exemplars/{records['exemplar']}",
        "/exemplars/quota",
        "/exemplars/export.xlsx",
        f"/units/{world.unit_a.id}",
        "/criteria/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login" in response.headers["Location"]
