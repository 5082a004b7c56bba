"""GET /healthz: JSON for load balancers and monitoring; no login, no CSRF.

Anyone gets the overall status and its HTTP code (enough for a load balancer). The
details (database dialect, workers per queue, the scheduler's heartbeat) describe the
installation to an attacker, so they go only to a signed-in Office user or to a request
carrying the configured MONITORING_TOKEN as `Authorization: Bearer <token>`."""

from __future__ import annotations

import hmac

from flask import Blueprint, current_app, jsonify, request
from flask_login import current_user

from portal.extensions import csrf, limiter
from portal.health.services import health_report

bp = Blueprint("health", __name__)
csrf.exempt(bp)


@bp.get("/healthz")
@limiter.exempt
def healthz():
    report = health_report()
    body = report if may_read_details() else {"status": report["status"]}
    response = jsonify(body)
    response.status_code = 200 if report["status"] == "ok" else 503
    response.headers["Cache-Control"] = "no-store"
    response.vary.add("Authorization")
    response.vary.add("Cookie")
    return response


def may_read_details() -> bool:
    if current_user.is_authenticated and current_user.is_office:
        return True
    expected = current_app.config.get("MONITORING_TOKEN") or ""
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return (
        bool(expected)
        and scheme.lower() == "bearer"
        and hmac.compare_digest(given.strip().encode(), expected.encode())
    )
