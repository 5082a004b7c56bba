"""Dates and numbers typed the Vietnamese way in a browser whose language is English, and
the main pages on a phone (390 px): tables as cards, nothing scrolling sideways."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import (
    COORDINATOR,
    OFFICE,
    assert_no_csp_violation,
    check_page,
    forget_csp,
    login,
    open_menu,
    watch_csp,
)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def english_browser_page(browser, portal) -> Iterator[Page]:
    """A page of a browser set to American English (mm/dd/yyyy in its own date inputs), as
    on many office PCs; the portal itself stays in Vietnamese."""
    context = browser.new_context(
        locale="en-US",
        timezone_id="Asia/Ho_Chi_Minh",
        base_url=portal.url,
        viewport={"width": 1280, "height": 900},
        reduced_motion="reduce",
    )
    context.set_default_timeout(15_000)
    watch_csp(context)
    yield context.new_page()
    assert_no_csp_violation(context)
    context.close()
    forget_csp(context)


@pytest.fixture
def phone_page(new_page) -> Page:
    page = new_page()
    page.set_viewport_size(PHONE)
    return page


def stored(portal, sql: str, *params) -> tuple:
    with sqlite3.connect(portal.instance_dir / "portal.db") as conn:
        return conn.execute(sql, params).fetchone()


def test_a_date_typed_dd_mm_yyyy_in_an_english_browser_is_that_day(english_browser_page, portal):
    page = english_browser_page
    assert page.evaluate("navigator.language") == "en-US"
    course = f"Nghiệp vụ thi đua {uuid.uuid4().hex[:6]}"
    login(page, COORDINATOR)
    open_menu(page, "Tập huấn")
    page.get_by_role("link", name="Ghi nhận tập huấn").click()
    page.get_by_label("Hoặc họ tên người tham gia").fill("Nguyễn Văn An")
    page.get_by_label("Khóa tập huấn").fill(course)

    start = page.get_by_label("Từ ngày")
    assert start.get_attribute("type") == "text"
    assert start.get_attribute("placeholder") == "dd/mm/yyyy"
    start.press_sequentially("05/06/2025")
    expect(start).to_have_value("05/06/2025")
    # On a phone's number pad there is no "/": the slashes come by themselves.
    end = page.get_by_label("Đến ngày")
    end.press_sequentially("06062025")
    expect(end).to_have_value("06/06/2025")
    page.get_by_label("Số giờ").fill("7,5")
    check_page(page, "inputs-01-date-typed-in-english-browser")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã ghi nhận khóa tập huấn.")).to_be_visible()

    row = stored(
        portal,
        "SELECT start_date, end_date, hours FROM training_records WHERE course = ?",
        course,
    )
    assert row == ("2025-06-05", "2025-06-06", 7.5)  # 5 June, not 6 May
    listed = page.get_by_role("row").filter(has_text=course)
    expect(listed).to_contain_text("05/06/2025")
    expect(listed).to_contain_text("7,5")

    listed.get_by_role("link", name="Sửa").click()
    expect(page.get_by_label("Từ ngày")).to_have_value("05/06/2025")
    expect(page.get_by_label("Số giờ")).to_have_value("7,5")


def test_a_date_that_does_not_exist_is_refused_with_a_clear_message(english_browser_page):
    page = english_browser_page
    login(page, COORDINATOR)
    open_menu(page, "Tập huấn")
    page.get_by_role("link", name="Ghi nhận tập huấn").click()
    page.get_by_label("Hoặc họ tên người tham gia").fill("Trần Thị Bình")
    page.get_by_label("Khóa tập huấn").fill("Khóa không lưu")
    page.get_by_label("Từ ngày").fill("31/02/2025")
    page.get_by_label("Số giờ").fill("4")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy")).to_be_visible()
    expect(page.get_by_label("Từ ngày")).to_have_value("31/02/2025")  # kept as typed


def open_menu_on_phone(page: Page, name: str) -> None:
    """On a phone the navigation bar is folded behind its button."""
    page.get_by_role("button", name="Mở menu").click()
    open_menu(page, name)


def no_sideways_scroll(page: Page, name: str) -> None:
    """The page fits the phone's width, and is photographed (and checked by axe)."""
    page.wait_for_load_state("load")
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{name} ({page.url}) scrolls sideways: {widths}"
    check_page(page, name)


def stacked_cells_are_labelled(page: Page) -> None:
    """The first table shows its rows as cards, each cell under its column's name."""
    table = page.locator("table.table-stack").first
    expect(table).to_be_visible()
    assert table.evaluate("t => getComputedStyle(t.tBodies[0].rows[0]).display") == "block"
    labels = table.evaluate("t => [...t.tBodies[0].rows[0].cells].map(c => c.dataset.label || '')")
    assert any(labels), labels


def make_fostered_exemplar(page: Page, name: str) -> None:
    """An exemplar being fostered, with one action, made through the web (wide screen)."""
    open_menu(page, "Điển hình")
    page.get_by_role("link", name="Ghi nhận điển hình").first.click()  # the page's button
    page.get_by_label("Ghi nhận là").select_option(label="Nhân tố mới")
    page.get_by_label("Loại điển hình").select_option(label="Tập thể")
    page.get_by_label("Tên tập thể hoặc họ tên cá nhân").fill(name)
    page.get_by_label("Lĩnh vực công tác").fill("Quan trắc môi trường")
    page.get_by_label("Thành tích nổi bật").fill("Quan trắc liên tục bằng trạm di động.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
    page.get_by_role("link", name="Bắt đầu bồi dưỡng").click()
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Đã cập nhật trạng thái điển hình.")).to_be_visible()
    page.get_by_role("link", name="Thêm hoạt động").click()
    page.get_by_label("Hình thức hỗ trợ").select_option(label="Kỹ thuật, chuyên môn")
    page.get_by_label("Nội dung hỗ trợ").fill("Hỗ trợ hiệu chuẩn thiết bị đo bụi mịn PM2.5")
    page.get_by_label("hoặc tên người phụ trách khác").fill("Trung tâm Quan trắc")
    page.get_by_label("Hạn hoàn thành").press_sequentially("30092025")
    page.get_by_role("button", name="Lưu").click()
    actions = page.get_by_role("region", name="Hoạt động bồi dưỡng")
    expect(actions.get_by_role("row").filter(has_text="hiệu chuẩn")).to_contain_text("30/09/2025")


def test_the_coordinators_main_pages_fit_a_phone(page: Page):
    login(page, COORDINATOR)
    make_fostered_exemplar(page, f"Tổ quan trắc di động {uuid.uuid4().hex[:6]}")
    exemplar = page.url.split("#")[0]

    page.set_viewport_size(PHONE)
    page.reload()
    no_sideways_scroll(page, "mobile-01-exemplar-with-fostering-actions")
    actions = page.get_by_role("region", name="Hoạt động bồi dưỡng")
    assert actions.locator("td[data-label]").count() > 0
    for path, shot in (
        ("/", "mobile-02-unit-home"),
        ("/exemplars/", "mobile-03-exemplars"),
        (exemplar + "/actions/new", "mobile-04-new-fostering-action"),  # a form with a date
        ("/training/", "mobile-05-training"),
        ("/propagation/", "mobile-06-propagation"),
        ("/deadlines/items", "mobile-07-to-do"),
    ):
        page.goto(path)
        no_sideways_scroll(page, shot)
    page.goto("/exemplars/")
    stacked_cells_are_labelled(page)
    open_menu_on_phone(page, "Tập huấn")  # the folded menu still leads everywhere
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tập huấn")


def test_the_offices_main_pages_fit_a_phone(phone_page: Page):
    page = phone_page
    login(page, OFFICE)
    expect(page.locator("#dash-matrix")).to_be_visible()
    no_sideways_scroll(page, "mobile-10-office-dashboard")
    stacked_cells_are_labelled(page)
    assert page.locator("#dash-matrix td[data-label]").count() > 10

    for path, shot in (
        ("/mail/outbox", "mobile-11-outbox"),
        ("/deadlines/", "mobile-12-deadlines"),
        ("/exemplars/", "mobile-13-exemplars"),
        ("/inspections/", "mobile-14-inspections"),
        ("/admin/users", "mobile-15-users"),
    ):
        page.goto(path)
        no_sideways_scroll(page, shot)


def test_charts_count_in_the_vietnamese_number_format(page: Page):
    login(page, OFFICE)
    page.wait_for_function(
        """() => typeof Chart !== 'undefined' && [...document.querySelectorAll(
            'canvas[data-chart-source]')].every(canvas => Chart.getChart(canvas))"""
    )
    locales = page.evaluate(
        """() => [...document.querySelectorAll('canvas[data-chart-source]')]
            .map(canvas => Chart.getChart(canvas).options.locale)"""
    )
    assert locales and set(locales) == {"vi-VN"}
    # What Chart.js writes for a thousand on a value axis: the Vietnamese grouping dot.
    tick = page.evaluate(
        """() => {
            const chart = Chart.getChart(document.querySelector('canvas[data-chart-source]'));
            const axis = Object.values(chart.scales).find(s => s.type === 'linear');
            return axis.options.ticks.callback.call(axis, 1234.5, 0, []); }"""
    )
    assert tick == "1.234,5"
