"""One rule for who a title is for (issue 12, point 2), from every entry point: the
congress nominee form and service, the consideration nomination, the documents (the
achievement report and the Excel lists never print a mismatched title), the Office's
pages and the migration's report."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from portal.congress import services
from portal.congress.models import CongressNominee
from portal.congress.records import cycle_record, issuer_of, load_submission, submission_record
from portal.consideration import services as consideration
from portal.consideration.catalogue import title_fits, titles_for
from portal.consideration.models import AwardTitle, Nomination, TitleAudience
from portal.documents.achievement_report import build_achievement_report
from portal.documents.congress_lists import build_lists
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.rules import RuleError
from tests.factories import (
    award_title,
    make_congress_exemplar,
    make_submission,
    open_round,
    seat_council,
)

MIGRATION = Path(__file__).resolve().parents[2] / "migrations/versions/0007_congress.py"


@pytest.fixture
def setup(world):
    """Unit A's draft submission (one individual nominee), the catalogue, and a team."""
    person = make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa")
    team = make_congress_exemplar(world.unit_a, "Tổ Quan trắc", kind=ExemplarKind.COLLECTIVE)
    submission = make_submission(
        world.unit_a, world.period, award_title(world, "BK_UBND"), [person]
    )
    db.session.commit()
    return submission, person, team


def test_the_rule(world):
    individual, collective = award_title(world, "CSTD_CS"), award_title(world, "TTLDXS")
    both = award_title(world, "BK_UBND")
    assert title_fits(individual, ExemplarKind.INDIVIDUAL)
    assert not title_fits(individual, ExemplarKind.COLLECTIVE)
    assert title_fits(collective, ExemplarKind.COLLECTIVE)
    assert not title_fits(collective, ExemplarKind.INDIVIDUAL)
    assert title_fits(both, ExemplarKind.COLLECTIVE) and title_fits(both, ExemplarKind.INDIVIDUAL)
    assert titles_for([individual, collective, both], ExemplarKind.COLLECTIVE) == [
        collective,
        both,
    ]


def test_nominee_form_offers_only_fitting_titles(world, login_as, setup):
    submission, _person, team = setup
    client = login_as(world.coordinator_a)
    html = client.get(f"/congress/{submission.id}/nominees/new?exemplar_id={team.id}").get_data(
        as_text=True
    )
    assert "Tập thể lao động xuất sắc" in html and "Bằng khen của Chủ tịch UBND tỉnh" in html
    assert "Chiến sĩ thi đua cơ sở" not in html and "Chiến sĩ thi đua cấp tỉnh" not in html


def test_nominee_form_says_why_when_no_title_fits(world, login_as, setup):
    submission, _person, team = setup
    db.session.execute(
        db.update(AwardTitle)
        .where(AwardTitle.organization_id == world.org.id)
        .values(audience=TitleAudience.INDIVIDUAL)
    )
    db.session.commit()
    client = login_as(world.coordinator_a)
    html = client.get(f"/congress/{submission.id}/nominees/new?exemplar_id={team.id}").get_data(
        as_text=True
    )
    assert 'data-testid="no-title"' in html
    assert "Không có danh hiệu, hình thức khen thưởng nào dành cho tập thể “Tổ Quan trắc”" in html


def test_crafted_post_of_a_mismatched_title_is_refused_by_the_congress_route(
    world, login_as, setup
):
    submission, _person, team = setup
    client = login_as(world.coordinator_a)
    response = client.post(
        f"/congress/{submission.id}/nominees/new?exemplar_id={team.id}",
        data={
            "exemplar_id": team.id,
            "award_title_id": award_title(world, "CSTD_CS").id,
            "reason": "Giữ lại lý do",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert (
        "Danh hiệu “Chiến sĩ thi đua cơ sở” chỉ dành cho cá nhân, không áp dụng cho đối tượng "
        "là tập thể: “Tổ Quan trắc”." in html
    )
    assert "Giữ lại lý do" in html
    assert (
        db.session.scalar(db.select(CongressNominee).where(CongressNominee.exemplar_id == team.id))
        is None
    )


def test_the_congress_service_refuses_and_saves_nothing(world, setup):
    submission, person, team = setup
    with pytest.raises(RuleError) as error:
        services.add_nominee(
            submission,
            services.NomineeData(team.id, award_title(world, "CSTD_TINH").id, False, False, "", ""),
        )
    assert error.value.field == "award_title_id" and "Tổ Quan trắc" in str(error.value)
    db.session.rollback()
    nominee = submission.nominees[0]
    with pytest.raises(RuleError):  # an individual for a collective title, on update
        services.update_nominee(
            nominee,
            services.NomineeData(person.id, award_title(world, "TTLDXS").id, False, False, "", ""),
        )
    db.session.rollback()
    db.session.refresh(nominee)
    assert nominee.award_title.code == "BK_UBND"
    assert len(submission.nominees) == 1


def test_consideration_nomination_uses_the_same_rule(world, login_as, setup):
    _submission, person, team = setup
    seat_council(world)
    round_ = open_round(world, date(2025, 3, 10))
    with pytest.raises(RuleError) as error:
        consideration.add_nomination(
            round_,
            consideration.NomineeInput(award_title=award_title(world, "CSTD_CS"), exemplar=team),
        )
    assert error.value.field == "award_title_id" and "“Tổ Quan trắc”" in str(error.value)
    db.session.rollback()
    before = db.session.scalar(db.select(db.func.count(Nomination.id)))
    response = login_as(world.office).post(
        f"/consideration/{round_.id}/nominations/new",
        data={"award_title_id": award_title(world, "TTLDXS").id, "exemplar_id": person.id},
    )
    assert response.status_code == 200
    assert "chỉ dành cho tập thể" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Nomination.id))) == before


def _legacy_mismatch(world, setup) -> CongressNominee:
    """A nominee saved before the rule held: a collective with an individual title."""
    submission, _person, team = setup
    nominee = CongressNominee(
        unit_id=world.unit_a.id,
        submission_id=submission.id,
        exemplar_id=team.id,
        award_title_id=award_title(world, "CSTD_CS").id,
        reason="Cũ",
        achievements="Thành tích cũ",
    )
    db.session.add(nominee)
    db.session.commit()
    return nominee


def test_documents_never_print_a_mismatched_title(world, setup, tmp_path):
    _legacy_mismatch(world, setup)
    submission = setup[0]
    record = submission_record(load_submission(submission.id))
    team = next(n for n in record.nominees if n.collective)
    assert team.award_title == ""
    issuer, cycle = issuer_of(world.org), cycle_record(services.cycle_for(world.period))
    report = Document(
        build_achievement_report(team, issuer, cycle, date(2025, 6, 5), tmp_path / "t.docx")
    )
    text = "\n".join(p.text for p in report.paragraphs)
    assert "Tổ Quan trắc" in text and "Chiến sĩ thi đua" not in text
    workbook = load_workbook(build_lists([record], cycle, tmp_path / "l.xlsx"))
    printed = [c.value for row in workbook["Đề nghị khen thưởng"].iter_rows() for c in row]
    assert "Chiến sĩ thi đua cơ sở" not in printed and "Tổ Quan trắc" not in printed
    assert "Bằng khen của Chủ tịch UBND tỉnh" in printed  # the fitting one still is


def test_office_pages_warn_and_submission_is_refused(world, login_as, setup):
    nominee = _legacy_mismatch(world, setup)
    office = login_as(world.office)
    index = office.get("/congress/").get_data(as_text=True)
    assert 'data-testid="title-mismatch"' in index and "Tổ Quan trắc" in index
    view = office.get(f"/congress/{nominee.submission_id}").get_data(as_text=True)
    assert 'data-testid="title-mismatch"' in view and "Chiến sĩ thi đua cơ sở" in view
    login_as(world.coordinator_a).post(f"/congress/{nominee.submission_id}/actions/submit")
    db.session.refresh(nominee)
    assert str(nominee.submission.state) == "draft"  # refused, and nothing deleted
    assert db.session.get(CongressNominee, nominee.id) is not None


def test_the_migration_reports_mismatches_without_deleting(world, setup):
    spec = importlib.util.spec_from_file_location("migration_0007_congress", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    connection = db.session.connection()
    assert "Không có đề xuất Đại hội nào" in module.mismatch_report(connection)[0]
    nominee = _legacy_mismatch(world, setup)
    lines = module.mismatch_report(db.session.connection())
    assert lines[0].startswith("CẢNH BÁO: 1 đề xuất")
    assert f"đề xuất số {nominee.id}" in lines[1] and "“Chiến sĩ thi đua cơ sở”" in lines[1]
    assert "tập thể “Tổ Quan trắc”" in lines[1]
    assert db.session.get(CongressNominee, nominee.id) is not None


def test_the_demo_seeder_corrects_mismatched_titles(world, setup):
    from portal.demo.congress import _correct_titles

    nominee = _legacy_mismatch(world, setup)
    _correct_titles(world.period, services.award_titles(world.org.id))
    db.session.commit()
    db.session.refresh(nominee)
    assert title_fits(nominee.award_title, nominee.exemplar)
    assert services.period_title_mismatches([nominee.submission]) == []
