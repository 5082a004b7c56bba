"""Links to the page where something is done, built without a request (jobs)."""

from __future__ import annotations

from flask import current_app


def portal_path(endpoint: str, **values: object) -> str:
    """The path of `endpoint` with `values`, built outside a request."""
    return current_app.url_map.bind("localhost").build(endpoint, values)


DEADLINE_ENDPOINTS = {
    "self_assessment": "assessments.index",
    "annual_report": "annualreports.index",
    "congress_submission": "congress.index",
}


def deadline_link(kind: str, unit_id: int) -> str:
    """Where a unit does what a deadline of `kind` asks: the record's list, or the
    unit's workspace for a deadline that no record completes."""
    endpoint = DEADLINE_ENDPOINTS.get(str(kind))
    if endpoint:
        return portal_path(endpoint)
    return portal_path("workspace.unit_home", unit_id=unit_id)
