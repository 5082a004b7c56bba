"""Journey 4: the Office opens a consideration round with two nominations, the three
council members vote in secret (each in their own browser), the Office closes the
round, and the results show the counts and the rule applied."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from tests.e2e.browser import COUNCIL, OFFICE, check_page, login

MEETING_DAY = "2025-12-10"  # Decree 152/2025 rules are in force (from 01/07/2025)
FLAG = "Giấy khen của Giám đốc Sở"  # no statutory rate: more than 50% of all members
SOLDIER = "Chiến sĩ thi đua cơ sở"  # at least 80% of all members


def test_office_opens_members_vote_office_closes(new_page):
    tag = uuid.uuid4().hex[:8]
    title = f"Phiên bình xét khen thưởng năm 2025 ({tag})"
    team = f"Tập thể Chi cục Biển và Hải đảo ({tag})"
    person = f"Nguyễn Văn Hải ({tag})"
    office = new_page()
    login(office, OFFICE)
    check_page(office, "j4-office-home")
    open_round(office, title)
    add_nomination(office, FLAG, team, "Tập thể", "Chi cục Biển và Hải đảo")
    add_nomination(office, SOLDIER, person, "Cá nhân", "Phòng Quản lý đất đai")
    nominations = office.get_by_role("table").filter(has_text=person)
    expect(nominations.get_by_role("row")).to_have_count(3)  # header + two nominations
    check_page(office, "j4-office-round-open")

    # (team, person) choices per member; None leaves the nomination without a vote.
    ballots = [
        ("Đồng ý", "Đồng ý"),
        ("Đồng ý", "Không đồng ý"),
        ("Xung đột lợi ích (không bỏ phiếu)", None),
    ]
    for number, (email, choices) in enumerate(zip(COUNCIL, ballots, strict=True), start=1):
        vote(new_page(), email, title, dict(zip((team, person), choices, strict=True)), number)

    # While the round is open the Office sees who voted, never how.
    office.reload()
    members = office.locator("#members")
    expect(members.get_by_role("cell", name="2/2")).to_have_count(2)
    expect(members.get_by_role("cell", name="1/2")).to_have_count(1)
    expect(office.get_by_role("heading", name="Kết quả bình xét")).to_have_count(0)
    check_page(office, "j4-office-round-voted")

    office.once("dialog", lambda dialog: dialog.accept())
    office.get_by_role("button", name="Kết thúc và công bố kết quả").click()
    expect_flash(office, "Đã kết thúc phiên bình xét và công bố kết quả.")
    expect(office.get_by_role("heading", level=1)).to_contain_text("Đã kết thúc")
    check_page(office, "j4-office-results")
    # agree/total, disagree, abstain, conflict, not voted, rate, result
    expect_result(office, team, ["2/3", "0", "0", "1", "0", "66,7%", "Đạt"])
    expect_result(office, person, ["1/3", "1", "0", "0", "1", "33,3%", "Không đạt"])
    expect(result_row(office, person)).to_contain_text("Từ 80% trở lên")

    office.get_by_role("link", name="Biên bản họp").click()
    expect(office.get_by_role("main")).to_contain_text(team)
    check_page(office, "j4-office-minutes")

    # A member now sees the same results, and can no longer vote.
    member = new_page()
    login(member, COUNCIL[1])
    open_round_as_reader(member, title)
    expect_result(member, team, ["2/3", "0", "0", "1", "0", "66,7%", "Đạt"])
    expect(member.get_by_role("link", name="Bỏ phiếu")).to_have_count(0)
    check_page(member, "j4-member-results")


def open_round(page: Page, title: str) -> None:
    page.goto("/consideration/")
    check_page(page, "j4-office-rounds")
    page.get_by_role("link", name="Mở phiên bình xét").click()
    check_page(page, "j4-office-round-form")
    page.get_by_label("Tên phiên bình xét").fill(title)
    page.get_by_label("Kỳ kế hoạch").select_option(label="2023-2025")
    page.get_by_label("Năm xét thành tích").fill("2025")
    page.get_by_label("Ngày họp Hội đồng").fill(MEETING_DAY)
    page.get_by_label("Địa điểm họp").fill("Phòng họp tầng 3, Sở Tài nguyên và Môi trường")
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, "Đã mở phiên bình xét.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    expect(page.get_by_test_id("total-members")).to_have_text("3")


def add_nomination(page: Page, award: str, name: str, kind: str, unit: str) -> None:
    page.get_by_role("link", name="Thêm đề nghị").click()
    check_page(page, "j4-office-nomination-form")
    # Each title says whom it is for: "<title> (Tập thể)" (the one title rule, issue 12).
    titles = page.get_by_label("Danh hiệu, hình thức khen thưởng")
    option = titles.locator("option", has_text=re.compile(rf"^{re.escape(award)} \("))
    titles.select_option(value=option.get_attribute("value"))
    page.get_by_label("Hoặc tên tập thể/cá nhân khác").fill(name)
    page.get_by_label("Tập thể hay cá nhân (khi nhập tên)").select_option(label=kind)
    page.get_by_label("Đơn vị", exact=True).select_option(label=unit)
    page.get_by_label("Thành tích, lý do đề nghị").fill(
        f"Hoàn thành xuất sắc nhiệm vụ năm 2025 ({name})."
    )
    page.get_by_role("button", name="Lưu đề nghị").click()
    expect_flash(page, "Đã lưu đề nghị.")
    expect(page.get_by_role("cell", name=name, exact=False).first).to_be_visible()


def vote(page: Page, email: str, title: str, choices: dict, number: int) -> None:
    """One member's secret ballot, in their own browser context."""
    login(page, email)
    check_page(page, f"j4-member{number}-home")
    open_round_as_reader(page, title)
    check_page(page, f"j4-member{number}-round")
    page.get_by_role("link", name="Bỏ phiếu").click()
    check_page(page, f"j4-member{number}-ballot")
    for nominee, choice in choices.items():
        if choice is not None:
            page.get_by_role("group", name=nominee).get_by_label(choice, exact=True).check()
    page.get_by_role("button", name="Ghi nhận phiếu").click()
    expect_flash(page, "Đã ghi nhận phiếu của bạn.")
    for nominee, choice in choices.items():
        ballot = page.get_by_role("group", name=nominee)
        if choice is None:
            expect(ballot.get_by_role("radio", checked=True)).to_have_count(0)
        else:
            expect(ballot.get_by_label(choice, exact=True)).to_be_checked()
    check_page(page, f"j4-member{number}-voted")


def open_round_as_reader(page: Page, title: str) -> None:
    page.goto("/consideration/")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)


def result_row(page: Page, nominee: str):
    return page.locator("#results").get_by_role("row").filter(has_text=nominee)


def expect_result(page: Page, nominee: str, values: list[str]) -> None:
    cells = result_row(page, nominee).get_by_role("cell")
    expect(cells.nth(3)).to_have_text(values[0])
    for offset, value in enumerate(values[1:6], start=4):
        expect(cells.nth(offset)).to_have_text(value)
    expect(cells.nth(9)).to_have_text(values[6])


def expect_flash(page: Page, message: str) -> None:
    expect(page.get_by_role("alert").filter(has_text=message)).to_be_visible()
