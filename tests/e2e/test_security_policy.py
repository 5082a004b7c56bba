"""The Content-Security-Policy in Chromium: an inline script is refused and the journeys'
watch reports it; the language switch and a confirmation work without inline script."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.browser import VIEWER, csp_violations, login


def test_an_inline_script_is_refused_and_reported(page):
    page.goto("/login")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.appendChild(script);
        }"""
    )
    found = csp_violations(page.context)
    for _ in range(50):  # the report crosses from the page to Python asynchronously
        if found:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("() => window.injected") is None
    assert any("script-src" in violation for violation in found), found
    found.clear()  # expected here: the fixture must not fail the test on it


def test_the_language_switch_and_a_confirmation_run_under_the_policy(page):
    page.goto("/login")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    page.get_by_role("button", name="Tiếng Việt").click()
    login(page, VIEWER)
    page.goto("/notifications/preferences")
    page.get_by_role("button", name="Tạo địa chỉ lịch").click()
    feed = page.locator("#feed-url")
    first = feed.input_value()
    assert "/notifications/calendar/" in first
    page.once("dialog", lambda dialog: dialog.dismiss())  # "no": nothing is sent
    page.get_by_role("button", name="Tạo địa chỉ mới").click()
    page.wait_for_timeout(1000)
    expect(feed).to_have_value(first)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Tạo địa chỉ mới").click()
    expect(feed).not_to_have_value(first)
