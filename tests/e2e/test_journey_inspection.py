"""Journey 3: a council member records an inspection of an assigned unit with a finding,
the unit's coordinator answers the finding, and the member verifies and closes it."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from playwright.sync_api import Page, expect

from portal.formatting import today_vn
from tests.e2e.browser import COUNCIL, DOMAIN, check_page, login

# hoidong3 is assigned to Đoàn Thanh niên Sở for 2024 and 2025 (portal/demo/council.py);
# no other journey works on that unit.
MEMBER = COUNCIL[2]
UNIT = "Đoàn Thanh niên Sở"
COORDINATOR = f"thidua.doanthanhnien@{DOMAIN}"
ASSIGNED_YEAR = 2025


def inspection_day() -> date:
    """A day of the assigned year that is not in the future (the form refuses those)."""
    today = today_vn()  # the portal's today: it refuses later days
    return today if today.year == ASSIGNED_YEAR else date(ASSIGNED_YEAR, 11, 20)


def test_member_records_finding_unit_answers_member_closes(new_page):
    tag = uuid.uuid4().hex[:8]
    finding = f"Chưa cập nhật chuyên mục thanh niên tiên tiến trên cổng thông tin ({tag})"
    answer = f"Đã đăng 03 bài về thanh niên tiên tiến trên cổng thông tin ({tag})."
    member_page, unit_page = new_page(), new_page()
    login(member_page, MEMBER)
    login(unit_page, COORDINATOR)
    check_page(member_page, "j3-member-home")

    record_inspection(member_page, tag)
    add_finding(member_page, finding)
    member_page.get_by_role("button", name="Ký xác nhận biên bản").click()
    expect_flash(member_page, "Đã ký xác nhận biên bản.")
    expect(member_page.get_by_text("Đã ký xác nhận", exact=True)).to_be_visible()
    check_page(member_page, "j3-member-inspection-signed")

    # The coordinator finds the open finding on the unit's home page and answers it.
    unit_page.goto("/")
    open_findings = unit_page.get_by_role("region", name="Kết luận kiểm tra chưa đóng")
    check_page(unit_page, "j3-unit-home")
    open_findings.get_by_role("link", name=finding).click()
    expect(unit_page.get_by_role("heading", level=1)).to_have_text(
        "Theo dõi khắc phục kết luận kiểm tra"
    )
    expect(unit_page.get_by_text("Chờ khắc phục", exact=True)).to_be_visible()
    check_page(unit_page, "j3-unit-finding-open")
    unit_page.get_by_label("Đơn vị đã thực hiện").fill(answer)
    unit_page.get_by_role("button", name="Gửi trả lời").click()
    expect_flash(unit_page, "Đã gửi trả lời của đơn vị.")
    expect(unit_page.get_by_text("Đơn vị đã trả lời", exact=True)).to_be_visible()
    expect(unit_page.get_by_text(answer)).to_be_visible()
    check_page(unit_page, "j3-unit-finding-answered")

    # The member reads the answer and closes the finding.
    member_page.get_by_role("link", name="Theo dõi khắc phục").click()
    expect(member_page.get_by_text(answer)).to_be_visible()
    check_page(member_page, "j3-member-finding-answered")
    member_page.get_by_label("Đạt, đóng kết luận").check()
    member_page.get_by_label("Nhận xét").fill(f"Đã kiểm tra chuyên mục trên cổng ({tag}).")
    member_page.get_by_role("button", name="Ghi kết quả xác minh").click()
    expect_flash(member_page, "Đã xác minh và đóng kết luận.")
    expect(member_page.get_by_text("Đã đóng", exact=True)).to_be_visible()
    expect(member_page.get_by_text("Đóng lúc")).to_be_visible()
    expect(member_page.get_by_role("button", name="Ghi kết quả xác minh")).to_have_count(0)
    check_page(member_page, "j3-member-finding-closed")

    # The unit sees it closed, and it has left the unit's open findings.
    unit_page.reload()
    expect(unit_page.get_by_text("Đã đóng", exact=True)).to_be_visible()
    expect(unit_page.get_by_role("button", name="Gửi trả lời")).to_have_count(0)
    unit_page.goto("/")
    expect(unit_page.get_by_role("link", name=finding)).to_have_count(0)


def record_inspection(page: Page, tag: str) -> None:
    """From the member's assigned units to a signed-off-ready inspection record."""
    page.goto("/inspections/")
    check_page(page, "j3-member-inspections")
    page.get_by_role("link", name="Đơn vị được phân công").click()
    check_page(page, "j3-member-assigned-units")
    assigned = page.locator("h2", has_text=f"Năm {ASSIGNED_YEAR}").locator(
        "xpath=following-sibling::ul[1]"
    )
    assigned.get_by_role("link", name=UNIT).click()
    check_page(page, "j3-member-unit-inspections")
    page.get_by_role("link", name="Ghi biên bản kiểm tra").click()
    expect(page.get_by_text(f"Đơn vị được kiểm tra: {UNIT}")).to_be_visible()
    check_page(page, "j3-member-inspection-form")
    page.get_by_label("Ngày kiểm tra").fill(inspection_day().isoformat())
    page.get_by_label("Trực tiếp tại đơn vị").check()
    page.get_by_label("Tuyên truyền").check()
    page.get_by_label("Phong trào thi đua").check()
    expect(
        page.get_by_role("group", name="Thành viên tham gia").get_by_role("checkbox", checked=True)
    ).to_have_count(1)
    page.get_by_label("Kết quả kiểm tra (tóm tắt)").fill(
        f"Đoàn Thanh niên triển khai phong trào tình nguyện; tuyên truyền còn ít ({tag})."
    )
    page.get_by_role("button", name="Lưu").click()
    expect_flash(page, "Đã ghi biên bản kiểm tra.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        f"Biên bản kiểm tra: {UNIT}, {inspection_day():%d/%m/%Y}"
    )
    check_page(page, "j3-member-inspection")


def add_finding(page: Page, finding: str) -> None:
    page.get_by_role("link", name="Thêm kết luận").click()
    check_page(page, "j3-member-finding-form")
    page.get_by_label("Mức độ").select_option(label="Tồn tại nhỏ")
    page.get_by_label("Nội dung phát hiện").fill(finding)
    page.get_by_label("Kiến nghị").fill("Cập nhật chuyên mục hằng tháng.")
    page.get_by_label("Biện pháp khắc phục").fill(
        "Đăng ít nhất 03 bài về gương thanh niên tiên tiến."
    )
    page.get_by_label("hoặc ghi tên người/bộ phận chịu trách nhiệm").fill("Ban Thường vụ Đoàn")
    page.get_by_label("Hạn khắc phục").fill((inspection_day() + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect_flash(page, "Đã thêm kết luận kiểm tra.")
    card = page.get_by_role("article").filter(has_text=finding)
    expect(card).to_contain_text("Kết luận 1")
    expect(card).to_contain_text("Tồn tại nhỏ")
    expect(card).to_contain_text("Chờ khắc phục")
    check_page(page, "j3-member-inspection-with-finding")


def expect_flash(page: Page, message: str) -> None:
    expect(page.get_by_role("alert").filter(has_text=message)).to_be_visible()
