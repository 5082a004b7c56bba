"""The matrix of units against their obligations: the numbers, the states, the
links and the totals, for the known programme of conftest.py (year 2024)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from portal.council.planning import Coverage
from portal.dashboards import cells
from portal.dashboards.services import default_year, obligations, select_period_year
from portal.reviews.deadlines import Punctuality
from portal.reviews.states import ReviewState
from tests.factories import make_period

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 3, tzinfo=UTC)


def _cell(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}".*?</(td|section)>', html, re.S)
    assert match, testid
    return match.group(0)


def test_obligations_of_each_unit(programme):
    world = programme.world
    a, b = obligations([world.unit_a, world.unit_b], world.period, 2024, TODAY, NOW)
    assert a.quota_count == 2 and a.quota_flag == "ok"
    assert b.quota_count == 0 and b.quota_flag == "below"
    assert a.assessment.record.state == ReviewState.SUBMITTED
    assert a.assessment.punctuality == Punctuality.ON_TIME
    assert a.report.record is None and a.report.punctuality == Punctuality.OVERDUE
    assert b.assessment.record.state == ReviewState.ACCEPTED
    assert b.report.punctuality == Punctuality.LATE
    assert (a.planned_inspections, a.done_inspections, a.coverage) == (1, 1, Coverage.DONE)
    assert (b.planned_inspections, b.done_inspections, b.coverage) == (0, 0, Coverage.NOT_COVERED)
    assert (a.open_findings, a.overdue_findings) == (2, 1)
    assert (b.open_findings, b.overdue_findings) == (0, 0)
    assert a.congress.state == ReviewState.DRAFT and b.congress is None
    # No congress deadline set by the Office: no punctuality to judge.
    assert a.congress_punctuality is None


def test_other_years_count_apart(programme):
    world = programme.world
    a, b = obligations([world.unit_a, world.unit_b], world.period, 2023, TODAY, NOW)
    # The exemplar recognised in 2024 counts for 2024 only (portal.exemplars.quota).
    assert (a.quota_count, b.quota_count) == (0, 1)
    assert a.done_inspections == 0 and a.open_findings == 0
    assert a.assessment.record is None


def test_cells_rows_and_totals(programme, app):
    world = programme.world
    facts = obligations([world.unit_a, world.unit_b], world.period, 2024, TODAY, NOW)
    with app.test_request_context():
        rows = cells.matrix_rows(facts, world.period, 2024)
        totals = cells.column_totals(rows)
    a, b = ({c.key: c for c in row.cells} for row in rows)
    assert a["quota"].met and a["quota"].text == "2" and a["quota"].tone == "success"
    assert not b["quota"].met and b["quota"].tone == "danger"
    assert a["report"].tone == "danger" and a["report"].label == "Chưa lập"
    assert a["report"].detail == "Quá hạn, chưa nộp"
    assert b["report"].met and b["report"].detail == "Nộp muộn"
    assert a["inspections"].text == "1 / 1" and a["inspections"].met
    assert a["overdue_findings"].tone == "danger" and not a["overdue_findings"].met
    assert b["open_findings"].met and b["open_findings"].label == "Không có"
    assert a["assessment"].url == f"/assessments/{programme.assessment_a.id}"
    assert a["overdue_findings"].url == (
        f"/inspections/findings?overdue=1&unit_id={world.unit_a.id}&year=2024"
    )
    # Unit A meets quota, assessment, inspection, congress? no (draft): 3 of 7.
    assert (rows[0].met, rows[0].counted) == (3, 7)
    # Unit B: assessment, report, no open and no overdue findings: 4 of 7.
    assert (rows[1].met, rows[1].counted) == (4, 7)
    by_key = {t.key: t for t in totals}
    assert (by_key["quota"].met, by_key["quota"].counted, by_key["quota"].values) == (1, 2, [2])
    assert by_key["inspections"].values == [1, 1] and by_key["inspections"].text == "1 / 1"
    assert by_key["open_findings"].values == [2] and by_key["overdue_findings"].values == [1]
    assert (by_key["assessment"].met, by_key["report"].met, by_key["congress"].met) == (2, 1, 0)


def test_the_page_shows_the_matrix_with_words_links_and_totals(programme, login_as):
    world = programme.world
    html = login_as(world.office).get("/dashboards/?year=2024").get_data(as_text=True)
    a, b = world.unit_a.id, world.unit_b.id
    quota = _cell(html, f"cell-{a}-quota")
    assert "Đạt (1-2)" in quota and 'data-tone="success"' in quota and ">2<" in quota
    report = _cell(html, f"cell-{a}-report")
    assert "Chưa lập" in report and "Quá hạn, chưa nộp" in report and 'data-tone="danger"' in report
    assert f'href="/assessments/{programme.assessment_b.id}"' in _cell(html, f"cell-{b}-assessment")
    assert "Đã chấp nhận" in _cell(html, f"cell-{b}-assessment")
    assert "1 / 1" in _cell(html, f"cell-{a}-inspections")
    assert re.search(r"3/7</strong>", _cell(html, f"row-total-{a}"))
    assert "1/2" in _cell(html, "column-total-quota")
    assert "2 / 0" not in html  # B planned/done is 0 / 0
    assert "0 / 0" in _cell(html, f"cell-{b}-inspections")
    # The unit's own dashboard is one click away from its row.
    assert f'href="/dashboards/units/{a}?period_id={world.period.id}&amp;year=2024"' in html


def test_default_year_and_selectors(programme, login_as):
    world = programme.world
    period = world.period
    assert default_year(period, date(2026, 3, 1)) == 2025  # after the period: its last year
    assert default_year(period, date(2024, 3, 1)) == 2024
    assert default_year(period, date(2020, 3, 1)) == 2023
    html = login_as(world.office).get("/dashboards/?year=1999").get_data(as_text=True)
    expected = default_year(period, datetime.now(UTC).date())
    assert f'<option value="{expected}" selected>' in html
    html = login_as(world.office).get("/dashboards/?year=2023").get_data(as_text=True)
    assert '<option value="2023" selected>' in html
    assert ">1<" in _cell(html, f"cell-{world.unit_b.id}-quota")  # B built one in 2023


def test_period_selector(programme, app, login_as):

    world = programme.world
    later = make_period(world.org, "2026-2030", 2026, 2030, current=False)
    selection = select_period_year(world.org.id, later.id, 2024, date(2027, 1, 5))
    assert (selection.period.id, selection.year) == (later.id, 2027)
    selection = select_period_year(world.org.id, None, None, date(2027, 1, 5))
    assert selection.period.id == world.period.id  # the one marked current
    client = login_as(world.office)
    html = client.get(f"/dashboards/?period_id={later.id}").get_data(as_text=True)
    assert f'<option value="{later.id}" selected>' in html
    assert client.get(f"/dashboards/?period_id={world.foreign_period.id}").status_code == 404


def test_no_period_yet(world, login_as):
    from portal.extensions import db

    db.session.delete(world.period)
    db.session.commit()
    response = login_as(world.office).get("/dashboards/")
    assert response.status_code == 200
    assert "Chưa có kỳ kế hoạch" in response.get_data(as_text=True)
