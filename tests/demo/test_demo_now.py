"""The whole demo, built on an empty database around a pinned "now": 2023-2025 is
history, the current plan period covers today, and the live obligations are in
believable numbers (a few overdue, some due soon, some done). One seed for the
module's tests would need a module-scoped database: the tests share `seeded`."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from portal import demo
from portal.annualreports.models import AnnualReport
from portal.assessments.models import SelfAssessment
from portal.congress.models import CongressSubmission
from portal.consideration.models import ConsiderationRound, RoundStatus
from portal.dashboards.services import obligations
from portal.deadlines.models import Deadline, DeadlineCompletion, DeadlineKind
from portal.demo.timeline import current_span
from portal.exemplars.models import Exemplar, ExemplarEvent
from portal.exemplars.quota import unit_quota
from portal.extensions import db
from portal.formatting import VN_TZ
from portal.inspections.models import InspectionFinding
from portal.inspections.services import is_overdue
from portal.models_base import as_utc
from portal.organizations.models import Unit
from portal.periods.models import PlanPeriod, current_period
from portal.periods.services import period_for_year
from portal.reviews.deadlines import Punctuality
from portal.reviews.states import ReviewState

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=VN_TZ)
TODAY = NOW.date()
DONE_STATES = {ReviewState.SUBMITTED, ReviewState.RESUBMITTED, ReviewState.ACCEPTED}


@pytest.fixture
def seeded(app, monkeypatch):
    # Every demo account's password hashed once, not 45 times with scrypt.
    monkeypatch.setattr("portal.accounts.models.generate_password_hash", lambda *a, **k: "demo")
    return demo.seed("demo-password-1", now=NOW)


def _units(org) -> list[Unit]:
    return list(db.session.scalars(select(Unit).where(Unit.organization_id == org.id)))


def _overdue_units(org, period: PlanPeriod, year: int) -> set[str]:
    """The units the dashboard shows "Quá hạn, chưa nộp" for `year` (either record)."""
    rows = obligations(_units(org), period, year, TODAY, as_utc(NOW))
    return {
        row.unit.name
        for row in rows
        if Punctuality.OVERDUE in (row.assessment.punctuality, row.report.punctuality)
    }


def test_the_history_is_over_and_the_current_period_covers_today(seeded):
    org = seeded
    current = current_period(org.id)
    assert current is not None and current.name == "2026-2030"
    assert current.start_year <= TODAY.year <= current.end_year
    assert period_for_year(org.id, TODAY.year) == current  # "Chỉ tiêu năm 2026" has a period
    history = db.session.scalar(select(PlanPeriod).where(PlanPeriod.name == "2023-2025"))
    assert history is not None and not history.is_current

    # No round of a past year is still voting; this year's round meets soon.
    rounds = db.session.scalars(select(ConsiderationRound)).all()
    past = [r for r in rounds if r.year < TODAY.year]
    assert {r.year for r in past} == {2024, 2025}
    assert all(r.status == RoundStatus.CLOSED and r.minutes_number for r in past)
    assert all(as_utc(r.closed_at).year == r.year for r in past)
    (open_round,) = [r for r in rounds if r.status == RoundStatus.OPEN]
    assert open_round.year == TODAY.year and open_round.period_id == current.id
    assert TODAY < open_round.meeting_date <= TODAY + timedelta(days=31)

    # Every yearly record of a past year was accepted in the end.
    for model in (SelfAssessment, AnnualReport):
        states = set(db.session.scalars(select(model.state).where(model.year < TODAY.year)))
        assert states == {ReviewState.ACCEPTED}
    # The Q2-2025 congress: every unit that held its conference was accepted.
    congress = db.session.scalars(select(CongressSubmission)).all()
    assert len(congress) >= 3 and {s.state for s in congress} == {ReviewState.ACCEPTED}
    assert {s.period_id for s in congress} == {history.id}


def test_past_years_have_few_overdue_units(seeded):
    org = seeded
    history = db.session.scalar(select(PlanPeriod).where(PlanPeriod.name == "2023-2025"))
    for year in history.years:
        assert 1 <= len(_overdue_units(org, history, year)) <= 3, year


def test_the_current_year_has_live_obligations(seeded):
    org = seeded
    current = current_period(org.id)
    units = _units(org)
    assert len(units) == 14
    # Self-assessments and reports of this year: due 15/12, none overdue yet, some done.
    assert _overdue_units(org, current, TODAY.year) == set()
    done = db.session.scalar(
        select(func.count(SelfAssessment.id)).where(
            SelfAssessment.year == TODAY.year, SelfAssessment.state.in_(DONE_STATES)
        )
    )
    assert 4 <= done <= 10
    assert db.session.scalar(
        select(func.count(SelfAssessment.id)).where(
            SelfAssessment.year == TODAY.year, SelfAssessment.state == ReviewState.RETURNED
        )
    )

    # The Office's other deadlines: a few units overdue, some due soon, some done.
    now = as_utc(NOW)
    deadlines = db.session.scalars(
        select(Deadline).where(
            Deadline.period_id == current.id, Deadline.kind == DeadlineKind.OTHER
        )
    ).all()
    overdue = [d for d in deadlines if as_utc(d.due_at) < now]
    due_soon = [d for d in deadlines if now < as_utc(d.due_at) <= now + timedelta(days=14)]
    assert overdue and due_soon
    for deadline in overdue:
        late = len(units) - _completions(deadline)
        assert 1 <= late <= 3, deadline.title
    for deadline in due_soon:
        assert 0 < _completions(deadline) < len(units), deadline.title
    yearly = db.session.scalars(
        select(Deadline).where(
            Deadline.period_id == current.id, Deadline.kind != DeadlineKind.OTHER
        )
    ).all()
    assert {(d.kind, d.year) for d in yearly} == {
        (DeadlineKind.SELF_ASSESSMENT, TODAY.year),
        (DeadlineKind.ANNUAL_REPORT, TODAY.year),
    }

    # Inspection findings: one overdue of all; the history's all closed.
    findings = db.session.scalars(select(InspectionFinding)).all()
    assert sum(is_overdue(f, TODAY) for f in findings) == 1

    # This year's exemplars: some units already build their quota of the year.
    quota = unit_quota([u.id for u in units], [TODAY.year])
    assert sum(1 for count in quota.values() if count) >= 5
    assert (
        db.session.scalar(
            select(func.count(ExemplarEvent.id)).where(ExemplarEvent.occurred_on > TODAY)
        )
        == 0
    )


def _completions(deadline: Deadline) -> int:
    return db.session.scalar(
        select(func.count(DeadlineCompletion.id)).where(
            DeadlineCompletion.deadline_id == deadline.id
        )
    )


def test_a_second_run_adds_nothing(seeded):
    models = (PlanPeriod, SelfAssessment, AnnualReport, ConsiderationRound, Deadline, Exemplar)
    before = [db.session.scalar(select(func.count()).select_from(m)) for m in models]
    demo.seed("demo-password-1", now=NOW)
    assert [db.session.scalar(select(func.count()).select_from(m)) for m in models] == before


def test_the_current_span_follows_five_year_plans():
    assert current_span(TODAY) == (2026, 2030)
    assert current_span(TODAY.replace(year=2031)) == (2031, 2035)


def test_flask_demo_builds_around_the_day_given(app, monkeypatch):
    seen = {}

    def fake_seed(password, now=None):
        seen.update(password=password, now=now)
        return type("Org", (), {"name": "Sở thử"})()

    monkeypatch.setattr(demo, "seed", fake_seed)
    result = app.test_cli_runner().invoke(args=["demo", "--today", "03/12/2026"])
    assert result.exit_code == 0, result.output
    assert seen["now"].astimezone(VN_TZ).date() == TODAY
    assert "03/12/2026" in result.output
    result = app.test_cli_runner().invoke(args=["demo", "--today", "tomorrow"])
    assert result.exit_code != 0 and seen["now"].astimezone(VN_TZ).date() == TODAY
