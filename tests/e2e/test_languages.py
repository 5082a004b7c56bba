"""Bad input in both languages (issue 17): a form sent with missing and wrong values
answers in the reader's language only, never with a library's English message in the
Vietnamese interface nor a Vietnamese word in the English one."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import COORDINATOR, check_page, login, open_menu

# What WTForms and Flask-WTF say by themselves, in English.
ENGLISH = re.compile(
    r"This field is required|Not a valid|must be between|must be at least|"
    r"Field must|Invalid (choice|value|email)|characters? long|The CSRF token",
    re.IGNORECASE,
)
# Letters only Vietnamese uses (the English pages show no unit or person data here).
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9àáãèéìíòóõùúýÀÁÃÈÉÌÍÒÓÕÙÚÝ]")
WHAT_THE_FORM_SAYS = (
    "main form label, main form .invalid-feedback, main form .form-text, main form button, .alert"
)


def _send_without_browser_checks(page: Page, button: str) -> None:
    """Post the form as an older browser would, without its own `required` checks, so
    that the portal's messages are what the person reads."""
    page.evaluate("() => document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()


def _texts(page: Page) -> list[str]:
    return [text.strip() for text in page.locator(WHAT_THE_FORM_SAYS).all_inner_texts() if text]


def _switch_to(page: Page, other: str, code: str) -> None:
    """The language switch in the signed-in person's menu (stored in their profile)."""
    page.locator("nav .dropdown-toggle").last.click()
    page.get_by_role("button", name=other).click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def _fill_badly(page: Page, dates: list[str], numbers: list[str]) -> None:
    for label in dates:
        page.get_by_label(label).fill("31/02/2025")
    for label in numbers:
        page.get_by_label(label).fill("abc")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_form_with_bad_input_speaks_one_language(page, language):
    login(page, COORDINATOR)
    try:
        _check_forms(page, language)
    finally:
        if language == "en":  # the coordinator's other journeys read Vietnamese
            page.goto("/")
            _switch_to(page, "Tiếng Việt", "vi")


def _check_forms(page: Page, language: str) -> None:
    open_menu(page, "Tập huấn")
    page.get_by_role("link", name="Ghi nhận tập huấn").click()
    training_form = page.url
    if language == "en":
        _switch_to(page, "English", "en")
        page.goto(training_form)
        _fill_badly(page, ["From date", "To date"], ["Hours"])
        _send_without_browser_checks(page, "Save")
    else:
        _fill_badly(page, ["Từ ngày", "Đến ngày"], ["Số giờ"])
        _send_without_browser_checks(page, "Lưu")
    check_page(page, f"languages-training-{language}")
    said = _texts(page)
    assert said, "the form shows no message at all"
    if language == "en":
        assert [text for text in said if VIETNAMESE.search(text)] == []
    else:
        assert [text for text in said if ENGLISH.search(text)] == []

    page.goto("/exemplars/new")
    _send_without_browser_checks(page, "Save" if language == "en" else "Lưu")
    said = _texts(page)
    if language == "en":
        assert [text for text in said if VIETNAMESE.search(text)] == []
    else:
        assert [text for text in said if ENGLISH.search(text)] == []
        assert any(VIETNAMESE.search(text) for text in said)
