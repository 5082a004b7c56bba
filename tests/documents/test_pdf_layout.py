"""Every kind of document rendered by LibreOffice and measured in the PDF's text
positions (`pdftotext -bbox`): the number and the place-date on one line, no page
whose only text is a page number or a signer's name, a long table's header row on
each of its pages, the signer's name on the page of "Nơi nhận". Skipped, saying
why, where LibreOffice or pdftotext is missing."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.documents.kinds import NUMBERS, SIGNERS, build_all

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(
    not (SOFFICE and PDFTOTEXT),
    reason="LibreOffice (soffice) and pdftotext (poppler-utils) are needed to render the PDFs",
)


@dataclass(frozen=True)
class Word:
    text: str
    x: float
    y: float  # yMax: the bottom of the word's box, near its baseline


class _Boxes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.pages: list[list[Word]] = []
        self._word: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "page":
            self.pages.append([])
        elif tag == "word":
            self._word = dict(attrs)

    def handle_data(self, data):
        if self._word is not None:
            box = self._word
            self.pages[-1].append(Word(data.strip(), float(box["xmin"]), float(box["ymax"])))

    def handle_endtag(self, tag):
        if tag == "word":
            self._word = None


def pages_of(pdf: Path) -> list[list[Word]]:
    html = subprocess.run(
        [PDFTOTEXT, "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    parser = _Boxes()
    parser.feed(html)
    return parser.pages


@pytest.fixture
def pdfs(world, tmp_path):
    """Each kind with tables long enough to run over pages, as PDF pages of words."""
    docx = build_all(world, tmp_path / "docx", rows=45)
    out = tmp_path / "pdf"
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *(str(p) for p in docx.values()),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return {kind: pages_of(out / (path.stem + ".pdf")) for kind, path in docx.items()}


def _first(words: list[Word], text: str) -> Word:
    return next(w for w in words if w.text == text)


def check_number_and_place_date_on_one_line(pdfs):
    for kind, number in NUMBERS.items():
        first = pdfs[kind][0]
        number_word = _first(first, number.split()[-1])
        date_word = _first(first, "Bình,")  # "Quảng Bình, ngày 05 tháng 6 năm 2025"
        assert abs(number_word.y - date_word.y) < 1.0, (kind, number_word, date_word)
        assert number_word.x < date_word.x


def check_no_page_carries_only_a_page_number_or_a_signature(pdfs):
    for kind, pages in pdfs.items():
        names = {part for name in SIGNERS[kind] for part in name.split()}
        for index, words in enumerate(pages[1:], 2):
            text = [w.text for w in words if not w.text.isdigit()]
            assert text, f"{kind}: page {index} has only a page number"
            assert not set(text) <= names, f"{kind}: page {index} has only {text}"


def check_a_long_table_repeats_its_header_on_each_page(pdfs):
    """A word found only in the table's rows marks the pages the table runs over."""
    for kind, marker in (("bien-ban-hoi-dong", "Bằng"), ("to-trinh-cua-so", "80,0%")):
        with_rows = [words for words in pdfs[kind] if any(w.text == marker for w in words)]
        assert len(with_rows) >= 2, f"{kind}: the table should run over two pages at least"
        for words in with_rows:
            header = _first(words, "STT")
            first_row = min(w.y for w in words if w.text == marker)
            assert header.y < first_row, kind


def check_the_signer_is_on_the_page_of_noi_nhan(pdfs):
    for kind in ("to-trinh-don-vi", "to-trinh-cua-so", "bao-cao-nam"):
        pages = pdfs[kind]
        page = next(i for i, words in enumerate(pages) if any(w.text == "nhận:" for w in words))
        for name in SIGNERS[kind]:
            last = name.split()[-1]
            assert any(w.text == last for w in pages[page]), (kind, name, page)
        assert page == len(pages) - 1, f"{kind}: the signature is not on the last page"


def test_rendered_documents_keep_their_layout(pdfs):
    """One rendering (LibreOffice takes seconds to start), four measurements."""
    check_number_and_place_date_on_one_line(pdfs)
    check_no_page_carries_only_a_page_number_or_a_signature(pdfs)
    check_a_long_table_repeats_its_header_on_each_page(pdfs)
    check_the_signer_is_on_the_page_of_noi_nhan(pdfs)
