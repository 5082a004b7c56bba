"""The chart numbers for the known programme, their JSON in the page and their tables."""

from __future__ import annotations

import json
import re
from datetime import date

from portal.dashboards import charts
from portal.formatting import today_vn


def _series(chart) -> dict[str, list[int]]:
    return {s.key: s.data for s in chart.series}


def test_exemplars_by_status_per_unit(programme):
    world = programme.world
    chart = charts.exemplars_by_status([world.unit_a, world.unit_b], world.period)
    assert chart.labels == ["Phòng Môi trường", "Thanh tra Sở"]
    assert _series(chart) == {
        "candidate": [1, 1],
        "fostering": [1, 0],
        "recognised": [1, 0],
        "replicated": [0, 0],
        "dropped": [1, 0],
    }
    assert chart.stacked and chart.horizontal and chart.total == 5


def test_exemplars_identified_and_recognised_per_year(programme):
    world = programme.world
    chart = charts.exemplars_per_year([world.unit_a.id, world.unit_b.id], world.period)
    assert chart.labels == ["2023", "2024", "2025"]
    assert _series(chart) == {"identified": [2, 2, 1], "recognised": [0, 1, 0]}
    only_b = charts.exemplars_per_year([world.unit_b.id], world.period)
    assert _series(only_b) == {"identified": [1, 0, 0], "recognised": [0, 0, 0]}


def test_propagation_per_month_by_channel(programme):
    world = programme.world
    chart = charts.propagation_by_month([world.unit_a.id, world.unit_b.id], 2024)
    assert len(chart.labels) == 12 and chart.labels[2] == "Tháng 3"
    data = _series(chart)
    assert data["traditional"][2] == 2 and data["online"][2] == 1
    assert data["traditional"][10] == 1
    assert sum(data["traditional"]) + sum(data["online"]) == 4  # 2023 left out
    assert chart.rows()[2] == ["Tháng 3", 2, 1, 3]


def test_findings_by_severity_and_state(programme):
    world = programme.world
    chart = charts.findings_by_severity([world.unit_a.id, world.unit_b.id], 2024)
    assert chart.labels == ["Ghi nhận", "Tồn tại nhỏ", "Tồn tại lớn"]
    data = _series(chart)
    assert data["open"] == [0, 1, 0] and data["answered"] == [0, 0, 1]
    assert data["closed"] == [0, 0, 0] and data["sent_back"] == [0, 0, 0]
    assert charts.findings_by_severity([world.unit_a.id], 2023).total == 0


def test_reminders_sent_and_failed_per_week(programme):
    world = programme.world
    today = today_vn()
    chart = charts.reminders_per_week(today, world.org.id)
    assert len(chart.labels) == charts.REMINDER_WEEKS
    monday = today.toordinal() - today.weekday()
    assert chart.labels[-1] == date.fromordinal(monday).strftime("%d/%m/%Y")
    data = _series(chart)
    # Sent: a sent email, a bell-only reminder, unit B's of last week; the one of
    # 20 weeks ago and the other organization's are left out.
    assert sum(data["sent"]) == 3 and sum(data["failed"]) == 1 and sum(data["queued"]) == 1
    unit_a = _series(charts.reminders_per_week(today, world.org.id, world.unit_a.id))
    assert (sum(unit_a["sent"]), sum(unit_a["failed"]), sum(unit_a["queued"])) == (2, 1, 0)


def test_reminder_weeks_start_on_monday():
    weeks = charts.reminder_weeks(date(2026, 11, 27))  # a Friday
    assert weeks[-1] == date(2026, 11, 23) and weeks[0] == date(2026, 9, 7)
    assert all(w.weekday() == 0 for w in weeks)


def _chart_json(html: str, key: str) -> dict:
    match = re.search(
        rf'<script type="application/json" id="chart-{key}-data">(.*?)</script>', html, re.S
    )
    assert match, key
    return json.loads(match.group(1))


def test_the_page_carries_chart_json_tables_and_no_inline_script(programme, login_as):
    world = programme.world
    html = login_as(world.viewer).get("/dashboards/?year=2024").get_data(as_text=True)
    data = _chart_json(html, "propagation_by_month")
    assert data["type"] == "bar" and data["stacked"] is True
    assert [d["key"] for d in data["datasets"]] == ["traditional", "online"]
    assert data["datasets"][0]["data"][2] == 2
    assert _chart_json(html, "exemplars_per_year")["labels"] == ["2023", "2024", "2025"]
    assert _chart_json(html, "reminders_per_week")["type"] == "line"
    # Each chart: an accessible name, and its numbers as a table in "Bảng số liệu".
    assert html.count('role="img"') == 5
    assert html.count("<summary>Bảng số liệu</summary>") == 5
    table = re.search(r'data-testid="chart-table-findings_by_severity".*?</table>', html, re.S)
    assert "Tồn tại nhỏ" in table.group(0) and "Chờ khắc phục" in table.group(0)
    # Scripts are files of the portal only (no inline code, no CDN).
    scripts = re.findall(r"<script([^>]*)>", html)
    assert all('type="application/json"' in s or "src=" in s for s in scripts)
    assert "/static/vendor/chartjs/chart.umd.min.js" in html
    assert "/static/js/dashboard-charts.js" in html
    assert not re.search(r'(src|href)="https?://', html)


def test_an_empty_chart_says_so(world, login_as):
    html = login_as(world.office).get("/dashboards/").get_data(as_text=True)
    assert html.count("Chưa có số liệu.") == 5
    assert "chart-findings_by_severity-data" not in html
