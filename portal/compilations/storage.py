"""Where dossiers are written: the jobs' work directories and the finished archives."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from portal.compilations.models import Compilation


def dossier_root() -> Path:
    return Path(current_app.config["DOSSIER_DIR"])


def archive_path(compilation: Compilation) -> Path:
    return dossier_root() / str(compilation.organization_id) / compilation.file_name
