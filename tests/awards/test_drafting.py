"""Draft decisions from a closed round: only the passed nominations, one decision per
title, never twice; and the draft as a Word document in the Decree 30 format."""

from __future__ import annotations

import io

import docx
from sqlalchemy import select

from portal.awards.models import AwardDecision, DecisionSource, DecisionStatus
from portal.consideration.models import Nomination
from portal.extensions import db
from tests.awards.conftest import count_decisions, count_recipients
from tests.factories import closed_round_with_results, open_round, seat_council


def _decisions() -> dict[str, AwardDecision]:
    rows = db.session.scalars(select(AwardDecision)).all()
    return {d.award_title.code: d for d in rows}


def test_a_closed_round_gives_one_draft_per_title_with_only_the_passed(world, login_as):
    round_ = closed_round_with_results(world, passed=2, failed=1)
    client = login_as(world.office)
    assert round_.title in client.get("/awards/from-round").get_data(as_text=True)
    response = client.post(f"/awards/from-round/{round_.id}")
    assert response.status_code == 302
    decisions = _decisions()
    assert set(decisions) == {"CSTD_CS", "TTLDXS"}
    cstd = decisions["CSTD_CS"]
    assert [r.name for r in cstd.recipients] == ["Đạt 1", "Đạt 2"]
    assert cstd.status == DecisionStatus.DRAFT and cstd.source == DecisionSource.ROUND
    assert cstd.round_id == round_.id and cstd.year == round_.year
    assert cstd.form_name == "Chiến sĩ thi đua cơ sở" and cstd.number == ""
    passed = {n.id for n in round_.nominations if n.result.passed}
    assert {r.nomination_id for r in cstd.recipients} < passed
    assert all(r.unit_id == world.unit_a.id and r.name_key for r in cstd.recipients)
    assert [r.name for r in decisions["TTLDXS"].recipients] == ["Người đề nghị 1"]
    page = client.get(f"/awards/{cstd.id}").get_data(as_text=True)
    assert f'href="/consideration/{round_.id}"' in page and "Không đạt 3" not in page


def test_drafting_twice_duplicates_nothing_and_adds_what_is_missing(world, login_as):
    round_ = closed_round_with_results(world)
    client = login_as(world.office)
    client.post(f"/awards/from-round/{round_.id}")
    before = (count_decisions(), count_recipients())
    client.post(f"/awards/from-round/{round_.id}")
    assert (count_decisions(), count_recipients()) == before == (2, 3)
    # A recipient removed by hand comes back; the amounts set meanwhile stay.
    cstd = _decisions()["CSTD_CS"]
    cstd.recipients[0].amount_vnd = 3_000_000
    cstd.recipients.remove(cstd.recipients[1])
    db.session.commit()
    client.post(f"/awards/from-round/{round_.id}")
    db.session.expire_all()
    cstd = _decisions()["CSTD_CS"]
    assert [(r.name, r.amount_vnd) for r in cstd.recipients] == [
        ("Đạt 1", 3_000_000),
        ("Đạt 2", None),
    ]


def test_an_open_round_gives_no_draft(world, login_as):
    seat_council(world)
    round_ = open_round(world)
    response = login_as(world.office).post(f"/awards/from-round/{round_.id}", follow_redirects=True)
    assert "Chỉ dự thảo quyết định từ phiên bình xét đã kết thúc" in response.get_data(as_text=True)
    assert count_decisions() == 0


def test_a_passed_nominee_without_a_unit_is_named_and_left_out(world, login_as):
    round_ = closed_round_with_results(world, passed=1, failed=0)
    nomination = db.session.scalar(select(Nomination).where(Nomination.nominee_name == "Đạt 1"))
    nomination.unit_id = None
    db.session.commit()
    response = login_as(world.office).post(f"/awards/from-round/{round_.id}", follow_redirects=True)
    assert "không thuộc đơn vị nào của Sở: Đạt 1" in response.get_data(as_text=True)
    assert [r.name for r in _decisions()["CSTD_CS"].recipients] == []


def test_the_draft_is_a_decree_30_word_document_with_the_recipients_appended(world, login_as):
    round_ = closed_round_with_results(world)
    client = login_as(world.office)
    client.post(f"/awards/from-round/{round_.id}")
    cstd = _decisions()["CSTD_CS"]
    cstd.recipients[0].amount_vnd = 1_500_000
    db.session.commit()
    response = client.get(f"/awards/{cstd.id}/decision.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    header = document.tables[0]
    header_text = "\n".join(cell.text for cell in header.rows[0].cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header_text
    assert "Độc lập - Tự do - Hạnh phúc" in header_text and "Số: ..." in header_text
    body = "\n".join(p.text for p in document.paragraphs)
    assert "QUYẾT ĐỊNH" in body and "Điều 1. Tặng Chiến sĩ thi đua cơ sở" in body
    appendix = document.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in appendix.rows]
    assert rows[0][:2] == ["STT", "Tên tập thể, cá nhân"]
    assert [row[1] for row in rows[1:]] == ["Đạt 1", "Đạt 2"]
    assert rows[1][4] == "1.500.000 ₫"
    assert "Không đạt 3" not in body + str(rows)
    # Only the Office downloads the draft.
    assert login_as(world.coordinator_a).get(f"/awards/{cstd.id}/decision.docx").status_code == 403
