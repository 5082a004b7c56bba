"""Helpers of the browser journeys: demo logins, signing in, the axe + screenshot check, and
the watch that fails a journey on any Content-Security-Policy violation."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect

import config

# Debian's Chromium (apt-get install chromium); E2E_CHROMIUM points elsewhere, e.g. to check
# that the journeys skip cleanly when no browser is there.
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SKIP_MESSAGE = (
    f"Chromium not found at {CHROMIUM}: the browser journeys are skipped; "
    "install it with apt-get install chromium"
)

DOMAIN = "demo.stnmt.quangbinh.gov.vn"
DEMO_PASSWORD = "demo@2025"
OFFICE = f"vanphong@{DOMAIN}"
VIEWER = f"giamdoc@{DOMAIN}"
COUNCIL = [f"hoidong{n}@{DOMAIN}" for n in (1, 2, 3)]
COORDINATOR = f"thidua.moitruong@{DOMAIN}"  # Phòng Môi trường
OTHER_COORDINATOR = f"thidua.thanhtra@{DOMAIN}"  # Thanh tra Sở, another unit
STAFF = f"canbo1.moitruong@{DOMAIN}"

AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
OUTPUT_DIR = Path(config.BASE_DIR) / "test-output" / "e2e"
BLOCKING_IMPACTS = ("serious", "critical")
LOGIN_URL = re.compile(r"/login(\?|$)")


def new_context(browser: Browser, base_url: str) -> BrowserContext:
    """A fresh browser profile (own cookies) as a Vietnamese user in Quảng Bình would have."""
    context = browser.new_context(
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        base_url=base_url,
        accept_downloads=True,
        viewport={"width": 1280, "height": 900},
        # Charts skip their growing animation: screenshots show the final figures.
        reduced_motion="reduce",
    )
    context.set_default_timeout(15_000)
    watch_csp(context)
    return context


# Reports every Content-Security-Policy violation of the context's pages to Python: an
# init script and a binding are not subject to the page's policy, and the binding
# outlives navigations (a violation just before a page unloads is still caught).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}` +
    (event.sourceFile ? ` (${event.sourceFile}:${event.lineNumber})` : "") +
    (event.sample ? `: ${event.sample}` : "")
  );
});
"""
CSP_CONSOLE = re.compile(r"Content Security Policy|Refused to (execute|load|apply|frame)", re.I)
_CSP_VIOLATIONS: dict[int, list[str]] = {}


def watch_csp(context: BrowserContext) -> None:
    """Collect the CSP violations of every page of `context`, from the page's
    `securitypolicyviolation` event and from Chromium's console messages."""
    found = _CSP_VIOLATIONS.setdefault(id(context), [])
    context.expose_binding("__reportCspViolation", lambda _source, text: found.append(text))
    context.add_init_script(CSP_LISTENER)

    def on_console(message) -> None:
        if CSP_CONSOLE.search(message.text):
            found.append(f"console: {message.text}")

    context.on("page", lambda page: page.on("console", on_console))


def csp_violations(context: BrowserContext) -> list[str]:
    return _CSP_VIOLATIONS.get(id(context), [])


def assert_no_csp_violation(context: BrowserContext) -> None:
    violations = csp_violations(context)
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


def forget_csp(context: BrowserContext) -> None:
    _CSP_VIOLATIONS.pop(id(context), None)


def login(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form, as a person would, and check it let us in."""
    page.goto("/login")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).not_to_have_url(LOGIN_URL, timeout=15_000)


def check_page(page: Page, name: str) -> None:
    """Save a full-page screenshot as test-output/e2e/<name>.png, then run axe-core and
    fail on every serious or critical violation, listing its nodes."""
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state("load")
    assert_no_csp_violation(page.context)
    page.screenshot(path=str(OUTPUT_DIR / f"{name}.png"), full_page=True)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated, not a <script> tag: the portal's policy refuses inline scripts.
        page.evaluate(AXE_JS.read_text())
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    assert not blocking, f"axe on {name} ({page.url}):\n" + describe(blocking)


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {json.dumps(node['target'])} {summary}")
    return "\n".join(lines)


def open_menu(page: Page, name: str) -> None:
    """Follow an entry of the main navigation bar (not a breadcrumb of the same name)."""
    menu = page.get_by_role("navigation", name="Điều hướng chính")
    menu.get_by_role("link", name=name, exact=True).click()


def open_in_period(page: Page, path: str, period: str) -> None:
    """`path` (a page with a "Kỳ kế hoạch" filter: /congress/, /council/...) shown for
    the plan period named `period`, chosen in that filter: the demo's current period
    is the one around today, its 2023-2025 plan (the Q2-2025 congress) is history."""
    page.goto(path)
    choice = page.get_by_label("Kỳ kế hoạch")
    choice.select_option(label=period)
    choice.locator("xpath=ancestor::form").get_by_role("button").click()
    page.wait_for_url(re.compile(r"[?&]period_id=\d+"))
