"""Journey: a department set up from the web. The installation has no such department:
the platform administrator (made with `flask create-admin --platform`) creates it and its
Office account; the Office chooses a password from the invitation, signs in and follows
the checklist on its dashboard (a plan period, a unit, a council member, a criteria set)
until it shows every step done."""

from __future__ import annotations

import re
import sqlite3
import uuid

from playwright.sync_api import Page, expect

from tests.e2e.browser import check_page, login

PASSWORD = "Mat-khau-thiet-lap-9"
STEPS = ("period", "units", "council", "criteria")


def test_a_department_set_up_from_the_web_by_the_platform_and_its_office(portal, new_page):
    tag = uuid.uuid4().hex[:6]
    root_email = f"root-{tag}@portal.example.vn"
    department = f"Sở Tư pháp thử nghiệm {tag}"
    office_email = f"vanphong-{tag}@stp.example.vn"
    portal.flask(
        "create-admin", "--platform", "--email", root_email, "--name", "Quản trị Cổng",
        "--password", PASSWORD,
    )  # fmt: skip

    # The platform administrator creates the department and its Office account.
    root = new_page()
    login(root, root_email, PASSWORD)
    expect(root).to_have_url(re.compile(r"/platform/$"))
    expect(root.get_by_role("row").filter(has_text=department)).to_have_count(0)
    check_page(root, "js-01-platform")
    root.get_by_role("link", name="Tạo Sở mới").click()
    root.get_by_label("Tên Sở (cơ quan)").fill(department)
    root.get_by_label("Họ và tên cán bộ Văn phòng Sở").fill("Hoàng Văn Phòng")
    root.get_by_label("Email của cán bộ Văn phòng Sở").fill(office_email)
    check_page(root, "js-02-new-department")
    root.get_by_role("button", name="Tạo Sở và tài khoản Văn phòng Sở").click()
    expect_flash(root, f"Đã tạo {department}")
    row = root.get_by_role("row").filter(has_text=department)
    expect(row).to_contain_text(office_email)
    expect(row).to_contain_text("Chưa đặt mật khẩu")
    check_page(root, "js-03-platform-with-department")
    # ... and reads nothing of the departments' data.
    assert root.goto("/exemplars/").status == 404
    assert root.goto("/dashboards/").status == 404

    # The Office chooses a password from the invitation and signs in.
    office = new_page()
    office.goto(invitation_path(portal, office_email))
    office.get_by_label("Mật khẩu mới", exact=True).fill(PASSWORD)
    office.get_by_label("Nhập lại mật khẩu mới").fill(PASSWORD)
    office.get_by_role("button", name="Lưu mật khẩu").click()
    expect_flash(office, "Đã lưu mật khẩu mới")
    login(office, office_email, PASSWORD)
    expect(office.get_by_role("heading", level=1)).to_have_text("Chưa có kỳ kế hoạch")
    assert steps_done(office) == dict.fromkeys(STEPS, False)
    check_page(office, "js-04-office-first-page")

    # 1. A plan period, from the checklist's link.
    follow_step(office, "period")
    office.get_by_label("Tên kỳ (ví dụ 2023-2025)").fill("2026-2030")
    office.get_by_label("Năm bắt đầu").fill("2026")
    office.get_by_label("Năm kết thúc").fill("2030")
    office.get_by_label("Kỳ hiện hành").check()
    office.get_by_role("button", name="Lưu").click()
    expect_flash(office, "Đã tạo kỳ kế hoạch 2026-2030.")
    assert steps_done(office) == {
        "period": True,
        "units": False,
        "council": False,
        "criteria": False,
    }

    # 2. A unit.
    follow_step(office, "units")
    office.get_by_label("Tên đơn vị").fill("Phòng Hành chính tư pháp")
    office.get_by_role("button", name="Lưu").click()
    expect(office.get_by_text("Phòng Hành chính tư pháp").first).to_be_visible()

    # 3. A council member: the empty council says to create the account first.
    follow_step(office, "council")
    hint = office.get_by_test_id("empty-hint")
    expect(hint).to_contain_text("Trước hết hãy tạo tài khoản")
    check_page(office, "js-05-empty-council")
    hint.get_by_role("link", name="Tạo tài khoản").click()
    office.get_by_label("Họ và tên").fill("Trần Thị Hội Đồng")
    office.get_by_label("Email").fill(f"hoidong-{tag}@stp.example.vn")
    office.get_by_label("Vai trò ban đầu").select_option(label="Thành viên Hội đồng TĐKT")
    office.get_by_role("button", name="Tạo tài khoản").click()
    expect_flash(office, "Đã tạo tài khoản Trần Thị Hội Đồng")
    follow_step(office, "council")
    office.get_by_label("Người dùng").select_option(label="Trần Thị Hội Đồng")
    office.get_by_role("button", name="Cử vào Hội đồng").click()
    expect_flash(office, "Đã cử Trần Thị Hội Đồng vào Hội đồng.")

    # 4. The criteria: the period came with its sets; the empty set says to add criteria.
    follow_step(office, "criteria")
    office.get_by_role("link", name="Tiêu chuẩn tập thể điển hình tiên tiến").click()
    hint = office.get_by_test_id("empty-hint")
    check_page(office, "js-06-empty-criteria-set")
    hint.get_by_role("link", name="Thêm tiêu chí").click()
    office.get_by_label("Tiêu chí", exact=True).fill("Hoàn thành xuất sắc nhiệm vụ được giao")
    office.get_by_role("button", name="Lưu").click()
    expect(office.get_by_text("Hoàn thành xuất sắc nhiệm vụ được giao")).to_be_visible()

    # Every step is done; the Office may then hide the guide.
    assert steps_done(office) == dict.fromkeys(STEPS, True)
    expect(office.get_by_test_id("setup-progress")).to_have_text("4/4")
    expect(office.get_by_test_id("setup-complete")).to_be_visible()
    check_page(office, "js-07-checklist-done")
    office.get_by_role("button", name="Ẩn hướng dẫn này").click()
    expect(office.locator("#setup-guide")).to_have_count(0)


def invitation_path(portal, email: str) -> str:
    """The link of the invitation mailed to `email`, read from the outbox's table (the
    person's mailbox: mail stays in the outbox in the journeys)."""
    with sqlite3.connect(portal.instance_dir / "portal.db") as connection:
        (body,) = connection.execute(
            "SELECT body_text FROM mail_messages WHERE recipient_email = ? ORDER BY id DESC",
            (email,),
        ).fetchone()
    link = re.search(r"https?://\S+", body).group(0)
    return re.sub(r"^https?://[^/]+", "", link)


def steps_done(page: Page) -> dict[str, bool]:
    """The checklist on the Office's dashboard: step -> done."""
    page.goto("/dashboards/")
    steps = page.locator("[data-testid^='setup-step-']")
    expect(steps).to_have_count(len(STEPS))
    return {
        steps.nth(i).get_attribute("data-testid").removeprefix("setup-step-"): (
            steps.nth(i).get_attribute("data-done") == "1"
        )
        for i in range(steps.count())
    }


def follow_step(page: Page, key: str) -> None:
    """From the dashboard, the link of a step of the checklist."""
    page.goto("/dashboards/")
    page.get_by_test_id(f"setup-step-{key}").get_by_role("link").click()


def expect_flash(page: Page, message: str) -> None:
    expect(page.get_by_role("alert").filter(has_text=message).first).to_be_visible()
