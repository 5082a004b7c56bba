"""Make Office files and PDFs byte-for-byte reproducible: the same inputs give the
same bytes, so that a dossier's SHA-256 manifest is stable between compilations."""

from __future__ import annotations

import hashlib
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


# What LibreOffice stamps into each PDF it writes: the conversion time in the Info
# dictionary, and in the trailer a random /ID and a checksum of the file with them.
PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)([^)]*)(\))")
PDF_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]*)(>\s*<)([0-9A-Fa-f]*)(>\s*\])")
PDF_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")
FIXED_PDF_DIGITS = b"20000101000000"


def normalise_pdf(path: Path) -> None:
    """Rewrite a PDF with fixed dates and an /ID computed from its content."""
    data = path.read_bytes()
    fixed = normalised_pdf_bytes(data)
    if fixed != data:
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_bytes(fixed)
        os.replace(tmp, path)


def normalised_pdf_bytes(data: bytes) -> bytes:
    """The same PDF with its creation and modification dates set to 01/01/2000 and its
    /ID (and LibreOffice's /DocChecksum) derived from the rest of the file.

    Every replacement keeps the length of what it replaces, so the cross-reference
    table's byte offsets stay right without rewriting the file; a PDF without these
    entries is returned unchanged."""
    data = PDF_DATE.sub(lambda m: m[1] + _fixed_date(m[2]) + m[3], data)
    blank = PDF_ID.sub(lambda m: m[1] + _zeros(m[2]) + m[3] + _zeros(m[4]) + m[5], data)
    blank = PDF_CHECKSUM.sub(lambda m: m[1] + _zeros(m[2]), blank)
    digest = hashlib.sha256(blank).hexdigest().upper().encode() * 4
    data = PDF_ID.sub(
        lambda m: m[1] + digest[: len(m[2])] + m[3] + digest[: len(m[4])] + m[5], blank
    )
    return PDF_CHECKSUM.sub(lambda m: m[1] + digest[: len(m[2])], data)


def _fixed_date(stamp: bytes) -> bytes:
    """D:YYYYMMDDHHmmSS then an optional zone (Z, +07'00'): the digits become
    01/01/2000 00:00:00 and the zone's digits zeros, the length kept."""
    digits = FIXED_PDF_DIGITS[: min(len(stamp), len(FIXED_PDF_DIGITS))]
    rest = re.sub(rb"[0-9]", b"0", stamp[len(digits) :])
    return digits + rest


def _zeros(text: bytes) -> bytes:
    return b"0" * len(text)
