"""Tests that make PDF copies need Debian's LibreOffice (and poppler's pdftotext to read
them back); `make test` installs them when it can (.ci/ensure-libreoffice) and these
tests are skipped, saying why, where it could not."""

from __future__ import annotations

import shutil

import pytest

from portal.documents.pdf import find_converter

SKIP_MESSAGE = (
    "LibreOffice (soffice) or pdftotext is not installed: the PDF copies are not tested; "
    "apt-get install libreoffice-writer-nogui fonts-liberation2 poppler-utils"
)
needs_libreoffice = pytest.mark.skipif(
    find_converter() is None or shutil.which("pdftotext") is None, reason=SKIP_MESSAGE
)


def assert_pdf_normalised(data: bytes) -> None:
    """The PDF's dates are 01/01/2000 and its /ID is derived from its content."""
    from portal.documents.reproducible import PDF_ID, normalised_pdf_bytes

    assert b"/CreationDate(D:20000101000000" in data
    assert b"/ModDate" not in data or b"/ModDate(D:20000101000000" in data
    ids = PDF_ID.search(data)
    assert ids and ids[2] == ids[4] and set(ids[2]) != {ord("0")}
    assert normalised_pdf_bytes(data) == data  # the /ID is the digest of the rest
