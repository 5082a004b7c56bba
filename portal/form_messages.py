"""The built-in messages of WTForms and Flask-WTF in the portal's own catalogue.

WTForms ships no Vietnamese catalogue, and Flask-WTF's CSRF messages are not
translated at all. Every form of the portal (through `portal.forms_base`) asks
`FormTranslations` for its messages: it maps WTForms' English text to a Vietnamese
message id of the portal, which the catalogue turns into English again in the
English interface. Numbers and dates put into the messages are written the
portal's way (0,5; 100.000; 05/06/2025) in both languages, as on every page.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from babel import numbers as babel_numbers
from flask_babel import get_translations

from portal.formatting import format_date
from portal.msgids import N_, NP_

REQUIRED = N_("Vui lòng nhập thông tin này.")
INVALID_CHOICE = N_("Lựa chọn không hợp lệ.")

# WTForms' English msgid -> the portal's Vietnamese msgid (placeholders kept).
MESSAGES: dict[str, str] = {
    # validators
    "This field is required.": REQUIRED,
    "Invalid field name '%s'.": N_("Tên trường không hợp lệ: '%s'."),
    "Field must be equal to %(other_name)s.": N_("Phải trùng với trường %(other_name)s."),
    "Field must be between %(min)d and %(max)d characters long.": N_(
        "Độ dài phải từ %(min)d đến %(max)d ký tự."
    ),
    "Number must be at least %(min)s.": N_("Số phải lớn hơn hoặc bằng %(min)s."),
    "Number must be at most %(max)s.": N_("Số phải nhỏ hơn hoặc bằng %(max)s."),
    "Number must be between %(min)s and %(max)s.": N_("Số phải từ %(min)s đến %(max)s."),
    "Date must be at least %(min)s.": N_("Ngày không được trước %(min)s."),
    "Date must be at most %(max)s.": N_("Ngày không được sau %(max)s."),
    "Date must be between %(min)s and %(max)s.": N_("Ngày phải từ %(min)s đến %(max)s."),
    "Invalid input.": N_("Giá trị không đúng định dạng."),
    "Invalid email address.": N_("Địa chỉ email không hợp lệ."),
    "Invalid IP address.": N_("Địa chỉ IP không hợp lệ."),
    "Invalid Mac address.": N_("Địa chỉ MAC không hợp lệ."),
    "Invalid URL.": N_("Đường dẫn (URL) không hợp lệ."),
    "Invalid UUID.": N_("Mã UUID không hợp lệ."),
    "Invalid value, must be one of: %(values)s.": N_(
        "Giá trị không hợp lệ, phải là một trong: %(values)s."
    ),
    "Invalid value, can't be any of: %(values)s.": N_(
        "Giá trị không hợp lệ, không được là: %(values)s."
    ),
    "This field cannot be edited.": N_("Không được sửa trường này."),
    "This field is disabled and cannot have a value.": N_(
        "Trường này bị khóa nên không được có giá trị."
    ),
    # fields
    "Not a valid choice.": INVALID_CHOICE,
    "Invalid Choice: could not coerce.": INVALID_CHOICE,
    "Choices cannot be None.": N_("Chưa có lựa chọn nào để chọn."),
    "Invalid choice(s): one or more data inputs could not be coerced.": N_(
        "Có lựa chọn không hợp lệ."
    ),
    "Not a valid integer value.": N_("Vui lòng nhập một số nguyên, ví dụ 2025."),
    "Not a valid decimal value.": N_("Vui lòng nhập một số."),
    "Not a valid float value.": N_("Vui lòng nhập một số."),
    "Not a valid date value.": N_("Ngày không hợp lệ (dd/mm/yyyy)."),
    "Not a valid datetime value.": N_("Ngày giờ không hợp lệ (dd/mm/yyyy hh:mm)."),
    "Not a valid time value.": N_("Giờ không hợp lệ (hh:mm)."),
    "Not a valid week value.": N_("Tuần không hợp lệ."),
    # Flask-WTF file fields
    "File does not have an approved extension: {extensions}": N_(
        "Loại tệp không được nhận; chỉ nhận: {extensions}"
    ),
    "File does not have an approved extension.": N_("Loại tệp không được nhận."),
    # CSRF: WTForms' session CSRF, then Flask-WTF's (form field and CSRFProtect)
    "Invalid CSRF Token.": N_("Mã bảo vệ biểu mẫu không hợp lệ."),
    "CSRF token missing.": N_("Thiếu mã bảo vệ biểu mẫu."),
    "CSRF failed.": N_("Mã bảo vệ biểu mẫu không hợp lệ."),
    "CSRF token expired.": N_("Biểu mẫu đã để quá lâu nên đã hết hạn."),
    "The CSRF token is missing.": N_("Thiếu mã bảo vệ biểu mẫu."),
    "The CSRF session token is missing.": N_(
        "Phiên làm việc không còn mã bảo vệ biểu mẫu (có thể cookie đã bị xóa)."
    ),
    "The CSRF token has expired.": N_("Biểu mẫu đã để quá lâu nên đã hết hạn."),
    "The CSRF token is invalid.": N_("Mã bảo vệ biểu mẫu không hợp lệ."),
    "The CSRF tokens do not match.": N_(
        "Mã bảo vệ biểu mẫu không khớp với phiên làm việc hiện tại."
    ),
    "The referrer header is missing.": N_("Trình duyệt không gửi trang nguồn (Referer)."),
    "The referrer does not match the host.": N_("Biểu mẫu được gửi từ một trang khác."),
    "CSRF validation failed.": N_("Kiểm tra mã bảo vệ biểu mẫu không đạt."),
}

# WTForms' (singular, plural) -> the portal's Vietnamese pair (the same words twice:
# Vietnamese has one form; the English catalogue has both).
PLURAL_MESSAGES: dict[tuple[str, str], tuple[str, str]] = {
    (
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
    ): NP_("Phải có ít nhất %(min)d ký tự.", "Phải có ít nhất %(min)d ký tự."),
    (
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
    ): NP_(
        "Không được dài quá %(max)d ký tự (hiện có %(length)d).",
        "Không được dài quá %(max)d ký tự (hiện có %(length)d).",
    ),
    (
        "Field must be exactly %(max)d character long.",
        "Field must be exactly %(max)d characters long.",
    ): NP_("Phải có đúng %(max)d ký tự.", "Phải có đúng %(max)d ký tự."),
    (
        "'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.",
    ): NP_(
        "'%(value)s' không phải là lựa chọn hợp lệ.", "'%(value)s' không phải là lựa chọn hợp lệ."
    ),
}

# Flask-WTF's FileSize formats its numbers before asking for the translation.
_FILE_SIZE = re.compile(r"File must be between (\d+) and (\d+) bytes\.")
FILE_SIZE = N_("Tệp phải có dung lượng từ %(min)s đến %(max)s byte.")

_CONVERSION = re.compile(r"%\((\w+)\)[sd]")


def vn_value(value: object) -> object:
    """A number or date as the portal writes it: 0,5; 2000; 100.000; 05/06/2025.
    Numbers under 10.000 keep no grouping dot, so that years read as years."""
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    pattern = "0.######" if abs(exact) < 10_000 else "#,##0.######"
    return babel_numbers.format_decimal(exact, pattern, locale="vi")


class FormattedMessage(str):
    """A translated message whose `%` (applied by WTForms) writes numbers and dates
    the portal's way; `%(n)d` placeholders accept the formatted text."""

    __slots__ = ()

    def __mod__(self, values: object) -> str:
        if not isinstance(values, dict):
            return str.__mod__(self, values)
        template = _CONVERSION.sub(r"%(\1)s", self)
        return template % {key: vn_value(value) for key, value in values.items()}


def translate(message: str) -> str:
    """WTForms' or Flask-WTF's English `message` in the current language; a message
    that is not theirs (a label, the portal's own text) comes back unchanged."""
    msgid = MESSAGES.get(message)
    if msgid is not None:
        return FormattedMessage(get_translations().gettext(msgid))
    size = _FILE_SIZE.fullmatch(message or "")
    if size:
        low, high = (int(group) for group in size.groups())
        return FormattedMessage(get_translations().gettext(FILE_SIZE)) % {
            "min": low,
            "max": high,
        }
    return message


def translate_plural(singular: str, plural: str, n: int) -> str:
    pair = PLURAL_MESSAGES.get((singular, plural))
    if pair is None:
        return singular if n == 1 else plural
    return FormattedMessage(get_translations().ngettext(pair[0], pair[1], n))


class FormTranslations:
    """What WTForms' `Meta.get_translations` returns: gettext/ngettext that read the
    portal's catalogue in the language of the request, at the moment of validation."""

    def gettext(self, string: str) -> str:
        return translate(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return translate_plural(singular, plural, n)


FORM_TRANSLATIONS = FormTranslations()
