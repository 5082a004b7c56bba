"""Recognise an uploaded file by its content, not by its name."""

from __future__ import annotations

import io
import zipfile

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
# Which file-name extensions may carry each detected kind.
EXTENSIONS = {
    "pdf": {"pdf"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
    "doc": {"doc"},
    "xls": {"xls"},
    "jpeg": {"jpg", "jpeg"},
    "png": {"png"},
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def detect_kind(head: bytes, stream: io.IOBase | None = None) -> str | None:
    """The kind of file whose first bytes are `head` (and whole content `stream`
    for ZIP-based Office files), or None when it is not an accepted type."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(OLE_MAGIC):
        return "ole"  # .doc or .xls: decided by the extension
    if head.startswith(b"PK\x03\x04") and stream is not None:
        return _office_zip_kind(stream)
    return None


def _office_zip_kind(stream: io.IOBase) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    return None
