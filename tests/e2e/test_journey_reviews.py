"""Journey 2: a coordinator submits the self-assessment and the annual report of a year;
the Office returns the self-assessment with a reason, the coordinator resubmits it, and
the Office accepts both."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from tests.e2e.browser import DOMAIN, OFFICE, check_page, login

# Công đoàn Sở: the demo gives it no self-assessment and no annual report, and no other
# journey works on it.
UNIT = "Công đoàn Sở"
COORDINATOR = f"thidua.congdoan@{DOMAIN}"
SCORE_LABEL = re.compile(r"^Điểm tự chấm \(tối đa (\d+)")


def test_coordinator_submits_office_returns_then_accepts(new_page):
    tag = uuid.uuid4().hex[:8]
    unit_page, office_page = new_page(), new_page()
    login(unit_page, COORDINATOR)
    login(office_page, OFFICE)
    check_page(unit_page, "j2-unit-home")
    check_page(office_page, "j2-office-home")

    year = start_assessment(unit_page)
    fill_assessment(unit_page, f"Đơn vị tự đánh giá đầy đủ ({tag}).")
    submit(unit_page, "Đã nộp", "j2-unit-assessment-submitted")
    write_and_submit_report(unit_page, year, tag)

    # The Office returns the self-assessment with a reason.
    reason = f"Đề nghị bổ sung minh chứng cho tiêu chí tuyên truyền ({tag})."
    open_record(office_page, "/assessments/", year, "j2-office-assessments")
    expect(office_page.get_by_role("heading", level=1)).to_contain_text(
        f"Bản tự đánh giá năm {year} của {UNIT}"
    )
    check_page(office_page, "j2-office-assessment-submitted")
    office_page.locator("summary", has_text="Trả lại").click()
    office_page.get_by_label("Lý do trả lại").fill(reason)
    office_page.get_by_role("button", name="Trả lại", exact=True).click()
    expect_flash(office_page, "Đã trả lại cho đơn vị.")
    expect(office_page.get_by_role("heading", level=1)).to_contain_text("Trả lại")
    check_page(office_page, "j2-office-assessment-returned")

    # The coordinator sees the reason, edits and resubmits.
    open_record(unit_page, "/assessments/", year, "j2-unit-assessments")
    expect_reason(unit_page, reason)
    check_page(unit_page, "j2-unit-assessment-returned")
    unit_page.get_by_role("link", name="Chấm điểm, nhận xét").click()
    expect_reason(unit_page, reason)
    unit_page.get_by_label("Đánh giá chung của đơn vị").fill(
        f"Đã bổ sung minh chứng theo ý kiến của Văn phòng Sở ({tag})."
    )
    check_page(unit_page, "j2-unit-assessment-edit-again")
    unit_page.get_by_role("button", name="Lưu").click()
    expect(
        unit_page.get_by_text(f"Đã bổ sung minh chứng theo ý kiến của Văn phòng Sở ({tag}).")
    ).to_be_visible()
    submit(unit_page, "Đã nộp lại", "j2-unit-assessment-resubmitted")

    # The Office accepts the resubmitted self-assessment and the annual report.
    office_page.reload()
    expect(office_page.get_by_role("heading", level=1)).to_contain_text("Đã nộp lại")
    accept(office_page, "j2-office-assessment-accepted")
    expect(office_page.get_by_text("Bản tự đánh giá đã được chấp nhận và bị khóa")).to_be_visible()
    timeline = office_page.get_by_role("list").filter(has_text="Lý do")
    expect(timeline).to_contain_text(reason)
    open_record(office_page, "/annual-reports/", year, "j2-office-reports")
    expect(office_page.get_by_role("heading", level=1)).to_contain_text(
        f"Báo cáo năm {year} của {UNIT}"
    )
    accept(office_page, "j2-office-report-accepted")
    expect(office_page.get_by_test_id("frozen-note")).to_be_visible()

    # Both records are accepted and locked for the coordinator.
    open_record(unit_page, "/assessments/", year, "j2-unit-assessments-final")
    expect(unit_page.get_by_role("heading", level=1)).to_contain_text("Đã chấp nhận")
    expect(unit_page.get_by_role("link", name="Chấm điểm, nhận xét")).to_have_count(0)
    expect(unit_page.get_by_role("button", name="Nộp", exact=True)).to_have_count(0)
    check_page(unit_page, "j2-unit-assessment-accepted")


def start_assessment(page: Page) -> int:
    """Create the first self-assessment the unit has not started; its year."""
    page.goto("/assessments/")
    check_page(page, "j2-unit-assessments-index")
    button = page.get_by_role("button", name=re.compile(r"^Lập bản tự đánh giá \d{4}$")).first
    year = int(button.inner_text().split()[-1])
    button.click()
    expect_flash(page, f"Đã tạo bản tự đánh giá năm {year}.")
    return year


def fill_assessment(page: Page, general: str) -> None:
    """Score every criterion one point under its maximum, with a comment."""
    criteria = page.get_by_role("group")
    expect(criteria.first).to_be_visible()
    check_page(page, "j2-unit-assessment-edit")
    for index in range(criteria.count()):
        criterion = criteria.nth(index)
        score = criterion.get_by_label(SCORE_LABEL)
        maximum = int(SCORE_LABEL.match(score_label_text(criterion)).group(1))
        score.fill(str(max(maximum - 1, 0)))
        criterion.get_by_label("Nhận xét", exact=True).fill(
            f"Có kế hoạch và báo cáo kèm theo (tiêu chí {index + 1})."
        )
    page.get_by_label("Đánh giá chung của đơn vị").fill(general)
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, "Đã lưu bản tự đánh giá.")
    expect(page.get_by_test_id("self-total")).to_have_text(re.compile(r"\d"))


def score_label_text(criterion) -> str:
    return criterion.locator("label", has_text=SCORE_LABEL).inner_text()


def write_and_submit_report(page: Page, year: int, tag: str) -> None:
    page.goto("/annual-reports/")
    check_page(page, "j2-unit-reports-index")
    page.get_by_role("button", name=f"Lập báo cáo năm {year}").click()
    expect_flash(page, f"Đã tạo báo cáo năm {year}.")
    sections = page.get_by_role("region")
    expect(sections.first).to_be_visible()
    check_page(page, "j2-unit-report-edit")
    for index in range(sections.count()):
        sections.nth(index).get_by_label("Nhận xét của đơn vị").fill(
            f"Nhận xét phần {index + 1} của năm {year} ({tag})."
        )
    page.get_by_role("textbox", name="Đề xuất, kiến nghị").fill(
        f"Đề nghị tập huấn nghiệp vụ ({tag})."
    )
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, "Đã lưu báo cáo.")
    expect(page.get_by_text(f"Đề nghị tập huấn nghiệp vụ ({tag}).")).to_be_visible()
    submit(page, "Đã nộp", "j2-unit-report-submitted")


def submit(page: Page, state: str, name: str) -> None:
    page.get_by_role("button", name="Nộp", exact=True).click()
    expect_flash(page, "Đã nộp.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(state)
    check_page(page, name)


def accept(page: Page, name: str) -> None:
    page.get_by_role("button", name="Chấp nhận", exact=True).click()
    expect_flash(page, "Đã chấp nhận.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đã chấp nhận")
    check_page(page, name)


def open_record(page: Page, index_url: str, year: int, name: str) -> None:
    """From a units x years list, filtered by the unit's name, open the year's record."""
    page.goto(index_url)
    page.get_by_label("Tìm đơn vị").fill(UNIT)
    page.get_by_role("button", name="Lọc").click()
    row = page.get_by_role("row", name=re.compile(UNIT))
    expect(row).to_have_count(1)
    check_page(page, name)
    header = page.get_by_role("columnheader")
    years = [text.strip() for text in header.all_inner_texts()]
    cell = row.get_by_role("cell").nth(years.index(f"Năm {year}") - 1)
    cell.get_by_role("link", name="Xem").click()


def expect_reason(page: Page, reason: str) -> None:
    notice = page.get_by_role("status").filter(has_text="Văn phòng Sở trả lại với lý do")
    expect(notice).to_contain_text(reason)


def expect_flash(page: Page, message: str) -> None:
    expect(page.get_by_role("alert").filter(has_text=message)).to_be_visible()
