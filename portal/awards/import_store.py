"""Keeping an uploaded award file's rows between the preview and the confirmation: a
private JSON file under the instance directory, named by a random token and bound to
the organization and the person who uploaded it (kept a day at most)."""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path

from flask import current_app

KEEP_SECONDS = 24 * 3600
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _folder() -> Path:
    folder = Path(current_app.config["INSTANCE_DIR"]) / "imports" / "awards"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store(organization_id: int, user_id: int, filename: str, rows: list[list]) -> str:
    _remove_stale()
    token = secrets.token_urlsafe(24)
    payload = {
        "organization_id": organization_id,
        "user_id": user_id,
        "filename": filename,
        "stored_at": time.time(),
        "rows": rows,
    }
    (_folder() / f"{token}.json").write_text(json.dumps(payload, ensure_ascii=False), "utf-8")
    return token


def load(token: str, organization_id: int, user_id: int) -> dict | None:
    """The stored upload of this person in this organization, or None."""
    if not TOKEN_PATTERN.match(token or ""):
        return None
    path = _folder() / f"{token}.json"
    try:
        payload = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if payload.get("organization_id") != organization_id or payload.get("user_id") != user_id:
        return None
    if time.time() - payload.get("stored_at", 0) > KEEP_SECONDS:
        path.unlink(missing_ok=True)
        return None
    return payload


def discard(token: str) -> None:
    if TOKEN_PATTERN.match(token or ""):
        (_folder() / f"{token}.json").unlink(missing_ok=True)


def _remove_stale() -> None:
    limit = time.time() - KEEP_SECONDS
    for path in _folder().glob("*.json"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue
