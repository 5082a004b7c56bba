"""One tone-mark convention everywhere (issue 17, point 12): the one of the Decree 30
samples, "hòa", "thủy", "khỏe", "xóa", "hủy", not "hoà", "thuỷ", "khoẻ", "xoá", "huỷ".
The interface, the emails, the documents, the demo and the tests are all checked."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from portal.exemplars.models import ExemplarStatus

ROOT = Path(__file__).resolve().parent.parent
LETTERS = "a-zA-ZđĐ\u00c0-\u1ef9"
CHECKED = (".py", ".html", ".txt", ".po", ".md", ".js", ".css", ".cfg", ".toml")
SKIPPED = ("vendor", "tests/test_spelling.py")


def _new_style_words(text: str) -> list[str]:
    """Words where oa/oe/uy ends a syllable with the mark on its second vowel (after
    "q" the u belongs to the consonant: "quý" is right in both conventions)."""
    found = []
    for match in re.finditer(
        rf"(?<![{LETTERS}])[{LETTERS}]*?(?:[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![{LETTERS}])",
        text,
    ):
        word = match.group(0)
        if re.search(r"[qQ][uU][ỳýỷỹỵỲÝỶỸỴ]$", word):
            continue
        found.append(word)
    return found


def test_the_checker_finds_the_other_convention():
    assert _new_style_words("CỘNG HOÀ, Huỷ, xoá, khoẻ, thuỷ") == [
        "HOÀ",
        "Huỷ",
        "xoá",
        "khoẻ",
        "thuỷ",
    ]
    assert _new_style_words("CỘNG HÒA, Hủy, xóa, khỏe, thủy, quý, hoàn, hoạch, Quỳnh") == []


def test_every_file_uses_the_decree_30_tone_marks():
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    offenders = {}
    for name in files:
        if not name.endswith(CHECKED) or any(part in name for part in SKIPPED):
            continue
        words = _new_style_words((ROOT / name).read_text(encoding="utf-8", errors="ignore"))
        if words:
            offenders[name] = sorted(set(words))[:5]
    assert offenders == {}


def test_the_button_that_moves_an_exemplar_on_is_named_as_an_action():
    for status in (ExemplarStatus.FOSTERING, ExemplarStatus.RECOGNISED, ExemplarStatus.REPLICATED):
        assert status.verb != status.label, status
    assert str(ExemplarStatus.REPLICATED.verb) == "Chuyển sang nhân rộng"
