"""Journey 6: the Office compiles the Department's congress submission, watches the
progress bar reach 100% while the launcher's worker runs the job, and downloads a ZIP
that holds the documents and a manifest matching them."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile

from playwright.sync_api import Page, expect

from tests.e2e.browser import OFFICE, check_page, login

KIND = "Hồ sơ Đại hội Thi đua yêu nước của Sở"
MANIFEST = "MANIFEST.sha256.json"
COMPILE_TIMEOUT = 120_000  # ms: the real worker builds Word and Excel files for every unit
DEPARTMENT_FILES = {"so/to-trinh-cua-so.docx", "so/danh-sach-de-nghi-va-dai-bieu.xlsx"}


def test_office_compiles_congress_submission_and_downloads_zip(page, tmp_path):
    login(page, OFFICE)
    check_page(page, "j6-office-home")
    start_compilation(page)

    progress = page.get_by_role("progressbar", name="Tiến độ tổng hợp")
    expect(progress).to_be_visible()
    # What is compiled, in words; the raw inputs only behind the technical toggle.
    summary = page.locator("[data-role=summary]")
    expect(summary).to_contain_text("Đơn vị có hồ sơ Đại hội đã được chấp nhận")
    expect(summary).to_contain_text("Số tập thể, cá nhân được đề nghị")
    expect(page.locator("[data-role=inputs]")).to_be_hidden()
    check_page(page, "j6-compilation-started")
    # The badge follows the polled status: never "waiting" once the bar has moved.
    expect(progress).not_to_have_attribute("aria-valuenow", "0", timeout=COMPILE_TIMEOUT)
    expect(page.locator("#compilation-status")).not_to_have_text("Đang chờ")
    # The page polls the job's progress, then reloads itself once the job is done.
    expect(progress).to_have_attribute("aria-valuenow", "100", timeout=COMPILE_TIMEOUT)
    expect(progress).to_have_text("100%")
    expect(page.locator("#compilation-status")).to_have_text("Hoàn thành")
    expect(page.locator("[data-role=elapsed]")).to_contain_text("Đã chạy:")
    download_link = page.get_by_role("link", name="Tải tệp ZIP")
    expect(download_link).to_be_visible()
    expect(page.get_by_role("button", name="Hủy tổng hợp")).to_have_count(0)
    check_page(page, "j6-compilation-done")
    listed = page.get_by_role("heading", name=re.compile(r"^Danh mục tệp \(\d+\)$"))
    listed_count = int(re.search(r"\((\d+)\)", listed.inner_text()).group(1))
    page_sha = page.locator("p", has_text="SHA-256").locator("code").inner_text().strip()

    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert re.fullmatch(r"congress_submission-\d+\.zip", download.suggested_filename)
    archive = tmp_path / download.suggested_filename
    download.save_as(archive)

    assert hashlib.sha256(archive.read_bytes()).hexdigest() == page_sha
    manifest = check_zip(archive)
    assert len(manifest) == listed_count
    paths = {entry["path"] for entry in manifest}
    assert paths >= DEPARTMENT_FILES
    unit_proposals = [p for p in paths if re.fullmatch(r"don-vi/\d{3}-[^/]+/to-trinh\.docx", p)]
    assert unit_proposals, "no unit's proposal in the ZIP"
    # Each accepted unit's nominees get an achievement report. Minutes come only from the
    # rounds that voted on these nominees (journey 8); the demo's annual rounds did not.
    assert any(re.fullmatch(r"don-vi/[^/]+/bao-cao-thanh-tich-\d{2}-.+\.docx", p) for p in paths)
    assert not any(re.fullmatch(r"so/bien-ban-\d+\.docx", p) for p in paths)
    assert any(p.endswith(".pdf") for p in paths) or "GHI-CHU-PDF.txt" in paths

    # The compilation is listed with its file.
    page.get_by_role("link", name="Tổng hợp hồ sơ", exact=True).click()
    row = (
        page.get_by_role("row")
        .filter(has=page.get_by_role("link", name=re.compile(r"^#\d+$")))
        .first
    )
    expect(row).to_contain_text("Hoàn thành")
    expect(row.get_by_role("link", name="Tải về")).to_be_visible()
    check_page(page, "j6-compilations-after")


def start_compilation(page: Page) -> None:
    page.goto("/congress/")
    check_page(page, "j6-congress-index")
    page.get_by_role("link", name="Tổng hợp hồ sơ của Sở").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng hợp hồ sơ")
    check_page(page, "j6-compilations")
    page.get_by_label("Loại hồ sơ").select_option(label=KIND)
    page.get_by_label("Kỳ kế hoạch").select_option(label="2023-2025")
    page.get_by_role("button", name="Tổng hợp", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="Đã bắt đầu tổng hợp hồ sơ.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{KIND} — 2023-2025")


def check_zip(path) -> list[dict]:
    """A sound ZIP whose manifest lists every other entry with its size and SHA-256."""
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
        assert MANIFEST in names
        manifest = json.loads(archive.read(MANIFEST))
        assert {entry["path"] for entry in manifest} == names - {MANIFEST}
        for entry in manifest:
            content = archive.read(entry["path"])
            assert len(content) == entry["size"], entry["path"]
            assert hashlib.sha256(content).hexdigest() == entry["sha256"], entry["path"]
            if entry["path"].endswith((".docx", ".xlsx")):
                assert content[:2] == b"PK", entry["path"]  # Office files are ZIPs too
    return manifest
