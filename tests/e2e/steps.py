"""Steps the journeys that start from an empty department share: the Office creating
units and accounts through the web, a flash message, a Word document's text."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.browser import check_page


def expect_flash(page: Page, message: str) -> None:
    expect(page.get_by_role("alert").filter(has_text=message).first).to_be_visible()


def create_unit(page: Page, name: str, shot: str = "") -> None:
    """The Office creates a unit from its form (photographed and checked as `shot`)."""
    page.goto("/admin/units/new")
    if shot:
        check_page(page, shot)
    page.get_by_label("Tên đơn vị").fill(name)
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text(name).first).to_be_visible()


def create_account(page: Page, name: str, email: str, role: str, unit: str = "") -> None:
    """The Office creates an account, which sends its owner the password e-mail."""
    page.goto("/admin/users/new")
    page.get_by_label("Họ và tên").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Vai trò ban đầu").select_option(label=role)
    if unit:
        page.get_by_label("Đơn vị", exact=True).select_option(label=unit)
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect_flash(page, f"Đã tạo tài khoản {name} và gửi thư đặt mật khẩu.")


def document_text(document) -> str:
    """A python-docx document's paragraphs and table cells as one text."""
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def foster_and_recognise(page: Page) -> None:
    """On an exemplar's page: start fostering it, then recognise it, each with a note."""
    for button, label in (
        ("Bắt đầu bồi dưỡng", "Đang bồi dưỡng"),
        ("Công nhận điển hình", "Đã công nhận"),
    ):
        page.get_by_role("link", name=button).click()
        page.get_by_label("Ghi chú").fill(f"{button}: đủ điều kiện.")
        page.get_by_role("button", name="Xác nhận").click()
        expect(page.get_by_text("Đã cập nhật trạng thái điển hình.")).to_be_visible()
        expect(page.get_by_role("region", name="Quá trình").get_by_text(label)).to_be_visible()
