"""English UI: choosing English translates the shell and sign-in pages; Vietnamese by default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

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
    assert client.get("/lang/en").status_code == 302
    page = _text(client.get("/login"))
    assert "Sign in" in page
    assert "Forgot your password?" in page
    assert "Password" in page
    assert "Quên mật khẩu?" not in page


def test_navigation_in_english_after_choosing_it(client, world, login_as):
    login_as(world.office)
    client.get("/lang/en")
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
