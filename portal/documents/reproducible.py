"""Make Office files byte-for-byte reproducible: the same inputs give the same
bytes, so that a dossier's SHA-256 manifest is stable between compilations."""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import datetime
from pathlib import Path

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_DOC_TIME = datetime(2000, 1, 1)
CORE_PROPERTIES = "docProps/core.xml"
# openpyxl stamps "modified" with the clock on every save, whatever was set, and a
# workbook made without build_workbook carries the clock as "created".
STAMPS = re.compile(rb"(<dcterms:(modified|created)[^>]*>)[^<]*(</dcterms:\2>)")


def normalise_zip(path: Path) -> None:
    """Rewrite a ZIP-based file (docx, xlsx) with fixed entry times and a fixed
    "modified" property."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(normalised_zip_bytes(path.read_bytes()))
    os.replace(tmp, path)


def normalised_zip_bytes(data: bytes) -> bytes:
    """The same ZIP-based file (docx, xlsx) with fixed entry times and a fixed
    "modified" property."""
    target_buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == CORE_PROPERTIES:
                content = STAMPS.sub(rb"\g<1>2000-01-01T00:00:00Z\g<3>", content)
            target.writestr(entry, content)
    return target_buffer.getvalue()
