"""Journey 8 (issue 12): from a unit that has nothing to the Department's proposal that
stands on the council's vote, through the web only.

The Office creates the unit, its coordinator and four council members (each sets a
password from the invitation in the outbox), seats them on the council of the period;
the coordinator records two exemplars, fosters and recognises them, records the
conference and proposes both (the collective with a named delegate); the Office returns
the submission with a reason, the coordinator fixes it and resubmits, the Office accepts
and puts the accepted proposals before the council in one action; the members vote (a
conflict of interest, an absent member's written opinion); the Office closes the round;
the minutes (page and Word) name the chair and secretary and their rows add up; the
compiled dossier's proposal lists only the passed nominee and cites the meeting.

The only record it borrows from the demo is the Office's own account (the web cannot
create the first Office account) and the plan period (the web has no page to create
one): the 2023-2025 plan of the Q2-2025 congress, chosen on each page, for the
demo's current period is the one around today. The period's existing council seats
are taken off the council through the web, so this journey runs after journey 4
(test_journey_consideration), which votes with them: pytest runs the files in name
order.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile

from docx import Document
from playwright.sync_api import Page, expect

from tests.e2e.browser import OFFICE, check_page, login, open_in_period, open_menu
from tests.e2e.steps import (
    create_account,
    create_unit,
    document_text,
    expect_flash,
    foster_and_recognise,
)

PASSWORD = "Mat-khau-hanh-trinh-8"
PERIOD = "2023-2025"
MEETING_DAY = "2025-12-10"  # Decree 152/2025 rules are in force (from 01/07/2025)
COLLECTIVE_TITLE = "Giấy khen của Giám đốc Sở"  # more than 50% of the members
INDIVIDUAL_TITLE = "Chiến sĩ thi đua cơ sở"  # at least 80% of the members
COMPILE_TIMEOUT = 120_000
AGREE, DISAGREE, ABSTAIN = "Đồng ý", "Không đồng ý", "Không biểu quyết"
CONFLICT = "Xung đột lợi ích (không bỏ phiếu)"


def test_journey_8_an_empty_unit_reaches_a_proposal_that_stands_on_the_councils_vote(
    new_page, tmp_path
):
    tag = uuid.uuid4().hex[:6]
    unit = f"Phòng Đo đạc bản đồ {tag}"
    team = f"Tổ Đo đạc địa chính {tag}"
    person = f"Hoàng Thị Lan {tag}"
    delegate = f"Võ Văn Thành {tag}"
    people = {
        "coordinator": (f"Cán bộ thi đua {tag}", f"thidua.dodac.{tag}@example.vn"),
        "chair": (f"Chủ tịch Hội đồng {tag}", f"chutich.{tag}@example.vn"),
        "secretary": (f"Thư ký Hội đồng {tag}", f"thuky.{tag}@example.vn"),
        "member": (f"Ủy viên có mặt {tag}", f"uyvien.{tag}@example.vn"),
        "absent": (f"Ủy viên vắng mặt {tag}", f"vangmat.{tag}@example.vn"),
    }

    office = new_page()
    login(office, OFFICE)
    check_page(office, "j8-01-office-home")

    # -- The Office creates the unit, its people and the council, through the web.
    create_unit(office, unit, shot="j8-02-unit-form")
    create_account(office, *people["coordinator"], role="Cán bộ thi đua", unit=unit)
    create_account(office, delegate, f"thanh.{tag}@example.vn", role="Cán bộ, nhân viên", unit=unit)
    create_account(office, person, f"lan.{tag}@example.vn", role="Cán bộ, nhân viên", unit=unit)
    for key in ("chair", "secretary", "member", "absent"):
        create_account(office, *people[key], role="Thành viên Hội đồng TĐKT")
    pages = {}
    for key in ("coordinator", "chair", "secretary", "member"):
        pages[key] = new_page()
        set_password_from_invitation(office, pages[key], people[key][1])
        login(pages[key], people[key][1], PASSWORD)
    seat_the_council(office, people)

    # -- The unit, which has nothing yet, records and recognises two exemplars.
    unit_page = pages["coordinator"]
    check_page(unit_page, "j8-10-unit-home")
    record_and_recognise(unit_page, team, "Tập thể")
    record_and_recognise(unit_page, person, "Cá nhân", account=person)

    # -- The conference, the proposals, and the submission.
    submission_url = start_submission(unit_page)
    record_conference(unit_page, team, person)
    propose(unit_page, team, COLLECTIVE_TITLE, delegate=delegate)
    propose(unit_page, person, INDIVIDUAL_TITLE)
    complete_what_the_forms_need(unit_page, submission_url, tag)
    review(unit_page, "Nộp", "Đã nộp.", "Đã nộp", "j8-20-unit-submitted")

    # -- The Office returns it with a reason; the unit fixes it and resubmits.
    reason = f"Bổ sung lý do đề xuất cho {person} ({tag})."
    office.goto(submission_url)
    check_page(office, "j8-21-office-submission")
    office.locator("summary", has_text="Trả lại").click()
    office.get_by_label("Lý do trả lại").fill(reason)
    office.get_by_role("button", name="Trả lại", exact=True).click()
    expect_flash(office, "Đã trả lại cho đơn vị.")
    unit_page.goto(submission_url)
    expect(unit_page.get_by_text(reason).first).to_be_visible()
    fix_reason(unit_page, person, f"Dẫn đầu phong trào đo đạc số hóa ({tag}).")
    review(unit_page, "Nộp", "Đã nộp.", "Đã nộp lại", "j8-22-unit-resubmitted")
    office.goto(submission_url)
    review(office, "Chấp nhận", "Đã chấp nhận.", "Đã chấp nhận", "j8-23-office-accepted")

    # -- The Office puts the accepted proposals before the council, in one action.
    round_url = send_to_council(office, team, person)
    # A second click adds nothing twice.
    open_in_period(office, "/congress/", PERIOD)
    office.get_by_role("link", name="Đưa các đề nghị đã chấp nhận ra Hội đồng xét").click()
    expect(office.get_by_text("Không có đề nghị nào mới để đưa ra Hội đồng.")).to_be_visible()
    check_page(office, "j8-31-office-nothing-new")

    # -- The members vote: the member declares a conflict on the collective; the secretary
    # records the absent member's written opinion.
    vote(pages["chair"], round_url, {team: AGREE, person: AGREE}, "chair")
    vote(pages["secretary"], round_url, {team: AGREE, person: DISAGREE}, "secretary")
    vote(pages["member"], round_url, {team: CONFLICT, person: AGREE}, "member")
    record_written_opinion(
        pages["secretary"], round_url, people["absent"][0], {team: AGREE, person: ABSTAIN}
    )

    # -- The Office closes the round; the results stand on the stored ballots.
    office.goto(round_url)
    office.once("dialog", lambda dialog: dialog.accept())
    office.get_by_role("button", name="Kết thúc và công bố kết quả").click()
    expect_flash(office, "Đã kết thúc phiên bình xét và công bố kết quả.")
    check_page(office, "j8-40-office-results")
    results = office.locator("#results")
    expect(results.get_by_role("row").filter(has_text=team)).to_contain_text("Đạt")
    expect(results.get_by_role("row").filter(has_text=person)).to_contain_text("Không đạt")

    # -- The minutes: chair and secretary from the seats, rows that add up, Word too.
    office.get_by_role("link", name="Biên bản họp").click()
    expect(office.locator("#sign-chair")).to_contain_text(people["chair"][0])
    expect(office.locator("#sign-secretary")).to_contain_text(people["secretary"][0])
    expect(office.get_by_role("main")).to_contain_text(people["absent"][0])
    number = office.get_by_test_id("minutes-number").inner_text().removeprefix("Số: ").strip()
    assert re.fullmatch(r"\d+/BB-HĐTĐKT", number), number
    check_page(office, "j8-41-office-minutes")
    check_rows_add_up(minutes_rows(office), {team: (3, 0, 0), person: (2, 1, 1)})
    word = download_word_minutes(office, tmp_path)
    word_text = document_text(word)
    assert people["chair"][0] in word_text and people["secretary"][0] in word_text
    check_rows_add_up(word_rows(word), {team: (3, 0, 0), person: (2, 1, 1)})

    # -- The unit and the Office see each nominee's result on the submission page.
    unit_page.goto(submission_url)
    expect(unit_page.get_by_text("Hội đồng: Đạt", exact=True)).to_have_count(1)
    expect(unit_page.get_by_text("Hội đồng: Không đạt", exact=True)).to_have_count(1)
    check_page(unit_page, "j8-50-unit-results")

    # -- The dossier's proposal lists only the passed nominee and cites the meeting.
    proposal = compile_dossier(office, tmp_path, round_id(round_url))
    assert team in proposal and person not in proposal
    assert f"1. {COLLECTIVE_TITLE}: 1 (1 tập thể, 0 cá nhân)." in proposal
    assert re.search(rf"Biên bản họp Hội đồng .* số {re.escape(number)} ngày 10/12/2025", proposal)
    assert "Xét đề nghị khen thưởng tại Đại hội Thi đua yêu nước giai đoạn" in proposal


# -- Accounts, unit and council ---------------------------------------------------------


def set_password_from_invitation(office: Page, page: Page, email: str) -> None:
    """The Office reads the invitation in the outbox; the person follows its link."""
    office.goto("/mail/outbox")
    office.get_by_label("Người nhận").fill(email)
    office.get_by_role("button", name="Lọc", exact=True).click()
    office.get_by_role("row").filter(has_text=email).get_by_role("link").first.click()
    body = office.locator("pre").first.inner_text()
    link = re.search(r"https?://\S+", body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    page.get_by_label("Mật khẩu mới", exact=True).fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu mới").fill(PASSWORD)
    page.get_by_role("button", name="Lưu mật khẩu").click()
    expect(page.get_by_role("alert").first).to_be_visible()


def seat_the_council(page: Page, people: dict) -> None:
    """The period's council becomes exactly the four new members."""
    open_in_period(page, "/council/", PERIOD)
    removers = page.get_by_role("button", name=re.compile("^Đưa ra khỏi Hội đồng: "))
    while removers.count():  # the seat's button asks no confirmation
        removers.first.click()
        expect_flash(page, "Đã đưa thành viên ra khỏi Hội đồng nhiệm kỳ này.")
    for key, position in (
        ("chair", "Chủ tịch Hội đồng"),
        ("secretary", "Thư ký Hội đồng"),
        ("member", "Ủy viên"),
        ("absent", "Ủy viên"),
    ):
        name = people[key][0]
        page.get_by_label("Người dùng").select_option(label=name)
        page.get_by_label("Chức danh trong Hội đồng").select_option(label=position)
        page.get_by_label("Chức vụ").fill(f"{position} ({key})")
        page.get_by_role("button", name="Cử vào Hội đồng").click()
        expect_flash(page, f"Đã cử {name} vào Hội đồng.")
    table = page.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(5)  # header + four seats
    check_page(page, "j8-05-council-seated")


# -- The unit's exemplars and submission -------------------------------------------------


def record_and_recognise(page: Page, name: str, kind: str, account: str | None = None) -> None:
    open_menu(page, "Điển hình")
    page.get_by_role("link", name="Ghi nhận điển hình").first.click()  # the page's button
    page.get_by_label("Ghi nhận là").select_option(label="Nhân tố mới")
    page.get_by_label("Loại điển hình").select_option(label=kind)
    page.get_by_label("Tên tập thể hoặc họ tên cá nhân").fill(name)
    if account:  # an individual: the staff member's own account (their profile)
        page.get_by_label("Cán bộ của đơn vị (đối với cá nhân)").select_option(label=account)
    page.get_by_label("Lĩnh vực công tác").fill("Đo đạc, bản đồ")
    page.get_by_label("Thành tích nổi bật").fill(f"Số hóa 100% bản đồ địa chính ({name}).")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
    foster_and_recognise(page)
    check_page(page, f"j8-11-exemplar-{'team' if kind == 'Tập thể' else 'person'}")


def complete_what_the_forms_need(page: Page, submission_url: str, tag: str) -> None:
    """The achievement reports print the unit's and the person's particulars and are
    signed by the unit's head: the submission page lists what is missing, with links,
    and the submission waits until it is there."""
    page.goto(submission_url)
    checklist = page.get_by_test_id("profile-checklist")
    expect(checklist).to_contain_text("Hồ sơ đơn vị")
    expect(checklist).to_contain_text("Ngày sinh")
    check_page(page, "j8-19-unit-checklist")
    unit_link = checklist.get_by_role("listitem").filter(has_text="Hồ sơ đơn vị")
    unit_id = unit_link.get_by_role("link").get_attribute("href").rstrip("/").split("/")[-1]
    unit_link.get_by_role("link", name="Bổ sung").click()
    page.get_by_label("Địa chỉ trụ sở").fill("Số 5 Hùng Vương, Đồng Hới, Quảng Bình")
    page.get_by_label("Điện thoại", exact=True).fill("0232 3820 000")
    page.get_by_label("Quá trình thành lập và phát triển").fill("Thành lập năm 2010.")
    page.get_by_label("Chức năng, nhiệm vụ").fill("Đo đạc, bản đồ, thông tin địa lý.")
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, "Đã lưu hồ sơ đơn vị.")
    page.goto(submission_url)
    page.get_by_test_id("profile-checklist").get_by_role("link", name="Bổ sung").click()
    page.get_by_label("Ngày sinh").fill("14/03/1985")
    page.get_by_label("Giới tính").select_option(label="Nữ")
    page.get_by_label("Quê quán").fill("Xã Quảng Phú, huyện Quảng Trạch, tỉnh Quảng Bình")
    page.get_by_label("Trú quán").fill("Phường Đồng Phú, thành phố Đồng Hới")
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, "Đã lưu hồ sơ cá nhân.")
    page.goto(f"/van-ban/don-vi/{unit_id}/nguoi-ky")
    page.get_by_label("Họ tên Thủ trưởng đơn vị").fill(f"Trần Văn Hùng {tag}")
    page.get_by_label("Chức vụ Thủ trưởng đơn vị").fill("Trưởng phòng")
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, "Đã lưu người ký văn bản")
    page.goto(submission_url)
    expect(page.get_by_test_id("profile-checklist")).to_have_count(0)


def start_submission(page: Page) -> str:
    open_in_period(page, "/congress/", PERIOD)
    check_page(page, "j8-12-unit-congress-index")
    page.get_by_role("button", name="Lập hồ sơ Đại hội").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto(page.url.removesuffix("/edit"))
    return page.url


def record_conference(page: Page, team: str, person: str) -> None:
    page.get_by_role("link", name="Sửa thông tin Hội nghị").click()
    page.get_by_label("Ngày tổ chức Hội nghị").fill("2025-05-20")
    page.get_by_label("Địa điểm").fill("Hội trường Sở")
    page.get_by_label("Người chủ trì").fill("Trưởng phòng Đo đạc")
    page.get_by_label("Thư ký Hội nghị").fill("Chuyên viên Đo đạc")
    page.get_by_label("Số đại biểu được triệu tập").fill("45")
    page.get_by_label("Số đại biểu có mặt").fill("42")
    page.get_by_label("Tổng kết kết quả phong trào thi đua trong giai đoạn").fill(
        "Giai đoạn 2020-2025 phát hiện 6 điển hình."
    )
    for name in (team, person):  # the exemplars honoured at the conference
        page.get_by_role("checkbox", name=name, exact=True).check()
    check_page(page, "j8-13-conference-form")
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, "Đã lưu.")
    expect(page.get_by_text("20/05/2025").first).to_be_visible()


def propose(page: Page, exemplar: str, title: str, delegate: str | None = None) -> None:
    page.get_by_role("link", name="Thêm đề xuất").click()
    page.get_by_label("Điển hình", exact=True).select_option(label=exemplar)
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Hình thức khen thưởng đề nghị").select_option(label=title)
    if delegate:
        page.get_by_label("Đại biểu dự Đại hội Thi đua ngành").check()
        page.get_by_label("Người đại diện tập thể dự Đại hội").select_option(label=delegate)
        page.get_by_label("Năm sinh").fill("1982")
        page.get_by_label("Giới tính").select_option(label="Nam")
        page.get_by_label("Dân tộc").fill("Kinh")
        page.get_by_label("Chức vụ").fill("Tổ trưởng")
    page.get_by_label("Lý do đề xuất").fill(f"Điển hình tiêu biểu: {exemplar}.")
    check_page(page, "j8-14-nominee-form")
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, "Đã lưu đề xuất.")


def fix_reason(page: Page, exemplar: str, reason: str) -> None:
    nominee = page.locator("article").filter(has_text=exemplar)
    nominee.get_by_role("link", name="Sửa").click()
    page.get_by_label("Lý do đề xuất").fill(reason)
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, "Đã lưu đề xuất.")
    expect(page.get_by_text(reason)).to_be_visible()


def review(page: Page, button: str, flash: str, state: str, shot: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect_flash(page, flash)
    expect(page.get_by_role("heading", level=1)).to_contain_text(state)
    check_page(page, shot)


# -- The council ----------------------------------------------------------------------


def send_to_council(page: Page, team: str, person: str) -> str:
    open_in_period(page, "/congress/", PERIOD)
    page.get_by_role("link", name="Đưa các đề nghị đã chấp nhận ra Hội đồng xét").click()
    accepted = page.get_by_role("region", name="Đề nghị khen thưởng trong các hồ sơ đã chấp nhận")
    rows = accepted.get_by_role("row")
    for name in (team, person):
        expect(rows.filter(has_text=name)).to_contain_text("Chưa đưa ra Hội đồng xét")
    page.get_by_label("Ngày họp Hội đồng").fill(MEETING_DAY)
    page.get_by_label("Địa điểm họp").fill("Phòng họp tầng 3")
    check_page(page, "j8-30-office-send-to-council")
    page.get_by_role("button", name="Đưa các đề nghị đã chấp nhận ra Hội đồng xét").click()
    # Every accepted submission of the period goes before the council, ours among them.
    expect_flash(page, "đề nghị ra Hội đồng xét tại phiên")
    expect(page.get_by_test_id("total-members")).to_have_text("4")
    return page.url


def round_id(url: str) -> int:
    return int(re.search(r"/consideration/(\d+)", url).group(1))


def vote(page: Page, round_url: str, choices: dict, who: str) -> None:
    page.goto(round_url)
    page.get_by_role("link", name="Bỏ phiếu").click()
    for nominee, choice in choices.items():
        page.get_by_role("group", name=re.compile(re.escape(nominee))).get_by_label(
            choice, exact=True
        ).check()
    check_page(page, f"j8-32-{who}-ballot")
    page.get_by_role("button", name="Ghi nhận phiếu").click()
    expect_flash(page, "Đã ghi nhận phiếu của bạn.")


def record_written_opinion(page: Page, round_url: str, member: str, choices: dict) -> None:
    page.goto(round_url)
    page.get_by_role("link", name=f"Ghi ý kiến bằng văn bản {member}").click()
    for nominee, choice in choices.items():
        page.get_by_role("group", name=re.compile(re.escape(nominee))).get_by_label(
            choice, exact=True
        ).check()
    check_page(page, "j8-33-written-opinion")
    page.get_by_role("button", name="Ghi nhận phiếu").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    page.goto(round_url)
    members = page.locator("#members").get_by_role("row").filter(has_text=member)
    expect(members).to_contain_text("Vắng mặt")


def minutes_rows(page: Page) -> dict[str, list[str]]:
    rows = {}
    for row in page.locator("#minutes-results").get_by_role("row").all()[1:]:
        cells = [c.strip() for c in row.get_by_role("cell").all_inner_texts()]
        rows[cells[1]] = cells
    return rows


def download_word_minutes(page: Page, tmp_path):
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("Word")).first.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return Document(str(path))


def word_rows(document) -> dict[str, list[str]]:
    rows = {}
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        if "Đồng ý" not in header:
            continue
        for row in table.rows[1:]:
            cells = [c.text.strip() for c in row.cells]
            rows[cells[1]] = cells
    return rows


def check_rows_add_up(rows: dict[str, list[str]], expected: dict) -> None:
    """Each nominee's row: the members in total equal agree + disagree + abstain + the
    members who did not vote (conflict included); agree, disagree and abstain as cast."""
    for nominee, (agree, disagree, abstain) in expected.items():
        row = next(cells for name, cells in rows.items() if nominee in name)
        numbers = [int(c) for c in row[2:] if re.fullmatch(r"\d+", c)]
        total, rest = numbers[0], numbers[1:]
        assert total == 4, row
        assert rest[:3] == [agree, disagree, abstain], row
        assert sum(rest) == total, row


def compile_dossier(page: Page, tmp_path, round_id: int) -> str:
    page.goto("/congress/")
    page.get_by_role("link", name="Tổng hợp hồ sơ của Sở").click()
    page.get_by_label("Loại hồ sơ").select_option(label="Hồ sơ Đại hội Thi đua yêu nước của Sở")
    page.get_by_label("Kỳ kế hoạch").select_option(label=PERIOD)
    page.get_by_role("button", name="Tổng hợp", exact=True).click()
    progress = page.get_by_role("progressbar", name="Tiến độ tổng hợp")
    expect(progress).to_have_attribute("aria-valuenow", "100", timeout=COMPILE_TIMEOUT)
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải tệp ZIP").click()
    archive = tmp_path / info.value.suggested_filename
    info.value.save_as(archive)
    with zipfile.ZipFile(archive) as dossier:
        names = dossier.namelist()
        # The minutes of the round that voted on these nominees, and of no other round.
        # (with its PDF copy when LibreOffice is installed).
        minutes = [n for n in names if n.startswith("so/bien-ban-") and n.endswith(".docx")]
        assert minutes == [f"so/bien-ban-{round_id}.docx"], names
        assert {n for n in names if n.startswith("so/bien-ban-")} <= {
            f"so/bien-ban-{round_id}.docx",
            f"so/bien-ban-{round_id}.pdf",
        }, names
        return document_text(Document(io.BytesIO(dossier.read("so/to-trinh-cua-so.docx"))))
