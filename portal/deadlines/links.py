"""Links to the page where something is done, built without a request (jobs).

Capabilities land at different times, so a link names candidate endpoints in
order of preference and the first one that exists is used.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask import current_app
from werkzeug.routing import BuildError

Candidate = tuple[str, dict]


def portal_path(candidates: Sequence[Candidate], default: str = "/") -> str:
    """The path of the first candidate endpoint that exists and builds."""
    adapter = current_app.url_map.bind("localhost")
    for endpoint, values in candidates:
        if endpoint not in current_app.view_functions:
            continue
        try:
            return adapter.build(endpoint, values)
        except BuildError:
            continue
    return default


def unit_home(unit_id: int) -> list[Candidate]:
    return [("workspace.unit_home", {"unit_id": unit_id})]


DEADLINE_ENDPOINTS = {
    "self_assessment": "assessments.index",
    "annual_report": "annualreports.index",
    "congress_submission": "congress.index",
}


def deadline_link(kind: str, unit_id: int) -> str:
    """Where a unit does what a deadline of `kind` asks."""
    candidates: list[Candidate] = []
    endpoint = DEADLINE_ENDPOINTS.get(str(kind))
    if endpoint:
        candidates.append((endpoint, {}))
    candidates += unit_home(unit_id)
    candidates.append(("deadlines.index", {}))
    return portal_path(candidates)
