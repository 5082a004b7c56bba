"""Every form speaks the reader's language: WTForms' and Flask-WTF's own messages
(which ship no Vietnamese) in Vietnamese in the Vietnamese interface and in English
in the English one, CSRF failures included.

The oracle is read from the installed WTForms and Flask-WTF sources, so that a
message added by an upgrade fails `test_every_library_message_has_a_translation`."""

from __future__ import annotations

import importlib
import pkgutil
import re
from html.parser import HTMLParser
from pathlib import Path

import flask_wtf
import pytest
import wtforms
from flask_babel import force_locale, refresh
from wtforms import (
    DateField,
    DateTimeField,
    DecimalField,
    FloatField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)

import portal
from portal.form_messages import FILE_SIZE, MESSAGES, PLURAL_MESSAGES, translate, vn_value
from portal.forms_base import PortalForm, PortalSubForm

# A literal passed to gettext/ngettext, or raised by Flask-WTF's CSRF check untranslated.
_LITERAL = re.compile(
    r"(?:gettext\(|ngettext\(|ValidationError\(|_error_response\(|description = )\s*"
    r'((?:"[^"\n]+"\s*)+),?\s*(?:((?:"[^"\n]+"\s*)+),)?'
)
_VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ]|[àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)
# Not messages a person reads: configuration errors raised to the developer.
_NOT_SHOWN = {"A secret key is required to use CSRF.", "A field name is required to use CSRF."}


def _join(chunk: str) -> str:
    return "".join(re.findall(r'"([^"]*)"', chunk))


def library_messages() -> tuple[set[str], set[tuple[str, str]]]:
    """The English messages WTForms and Flask-WTF can show, from their sources."""
    singular, plural = set(), set()
    for package in (wtforms, flask_wtf):
        for path in Path(package.__file__).parent.rglob("*.py"):
            if "recaptcha" in path.parts:
                continue  # the portal uses no reCAPTCHA
            for first, second in _LITERAL.findall(path.read_text(encoding="utf-8")):
                text = _join(first)
                if not text or text in _NOT_SHOWN or text.startswith(("File must be", "%s")):
                    continue
                if second:
                    plural.add((text, _join(second)))
                else:
                    singular.add(text)
    return singular, plural


def _pattern(message: str) -> re.Pattern:
    """A message with its placeholders as wildcards."""
    parts = re.split(r"%\(\w+\)[sd]|%s|\{\w+\}", message)
    return re.compile(".*".join(re.escape(part) for part in parts))


SINGULAR, PLURAL = library_messages()
ENGLISH_ORACLE = [_pattern(m) for m in SINGULAR | {m for pair in PLURAL for m in pair}] + [
    re.compile(r"File must be between \d+ and \d+ bytes\.")
]


def test_the_oracle_reads_the_library_sources():
    assert "This field is required." in SINGULAR
    assert "Not a valid choice." in SINGULAR
    assert "The CSRF token has expired." in SINGULAR
    assert (
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
    ) in PLURAL
    assert len(SINGULAR) > 35


def test_every_library_message_has_a_translation():
    assert SINGULAR - set(MESSAGES) == set()
    assert PLURAL - set(PLURAL_MESSAGES) == set()


def test_every_translation_is_in_the_english_catalogue(app):
    vietnamese = set(MESSAGES.values()) | {FILE_SIZE}
    vietnamese |= {pair[0] for pair in PLURAL_MESSAGES.values()}
    with app.test_request_context(), force_locale("en"):
        untranslated = {msgid for msgid in vietnamese if translate_msgid(msgid) == msgid}
    assert untranslated == set()


def translate_msgid(msgid: str) -> str:
    from flask_babel import get_translations

    return get_translations().gettext(msgid)


def test_numbers_and_dates_are_written_the_vietnamese_way():
    from datetime import date
    from decimal import Decimal

    assert vn_value(0.5) == "0,5"
    assert vn_value(Decimal("0.01")) == "0,01"
    assert vn_value(2100) == "2100"  # a year keeps no grouping dot
    assert vn_value(100000) == "100.000"
    assert vn_value(date(2025, 6, 5)) == "05/06/2025"


def test_a_message_that_is_not_the_librarys_is_left_alone(app):
    with app.test_request_context(), force_locale("vi"):
        assert translate("Lock Version") == "Lock Version"  # a default label


# --- every form of the portal, empty and with wrong values, in both languages --------


def _all_forms() -> list[type]:
    for module in pkgutil.walk_packages(portal.__path__, "portal."):
        importlib.import_module(module.name)

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    forms = set(below(PortalForm)) | set(below(PortalSubForm))
    return sorted(forms, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


ALL_FORMS = _all_forms()

_NUMBERS = (IntegerField, DecimalField, FloatField, DateField, DateTimeField)
_CHOICES = (SelectField, RadioField, SelectMultipleField)


def _wrong_values(form) -> tuple[dict[str, str], dict[str, str]]:
    """Text where a number, date or choice is expected; numbers far out of any
    range; text longer than any limit."""
    wrong, huge = {}, {}
    for field in form:
        if isinstance(field, _NUMBERS):
            wrong[field.name], huge[field.name] = "abc", "-99999999"
        elif isinstance(field, _CHOICES):
            wrong[field.name] = huge[field.name] = "no-such-choice"
        elif isinstance(field, StringField) and field.type != "HiddenField":
            wrong[field.name], huge[field.name] = "abc", "x" * 100_001
    return wrong, huge


def _errors_of(app, form_class, locale: str, data: dict[str, str]) -> list[str]:
    with (
        app.test_request_context("/", method="POST", data=data, query_string=data),
        force_locale(locale),
    ):
        form = form_class()
        for field in form:
            if getattr(field, "choices", ()) is None:
                field.choices = [("1", "1")]
        form.validate()
        return [str(message) for message in _flatten(form.errors)]


def _flatten(errors):
    if isinstance(errors, dict):
        for value in errors.values():
            yield from _flatten(value)
    elif isinstance(errors, list | tuple):
        for value in errors:
            yield from _flatten(value)
    else:
        yield errors


def _payloads(app, form_class) -> list[dict[str, str]]:
    with app.test_request_context("/", method="POST"):
        wrong, huge = _wrong_values(form_class())
    return [{}, wrong, huge]


def test_every_form_is_found():
    names = {cls.__name__ for cls in ALL_FORMS}
    assert {"ExemplarForm", "LoginForm", "PeriodForm", "ItemScoreForm"} <= names
    assert len(ALL_FORMS) > 60


@pytest.mark.parametrize("form_class", ALL_FORMS, ids=lambda cls: cls.__qualname__)
def test_every_form_answers_bad_input_in_the_readers_language(app, form_class):
    english_in_vietnamese, vietnamese_in_english = [], []
    for data in _payloads(app, form_class):
        for message in _errors_of(app, form_class, "vi", data):
            if any(p.fullmatch(message) for p in ENGLISH_ORACLE):
                english_in_vietnamese.append(message)
        for message in _errors_of(app, form_class, "en", data):
            if _VIETNAMESE.search(message):
                vietnamese_in_english.append(message)
    assert english_in_vietnamese == []
    assert vietnamese_in_english == []


def test_the_walk_does_meet_library_messages(app):
    """The check above can fail: the period form's bad year and too-long name are
    answered with WTForms' messages, translated."""
    from portal.criteria.forms import PeriodForm

    data = {"name": "x" * 100, "start_year": "abc", "end_year": "1900"}
    vietnamese = _errors_of(app, PeriodForm, "vi", data)
    english = _errors_of(app, PeriodForm, "en", data)
    assert "Không được dài quá 64 ký tự (hiện có 100)." in vietnamese
    assert "Vui lòng nhập một số nguyên, ví dụ 2025." in vietnamese
    assert "Số phải từ 2000 đến 2100." in vietnamese
    assert "Cannot be longer than 64 characters (now 100)." in english
    assert "The number must be between 2000 and 2100." in english
    with app.test_request_context(), force_locale("vi"):
        assert translate("Not a valid integer value.") != "Not a valid integer value."


def test_decimal_bounds_are_shown_with_a_decimal_comma(app):
    from portal.criteria.forms import CriteriaItemForm

    errors = _errors_of(app, CriteriaItemForm, "vi", {"weight": "0"})
    assert "Số phải từ 0,01 đến 9999." in errors


# --- CSRF: the error page and the form field ----------------------------------------


def _token_from(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


@pytest.mark.parametrize(
    ("locale", "expected", "absent"),
    [
        ("vi", "Biểu mẫu đã để quá lâu nên đã hết hạn.", "The CSRF token has expired."),
        ("en", "The form was left open too long and has expired.", "hết hạn"),
    ],
)
def test_an_expired_form_is_explained_in_the_readers_language(
    app, client, world, locale, expected, absent
):
    client.post(f"/lang/{locale}")  # CSRF is still off in the test configuration
    app.config["WTF_CSRF_ENABLED"] = True
    token = _token_from(client.get("/login").get_data(as_text=True))
    app.config["WTF_CSRF_TIME_LIMIT"] = -1  # every token is now too old
    response = client.post("/login", data={"csrf_token": token, "email": "a@b.vn"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert expected in page
    assert absent not in page


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("vi", "Mã bảo vệ biểu mẫu không hợp lệ."),
        ("en", "The form's security token is invalid."),
    ],
)
def test_a_forms_own_csrf_error_is_translated(app, locale, expected):
    """A view exempt from CSRFProtect still checks the form's token; its message too."""
    from portal.accounts.forms import LoginForm

    app.config["WTF_CSRF_ENABLED"] = True
    with (
        app.test_request_context("/", method="POST", data={"csrf_token": "forged"}),
        force_locale(locale),
    ):
        form = LoginForm()
        form.validate()
        assert form.csrf_token.errors
        assert form.csrf_token.errors == [expected]


# --- the pages themselves: every form page of the url_map, posted empty and wrong -----


class _Page(HTMLParser):
    """The visible text of a page, and the names of the fields of its POST forms."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.fields: set[str] = set()
        self._in_post_form = False
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_post_form = (attrs.get("method") or "").lower() == "post"
        elif tag in ("input", "select", "textarea") and self._in_post_form and attrs.get("name"):
            if attrs.get("type") not in ("hidden", "submit", "file", "checkbox", "radio"):
                self.fields.add(attrs["name"])
        elif tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_post_form = False
        elif tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(" ".join(data.split()))


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def _form_pages(app) -> list[str]:
    """POST endpoints without arguments (their GET shows the form), but not sign-out."""
    skip = {"accounts.logout", "accounts.revoke_sessions", "accounts.login"}
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods
        and "GET" in rule.methods
        and not rule.arguments
        and rule.endpoint not in skip
    )


VIETNAMESE_ORACLE = [
    _pattern(m) for m in set(MESSAGES.values()) | {p[0] for p in PLURAL_MESSAGES.values()}
]


def test_every_form_page_answers_in_the_readers_language(app, client, world, login_as):
    pages = _form_pages(app)
    assert "/exemplars/new" in pages and "/deadlines/new" in pages
    checked, english_in_vietnamese, vietnamese_in_english = 0, [], []
    for locale in ("vi", "en"):
        client.post(f"/lang/{locale}")
        refresh()  # the test's app context outlives requests: forget the cached locale
        for path in pages:
            for user in (world.office, world.coordinator_a):
                login_as(user)
                form_page = client.get(path)
                if form_page.status_code != 200:
                    continue
                names = _parse(form_page.get_data(as_text=True)).fields
                for data in ({}, dict.fromkeys(names, "abc")):
                    answer = client.post(path, data=data)
                    texts = _parse(answer.get_data(as_text=True)).texts
                    checked += 1
                    for text in texts:
                        if locale == "vi" and any(p.search(text) for p in ENGLISH_ORACLE):
                            english_in_vietnamese.append(f"{path}: {text}")
                        if locale == "en" and any(p.search(text) for p in VIETNAMESE_ORACLE):
                            vietnamese_in_english.append(f"{path}: {text}")
                break
    assert checked > 30
    assert english_in_vietnamese == []
    assert vietnamese_in_english == []


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("vi", "Vui lòng nhập một số nguyên, ví dụ 2025."), ("en", "Please enter a whole number")],
)
def test_a_wrong_year_is_answered_on_the_page(client, world, login_as, locale, expected):
    """The page walk above can fail: a year typed as text is answered in words."""
    client.post(f"/lang/{locale}")
    login_as(world.office)
    page = client.post("/criteria/periods/new", data={"name": "2026-2030", "start_year": "abc"})
    assert expected in page.get_data(as_text=True)
