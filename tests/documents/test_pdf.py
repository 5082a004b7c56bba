"""PDF copies: many files in one LibreOffice process, and reproducible bytes."""

from __future__ import annotations

import subprocess
import time

from docx import Document

from portal.documents import pdf
from portal.documents.reproducible import normalised_pdf_bytes
from tests.libreoffice import assert_pdf_normalised, needs_libreoffice

SAMPLE = (
    b"%PDF-1.4\n1 0 obj\n<</Producer(LibreOffice)/CreationDate(D:20261203105228+07'00')"
    b"/ModDate(D:20261203105229Z')>>\nendobj\ntrailer\n<</Size 2/Info 1 0 R\n"
    b"/ID [ <918E6D8A27405BDA0B902FC648C0E099>\n<918E6D8A27405BDA0B902FC648C0E099> ]\n"
    b"/DocChecksum /A2072055BAEDD3C192E55D18BFA74D98\n>>\nstartxref\n9\n%%EOF\n"
)


def test_dates_and_id_are_fixed_in_place():
    fixed = normalised_pdf_bytes(SAMPLE)
    assert len(fixed) == len(SAMPLE)  # the cross-reference offsets stay right
    assert b"/CreationDate(D:20000101000000+00'00')" in fixed
    assert b"/ModDate(D:20000101000000Z')" in fixed
    assert b"918E6D8A" not in fixed and b"A2072055" not in fixed
    later = SAMPLE.replace(b"105228", b"115959").replace(b"918E6D8A", b"00000001")
    assert normalised_pdf_bytes(later) == fixed  # another time, another random /ID
    other = SAMPLE.replace(b"LibreOffice", b"LibreOffixe")
    assert normalised_pdf_bytes(other)[-150:] != fixed[-150:]  # another content, another /ID
    assert normalised_pdf_bytes(b"%PDF-1.4 no info") == b"%PDF-1.4 no info"


def _docx(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    document = Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


@needs_libreoffice
def test_many_files_in_one_process(tmp_path, monkeypatch):
    """Every unit has a "to-trinh.docx": the same name in two folders, two PDFs."""
    documents = [
        _docx(tmp_path / "don-vi-1" / "to-trinh.docx", "Đơn vị thứ nhất"),
        _docx(tmp_path / "don-vi-2" / "to-trinh.docx", "Đơn vị thứ hai"),
        _docx(tmp_path / "so" / "bien-ban.docx", "Biên bản của Sở"),
    ]
    started = []
    real = subprocess.Popen

    def counting(command, **kwargs):
        if command[0] == pdf.find_converter():
            started.append(command)
        return real(command, **kwargs)

    monkeypatch.setattr(pdf.subprocess, "Popen", counting)
    ticks = []
    written = pdf.convert_many(documents, progress=lambda done, total: ticks.append(done))
    assert len(started) == 1
    assert written == [d.with_suffix(".pdf") for d in documents]
    texts = [
        subprocess.run(["pdftotext", str(p), "-"], capture_output=True).stdout for p in written
    ]
    assert [t.decode().strip() for t in texts] == [
        "Đơn vị thứ nhất",
        "Đơn vị thứ hai",
        "Biên bản của Sở",
    ]
    assert ticks[-1] == 3
    first = written[0].read_bytes()
    assert_pdf_normalised(first)
    time.sleep(1.1)
    monkeypatch.setattr(pdf, "BATCH", 2)  # batches keep LibreOffice's memory bounded
    again = pdf.convert_many(documents, targets=[tmp_path / f"{n}.pdf" for n in range(3)])
    assert len(started) == 3
    assert again[0].read_bytes() == first  # a second later, the same bytes
