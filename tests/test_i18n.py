"""English UI: a complete catalogue; shell, sign-in and capability pages in English on request."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from portal.extensions import db
from tests.factories import make_deadline, make_finding, make_inspection, record_exemplar

TRANSLATIONS = Path(__file__).resolve().parents[1] / "portal" / "translations"
CATALOGUE_DIR = TRANSLATIONS / "en" / "LC_MESSAGES"
PO_FILE = CATALOGUE_DIR / "messages.po"
MO_FILE = CATALOGUE_DIR / "messages.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[a-zA-Z]")


def _read_catalogue():
    with PO_FILE.open("rb") as handle:
        return read_po(handle, locale="en")


@pytest.fixture(autouse=True, scope="module")
def compiled_catalogue():
    """`make test` compiles the catalogue; do it here too when pytest runs on its own."""
    if not MO_FILE.exists() or MO_FILE.stat().st_mtime < PO_FILE.stat().st_mtime:
        with MO_FILE.open("wb") as handle:
            write_mo(handle, _read_catalogue())


def _text(response) -> str:
    return response.get_data(as_text=True)


def test_login_page_is_vietnamese_by_default(client, world):
    page = _text(client.get("/login"))
    assert "Đăng nhập" in page
    assert "Quên mật khẩu?" in page
    assert "Sign in" not in page


def test_login_page_in_english_after_choosing_it(client, world):
    assert client.post("/lang/en").status_code == 302
    page = _text(client.get("/login"))
    assert "Sign in" in page
    assert "Forgot your password?" in page
    assert "Password" in page
    assert "Quên mật khẩu?" not in page


def test_navigation_in_english_after_choosing_it(client, world, login_as):
    login_as(world.office)
    client.post("/lang/en")
    page = _text(client.get("/admin/users"))
    assert "Sign out" in page
    assert "Users" in page
    assert "Units" in page
    assert "Change log" in page
    assert "Đăng xuất" not in page
    assert "Nhật ký thay đổi" not in page


def test_navigation_in_vietnamese_by_default(client, world, login_as):
    login_as(world.office)
    page = _text(client.get("/admin/users"))
    assert "Đăng xuất" in page
    assert "Nhật ký thay đổi" in page
    assert "Sign out" not in page


def test_every_translation_keeps_the_placeholders_of_its_message_id():
    wrong = []
    for message in _read_catalogue():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = sorted(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if string and sorted(PLACEHOLDER.findall(string)) != expected:
                wrong.append((message.id, string))
    assert wrong == []


# --- The whole catalogue, and the capability pages in English -------------------------


def test_catalogue_has_no_untranslated_or_fuzzy_entry():
    catalogue = _read_catalogue()
    untranslated, fuzzy = [], []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(s.strip() for s in strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert len(catalogue) > 1000  # the capability pages, not only the shell
    assert untranslated == []
    assert fuzzy == []
    assert list(catalogue.obsolete) == []


def test_catalogue_keeps_brace_placeholders_and_html_tags():
    braces = re.compile(r"\{\w*\}")
    tags = re.compile(r"</?[a-zA-Z]+")
    wrong = []
    for message in _read_catalogue():
        if not message.id or isinstance(message.id, tuple):
            continue
        for pattern in (braces, tags):
            if sorted(pattern.findall(message.id)) != sorted(pattern.findall(message.string)):
                wrong.append((message.id, message.string))
    assert wrong == []


class _VisibleText(HTMLParser):
    """Text nodes and the human-readable attributes of a page, outside scripts and styles."""

    ATTRIBUTES = {"aria-label", "placeholder", "title", "alt"}

    def __init__(self) -> None:
        super().__init__()
        self.texts: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.texts.add(value.strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.add(" ".join(data.split()))


def _untranslated_on(page: str) -> set[str]:
    """Vietnamese message ids shown as they are: a text node or label equal to a msgid."""
    parser = _VisibleText()
    parser.feed(page)
    msgids = {m.id for m in _read_catalogue() if m.id and isinstance(m.id, str) and "%" not in m.id}
    texts = {text.rstrip(":").strip() for text in parser.texts}
    return texts & msgids


@pytest.fixture
def english_user(world):
    """Unit A's coordinator has chosen English in their profile (no session choice)."""
    world.coordinator_a.locale = "en"
    world.office.locale = "en"
    db.session.commit()
    return world


def test_exemplar_list_in_english_for_a_user_whose_locale_is_en(client, english_user, login_as):
    world = english_user
    record_exemplar(world.unit_a, name="Tổ Thẩm định hồ sơ")
    login_as(world.coordinator_a)
    page = _text(client.get("/exemplars/"))
    assert "Advanced exemplar" in page
    assert "Record exemplar" in page
    assert "Export to Excel" in page
    assert "Emerging candidate" in page  # the status badge of the exemplar
    assert "Tổ Thẩm định hồ sơ" in page  # data stays as entered
    assert "Ghi nhận điển hình" not in page
    assert _untranslated_on(page) == set()


def test_exemplar_list_stays_vietnamese_for_a_user_whose_locale_is_vi(client, world, login_as):
    login_as(world.coordinator_a)
    page = _text(client.get("/exemplars/"))
    assert "Ghi nhận điển hình" in page
    assert "Record exemplar" not in page
    assert "Ghi nhận điển hình" in _untranslated_on(page)  # the check above can fail


def test_inspection_list_in_english_for_a_user_whose_locale_is_en(client, english_user, login_as):
    world = english_user
    inspection = make_inspection(world, world.unit_a, world.council, date(2025, 3, 10))
    make_finding(inspection)
    login_as(world.office)
    page = _text(client.get("/inspections/"))
    assert "Inspection and supervision" in page
    assert "Record an inspection" in page
    assert "Conclusion list" in page
    assert "Not signed off" in page
    assert "Kiểm tra, giám sát" not in page
    assert _untranslated_on(page) == set()


def test_deadline_list_in_english_for_a_user_whose_locale_is_en(client, english_user, login_as):
    world = english_user
    make_deadline(world)
    login_as(world.office)
    page = _text(client.get("/deadlines/"))
    assert "Add deadline" in page
    assert "Deadline list" in page
    assert "Progress by unit" in page
    assert "Báo cáo sơ kết phong trào thi đua" in page  # the deadline's own title
    assert "Thêm thời hạn" not in page
    assert _untranslated_on(page) == set()
