"""Every response carries the security headers (portal/security_headers.py), every HTML
page of the url_map among them, and no template holds a script the policy would block."""

from __future__ import annotations

import re
from pathlib import Path

from portal import create_app
from portal.extensions import db
from portal.security_headers import CONTENT_SECURITY_POLICY, HEADERS
from tests.evidence.test_evidence_names import upload

PORTAL = Path(__file__).resolve().parent.parent / "portal"
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


def get_pages_without_parameters(app) -> list[str]:
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and not rule.arguments and rule.endpoint != "static"
    )


def assert_secured(response, where: str) -> None:
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, f"{name} on {where}"


def test_the_policy_forbids_inline_script_and_framing():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self'"
    assert "unsafe" not in directives["script-src"] and "unsafe" not in directives["default-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert HEADERS["X-Frame-Options"] == "DENY"


def test_every_html_page_without_parameters_has_the_headers_for_the_office(app, world, login_as):
    client = login_as(world.office)
    html_pages = []
    for url in get_pages_without_parameters(app):
        response = client.get(url)
        assert response.status_code < 500 or url == "/healthz", url  # 503: no worker here
        assert_secured(response, url)
        if response.mimetype == "text/html" and response.status_code == 200:
            html_pages.append(url)
    assert len(html_pages) >= 20, html_pages  # the walk really met the portal's pages
    assert "/admin/users" in html_pages


def test_anonymous_pages_errors_and_redirects_have_the_headers(client):
    for url, status in (("/login", 200), ("/forgot-password", 200), ("/admin/users", 302)):
        response = client.get(url)
        assert response.status_code == status, url
        assert_secured(response, url)
    missing = client.get("/khong-co-trang-nay")
    assert missing.status_code == 404
    assert_secured(missing, "the 404 page")


def test_hsts_only_when_the_portal_is_served_over_https(client, tmp_path, redis_server):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    https = create_app(
        "testing",
        overrides={"PORTAL_BASE_URL": "https://thidua.example.vn", "INSTANCE_DIR": tmp_path},
    )
    https.extensions["portal_redis"] = redis_server
    response = https.test_client().get("/healthz")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_a_download_keeps_its_own_sandbox_policy(world, login_as):
    evidence = upload(world, "bien-ban.pdf")
    db.session.commit()
    response = login_as(world.office).get(f"/evidence/{evidence.id}")
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_no_template_has_an_inline_script_or_event_handler():
    """The policy would block them in the browser: confirmations are data-confirm
    attributes (static/js/confirm.js), data for charts is a JSON block."""
    offenders = []
    for path in sorted(PORTAL.rglob("templates/**/*.html")):
        if "mail" in path.relative_to(PORTAL).parts[:1]:
            continue  # emails are read in a mail client (and in a sandboxed frame)
        text = path.read_text()
        if INLINE_HANDLER.search(text):
            offenders.append(f"{path}: inline event handler")
        for attributes in SCRIPT_TAG.findall(text):
            if "src=" not in attributes and 'type="application/json"' not in attributes:
                offenders.append(f"{path}: inline <script{attributes}>")
        if "javascript:" in text:
            offenders.append(f"{path}: javascript: URL")
    assert not offenders, "\n".join(offenders)


def test_the_confirmation_script_runs_before_any_button_exists(client):
    """A button clicked while the page was still loading used to submit without its
    question (CI saw it once): confirm.js listens on document, so it is loaded in <head>."""
    page = client.get("/login").get_data(as_text=True)
    head, _, _ = page.partition("<body")
    assert "js/confirm.js" in head
