"""The dashboards on the demo data, in Chromium: each person lands on their own, every
chart is drawn by the vendored Chart.js with data in it, the matrix is filled, the
Excel export downloads, and the pages pass axe."""

from __future__ import annotations

import zipfile

from playwright.sync_api import Page, expect

from tests.e2e.browser import COORDINATOR, COUNCIL, OFFICE, VIEWER, check_page, login

ORGANISATION_CHARTS = 5  # statuses, per year, propagation, findings, reminders


def drawn_charts(page: Page) -> list[dict]:
    """What Chart.js drew on each canvas: its type and the sum of its data (once the
    page's scripts have run: the heading shows before the scripts at the end load)."""
    page.wait_for_load_state("load")
    page.wait_for_function(
        """() => typeof Chart !== 'undefined' && [...document.querySelectorAll(
            'canvas[data-chart-source]')].every(canvas => Chart.getChart(canvas))"""
    )
    return page.evaluate(
        """() => [...document.querySelectorAll('canvas[data-chart-source]')].map(canvas => {
            const chart = Chart.getChart(canvas);
            if (!chart) return {drawn: false, total: 0};
            const total = chart.data.datasets.reduce(
                (sum, d) => sum + d.data.reduce((a, b) => a + (Number(b) || 0), 0), 0);
            return {drawn: true, type: chart.config.type, total};
        })"""
    )


def test_the_office_lands_on_a_dashboard_with_every_chart_drawn(page, tmp_path):
    login(page, OFFICE)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tổng quan chương trình điển hình tiên tiến"
    )
    matrix = page.get_by_role("table").first
    assert matrix.get_by_role("row").count() > 10  # the demo's 14 units, and the totals
    charts = drawn_charts(page)
    assert len(charts) == ORGANISATION_CHARTS
    assert all(chart["drawn"] and chart["total"] > 0 for chart in charts), charts
    check_page(page, "dash-01-office")

    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    with zipfile.ZipFile(path) as workbook:
        sheets = [n for n in workbook.namelist() if n.startswith("xl/worksheets/sheet")]
    assert len(sheets) == ORGANISATION_CHARTS + 1  # the matrix and one sheet per chart

    # From a unit's row to that unit's own dashboard.
    page.get_by_role("link", name="Phòng Môi trường", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Phòng Môi trường")
    assert all(chart["drawn"] for chart in drawn_charts(page))
    check_page(page, "dash-02-unit-from-office")


def test_the_director_reads_the_same_dashboard_without_edit_buttons(page):
    login(page, VIEWER)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tổng quan chương trình điển hình tiên tiến"
    )
    assert all(chart["drawn"] and chart["total"] > 0 for chart in drawn_charts(page))
    expect(page.get_by_role("button", name="Lưu")).to_have_count(0)
    check_page(page, "dash-03-director")


def test_a_council_member_and_a_coordinator_see_their_own_dashboards(new_page):
    member, coordinator = new_page(), new_page()
    login(member, COUNCIL[0])
    expect(member.get_by_role("heading", level=1)).to_contain_text("Hội đồng")
    check_page(member, "dash-04-council-member")

    login(coordinator, COORDINATOR)
    coordinator.goto("/dashboards/")
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text("Phòng Môi trường")
    assert all(chart["drawn"] for chart in drawn_charts(coordinator))
    expect(coordinator.get_by_role("heading", name="Việc sắp đến hạn")).to_be_visible()
    check_page(coordinator, "dash-05-unit-coordinator")
