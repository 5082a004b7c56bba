"""Write the dossier ZIP by streaming files from disk, with a SHA-256 manifest.

Entries are sorted and carry a fixed time, so the same inputs give the same ZIP.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

from portal.documents.reproducible import FIXED_ZIP_TIME

CHUNK = 1024 * 1024
MANIFEST_NAME = "MANIFEST.sha256.json"


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def build_manifest(
    workdir: Path, relative_paths: list[str], source: Callable[[str], str | None] | None = None
) -> list[dict]:
    """One entry per file; with `source`, an entry it describes says where it came from."""
    manifest = []
    for rel in sorted(set(relative_paths)):
        path = workdir / rel
        entry = {"path": rel, "size": path.stat().st_size, "sha256": file_digest(path)}
        said = source(rel) if source else None
        if said:
            entry["source"] = said
        manifest.append(entry)
    return manifest


def write_zip(workdir: Path, manifest: list[dict], target: Path) -> None:
    """Write to `<target>.part` and rename at the end: a failure never leaves a
    ZIP that looks complete."""
    partial = target.with_name(target.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            for entry in manifest:
                info = zipfile.ZipInfo(entry["path"], date_time=FIXED_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                with (
                    open(workdir / entry["path"], "rb") as source,
                    archive.open(info, "w", force_zip64=True) as sink,
                ):
                    for chunk in iter(lambda: source.read(CHUNK), b""):
                        sink.write(chunk)
            info = zipfile.ZipInfo(MANIFEST_NAME, date_time=FIXED_ZIP_TIME)
            info.external_attr = 0o644 << 16
            archive.writestr(
                info, json.dumps(manifest, ensure_ascii=False, indent=2), zipfile.ZIP_DEFLATED
            )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
