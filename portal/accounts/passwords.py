"""The password rules: long enough, not common, not the person's email or name, not
the current password. Applied wherever a person chooses a password (reset, change)."""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from flask_babel import lazy_gettext as _l

from portal.accounts.models import User
from portal.rules import RuleError

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 128
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")

TOO_COMMON = _l("Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác.")
LIKE_ACCOUNT = _l("Mật khẩu không được trùng với email hoặc họ tên của bạn.")
SAME_AS_CURRENT = _l("Mật khẩu mới phải khác mật khẩu hiện tại.")


@functools.cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _plain(text: str) -> str:
    """Lower case, without accents or anything but letters and digits: "Nguyễn Văn An"
    and "nguyenvanan" compare equal."""
    text = unicodedata.normalize("NFKD", (text or "").lower().replace("đ", "d"))
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


def check(user: User, password: str, field: str = "new_password") -> None:
    """Raise RuleError (on `field`) when `password` breaks a rule for `user`."""
    if not MIN_PASSWORD_LENGTH <= len(password or "") <= MAX_PASSWORD_LENGTH:
        raise RuleError(
            _l(
                "Mật khẩu phải có từ %(min)d đến %(max)d ký tự.",
                min=MIN_PASSWORD_LENGTH,
                max=MAX_PASSWORD_LENGTH,
            ),
            field,
        )
    if password.lower() in common_passwords() or _plain(password) in common_passwords():
        raise RuleError(TOO_COMMON, field)
    plain = _plain(password)
    email = (user.email or "").lower()
    personal = {_plain(email), _plain(email.split("@")[0]), _plain(user.full_name)}
    if plain in personal - {""}:
        raise RuleError(LIKE_ACCOUNT, field)
    if user.check_password(password):
        raise RuleError(SAME_AS_CURRENT, field)
