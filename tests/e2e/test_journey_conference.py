"""The conference form in a browser (issue 12, point 1): a unit whose congress
submission the demo never started records its conference by pressing Enter in a field,
and downloads the conference record as a Word document that holds what it typed."""

from __future__ import annotations

import uuid

from docx import Document
from playwright.sync_api import Page, expect

from tests.e2e.browser import DOMAIN, check_page, login, open_in_period

# Đảng bộ Sở: the demo gives it no congress submission, and no other journey uses it.
UNIT = "Đảng bộ Sở"
COORDINATOR = f"thidua.dangbo@{DOMAIN}"


def test_unit_records_its_conference_with_enter_and_downloads_it(page: Page, tmp_path):
    tag = uuid.uuid4().hex[:6]
    login(page, COORDINATOR)
    open_in_period(page, "/congress/", "2023-2025")  # the Q2-2025 congress
    row = page.get_by_role("row", name=UNIT)
    row.get_by_role("button", name="Lập hồ sơ Đại hội").click()  # opens the conference form
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thông tin Hội nghị điển hình tiên tiến"
    )
    expect(page.get_by_role("button", name="Lưu")).to_be_visible()
    check_page(page, "congress-conference-form")
    page.get_by_label("Ngày tổ chức Hội nghị").fill("2025-05-21")
    page.get_by_label("Người chủ trì").fill("Bí thư Đảng ủy Sở")
    page.get_by_label("Thư ký Hội nghị").fill("Văn phòng Đảng ủy")
    page.get_by_label("Số đại biểu được triệu tập").fill("40")
    page.get_by_label("Số đại biểu có mặt").fill("38")
    place = page.get_by_label("Địa điểm")
    place.fill(f"Hội trường Sở ({tag})")
    place.press("Enter")  # Enter in a field submits the form
    expect(page.get_by_text("Đã lưu.")).to_be_visible()
    expect(page.get_by_text("21/05/2025")).to_be_visible()
    expect(page.get_by_text(f"Hội trường Sở ({tag})")).to_be_visible()
    check_page(page, "congress-conference-saved")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải biên bản Hội nghị (Word)").click()
    path = tmp_path / "bien-ban.docx"
    info.value.save_as(path)
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert f"Hội trường Sở ({tag})" in text and "Thư ký: Văn phòng Đảng ủy" in text
    assert "số đại biểu có mặt: 38" in text
