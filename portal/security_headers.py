"""The security headers every response carries: content policy, framing, sniffing, referrer.

One `after_request` rather than Flask-Talisman: Talisman is not among the project's
dependencies, and what the portal needs is a handful of fixed headers; Talisman's other
duties (forcing HTTPS, session cookie flags) are already done by the reverse proxy and
by config.py (SESSION_COOKIE_SECURE follows PORTAL_BASE_URL).

Scripts run only from the portal's own files (`script-src 'self'`, no inline script, no
inline event handler: confirmations are `data-confirm` attributes read by
static/js/confirm.js). Styles keep 'unsafe-inline': the templates use `style=` attributes
and Chart.js sizes its canvas inline; a style cannot run code. Each header is set only
when the view has not set it, so that downloads keep their stricter `sandbox` policy.
"""

from __future__ import annotations

from flask import Flask, Response, current_app

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",  # Bootstrap draws its toggler and select arrows as data: SVG
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
HSTS = "max-age=31536000"  # a year; no includeSubDomains: the province's other sites are not ours

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
}


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config["PORTAL_BASE_URL"].startswith("https://"):
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
