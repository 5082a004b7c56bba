"""Issue 13, point 5: eligibility hints from the issued award history, as dated rules
with their legal basis; shown on the consideration page and the nomination form, per
nominee, never blocking the council's vote; computed in a fixed number of queries."""

from __future__ import annotations

from datetime import date

from portal.accounts.models import Role
from portal.awards.models import AwardDecision, DecisionStatus
from portal.consideration import services, voting
from portal.consideration.eligibility import evaluate
from portal.consideration.eligibility_rules import RULES, rules_for
from portal.consideration.models import Nomination, VoteChoice
from portal.extensions import db
from sampledata.probes import count_queries
from sampledata.world import make_user
from tests.factories import award_title, make_issued_award, seat_council

LAW = "Điều 21 Luật Thi đua, khen thưởng số 06/2022/QH15"


def test_every_rule_has_its_basis_and_dates():
    for rule in RULES:
        assert rule.basis and rule.titles and rule.requires and rule.years >= 1
        assert rule.to_verify or rule.source, rule.key  # checked somewhere, or flagged
        assert rule.valid_to is None or rule.valid_from <= rule.valid_to


def test_the_rule_in_force_depends_on_the_meeting_date_and_the_nominee():
    assert [r.key for r in rules_for("CSTD_CS", "individual", date(2023, 12, 20))] == [
        "cstd_cs_2013"
    ]
    assert [r.key for r in rules_for("CSTD_CS", "individual", date(2025, 12, 20))] == [
        "cstd_cs_2022"
    ]
    [bk] = rules_for("BK_UBND", "individual", date(2025, 12, 20))
    assert bk.key == "bk_tinh_2022" and not bk.to_verify and "Điều 74" in bk.basis
    assert bk.requires == ("CSTD_CS",) and bk.years == 2
    assert rules_for("BK_UBND", "individual", date(2023, 12, 20)) == []
    assert rules_for("BK_UBND", "collective", date(2025, 12, 20)) == []
    assert rules_for("GK_GD", "individual", date(2025, 12, 20)) == []


def test_three_consecutive_years_of_the_lower_title():
    [rule] = rules_for("CSTD_TINH", "individual", date(2025, 12, 20))
    full = {(2023, "CSTD_CS"), (2024, "CSTD_CS"), (2025, "CSTD_CS")}
    assert evaluate(rule, full, 2025).met
    gap = evaluate(rule, {(2022, "CSTD_CS"), (2024, "CSTD_CS"), (2025, "CSTD_CS")}, 2025)
    assert not gap.met
    assert gap.text == f"Chưa đủ điều kiện theo {LAW}: thiếu Chiến sĩ thi đua cơ sở năm 2023"
    pending = evaluate(rule, {(2023, "CSTD_CS"), (2024, "CSTD_CS")}, 2025, {"CSTD_CS"})
    assert pending.met and pending.pending_used


def _round_with(world, nominees):
    seat_council(world)
    round_ = services.open_round(
        world.org.id,
        world.period,
        "Bình xét 2025",
        2025,
        date(2025, 12, 18),
        opened_by=world.office,
    )
    for user, code in nominees:
        services.add_nomination(
            round_, services.NomineeInput(award_title=award_title(world, code), nominee_user=user)
        )
    db.session.commit()
    return round_


def test_the_round_page_and_the_form_show_each_nominees_hint(world, login_as):
    for year in (2023, 2024, 2025):
        make_issued_award(world, "CSTD_CS", year, user=world.staff_a)
    make_issued_award(world, "CSTD_CS", 2024, user=world.coordinator_b)
    draft = make_issued_award(world, "CSTD_CS", 2023, user=world.coordinator_b)
    draft.status = DecisionStatus.DRAFT  # a draft decision is no history
    db.session.commit()
    round_ = _round_with(world, [(world.staff_a, "CSTD_TINH"), (world.coordinator_b, "CSTD_TINH")])
    client = login_as(world.office)
    page = client.get(f"/consideration/{round_.id}").get_data(as_text=True)
    assert f"Đủ điều kiện theo {LAW}" in page
    assert f"Chưa đủ điều kiện theo {LAW}: thiếu Chiến sĩ thi đua cơ sở năm 2023, 2025" in page
    unmet = db.session.scalar(
        db.select(Nomination).where(Nomination.nominee_user_id == world.coordinator_b.id)
    )
    form = client.get(f"/consideration/{round_.id}/nominations/{unmet.id}/edit")
    assert "thiếu Chiến sĩ thi đua cơ sở năm 2023, 2025" in form.get_data(as_text=True)
    # The council members see it too, and their vote is not blocked by it.
    council = login_as(world.council)
    assert "Chưa đủ điều kiện theo" in council.get(f"/consideration/{round_.id}").get_data(
        as_text=True
    )
    db.session.refresh(round_)
    for member in round_.members:
        voting.cast_votes(round_, member, {n.id: VoteChoice.AGREE for n in round_.nominations})
    db.session.commit()
    results = services.close_round(round_, world.office)
    assert all(result.passed for result in results)


def test_a_decision_recorded_without_a_title_counts_by_its_form_name(world, login_as):
    decision = make_issued_award(world, "LDTT", 2025, user=world.staff_a)
    decision.award_title_id = None
    decision.form_name = "LAO ĐỘNG TIÊN TIẾN"
    db.session.commit()
    round_ = _round_with(world, [(world.staff_a, "CSTD_CS")])
    page = login_as(world.office).get(f"/consideration/{round_.id}").get_data(as_text=True)
    assert f"Đủ điều kiện theo {LAW}" in page
    assert db.session.scalar(db.select(db.func.count(AwardDecision.id))) == 1


def _queries(client, url: str) -> int:
    client.get(url)  # warm: the first request loads what every page needs once
    with count_queries() as statements:
        assert client.get(url).status_code == 200
    return len(statements)


def test_hints_take_the_same_queries_for_one_or_ten_nominees(world, login_as):
    people = []
    for n in range(10):
        people.append(
            make_user(world.org, f"nv{n}@example.vn", (Role.STAFF, world.unit_a), name=f"NV {n}")
        )
    db.session.commit()
    for person in people:
        make_issued_award(world, "CSTD_CS", 2024, user=person)
    round_ = _round_with(world, [(people[0], "CSTD_TINH")])
    client = login_as(world.office)
    one = _queries(client, f"/consideration/{round_.id}")
    for person in people[1:]:
        services.add_nomination(
            round_,
            services.NomineeInput(award_title=award_title(world, "CSTD_TINH"), nominee_user=person),
        )
    db.session.commit()
    ten = _queries(client, f"/consideration/{round_.id}")
    assert one == ten
