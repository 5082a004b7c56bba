"""The council member's dashboard and the unit's dashboard."""

from __future__ import annotations

import re
from datetime import timedelta

from portal.consideration.models import VoteChoice
from portal.consideration.voting import cast_votes, member_for
from portal.dashboards import council
from portal.deadlines.models import CompletionMode
from portal.deadlines.services import due_at_from_local
from portal.extensions import db
from portal.formatting import today_vn
from sampledata.world import make_user
from tests.factories import make_deadline, open_round, seat_council


def _section(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}".*?</table>', html, re.S)
    assert match, element_id
    return match.group(0)


def test_council_dashboard_services(programme):
    world = programme.world
    member = world.council
    assert [u.name for u in council.assigned_units(member, 2024)] == ["Phòng Môi trường"]
    assert council.assigned_units(member, 2023) == []
    planned = council.planned_inspections(member, 2024)
    assert len(planned) == 1 and planned[0].done
    assert [i.id for i in council.done_inspections(member, 2024)] == [programme.inspection.id]
    assert [f.id for f in council.findings_to_verify(member)] == [programme.answered_finding.id]
    other = make_user(world.org, "hd9@example.vn", name="Người khác")
    assert council.findings_to_verify(other) == [] and council.done_inspections(other, 2024) == []


def test_open_rounds_count_own_votes_only(programme):
    world = programme.world
    seats = seat_council(world, size=3)
    round_ = open_round(world, codes=("CSTD_CS", "LDTT"))
    nomination = round_.nominations[0]
    cast_votes(round_, member_for(round_, seats.users[1]), {nomination.id: VoteChoice.AGREE})
    db.session.commit()
    (mine,) = council.open_rounds(world.council)
    assert (mine.round.id, mine.nominations, mine.voted, mine.remaining) == (round_.id, 2, 0, 2)
    (theirs,) = council.open_rounds(seats.users[1])
    assert (theirs.voted, theirs.remaining) == (1, 1)
    outsider = make_user(world.org, "hd8@example.vn", name="Ngoài hội đồng")
    assert council.open_rounds(outsider) == []


def test_council_dashboard_page(programme, login_as):
    world = programme.world
    seat_council(world, size=3)
    round_ = open_round(world)
    html = login_as(world.council).get("/dashboards/council?year=2024").get_data(as_text=True)
    assert f'data-testid="cell-{world.unit_a.id}-quota"' in html  # the unit's matrix row
    assert world.unit_b.name not in _section(html, "dash-matrix")
    assert "Đã kiểm tra" in _section(html, "planned")
    assert f'href="/inspections/{programme.inspection.id}"' in _section(html, "done")
    verify = _section(html, "to-verify")
    assert f'href="/inspections/findings/{programme.answered_finding.id}"' in verify
    assert "Chưa lập sổ theo dõi" not in verify  # open, not answered yet
    rounds = _section(html, "rounds")
    assert round_.title in rounds and f'href="/consideration/{round_.id}/vote"' in rounds
    assert "0/1" in rounds
    html = login_as(world.council).get("/dashboards/council?year=2023").get_data(as_text=True)
    assert "Năm này bạn chưa được phân công phụ trách đơn vị nào." in html


def test_council_member_who_is_also_a_viewer_gets_both(programme, login_as):
    from portal.accounts.models import Role, RoleMembership

    world = programme.world
    world.council.memberships.append(RoleMembership(role=Role.VIEWER))
    db.session.commit()
    client = login_as(world.council)
    html = client.get("/dashboards/").get_data(as_text=True)
    assert 'id="dash-matrix"' in html and 'href="/dashboards/council' in html
    html = client.get("/dashboards/council").get_data(as_text=True)
    assert "Tổng quan toàn Sở" in html


def test_unit_dashboard_cards_charts_and_next_deadlines(programme, login_as):
    world = programme.world
    soon = today_vn() + timedelta(days=10)
    make_deadline(
        world,
        title="Cập nhật minh chứng điển hình",
        due_at=due_at_from_local(soon, None),
        completion_mode=CompletionMode.RECORD,
    )
    html = (
        login_as(world.staff_a)
        .get(f"/dashboards/units/{world.unit_a.id}?year=2024")
        .get_data(as_text=True)
    )
    a = world.unit_a.id
    card = re.search(rf'data-testid="cell-{a}-overdue_findings".*?</section>', html, re.S).group(0)
    assert "Còn 1" in card and 'data-tone="danger"' in card
    assert re.search(rf'data-testid="row-total-{a}">3/7', html)
    upcoming = _section(html, "upcoming")
    assert "Cập nhật minh chứng điển hình" in upcoming and soon.strftime("%d/%m/%Y") in upcoming
    assert html.count('role="img"') == 5
    assert world.unit_b.name not in html


def test_unit_of_another_year_in_the_unit_dashboard(programme, login_as):
    world = programme.world
    url = f"/dashboards/units/{world.unit_b.id}?year=2023"
    html = login_as(world.office).get(url).get_data(as_text=True)
    assert '<option value="2023" selected>' in html
    card = re.search(rf'data-testid="cell-{world.unit_b.id}-quota".*?</section>', html, re.S)
    assert "Đạt (1-2)" in card.group(0)
