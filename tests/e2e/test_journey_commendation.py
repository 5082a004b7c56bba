"""Journey 13 (issue 13): from the year's title registration to the award that stands in
a person's history and achievement report, in a department that has nothing yet, through
the web only.

The platform administrator creates the department and its Office account; the Office
sets up the plan period, two units, their coordinators, a person of the first unit and
two council members (each chooses a password from the invitation) and seats the council.
The Office opens the year's registration; the unit registers itself and the person; the
Office returns it once with a reason, the unit corrects it and resubmits, the Office
accepts. The Office launches a movement with the unit taking part; the unit records the
person as an exemplar of that movement. A consideration round takes its nominations
from the accepted registration (each with its eligibility hint); the two members vote;
the Office closes it, drafts the decision from the round, downloads its Word draft,
fills in number, date, issuing body and signer, and marks it issued, after which it can
no longer be edited. The movement's page lists the award; the person sees it in their
history (a coordinator of another unit gets a 404 there); the history search finds the
person typed without diacritics; and the person's achievement report (section III)
prints it with the decision's number, date and issuing body.
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

from docx import Document
from playwright.sync_api import Page, expect

from portal.formatting import today_vn
from tests.e2e.browser import check_page, login, open_menu
from tests.e2e.steps import (
    create_account,
    create_unit,
    document_text,
    expect_flash,
    foster_and_recognise,
)
from tests.e2e.test_journey_setup import invitation_path

PASSWORD = "Mat-khau-hanh-trinh-13"
COLLECTIVE_TITLE = "Tập thể lao động xuất sắc"
INDIVIDUAL_TITLE = "Chiến sĩ thi đua cơ sở"
WRONG_TITLE = "Lao động tiên tiến"  # the title the unit first registers by mistake
AGREE = "Đồng ý"


def test_journey_13_a_registered_title_becomes_an_issued_award_in_the_persons_history(
    portal, new_page, tmp_path
):
    tag = uuid.uuid4().hex[:6]
    today = today_vn()
    year = today.year
    department = f"Sở Khen thưởng thử nghiệm {tag}"
    unit, other_unit = f"Phòng Thi đua {tag}", f"Phòng Pháp chế {tag}"
    person = f"Nguyễn Văn Ánh {tag}"
    people = {
        "office": ("Lê Thị Văn Phòng", f"vanphong-{tag}@skt.example.vn"),
        "coordinator": (f"Cán bộ thi đua {tag}", f"thidua-{tag}@skt.example.vn"),
        "other": (f"Cán bộ pháp chế {tag}", f"phapche-{tag}@skt.example.vn"),
        "person": (person, f"anh-{tag}@skt.example.vn"),
        "chair": (f"Chủ tịch Hội đồng {tag}", f"chutich-{tag}@skt.example.vn"),
        "secretary": (f"Thư ký Hội đồng {tag}", f"thuky-{tag}@skt.example.vn"),
    }

    # -- An empty department: the platform creates it and its Office account.
    office = new_page()
    create_department(portal, new_page(), department, *people["office"], tag)
    enter_with_invitation(portal, office, people["office"][1])

    # -- The Office sets it up: period, units, accounts, council.
    period = create_period(office, year)
    create_unit(office, unit)
    create_unit(office, other_unit)
    create_account(office, *people["coordinator"], role="Cán bộ thi đua", unit=unit)
    create_account(office, *people["other"], role="Cán bộ thi đua", unit=other_unit)
    create_account(office, *people["person"], role="Cán bộ, nhân viên", unit=unit)
    for key in ("chair", "secretary"):
        create_account(office, *people[key], role="Thành viên Hội đồng TĐKT")
    pages = {}
    for key in ("coordinator", "other", "person", "chair", "secretary"):
        pages[key] = new_page()
        enter_with_invitation(portal, pages[key], people[key][1])
    seat_the_council(office, people)
    coordinator = pages["coordinator"]

    # 1. The Office opens the year's registration with a deadline.
    due = today + timedelta(days=30)
    open_menu(office, "Đăng ký thi đua")
    opening = office.locator("details").filter(has_text="Mở đăng ký thi đua")
    opening.get_by_label("Kỳ kế hoạch").select_option(label=period)
    opening.get_by_label("Năm đăng ký thi đua").fill(str(year))
    opening.get_by_label("Hạn nộp bản đăng ký").fill(f"{due:%d/%m/%Y}")
    opening.get_by_label("Hướng dẫn cho các đơn vị").fill("Đăng ký danh hiệu thi đua của năm.")
    check_page(office, "j13-01-office-open-registration")
    opening.get_by_role("button", name="Mở đăng ký").click()
    expect_flash(office, f"Đã mở đăng ký thi đua năm {year}.")
    expect(office.locator("#registration-deadline")).to_contain_text(f"{due:%d/%m/%Y}")

    # 2. The unit registers itself and its person; returned once, corrected, accepted.
    open_menu(coordinator, "Đăng ký thi đua")
    expect(coordinator.locator("#registration-deadline")).to_contain_text(f"{due:%d/%m/%Y}")
    coordinator.get_by_role("button", name=f"Lập bản đăng ký năm {year}").click()
    expect_flash(coordinator, f"Đã lập bản đăng ký thi đua năm {year}.")
    registration_url = coordinator.url
    register(coordinator, f"Tập thể đơn vị: {unit}", COLLECTIVE_TITLE)
    register(coordinator, f"Cá nhân: {person}", WRONG_TITLE)
    check_page(coordinator, "j13-02-unit-registration")
    review(coordinator, "Nộp", "Đã nộp.", "Đã nộp")
    reason = f"Đồng chí {person} đăng ký {INDIVIDUAL_TITLE}, không phải {WRONG_TITLE}."
    office.goto(registration_url)
    office.locator("summary", has_text="Trả lại").click()
    office.get_by_label("Lý do trả lại").fill(reason)
    office.get_by_role("button", name="Trả lại", exact=True).click()
    expect_flash(office, "Đã trả lại cho đơn vị.")
    coordinator.goto(registration_url)
    expect(coordinator.get_by_role("status").filter(has_text=reason)).to_be_visible()
    coordinator.once("dialog", lambda dialog: dialog.accept())  # "Xóa dòng đăng ký này?"
    coordinator.get_by_role("button", name=f"Xóa {person}").click()
    expect_flash(coordinator, "Đã xóa khỏi bản đăng ký.")
    register(coordinator, f"Cá nhân: {person}", INDIVIDUAL_TITLE)
    review(coordinator, "Nộp", "Đã nộp.", "Đã nộp lại")
    office.goto(registration_url)
    review(office, "Chấp nhận", "Đã chấp nhận.", "Đã chấp nhận")
    entries = office.locator("#entries").get_by_role("row")
    expect(entries).to_have_count(3)  # header + the unit + the person
    expect(entries.filter(has_text=person)).to_contain_text(INDIVIDUAL_TITLE)
    expect(entries.filter(has_text=unit)).to_contain_text(COLLECTIVE_TITLE)
    check_page(office, "j13-03-office-registration-accepted")

    # 3. The Office launches a movement with the unit; the unit's exemplar joins it.
    movement = f"Phong trào thi đua chuyển đổi số năm {year} ({tag})"
    movement_url = launch_movement(office, movement, unit, year)
    record_exemplar(coordinator, person, movement)
    coordinator.goto(movement_url)
    exemplars = coordinator.get_by_role("table").get_by_role("row")
    expect(exemplars).to_have_count(2)  # header + the person
    expect(exemplars.nth(1)).to_contain_text(unit)
    check_page(coordinator, "j13-04-unit-movement-exemplars")

    # 4. A round from the accepted registrations; the members vote; the round closes.
    round_title = f"Phiên bình xét khen thưởng năm {year} ({tag})"
    round_url = open_round(office, round_title, period, year, today)
    office.get_by_role("link", name="Thêm từ đăng ký thi đua").click()
    candidates = office.locator("#candidates").get_by_role("row")
    expect(candidates).to_have_count(3)  # header + the two accepted lines
    person_row = candidates.filter(has_text=person)
    expect(person_row).to_contain_text(INDIVIDUAL_TITLE)
    # The hint of the individual title, read from the recorded awards (none yet).
    hint = person_row.locator("[data-eligibility]")
    expect(hint).to_have_count(1)
    expect(hint).to_have_attribute("data-eligibility", "unmet")
    expect(hint).to_contain_text("Chưa đủ điều kiện theo Điều 21")
    expect(hint).to_contain_text(WRONG_TITLE)  # the year's Lao động tiên tiến is missing
    expect(person_row.get_by_role("checkbox")).to_be_checked()
    check_page(office, "j13-05-office-prefill")
    office.get_by_role("button", name="Thêm các đề nghị đã chọn").click()
    expect_flash(office, "Đã thêm 2 đề nghị từ đăng ký thi đua.")
    for key in ("chair", "secretary"):
        vote(pages[key], round_url, {unit: AGREE, person: AGREE}, key)
    office.goto(round_url)
    office.once("dialog", lambda dialog: dialog.accept())
    office.get_by_role("button", name="Kết thúc và công bố kết quả").click()
    expect_flash(office, "Đã kết thúc phiên bình xét và công bố kết quả.")
    results = office.locator("#results").get_by_role("row").filter(has_text=unit)
    expect(results).to_have_count(2)  # the unit's collective title and its person's
    for row in range(2):
        expect(results.nth(row)).to_contain_text("Đạt")
        expect(results.nth(row)).not_to_contain_text("Không đạt")
    check_page(office, "j13-06-office-results")

    # 5. The Office drafts the decision, reads the Word draft, fills it in and issues it.
    decision_url = draft_decision(office, round_title, person)
    draft = download_docx(office, "Tải quyết định (Word)", tmp_path)
    draft_text = document_text(draft)
    assert person in draft_text, draft_text
    assert INDIVIDUAL_TITLE in draft_text, draft_text
    assert "QUYẾT ĐỊNH" in draft_text.upper(), draft_text
    number = f"{int(tag, 16) % 900 + 100}/QĐ-SKT"
    decided_on = today - timedelta(days=1)
    # The draft names "Giám đốc <department>"; the signed decision names the department.
    drafted_body = f"Giám đốc {department}"
    issuing_body = department
    signer = f"Phạm Văn Ký {tag}"
    expect(office.get_by_role("main")).to_contain_text(drafted_body)
    office.get_by_role("link", name="Sửa quyết định").click()
    office.get_by_label("Số quyết định").fill(number)
    office.get_by_label("Ngày ký").fill(f"{decided_on:%d/%m/%Y}")
    office.get_by_label("Cơ quan, người ban hành").fill(issuing_body)
    office.get_by_label("Người ký", exact=True).fill(signer)
    office.get_by_label("Phong trào thi đua").select_option(label=movement)
    office.get_by_role("button", name="Lưu").click()
    expect_flash(office, "Đã lưu quyết định.")
    office.get_by_label("Tôi xác nhận").check()
    check_page(office, "j13-07-office-decision-before-issue")
    office.get_by_role("button", name="Đánh dấu đã ban hành").click()
    expect_flash(office, "Đã đánh dấu quyết định đã ban hành.")
    expect(office.get_by_role("heading", level=1)).to_contain_text(number)
    details = office.get_by_role("main")
    expect(details).to_contain_text(issuing_body)
    expect(details).not_to_contain_text(drafted_body)
    expect(details).to_contain_text(f"{decided_on:%d/%m/%Y}")
    expect(details).to_contain_text(signer)
    # Issued: locked. The page no longer offers to edit; the edit page refuses.
    expect(office.get_by_role("link", name="Sửa quyết định")).to_have_count(0)
    expect(office.get_by_role("button", name="Đánh dấu đã ban hành")).to_have_count(0)
    check_page(office, "j13-08-office-decision-issued")
    refused = office.goto(f"{decision_url}/edit")
    assert refused.status == 403, refused.status
    expect(office.get_by_role("main")).to_contain_text("Quyết định đã ban hành nên không sửa được")

    # 6. The movement's page lists the issued award.
    coordinator.goto(movement_url)
    coordinator.get_by_role("link", name="Khen thưởng theo phong trào").click()
    awards = coordinator.get_by_role("table").get_by_role("row")
    expect(awards).to_have_count(2)  # header + the decision
    expect(awards.nth(1)).to_contain_text(number)
    expect(awards.nth(1).get_by_role("cell", name=issuing_body, exact=True)).to_have_count(1)
    expect(awards.nth(1)).to_contain_text(INDIVIDUAL_TITLE)
    check_page(coordinator, "j13-09-unit-movement-awards")

    # 7. The person reads their own history; a coordinator of another unit gets a 404.
    own = pages["person"]
    own.goto("/")
    history_url = person_history_url(own, person)
    history = own.get_by_role("main")
    expect(history).to_contain_text(INDIVIDUAL_TITLE)
    expect(history).to_contain_text(number)
    expect(history).to_contain_text(f"{decided_on:%d/%m/%Y}")
    expect(history.get_by_role("cell", name=issuing_body, exact=True)).to_have_count(1)
    check_page(own, "j13-10-person-history")
    assert pages["other"].goto(history_url).status == 404

    # 8. The history search finds the person typed without diacritics.
    open_menu(office, "Tra cứu khen thưởng")
    office.get_by_label("Họ tên, tên tập thể").fill(f"nguyen van anh {tag}")
    office.get_by_role("button", name="Lọc", exact=True).click()
    found = office.get_by_role("table").get_by_role("row")
    expect(found).to_have_count(2)  # header + the person's award
    expect(found.nth(1)).to_contain_text(person)
    expect(found.nth(1)).to_contain_text(number)
    check_page(office, "j13-11-office-history-search")
    office.get_by_label("Họ tên, tên tập thể").fill(f"nguyen van binh {tag}")
    office.get_by_role("button", name="Lọc", exact=True).click()
    expect(office.get_by_role("table").get_by_role("row").filter(has_text=person)).to_have_count(0)

    # 9. The person's achievement report: section III prints the award.
    report = achievement_report(coordinator, person)
    rows = section_three_rows(report)
    award_row = next((r for r in rows if number in " ".join(r)), None)
    assert award_row is not None, rows
    joined = " ".join(award_row)
    assert INDIVIDUAL_TITLE in joined and issuing_body in joined, award_row
    assert drafted_body not in joined, award_row
    assert f"{decided_on:%d/%m/%Y}" in joined, award_row


# -- The department, its people and its council ----------------------------------------


def create_department(portal, root: Page, department: str, name: str, email: str, tag: str):
    root_email = f"root-{tag}@portal.example.vn"
    portal.flask(
        "create-admin", "--platform", "--email", root_email, "--name", "Quản trị Cổng",
        "--password", PASSWORD,
    )  # fmt: skip
    login(root, root_email, PASSWORD)
    root.get_by_role("link", name="Tạo Sở mới").click()
    root.get_by_label("Tên Sở (cơ quan)").fill(department)
    root.get_by_label("Họ và tên cán bộ Văn phòng Sở").fill(name)
    root.get_by_label("Email của cán bộ Văn phòng Sở").fill(email)
    root.get_by_role("button", name="Tạo Sở và tài khoản Văn phòng Sở").click()
    expect_flash(root, f"Đã tạo {department}")


def enter_with_invitation(portal, page: Page, email: str) -> None:
    """The person follows the invitation's link, chooses a password and signs in."""
    page.goto(invitation_path(portal, email))
    page.get_by_label("Mật khẩu mới", exact=True).fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu mới").fill(PASSWORD)
    page.get_by_role("button", name="Lưu mật khẩu").click()
    expect_flash(page, "Đã lưu mật khẩu mới")
    login(page, email, PASSWORD)


def create_period(page: Page, year: int) -> str:
    name = f"{year}-{year + 4}"
    page.goto("/dashboards/")
    page.get_by_test_id("setup-step-period").get_by_role("link").click()
    page.get_by_label("Tên kỳ (ví dụ 2023-2025)").fill(name)
    page.get_by_label("Năm bắt đầu").fill(str(year))
    page.get_by_label("Năm kết thúc").fill(str(year + 4))
    page.get_by_label("Kỳ hiện hành").check()
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, f"Đã tạo kỳ kế hoạch {name}.")
    return name


def seat_the_council(page: Page, people: dict) -> None:
    page.goto("/council/")
    for key, position in (("chair", "Chủ tịch Hội đồng"), ("secretary", "Thư ký Hội đồng")):
        name = people[key][0]
        page.get_by_label("Người dùng").select_option(label=name)
        page.get_by_label("Chức danh trong Hội đồng").select_option(label=position)
        page.get_by_role("button", name="Cử vào Hội đồng").click()
        expect_flash(page, f"Đã cử {name} vào Hội đồng.")
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(3)  # header + two


# -- Registration and movement ---------------------------------------------------------


def register(page: Page, nominee: str, title: str) -> None:
    page.get_by_label("Tập thể, cá nhân đăng ký").select_option(label=nominee)
    titles = page.get_by_label("Danh hiệu, hình thức khen thưởng")
    option = titles.locator("option", has_text=re.compile(rf"^{re.escape(title)}( \(|$)"))
    titles.select_option(value=option.get_attribute("value"))
    page.get_by_role("button", name="Thêm", exact=True).click()
    expect_flash(page, "Đã thêm vào bản đăng ký.")


def review(page: Page, button: str, flash: str, state: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect_flash(page, flash)
    expect(page.get_by_role("heading", level=1)).to_contain_text(state)


def launch_movement(page: Page, name: str, unit: str, year: int) -> str:
    open_menu(page, "Phong trào")
    page.get_by_role("link", name="Phát động phong trào").first.click()
    page.get_by_label("Tên phong trào").fill(name)
    page.get_by_label("Mục đích, yêu cầu").fill("Số hóa toàn bộ hồ sơ thi đua, khen thưởng.")
    page.get_by_label("Ngày bắt đầu").fill(f"01/01/{year}")
    page.get_by_label("Ngày kết thúc").fill(f"31/12/{year}")
    page.get_by_role("checkbox", name=unit, exact=True).check()
    check_page(page, "j13-04-office-movement-form")
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, "Đã phát động phong trào thi đua.")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    taking_part = page.locator("dt", has_text="Đơn vị tham gia").locator(
        "xpath=following-sibling::dd[1]"
    )
    expect(taking_part).to_have_text(unit)
    return page.url


def record_exemplar(page: Page, person: str, movement: str) -> None:
    open_menu(page, "Điển hình")
    page.get_by_role("link", name="Ghi nhận điển hình").first.click()
    page.get_by_label("Ghi nhận là").select_option(label="Nhân tố mới")
    page.get_by_label("Loại điển hình").select_option(label="Cá nhân")
    page.get_by_label("Tên tập thể hoặc họ tên cá nhân").fill(person)
    page.get_by_label("Cán bộ của đơn vị (đối với cá nhân)").select_option(label=person)
    page.get_by_label("Phong trào thi đua", exact=True).select_option(label=movement)
    page.get_by_label("Lĩnh vực công tác").fill("Chuyển đổi số")
    page.get_by_label("Thành tích nổi bật").fill(f"Số hóa 100% hồ sơ thi đua ({person}).")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1, name=person)).to_be_visible()
    foster_and_recognise(page)


# -- The round and the decision --------------------------------------------------------


def open_round(page: Page, title: str, period: str, year: int, day) -> str:
    open_menu(page, "Bình xét")
    page.get_by_role("link", name="Mở phiên bình xét").click()
    page.get_by_label("Tên phiên bình xét").fill(title)
    page.get_by_label("Kỳ kế hoạch").select_option(label=period)
    page.get_by_label("Năm xét thành tích").fill(str(year))
    page.get_by_label("Ngày họp Hội đồng").fill(f"{day:%d/%m/%Y}")
    page.get_by_label("Địa điểm họp").fill("Phòng họp tầng 2")
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, "Đã mở phiên bình xét.")
    expect(page.get_by_test_id("total-members")).to_have_text("2")
    return page.url


def vote(page: Page, round_url: str, choices: dict, who: str) -> None:
    page.goto(round_url)
    page.get_by_role("link", name="Bỏ phiếu").click()
    for nominee, choice in choices.items():
        page.get_by_role("group", name=re.compile(re.escape(nominee))).get_by_label(
            choice, exact=True
        ).check()
    page.get_by_role("button", name="Ghi nhận phiếu").click()
    expect_flash(page, "Đã ghi nhận phiếu của bạn.")


def draft_decision(page: Page, round_title: str, person: str) -> str:
    """From the awards' list to the drafts of the closed round; the person's decision."""
    open_menu(page, "Khen thưởng")
    page.get_by_role("link", name="Dự thảo từ kết quả bình xét").click()
    page.get_by_role("listitem").filter(has_text=round_title).get_by_role(
        "button", name="Dự thảo quyết định"
    ).click()
    expect_flash(page, "Đã dự thảo 2 quyết định (2 mới), thêm 2 tập thể, cá nhân.")
    drafts = page.get_by_role("row").filter(has_text=INDIVIDUAL_TITLE)
    expect(drafts).to_have_count(1)
    drafts.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(INDIVIDUAL_TITLE)
    recipients = page.locator("#recipients + div").get_by_role("row")
    expect(recipients).to_have_count(2)  # header + the person
    expect(recipients.nth(1)).to_contain_text(person)
    return page.url


# -- History and documents -------------------------------------------------------------


def person_history_url(page: Page, name: str) -> str:
    """The person's own award history, from the menu of their account."""
    page.get_by_role("button", name=name).click()
    page.get_by_role("link", name="Quá trình khen thưởng của tôi").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quá trình khen thưởng")
    assert re.search(r"/awards/people/\d+/history$", page.url), page.url
    return page.url


def achievement_report(page: Page, person: str):
    """The unit proposes the person at its congress submission, completes what the
    report prints, submits, and downloads the person's achievement report."""
    open_menu(page, "Hồ sơ Đại hội")
    page.get_by_role("button", name="Lập hồ sơ Đại hội").click()
    page.goto(page.url.removesuffix("/edit"))
    submission_url = page.url
    page.get_by_role("link", name="Thêm đề xuất").click()
    page.get_by_label("Điển hình", exact=True).select_option(label=person)
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Hình thức khen thưởng đề nghị").select_option(label=INDIVIDUAL_TITLE)
    page.get_by_label("Lý do đề xuất").fill(f"Điển hình tiêu biểu: {person}.")
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, "Đã lưu đề xuất.")
    complete_what_the_report_needs(page, submission_url, person)
    page.get_by_role("button", name="Nộp", exact=True).click()
    expect_flash(page, "Đã nộp.")
    page.get_by_role("link", name="Văn bản ký của đơn vị").click()
    row = page.get_by_test_id("signed-documents").get_by_role("row").filter(has_text=person)
    with page.expect_download() as info:
        row.get_by_role("link", name="Word").click()
    path = info.value.path()
    return Document(str(path))


def complete_what_the_report_needs(page: Page, submission_url: str, person: str) -> None:
    """The report prints the person's particulars: the submission lists what is
    missing, with a link, and waits until it is there."""
    page.goto(submission_url)
    checklist = page.get_by_test_id("profile-checklist")
    expect(checklist).to_contain_text(f"Hồ sơ cá nhân của {person} còn thiếu")
    checklist.get_by_role("link", name="Bổ sung").click()
    page.get_by_label("Ngày sinh").fill("14/03/1985")
    page.get_by_label("Giới tính").select_option(label="Nam")
    page.get_by_label("Quê quán").fill("Xã Quảng Phú, huyện Quảng Trạch, tỉnh Quảng Bình")
    page.get_by_label("Trú quán").fill("Phường Đồng Phú, thành phố Đồng Hới")
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, "Đã lưu hồ sơ cá nhân.")
    page.goto(submission_url)
    expect(page.get_by_test_id("profile-checklist")).to_have_count(0)
    page.get_by_role("link", name="Sửa thông tin Hội nghị").click()
    page.get_by_label("Ngày tổ chức Hội nghị").fill(f"{today_vn():%d/%m/%Y}")
    page.get_by_label("Địa điểm").fill("Hội trường Sở")
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, "Đã lưu.")
    # The unit's head signs the report: from the unit's page, "Người ký văn bản".
    page.goto("/")
    page.get_by_role("link", name="Người ký văn bản").click()
    page.get_by_label("Họ tên Thủ trưởng đơn vị").fill(f"Trần Văn Hùng ({person})")
    page.get_by_label("Chức vụ Thủ trưởng đơn vị").fill("Trưởng phòng")
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, "Đã lưu người ký văn bản")
    page.goto(submission_url)


def download_docx(page: Page, link: str, tmp_path):
    with page.expect_download() as info:
        page.get_by_role("link", name=link).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return Document(str(path))


def section_three_rows(document) -> list[list[str]]:
    """The rows of the tables after the heading of section III."""
    body = document.element.body
    rows, after = [], False
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if text.strip().startswith("III."):
                after = True
            elif re.match(r"^IV\.", text.strip()):
                after = False
        elif tag == "tbl" and after:
            for tr in child.iter():
                if tr.tag.endswith("}tr"):
                    cells = []
                    for tc in tr:
                        if tc.tag.endswith("}tc"):
                            cells.append(
                                "".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t"))
                            )
                    rows.append(cells)
    return rows
