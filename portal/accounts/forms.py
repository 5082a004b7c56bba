"""Forms of the account pages: sign in, forgotten password, new password."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from portal.accounts.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from portal.forms_base import PortalForm

REQUIRED = _l("Vui lòng nhập thông tin này.")


class LoginForm(PortalForm):
    email = EmailField(_l("Email"), validators=[DataRequired(REQUIRED), Length(max=255)])
    password = PasswordField(
        _l("Mật khẩu"), validators=[DataRequired(REQUIRED), Length(max=MAX_PASSWORD_LENGTH)]
    )
    remember = BooleanField(_l("Ghi nhớ đăng nhập trên máy này"))
    next = HiddenField()
    submit = SubmitField(_l("Đăng nhập"))


class ForgotPasswordForm(PortalForm):
    email = EmailField(
        _l("Email"),
        validators=[
            DataRequired(REQUIRED),
            Email(_l("Địa chỉ email không hợp lệ.")),
            Length(max=255),
        ],
    )
    submit = SubmitField(_l("Gửi liên kết đặt lại mật khẩu"))


def _new_password_fields() -> tuple[PasswordField, PasswordField]:
    new = PasswordField(
        _l("Mật khẩu mới"),
        validators=[
            DataRequired(REQUIRED),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=MAX_PASSWORD_LENGTH,
                message=_l("Mật khẩu phải có từ %(min)d đến %(max)d ký tự."),
            ),
        ],
        description=_l("Ít nhất %(n)d ký tự.", n=MIN_PASSWORD_LENGTH),
    )
    confirm = PasswordField(
        _l("Nhập lại mật khẩu mới"),
        validators=[
            DataRequired(REQUIRED),
            EqualTo("new_password", _l("Hai mật khẩu không khớp nhau.")),
            Length(max=MAX_PASSWORD_LENGTH),
        ],
    )
    return new, confirm


class ResetPasswordForm(PortalForm):
    new_password, confirm = _new_password_fields()
    submit = SubmitField(_l("Lưu mật khẩu"))


class ChangePasswordForm(PortalForm):
    current_password = PasswordField(
        _l("Mật khẩu hiện tại"),
        validators=[DataRequired(REQUIRED), Length(max=MAX_PASSWORD_LENGTH)],
    )
    new_password, confirm = _new_password_fields()
    submit = SubmitField(_l("Đổi mật khẩu"))


class RevokeSessionsForm(PortalForm):
    """ "Đăng xuất khỏi mọi thiết bị": a button, protected by the CSRF token."""

    submit = SubmitField(_l("Đăng xuất khỏi mọi thiết bị"))
