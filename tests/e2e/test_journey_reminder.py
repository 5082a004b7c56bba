"""Journey 5: the Office sets a deadline, and its reminder reaches the outbox and the
coordinator's bell by itself: the launcher's scheduler runs the sweep (every minute in
the journeys, REMINDER_SWEEP_CRON), nobody clicks "send"."""

from __future__ import annotations

import re
import time
import uuid
from datetime import date, timedelta

from playwright.sync_api import Locator, Page, expect

from portal.formatting import today_vn
from tests.e2e.browser import COORDINATOR, OFFICE, check_page, login, open_menu

# A sweep each minute, then the worker runs it and the mail batch: well within this.
ARRIVAL_TIMEOUT = 100  # seconds
RELOAD_EVERY = 3_000  # milliseconds
# Due in 3 days: the "7 days before" stage of the default 14,7,1 schedule is open.
DUE_IN_DAYS = 3
UNREAD_LABEL = re.compile(r"^Thông báo: [1-9]\d* chưa đọc$")


def test_journey_5_a_deadline_reminder_arrives_in_the_outbox_and_the_bell_by_itself(new_page):
    title = f"Báo cáo nhanh điển hình quý {uuid.uuid4().hex[:6]}"
    office, coordinator = new_page(), new_page()
    login(office, OFFICE)
    login(coordinator, COORDINATOR)
    due = create_deadline(office, title)

    # The Office watches the reminders sent (Thời hạn -> Thư nhắc đã gửi), for one person.
    open_menu(office, "Thời hạn")
    office.get_by_role("link", name="Thư nhắc đã gửi").click()
    expect(office.get_by_role("heading", level=1, name="Hộp thư đi")).to_be_visible()
    office.get_by_label("Người nhận").fill(COORDINATOR)
    office.get_by_role("button", name="Lọc", exact=True).click()
    message = office.get_by_role("row").filter(has_text=title)
    wait_by_reloading(office, message)
    expect(message).to_contain_text(COORDINATOR)
    expect(message).to_contain_text("Nhắc hạn")
    check_page(office, "j5-02-outbox-reminder")
    message.get_by_role("link").click()
    expect(office.get_by_role("heading", level=1)).to_contain_text(title)
    expect(office.get_by_text(f"{due:%d/%m/%Y}").first).to_be_visible()
    check_page(office, "j5-03-reminder-message")

    # The coordinator, who had the portal open all along, sees it under the bell.
    coordinator.locator("#notification-bell").click()
    expect(coordinator.get_by_role("heading", level=1, name="Thông báo")).to_be_visible()
    note = coordinator.locator(".list-group-item").filter(has_text=title)
    wait_by_reloading(coordinator, note)
    expect(note).to_contain_text("Chưa đọc")
    bell = coordinator.locator("#notification-bell")
    expect(bell).to_have_attribute("aria-label", UNREAD_LABEL)
    assert int(bell.get_by_test_id("unread-count").inner_text()) >= 1
    check_page(coordinator, "j5-04-bell-notification")


def create_deadline(page: Page, title: str) -> date:
    """The Office's only click: a deadline due in a few days for Phòng Môi trường."""
    open_menu(page, "Thời hạn")
    check_page(page, "j5-00-deadlines")
    page.get_by_role("link", name="Thêm thời hạn").click()
    expect(page.get_by_role("heading", level=1, name="Thêm thời hạn")).to_be_visible()
    page.get_by_label("Nội dung phải nộp").select_option(label="Nội dung khác")
    page.get_by_label("Tên thời hạn").fill(title)
    due = today_vn() + timedelta(days=DUE_IN_DAYS)
    page.get_by_label("Hạn (ngày)").fill(due.isoformat())
    page.get_by_label("Cách xác định hoàn thành").select_option(
        label="Văn phòng Sở đánh dấu từng đơn vị đã hoàn thành"
    )
    page.get_by_label("Áp dụng cho tất cả các đơn vị").uncheck()
    page.get_by_label("Các đơn vị áp dụng").select_option(label="Phòng Môi trường")
    expect(page.get_by_label("Gửi thư nhắc cho thời hạn này")).to_be_checked()
    check_page(page, "j5-01-new-deadline")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu thời hạn.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    return due


def wait_by_reloading(page: Page, target: Locator) -> None:
    """Reload every few seconds until `target` shows, as a person waiting would."""
    give_up = time.monotonic() + ARRIVAL_TIMEOUT
    while target.count() == 0:
        assert time.monotonic() < give_up, f"nothing arrived at {page.url} in {ARRIVAL_TIMEOUT} s"
        page.wait_for_timeout(RELOAD_EVERY)
        page.reload()
    expect(target).to_be_visible()
