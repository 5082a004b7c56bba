"""A decision names the movement its awards were made under (chosen on the decision's
form, only among the organization's movements), and the movement's page lists the
issued ones: to the Office all, to a unit's people those naming someone of theirs."""

from __future__ import annotations

from sqlalchemy import select

from portal.awards import services as awards
from portal.awards.models import AwardDecision
from portal.extensions import db
from tests.awards.conftest import decision_form
from tests.factories import make_decision, make_movement, make_organization


def _record(client, **overrides):
    return client.post(
        "/awards/new", data=decision_form(**overrides), content_type="multipart/form-data"
    )


def test_the_office_names_the_movement_and_the_movement_lists_its_issued_awards(world, login_as):
    movement = make_movement(world, name="Phong trào Chuyển đổi số")
    client = login_as(world.office)
    assert "Phong trào Chuyển đổi số" in client.get("/awards/new").get_data(as_text=True)
    assert _record(client, number="31/QĐ-UBND", movement_id=str(movement.id)).status_code == 302
    decision = db.session.scalar(select(AwardDecision).where(AwardDecision.number == "31/QĐ-UBND"))
    assert decision.movement_id == movement.id
    client.post(f"/awards/{decision.id}/recipients", data={"target": f"unit:{world.unit_a.id}"})

    url = f"/movements/{movement.id}?show=awards"
    assert "31/QĐ-UBND" not in client.get(url).get_data(as_text=True)  # a draft: no award yet
    awards.issue_decision(decision, decision.number, decision.decided_on, world.office)
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "31/QĐ-UBND" in page and "Khen thưởng theo phong trào" in page
    assert "Phong trào Chuyển đổi số" in client.get(f"/awards/{decision.id}").get_data(as_text=True)
    # unit A's coordinator sees it (a recipient is of unit A); unit B's does not
    assert "31/QĐ-UBND" in login_as(world.coordinator_a).get(url).get_data(as_text=True)
    assert "31/QĐ-UBND" not in login_as(world.coordinator_b).get(url).get_data(as_text=True)


def test_a_movement_of_another_organization_is_refused_on_the_field(world, login_as):
    other = make_organization("Sở Tư pháp")
    foreign = make_movement(world, name="Phong trào của Sở khác")
    foreign.organization_id = other.id
    db.session.commit()
    response = _record(login_as(world.office), number="32/QĐ", movement_id=str(foreign.id))
    assert response.status_code == 200
    assert "Phong trào thi đua không hợp lệ." in response.get_data(as_text=True)
    assert db.session.scalar(select(AwardDecision).where(AwardDecision.number == "32/QĐ")) is None


def test_a_decision_recorded_without_a_movement_is_under_none(world):
    decision = make_decision(world, number="33/QĐ", issued=True)
    assert decision.movement_id is None
