"""A create form sent twice creates one record: a double click on its button, Back then
submit again (the page loaded again, with what was typed and the one-time token it was
sent with), and the same request sent again by the network, in Chromium against the
portal started as `make run` starts it."""

from __future__ import annotations

import uuid

from playwright.sync_api import Page, expect

from tests.e2e.browser import COORDINATOR, login


def open_difficulty_form(page: Page, title: str) -> None:
    page.goto("/difficulties/")
    page.get_by_role("link", name="Phản ánh khó khăn").click()
    page.get_by_label("Khó khăn, vướng mắc").fill(title)
    page.get_by_label("Nội dung cụ thể, đề xuất của đơn vị").fill("Chưa có dự toán in tờ rơi.")


def times_listed(page: Page, title: str) -> int:
    page.goto(f"/difficulties/?q={title}")
    return page.get_by_role("link", name=title).count()


def test_a_double_click_on_a_create_button_creates_one_record(page: Page):
    title = f"Thiếu kinh phí tuyên truyền {uuid.uuid4().hex[:8]}"
    login(page, COORDINATOR)
    open_difficulty_form(page, title)
    page.get_by_role("button", name="Gửi Sở").dblclick()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    assert times_listed(page, title) == 1


def test_back_then_submit_again_shows_the_record_already_created(page: Page):
    title = f"Chưa có hướng dẫn chấm điểm {uuid.uuid4().hex[:8]}"
    login(page, COORDINATOR)
    open_difficulty_form(page, title)
    page.get_by_role("button", name="Gửi Sở").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    created_at = page.url

    page.go_back()
    expect(page.get_by_label("Khó khăn, vướng mắc")).to_have_value(title)
    page.get_by_role("button", name="Gửi Sở").click()
    expect(page.get_by_text("Đã tạo trước đó")).to_be_visible()
    assert page.url == created_at
    assert times_listed(page, title) == 1


def test_the_same_request_sent_again_creates_nothing_more(page: Page):
    title = f"Chưa rõ cách tính chỉ tiêu {uuid.uuid4().hex[:8]}"
    login(page, COORDINATOR)
    open_difficulty_form(page, title)
    form = page.locator("form").filter(has=page.get_by_role("button", name="Gửi Sở"))
    action = form.evaluate("f => f.action")
    fields = form.evaluate("f => Object.fromEntries(new FormData(f).entries())")
    page.get_by_role("button", name="Gửi Sở").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)

    retry = page.request.post(action, form=fields)  # the same cookies, token and fields
    assert retry.ok and retry.url == page.url
    assert "Đã tạo trước đó" in retry.text()
    assert times_listed(page, title) == 1


def test_a_file_over_the_limit_is_refused_before_it_is_sent(page: Page):
    title = f"Biên bản họp quá lớn {uuid.uuid4().hex[:8]}"
    login(page, COORDINATOR)
    open_difficulty_form(page, title)
    files = page.locator("input[type=file]")
    # The page's limit is 20 MB; a smaller one keeps the file small (CDP carries it).
    assert files.get_attribute("data-max-bytes") == str(20 * 1024 * 1024)
    files.evaluate("input => { input.dataset.maxBytes = '1000'; }")
    form_url = page.url
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    files.set_input_files(
        {"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": b"0" * 1001}
    )
    expect(page.get_by_role("alert").filter(has_text="bien-ban.pdf")).to_contain_text(
        "dung lượng tối đa cho phép"
    )
    page.get_by_role("button", name="Gửi Sở").click()
    page.wait_for_timeout(1_000)  # time for a request, had one been sent
    assert page.url == form_url and posts == []  # nothing was sent
    expect(page.get_by_label("Khó khăn, vướng mắc")).to_have_value(title)
