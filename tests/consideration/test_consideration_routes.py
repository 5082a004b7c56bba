"""Every consideration page for every role, foreign ids, forms and secrecy through the routes."""

from __future__ import annotations

import re
from datetime import date

import pytest

from portal.consideration import services, voting
from portal.consideration.catalogue import ensure_catalogue
from portal.consideration.models import AwardTitle, Nomination, Vote, VoteChoice, VotingRule
from portal.exemplars.models import ExemplarKind, ExemplarStatus
from portal.extensions import db
from tests.factories import make_exemplar, open_round

OK, FORBIDDEN, MISSING = 200, 403, 404


@pytest.fixture
def setup(world, council):
    round_ = open_round(world, codes=("CSTD_CS", "TTLDXS"))
    ensure_catalogue(world.other_org.id)
    db.session.commit()
    rule = db.session.scalars(
        db.select(VotingRule).where(VotingRule.organization_id == world.org.id)
    ).first()
    award = db.session.scalars(
        db.select(AwardTitle).where(AwardTitle.organization_id == world.org.id)
    ).first()
    return {
        "round": round_.id,
        "nomination": round_.nominations[0].id,
        "member": round_.members[4].id,
        "rule": rule.id,
        "title": award.id,
        "people": {
            "office": world.office,
            "viewer": world.viewer,
            "chair": council.chair,
            "secretary": council.secretary,
            "coordinator": world.coordinator_a,
            "staff": world.staff_a,
            "foreign_office": world.foreign_office,
        },
    }


def checked(html: str, input_id: str) -> bool:
    """Whether the radio with `input_id` is rendered checked."""
    tag = re.search(rf'<input[^>]*id="{input_id}"[^>]*>', html)
    assert tag, f"no input {input_id}"
    return "checked" in tag.group(0)


def url(name, s):
    r, n, m = s["round"], s["nomination"], s["member"]
    return {
        "index": "/consideration/",
        "new_round": "/consideration/new",
        "round": f"/consideration/{r}",
        "edit_round": f"/consideration/{r}/edit",
        "add_nomination": f"/consideration/{r}/nominations/new",
        "edit_nomination": f"/consideration/{r}/nominations/{n}/edit",
        "vote": f"/consideration/{r}/vote",
        "written_opinion": f"/consideration/{r}/members/{m}/written-opinion",
        "rules": "/consideration/rules",
        "new_rule": "/consideration/rules/new",
        "edit_rule": f"/consideration/rules/{s['rule']}/edit",
        "titles": "/consideration/titles",
        "new_title": "/consideration/titles/new",
        "edit_title": f"/consideration/titles/{s['title']}/edit",
    }[name]


#          page               office viewer  chair  secretary coord  staff  foreign_office
GET_MATRIX = {
    "index": (OK, OK, OK, OK, FORBIDDEN, FORBIDDEN, OK),
    "new_round": (OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "round": (OK, OK, OK, OK, FORBIDDEN, FORBIDDEN, MISSING),
    "edit_round": (OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, MISSING),
    "add_nomination": (OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, MISSING),
    "edit_nomination": (OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, MISSING),
    "vote": (FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN, FORBIDDEN, MISSING),
    "written_opinion": (OK, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, MISSING),
    "rules": (OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "new_rule": (OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "edit_rule": (OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, MISSING),
    "titles": (OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "new_title": (OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "edit_title": (OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, MISSING),
}
ROLES = ("office", "viewer", "chair", "secretary", "coordinator", "staff", "foreign_office")
CASES = [
    (page, role, codes[i]) for page, codes in GET_MATRIX.items() for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("page", "role", "expected"), CASES)
def test_get_pages_per_role(setup, login_as, page, role, expected):
    client = login_as(setup["people"][role])
    assert client.get(url(page, setup)).status_code == expected


@pytest.mark.parametrize(
    ("action", "role", "expected"),
    [
        ("close", "viewer", FORBIDDEN),
        ("close", "chair", FORBIDDEN),
        ("close", "coordinator", FORBIDDEN),
        ("close", "foreign_office", MISSING),
        ("sync", "secretary", FORBIDDEN),
        ("sync", "foreign_office", MISSING),
        ("delete", "chair", FORBIDDEN),
        ("delete", "foreign_office", MISSING),
        ("present", "chair", FORBIDDEN),
        ("present", "staff", FORBIDDEN),
        ("present", "foreign_office", MISSING),
    ],
)
def test_forbidden_posts_change_nothing(setup, login_as, action, role, expected):
    r, n, m = setup["round"], setup["nomination"], setup["member"]
    path = {
        "close": f"/consideration/{r}/close",
        "sync": f"/consideration/{r}/members/sync",
        "delete": f"/consideration/{r}/nominations/{n}/delete",
        "present": f"/consideration/{r}/members/{m}/present",
    }[action]
    assert login_as(setup["people"][role]).post(path).status_code == expected
    round_ = db.session.get(services.ConsiderationRound, r)
    db.session.refresh(round_)
    assert round_.is_open and len(round_.nominations) == 2


def test_anonymous_is_sent_to_login(setup, client):
    response = client.get(url("round", setup))
    assert response.status_code == 302 and "/login" in response.location


def test_ids_of_another_round_are_404(world, setup, login_as):
    other = open_round(world)
    client = login_as(world.office)
    assert (
        client.get(f"/consideration/{other.id}/nominations/{setup['nomination']}/edit").status_code
        == 404
    )
    assert (
        client.get(
            f"/consideration/{other.id}/members/{setup['member']}/written-opinion"
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/consideration/{other.id}/nominations/{setup['nomination']}/delete"
        ).status_code
        == 404
    )


def test_foreign_office_lists_none_of_our_rounds(setup, login_as, world):
    html = login_as(world.foreign_office).get("/consideration/").get_data(as_text=True)
    assert "Bình xét năm 2024" not in html
    html = login_as(world.office).get("/consideration/").get_data(as_text=True)
    assert "Bình xét năm 2024" in html


def test_index_filters(world, setup, login_as):
    client = login_as(world.office)
    assert "Bình xét năm 2024" in client.get("/consideration/?status=open&year=2024").get_data(
        as_text=True
    )
    assert "Bình xét năm 2024" not in client.get("/consideration/?status=closed").get_data(
        as_text=True
    )
    assert "Bình xét năm 2024" not in client.get("/consideration/?q=khong-co").get_data(
        as_text=True
    )


def test_secrecy_before_closing(world, council, setup, login_as):
    round_ = db.session.get(services.ConsiderationRound, setup["round"])
    first = round_.nominations[0].id
    voting.cast_votes(round_, round_.members[0], {first: VoteChoice.AGREE})
    voting.cast_votes(round_, round_.members[1], {first: VoteChoice.DISAGREE})
    db.session.commit()
    a_page = login_as(council.chair).get(url("vote", setup)).get_data(as_text=True)
    assert checked(a_page, f"vote-{first}-agree") and not checked(a_page, f"vote-{first}-disagree")
    b_page = login_as(council.secretary).get(url("vote", setup)).get_data(as_text=True)
    assert checked(b_page, f"vote-{first}-disagree") and not checked(b_page, f"vote-{first}-agree")
    # Member A's round page shows A's own vote only.
    a_round = login_as(council.chair).get(url("round", setup)).get_data(as_text=True)
    assert "Phiếu của bạn" in a_round and "Không đồng ý" not in a_round
    for reader in (world.office, world.viewer):
        page = login_as(reader).get(url("round", setup)).get_data(as_text=True)
        assert 'id="results"' not in page
        assert "Đồng ý" not in page and "Không đồng ý" not in page
    office_page = login_as(world.office).get(url("round", setup)).get_data(as_text=True)
    assert "1/2" in office_page  # participation: the chair and the secretary answered one of two
    viewer_page = login_as(world.viewer).get(url("round", setup)).get_data(as_text=True)
    assert "Đã bỏ phiếu" not in viewer_page
    assert login_as(world.office).get(f"/consideration/{setup['round']}/minutes").status_code == 302


def test_vote_form_records_and_changes_a_vote(setup, council, login_as):
    client = login_as(council.chair)
    n = setup["nomination"]
    assert client.post(url("vote", setup), data={f"vote-{n}": "disagree"}).status_code == 302
    assert client.post(url("vote", setup), data={f"vote-{n}": "agree"}).status_code == 302
    votes = db.session.scalars(db.select(Vote)).all()
    assert [(v.nomination_id, v.choice) for v in votes] == [(n, VoteChoice.AGREE)]
    bad = client.post(url("vote", setup), data={f"vote-{n}": "maybe"})
    assert bad.status_code == 400 and "Lựa chọn không hợp lệ" in bad.get_data(as_text=True)


def test_written_opinion_form_is_write_only(setup, council, login_as):
    client = login_as(council.secretary)
    n = setup["nomination"]
    response = client.post(url("written_opinion", setup), data={f"vote-{n}": "conflict"})
    assert response.status_code == 302
    page = client.get(url("written_opinion", setup)).get_data(as_text=True)
    assert "Đã ghi nhận ý kiến" in page and "checked" not in page
    round_page = client.get(url("round", setup)).get_data(as_text=True)
    assert "Vắng mặt (ý kiến bằng văn bản)" in round_page
    assert (
        client.post(
            f"/consideration/{setup['round']}/members/{setup['member']}/present"
        ).status_code
        == 302
    )
    assert db.session.scalar(db.select(db.func.count(Vote.id))) == 0


def test_after_closing_results_are_visible_and_votes_refused(world, council, setup, login_as):
    n = setup["nomination"]
    for user in council.users:
        login_as(user).post(url("vote", setup), data={f"vote-{n}": "agree"})
    assert login_as(world.office).post(f"/consideration/{setup['round']}/close").status_code == 302
    round_ = db.session.get(services.ConsiderationRound, setup["round"])
    db.session.refresh(round_)
    assert not round_.is_open
    for reader in (world.office, world.viewer, council.chair):
        page = login_as(reader).get(url("round", setup)).get_data(as_text=True)
        assert 'id="results"' in page and "5/5" in page and "100,0%" in page
        assert "Nghị định số 98/2023/NĐ-CP" in page
    response = login_as(council.chair).post(
        url("vote", setup), data={f"vote-{n}": "disagree"}, follow_redirects=True
    )
    assert "không thể bỏ phiếu" in response.get_data(as_text=True)
    assert {v.choice for v in db.session.scalars(db.select(Vote))} == {VoteChoice.AGREE}
    assert login_as(world.office).get(url("edit_round", setup)).status_code == 302
    assert login_as(world.office).get(url("add_nomination", setup)).status_code == 302
    assert login_as(council.secretary).get(url("written_opinion", setup)).status_code == 302


def test_round_form_keeps_input_and_shows_errors(world, council, login_as):
    client = login_as(world.office)
    response = client.post(
        "/consideration/new",
        data={
            "title": "Phiên thử",
            "period_id": world.period.id,
            "year": 2030,
            "meeting_date": "2030-01-05",
            "location": "Hội trường",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Năm xét phải thuộc kỳ kế hoạch 2023-2025" in html and 'value="Phiên thử"' in html
    foreign = client.post(
        "/consideration/new",
        data={
            "title": "x",
            "period_id": world.foreign_period.id,
            "year": 2024,
            "meeting_date": "2024-01-05",
        },
    )
    assert (
        foreign.status_code == 200
        and db.session.scalar(db.select(db.func.count(services.ConsiderationRound.id))) == 0
    )
    created = client.post(
        "/consideration/new",
        data={
            "title": "Phiên thử",
            "period_id": world.period.id,
            "year": 2025,
            "meeting_date": "2025-12-05",
        },
    )
    assert created.status_code == 302
    round_ = db.session.scalars(db.select(services.ConsiderationRound)).one()
    assert (round_.year, round_.meeting_date, len(round_.members)) == (2025, date(2025, 12, 5), 5)
    edited = client.post(
        f"/consideration/{round_.id}/edit",
        data={"title": "Phiên đã sửa", "year": 2025, "meeting_date": "2025-12-06", "location": ""},
    )
    assert edited.status_code == 302
    db.session.refresh(round_)
    assert (round_.title, round_.meeting_date, round_.period_id) == (
        "Phiên đã sửa",
        date(2025, 12, 6),
        world.period.id,
    )


def test_nomination_form_errors_and_edit(world, setup, login_as):
    client = login_as(world.office)
    titles = {
        t.code: t.id
        for t in db.session.scalars(
            db.select(AwardTitle).where(AwardTitle.organization_id == world.org.id)
        )
    }
    response = client.post(
        url("add_nomination", setup),
        data={
            "award_title_id": titles["TTLDXS"],
            "nominee_user_id": world.staff_a.id,
            "achievements": "Giữ lại",
        },
    )
    html = response.get_data(as_text=True)
    assert "không áp dụng cho đối tượng" in html and "Giữ lại" in html
    response = client.post(
        url("add_nomination", setup),
        data={"award_title_id": titles["LDTT"], "nominee_user_id": world.foreign_coordinator.id},
    )
    assert response.status_code == 200  # not a valid choice
    ok = client.post(
        url("add_nomination", setup),
        data={
            "award_title_id": titles["LDTT"],
            "nominee_user_id": world.staff_a.id,
            "achievements": "Tốt",
        },
    )
    assert ok.status_code == 302
    edit = client.post(
        url("edit_nomination", setup),
        data={
            "award_title_id": titles["CSTD_CS"],
            "nominee_name": "Tên mới",
            "nominee_kind": "individual",
            "unit_id": world.unit_b.id,
        },
    )
    assert edit.status_code == 302
    nomination = db.session.get(services.Nomination, setup["nomination"])
    db.session.refresh(nomination)
    assert (nomination.nominee_name, nomination.unit_id) == ("Tên mới", world.unit_b.id)
    assert (
        client.post(
            f"/consideration/{setup['round']}/nominations/{nomination.id}/delete"
        ).status_code
        == 302
    )
    assert db.session.get(services.Nomination, setup["nomination"]) is None


def test_rules_page_marks_rules_to_verify_and_edits(world, setup, login_as):
    client = login_as(world.office)
    html = client.get("/consideration/rules").get_data(as_text=True)
    assert "Cần kiểm tra" in html and "12 quy định" in html
    assert "Nghị định số 152/2025/NĐ-CP" in client.get("/consideration/rules?verify=1").get_data(
        as_text=True
    )
    rule = db.session.scalars(
        db.select(VotingRule).where(
            VotingRule.organization_id == world.org.id,
            VotingRule.needs_verification.is_(True),
            VotingRule.effective_from == date(2025, 7, 1),
        )
    ).first()
    response = client.post(
        f"/consideration/rules/{rule.id}/edit",
        data={
            "award_title_id": rule.award_title_id,
            "comparison": "at_least",
            "threshold_percent": 85,
            "effective_from": "2025-07-01",
            "legal_basis": "Nghị định số 152/2025/NĐ-CP, đã đối chiếu",
        },
    )
    assert response.status_code == 302
    db.session.refresh(rule)
    assert (rule.threshold_percent, rule.needs_verification) == (85, False)
    clash = client.post(
        "/consideration/rules/new",
        data={
            "award_title_id": rule.award_title_id,
            "comparison": "at_least",
            "threshold_percent": 70,
            "effective_from": "2026-01-01",
            "legal_basis": "Trùng",
        },
    )
    assert clash.status_code == 200 and "Trùng thời gian hiệu lực" in clash.get_data(as_text=True)
    bad_dates = client.post(
        "/consideration/rules/new",
        data={
            "award_title_id": 0,
            "comparison": "more_than",
            "threshold_percent": 60,
            "effective_from": "2040-01-01",
            "effective_to": "2039-01-01",
            "legal_basis": "x",
        },
    )
    assert "Ngày hết hiệu lực phải sau" in bad_dates.get_data(as_text=True)


def test_titles_can_be_added_and_codes_are_unique(world, setup, login_as):
    client = login_as(world.office)
    response = client.post(
        "/consideration/titles/new",
        data={
            "code": "bk_tw",
            "name": "Bằng khen của Thủ tướng Chính phủ",
            "audience": "both",
            "sort_order": 200,
            "is_active": "y",
        },
    )
    assert response.status_code == 302
    assert "Bằng khen của Thủ tướng Chính phủ" in client.get("/consideration/titles").get_data(
        as_text=True
    )
    dup = client.post(
        "/consideration/titles/new", data={"code": "BK_TW", "name": "Khác", "audience": "both"}
    )
    assert "Mã này đã được dùng" in dup.get_data(as_text=True)


def test_round_pages_do_not_query_per_nomination(world, council, login_as, query_counter):
    small = open_round(world, codes=("CSTD_CS", "TTLDXS"))
    large = open_round(world, codes=("CSTD_CS", "TTLDXS", "LDTT", "CO_TINH", "GK_GD", "AHLD"))
    for round_ in (small, large):
        for member in round_.members:
            voting.cast_votes(round_, member, {n.id: VoteChoice.AGREE for n in round_.nominations})
    db.session.commit()
    client = login_as(world.office)
    counts = {}
    for state in ("open", "closed"):
        for round_ in (small, large):
            if state == "closed":
                services.close_round(round_, world.office)
                db.session.commit()
            for path in (f"/consideration/{round_.id}", f"/consideration/{round_.id}/minutes"):
                db.session.expire_all()
                with query_counter() as statements:
                    client.get(path)
                counts[(state, path.endswith("minutes"), round_ is large)] = len(statements)
    for state in ("open", "closed"):
        for minutes in (False, True):
            assert counts[(state, minutes, True)] == counts[(state, minutes, False)], counts


def test_nomination_form_offers_and_takes_only_our_exemplars(world, setup, login_as):
    ours, foreign = (
        make_exemplar(unit, name, kind=ExemplarKind.INDIVIDUAL, status=ExemplarStatus.CANDIDATE)
        for unit, name in ((world.unit_a, "Điển hình của ta"), (world.foreign_unit, "Ngoại lai"))
    )
    client = login_as(world.office)
    form = client.get(url("add_nomination", setup)).get_data(as_text=True)
    assert "Điển hình của ta" in form and "Ngoại lai" not in form
    before = db.session.scalar(db.select(db.func.count(Nomination.id)))
    data = {"award_title_id": setup["title"], "exemplar_id": foreign.id}
    assert client.post(url("add_nomination", setup), data=data).status_code == 200
    assert db.session.scalar(db.select(db.func.count(Nomination.id))) == before
    data["exemplar_id"] = ours.id
    response = client.post(url("add_nomination", setup), data=data)
    assert response.status_code == 302
    added = db.session.scalars(db.select(Nomination).where(Nomination.exemplar_id == ours.id))
    assert [n.unit_id for n in added] == [world.unit_a.id]
