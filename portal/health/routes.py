"""GET /healthz: JSON for load balancers and monitoring; no login, no CSRF."""

from __future__ import annotations

from flask import Blueprint, jsonify

from portal.extensions import csrf, limiter
from portal.health.services import health_report

bp = Blueprint("health", __name__)
csrf.exempt(bp)


@bp.get("/healthz")
@limiter.exempt
def healthz():
    report = health_report()
    response = jsonify(report)
    response.status_code = 200 if report["status"] == "ok" else 503
    response.headers["Cache-Control"] = "no-store"
    return response
