"""Done-when: the Office opens a round with three nominations, the members vote (one absent
with a written opinion, one declaring a conflict), the round closes, the right thresholds apply."""

from __future__ import annotations

import re

from portal.consideration.catalogue import DECREE_98
from portal.consideration.models import AwardTitle, ConsiderationRound, Nomination
from portal.exemplars.models import Exemplar, ExemplarKind
from portal.extensions import db
from portal.notifications.models import Notification


def _row(html: str, nomination_id: int) -> str:
    match = re.search(rf'<tr data-nomination="{nomination_id}">(.*?)</tr>', html, re.S)
    assert match, f"no result row for nomination {nomination_id}"
    return re.sub(r"\s+", " ", match.group(1))


def test_round_from_opening_to_minutes(world, council, login_as):
    exemplar = Exemplar(
        unit_id=world.unit_a.id,
        kind=ExemplarKind.INDIVIDUAL,
        name="Nguyễn Thị Hoa",
        person_user_id=None,
        year_identified=2024,
        achievements="Sáng kiến cấp tỉnh",
    )
    db.session.add(exemplar)
    db.session.commit()
    office = login_as(world.office)
    office.get("/consideration/")  # the Office's first visit seeds the catalogue
    titles = {t.code: t.id for t in db.session.scalars(db.select(AwardTitle))}

    # 1. The Office opens the round (meeting before 01/07/2025: Decree 98 applies).
    response = office.post(
        "/consideration/new",
        data={
            "title": "Bình xét danh hiệu thi đua 6 tháng đầu năm 2025",
            "period_id": world.period.id,
            "year": 2025,
            "meeting_date": "2025-06-20",
            "location": "Phòng họp Sở",
        },
    )
    assert response.status_code == 302
    round_ = db.session.scalars(db.select(ConsiderationRound)).one()
    base = f"/consideration/{round_.id}"

    # 2. Three nominations: a staff member, a collective by name, an exemplar.
    for data in (
        {
            "award_title_id": titles["CSTD_CS"],
            "nominee_user_id": world.staff_a.id,
            "achievements": "Xuất sắc",
        },
        {
            "award_title_id": titles["TTLDXS"],
            "nominee_name": "Phòng Môi trường",
            "nominee_kind": "collective",
            "unit_id": world.unit_a.id,
        },
        {"award_title_id": titles["CSTD_TINH"], "exemplar_id": exemplar.id},
    ):
        assert office.post(f"{base}/nominations/new", data=data).status_code == 302
    first, second, third = db.session.scalars(db.select(Nomination).order_by(Nomination.id)).all()
    member_ids = [m.id for m in round_.members]

    # 3. The members vote; the fourth declares a conflict on the first nomination;
    #    the fifth is absent and the secretary records their written opinion.
    ballots = {
        0: {first.id: "agree", second.id: "agree", third.id: "agree"},
        1: {first.id: "agree", second.id: "disagree", third.id: "agree"},
        2: {first.id: "agree", second.id: "abstain", third.id: "abstain"},
        3: {first.id: "conflict", second.id: "agree", third.id: "agree"},
    }
    for index, ballot in ballots.items():
        client = login_as(council.users[index])
        response = client.post(f"{base}/vote", data={f"vote-{k}": v for k, v in ballot.items()})
        assert response.status_code == 302
    secretary = login_as(council.secretary)
    response = secretary.post(
        f"{base}/members/{member_ids[4]}/written-opinion",
        data={
            f"vote-{first.id}": "agree",
            f"vote-{second.id}": "disagree",
            f"vote-{third.id}": "agree",
        },
    )
    assert response.status_code == 302

    # Before closing the Office sees who voted, not how.
    page = login_as(world.office).get(base).get_data(as_text=True)
    assert "3/3" in page and 'id="results"' not in page
    assert "Vắng mặt (ý kiến bằng văn bản)" in page

    # 4. The Office closes the round.
    assert login_as(world.office).post(f"{base}/close").status_code == 302
    db.session.refresh(round_)
    assert not round_.is_open

    # 5. The results apply the threshold of each title, over all five members.
    html = login_as(council.users[2]).get(base).get_data(as_text=True)
    row = _row(html, first.id)  # 4 agree + 1 conflict: exactly 80% -> passes CSTD cơ sở
    assert "4/5" in row and "80,0%" in row and "Đạt" in row and "Không đạt" not in row
    assert "Từ 80% trở lên" in row and DECREE_98 in row
    row = _row(html, second.id)  # 2 of 5: not a majority
    assert "2/5" in row and "Không đạt" in row and "Trên 50%" in row
    row = _row(html, third.id)  # 4 of 5 = 80% < 90% for CSTD cấp tỉnh
    assert "4/5" in row and "Không đạt" in row and "Từ 90% trở lên" in row

    # 6. The minutes: members present and absent, each result, the signature places.
    minutes = login_as(world.viewer).get(f"{base}/minutes").get_data(as_text=True)
    assert "BIÊN BẢN" in minutes and "20/06/2025" in minutes
    assert "Có mặt: 4 người" in minutes and "Vắng mặt: 1 người" in minutes
    assert "Thành viên 5 - Chức vụ 5: có ý kiến bằng văn bản" in minutes
    assert "CHỦ TỊCH HỘI ĐỒNG" in minutes and "THƯ KÝ" in minutes
    assert council.chair.full_name in minutes and council.secretary.full_name in minutes
    assert "1/3 đề nghị đạt" in minutes
    # The same tally columns as the round page, for each nomination.
    assert "4/5" in minutes and "80,0%" in minutes and "2/5" in minutes and "40,0%" in minutes
    assert "Xung đột lợi ích" in minutes and "Tỷ lệ yêu cầu và căn cứ" in minutes
    assert "@media print" in minutes

    # 7. The nominee and the unit's coordinator were told; nobody else was.
    notes = db.session.scalars(
        db.select(Notification).where(Notification.category == "nomination_result")
    ).all()
    assert {n.user_id for n in notes} == {world.staff_a.id, world.coordinator_a.id}
    assert sum(n.user_id == world.coordinator_a.id for n in notes) == 3
    assert login_as(world.coordinator_a).get(base).status_code == 403
