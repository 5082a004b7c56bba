"""Keeping an uploaded file's parsed rows between the preview and the confirmation of
an import (staff accounts, award decisions): a private JSON file under the instance
directory, named by a random token and bound to the organization and the person who
uploaded it, kept a day at most."""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

KEEP_SECONDS = 24 * 3600
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


@dataclass(frozen=True)
class PendingUploads:
    """The uploads of one kind of import, in INSTANCE_DIR/imports/`kind`."""

    kind: str

    def _folder(self) -> Path:
        folder = Path(current_app.config["INSTANCE_DIR"]) / "imports" / self.kind
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def store(self, organization_id: int, user_id: int, filename: str, rows: list[list]) -> str:
        """Keep the parsed rows for the preview; returns the token that names them."""
        self._remove_stale()
        token = secrets.token_urlsafe(24)
        payload = {
            "organization_id": organization_id,
            "user_id": user_id,
            "filename": filename,
            "stored_at": time.time(),
            "rows": rows,
        }
        path = self._folder() / f"{token}.json"
        path.write_text(json.dumps(payload, ensure_ascii=False), "utf-8")
        return token

    def load(self, token: str, organization_id: int, user_id: int) -> dict | None:
        """The stored upload of this person in this organization, or None."""
        if not TOKEN_PATTERN.match(token or ""):
            return None
        path = self._folder() / f"{token}.json"
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

    def discard(self, token: str) -> None:
        if TOKEN_PATTERN.match(token or ""):
            (self._folder() / f"{token}.json").unlink(missing_ok=True)

    def _remove_stale(self) -> None:
        limit = time.time() - KEEP_SECONDS
        for path in self._folder().glob("*.json"):
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
            except OSError:
                continue
