"""Issue 12, point 4: the Office puts the accepted congress submissions before the council
in one action (idempotent, audited), the Department's proposal lists only the nominees the
council passed, grouped by title with counts, citing the meeting, and the dossier carries
the minutes of that round only."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from docx import Document
from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.audit import AuditLog
from portal.compilations.models import CompilationStatus
from portal.compilations.services import start_compilation
from portal.compilations.storage import archive_path
from portal.congress import council_round
from portal.congress import services as congress
from portal.congress.models import CongressNominee
from portal.congress.records import cycle_record, issuer_of, load_submission
from portal.consideration import services as consideration
from portal.consideration import voting
from portal.consideration.models import ConsiderationRound, Nomination, VoteChoice
from portal.documents.proposal import build_department_proposal
from portal.exemplars.models import Exemplar, ExemplarKind
from portal.extensions import db
from portal.reviews.services import transition
from portal.reviews.states import ReviewAction
from sampledata.world import make_user
from tests.factories import (
    award_title,
    complete_profiles,
    make_congress_exemplar,
    make_unit,
    open_round,
    seat_council,
)

MEETING = date(2025, 6, 10)  # Decree 98/2023 rules in force
A, D, X, C = VoteChoice.AGREE, VoteChoice.DISAGREE, VoteChoice.ABSTAIN, VoteChoice.CONFLICT


def _submission(world, unit, coordinator, proposals, accept=True):
    """A submission of `unit` with (name, kind, title code or None) nominees, submitted
    and (when `accept`) accepted by the Office."""
    submission = congress.create_submission(unit.id, world.period)
    exemplars = [make_congress_exemplar(unit, name, kind=kind) for name, kind, _c in proposals]
    congress.save_conference(
        submission,
        {
            "conference_date": date(2025, 5, 20),
            "attendance": 60,
            "chaired_by": "Trưởng phòng",
            "period_summary": "Tổng kết giai đoạn 2020-2025.",
        },
        [e.id for e in exemplars],
    )
    for exemplar, (_n, _k, code) in zip(exemplars, proposals, strict=True):
        congress.add_nominee(
            submission,
            congress.NomineeData(
                exemplar_id=exemplar.id,
                award_title_id=award_title(world, code).id if code else None,
                sector_delegate=code is None,
                provincial_delegate=False,
                reason="Tiêu biểu",
                achievements="Thành tích",
                delegate=congress.DelegateData(birth_year=1980) if code is None else None,
            ),
        )
    complete_profiles(unit, exemplars)
    transition(submission, ReviewAction.SUBMIT, coordinator)
    if accept:
        transition(submission, ReviewAction.ACCEPT, world.office)
    db.session.commit()
    return submission


@pytest.fixture
def accepted(world):
    seat_council(world, 3)
    a = _submission(
        world,
        world.unit_a,
        world.coordinator_a,
        [
            ("Tổ Quan trắc", ExemplarKind.COLLECTIVE, "GK_GD"),
            ("Nguyễn Thị Hoa", ExemplarKind.INDIVIDUAL, "GK_GD"),
            ("Trần Văn Đại biểu", ExemplarKind.INDIVIDUAL, None),  # delegate only
        ],
    )
    b = _submission(
        world,
        world.unit_b,
        world.coordinator_b,
        [
            ("Lê Minh Tuấn", ExemplarKind.INDIVIDUAL, "CSTD_CS"),
            ("Phạm Văn Bình", ExemplarKind.INDIVIDUAL, "GK_GD"),
        ],
    )
    return a, b


def _send(client, world, **fields):
    data = {"round_id": "0", "meeting_date": MEETING.isoformat(), "location": "Phòng họp 1"}
    data.update(fields)
    return client.post(f"/congress/council/periods/{world.period.id}", data=data)


def _nominee(name):
    return db.session.scalar(select(CongressNominee).join(Exemplar).where(Exemplar.name == name))


def _rounds():
    return db.session.scalar(select(func.count(ConsiderationRound.id)))


def test_one_action_opens_a_round_with_the_accepted_titles_and_is_idempotent(
    world, accepted, login_as
):
    client = login_as(world.office)
    page = client.get(f"/congress/period/{world.period.id}")  # not a page: 404
    assert page.status_code == 404
    page = client.get(f"/congress/council/periods/{world.period.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Đưa các đề nghị đã chấp nhận ra Hội đồng xét" in html
    assert html.count("Chưa đưa ra Hội đồng xét") == 4  # the delegate-only one has no title

    response = _send(client, world)
    assert response.status_code == 302
    round_ = db.session.scalars(select(ConsiderationRound)).one()
    assert response.headers["Location"].endswith(f"/consideration/{round_.id}")
    assert round_.meeting_date == MEETING and round_.year == 2025 and len(round_.members) == 3
    names = sorted(n.nominee_name for n in round_.nominations)
    assert names == ["Lê Minh Tuấn", "Nguyễn Thị Hoa", "Phạm Văn Bình", "Tổ Quan trắc"]
    for nomination in round_.nominations:
        nominee = _nominee(nomination.nominee_name)
        assert nominee.nomination_id == nomination.id
        assert nomination.award_title_id == nominee.award_title_id
        assert nomination.exemplar_id == nominee.exemplar_id
        assert nomination.unit_id == nominee.unit_id
    assert _nominee("Trần Văn Đại biểu").nomination_id is None

    # A second click adds nothing, opens no second round, and says why.
    again = _send(client, world)
    assert again.status_code == 200
    assert "Không có đề nghị nào mới" in again.get_data(as_text=True)
    assert _rounds() == 1
    assert db.session.scalar(select(func.count(Nomination.id))) == 4
    # The action is in the audit log: the round, its nominations and the links.
    logged = {
        (row.object_type, row.action)
        for row in db.session.scalars(select(AuditLog).where(AuditLog.actor_id == world.office.id))
    }
    assert {("ConsiderationRound", "create"), ("Nomination", "create")} <= logged
    assert ("CongressNominee", "update") in logged


def test_a_later_acceptance_is_added_to_the_open_round_only_for_the_new_nominees(
    world, accepted, login_as
):
    client = login_as(world.office)
    _send(client, world)
    round_ = db.session.scalars(select(ConsiderationRound)).one()
    late_unit = make_unit(world.org, "Phòng Khoáng sản")
    coordinator = make_user(world.org, "ks@example.vn", (Role.COORDINATOR, late_unit))
    _submission(
        world,
        late_unit,
        coordinator,
        [("Tổ Khoáng sản", ExemplarKind.COLLECTIVE, "GK_GD")],
    )
    response = _send(client, world, round_id=str(round_.id), meeting_date="")
    assert response.status_code == 302
    db.session.expire_all()
    assert _rounds() == 1
    names = [n.nominee_name for n in round_.nominations]
    assert len(names) == 5 and names.count("Tổ Khoáng sản") == 1


def test_submissions_not_accepted_are_not_sent(world, login_as):
    seat_council(world, 3)
    _submission(
        world,
        world.unit_a,
        world.coordinator_a,
        [("Tổ Quan trắc", ExemplarKind.COLLECTIVE, "GK_GD")],
        accept=False,
    )
    response = _send(login_as(world.office), world)
    assert "Không có đề nghị nào mới" in response.get_data(as_text=True)
    assert _rounds() == 0


def test_a_new_round_needs_a_meeting_date_and_nothing_is_half_done(world, accepted, login_as):
    response = _send(login_as(world.office), world, meeting_date="")
    assert response.status_code == 200
    assert "Nhập ngày họp Hội đồng" in response.get_data(as_text=True)
    assert _rounds() == 0
    assert db.session.scalar(select(func.count(CongressNominee.nomination_id))) == 0


def test_foreign_ids_are_404_and_others_may_not_send(world, accepted, login_as):
    url = f"/congress/council/periods/{world.period.id}"
    assert login_as(world.foreign_office).get(url).status_code == 404
    assert login_as(world.foreign_office).post(url, data={}).status_code == 404
    assert (
        login_as(world.office)
        .get(f"/congress/council/periods/{world.foreign_period.id}")
        .status_code
        == 404
    )
    assert login_as(world.coordinator_a).get(url).status_code == 403
    # A round of another organization cannot be chosen by a crafted POST.
    foreign = ConsiderationRound(
        organization_id=world.other_org.id,
        period_id=world.foreign_period.id,
        title="Phiên khác",
        year=2025,
        meeting_date=MEETING,
    )
    db.session.add(foreign)
    db.session.commit()
    response = _send(login_as(world.office), world, round_id=str(foreign.id))
    assert response.status_code == 200
    assert db.session.scalar(select(func.count(Nomination.id))) == 0


def _vote_and_close(world, round_):
    """Chair, secretary, member: Tổ passes 2/3 (member's conflict), Hoa 3/3, Tuấn 3/3
    (80% rule), Bình fails (all disagree)."""
    by_name = {n.nominee_name: n.id for n in round_.nominations}
    ballots = [
        {"Tổ Quan trắc": A, "Nguyễn Thị Hoa": A, "Lê Minh Tuấn": A, "Phạm Văn Bình": D},
        {"Tổ Quan trắc": A, "Nguyễn Thị Hoa": A, "Lê Minh Tuấn": A, "Phạm Văn Bình": D},
        {"Tổ Quan trắc": C, "Nguyễn Thị Hoa": A, "Lê Minh Tuấn": A, "Phạm Văn Bình": X},
    ]
    for member, ballot in zip(round_.members, ballots, strict=True):
        voting.cast_votes(round_, member, {by_name[k]: v for k, v in ballot.items()})
    consideration.close_round(round_, world.office, notify_people=False)
    db.session.commit()


def _text(document) -> str:
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_proposal_lists_only_passed_nominees_grouped_with_counts_and_cites_the_meeting(
    world, accepted, login_as, tmp_path
):
    _send(login_as(world.office), world)
    round_ = db.session.scalars(select(ConsiderationRound)).one()
    _vote_and_close(world, round_)
    submissions = [load_submission(s.id) for s in accepted]
    decision = council_round.council_decision(submissions)
    assert [p.nominee.name for p in decision.passed] == [
        "Nguyễn Thị Hoa",
        "Tổ Quan trắc",
        "Lê Minh Tuấn",
    ]
    assert decision.failed == 1 and decision.undecided == 0
    path = build_department_proposal(
        decision,
        issuer_of(world.org),
        cycle_record(congress.cycle_for(world.period)),
        date(2025, 6, 20),
        tmp_path / "to-trinh.docx",
    )
    document = Document(path)
    text = _text(document)
    assert "Phạm Văn Bình" not in text and "Trần Văn Đại biểu" not in text
    number = round_.minutes_number
    assert f"số {number} ngày 10/06/2025" in text
    assert "kính trình xem xét khen thưởng 3 (1 tập thể, 2 cá nhân)" in text
    assert "1. Giấy khen của Giám đốc Sở: 2 (1 tập thể, 1 cá nhân)." in text
    assert "2. Chiến sĩ thi đua cơ sở: 1 (0 tập thể, 1 cá nhân)." in text
    assert "4 đề nghị khen thưởng; 3 đề nghị đạt" in text
    gk = [[c.text for c in r.cells] for r in document.tables[1].rows[1:]]
    assert gk == [
        ["1", "Nguyễn Thị Hoa", "Phòng Môi trường", "100,0%", f"{number} ngày 10/06/2025"],
        ["2", "Tổ Quan trắc", "Phòng Môi trường", "66,7%", f"{number} ngày 10/06/2025"],
    ]
    cstd = [[c.text for c in r.cells] for r in document.tables[2].rows[1:]]
    assert [r[1] for r in cstd] == ["Lê Minh Tuấn"]


def test_undecided_titles_are_left_out_and_counted(world, accepted, login_as, tmp_path):
    _send(login_as(world.office), world)  # the round is still open
    decision = council_round.council_decision([load_submission(s.id) for s in accepted])
    assert decision.passed == [] and decision.undecided == 4
    path = build_department_proposal(
        decision,
        issuer_of(world.org),
        cycle_record(congress.cycle_for(world.period)),
        date(2025, 6, 20),
        tmp_path / "t.docx",
    )
    text = _text(Document(path))
    assert "Còn 4 đề nghị chưa có kết quả bình xét" in text
    assert "Tổ Quan trắc" not in text


def test_the_unit_and_the_office_see_the_result_on_the_submission(world, accepted, login_as):
    a, _b = accepted
    _send(login_as(world.office), world)
    round_ = db.session.scalars(select(ConsiderationRound)).one()
    html = login_as(world.coordinator_a).get(f"/congress/{a.id}").get_data(as_text=True)
    assert "Đang chờ Hội đồng xét (họp ngày 10/06/2025)" in html
    assert "Hội đồng: Đạt" not in html  # nothing of the votes before the close
    _vote_and_close(world, round_)
    html = login_as(world.coordinator_b).get(f"/congress/{_b.id}").get_data(as_text=True)
    assert "Hội đồng: Không đạt" in html  # Bình
    assert "0/3 thành viên đồng ý (0,0%)" in html
    assert "Hội đồng: Đạt" in html  # Tuấn
    office = login_as(world.office).get(f"/congress/council/periods/{world.period.id}")
    page = office.get_data(as_text=True)
    assert page.count("Hội đồng: Đạt") == 3 and page.count("Hội đồng: Không đạt") == 1
    assert "Không có đề nghị nào mới để đưa ra Hội đồng." in page


def test_the_dossier_carries_the_minutes_of_that_round_not_an_unrelated_one(
    world, accepted, login_as, run_jobs, app
):
    app.config["DOSSIER_PDF"] = False
    unrelated = open_round(world, meeting_date=date(2025, 3, 10), codes=("GK_GD",))
    for member in unrelated.members:
        voting.cast_votes(unrelated, member, {unrelated.nominations[0].id: A})
    consideration.close_round(unrelated, world.office, notify_people=False)
    db.session.commit()
    _send(login_as(world.office), world)
    round_ = db.session.scalars(
        select(ConsiderationRound).where(ConsiderationRound.id != unrelated.id)
    ).one()
    _vote_and_close(world, round_)
    compilation = start_compilation("congress_submission", world.period, world.office)
    db.session.commit()
    run_jobs("long")
    db.session.refresh(compilation)
    assert compilation.status == CompilationStatus.DONE, compilation.error
    with zipfile.ZipFile(archive_path(compilation)) as archive:
        names = archive.namelist()
        minutes = [n for n in names if n.startswith("so/bien-ban-")]
        assert minutes == [f"so/bien-ban-{round_.id}.docx"]
        proposal = _text(Document(io.BytesIO(archive.read("so/to-trinh-cua-so.docx"))))
    assert "Lê Minh Tuấn" in proposal and "Phạm Văn Bình" not in proposal
    assert round_.minutes_number in proposal
