"""Who reads which decision: the Office and the Director all of them; a unit's people
the decisions naming their unit, and only their unit's rows; anything else is 404.
Only the Office writes. And the issued awards read by the history pages."""

from __future__ import annotations

from portal.awards import history, services
from tests.awards.conftest import decision_form
from tests.factories import make_decision


def test_unit_people_read_their_units_rows_of_a_decision(world, login_as):
    both = make_decision(
        world,
        number="1/QĐ",
        recipients=[f"user:{world.staff_a.id}", f"unit:{world.unit_b.id}"],
        issued=True,
    )
    for user in (world.coordinator_a, world.staff_a):
        page = login_as(user).get(f"/awards/{both.id}")
        text = page.get_data(as_text=True)
        assert page.status_code == 200
        assert "Trần Thị Bình" in text and "Thanh tra Sở" not in text
        assert "Thêm đính chính" not in text and "Tải quyết định" not in text
    text = login_as(world.coordinator_b).get(f"/awards/{both.id}").get_data(as_text=True)
    assert "Thanh tra Sở" in text and "Trần Thị Bình" not in text
    for user in (world.office, world.viewer):
        text = login_as(user).get(f"/awards/{both.id}").get_data(as_text=True)
        assert "Thanh tra Sở" in text and "Trần Thị Bình" in text


def test_a_decision_without_the_unit_or_of_another_organization_is_404(world, login_as):
    only_b = make_decision(
        world, number="2/QĐ", recipients=[f"unit:{world.unit_b.id}"], issued=True
    )
    client = login_as(world.coordinator_a)
    for url in (f"/awards/{only_b.id}", f"/awards/{only_b.id}/scan"):
        assert client.get(url).status_code == 404, url
    assert ">2/QĐ</a>" not in client.get("/awards/").get_data(as_text=True)
    assert ">2/QĐ</a>" in login_as(world.coordinator_b).get("/awards/").get_data(as_text=True)
    foreign = login_as(world.foreign_office)
    for url in (f"/awards/{only_b.id}", f"/awards/{only_b.id}/edit"):
        assert foreign.get(url).status_code == 404, url
    assert foreign.post(f"/awards/{only_b.id}/issue", data={"confirm": "y"}).status_code == 404
    assert ">2/QĐ</a>" not in foreign.get("/awards/").get_data(as_text=True)


def test_a_draft_is_the_offices_until_it_is_issued(world, login_as):
    draft = make_decision(world, number="5/QĐ", recipients=[f"unit:{world.unit_a.id}"])
    client = login_as(world.coordinator_a)
    assert client.get(f"/awards/{draft.id}").status_code == 404
    assert ">5/QĐ</a>" not in client.get("/awards/").get_data(as_text=True)
    assert login_as(world.viewer).get(f"/awards/{draft.id}").status_code == 200


def test_only_the_office_writes(world, login_as):
    decision = make_decision(world)
    for user in (world.coordinator_a, world.viewer):
        client = login_as(user)
        assert client.get("/awards/new").status_code == 403
        assert client.post("/awards/new", data=decision_form()).status_code == 403
        assert client.post(f"/awards/{decision.id}/edit", data=decision_form()).status_code == 403
        assert client.post(f"/awards/{decision.id}/issue", data={"confirm": "y"}).status_code == 403
    # The council reads the consideration, not the decisions.
    assert login_as(world.council).get("/awards/").status_code == 403


def test_the_menu_shows_the_awards_to_the_office(world, login_as):
    page = login_as(world.office).get("/awards/").get_data(as_text=True)
    assert 'href="/awards/"' in page and "Khen thưởng" in page


def test_the_issued_awards_of_a_person_a_unit_and_an_exemplar(world):
    from tests.factories import make_exemplar

    exemplar = make_exemplar(world.unit_a, name="Tổ quan trắc")
    targets = [f"unit:{world.unit_a.id}", f"user:{world.coordinator_a.id}"]
    targets.append(f"exemplar:{exemplar.id}")
    later = make_decision(world, number="9/QĐ", recipients=targets, issued=True)
    earlier = make_decision(
        world, number="3/QĐ", decided_on=later.decided_on.replace(year=2024), recipients=targets
    )
    make_decision(world, number="4/QĐ", recipients=targets)  # a draft: no award yet
    services.issue_decision(earlier, earlier.number, earlier.decided_on, world.office)

    def numbers(rows):
        return [r.decision.number for r in rows]

    # newest first, as the history pages list them
    assert numbers(history.person_history(world.coordinator_a)) == ["9/QĐ", "3/QĐ"]
    assert numbers(history.unit_history(world.unit_a)) == ["9/QĐ", "3/QĐ"]
    assert numbers(history.exemplar_history(exemplar)) == ["9/QĐ", "3/QĐ"]
    assert history.unit_history(world.unit_b) == []


def test_the_menus_award_entries_have_names_of_their_own(world, login_as):
    """The decisions and the history search were both "Khen thưởng" in the menu: a
    person (and a screen reader) could not tell which was which."""
    import re

    for user in (world.office, world.coordinator_a):
        page = login_as(user).get("/awards/history").get_data(as_text=True)
        menu = page[page.index('aria-label="Điều hướng chính"') :]
        menu = menu[: menu.index("</nav>")]
        labels = [
            re.sub(r"<[^>]+>|\s+", " ", t).strip()
            for t in re.findall(r"<a[^>]*>(.*?)</a>", menu, re.S)
        ]
        assert labels.count("Khen thưởng") <= 1, labels
        assert "Tra cứu khen thưởng" in labels, labels
